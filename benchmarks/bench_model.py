"""Build, validate, dump and load ecosystems of 1k, 10k and 100k actors.

Relations grow in proportion to the actors: a platform, a commons and an
arrangement per ten actors, a funding stream per five, a coalition of ten
members per hundred. Times are the best of three runs; peak memory is
measured in a separate run under tracemalloc, which slows code down.
"""

from __future__ import annotations

import json
from typing import Any

from benchmarks._measure import best_time, peak_memory
from peerprod import (
    Actor,
    ActorKind,
    Arrangement,
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
    Platform,
    Reciprocity,
    Relation,
    Resource,
    ValueCapture,
    serialization,
)

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
            contribution=Contribution.CREATIVE_WORK,
            parameters=Control.SHARED,
            design=Control.PARTICIPANTS,
            relation=Relation.CONNECTED,
            platform_control=Control.SHARED,
            value_chain_control=Control.SHARED,
            output_regime=LicenseKind.COMMONS,
            value_capture=ValueCapture.OPEN_MARKET,
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


def run(sizes: tuple[int, ...] = SIZES) -> list[dict[str, object]]:
    """Measure every stage at every size; one row per size."""
    rows: list[dict[str, object]] = []
    for n in sizes:
        sections = parts(n)
        eco = build(sections)
        text = serialization.dumps_json(eco, indent=None)
        entities = len(eco)
        t_values = best_time(lambda: parts(n))
        t_build = best_time(lambda: build(sections))
        t_dump = best_time(lambda: serialization.dumps_json(eco, indent=None))
        t_load = best_time(lambda: serialization.loads_json(text))
        t_json = best_time(lambda: json.loads(text))
        _, m_build = peak_memory(lambda: build(sections))
        _, m_load = peak_memory(lambda: serialization.loads_json(text))
        rows.append(
            {
                "actors": n,
                "entities": entities,
                "MB json": len(text) / 1e6,
                "values s": t_values,
                "validate s": t_build,
                "dump s": t_dump,
                "load s": t_load,
                "json.loads s": t_json,
                "load/json": t_load / t_json,
                "load us/entity": t_load / entities * 1e6,
                "peak validate MB": m_build / 1e6,
                "peak load MB": m_load / 1e6,
            }
        )
    return rows
