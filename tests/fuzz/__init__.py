"""Fuzz targets, driven by ``tests/fuzz/run.py`` (``nox -s fuzz``); not collected by pytest."""
