"""Fuzz targets, one module an area, driven by tests/fuzz/run.py (not collected by pytest)."""
