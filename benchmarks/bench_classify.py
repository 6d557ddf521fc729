"""Classify arrangements: against a dict lookup, NumPy's take, and the arrangements alone.

Three goals, each a ratio measured in interleaved rounds in one run (min, median and
max over the rounds; the goal is judged on the median):

* ``rung_of`` on arrangements whose facts are all known costs at most 3x a plain dict
  lookup keyed by the same facts (a table the caller built in advance, read through
  the same attributes);
* ``classify_encoded`` on encoded arrangements runs at least 10 million a second,
  and costs at most 3x NumPy's ``take`` of precomputed rungs by the same cells;
* analysing a 10,000-arrangement ecosystem, every arrangement classified from the
  evidence of its layers, costs under 10x classifying its arrangements alone. Both
  start from empty caches (:func:`peerprod.classify.clear_caches`), as a new
  ecosystem does: with warm caches, classifying alone is one dictionary lookup per
  arrangement, and that ratio is printed beside, without a goal.

The corpus is drawn at random (fixed seed) from every combination of exactly known
facts, with the sets of contributions and monetizations the rules tell apart.
"""

from __future__ import annotations

import importlib.util
import operator
import random
import statistics
import time
from typing import TYPE_CHECKING, Any

from peerprod import (
    Actor,
    ActorKind,
    Arrangement,
    Coalition,
    Commons,
    ContributionTerms,
    Ecosystem,
    License,
    Membership,
    Platform,
    Resource,
    analyse,
    classify_rung,
    rung_of,
)
from peerprod.classify import cell_count, classify_encoded, clear_caches, encode
from peerprod.model.arrangement import FACTS, Control, contributions, monetization

if TYPE_CHECKING:
    from collections.abc import Callable

SIZES = (100_000,)
ECOSYSTEM = 10_000

_CONTRIBUTIONS = [
    contributions("nothing"),
    contributions("service_step"),
    contributions("assembly"),
    contributions("content"),
    contributions("code", "data"),
    contributions("ideas"),
    contributions("tasks"),
    contributions("gifts"),
    contributions("designs", "ideas"),
]
_MONETIZATIONS = [
    frozenset(),
    monetization("none"),
    monetization("product_sales by organizer"),
    monetization("attention by organizer", "attention by participants"),
    monetization("subscriptions by organizer"),
    monetization("services by anyone"),
    monetization("services by participant_vehicles"),
    monetization("fees by organizer", "services by participants"),
    monetization("licensing by organizer", "product_sales by anyone"),
]


def corpus(n: int, seed: int = 4) -> list[Arrangement]:
    """``n`` arrangements whose facts are all known, drawn uniformly (fixed seed)."""
    rng = random.Random(seed)
    controls = list(Control)
    from peerprod import LicenseKind

    regimes = list(LicenseKind)
    return [
        Arrangement(
            id=f"a{i}",
            name="A",
            contributions=rng.choice(_CONTRIBUTIONS),
            community=rng.random() < 0.5,
            competition=rng.random() < 0.5,
            monetization=rng.choice(_MONETIZATIONS),
            parameters=rng.choice(controls),
            design=rng.choice(controls),
            joint_design=rng.random() < 0.5,
            platform_control=rng.choice(controls),
            value_chain_control=rng.choice(controls),
            output_regime=rng.choice(regimes),
        )
        for i in range(n)
    ]


def ecosystem(n: int) -> Ecosystem:
    """An ecosystem of ``n`` arrangements whose platforms, commons and coalition give evidence."""
    arrangements = corpus(n)
    actors = [
        Actor(id="firm", kind=ActorKind.BUSINESS, name="Firm"),
        Actor(id="crowd", kind=ActorKind.COMMUNITY, name="Crowd"),
        Actor(id="fdn", kind=ActorKind.FOUNDATION, name="Foundation"),
    ]
    platforms = [
        Platform(id="p-firm", name="Firm's", initiators=["firm"], operator="firm"),
        Platform(id="p-fdn", name="Foundation's", initiators=["crowd"], operator="fdn"),
    ]
    commons = [
        Commons(
            id="gpl", name="GPL code", resources=[Resource.SOFTWARE],
            license=License.from_spdx("GPL-3.0-only"), platform="p-fdn",
        ),
        Commons(
            id="cla", name="CLA code", resources=[Resource.SOFTWARE],
            license=License.from_spdx("Apache-2.0"),
            contribution_terms=ContributionTerms.CLA_COMPANY, terms_holder="firm",
        ),
    ]  # fmt: skip
    coalition = Coalition(
        id="board", name="Board", body="Board", commons=["gpl"],
        members=[Membership(actor="firm", weight=3), Membership(actor="crowd", weight=1)],
    )  # fmt: skip
    placed = [
        Arrangement(
            **{
                **{name: getattr(a, name) for name in FACTS},
                "id": a.id,
                "name": a.name,
                "organizer": "firm",
                "participants": "crowd",
                "platform": platforms[i % 2].id,
                "commons": commons[i % 2].id,
            }
        )
        for i, a in enumerate(arrangements)
    ]
    return Ecosystem(
        id="big", name="Big", actors=actors, platforms=platforms, commons=commons,
        coalitions=[coalition], arrangements=placed,
    )  # fmt: skip


def _interleaved(
    pair: tuple[Callable[[], object], Callable[[], object]], rounds: int
) -> tuple[list[float], list[float]]:
    """Time two callables in turns (A, B, A, B, ...), so drift hits both alike."""
    first: list[float] = []
    second: list[float] = []
    for _ in range(rounds):
        for func, into in ((pair[0], first), (pair[1], second)):
            start = time.perf_counter()
            func()
            into.append(time.perf_counter() - start)
    return first, second


def _goal_row(
    name: str,
    ours: list[float],
    baseline: list[float],
    goal: float,
    *,
    at_most: bool = True,
) -> dict[str, object]:
    ratios = [a / b for a, b in zip(ours, baseline, strict=True)]
    median = statistics.median(ratios)
    passed = median <= goal if at_most else median >= goal
    return {
        "measure": name,
        "min": min(ratios),
        "median": median,
        "max": max(ratios),
        "goal": f"{'<=' if at_most else '>='} {goal:g}",
        "result": "PASS" if passed else "FAIL",
    }


def run(sizes: tuple[int, ...] = SIZES, rounds: int = 7) -> list[dict[str, object]]:
    """Each ratio with its goal, PASS or FAIL; one row per measure."""
    rows: list[dict[str, object]] = []
    for n in sizes:
        arrangements = corpus(n)
        facts_of = operator.attrgetter(*FACTS)
        table = {facts_of(a): rung_of(a) for a in arrangements}
        for a in arrangements[:1000]:
            assert classify_rung(a).possible == frozenset({rung_of(a)})
        ours, base = _interleaved(
            (
                lambda: [rung_of(a) for a in arrangements],
                lambda: [table[facts_of(a)] for a in arrangements],
            ),
            rounds,
        )
        rows.append(_goal_row(f"rung_of / dict lookup by the facts (n={n})", ours, base, 3))
        if importlib.util.find_spec("numpy") is not None:
            rows.extend(_numpy_rows(arrangements, rounds))
    eco = ecosystem(min(ECOSYSTEM, max(sizes)))
    n = len(eco.arrangements)

    def cold(func: Callable[[], object]) -> Callable[[], object]:
        def run_cold() -> object:
            clear_caches()
            return func()

        return run_cold

    ours, base = _interleaved(
        (cold(lambda: analyse(eco)), cold(lambda: [classify_rung(a) for a in eco.arrangements])),
        max(3, rounds // 2),
    )
    rows.append(
        _goal_row(f"analyse with evidence / classify alone ({n} arrangements)", ours, base, 10)
    )
    ours, base = _interleaved(
        (lambda: analyse(eco), lambda: [classify_rung(a) for a in eco.arrangements]),
        max(3, rounds // 2),
    )
    warm = _goal_row(f"  the same, caches warm ({n} arrangements)", ours, base, 10)
    rows.append({**warm, "goal": "", "result": ""})
    return rows


def _numpy_rows(arrangements: list[Arrangement], rounds: int) -> list[dict[str, object]]:
    import numpy as np

    cells = encode(arrangements)
    rungs = classify_encoded(cells)
    expected = [0 if (r := rung_of(a)) is None else r.number for a in arrangements]
    assert rungs.tolist() == expected
    # A million cells: big enough that per-call overhead does not dominate. The baseline
    # is the same table of rungs, taken by the same cells with no checks at all.
    many = np.resize(cells, 1_000_000)
    table: Any = classify_encoded(np.arange(cell_count(), dtype=np.uint32))
    ours, base = _interleaved((lambda: classify_encoded(many), lambda: table.take(many)), rounds)
    per_second = [len(many) / t for t in ours]
    return [
        _goal_row("classify_encoded / numpy take (1M cells)", ours, base, 3),
        {
            "measure": "classify_encoded, millions a second",
            "min": min(per_second) / 1e6,
            "median": statistics.median(per_second) / 1e6,
            "max": max(per_second) / 1e6,
            "goal": ">= 10",
            "result": "PASS" if statistics.median(per_second) >= 10e6 else "FAIL",
        },
    ]


if __name__ == "__main__":  # pragma: no cover
    from benchmarks._measure import print_table

    print_table(__doc__.strip().splitlines()[0] if __doc__ else "bench_classify", run())
