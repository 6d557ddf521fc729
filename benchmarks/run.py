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
    "bench_graph": (1_000, 2_000),
}


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
    for name in names:
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ModuleNotFoundError as exc:
            print(f"\n{name}: skipped ({exc})")
            continue
        sizes = (QUICK if args.quick else DEFAULT).get(name)
        rows = module.run(sizes) if sizes is not None else module.run()
        print_table(f"{name}: {(module.__doc__ or '').strip().splitlines()[0]}", rows)


if __name__ == "__main__":
    main()
