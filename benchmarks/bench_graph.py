"""Benchmark: graph export and import at growing sizes, against networkx's own writers and readers.

For each size (a number of nodes; edges grow in proportion, 17 for every 10
nodes) it times to_graph and from_graph, and writing and reading GraphML,
GEXF and node-link JSON through peerprod.graphs. Each file operation is
timed again through networkx alone on the same graph or the same bytes, and
the ratio of the two is reported (the goal for export is at most 1.3). Time
per node staying flat as sizes grow shows linear growth.

Timing runs without tracemalloc, which slows Python several times; peak
memory is measured in a second, traced run of the same operation.

Run ``python benchmarks/run.py bench_graph`` for the default sizes, or
``python -m benchmarks.bench_graph 1000 10000`` from the repository root to
choose them (sizes are node counts; 1,000,000 takes many minutes and GiB).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import networkx as nx

from benchmarks._measure import best_time, peak_memory, print_table
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
    PartnerState,
    Period,
    Platform,
    PublicRole,
    Reciprocity,
    Relation,
    Resource,
    Scale,
    ValueCapture,
)
from peerprod.graphs import formats as graph_io
from peerprod.graphs.convert import from_graph, to_graph
from peerprod.graphs.formats import NODE_LINK_KEYS

BLOCK = 10
"""Nodes in one block of the synthetic ecosystem."""

GPL = License(expression="GPL-3.0-only", kind=LicenseKind.COMMONS, reciprocity=Reciprocity.STRONG)


def synthetic(nodes: int) -> Ecosystem:
    """An ecosystem of ``nodes`` entities (rounded up to a block of 10) and 1.7 edges per node."""
    actors: list[Actor] = []
    platforms: list[Platform] = []
    commons: list[Commons] = []
    coalitions: list[Coalition] = []
    funding: list[FundingStream] = []
    partner_states: list[PartnerState] = []
    arrangements: list[Arrangement] = []
    for i in range(-(-nodes // BLOCK)):
        c, b, f, g = f"c{i}", f"b{i}", f"f{i}", f"g{i}"
        actors += [
            Actor(id=c, kind=ActorKind.COMMUNITY, name=f"Community {i}"),
            Actor(id=b, kind=ActorKind.BUSINESS, name=f"Business {i}"),
            Actor(id=f, kind=ActorKind.FOUNDATION, name=f"Foundation {i}"),
            Actor(id=g, kind=ActorKind.PUBLIC_AUTHORITY, name=f"City {i}"),
        ]
        platforms.append(Platform(id=f"p{i}", name=f"Forge {i}", initiators=(c,), operator=f))
        commons.append(
            Commons(
                id=f"k{i}", name=f"Code {i}", resources=(Resource.SOFTWARE,), license=GPL,
                platform=f"p{i}", community=(c,),
            )
        )  # fmt: skip
        coalitions.append(
            Coalition(
                id=f"co{i}", name=f"Board {i}", body="Board", foundation=f, commons=(f"k{i}",),
                members=(Membership(actor=b, weight=2), Membership(actor=c, weight=1)),
            )
        )  # fmt: skip
        funding.append(
            FundingStream(
                id=f"s{i}", source=b, recipient=f"k{i}", channel=FundingChannel.THROUGH_FOUNDATION,
                via=f, amount=1000, currency="EUR", period=Period.YEAR,
            )
        )  # fmt: skip
        partner_states.append(
            PartnerState(
                id=f"ps{i}", authority=g, scale=Scale.CITY, roles=(PublicRole.FUNDER,),
                engages=(f"co{i}",),
            )
        )  # fmt: skip
        arrangements.append(
            Arrangement(
                id=f"a{i}", name=f"Development {i}", contribution=Contribution.CREATIVE_WORK,
                parameters=Control.PARTICIPANTS, design=Control.PARTICIPANTS,
                relation=Relation.CONNECTED, platform_control=Control.SHARED,
                value_chain_control=Control.SHARED, output_regime=LicenseKind.COMMONS,
                value_capture=ValueCapture.OPEN_MARKET, organizer=b, participants=c,
                platform=f"p{i}", commons=f"k{i}",
            )
        )  # fmt: skip
    return Ecosystem(
        id="synthetic", name="Synthetic", actors=actors, platforms=platforms, commons=commons,
        coalitions=coalitions, funding=funding, partner_states=partner_states,
        arrangements=arrangements,
    )  # fmt: skip


def _nx_graphml(graph: Any) -> bytes:
    buffer = io.BytesIO()
    graph_id = graph.graph.get("id")
    nx.write_graphml_xml(graph, buffer, encoding="utf-8", prettyprint=True)
    if graph_id is not None:
        graph.graph["id"] = graph_id  # networkx's writer pops it from the graph it writes
    return buffer.getvalue()


def _nx_gexf(graph: Any) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    return buffer.getvalue()


def _nx_node_link(graph: Any) -> str:
    return json.dumps(nx.node_link_data(graph, **NODE_LINK_KEYS), indent=2, ensure_ascii=False)


def _nx_read_gexf(data: bytes) -> Any:
    return nx.read_gexf(io.BytesIO(data))


def _nx_read_node_link(text: str) -> Any:
    return nx.node_link_graph(json.loads(text), directed=True, multigraph=True, **NODE_LINK_KEYS)


Operation = Callable[[Any], object]

WRITERS: dict[str, tuple[Operation, Operation]] = {
    "graphml": (graph_io.dumps_graphml, _nx_graphml),
    "gexf": (graph_io.dumps_gexf, _nx_gexf),
    "node-link": (graph_io.dumps_node_link, _nx_node_link),
}
"""peerprod's writer and networkx's own, for each format."""

READERS: dict[str, tuple[Callable[..., Any], Operation]] = {
    # networkx's readers parse with the standard library directly; peerprod
    # parses with defusedxml and hands the tree to networkx's reader.
    "graphml": (graph_io.loads_graphml, nx.parse_graphml),
    "gexf": (graph_io.loads_gexf, _nx_read_gexf),
    "node-link": (graph_io.loads_node_link, _nx_read_node_link),
}
"""peerprod's reader and networkx's own, for each format."""


def _measure(
    operation: str,
    nodes: int,
    edges: int,
    ours: Callable[[], object],
    theirs: Callable[[], object] | None,
    *,
    memory: bool,
    repeat: int,
) -> dict[str, Any]:
    seconds = best_time(ours, repeat)
    baseline = best_time(theirs, repeat) if theirs is not None else None
    return {
        "nodes": nodes,
        "edges": edges,
        "operation": operation,
        "seconds": seconds,
        "us_per_node": seconds / nodes * 1e6,
        "peak_mib": peak_memory(ours)[1] / 2**20 if memory else None,
        "networkx_seconds": baseline,
        "ratio": None if baseline is None else seconds / baseline,
    }


def _from_file(read: Callable[..., Any], data: object) -> Ecosystem:
    # The files of a million nodes are larger than the readers' default limit.
    return from_graph(read(data, max_bytes=None))


def run(
    sizes: Sequence[int] = (1_000, 10_000, 100_000, 1_000_000),
    *,
    formats: Sequence[str] = ("graphml", "gexf", "node-link"),
    memory: bool = True,
    repeat: int = 3,
) -> list[dict[str, Any]]:
    """Measure every operation at every size.

    Args:
        sizes: Node counts.
        formats: Which file formats to measure (keys of WRITERS).
        memory: Also measure peak memory (a second, traced run of each operation).
        repeat: Time each operation this many times and keep the fastest
            (once only above 100,000 nodes).

    Returns:
        One row per size and operation: ``nodes``, ``edges``, ``operation``,
        ``seconds``, ``us_per_node``, ``peak_mib`` (None without ``memory``),
        ``networkx_seconds`` and ``ratio`` (peerprod's time over networkx's on
        the same graph or bytes; None where networkx has no counterpart).
    """
    rows: list[dict[str, Any]] = []
    for size in sizes:
        options: dict[str, Any] = {"memory": memory, "repeat": repeat if size <= 100_000 else 1}
        eco = synthetic(size)
        graph = to_graph(eco)
        shape = (graph.number_of_nodes(), graph.number_of_edges())
        rows.append(_measure("to_graph", *shape, partial(to_graph, eco), None, **options))
        no_verdicts = partial(to_graph, eco, verdicts=False)
        rows.append(_measure("to_graph, no verdicts", *shape, no_verdicts, None, **options))
        rows.append(_measure("from_graph", *shape, partial(from_graph, graph), None, **options))
        for name in formats:
            ours, theirs = WRITERS[name]
            data = ours(graph)
            baseline = partial(theirs, graph)
            rows.append(
                _measure(f"write {name}", *shape, partial(ours, graph), baseline, **options)
            )
            rows.append(
                _measure(f"ecosystem to {name}", *shape, partial(ours, eco), baseline, **options)
            )
            read, their_read = READERS[name]
            rows.append(
                _measure(
                    f"read {name}", *shape, partial(read, data, max_bytes=None),
                    partial(their_read, data), **options,
                )
            )  # fmt: skip
            rows.append(
                _measure(
                    f"{name} to ecosystem", *shape, partial(_from_file, read, data), None,
                    **options,
                )
            )  # fmt: skip
        del eco, graph
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--formats", nargs="*", default=["graphml", "gexf", "node-link"])
    parser.add_argument("--no-memory", action="store_true", help="skip the traced runs")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the fastest counts")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    for size in args.sizes:
        # One table per size, printed as soon as it is measured: the largest take long.
        rows = run([size], formats=args.formats, memory=not args.no_memory, repeat=args.repeat)
        if args.json:
            print(json.dumps(rows, indent=2), flush=True)
        else:
            print_table(f"{size} nodes", rows)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
