"""Run every peerprod benchmark and print the figures.

Usage: ``nox -s bench`` or ``python benchmarks/run.py [--quick]``. ``--quick``
uses small sizes, to check that the benchmarks still run.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._measure import print_table

# The million-node graph run takes tens of minutes under tracemalloc; run it
# alone with `python -m benchmarks.bench_graph 1000000 --no-memory --repeat 1`.
DEFAULT: dict[str, tuple[int, ...]] = {
    "bench_graph": (1_000, 10_000, 100_000),
}
QUICK: dict[str, tuple[int, ...]] = {
    "bench_cli": (3,),
    "bench_model": (1_000, 2_000),
    "bench_licenses": (300, 2_000),
    "bench_classify": (10_000,),
    "bench_graph": (1_000, 2_000),
}

OPTIONAL: frozenset[str] = frozenset({"numpy", "license_expression"})
"""Packages of the ``bench`` extra whose absence skips a benchmark instead of failing it."""


def main() -> None:
    """Run the benchmark modules that exist and print one table each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("only", nargs="*", help="benchmark modules to run (default: all)")
    args = parser.parse_args()
    names = args.only or [
        "bench_model",
        "bench_licenses",
        "bench_classify",
        "bench_cli",
        "bench_graph",
    ]
    if args.quick:
        print(
            "quick run: small sizes, to check that every benchmark still runs; "
            "its ratios are noisy, and PASS or FAIL here is not the measure (run without --quick)"
        )
    for name in names:
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ModuleNotFoundError as exc:
            # Only an optional extra may be missing; anything else is a broken benchmark.
            if exc.name not in OPTIONAL:
                raise
            print(f"\n{name}: skipped ({exc}; install peerprod[bench])")
            continue
        sizes = (QUICK if args.quick else DEFAULT).get(name)
        rows = module.run(sizes) if sizes is not None else module.run()
        print_table(f"{name}: {(module.__doc__ or '').strip().splitlines()[0]}", rows)


if __name__ == "__main__":
    main()
