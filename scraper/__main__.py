"""``python -m scraper`` is ``errcat``."""

from scraper.cli import main

raise SystemExit(main())
