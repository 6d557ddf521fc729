"""Benchmark: documents against the standard library, for ecosystems of 1k, 10k and 100k actors.

Relations grow in proportion to the actors: a platform, a commons and an
arrangement per ten actors, a funding stream per five, a coalition of ten
members per hundred. Each figure is a ratio to what a user would otherwise
run on the same data, timed interleaved in one run (ours, then the baseline,
round after round), so the machine's load affects both alike; times are the
process's CPU time, each sample repeating a call for a tenth of a second:

- load: ``loads_json(text)`` against ``json.loads(text)`` of the same text;
  goal at most 4x, and a cost per entity that stays flat as sizes grow.
  ``json.loads`` is timed with the garbage collector paused, as loading pauses it:
  with the collector running, the baseline's own collections, whose cost depends on
  everything else the process holds, decide the ratio (at 100k actors json.loads
  takes about 150 ms without them and 270 to 350 ms with them);
- dump: ``dumps_json(eco)`` against ``json.dumps`` of the same plain data with
  the same options; goal at most 2x;
- memory: the peak of ``loads_json`` against that of ``json.loads`` under
  tracemalloc, in a separate run; goal at most 2x.

Beside the load ratio, a floor is shown for information: json.loads and then
building the same ecosystem through its constructors from ready values (see
:func:`constructors`), over json.loads alone. No converter that keeps the
constructors' checks can load faster than that.

The cost per entity is also shown without the parse (``load`` less ``json.loads``):
the parser's own cost per entity grows with the document, and that line shows how
much of the growth is peerprod's.

Each ratio is the median of the rounds, with their min and max, and PASS or
FAIL against its goal. Run ``python benchmarks/run.py bench_model`` (or
``--quick`` for 1k and 2k actors, as CI does).
"""

from __future__ import annotations

import gc
import json
import math
import statistics
import time
from typing import TYPE_CHECKING, Any

import attrs

from benchmarks._measure import peak_memory
from peerprod import (
    Actor,
    ActorKind,
    Arrangement,
    Captor,
    Channel,
    Coalition,
    Commons,
    Contribution,
    Control,
    Ecosystem,
    FundingChannel,
    FundingStream,
    License,
    LicenseKind,
    Membership,
    Monetization,
    Platform,
    Reciprocity,
    Resource,
    Source,
    documents,
)

if TYPE_CHECKING:
    from collections.abc import Callable

SIZES = (1_000, 10_000, 100_000)
KINDS = (ActorKind.COMMUNITY, ActorKind.FOUNDATION, ActorKind.BUSINESS, ActorKind.INDIVIDUAL)
GPL = License(expression="GPL-2.0-only", kind=LicenseKind.COMMONS, reciprocity=Reciprocity.STRONG)


def parts(n: int) -> dict[str, list[Any]]:
    """The sections of a synthetic ecosystem with ``n`` actors."""
    actors = [Actor(id=f"a{i}", kind=KINDS[i % 4], name=f"Actor {i}") for i in range(n)]
    platforms = [
        Platform(id=f"p{i}", name=f"Platform {i}", initiators=[f"a{i}"], operator=f"a{i + 1}")
        for i in range(0, n - 1, 10)
    ]
    commons = [
        Commons(
            id=f"k{i}",
            name=f"Commons {i}",
            resources=[Resource.SOFTWARE],
            license=GPL,
            platform=f"p{i}",
            community=[f"a{i}", f"a{i + 2}"],
        )
        for i in range(0, n - 2, 10)
    ]
    coalitions = [
        Coalition(
            id=f"c{i}",
            name=f"Coalition {i}",
            body="Board",
            members=[Membership(actor=f"a{i + j}", weight=j + 1) for j in range(10)],
            commons=[f"k{i}"],
        )
        for i in range(0, n - 10, 100)
    ]
    funding = [
        FundingStream(
            id=f"f{i}",
            source=f"a{i}",
            recipient=f"k{i - i % 10}",
            channel=FundingChannel.DIRECT,
            amount=1000 + i,
            currency="EUR",
        )
        for i in range(0, n - 10, 5)
    ]
    arrangements = [
        Arrangement(
            id=f"r{i}",
            name=f"Arrangement {i}",
            contributions={Contribution.CODE, Contribution.CONTENT},
            community=True,
            competition=False,
            monetization={Monetization(channel=Channel.SERVICES, by=Captor.ANYONE)},
            parameters=Control.SHARED,
            design=Control.PARTICIPANTS,
            joint_design=False,
            platform_control=Control.SHARED,
            value_chain_control=Control.SHARED,
            output_regime=LicenseKind.COMMONS,
            sources=[Source(title="Project governance", date="2026-11", supports=("design",))],
            participants=f"a{i}",
            platform=f"p{i}",
            commons=f"k{i}",
        )
        for i in range(0, n - 2, 10)
    ]
    return {
        "actors": actors,
        "platforms": platforms,
        "commons": commons,
        "coalitions": coalitions,
        "funding": funding,
        "arrangements": arrangements,
    }


def build(sections: dict[str, list[Any]]) -> Ecosystem:
    """Construct the ecosystem from ready values, which runs the integrity check."""
    return Ecosystem(
        id="bench",
        name="Benchmark",
        actors=sections["actors"],
        platforms=sections["platforms"],
        commons=sections["commons"],
        coalitions=sections["coalitions"],
        funding=sections["funding"],
        arrangements=sections["arrangements"],
    )


def paused(func: Callable[..., Any], *args: Any) -> Any:
    """``func(*args)`` with the garbage collector paused, as loading runs."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return func(*args)
    finally:
        if enabled:
            gc.enable()


def constructors(eco: Ecosystem) -> Callable[[], Ecosystem]:
    """A function that builds ``eco`` again through its classes' constructors alone.

    Every entity is built from its fields' ready values (nested values such as sources
    are reused, not rebuilt), then the ecosystem, which checks its integrity: what
    loading must do at the least once the parse is done. Its time over json.loads's
    is a floor under the load ratio that no converter can go below.
    """
    fields = {
        name: [
            (type(entity), {f.name: getattr(entity, f.name) for f in attrs.fields(type(entity))})
            for entity in getattr(eco, name)
        ]
        for name in ("actors", "platforms", "commons", "coalitions", "funding", "arrangements")
    }

    def construct() -> Ecosystem:
        built = {name: [cls(**kw) for cls, kw in items] for name, items in fields.items()}
        return build(built)

    return construct


GOAL_LOAD = 4.0
"""Loading costs at most this many times json.loads of the same text."""
GOAL_DUMP = 2.0
"""Dumping costs at most this many times json.dumps of the same plain data."""
GOAL_MEMORY = 2.0
"""Loading peaks at most at this many times json.loads's memory."""
GOAL_FLAT = 1.25
"""The cost per entity at the largest size is at most this many times that at the smallest."""


def interleaved(
    funcs: dict[str, Callable[[], object]], rounds: int, sample: float = 0.1
) -> dict[str, list[float]]:
    """Seconds per call of each function in each round, the functions taking turns.

    Times are CPU time of this process (:func:`time.process_time`), so that other
    processes on a shared machine do not count, and each sample repeats a call
    for at least ``sample`` seconds, so that one time slice lost to another
    process weighs little.
    """
    repeats: dict[str, int] = {}
    for name, func in funcs.items():
        start = time.process_time()
        func()
        repeats[name] = max(1, math.ceil(sample / max(time.process_time() - start, 1e-6)))
    times: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(rounds):
        for name, func in funcs.items():
            gc.collect()
            start = time.process_time()
            for _ in range(repeats[name]):
                func()
            times[name].append((time.process_time() - start) / repeats[name])
    return times


def ratio(ours: list[float], baseline: list[float]) -> tuple[float, float, float]:
    """Median, min and max of the per-round ratios."""
    ratios = [a / b for a, b in zip(ours, baseline, strict=True)]
    return statistics.median(ratios), min(ratios), max(ratios)


def verdict(label: str, measured: tuple[float, float, float], goal: float) -> str:
    """One line: the ratio with its spread, the goal, PASS or FAIL."""
    median, low, high = measured
    status = "PASS" if median <= goal else "FAIL"
    return (
        f"{label:<38} {median:5.2f}x (min {low:.2f}, max {high:.2f})   goal <= {goal:g}x   {status}"
    )


def run(sizes: tuple[int, ...] = SIZES) -> list[dict[str, object]]:
    """Measure load, dump and memory at every size; print the verdicts; one row per size."""
    rows: list[dict[str, object]] = []
    per_entity: list[float] = []
    beyond_parse: list[float] = []
    print("\nbench_model: ratios to the standard library, interleaved in one run")
    for n in sizes:
        eco = build(parts(n))
        text = documents.dumps_json(eco, indent=None)
        doc = documents.dump(eco)
        if documents.loads_json(text) != eco:
            msg = "loading the dumped text does not give the ecosystem back"
            raise AssertionError(msg)
        entities = len(eco)
        rounds = 7 if n >= 50_000 else 11
        construct = constructors(eco)
        times = interleaved(
            {
                "load": lambda: documents.loads_json(text),
                "json.loads": lambda: paused(json.loads, text),
                "constructors": lambda: paused(construct),
                "dump": lambda: documents.dumps_json(eco, indent=None),
                "json.dumps": lambda: json.dumps(doc, indent=None, ensure_ascii=False),
            },
            rounds,
        )
        _, m_json = peak_memory(lambda: json.loads(text))
        _, m_load = peak_memory(lambda: documents.loads_json(text))
        load = ratio(times["load"], times["json.loads"])
        dump = ratio(times["dump"], times["json.dumps"])
        memory = m_load / m_json
        cost = statistics.median(times["load"]) / entities
        per_entity.append(cost)
        parse = statistics.median(times["json.loads"]) / entities
        beyond_parse.append(cost - parse)
        print(verdict(f"load, {n:,} actors / json.loads", load, GOAL_LOAD))
        floor = statistics.median(
            (c + j) / j for c, j in zip(times["constructors"], times["json.loads"], strict=True)
        )
        print(f"{'  floor: parse + constructors alone':<38} {floor:5.2f}x   (information)")
        print(verdict(f"dump, {n:,} actors / json.dumps", dump, GOAL_DUMP))
        print(verdict(f"peak memory, {n:,} actors / json.loads", (memory,) * 3, GOAL_MEMORY))
        rows.append(
            {
                "actors": n,
                "entities": entities,
                "MB json": len(text.encode()) / 1e6,
                "load ms": statistics.median(times["load"]) * 1e3,
                "json.loads ms": statistics.median(times["json.loads"]) * 1e3,
                "load/json": load[0],
                "floor/json": floor,
                "load us/entity": cost * 1e6,
                "beyond parse us/entity": (cost - parse) * 1e6,
                "dump ms": statistics.median(times["dump"]) * 1e3,
                "dump/json": dump[0],
                "peak load MB": m_load / 1e6,
                "peak json MB": m_json / 1e6,
                "memory/json": memory,
            }
        )
    if len(per_entity) > 1:
        growth = per_entity[-1] / per_entity[0]
        label = f"cost per entity, {sizes[-1]:,} / {sizes[0]:,} actors"
        print(verdict(label, (growth,) * 3, GOAL_FLAT))
        # json.loads itself costs more per entity in large documents; what peerprod
        # adds to it is shown apart, for information.
        own = beyond_parse[-1] / beyond_parse[0]
        print(f"{'  of which beyond json.loads':<38} {own:5.2f}x   (information)")
    return rows
