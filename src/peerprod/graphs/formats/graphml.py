"""GraphML: the XML graph format of Gephi, Cytoscape, yEd and igraph.

:func:`dumps_graphml` writes with networkx's ElementTree writer (so the bytes do not
depend on whether lxml is installed); edge ids are ``e0``, ``e1``... as GraphML wants
them unique. :func:`loads_graphml` reads in one streaming pass (see
:mod:`peerprod.graphs.formats`), with networkx's reading of keys, types and defaults:

* a ``<key>`` names an attribute and its type (``string``, ``int``, ``long``,
  ``float``, ``double``, ``boolean``); its ``<default>`` applies to every node or edge
  that does not give the attribute;
* a ``<data>`` element with no text is the empty string, whatever its type; one
  holding other elements (yEd's graphics) is skipped;
* the nodes and edges of nested graphs (yEd's groups) are nodes and edges of the one
  graph; the document's first top-level ``<graph>`` is read, any others are not.

Example:
    >>> from peerprod import cases
    >>> data = dumps_graphml(cases.load("ikea"))
    >>> data[:38]
    b"<?xml version='1.0' encoding='utf-8'?>"
    >>> sorted(loads_graphml(data).nodes["ikea"].items())
    [('entity', 'actor'), ('kind', 'business'), ('layer', 3), ('name', 'IKEA'), ('url', 'https://www.ikea.com')]
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Final

import networkx as nx

from peerprod._convert import collector_paused
from peerprod.errors import InvalidGraph, Problem
from peerprod.graphs.formats._common import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_DIGITS,
    SHARED,
    add_edge,
    parts_of,
    xml_safe,
    xml_unsafe,
)
from peerprod.graphs.formats._xml import Handler, attribute, escaped, parse, shown
from peerprod.model.ecosystem import Ecosystem

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from peerprod.analysis.report import EcosystemReport
    from peerprod.graphs.formats._common import Input, Source

__all__ = ["dumps_graphml", "loads_graphml"]


@collector_paused()
def dumps_graphml(source: Source, *, report: EcosystemReport | None = None) -> bytes:
    """Write GraphML as networkx's ElementTree writer does; edge ids are ``e0``, ``e1``...

    The document is written line by line as the nodes and edges come, with no tree
    built first; its bytes are those of ``networkx.write_graphml_xml`` (pretty-printed,
    no type inference, numbered keys), which writes a graph holding values other than
    text, numbers and booleans.

    Args:
        source: An ecosystem, or a graph in the layout of :func:`~peerprod.graphs.to_graph`.
        report: For an ecosystem, the report whose results become derived attributes
            (see :func:`~peerprod.graphs.to_graph`).

    Returns:
        UTF-8 encoded GraphML, with an XML declaration.

    Raises:
        InvalidValue: ``report`` was given with a graph, or does not describe ``source``.
        InvalidGraph: a graph holds what GraphML cannot: a node id with characters XML
            cannot carry, or a value networkx's writer refuses.

    Example:
        >>> from peerprod import cases
        >>> dumps_graphml(cases.load("ikea")).count(b"<node ")
        3
    """
    try:
        return _lines(*parts_of(source, report), checked=isinstance(source, Ecosystem))
    except _Unsupported:
        return _networkx(*parts_of(source, report))


_HEAD: Final = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
_WRITTEN_TYPES: Final = {str: "string", int: "long", float: "double", bool: "boolean"}


class _Unsupported(Exception):
    """A value only networkx's writer knows what to do with (or how to refuse)."""


def _lines(
    attributes: Mapping[str, Any],
    nodes: Iterable[tuple[Any, Mapping[str, Any]]],
    edges: Iterable[tuple[Any, Any, Any, Mapping[str, Any]]],
    *,
    checked: bool,
) -> bytes:
    keys: dict[tuple[str, str, str], str] = {}
    lines: list[str] = []
    out = lines.append

    def data(table: Mapping[str, Any], scope: str, indent: str) -> None:
        for name, value in xml_safe(table).items():
            written = _WRITTEN_TYPES.get(type(value))
            if written is None:
                raise _Unsupported
            found = (str(name), written, scope)
            key = keys.get(found)
            if key is None:
                key = keys[found] = f"d{len(keys)}"
            text = str(value)
            if not text:
                out(f'{indent}<data key="{key}" />')
            elif written == "string":
                out(f'{indent}<data key="{key}">{escaped(text)}</data>')
            else:
                out(f'{indent}<data key="{key}">{text}</data>')

    graph_id = attributes.get("id")
    if "node_default" in attributes or "edge_default" in attributes:
        raise _Unsupported  # networkx reads them as the defaults of keys
    if graph_id is not None and not isinstance(graph_id, str):
        raise _Unsupported
    # networkx numbers the keys of the graph's own data first, and writes that data last.
    data({k: v for k, v in attributes.items() if k != "id"}, "graph", "    ")
    graph_data, lines[:] = lines[:], []
    for node, table in nodes:
        name = _id(node, checked)
        if table:
            out(f'    <node id="{name}">')
            data(table, "node", "      ")
            out("    </node>")
        else:
            out(f'    <node id="{name}" />')
    for index, (source, target, _, table) in enumerate(edges):
        ends = f'source="{_id(source, checked)}" target="{_id(target, checked)}" id="e{index}"'
        if table:
            out(f"    <edge {ends}>")
            data(table, "edge", "      ")
            out("    </edge>")
        else:
            out(f"    <edge {ends} />")
    body = lines + graph_data
    opening = '  <graph edgedefault="directed"'
    if graph_id is not None:
        opening += f' id="{attribute(graph_id)}"'
    declared = [
        f'  <key id="{key}" for="{scope}" attr.name="{attribute(name)}" attr.type="{written}" />'
        for (name, written, scope), key in reversed(keys.items())
    ]
    document = [_HEAD, *declared]
    if body:
        document += [opening + ">", *body, "  </graph>"]
    else:
        document.append(opening + " />")
    document.append("</graphml>\n")
    return "\n".join(document).encode("utf-8")


def _id(node: object, checked: bool) -> str:
    text = str(node)
    if not checked and xml_unsafe(text):
        message = "the id holds characters XML cannot carry"
        raise InvalidGraph(
            "cannot write GraphML", [Problem(path=f"nodes[{node!r}]", message=message)]
        )
    return attribute(text)


def _networkx(
    attributes: Mapping[str, Any],
    nodes: Iterable[tuple[Any, Mapping[str, Any]]],
    edges: Iterable[tuple[Any, Any, Any, Mapping[str, Any]]],
) -> bytes:
    """The same document through networkx's writer, for values only it handles."""
    safe = nx.MultiDiGraph()
    safe.graph.update(xml_safe(attributes))
    safe.add_nodes_from((n, xml_safe(d)) for n, d in nodes)
    # GraphML edge ids should be unique in the document; the relation stays an attribute.
    safe.add_edges_from((u, v, f"e{i}", xml_safe(d)) for i, (u, v, _, d) in enumerate(edges))
    buffer = io.BytesIO()
    try:
        # The ElementTree writer, not lxml's, so the bytes do not depend on what is installed.
        nx.write_graphml_xml(
            safe,
            buffer,
            encoding="utf-8",
            prettyprint=True,
            infer_numeric_types=False,
            named_key_ids=False,
            edge_id_from_attribute=None,
        )
    except (nx.NetworkXError, TypeError, ValueError) as exc:
        raise InvalidGraph("cannot write GraphML", [Problem(path="$", message=str(exc))]) from exc
    return buffer.getvalue()


_NS: Final = "http://graphml.graphdrawing.org/xmlns}"
_KEY: Final = _NS + "key"
_DEFAULT: Final = _NS + "default"
_GRAPH: Final = _NS + "graph"
_NODE: Final = _NS + "node"
_EDGE: Final = _NS + "edge"
_DATA: Final = _NS + "data"
_HYPEREDGE: Final = _NS + "hyperedge"

_TYPES: Final = {
    "string": str,
    "yfiles": str,
    "int": int,
    "long": int,
    "integer": int,
    "float": float,
    "double": float,
    "boolean": bool,
}
_BOOLEANS: Final = {"true": True, "false": False, "1": True, "0": False}


class _Key:
    __slots__ = ("default", "name", "scope", "type")

    def __init__(self, name: str, type_: type, scope: str | None) -> None:
        self.name = name
        self.type = type_
        self.scope = scope
        self.default: Any = None


class _Reader(Handler):
    """Builds a MultiDiGraph from GraphML events."""

    kind = "GraphML"

    def __init__(self, *, max_depth: int, max_digits: int) -> None:
        super().__init__(max_depth=max_depth, max_digits=max_digits)
        self.graph = nx.MultiDiGraph()
        self.keys: dict[str | None, _Key] = {}
        self.key: _Key | None = None  # the <key> being read
        self.node_defaults: dict[str, Any] = {}
        self.edge_defaults: dict[str, Any] = {}
        self.found_graph = False
        self.directed = True
        self.graph_id: str | None = None
        # Where <data> goes: the depth of the element that holds it, the table, what
        # the element is (for messages), and whether it is a graph (which holds nodes
        # and edges); the first top-level graph at the bottom.
        self.holders: list[tuple[int, dict[str, Any], str, bool]] = []
        self.edge: tuple[Any, Any, Any] | None = None
        self.data_key: _Key | None = None  # the key of the <data> being read
        self.parts: list[str] | None = None  # text of the <data> or <default> being read
        self.inner = False  # whether that element holds elements of its own
        self.edges = 0
        self.deferred: list[tuple[Any, Any, Any, dict[str, Any], int]] | None = None
        self.shared: dict[str, str] = {}

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        depth = self.depth = self.depth + 1
        if depth > self.max_depth:
            self.too_deep()
        if self.parts is not None:
            self.inner = True
            return
        holders = self.holders
        if tag == _DATA:
            if holders and holders[-1][0] == depth - 1:
                key = self.keys.get(attributes.get("key"))
                if key is None:
                    self.problem(f"Bad GraphML data: no key {attributes.get('key')}")
                self.data_key = key
                self.parts = []
                self.inner = False
        elif tag == _NODE:
            if holders and holders[-1][3] and holders[-1][0] == depth - 1:
                self.start_node(attributes, depth)
        elif tag == _EDGE:
            if holders and holders[-1][3] and holders[-1][0] == depth - 1:
                self.start_edge(attributes, depth)
        elif tag == _GRAPH:
            if holders:
                if holders[-1][0] == depth - 1:
                    holders.append((depth, {}, "a nested graph", True))
            elif depth == 2 and not self.found_graph:
                self.found_graph = True
                self.directed = attributes.get("edgedefault") == "directed"
                self.graph_id = attributes.get("id")
                holders.append((depth, {}, "the graph", True))
        elif tag == _KEY:
            if depth == 2:
                self.start_key(attributes)
        elif tag == _DEFAULT:
            if self.key is not None and depth == 3:
                self.parts = []
                self.inner = False
        elif tag == _HYPEREDGE and holders:
            self.problem("hyperedges are not supported")

    def start_node(self, attributes: dict[str, str], depth: int) -> None:
        node = attributes.get("id")
        if node is None:
            self.problem("a <node> without an id")
            self.holders.append((depth, {}, "a node without an id", False))
            return
        graph = self.graph
        graph.add_node(node)
        table: dict[str, Any] = graph.nodes[node]
        if self.node_defaults:
            table.update(self.node_defaults)
        self.holders.append((depth, table, f"node {node!r}", False))

    def start_edge(self, attributes: dict[str, str], depth: int) -> None:
        source, target = attributes.get("source"), attributes.get("target")
        direction = attributes.get("directed")
        if source is None or target is None:
            self.problem("an <edge> without a source and a target")
        elif direction == "false" and self.directed:
            self.problem("directed=false edge found in directed graph.")
        elif direction == "true" and not self.directed:
            self.problem("directed=true edge found in undirected graph.")
        table = dict(self.edge_defaults)
        self.edge = (source, target, attributes.get("id") or None)
        self.holders.append((depth, table, f"edge {source!r} -> {target!r}", False))

    def start_key(self, attributes: dict[str, str]) -> None:
        name = attributes.get("attr.name")
        type_name = attributes.get("attr.type", "string")
        if "yfiles.type" in attributes:
            name, type_name = attributes["yfiles.type"], "yfiles"
        python_type = _TYPES.get(type_name)
        if name is None:
            self.problem(f"key {attributes.get('id')!r} has no attr.name")
        elif python_type is None:
            known = ", ".join(_TYPES)
            self.problem(f"key {name!r} has the unknown type {type_name!r}; known: {known}")
        else:
            self.key = _Key(name, python_type, attributes.get("for"))
            self.keys[attributes.get("id")] = self.key

    def text(self, data: str) -> None:
        parts = self.parts
        if parts is not None:
            parts.append(data)

    def end(self, tag: str) -> None:
        depth = self.depth
        self.depth = depth - 1
        if self.parts is not None:
            if tag in (_DATA, _DEFAULT):
                if self.holders and self.holders[-1][0] == depth - 1 and tag == _DATA:
                    self.end_data()
                elif self.key is not None and depth == 3:
                    self.end_default()
            return
        holders = self.holders
        if not holders or holders[-1][0] != depth:
            if tag == _KEY and depth == 2:
                self.key = None
            return
        table = holders.pop()[1]
        if tag == _EDGE:
            self.end_edge(table)
        elif tag == _GRAPH:
            self.graph.graph.update(table)
            if not holders:
                self.end_graph()

    def value(self, key: _Key, text: str, what: str) -> Any:
        """The value of ``text`` as ``key`` types it; None after reporting a problem."""
        python_type = key.type
        if python_type is str or not text:
            # networkx reads an empty element as the empty string, whatever its type.
            # Short values repeat (kinds, relations, currencies): keep one copy of each.
            return self.shared.setdefault(text, text) if len(text) <= SHARED else text
        where = f"{key.name!r} of {what}"
        if python_type is int:
            return self.whole(text, where)
        if python_type is float:
            return self.number(text, where)
        found = _BOOLEANS.get(text.lower())
        if found is None:
            self.problem(f"{where}: expected true or false, got {shown(text)}")
        return found

    def end_data(self) -> None:
        parts, self.parts = self.parts, None
        if self.inner:
            return  # yEd's graphics, not an attribute
        key = self.data_key
        if key is None:
            return  # reported at the start
        text = "".join(parts) if parts else ""
        table, what = self.holders[-1][1:3]
        value = self.value(key, text, what)
        if value is not None:
            table[key.name] = value

    def end_default(self) -> None:
        parts, self.parts = self.parts, None
        key = self.key
        assert key is not None  # checked by the caller
        if self.inner:
            return
        value = self.value(key, "".join(parts) if parts else "", f"the default of key {key.name!r}")
        if value is None:
            return
        if key.scope == "node":
            self.node_defaults[key.name] = value
        elif key.scope == "edge":
            self.edge_defaults[key.name] = value

    def end_edge(self, table: dict[str, Any]) -> None:
        assert self.edge is not None  # set at the start of every edge
        source, target, key = self.edge
        position = self.edges
        self.edges = position + 1
        if source is None or target is None:
            return
        if key is None:
            key = table.get("key")
        graph = self.graph
        if self.deferred is None and source in graph and target in graph:
            self.add(source, target, key, table, position)
        else:
            # An edge may name nodes that come later; networkx adds all nodes first.
            if self.deferred is None:
                self.deferred = []
            self.deferred.append((source, target, key, table, position))

    def add(self, source: Any, target: Any, key: Any, table: dict[str, Any], position: int) -> None:
        add_edge(self.graph, source, target, key, table, position=position)

    def end_graph(self) -> None:
        for edge in self.deferred or ():
            self.add(*edge)
        self.deferred = None
        if self.graph_id is not None:
            # networkx writes the graph's "id" attribute as the <graph> element's id.
            self.graph.graph.setdefault("id", self.graph_id)


@collector_paused()
def loads_graphml(
    data: Input,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_DIGITS,
) -> nx.MultiDiGraph:
    """Read GraphML safely into a MultiDiGraph whose edges are keyed by relation.

    Args:
        data: The GraphML document: bytes, text, or a binary file open for reading.
        max_bytes: Refuse larger input; None for no limit.
        max_depth: Refuse elements nested deeper than this.
        max_digits: Refuse integers with more digits than this.

    Returns:
        The document's first graph, with GraphML's key defaults applied.

    Raises:
        GraphTooLarge: ``data`` is larger than ``max_bytes``.
        InvalidGraph: the input is not well-formed XML, declares a document type,
            is not GraphML, or breaks a limit; every problem is listed with its
            line and column.

    Example:
        >>> loads_graphml(b"<graphml><graph/></graphml>")
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidGraph: invalid GraphML (1 problem):
          $: no <graph> element in the GraphML namespace
    """
    reader = _Reader(max_depth=max_depth, max_digits=max_digits)
    parse(data, reader, max_bytes=max_bytes)
    if not reader.found_graph:
        reader.problem("no <graph> element in the GraphML namespace", "$")
        reader.fail()
    return reader.graph
