"""GEXF 1.2: Gephi's own graph format.

:func:`dumps_gexf` writes with networkx's writer. Node labels are the entities' names,
edge labels their relations, and a membership's ``weight`` is the GEXF edge weight
that Gephi uses (written exactly, and read back as a whole number when it is one).
GEXF has no graph attributes, so the ecosystem's own fields travel as JSON in the
``<meta><description>``; the modification date networkx writes is left out, so
output does not change from day to day.

:func:`loads_gexf` reads GEXF 1.1, 1.2 and 1.3 in one streaming pass (see
:mod:`peerprod.graphs.formats`): attribute values with their declared types and
defaults, edge weights, the nodes of nested ``<nodes>`` (with their parent as
``pid``). Labels and edge ids are dropped, Gephi's visual attributes (``viz``) are
skipped, and dynamic graphs (``start``, ``end``, spells, dynamic attributes) are
refused.

Example:
    >>> from peerprod import cases
    >>> graph = loads_gexf(dumps_gexf(cases.load("ikea")))
    >>> graph.nodes["ikea"]["kind"], list(graph.edges(keys=True))[0]
    ('business', ('ikea', 'ikea-assembly', 'organizes'))
"""

from __future__ import annotations

import io
import json
import re
from typing import TYPE_CHECKING, Any, Final
from xml.etree.ElementTree import SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from peerprod._convert import collector_paused
from peerprod.errors import InvalidGraph, Problem
from peerprod.graphs.formats._common import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_DIGITS,
    SHARED,
    add_edge,
    add_node,
    invalid,
    label,
    load_json,
    parts_of,
    xml_label,
    xml_safe,
)
from peerprod.graphs.formats._xml import Handler, attribute, escaped, parse, shown

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from peerprod.analysis.report import EcosystemReport
    from peerprod.graphs.formats._common import Input, Source

__all__ = ["dumps_gexf", "loads_gexf"]

_VERSION: Final = "1.2draft"


@collector_paused()
def dumps_gexf(source: Source, *, report: EcosystemReport | None = None) -> bytes:
    """Write GEXF 1.2 as networkx's writer does, for Gephi.

    The document is written line by line as the nodes and edges come, with no tree
    built first; its bytes are those of networkx's ``GEXFWriter`` (with peerprod's
    meta), which writes a graph holding values other than text, numbers and booleans,
    or GEXF's own names (``viz``, ``start``, ``pid``...).

    Args:
        source: An ecosystem, or a graph in the layout of :func:`~peerprod.graphs.to_graph`.
        report: For an ecosystem, the report whose results become derived attributes.

    Returns:
        UTF-8 encoded GEXF.

    Raises:
        InvalidValue: ``report`` was given with a graph, or does not describe ``source``.
        InvalidGraph: a graph holds a value networkx's writer refuses.

    Example:
        >>> from peerprod import cases
        >>> b'label="organizes"' in dumps_gexf(cases.load("ikea"))
        True
    """
    try:
        return _lines(*parts_of(source, report))
    except _Unsupported:
        return _networkx(*parts_of(source, report))


_HEAD: Final = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">'
)
_WRITTEN_TYPES: Final = {str: "string", int: "long", float: "double", bool: "boolean"}
_FLOATS: Final = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}
# Names networkx's writer gives a meaning of its own; a graph holding them is written by it.
_NODE_NAMES: Final = frozenset({"id", "pid", "start", "end", "viz", "parents", "spells", "slices"})
_EDGE_NAMES: Final = frozenset(
    {"id", "type", "start", "end", "viz", "spells", "slices", "key", "networkx_key", "label"}
)


class _Unsupported(Exception):
    """A value only networkx's writer knows what to do with (or how to refuse)."""


def _description(attributes: Mapping[str, Any]) -> str:
    return json.dumps(xml_safe(attributes), ensure_ascii=True, sort_keys=True)


class _Lines:
    """The lines of a GEXF document, as networkx's writer lays them out."""

    def __init__(self) -> None:
        self.declared: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
        self.lines: list[str] = []

    def values(self, table: Mapping[str, Any], scope: str) -> None:
        known, out = self.declared[scope], self.lines.append
        out("        <attvalues>")
        for name, value in table.items():
            written = _WRITTEN_TYPES.get(type(value))
            if written is None:
                raise _Unsupported
            title = str(name)
            found = known.get(title)
            if found is None:
                # networkx declares a title once, with the type of its first value; the
                # numbers run on across nodes and edges.
                number = len(self.declared["node"]) + len(self.declared["edge"])
                found = known[title] = (str(number), written)
            if written == "string":
                text = attribute(value)
            elif written == "boolean":
                text = "true" if value else "false"
            else:
                text = str(value)
                text = _FLOATS.get(text, text)
            out(f'          <attvalue for="{found[0]}" value="{text}" />')
        out("        </attvalues>")

    def node(self, node: Any, data: Mapping[str, Any]) -> None:
        if not _NODE_NAMES.isdisjoint(data):
            raise _Unsupported
        table = xml_safe(data)
        shown = attribute(xml_label(label(node, data)))
        opening = f'      <node id="{attribute(str(node))}" label="{shown}"'
        if table:
            self.lines.append(opening + ">")
            self.values(table, "node")
            self.lines.append("      </node>")
        else:
            self.lines.append(opening + " />")

    def edge(self, index: int, source: Any, target: Any, key: Any, data: Mapping[str, Any]) -> None:
        if not _EDGE_NAMES.isdisjoint(data):
            raise _Unsupported
        table = dict(xml_safe(data))
        opening = (
            f'      <edge source="{attribute(str(source))}" target="{attribute(str(target))}" '
            f'id="{index}" label="{attribute(str(data.get("relation", key)))}"'
        )
        if "weight" in table:
            opening += f' weight="{attribute(str(table.pop("weight")))}"'
        table["networkx_key"] = key
        self.lines.append(opening + ">")
        self.values(table, "edge")
        self.lines.append("      </edge>")

    def declarations(self) -> list[str]:
        found: list[str] = []
        for scope in ("edge", "node"):
            if self.declared[scope]:
                found.append(f'    <attributes mode="static" class="{scope}">')
                found += [
                    f'      <attribute id="{number}" title="{attribute(title)}" type="{written}" />'
                    for title, (number, written) in self.declared[scope].items()
                ]
                found.append("    </attributes>")
        return found


def _lines(
    attributes: Mapping[str, Any],
    nodes: Iterable[tuple[Any, Mapping[str, Any]]],
    edges: Iterable[tuple[Any, Any, Any, Mapping[str, Any]]],
) -> bytes:
    written = _Lines()
    for node, data in nodes:
        written.node(node, data)
    node_lines, written.lines = written.lines, []
    for index, (source, target, key, data) in enumerate(edges):
        written.edge(index, source, target, key, data)
    name = attribute(xml_label(str(attributes.get("id", ""))))
    document = [
        _HEAD,
        "  <meta>",
        "    <creator>peerprod</creator>",
        f"    <description>{escaped(_description(attributes))}</description>",
        "  </meta>",
        f'  <graph defaultedgetype="directed" mode="static" name="{name}">',
        *written.declarations(),
    ]
    document += ["    <nodes>", *node_lines, "    </nodes>"] if node_lines else ["    <nodes />"]
    edge_lines = written.lines
    document += ["    <edges>", *edge_lines, "    </edges>"] if edge_lines else ["    <edges />"]
    document += ["  </graph>", "</gexf>\n"]
    return "\n".join(document).encode("utf-8")


def _networkx(
    attributes: Mapping[str, Any],
    nodes: Iterable[tuple[Any, Mapping[str, Any]]],
    edges: Iterable[tuple[Any, Any, Any, Mapping[str, Any]]],
) -> bytes:
    """The same document through networkx's writer, for values only it handles."""
    safe = nx.MultiDiGraph(name=xml_label(str(attributes.get("id", ""))))
    safe.add_nodes_from((n, {**xml_safe(d), "label": xml_label(label(n, d))}) for n, d in nodes)
    safe.add_edges_from(
        (u, v, k, {**xml_safe(d), "label": str(d.get("relation", k))}) for u, v, k, d in edges
    )
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=_VERSION)
    try:
        writer.add_graph(safe)
    except (nx.NetworkXError, TypeError, ValueError) as exc:
        raise InvalidGraph("cannot write GEXF", [Problem(path="$", message=str(exc))]) from exc
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = "peerprod"
    description = SubElement(meta, "description")
    description.text = _description(attributes)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


_NAMESPACES: Final = frozenset(
    {"http://www.gexf.net/1.1draft", "http://www.gexf.net/1.2draft", "http://gexf.net/1.3"}
)
_WHOLE: Final = re.compile(r"[-+]?[0-9]+")
_TYPES: Final = {
    "integer": int,
    "long": int,
    "float": float,
    "double": float,
    "boolean": bool,
    "string": str,
    "liststring": str,
    "anyURI": str,
}
_BOOLEANS: Final = {"true": True, "false": False, "True": True, "False": False}
_BOOLEANS_TOO: Final = {"1": True, "0": False}
_DYNAMIC: Final = ("start", "end", "startopen", "endopen")


class _Attribute:
    __slots__ = ("default", "title", "type")

    def __init__(self, title: str, type_: type) -> None:
        self.title = title
        self.type = type_
        self.default: Any = None


class _Reader(Handler):
    """Builds a MultiDiGraph from GEXF events."""

    kind = "GEXF"

    def __init__(self, *, max_depth: int, max_digits: int) -> None:
        super().__init__(max_depth=max_depth, max_digits=max_digits)
        self.graph = nx.MultiDiGraph()
        self.ns = ""
        self.found_graph = False
        self.directed = True
        self.description: list[str] | None = None
        self.description_text: str | None = None
        self.attributes: dict[str, dict[str | None, _Attribute]] = {"node": {}, "edge": {}}
        self.defaults: dict[str, dict[str, Any]] = {"node": {}, "edge": {}}
        self.attribute_class: str | None = None  # of the <attributes> being read
        self.attribute: _Attribute | None = None  # the <attribute> being read
        self.default: list[str] | None = None  # the text of its <default>
        # The nodes being read, innermost last: (depth, id, attributes).
        self.nodes: list[tuple[int, str | None, dict[str, Any]]] = []
        self.edge: tuple[Any, Any, Any, Any, dict[str, Any], int] | None = None
        self.edges = 0
        self.shared: dict[str, str] = {}

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        depth = self.depth = self.depth + 1
        if depth > self.max_depth:
            self.too_deep()
        ns, _, name = tag.rpartition("}")
        if depth == 1:
            self.ns = ns if ns in _NAMESPACES else "-"
            return
        if ns != self.ns:
            return  # viz and other extensions
        if self.default is not None or self.description is not None:
            return
        if name == "attvalue":
            self.attvalue(attributes)
        elif name == "node":
            self.start_node(attributes, depth)
        elif name == "edge":
            self.start_edge(attributes, depth)
        elif name == "attribute":
            self.start_attribute(attributes)
        elif name == "default":
            if self.attribute is not None:
                self.default = []
        elif name == "attributes":
            self.start_attributes(attributes)
        elif name == "graph":
            if depth == 2 and not self.found_graph:
                self.found_graph = True
                self.directed = attributes.get("defaultedgetype", "undirected") == "directed"
                if attributes.get("mode") == "dynamic":
                    self.problem("dynamic graphs are not supported")
        elif name == "description":
            if depth == 3 and self.description_text is None:
                self.description = []
        elif name in ("spells", "slices", "parents"):
            self.problem(f"<{name}> is not supported")

    def dynamic(self, attributes: dict[str, str], what: str) -> bool:
        found = [name for name in _DYNAMIC if name in attributes]
        if found:
            self.problem(f"{what}: dynamic GEXF ({', '.join(found)}) is not supported")
        return bool(found)

    def start_attributes(self, attributes: dict[str, str]) -> None:
        scope = attributes.get("class")
        if scope not in ("node", "edge"):
            self.problem(f"attributes of class {scope!r}: expected 'node' or 'edge'")
            self.attribute_class = None
        elif attributes.get("mode") == "dynamic":
            self.problem("dynamic attributes are not supported")
            self.attribute_class = None
        else:
            self.attribute_class = scope

    def start_attribute(self, attributes: dict[str, str]) -> None:
        scope = self.attribute_class
        if scope is None:
            return
        title, type_name = attributes.get("title"), attributes.get("type", "string")
        python_type = _TYPES.get(type_name)
        if title is None:
            self.problem(f"attribute {attributes.get('id')!r} has no title")
        elif python_type is None:
            known = ", ".join(_TYPES)
            self.problem(f"attribute {title!r} has the unknown type {type_name!r}; known: {known}")
        else:
            self.attribute = _Attribute(title, python_type)
            self.attributes[scope][attributes.get("id")] = self.attribute

    def start_node(self, attributes: dict[str, str], depth: int) -> None:
        node = attributes.get("id")
        if node is None:
            self.problem("a <node> without an id")
        self.dynamic(attributes, f"node {node!r}")
        table = dict(self.defaults["node"])
        parent = attributes.get("pid")
        if parent is None and self.nodes:
            parent = self.nodes[-1][1]
        if parent is not None:
            table["pid"] = parent
        self.nodes.append((depth, node, table))

    def start_edge(self, attributes: dict[str, str], depth: int) -> None:
        source, target = attributes.get("source"), attributes.get("target")
        direction = attributes.get("type")
        what = f"edge {source!r} -> {target!r}"
        if source is None or target is None:
            self.problem("an <edge> without a source and a target")
        elif direction == "undirected" and self.directed:
            self.problem("Undirected edge found in directed graph.")
        elif direction == "directed" and not self.directed:
            self.problem("Directed edge found in undirected graph.")
        self.dynamic(attributes, what)
        table = dict(self.defaults["edge"])
        weight = attributes.get("weight")
        if weight is not None:
            # networkx reads every weight as a float; a whole number written as one
            # (a membership's seats, say) is read back as the exact integer.
            value = (
                self.whole(weight, f"the weight of {what}")
                if _WHOLE.fullmatch(weight)
                else self.number(weight, f"the weight of {what}")
            )
            if value is not None:
                table["weight"] = value
        self.edge = (source, target, attributes.get("id"), direction, table, depth)

    def attvalue(self, attributes: dict[str, str]) -> None:
        if self.edge is not None:
            table, scope, what = self.edge[4], "edge", f"edge {self.edge[0]!r} -> {self.edge[1]!r}"
        elif self.nodes:
            table, scope, what = self.nodes[-1][2], "node", f"node {self.nodes[-1][1]!r}"
        else:
            return
        for_ = attributes.get("for")
        attribute = self.attributes[scope].get(for_)
        if attribute is None:
            self.problem(f"No attribute defined for={for_}.")
            return
        if self.dynamic(attributes, what):
            return
        value = self.value(attribute, attributes.get("value"), what)
        if value is not None:
            table[attribute.title] = value

    def value(self, attribute: _Attribute, text: str | None, what: str) -> Any:
        """The value of ``text`` as ``attribute`` types it; None after reporting a problem."""
        where = f"{attribute.title!r} of {what}"
        if text is None:
            self.problem(f"{where}: no value")
            return None
        python_type = attribute.type
        if python_type is str:
            # Short values repeat (kinds, relations, currencies): keep one copy of each.
            return self.shared.setdefault(text, text) if len(text) <= SHARED else text
        if python_type is int:
            return self.whole(text, where)
        if python_type is float:
            return self.number(text, where)
        found = _BOOLEANS.get(text, _BOOLEANS_TOO.get(text))
        if found is None:
            self.problem(f"{where}: expected true or false, got {shown(text)}")
        return found

    def text(self, data: str) -> None:
        if self.default is not None:
            self.default.append(data)
        elif self.description is not None:
            self.description.append(data)

    def end(self, tag: str) -> None:
        depth = self.depth
        self.depth = depth - 1
        ns, _, name = tag.rpartition("}")
        if ns != self.ns:
            return
        if name == "node":
            if self.nodes and self.nodes[-1][0] == depth:
                self.end_node()
        elif name == "edge":
            if self.edge is not None and self.edge[5] == depth:
                self.end_edge()
        elif name == "default":
            if self.default is not None:
                self.end_default()
        elif name == "attribute":
            self.attribute = None
        elif name == "attributes":
            self.attribute_class = None
        elif name == "description" and self.description is not None:
            self.description_text = "".join(self.description)
            self.description = None

    def end_default(self) -> None:
        text, self.default = "".join(self.default or ()), None
        attribute, scope = self.attribute, self.attribute_class
        assert attribute is not None  # a default is read only inside an attribute
        assert scope is not None
        value = self.value(attribute, text, f"the default of {attribute.title!r}")
        if value is not None:
            self.defaults[scope][attribute.title] = value

    def end_node(self) -> None:
        _, node, table = self.nodes.pop()
        if node is None:
            return
        add_node(self.graph, node, table)

    def end_edge(self) -> None:
        assert self.edge is not None  # checked by the caller
        source, target, edge_id, direction, table, _ = self.edge
        self.edge = None
        position = self.edges
        self.edges = position + 1
        if source is None or target is None:
            return
        key = table.pop("networkx_key", None)
        if key is None:
            key = edge_id
        self.add(source, target, key, table, position)
        if direction == "mutual":
            self.add(target, source, key, dict(table), position)

    def add(self, source: Any, target: Any, key: Any, table: dict[str, Any], position: int) -> None:
        add_edge(self.graph, source, target, key, table, position=position)


@collector_paused()
def loads_gexf(
    data: Input,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_DIGITS,
) -> nx.MultiDiGraph:
    """Read GEXF safely into a MultiDiGraph whose edges are keyed by relation.

    The labels and edge ids GEXF requires are dropped; graph attributes come from
    the JSON that :func:`dumps_gexf` puts in ``<meta><description>``.

    Args:
        data: The GEXF document: bytes, text, or a binary file open for reading.
        max_bytes: Refuse larger input; None for no limit.
        max_depth: Refuse elements nested deeper than this.
        max_digits: Refuse integers with more digits than this.

    Raises:
        GraphTooLarge: ``data`` is larger than ``max_bytes``.
        InvalidGraph: the input is not well-formed XML, declares a document type,
            is not GEXF that can be read, or breaks a limit; every problem is
            listed with its line and column.

    Example:
        >>> loads_gexf(b'<gexf xmlns="http://www.gexf.net/1.2draft"/>')
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidGraph: invalid GEXF (1 problem):
          $: no <graph> element in a GEXF namespace
    """
    reader = _Reader(max_depth=max_depth, max_digits=max_digits)
    parse(data, reader, max_bytes=max_bytes)
    if not reader.found_graph:
        raise invalid("GEXF", "no <graph> element in a GEXF namespace")
    graph = reader.graph
    if reader.description_text:
        try:
            found = load_json(reader.description_text, "GEXF", max_digits)
        except InvalidGraph as exc:
            (problem,) = exc.problems
            message = f"the description is not JSON: {problem.message} at {problem.path}"
            raise invalid("GEXF", message, "meta.description") from None
        if not isinstance(found, dict):
            raise invalid("GEXF", "the description must be a JSON object", "meta.description")
        graph.graph.update(found)
    return graph
