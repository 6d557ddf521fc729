"""Fuzz targets, one module per area, driven by tests/fuzz/run.py (not collected by pytest)."""
