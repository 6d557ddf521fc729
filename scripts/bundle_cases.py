"""Build the built-in cases once, so that the command line need not parse them at start.

peerprod ships its built-in cases as TOML (``src/peerprod/cases/*.toml``), the
source of truth, and beside them ``_bundle.pickle``: every case already built, with
the SHA-256 of its source and of the model's shape. ``peerprod.cases.load`` uses a
bundled case only when both still match, so a stale bundle costs speed, never
correctness; the test suite fails while the bundle is stale.

Usage::

    python scripts/bundle_cases.py          # rebuild after editing a case or the model
    python scripts/bundle_cases.py --check  # exit 1 if the bundle is stale
"""

from __future__ import annotations

import argparse
import pickle
import sys
from importlib import resources
from typing import Any

from peerprod import cases
from peerprod.documents.io import loads_toml


def build() -> tuple[str, dict[str, Any]]:
    """The bundle: the model's shape, and each case's source digest and ecosystem."""
    built = {
        name: (cases.digest(cases.text(name)), loads_toml(cases.text(name)))
        for name in cases.names()
    }
    return cases.fingerprint(), built


def main() -> int:
    """Write the bundle, or with ``--check`` say whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the bundle is stale")
    args = parser.parse_args()
    target = resources.files("peerprod.cases").joinpath("_bundle.pickle")
    fresh = build()
    if args.check:
        # Compared as values: sets pickle in no fixed order, so the bytes may differ.
        current = pickle.loads(target.read_bytes()) if target.is_file() else None
        if current != fresh:
            print("the built-in cases' bundle is stale: run python scripts/bundle_cases.py")
            return 1
        return 0
    data = pickle.dumps(fresh, protocol=5)
    with resources.as_file(target) as path:
        path.write_bytes(data)
    print(f"wrote {target} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
