"""Graph readers and writers under hostile input: clean errors, limits, bounded memory, safe writes.

Each reproducer of issue 11 about graph files is kept here as a regression test.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import os
import random
import tracemalloc
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerprod import Actor, ActorKind, Ecosystem, Platform, cases
from peerprod.errors import GraphTooLarge, InvalidGraph, PeerprodError, RenderError
from peerprod.graphs import from_graph, to_graph
from peerprod.graphs.formats import (
    FORMATS,
    MAX_DIGITS,
    dumps_dot,
    dumps_gexf,
    dumps_graphml,
    dumps_mermaid,
    dumps_node_link,
    loads_cytoscape,
    loads_gexf,
    loads_graphml,
    loads_node_link,
    read,
    read_graph,
    write,
)

READERS = {name: f.loads for name, f in FORMATS.items() if f.loads is not None}
HUGE = "1" * 5000
GRAPHML = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{}</graphml>'
GEXF = (
    '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
    '<graph defaultedgetype="directed">{}</graph></gexf>'
)


def problems(error: pytest.ExceptionInfo[InvalidGraph]) -> list[str]:
    return [str(p) for p in error.value.problems]


def _targets() -> list[tuple[str, Any, Any]]:
    # tests/fuzz is a folder of plain modules for the fuzz harness, not a test package.
    path = Path(__file__).parent / "fuzz" / "targets_graphs.py"
    spec = importlib.util.spec_from_file_location("peerprod_fuzz_targets_graphs", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    targets: list[tuple[str, Any, Any]] = module.TARGETS
    return targets


TARGETS = _targets()


class TestFuzz:
    """Every graph loader returns or raises a PeerprodError on hostile input, nothing else."""

    @pytest.mark.parametrize(("name", "make", "call"), TARGETS, ids=[t[0] for t in TARGETS])
    @settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
    @given(rng=st.randoms(use_true_random=False))
    def test_only_peerprod_errors(
        self, name: str, make: Any, call: Any, rng: random.Random
    ) -> None:
        data = make(rng)
        with contextlib.suppress(PeerprodError):
            call(data)

    def test_every_loader_has_a_target(self) -> None:
        assert {name for name, _, _ in TARGETS} == {*READERS, "from_graph"}

    @pytest.mark.parametrize(("name", "make", "call"), TARGETS, ids=[t[0] for t in TARGETS])
    def test_inputs_replay_from_a_seed(self, name: str, make: Any, call: Any) -> None:
        first = [make(random.Random(seed)) for seed in range(20)]
        again = [make(random.Random(seed)) for seed in range(20)]
        if name == "from_graph":
            first = [list(g.edges) if isinstance(g, nx.Graph) else g for g in first]
            again = [list(g.edges) if isinstance(g, nx.Graph) else g for g in again]
        assert repr(first) == repr(again)


class TestIssue11Reproducers:
    """Each graph input that once escaped as another exception is a clean error or a load."""

    def test_long_integers_in_node_link(self) -> None:
        text = '{"directed": true, "nodes": [{"id": "a", "x": ' + HUGE + '}], "edges": []}'
        with pytest.raises(InvalidGraph) as info:
            loads_node_link(text)
        assert problems(info) == ["$: an integer of 5000 digits; the limit is 4300"]

    def test_long_integers_in_cytoscape(self) -> None:
        text = '{"elements": {"nodes": [{"data": {"id": "a", "x": ' + HUGE + "}}]}}"
        with pytest.raises(InvalidGraph, match="an integer of 5000 digits"):
            loads_cytoscape(text)

    def test_long_integer_as_gexf_weight(self) -> None:
        data = dumps_gexf(cases.load("eclipse")).replace(b'weight="8"', f'weight="{HUGE}"'.encode())
        with pytest.raises(InvalidGraph) as info:
            loads_gexf(data)
        (problem,) = info.value.problems
        assert problem.path.startswith("line ")
        assert problem.message.endswith("an integer of 5000 digits; the limit is 4300")

    def test_long_integer_in_graphml(self) -> None:
        data = dumps_graphml(cases.load("ikea")).replace(b">3<", f">{HUGE}<".encode(), 1)
        with pytest.raises(InvalidGraph, match="an integer of 5000 digits"):
            loads_graphml(data)

    def test_yfiles_group_without_a_graph(self) -> None:
        graph = loads_graphml(
            GRAPHML.format('<graph><node id="a" yfiles.foldertype="group"/></graph>')
        )
        assert list(graph) == ["a"]

    def test_boolean_key_with_an_empty_default(self) -> None:
        text = GRAPHML.format(
            '<key id="k" for="node" attr.name="b" attr.type="boolean"><default/></key>'
            '<graph edgedefault="directed"><node id="a"/></graph>'
        )
        assert loads_graphml(text).nodes["a"] == {"b": ""}

    def test_graph_attribute_named_node_default(self) -> None:
        text = GRAPHML.format(
            '<key id="k" for="graph" attr.name="node_default" attr.type="string"/>'
            '<graph edgedefault="directed"><data key="k">x</data><node id="a"/></graph>'
        )
        graph = loads_graphml(text)
        assert graph.graph == {"node_default": "x"}
        assert graph.nodes["a"] == {}
        with pytest.raises(InvalidGraph, match="unknown field 'node_default'"):
            from_graph(graph)

    def test_500_nested_group_nodes(self) -> None:
        opening = "".join(
            f'<node id="n{i}" yfiles.foldertype="group"><graph edgedefault="directed">'
            for i in range(500)
        )
        text = GRAPHML.format(
            f'<graph edgedefault="directed">{opening}{"</graph></node>" * 500}</graph>'
        )
        with pytest.raises(InvalidGraph, match="elements nest deeper than 64"):
            loads_graphml(text)
        # A trusted file may nest deeper; the nodes are flattened into one graph.
        assert len(loads_graphml(text, max_depth=1003)) == 500

    def test_gexf_graph_attributes(self) -> None:
        with pytest.raises(InvalidGraph) as info:
            loads_gexf(GEXF.format('<attributes class="graph"/>'))
        assert [p.message for p in info.value.problems] == [
            "attributes of class 'graph': expected 'node' or 'edge'"
        ]

    def test_1000_nested_gexf_nodes(self) -> None:
        nodes = "".join(f'<nodes><node id="n{i}">' for i in range(1000))
        text = GEXF.format(nodes + "</node></nodes>" * 1000)
        with pytest.raises(InvalidGraph, match="elements nest deeper than 64"):
            loads_gexf(text)
        graph = loads_gexf(text, max_depth=2004)
        assert len(graph) == 1000
        assert graph.nodes["n1"]["pid"] == "n0"

    @pytest.mark.parametrize("loads", [loads_graphml, loads_gexf])
    def test_unknown_encoding(self, loads: Any) -> None:
        data = b"<?xml version='1.0' encoding='x-nope'?>" + GRAPHML.format("<graph/>").encode()
        with pytest.raises(
            InvalidGraph, match="cannot read the encoding: unknown encoding: x-nope"
        ):
            loads(data)

    @pytest.mark.parametrize("loads", READERS.values(), ids=list(READERS))
    def test_text_with_a_lone_surrogate(self, loads: Any) -> None:
        with pytest.raises(InvalidGraph) as info:
            loads(GRAPHML.format('<graph><node id="\ud800"/></graph>'))
        assert info.value.problems[0].message.startswith(
            "not valid Unicode: '\\ud800' at character"
        )

    @pytest.mark.parametrize("entity", ["[]", "{}"])
    def test_unhashable_entity(self, entity: str) -> None:
        graph = '"peerprod": 1, "id": "x", "name": "y"'
        node_link = (
            f'{{"directed": true, "graph": {{{graph}}}, '
            f'"nodes": [{{"id": "a", "entity": {entity}}}], "edges": []}}'
        )
        cytoscape = (
            f'{{"data": {{{graph}}}, '
            f'"elements": {{"nodes": [{{"data": {{"id": "a", "entity": {entity}}}}}]}}}}'
        )
        for loads, text in ((loads_node_link, node_link), (loads_cytoscape, cytoscape)):
            with pytest.raises(InvalidGraph) as info:
                from_graph(loads(text))
            assert problems(info)[0].startswith(
                f"nodes['a'].entity: {entity} is not one of 'actor'"
            )

    def test_a_weight_too_large_for_a_float(self) -> None:
        text = dumps_node_link(cases.load("eclipse")).replace(
            '"weight": 8', '"weight": 1' + "0" * 400
        )
        # Refused as too long before it could overflow a float.
        with pytest.raises(InvalidGraph, match=r"\.weight: a number of 401 digits is longer"):
            from_graph(loads_node_link(text))


class TestLimits:
    """Limits are configurable and checked before the expensive work."""

    @pytest.mark.parametrize("name", list(READERS))
    def test_max_digits(self, name: str) -> None:
        data = FORMATS[name].dumps(cases.load("eclipse"))
        reader = READERS[name]
        assert reader(data, max_digits=1)  # weights and layers have one digit
        with pytest.raises(InvalidGraph, match="the limit is 0"):
            reader(data, max_digits=0)
        assert MAX_DIGITS == 4300

    @pytest.mark.parametrize(
        ("name", "depth"), [("graphml", 4), ("gexf", 6), ("node-link", 3), ("cytoscape", 5)]
    )
    def test_max_depth(self, name: str, depth: int) -> None:
        # Depth counts elements in XML, objects and arrays in JSON.
        data = FORMATS[name].dumps(cases.load("ikea"))
        reader = READERS[name]
        assert reader(data, max_depth=depth)
        with pytest.raises(InvalidGraph, match=f"deeper than {depth - 1}"):
            reader(data, max_depth=depth - 1)

    @pytest.mark.parametrize("name", ["node-link", "cytoscape"])
    def test_nested_values_in_json(self, name: str) -> None:
        graph = to_graph(cases.load("ikea"))
        graph.nodes["ikea"]["deep"] = [[[[[[1]]]]]]
        data = FORMATS[name].dumps(graph)
        with pytest.raises(InvalidGraph, match="nested deeper than 8 levels"):
            READERS[name](data, max_depth=8)
        assert READERS[name](data, max_depth=20).nodes["ikea"]["deep"] == [[[[[[1]]]]]]

    def test_size_is_checked_before_parsing(self, tmp_path: Path) -> None:
        # Not XML at all: refused for its size before the parser sees a byte.
        path = tmp_path / "big.graphml"
        path.write_bytes(b"\xff" * 2048)
        with pytest.raises(GraphTooLarge) as info:
            read_graph(path, max_bytes=1024)
        assert (info.value.size, info.value.limit) == (2048, 1024)
        with pytest.raises(GraphTooLarge):
            loads_graphml(b"\xff" * 2048, max_bytes=1024)

    @pytest.mark.parametrize("name", list(READERS))
    def test_streams_are_cut_off_at_the_limit(self, name: str, tmp_path: Path) -> None:
        data = FORMATS[name].dumps(cases.load("linux"))
        raw = data if isinstance(data, bytes) else data.encode()
        path = tmp_path / "linux"
        path.write_bytes(raw)
        with path.open("rb") as stream, pytest.raises(GraphTooLarge):
            READERS[name](stream, max_bytes=len(raw) // 2)
        with path.open("rb") as stream:
            assert from_graph(READERS[name](stream)) == cases.load("linux")


class TestMemory:
    """A reader needs at most 8 times the file's size, plus 256 KiB (tracemalloc's count)."""

    @pytest.mark.parametrize("name", list(READERS))
    @pytest.mark.parametrize("case", ["ikea", "linux", "large"])
    def test_bound(self, name: str, case: str) -> None:
        eco = large() if case == "large" else cases.load(case)
        data = FORMATS[name].dumps(eco)
        gc.collect()
        tracemalloc.start()
        try:
            graph = READERS[name](data)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(graph) == len(eco)
        assert peak <= 8 * len(data) + 256 * 1024, peak / len(data)


def large() -> Ecosystem:
    """Two thousand actors, each running a platform: a file of a few hundred kB."""
    actors = [Actor(id=f"a{i}", kind=ActorKind.COMMUNITY, name=f"Actor {i}") for i in range(1000)]
    platforms = [
        Platform(id=f"p{i}", name=f"Platform {i}", initiators=[f"a{i}"], operator=f"a{i}")
        for i in range(1000)
    ]
    return Ecosystem(id="large", name="Large", actors=actors, platforms=platforms)


class TestWrites:
    """A write never leaves a partial or empty file, and never loses text."""

    def test_a_failed_picture_leaves_the_old_file(self, tmp_path: Path, monkeypatch: Any) -> None:
        path = tmp_path / "ikea.svg"
        path.write_bytes(b"old picture")
        monkeypatch.setenv("PATH", str(tmp_path))  # no Graphviz here
        with pytest.raises(RenderError):
            write(cases.load("ikea"), path)
        assert path.read_bytes() == b"old picture"
        assert os.listdir(tmp_path) == ["ikea.svg"]

    @pytest.mark.parametrize("suffix", [".json", ".cyjs", ".dot", ".mmd", ".graphml", ".gexf"])
    def test_a_failed_replace_leaves_the_old_file(
        self, tmp_path: Path, monkeypatch: Any, suffix: str
    ) -> None:
        path = tmp_path / f"linux{suffix}"
        path.write_text("old content")

        def fail(*_args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(OSError, match="No space left"):
            write(cases.load("linux"), path)
        assert path.read_text() == "old content"
        assert os.listdir(tmp_path) == [path.name]

    def test_lone_surrogates_are_written_and_refused_on_reading(self, tmp_path: Path) -> None:
        eco = Ecosystem(
            id="odd",
            name="Name \ud800 with a lone surrogate",
            actors=[Actor(id="a", kind=ActorKind.COMMUNITY, name="\udfff")],
        )
        for fmt in FORMATS.values():
            if fmt.needs_graphviz:
                continue
            path = tmp_path / f"odd{fmt.suffix}"
            path.write_text("old")
            write(eco, path)  # nothing UTF-8 cannot encode reaches the file
            path.read_text(encoding="utf-8")
            if fmt.readable:
                # Read back, the text is refused where it is, as documents refuse it.
                with pytest.raises(InvalidGraph, match=r"graph\.name: '\\ud800' at character 5"):
                    read(path)
        assert "\ufffd" in dumps_dot(eco)
        assert "\ufffd" in dumps_mermaid(eco)
        assert "\\ud800" in dumps_node_link(eco)

    def test_rewriting_an_edited_file(self, tmp_path: Path) -> None:
        path = tmp_path / "lego.gexf"
        write(cases.load("lego"), path)
        edited = attrs.evolve(cases.load("lego"), name="Lego, edited")
        write(edited, path)
        assert read(path) == edited
