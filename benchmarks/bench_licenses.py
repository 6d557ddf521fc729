"""Classify SPDX expressions: cold, warm, against license-expression's own parse.

The corpus has a few hundred distinct expressions drawn with a long-tailed (Zipf)
frequency: the common licenses (MIT, Apache-2.0, BSD, GPL) most often, then
compound expressions built from random ids of the shipped index. "cold" classifies
each distinct expression once with peerprod's caches emptied (the index stays
loaded); "stream" classifies the whole stream once, starting from empty caches;
"warm" classifies it again with the caches full. The
one-time cost of importing license-expression and reading the index and the
mapping table is measured in a fresh interpreter.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from typing import Any

import license_expression

from benchmarks._measure import best_time
from peerprod.licenses import expression as licenses

COMMON = (
    "MIT",
    "Apache-2.0",
    "BSD-3-Clause",
    "BSD-2-Clause",
    "GPL-2.0-only",
    "GPL-3.0-or-later",
    "ISC",
    "LGPL-2.1-or-later",
    "MPL-2.0",
    "MIT OR Apache-2.0",
    "GPL-2.0-or-later",
    "Apache-2.0 WITH LLVM-exception",
    "GPL-2.0-only WITH Classpath-exception-2.0",
    "AGPL-3.0-only",
    "CC-BY-4.0",
    "CC0-1.0",
    "Unlicense",
    "BSD-3-Clause OR GPL-2.0-only",
    "CC-BY-SA-4.0",
    "EPL-2.0",
)


def corpus(distinct: int, draws: int, seed: int = 97) -> tuple[list[str], list[str]]:
    """The distinct expressions, most common first, and a long-tailed stream of draws."""
    rng = random.Random(seed)
    ids = licenses.known_ids()
    exceptions = licenses.known_ids(exceptions=True)
    expressions = list(COMMON)
    seen = set(expressions)
    while len(expressions) < distinct:
        terms = []
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            term = rng.choice(ids)
            if rng.random() < 0.1:
                term = f"{term} WITH {rng.choice(exceptions)}"
            terms.append(term)
        expression = rng.choice((" OR ", " AND ")).join(terms)
        if expression not in seen:
            seen.add(expression)
            expressions.append(expression)
    weights = [1 / (rank + 1) ** 1.2 for rank in range(len(expressions))]
    return expressions, rng.choices(expressions, weights=weights, k=draws)


def _clear() -> None:
    licenses._classify.cache_clear()
    licenses._license_symbol.cache_clear()
    licenses._exception_symbol.cache_clear()


def index_load_seconds() -> float:
    """Seconds to import license-expression and read the index and table, in a new process."""
    code = (
        "import time, peerprod.licenses.expression as L\n"
        "t = time.perf_counter(); L._tables(); L._parser()\n"
        "print(time.perf_counter() - t)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return float(out)


def run(sizes: tuple[int, ...] = (300, 20_000)) -> list[dict[str, Any]]:
    """Measure and return one row of figures."""
    distinct, draws = sizes
    expressions, stream = corpus(distinct, draws)
    licenses._tables()

    def cold() -> None:
        _clear()
        for expression in expressions:
            licenses.classify_license(expression)

    def warm() -> None:
        for expression in stream:
            licenses.classify_license(expression)

    spdx = license_expression.get_spdx_licensing()

    def library_parse() -> None:
        for expression in expressions:
            spdx.parse(expression)

    cold_s = best_time(cold)
    _clear()
    start = time.perf_counter()
    warm()  # the stream as a long-running process meets it: each distinct expression cold once
    first_s = time.perf_counter() - start
    warm_s = best_time(warm)
    parse_s = best_time(library_parse)
    load_s = index_load_seconds()
    return [
        {
            "distinct": distinct,
            "draws": draws,
            "cold/s": distinct / cold_s,
            "stream/s": draws / first_s,
            "warm/s": draws / warm_s,
            "le parse/s": distinct / parse_s,
            "cold/parse": cold_s / parse_s,
            "index load s": load_s,
        }
    ]


if __name__ == "__main__":
    from benchmarks._measure import print_table

    print_table(__doc__.strip().splitlines()[0], run())
