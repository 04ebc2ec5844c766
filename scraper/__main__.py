"""``python -m errcat`` is ``errcat``."""

from errcat.cli import main

raise SystemExit(main())
