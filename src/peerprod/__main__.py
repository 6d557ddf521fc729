"""Run the ``peerprod`` command line as ``python -m peerprod``."""

from __future__ import annotations

from peerprod.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
