"""Benchmark: graph export and import, each a ratio to what a user would otherwise run.

For each size (a number of nodes; edges grow in proportion, 17 for every 10 nodes) the
benchmark times peerprod against an honest baseline, interleaved round by round (the
two alternate, so drift in the machine's speed hits both), with the collector paused
for both, and prints the fastest and slowest round of each, the ratio of the fastest
rounds, the goal and PASS or FAIL:

* ``to_graph``: building the graph from an Ecosystem, against networkx building a
  MultiDiGraph of the same nodes, edges and attributes from ready lists
  (``add_nodes_from``, ``add_edges_from``). Goal: at most 1.3.
* ``export FORMAT``: an Ecosystem to the bytes of a file, against networkx building
  the same graph and writing it with its own writer (``write_graphml``,
  ``write_gexf``, ``node_link_data`` with ``json.dumps``, ``cytoscape_data`` with
  ``json.dumps``). networkx writes no DOT or Mermaid without extra packages, so
  their baseline is a plain loop writing one line per node and edge; for pictures
  it is Graphviz drawing the same DOT (pictures at 300 nodes, where Graphviz's
  layout takes seconds already). Goal:
  at most 1.3 for every format.
* ``read graphml``: against ``networkx.read_graphml`` on the same bytes. Goal: at
  most 1.3. The other readers are shown against networkx's without a goal.
* ``memory read FORMAT``: the peak memory of a read (tracemalloc) over the file's
  size. Goal: at most 8 times, plus 256 KiB.

Run ``python benchmarks/run.py bench_graph`` for the default sizes, ``--quick`` for
the small ones CI runs, or ``python -m benchmarks.bench_graph 1000 10000`` from the
repository root to choose sizes.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import shutil
import subprocess
import sys
import time
import tracemalloc
from functools import partial
from typing import TYPE_CHECKING, Any

import networkx as nx

from benchmarks._measure import print_table
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
    PartnerState,
    Period,
    Platform,
    PublicRole,
    Reciprocity,
    Resource,
    Scale,
)
from peerprod.analysis import analyse
from peerprod.graphs import formats
from peerprod.graphs.convert import from_graph, to_graph
from peerprod.graphs.formats import NODE_LINK_KEYS

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

BLOCK = 10
"""Nodes in one block of the synthetic ecosystem."""

GOAL = 1.3
"""The most a peerprod operation may cost, as a multiple of its baseline."""

MEMORY_GOAL = 8
"""The most memory a read may take, as a multiple of the file's size (plus 256 KiB)."""

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
                id=f"a{i}", name=f"Development {i}",
                contributions={Contribution.CODE, Contribution.CONTENT},
                community=True, competition=False,
                monetization={Monetization(channel=Channel.SERVICES, by=Captor.ANYONE)},
                parameters=Control.PARTICIPANTS, design=Control.PARTICIPANTS,
                joint_design=False, platform_control=Control.SHARED,
                value_chain_control=Control.SHARED, output_regime=LicenseKind.COMMONS,
                organizer=b, participants=c, platform=f"p{i}", commons=f"k{i}",
            )
        )  # fmt: skip
    return Ecosystem(
        id="synthetic", name="Synthetic", actors=actors, platforms=platforms, commons=commons,
        coalitions=coalitions, funding=funding, partner_states=partner_states,
        arrangements=arrangements,
    )  # fmt: skip


# --- baselines ------------------------------------------------------------------------------


class Prepared:
    """The nodes, edges and attributes of a graph as ready lists, for networkx to build from."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = dict(graph.graph)
        self.nodes = [(n, dict(d)) for n, d in graph.nodes(data=True)]
        self.edges = [(u, v, k, dict(d)) for u, v, k, d in graph.edges(keys=True, data=True)]

    def build(self) -> nx.MultiDiGraph:
        """networkx building the same graph: the baseline of to_graph."""
        graph = nx.MultiDiGraph()
        graph.graph.update(self.graph)
        graph.add_nodes_from(self.nodes)
        graph.add_edges_from(self.edges)
        return graph


def _nx_graphml(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    return buffer.getvalue()


def _nx_gexf(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    return buffer.getvalue()


def _nx_node_link(graph: nx.MultiDiGraph) -> str:
    return json.dumps(nx.node_link_data(graph, **NODE_LINK_KEYS))


def _nx_cytoscape(graph: nx.MultiDiGraph) -> str:
    return json.dumps(nx.cytoscape_data(graph))


def _nx_read_node_link(data: bytes) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.loads(data), **NODE_LINK_KEYS)


def _plain_dot(graph: nx.MultiDiGraph) -> str:
    # What a user writes by hand without a DOT package: a line per node and edge.
    lines = ["digraph {"]
    lines += [f'  "{n}" [label={json.dumps(d.get("name", n))}];' for n, d in graph.nodes(data=True)]
    lines += [f'  "{u}" -> "{v}" [label="{k}"];' for u, v, k in graph.edges(keys=True)]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _plain_mermaid(graph: nx.MultiDiGraph) -> str:
    ids = {node: f"n{i}" for i, node in enumerate(graph)}
    lines = ["flowchart LR"]
    lines += [f'  {ids[n]}["{d.get("name", n)}"]' for n, d in graph.nodes(data=True)]
    lines += [f'  {ids[u]} -->|"{k}"| {ids[v]}' for u, v, k in graph.edges(keys=True)]
    return "\n".join(lines) + "\n"


def _build_and(prepared: Prepared, write: Callable[[nx.MultiDiGraph], object]) -> object:
    return write(prepared.build())


def _graphviz(text: str, picture: str, _graph: object = None) -> bytes:
    done = subprocess.run(
        ["dot", f"-T{picture}"], input=text.encode(), capture_output=True, check=True
    )
    return done.stdout


BASELINE_WRITERS: dict[str, tuple[str, Callable[[nx.MultiDiGraph], object]]] = {
    "graphml": ("networkx write_graphml", _nx_graphml),
    "gexf": ("networkx write_gexf", _nx_gexf),
    "node-link": ("networkx node_link_data + json.dumps", _nx_node_link),
    "cytoscape": ("networkx cytoscape_data + json.dumps", _nx_cytoscape),
    "dot": ("a plain loop writing DOT", _plain_dot),
    "mermaid": ("a plain loop writing Mermaid", _plain_mermaid),
}
"""The writer a user would otherwise run for each format, and its name."""

BASELINE_READERS: dict[str, tuple[str, Callable[[bytes], object]]] = {
    "graphml": ("networkx read_graphml", lambda data: nx.read_graphml(io.BytesIO(data))),
    "gexf": ("networkx read_gexf", lambda data: nx.read_gexf(io.BytesIO(data))),
    "node-link": ("json.loads + networkx node_link_graph", _nx_read_node_link),
}
"""The reader a user would otherwise run for each format peerprod reads."""

PICTURES = 300
"""The size of the ecosystem drawn by Graphviz, whose layout takes most of the time."""

READ_GOALS = frozenset({"graphml"})
"""The reads with a goal; the others are shown for comparison."""


# --- measuring ------------------------------------------------------------------------------


def interleaved(
    ours: Callable[[], object], theirs: Callable[[], object], rounds: int
) -> tuple[list[float], list[float]]:
    """Time both ``rounds`` times, alternating which goes first, the collector paused."""
    mine: list[float] = []
    baseline: list[float] = []
    for index in range(rounds):
        pair = ((ours, mine), (theirs, baseline))
        for function, times in pair if index % 2 == 0 else pair[::-1]:
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                function()
                times.append(time.perf_counter() - start)
            finally:
                gc.enable()
    return mine, baseline


def _row(
    size: tuple[int, int],
    measure: str,
    baseline: str,
    mine: Sequence[float],
    theirs: Sequence[float],
    goal: float | None,
) -> dict[str, Any]:
    ratio = min(mine) / min(theirs)
    result = "" if goal is None else ("PASS" if ratio <= goal else "FAIL")
    return {
        "nodes": size[0],
        "edges": size[1],
        "measure": measure,
        "ours min s": min(mine),
        "ours max s": max(mine),
        "baseline": baseline,
        "base min s": min(theirs),
        "base max s": max(theirs),
        "ratio": ratio,
        "goal": "" if goal is None else f"<= {goal}",
        "result": result,
    }


def _peak(function: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run(
    sizes: Sequence[int] = (1_000, 10_000, 100_000),
    *,
    rounds: int | None = None,
    memory: bool = True,
    pictures: bool = True,
) -> list[dict[str, Any]]:
    """Measure every ratio at every size.

    Args:
        sizes: Node counts.
        rounds: Timed rounds of each pair (default: 15 up to 2,000 nodes, 7 up to
            10,000, 3 above).
        memory: Also measure the peak memory of each read (a traced run).
        pictures: Also draw SVG and PNG (at :data:`PICTURES` nodes, with the smallest
            size), if Graphviz is installed.

    Returns:
        One row per size and measure, with the fastest and slowest round of each side,
        the ratio of the fastest, the goal, and PASS or FAIL.
    """
    rows: list[dict[str, Any]] = []
    for size in sizes:
        # Short runs are the most disturbed by other work on the machine: more rounds.
        count = (
            rounds if rounds is not None else (15 if size <= 2_000 else 7 if size <= 10_000 else 3)
        )
        eco = synthetic(size)
        report = analyse(eco)
        graph = to_graph(eco)
        shape = (graph.number_of_nodes(), graph.number_of_edges())
        plain, derived = Prepared(graph), Prepared(to_graph(eco, report=report))
        mine, theirs = interleaved(partial(to_graph, eco), plain.build, count)
        rows.append(_row(shape, "to_graph", "networkx building it", mine, theirs, GOAL))
        mine, theirs = interleaved(partial(to_graph, eco, report=report), derived.build, count)
        rows.append(
            _row(shape, "to_graph with a report", "networkx building it", mine, theirs, GOAL)
        )
        for name, (label, write) in BASELINE_WRITERS.items():
            fmt = formats.FORMATS[name]
            mine, theirs = interleaved(
                partial(fmt.dumps, eco), partial(_build_and, plain, write), count
            )
            rows.append(_row(shape, f"export {name}", f"building + {label}", mine, theirs, GOAL))
        if pictures and size == min(sizes) and shutil.which("dot") is not None:
            rows += _pictures(min(count, 3))
        for name, fmt in formats.FORMATS.items():
            if fmt.loads is None:
                continue
            raw = fmt.dumps(eco)
            data = raw if isinstance(raw, bytes) else raw.encode()
            ours = partial(fmt.loads, data, max_bytes=None)
            if name in BASELINE_READERS:
                label, read = BASELINE_READERS[name]
                mine, theirs = interleaved(ours, partial(read, data), count)
                goal = GOAL if name in READ_GOALS else None
                rows.append(_row(shape, f"read {name}", label, mine, theirs, goal))
            if memory:
                ratio = (_peak(ours) - 256 * 1024) / len(data)
                rows.append(
                    {
                        "nodes": shape[0],
                        "edges": shape[1],
                        "measure": f"memory read {name}",
                        "ours min s": "",
                        "ours max s": "",
                        "baseline": f"file of {len(data) / 2**20:.1f} MiB",
                        "base min s": "",
                        "base max s": "",
                        "ratio": ratio,
                        "goal": f"<= {MEMORY_GOAL} (+256 KiB)",
                        "result": "PASS" if ratio <= MEMORY_GOAL else "FAIL",
                    }
                )
        start = time.perf_counter()
        from_graph(graph)
        seconds = time.perf_counter() - start
        print(f"  ({shape[0]} nodes: from_graph {seconds:.3f} s, shown without a goal)")
        del eco, graph, plain, derived
    print(summary(rows))
    return rows


def _pictures(rounds: int) -> list[dict[str, Any]]:
    """Pictures against Graphviz drawing the same DOT, at :data:`PICTURES` nodes."""
    eco = synthetic(PICTURES)
    plain = Prepared(to_graph(eco))
    shape = (len(plain.nodes), len(plain.edges))
    text = formats.dumps_dot(eco)
    rows = []
    for picture in ("svg", "png"):
        mine, theirs = interleaved(
            partial(formats.FORMATS[picture].dumps, eco),
            partial(_build_and, plain, partial(_graphviz, text, picture)),
            rounds,
        )
        label = "building + Graphviz on the same DOT"
        rows.append(_row(shape, f"export {picture}", label, mine, theirs, GOAL))
    return rows


def summary(rows: Sequence[dict[str, Any]]) -> str:
    """One line: how many goals passed, and which failed."""
    judged = [r for r in rows if r["result"]]
    failed = [f"{r['measure']} at {r['nodes']} nodes" for r in judged if r["result"] == "FAIL"]
    line = f"graph goals: {len(judged) - len(failed)} of {len(judged)} PASS"
    return line + (f"; FAIL: {', '.join(failed)}" if failed else "")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=None, help="timed rounds of each pair")
    parser.add_argument("--no-memory", action="store_true", help="skip the traced runs")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    every: list[dict[str, Any]] = []
    for size in args.sizes:
        # One table per size, printed as soon as it is measured: the largest take long.
        rows = run(
            [size],
            rounds=args.rounds,
            memory=not args.no_memory,
            pictures=size == min(args.sizes),
        )
        every += rows
        if args.json:
            print(json.dumps(rows, indent=2), flush=True)
        else:
            print_table(f"{size} nodes", rows)
            sys.stdout.flush()
    print(summary(every))


if __name__ == "__main__":
    main()
