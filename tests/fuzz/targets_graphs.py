"""Fuzz targets for the graph readers: GraphML, GEXF, node-link, Cytoscape.js and from_graph.

Each target makes one hostile input from a :class:`random.Random` (the same state
always makes the same input) and runs the loader on it; the loader may return
anything or raise a :class:`peerprod.errors.PeerprodError`, and nothing else. The
inputs start from the files peerprod writes for its built-in cases and break them the
way an attacker would: flipped, inserted and deleted bytes, truncation, type swaps,
huge numbers, odd Unicode and encodings, deep nesting, document type declarations,
and the shapes that once crashed a reader (issue 11). The harness
(``tests/fuzz/run.py``) drives them; ``tests/test_graph_reliability.py`` runs them
under hypothesis in the normal test run.
"""

from __future__ import annotations

import copy
import functools
import json
import random
from collections.abc import Callable
from typing import Any

import networkx as nx

from peerprod import cases
from peerprod.analysis import analyse
from peerprod.graphs import formats
from peerprod.graphs.convert import from_graph, to_graph

__all__ = ["TARGETS"]

_CASES = ("ikea", "linux", "eclipse", "lego", "wikipedia")

_HUGE = "1" * 5000
_VALUES: tuple[object, ...] = (
    None, True, False, 0, -1, 2**63, 10**400, 1e308, float("inf"), float("nan"), -0.0,
    "", " ", "x" * 300, "\x00", "\ud800", "é", "😀", "\u202e", "\x1b[31m", [], {}, [[]],
    {"": None}, [1, "a", None], {"kind": "business"}, "1" * 50,
)  # fmt: skip
"""Values of every type, for type swaps (each must survive json.dumps)."""


@functools.cache
def _written(format_name: str, case: str, derived: bool) -> bytes:
    eco = cases.load(case)
    data = formats.FORMATS[format_name].dumps(eco, report=analyse(eco) if derived else None)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def _base(rng: random.Random, format_name: str) -> bytes:
    return _written(format_name, rng.choice(_CASES), rng.random() < 0.5)


# --- bytes -----------------------------------------------------------------------------------


def _flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _insert(rng: random.Random, data: bytes, piece: bytes | None = None) -> bytes:
    at = rng.randrange(len(data) + 1)
    if piece is None:
        piece = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return data[:at] + piece + data[at:]


def _delete(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 64) :]


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _repeat(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 200)]
    return _insert(rng, data, piece * rng.randint(2, 50))


_BYTE_MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    _flip, _insert, _delete, _truncate, _repeat,
)  # fmt: skip


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(_BYTE_MUTATIONS)(rng, data)
    return data


# --- XML -------------------------------------------------------------------------------------

_GRAPHML_NS = b'xmlns="http://graphml.graphdrawing.org/xmlns"'
_GEXF_NS = b'xmlns="http://www.gexf.net/1.2draft"'


def _nested(depth: int, opening: bytes, closing: bytes) -> bytes:
    return b"".join(opening % i for i in range(depth)) + closing * depth


def _xml_snippets(rng: random.Random, graphml: bool) -> list[bytes]:
    depth = rng.choice((10, 70, 500, 1000, 3000))
    if graphml:
        return [
            b'<node id="g" yfiles.foldertype="group"/>',
            b'<key id="kb" for="node" attr.name="b" attr.type="boolean"><default/></key>',
            b'<key id="kn" for="graph" attr.name="node_default" attr.type="string"/>'
            b'<data key="kn">x</data>',
            b'<key id="kk" for="edge" attr.name="key" attr.type="int"><default>1</default></key>',
            b'<key id="kt" for="node" attr.name="t" attr.type="date"/>',
            b'<data key="nope">1</data>',
            b'<hyperedge><endpoint node="a"/></hyperedge>',
            b'<edge source="a" target="b" directed="false"/>',
            b'<node id="p"><port name="x"/></node>',
            b'<data key="d0">' + _HUGE.encode() + b"</data>",
            _nested(depth, b'<node id="n%d" yfiles.foldertype="group"><graph>', b"</graph></node>"),
        ]
    return [
        b'<attributes class="graph"/>',
        b'<attributes class="node" mode="dynamic"><attribute id="9" title="t" type="long"/>'
        b"</attributes>",
        b'<attribute id="0" title="x" type="date"><default/></attribute>',
        b'<edge source="a" target="b" weight="' + _HUGE.encode() + b'"/>',
        b'<edge source="a" target="b" weight="1e400" type="mutual"/>',
        b'<node id="s" start="2000"><spells><spell start="1"/></spells></node>',
        b'<attvalue for="99" value="x"/>',
        b"<description>" + b"[" * depth + b"</description>",
        _nested(depth, b'<nodes><node id="n%d">', b"</node></nodes>"),
    ]


_DECLARATIONS = (
    b"<?xml version='1.0' encoding='x-nope'?>",
    b"<?xml version='1.0' encoding='utf-16'?>",
    b"<?xml version='1.0' encoding='shift_jis'?>",
    b"<?xml version='1.0' encoding='latin-1'?>",
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>',
    b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY s SYSTEM "file:///etc/passwd">]>',
)


def _xml_input(rng: random.Random, format_name: str) -> object:
    data = _base(rng, format_name)
    graphml = format_name == "graphml"
    choice = rng.random()
    if choice < 0.35:
        # Splice a hostile element just inside the graph, or anywhere.
        snippet = rng.choice(_xml_snippets(rng, graphml))
        graph = data.find(b"<graph ")
        if graph >= 0 and rng.random() < 0.8:
            inside = data.find(b">", graph) + 1
            data = data[:inside] + snippet + data[inside:]
        else:
            data = _insert(rng, data, snippet)
    elif choice < 0.5:
        # Another declaration, or a document type, in front.
        body = data.split(b"?>", 1)[-1]
        data = rng.choice(_DECLARATIONS) + body
    elif choice < 0.65:
        # A value swapped for a hostile one.
        values = [b"", _HUGE.encode(), b"1e400", b"nan", b"-1", b"\xff\xfe", b"&amp;&lt;", b"&x;"]
        start = data.find(b'value="', rng.randrange(len(data)))
        if start < 0:
            start = data.find(b">", rng.randrange(len(data)))
        if start >= 0:
            data = data[: start + 7] + rng.choice(values) + data[start + 7 :]
    elif choice < 0.75:
        namespace = _GRAPHML_NS if graphml else _GEXF_NS
        data = data.replace(namespace, rng.choice((b"", b'xmlns="urn:other"', namespace)))
    else:
        data = _mutate_bytes(rng, data)
    if rng.random() < 0.15:
        # As text, sometimes with a lone surrogate in it.
        text = data.decode("utf-8", "replace")
        if rng.random() < 0.5:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + "\ud800" + text[at:]
        return text
    return data


# --- JSON ------------------------------------------------------------------------------------


def _deep(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


def _hostile_value(rng: random.Random) -> object:
    if rng.random() < 0.1:
        return _deep(rng.choice((5, 70, 900)))
    # A fresh copy: a shared list could end up inside itself.
    return copy.deepcopy(rng.choice(_VALUES))


_NAMES = (
    "id", "entity", "relation", "key", "index", "source", "target", "weight", "peerprod",
    "layer", "x:json", "node_for_adding", "u_for_edge", "data", "elements",
)  # fmt: skip
"""Names that mean something to a reader or to from_graph."""


def _mutate_document(rng: random.Random, document: Any) -> Any:
    """Swap, delete or add values somewhere in a JSON document (changed in place)."""
    for _ in range(rng.randint(1, 4)):
        table = document
        path: list[Any] = []
        # Walk down to a random table or list.
        for _ in range(rng.randint(0, 4)):
            if isinstance(table, dict) and table:
                key = rng.choice(list(table))
            elif isinstance(table, list) and table:
                key = rng.randrange(len(table))
            else:
                break
            path.append(key)
            inner = table[key]
            if not isinstance(inner, dict | list):
                break
            table = inner
        if isinstance(table, dict):
            action = rng.random()
            if action < 0.5 and table:
                table[rng.choice(list(table))] = _hostile_value(rng)
            elif action < 0.7 and table:
                del table[rng.choice(list(table))]
            else:
                table[rng.choice(_NAMES)] = _hostile_value(rng)
        elif isinstance(table, list):
            if table and rng.random() < 0.6:
                table[rng.randrange(len(table))] = _hostile_value(rng)
            else:
                table.append(_hostile_value(rng))
    if rng.random() < 0.05:
        return _hostile_value(rng)
    return document


def _json_input(rng: random.Random, format_name: str) -> object:
    data = _base(rng, format_name)
    choice = rng.random()
    if choice < 0.55:
        document = _mutate_document(rng, json.loads(data))
        text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
        if rng.random() < 0.2:
            # A number too long for Python to convert, as raw JSON.
            text = text.replace("1" * 50, _HUGE, 1).replace('"layer": 1', '"layer": ' + _HUGE)
        return text if rng.random() < 0.3 else text.encode("utf-8", "surrogatepass")
    if choice < 0.65:
        return "[" * rng.choice((100, 1000, 100_000)) + "]" * rng.randint(0, 10)
    if choice < 0.75:
        text = data.decode("utf-8")
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(("\ud800", "\udfff", "\x00", "\\ud800")) + text[at:]
    return _mutate_bytes(rng, data)


# --- graphs ----------------------------------------------------------------------------------


def _graph_input(rng: random.Random) -> object:
    eco = cases.load(rng.choice(_CASES))
    graph = to_graph(eco, report=analyse(eco) if rng.random() < 0.5 else None)
    nodes = list(graph.nodes)
    edges = list(graph.edges(keys=True))
    for _ in range(rng.randint(1, 5)):
        action = rng.random()
        if action < 0.3 and nodes:
            data = graph.nodes[rng.choice(nodes)]
            name = rng.choice([*data, "entity", "kind", "name", "x:json", 7])
            data[name] = _hostile_value(rng)
        elif action < 0.5 and edges:
            data = graph.edges[rng.choice(edges)]
            name = rng.choice([*data, "relation", "index", "weight", "tier"])
            data[name] = _hostile_value(rng)
        elif action < 0.6:
            graph.graph[rng.choice([*graph.graph, "peerprod", "actors:json"])] = _hostile_value(rng)
        elif action < 0.7 and nodes:
            graph.remove_node(rng.choice(nodes))
            nodes = list(graph.nodes)
            edges = list(graph.edges(keys=True))
        elif action < 0.85:
            source = rng.choice([*nodes, 0, ("t", 1), "ghost"])
            target = rng.choice([*nodes, "", 2.5])
            relation = rng.choice(("member_of", "operates", "funds", "likes", None, 3))
            graph.add_edge(source, target, key=rng.choice((relation, 0, "k")), relation=relation)
            edges = list(graph.edges(keys=True))
        else:
            graph.add_node(rng.choice((0, ("t",), "n", frozenset())), entity=_hostile_value(rng))
            nodes = list(graph.nodes)
    choice = rng.random()
    if choice < 0.05:
        return nx.MultiGraph(graph)
    if choice < 0.1:
        return nx.DiGraph(graph)
    if choice < 0.12:
        return rng.choice(({"nodes": []}, None, "graph", []))
    return graph


def _read_and_convert(loads: Callable[..., Any]) -> Callable[[object], object]:
    def call(data: object) -> object:
        return from_graph(loads(data))

    return call


TARGETS: list[tuple[str, Callable[[random.Random], object], Callable[[object], object]]] = [
    (
        "graphml",
        functools.partial(_xml_input, format_name="graphml"),
        _read_and_convert(formats.loads_graphml),
    ),
    (
        "gexf",
        functools.partial(_xml_input, format_name="gexf"),
        _read_and_convert(formats.loads_gexf),
    ),
    (
        "node-link",
        functools.partial(_json_input, format_name="node-link"),
        _read_and_convert(formats.loads_node_link),
    ),
    (
        "cytoscape",
        functools.partial(_json_input, format_name="cytoscape"),
        _read_and_convert(formats.loads_cytoscape),
    ),
    ("from_graph", _graph_input, from_graph),
]
"""(name, make_input(rng), call(input)) for each graph loader."""
