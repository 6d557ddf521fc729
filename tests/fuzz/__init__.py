"""Fuzz targets, one module an area, driven by ``tests/fuzz/run.py`` (``nox -s fuzz``).

Not collected by pytest.
"""
