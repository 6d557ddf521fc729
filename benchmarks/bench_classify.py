"""Classify arrangements on the ladder: table lookup against a hand-written if-chain.

The corpus is 100,000 valid arrangements drawn at random (fixed seed) from
every combination of the eight dimensions that the consistency rules allow.
The baseline is a plain if-chain over a tuple of the eight dimension ranks,
written by hand to agree with the rules (checked on the corpus); it is timed
twice: on tuples prepared in advance, its most favourable case, and reading
the ranks from each arrangement, which is what a caller holding arrangements
pays. "ratio" is the baseline's time on prepared tuples divided by the
method's time, "ratio (reading)" the same for the baseline reading
arrangements: above 1 the method is faster than that baseline.
"""

from __future__ import annotations

import importlib.util
import itertools
import random
from typing import Any

from benchmarks._measure import best_time
from peerprod.classify import ladder
from peerprod.classify.ladder import DIMENSION_TYPES
from peerprod.errors import InvalidValue
from peerprod.model.arrangement import DIMENSIONS, Arrangement

SIZES = (100_000,)


def if_chain(ranks: tuple[int, ...]) -> int:
    """The rung number, by hand, from the eight ranks in DIMENSIONS order."""
    contribution, parameters, design, relation, platform, chain, output, capture = ranks
    if contribution < 3:
        return contribution + 1
    if design >= 2 and relation >= 2:
        if capture >= 4:
            return 10
        if parameters >= 2 and platform >= 1 and chain >= 1 and output >= 3 and capture >= 2:
            return 9 if capture >= 3 else 8
        return 7
    if design >= 1 and relation >= 1:
        return 6 if parameters >= 1 else 5
    return 4


def valid_combinations() -> list[dict[str, Any]]:
    """Every combination of dimension values that makes a valid arrangement."""
    found = []
    for combo in itertools.product(*(DIMENSION_TYPES[d] for d in DIMENSIONS)):
        values: dict[str, Any] = dict(zip(DIMENSIONS, combo, strict=True))
        try:
            Arrangement(id="x", name="x", **values)
        except InvalidValue:
            continue
        found.append(values)
    return found


def corpus(n: int, seed: int = 4) -> list[Arrangement]:
    """``n`` valid arrangements drawn uniformly from the valid combinations."""
    rng = random.Random(seed)
    combos = valid_combinations()
    return [Arrangement(id=f"a{i}", name="A", **rng.choice(combos)) for i in range(n)]


def _ranks(arrangement: Arrangement) -> tuple[int, ...]:
    return tuple(getattr(arrangement, d).rank for d in DIMENSIONS)


def run(sizes: tuple[int, ...] = SIZES) -> list[dict[str, object]]:
    """Time single and batch classification; one row per method and size."""
    rows: list[dict[str, object]] = []
    for n in sizes:
        arrangements = corpus(n)
        tuples = [_ranks(a) for a in arrangements]
        expected = [ladder.rung_of(a).number for a in arrangements]
        if [if_chain(t) for t in tuples] != expected:
            msg = "the hand-written baseline disagrees with the rules"
            raise AssertionError(msg)
        # The same compiled-table idea, applied to the baseline's own input.
        table = {_ranks(a): ladder.rung_of(a).number for a in arrangements}
        methods: dict[str, Any] = {
            "baseline: if-chain on prepared tuples": lambda: [if_chain(t) for t in tuples],
            "dict lookup on prepared tuples": lambda: [table[t] for t in tuples],
            "baseline: if-chain reading arrangements": lambda: [
                if_chain(_ranks(a)) for a in arrangements
            ],
            "rung_of, one call each": lambda: [ladder.rung_of(a) for a in arrangements],
            "classify_rung (with reasons), one each": lambda: [
                ladder.classify_rung(a) for a in arrangements
            ],
            "classify_rungs (batch)": lambda: ladder.classify_rungs(arrangements),
        }
        if importlib.util.find_spec("numpy") is not None:
            codes = ladder.encode(arrangements)
            if ladder.classify_encoded(codes).tolist() != expected:
                msg = "NumPy classification disagrees with rung_of"
                raise AssertionError(msg)
            methods["encode + classify_encoded (NumPy)"] = lambda: ladder.classify_encoded(
                ladder.encode(arrangements)
            )
            methods["classify_encoded on ready codes (NumPy)"] = lambda: ladder.classify_encoded(
                codes
            )
        times = {name: best_time(func, repeat=5) for name, func in methods.items()}
        on_tuples = times["baseline: if-chain on prepared tuples"]
        on_arrangements = times["baseline: if-chain reading arrangements"]
        for name, seconds in times.items():
            rows.append(
                {
                    "method": name,
                    "n": n,
                    "ns/item": seconds / n * 1e9,
                    "M items/s": n / seconds / 1e6,
                    "ratio": on_tuples / seconds,
                    "ratio (reading)": on_arrangements / seconds,
                }
            )
    return rows


if __name__ == "__main__":  # pragma: no cover
    from benchmarks._measure import print_table

    print_table(__doc__.strip().splitlines()[0] if __doc__ else "bench_classify", run())
