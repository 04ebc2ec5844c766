"""The built catalogs (``<id>.json``, ``index.json``), shipped as the data package
``errcat.catalogs``.

``errcat build`` writes them here; pyproject.toml maps this folder onto ``errcat.catalogs`` so the
wheel carries this one copy. Read them with :func:`errcat.catalog` and :func:`errcat.sources`.
"""
