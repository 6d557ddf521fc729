"""Tests for peerprod.graphs: graph files written, read back, refused, and drawn."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given

from peerprod import Actor, ActorKind, Ecosystem, Platform, cases
from peerprod import documents as serialization
from peerprod.analysis import analyse
from peerprod.errors import (
    GraphTooLarge,
    InvalidGraph,
    InvalidValue,
    PeerprodError,
    RenderError,
    UnknownFormat,
)
from peerprod.graphs.convert import from_graph, to_graph
from peerprod.graphs.formats import (
    FORMATS,
    GraphFormat,
    dumps_cytoscape,
    dumps_dot,
    dumps_gexf,
    dumps_graphml,
    dumps_mermaid,
    dumps_node_link,
    format_for,
    format_named,
    gexf,
    graphml,
    loads_cytoscape,
    loads_gexf,
    loads_graphml,
    loads_node_link,
    read,
    read_graph,
    render,
    write,
)
from peerprod.graphs.formats import dumps as dumps_any
from peerprod.strategies import ecosystems

Dumps = Callable[[Any], str | bytes]
Loads = Callable[..., Any]

READABLE: list[tuple[str, Dumps, Loads]] = [
    ("graphml", dumps_graphml, loads_graphml),
    ("gexf", dumps_gexf, loads_gexf),
    ("node-link", dumps_node_link, loads_node_link),
    ("cytoscape", dumps_cytoscape, loads_cytoscape),
]
ALL_WRITERS: list[Dumps] = [dumps_graphml, dumps_gexf, dumps_node_link, dumps_cytoscape]
ALL_WRITERS += [dumps_dot, dumps_mermaid]
XML: list[tuple[str, Loads]] = [("graphml", loads_graphml), ("gexf", loads_gexf)]
HAVE_DOT = shutil.which("dot") is not None


def awkward() -> Ecosystem:
    """Text that XML cannot hold as it is, and names that need escaping in DOT and Mermaid."""
    return Ecosystem(
        id="awkward",
        name='Quotes " \\ and # <b>',
        description="carriage\r\nreturn, nul \x00, bell \x07, noncharacter \ufffe, é, 😀",
        sources=["tab\tnew\nline", "unit \x1f separator"],
        actors=[
            Actor(id="a", kind=ActorKind.COMMUNITY, name="A \r B \x0b", description=" padded "),
            Actor(id="b.c:d/e-f", kind=ActorKind.BUSINESS, name="-->|x| end"),
        ],
        platforms=[Platform(id="p", name="P\x00", initiators=["a"], operator="b.c:d/e-f")],
    )


def graph_items(graph: Any) -> tuple[dict[str, Any], list[Any], list[Any]]:
    return (
        dict(graph.graph),
        list(graph.nodes(data=True)),
        list(graph.edges(keys=True, data=True)),
    )


class TestRoundTrip:
    """Reading a written GraphML, GEXF or JSON file gives back an equal ecosystem and graph."""

    @pytest.mark.parametrize(("fmt", "dumps", "loads"), READABLE)
    @pytest.mark.parametrize("name", cases.names())
    def test_cases(self, name: str, fmt: str, dumps: Dumps, loads: Loads) -> None:
        eco = cases.load(name)
        graph = loads(dumps(eco))
        assert graph_items(graph) == graph_items(to_graph(eco))
        assert from_graph(graph) == eco

    @pytest.mark.parametrize(("fmt", "dumps", "loads"), READABLE)
    def test_awkward_text(self, fmt: str, dumps: Dumps, loads: Loads) -> None:
        eco = awkward()
        assert from_graph(loads(dumps(eco))) == eco

    @given(ecosystems())
    def test_generated(self, eco: Ecosystem) -> None:
        for _, dumps, loads in READABLE:
            assert from_graph(loads(dumps(eco))) == eco

    def test_graphml_edge_ids_are_unique(self) -> None:
        text = dumps_graphml(cases.load("linux")).decode()
        ids = re.findall(r'<edge source="[^"]*" target="[^"]*" id="([^"]*)"', text)
        assert len(ids) == len(set(ids)) == to_graph(cases.load("linux")).number_of_edges()

    def test_gexf_carries_labels_and_membership_weights(self) -> None:
        text = dumps_gexf(cases.load("eclipse")).decode()
        assert 'label="member_of"' in text
        assert 'weight="8"' in text
        assert "lastmodifieddate" not in text

    @pytest.mark.parametrize("weight", [2**60 + 1, 3, 0.5, 2.0, 1e300])
    def test_gexf_weights_are_exact(self, weight: float) -> None:
        eco = cases.load("eclipse")
        first = eco.coalitions[0]
        member = attrs.evolve(first.members[0], weight=weight)
        eco = attrs.evolve(
            eco, coalitions=[attrs.evolve(first, members=(member, *first.members[1:]))]
        )
        read_back = from_graph(loads_gexf(dumps_gexf(eco)))
        assert read_back == eco
        assert type(read_back.coalitions[0].members[0].weight) is type(weight)


class TestDeterministic:
    """The same ecosystem always gives byte-identical files."""

    @pytest.mark.parametrize("dumps", ALL_WRITERS)
    @pytest.mark.parametrize("name", cases.names())
    def test_equal_ecosystems_equal_bytes(self, name: str, dumps: Dumps) -> None:
        # A second, separately built equal ecosystem, not the cached object.
        again = serialization.loads_toml(cases.text(name))
        assert again == cases.load(name)
        assert dumps(again) == dumps(cases.load(name))

    @pytest.mark.parametrize(("fmt", "dumps", "loads"), READABLE)
    def test_rewriting_a_read_file_gives_the_same_bytes(
        self, fmt: str, dumps: Dumps, loads: Loads
    ) -> None:
        first = dumps(cases.load("linux"))
        assert dumps(loads(first)) == first

    def test_writers_do_not_change_their_graph(self) -> None:
        graph = to_graph(cases.load("linux"))
        before = graph_items(graph)
        for dumps in ALL_WRITERS:
            dumps(graph)
        assert graph_items(graph) == before


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="graph" attr.name="name" attr.type="string"/>
  <graph edgedefault="directed"><data key="d0">&lol9;</data></graph>
</graphml>
"""


def external_entity(secret: Path, root: str) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE {root} [<!ENTITY secret SYSTEM "file://{secret}">]>
<{root} xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="graph" attr.name="name" attr.type="string"/>
  <graph edgedefault="directed"><data key="d0">&secret;</data></graph>
</{root}>
""".encode()


DTD_REFUSED = (
    "$: refused a document type declaration: graph files need none, and they can expand "
    "entities or load external files"
)


class TestHostileInput:
    """Untrusted files cannot expand entities, load external files, or exhaust memory."""

    @pytest.mark.parametrize(("fmt", "loads"), XML)
    def test_billion_laughs(self, fmt: str, loads: Loads) -> None:
        with pytest.raises(InvalidGraph) as info:
            loads(BILLION_LAUGHS)
        assert [str(p) for p in info.value.problems] == [DTD_REFUSED]

    @pytest.mark.parametrize(("fmt", "loads"), XML)
    def test_external_entity(self, tmp_path: Path, fmt: str, loads: Loads) -> None:
        secret = tmp_path / "secret.txt"
        secret.write_text("the secret")
        with pytest.raises(InvalidGraph) as info:
            loads(external_entity(secret, "graphml" if fmt == "graphml" else "gexf"))
        assert [str(p) for p in info.value.problems] == [DTD_REFUSED]
        assert "the secret" not in str(info.value)

    def test_external_entity_file(self, tmp_path: Path) -> None:
        secret = tmp_path / "secret.txt"
        secret.write_text("the secret")
        path = tmp_path / "hostile.graphml"
        path.write_bytes(external_entity(secret, "graphml"))
        with pytest.raises(InvalidGraph, match="document type declaration"):
            read(path)

    @pytest.mark.parametrize(("fmt", "dumps", "loads"), READABLE)
    def test_size_limit(self, fmt: str, dumps: Dumps, loads: Loads) -> None:
        data = dumps(cases.load("linux"))
        with pytest.raises(GraphTooLarge) as info:
            loads(data, max_bytes=len(data) - 1)
        assert (info.value.size, info.value.limit) == (len(data), len(data) - 1)
        assert "pass a larger max_bytes" in str(info.value)
        assert isinstance(info.value, InvalidGraph)
        assert from_graph(loads(data, max_bytes=len(data))) == cases.load("linux")
        assert from_graph(loads(data, max_bytes=None)) == cases.load("linux")

    def test_size_limit_on_files(self, tmp_path: Path) -> None:
        path = tmp_path / "linux.graphml"
        write(cases.load("linux"), path)
        size = path.stat().st_size
        with pytest.raises(GraphTooLarge) as info:
            read(path, max_bytes=size - 1)
        assert info.value.problems[0].path == str(path)
        assert read(path, max_bytes=size) == cases.load("linux")
        assert read(path, max_bytes=None) == cases.load("linux")

    def test_size_limit_on_a_growing_stream(self, tmp_path: Path, monkeypatch: Any) -> None:
        path = tmp_path / "linux.json"
        write(cases.load("linux"), path)
        size = path.stat().st_size
        # stat() may say less than a pipe or a growing file delivers.
        real_stat = Path.stat

        def small_stat(self: Path, **kwargs: Any) -> Any:
            result = real_stat(self, **kwargs)
            fake = type("Stat", (), {"st_size": 1, "st_mode": result.st_mode})
            return fake if self == path else result

        monkeypatch.setattr(Path, "stat", small_stat)
        with pytest.raises(GraphTooLarge) as info:
            read(path, max_bytes=size - 1)
        assert info.value.size == size


class TestNotAGraphFile:
    """Reading something that is not a graph of its format lists what is wrong."""

    @pytest.mark.parametrize(("fmt", "loads"), XML)
    def test_not_xml(self, fmt: str, loads: Loads) -> None:
        with pytest.raises(InvalidGraph) as info:
            loads(b"<graphml>\n<graph></graphml>")
        assert [str(p) for p in info.value.problems] == ["line 2, column 10: mismatched tag"]

    @pytest.mark.parametrize(("fmt", "loads"), XML)
    def test_other_xml(self, fmt: str, loads: Loads) -> None:
        with pytest.raises(InvalidGraph, match="no <graph> element"):
            loads("<svg xmlns='http://www.w3.org/2000/svg'><graph/></svg>")

    def test_graphml_that_networkx_refuses(self) -> None:
        text = dumps_graphml(cases.load("ikea")).replace(b'key="d4"', b'key="d99"', 1)
        with pytest.raises(InvalidGraph) as info:
            loads_graphml(text)
        # Located by line and column since the reader streams (it said "$" before).
        (problem,) = info.value.problems
        assert problem.message == "Bad GraphML data: no key d99"
        assert re.fullmatch(r"line \d+, column \d+", problem.path)

    def test_graphml_with_a_bad_typed_value(self) -> None:
        text = dumps_graphml(cases.load("ikea")).replace(b">3<", b">three<", 1)
        # The message was Python's own ("invalid literal for int ...") before.
        with pytest.raises(InvalidGraph, match="'layer' of node 'ikea': expected a whole number"):
            loads_graphml(text)

    def test_graphml_key_defaults_apply(self) -> None:
        text = b"""<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k0" for="graph" attr.name="peerprod" attr.type="int"/>
  <key id="k1" for="graph" attr.name="name" attr.type="string"/>
  <key id="k2" for="node" attr.name="entity" attr.type="string"><default>actor</default></key>
  <key id="k3" for="node" attr.name="kind" attr.type="string"/>
  <key id="k4" for="node" attr.name="name" attr.type="string"/>
  <graph id="e" edgedefault="directed">
    <data key="k0">1</data><data key="k1">E</data>
    <node id="c"><data key="k3">community</data><data key="k4">C</data></node>
  </graph>
</graphml>"""
        assert from_graph(loads_graphml(text)) == Ecosystem(
            id="e", name="E", actors=[Actor(id="c", kind=ActorKind.COMMUNITY, name="C")]
        )

    def test_gexf_description_must_be_a_json_object(self) -> None:
        text = dumps_gexf(cases.load("ikea"))
        start, end = text.index(b"<description>"), text.index(b"</description>")
        for body, message in [(b"{", "not JSON"), (b"[1]", "must be a JSON object")]:
            broken = text[: start + len(b"<description>")] + body + text[end:]
            with pytest.raises(InvalidGraph, match=message):
                loads_gexf(broken)

    def test_gexf_that_networkx_refuses(self) -> None:
        text = dumps_gexf(cases.load("ikea")).replace(b'for="0"', b'for="99"', 1)
        with pytest.raises(InvalidGraph, match="No attribute defined for=99"):
            loads_gexf(text)

    def test_gexf_from_elsewhere_is_not_a_peerprod_graph(self) -> None:
        buffer = "\n".join(nx.generate_gexf(nx.path_graph(2, create_using=nx.DiGraph)))
        with pytest.raises(InvalidGraph, match=r"graph\.peerprod: missing"):
            from_graph(loads_gexf(buffer))

    @pytest.mark.parametrize("loads", [loads_node_link, loads_cytoscape])
    def test_not_json(self, loads: Loads) -> None:
        with pytest.raises(InvalidGraph) as info:
            loads('{"nodes": [\n1,]}')
        # The position and wording of json's message vary between Python versions.
        (problem,) = info.value.problems
        assert problem.path.startswith("line 2, column ")

    @pytest.mark.parametrize("loads", [loads_node_link, loads_cytoscape])
    def test_not_utf8_or_too_deep(self, loads: Loads) -> None:
        with pytest.raises(InvalidGraph):
            loads(b"\xff\xfe{")
        with pytest.raises(InvalidGraph):
            loads("[" * 100_000 + "]" * 100_000)

    def test_node_link_lists_every_malformed_item(self) -> None:
        document = {
            "directed": True,
            "nodes": [{"id": "a"}, {"name": "b"}, 3],
            "edges": [{"source": "a"}, {"source": "a", "target": 1}],
        }
        with pytest.raises(InvalidGraph) as info:
            loads_node_link(json.dumps(document))
        assert [str(p) for p in info.value.problems] == [
            "nodes[1].id: expected a str",
            "nodes[2]: expected a JSON object",
            "edges[0].target: expected a str",
            "edges[1].target: expected a str",
        ]

    @pytest.mark.parametrize(
        ("document", "problem"),
        [
            ([], "$: expected a JSON object"),
            ({"nodes": {}}, "nodes: expected a list"),
            ({"directed": False, "nodes": []}, "directed: expected true: a directed graph"),
            ({"directed": True, "graph": [], "nodes": []}, "graph: expected a JSON object"),
        ],
    )
    def test_node_link_shape(self, document: object, problem: str) -> None:
        with pytest.raises(InvalidGraph) as info:
            loads_node_link(json.dumps(document))
        assert [str(p) for p in info.value.problems] == [problem]

    def test_node_link_that_networkx_refuses(self) -> None:
        document = {"directed": True, "multigraph": True, "nodes": [{"id": "a"}]}
        document["edges"] = [{"source": "a", "target": "a", "key": ["unhashable"]}]
        # networkx's own "unhashable" TypeError before; now the key is checked first.
        with pytest.raises(InvalidGraph, match=r"edges\[0\]\.key: expected a str or int"):
            loads_node_link(json.dumps(document))

    @pytest.mark.parametrize(
        ("document", "problems"),
        [
            ({"data": {}}, ["$: expected an object with 'elements'"]),
            (
                {"data": [], "elements": {"nodes": [{"data": {}}, {}], "edges": [{"data": 1}]}},
                [
                    "elements.nodes[0].id: expected a str",
                    "elements.nodes[1]: expected a JSON object",
                    "elements.edges[0]: expected a JSON object",
                    "data: expected a JSON object",
                ],
            ),
        ],
    )
    def test_cytoscape_shape(self, document: object, problems: list[str]) -> None:
        with pytest.raises(InvalidGraph) as info:
            loads_cytoscape(json.dumps(document))
        assert [str(p) for p in info.value.problems] == problems

    def test_repeated_relations_keep_their_own_keys(self) -> None:
        graph = to_graph(cases.load("ikea"))
        data = dict(next(iter(graph.edges(data=True)))[2])
        u, v = next(iter(graph.edges()))
        graph.add_edge(u, v, key="copy", **data)
        graph.add_edge(u, v, key=data["relation"] + "2", **data)
        for _, dumps, loads in READABLE:
            read_back = loads(dumps(graph))
            assert read_back.number_of_edges(u, v) == 3
            with pytest.raises(InvalidGraph, match="repeats an earlier"):
                from_graph(read_back)


class TestFiles:
    """read and write pick the format by suffix; problems name the file."""

    @pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json", ".cyjs", ".GraphML"])
    def test_write_and_read(self, tmp_path: Path, suffix: str) -> None:
        path = tmp_path / f"linux{suffix}"
        write(cases.load("linux"), path)
        assert read(path) == cases.load("linux")
        assert from_graph(read_graph(path)) == cases.load("linux")

    @pytest.mark.parametrize("suffix", [".dot", ".gv", ".mmd"])
    def test_write_only(self, tmp_path: Path, suffix: str) -> None:
        path = tmp_path / f"linux{suffix}"
        write(to_graph(cases.load("linux")), path)
        assert path.read_text(encoding="utf-8").strip()
        with pytest.raises(ValueError, match="cannot read"):
            read(path)

    def test_explicit_format(self, tmp_path: Path) -> None:
        path = tmp_path / "linux.xml"
        write(cases.load("linux"), path, format="gexf")
        assert read(path, format="gexf") == cases.load("linux")

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        with pytest.raises(ValueError, match="cannot tell the format"):
            write(cases.load("linux"), tmp_path / "linux.txt")

    def test_problems_name_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "broken.json"
        graph = to_graph(cases.load("ikea"))
        graph.nodes["ikea"]["kind"] = "corp"
        write(graph, path)
        with pytest.raises(InvalidGraph) as info:
            read(path)
        assert info.value.summary == f"not a valid peerprod graph in {path}"
        assert str(info.value.problems[0]).startswith(f"{path}: nodes['ikea'].kind: 'corp'")
        path.write_text("{")
        with pytest.raises(InvalidGraph, match=f"invalid node-link JSON in {path}"):
            read_graph(path)

    @pytest.mark.parametrize("fmt", ["graphml", "gexf", "node-link", "cytoscape", "dot", "mermaid"])
    def test_dumps_by_name(self, fmt: Any) -> None:
        writer = {name: dumps for name, dumps, _ in READABLE}
        writer.update(dot=dumps_dot, mermaid=dumps_mermaid)
        assert dumps_any(cases.load("ikea"), fmt) == writer[fmt](cases.load("ikea"))

    def test_dumps_unknown_format(self) -> None:
        with pytest.raises(
            ValueError, match="unknown graph format 'pdf'; known formats: cytoscape"
        ):
            dumps_any(cases.load("ikea"), "pdf")

    def test_formats_table(self) -> None:
        assert set(FORMATS) == {
            "graphml", "gexf", "node-link", "cytoscape", "dot", "mermaid", "svg", "png",
        }  # fmt: skip


class TestRegistry:
    """One table of formats carries what the readers, the writers and the command line need."""

    def test_names_match_their_keys_and_suffixes_are_unique(self) -> None:
        suffixes = [s for f in FORMATS.values() for s in f.suffixes]
        assert len(suffixes) == len(set(suffixes))
        assert all(s == s.lower() and s.startswith(".") for s in suffixes)
        for name, fmt in FORMATS.items():
            assert fmt.name == name
            assert format_named(name) is fmt
            assert format_for(f"x{fmt.suffix}") is fmt
            assert fmt.description

    @pytest.mark.parametrize("fmt", [f for f in FORMATS.values() if f.readable])
    def test_readable_formats_round_trip_through_the_table(self, fmt: GraphFormat) -> None:
        eco = cases.load("linux")
        data = fmt.dumps(eco)
        assert isinstance(data, bytes) == fmt.binary
        assert fmt.loads is not None
        assert from_graph(fmt.loads(data)) == eco

    @pytest.mark.parametrize("fmt", ["dot", "mermaid", "node-link", "cytoscape"])
    def test_text_formats_give_text(self, fmt: str) -> None:
        assert isinstance(dumps_any(cases.load("ikea"), fmt), str)
        assert not FORMATS[fmt].binary

    def test_what_needs_graphviz(self) -> None:
        assert {f.name for f in FORMATS.values() if f.needs_graphviz} == {"svg", "png"}
        assert {f.name for f in FORMATS.values() if f.readable} == {
            "graphml", "gexf", "node-link", "cytoscape",
        }  # fmt: skip

    def test_aliases(self) -> None:
        assert format_named("json") is FORMATS["node-link"]
        assert format_named(FORMATS["gexf"]) is FORMATS["gexf"]

    @pytest.mark.parametrize(
        ("path", "name"),
        [("a.GEXF", "gexf"), (".gv", "gv"), ("dir.d/a.dot", "dot"), (Path("x.cyjs"), "cytoscape")],
    )
    def test_format_for(self, path: Any, name: str) -> None:
        assert format_for(path).name == ("dot" if name == "gv" else name)

    @pytest.mark.parametrize("path", ["a.txt", "noext", "a.json.bak"])
    def test_unknown_suffixes(self, path: str) -> None:
        with pytest.raises(UnknownFormat) as info:
            format_for(path)
        assert isinstance(info.value, PeerprodError)
        assert isinstance(info.value, ValueError)
        assert info.value.asked == path
        assert ".graphml" in info.value.known

    def test_unknown_names(self) -> None:
        with pytest.raises(UnknownFormat) as info:
            format_named("pdf")
        assert "node-link" in info.value.known
        assert "json" in info.value.known

    def test_formats_that_cannot_be_read(self, tmp_path: Path) -> None:
        path = tmp_path / "linux.mmd"
        write(cases.load("linux"), path)
        with pytest.raises(UnknownFormat, match="cannot read mermaid files") as info:
            read_graph(path)
        assert info.value.known == ("graphml", "gexf", "node-link", "cytoscape")

    def test_render_refuses_other_formats_with_a_peerprod_error(self) -> None:
        with pytest.raises(UnknownFormat):
            render(cases.load("ikea"), format="pdf")  # type: ignore[arg-type]


class TestReports:
    """Writers take the same optional report as to_graph."""

    @pytest.mark.parametrize("fmt", ["graphml", "gexf", "node-link", "cytoscape"])
    def test_derived_attributes_reach_the_file(self, fmt: str) -> None:
        eco = cases.load("lego")
        found = FORMATS[fmt].loads(dumps_any(eco, fmt, report=analyse(eco)))  # type: ignore[misc]
        assert found.nodes["lugnet"]["rung"] == 8
        assert "rung" not in FORMATS[fmt].loads(dumps_any(eco, fmt)).nodes["lugnet"]  # type: ignore[misc]
        assert from_graph(found) == eco

    def test_pictures_and_files_take_a_report(self, tmp_path: Path) -> None:
        eco = cases.load("lego")
        assert "rung" not in dumps_dot(eco, report=analyse(eco))  # the picture shows names
        write(eco, tmp_path / "lego.json", report=analyse(eco))
        assert read_graph(tmp_path / "lego.json").nodes["lugnet"]["rung"] == 8

    def test_a_report_with_a_graph_is_refused(self) -> None:
        eco = cases.load("lego")
        with pytest.raises(InvalidValue, match="report: applies to an Ecosystem"):
            dumps_graphml(to_graph(eco), report=analyse(eco))


class TestPictures:
    """DOT and Mermaid group layers, shape entities, style relations and escape text."""

    def test_dot_layers_shapes_and_styles(self) -> None:
        text = dumps_dot(cases.load("linux"))
        for layer in (1, 2, 3, 4):
            assert f"subgraph cluster_layer_{layer} {{" in text
        assert "cluster_layer_5" not in text
        assert '"linux-kernel" [label="The Linux kernel", shape=cylinder];' in text
        assert 'fillcolor="#fdd0a2"' in text
        assert '"intel" -> "intel-dues" [label="pays", color="#238b45", penwidth=2];' in text
        assert 'label="member of (1)"' in text
        assert "500000 USD a year" in text
        assert text.endswith("}\n")

    def test_dot_escapes(self) -> None:
        text = dumps_dot(awkward())
        assert 'label="Quotes \\" \\\\ and # <b>"' in text
        assert '"b.c:d/e-f" [label="-->|x| end"' in text
        assert "\r" not in text

    def test_mermaid(self) -> None:
        text = dumps_mermaid(cases.load("linux"))
        lines = text.splitlines()
        assert lines[0] == "flowchart LR"
        assert '  subgraph layer_4["4 · funding ecology"]' in lines
        kernel = list(to_graph(cases.load("linux"))).index("linux-kernel")
        assert f'    n{kernel}[("The Linux kernel")]' in lines
        assert any(line.startswith('  n4 ==>|"pays"| n') for line in lines)
        assert "  classDef business fill:#fdd0a2" in lines

    def test_mermaid_escapes(self) -> None:
        text = dumps_mermaid(awkward())
        assert '(["Quotes' not in text  # the ecosystem name is not a node
        assert '    n0(["A   B \x0b"])' in text
        assert 'n1(["--#gt;|x| end"])' in text
        eco = attrs.evolve(awkward(), actors=[
            Actor(id="a", kind=ActorKind.COMMUNITY, name='say "hi" #1 <b>'),
            awkward().actors[1],
        ])  # fmt: skip
        assert '(["say #quot;hi#quot; #35;1 #lt;b#gt;"])' in dumps_mermaid(eco)

    @pytest.mark.skipif(not HAVE_DOT, reason="Graphviz dot is not installed")
    def test_render_svg_and_png(self) -> None:
        svg = render(cases.load("linux"))
        assert b"<svg" in svg
        assert b"cluster_layer_1" in svg
        png = render(to_graph(cases.load("ikea")), format="png")
        assert png.startswith(b"\x89PNG\r\n\x1a\n")

    @pytest.mark.skipif(not HAVE_DOT, reason="Graphviz dot is not installed")
    def test_write_picture(self, tmp_path: Path) -> None:
        write(cases.load("ikea"), tmp_path / "ikea.svg")
        assert b"<svg" in (tmp_path / "ikea.svg").read_bytes()

    def test_render_without_dot(self) -> None:
        with pytest.raises(RenderError, match="was not found on PATH; install Graphviz"):
            render(cases.load("ikea"), dot="no-such-graphviz-dot")

    def test_render_failure(self) -> None:
        if shutil.which("false") is None:
            pytest.skip("no 'false' program")
        with pytest.raises(RenderError, match=r"Graphviz dot failed \(1\)"):
            render(cases.load("ikea"), dot="false")

    def test_render_timeout(self, tmp_path: Path) -> None:
        slow = tmp_path / "slow-dot"
        slow.write_text("#!/bin/sh\nexec sleep 5\n")
        slow.chmod(0o755)
        with pytest.raises(RenderError, match=r"took longer than 0\.1 seconds"):
            render(cases.load("ikea"), dot=str(slow), timeout=0.1)

    def test_render_format(self) -> None:
        with pytest.raises(ValueError, match=r"format must be 'svg' or 'png', not 'pdf'"):
            render(cases.load("ikea"), format="pdf")  # type: ignore[arg-type]


class TestXmlWriters:
    """The GraphML and GEXF writers give the bytes networkx's writers give, without a tree."""

    @staticmethod
    def both(module: Any, source: Any, report: Any = None) -> tuple[bytes, bytes]:
        from peerprod.graphs.formats._common import parts_of

        fast = module.dumps_graphml if module is graphml else module.dumps_gexf
        return fast(source, report=report), module._networkx(*parts_of(source, report))

    @pytest.mark.parametrize("name", cases.names())
    def test_cases(self, name: str) -> None:
        eco = cases.load(name)
        for module in (graphml, gexf):
            for report in (None, analyse(eco)):
                fast, slow = self.both(module, eco, report)
                assert fast == slow
            fast, slow = self.both(module, to_graph(eco))
            assert fast == slow

    @given(ecosystems())
    def test_generated(self, eco: Ecosystem) -> None:
        for module in (graphml, gexf):
            fast, slow = self.both(module, eco)
            assert fast == slow

    def test_awkward_text(self) -> None:
        for module in (graphml, gexf):
            fast, slow = self.both(module, awkward())
            assert fast == slow

    def test_values_of_every_scalar_type(self) -> None:
        graph = to_graph(cases.load("ikea"))
        graph.nodes["ikea"].update(flag=True, off=False, ratio=0.25, big=2**70, empty="")
        graph.nodes["ikea"].update(inf=float("inf"), nan=float("nan"), amp="a & <b>")
        graph.graph["flag"] = False
        for module in (graphml, gexf):
            fast, slow = self.both(module, graph)
            assert fast == slow

    def test_values_only_networkx_writes(self) -> None:
        graph = to_graph(cases.load("ikea"))
        graph.nodes["ikea"]["viz"] = {"size": 3.0}
        fast, slow = self.both(gexf, graph)
        assert fast == slow
        assert b"viz:size" in fast
        graph.nodes["ikea"]["viz"] = ["not", "a", "table"]
        with pytest.raises(InvalidGraph, match="cannot write GraphML"):
            dumps_graphml(graph)

    def test_an_id_xml_cannot_carry(self) -> None:
        graph = to_graph(cases.load("ikea"))
        nx.relabel_nodes(graph, {"ikea": "ik\x01ea"}, copy=False)
        with pytest.raises(InvalidGraph, match="the id holds characters XML cannot carry"):
            dumps_graphml(graph)
