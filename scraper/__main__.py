"""``python -m errcat`` is ``errcat``."""

from errcat.cli import console

raise SystemExit(console())
