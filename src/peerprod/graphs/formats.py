"""Graph files: GraphML, GEXF, node-link and Cytoscape.js JSON, Graphviz DOT, Mermaid, pictures.

A thin layer over :mod:`peerprod.graphs`: every writer takes an
:class:`~peerprod.Ecosystem` (converted with :func:`~peerprod.graphs.to_graph`)
or a graph in that layout, and every reader returns a
:class:`networkx.MultiDiGraph` that :func:`~peerprod.graphs.from_graph` turns
back into an equal ecosystem. :func:`read` and :func:`write` choose the format
by the file's suffix.

=============  ===========  =====  ======================================================
format         suffix       reads  for
=============  ===========  =====  ======================================================
``graphml``    .graphml     yes    Gephi, Cytoscape, yEd, igraph; through networkx
``gexf``       .gexf        yes    Gephi; through networkx
``node-link``  .json        yes    networkx and D3; through networkx
``cytoscape``  .cyjs        yes    Cytoscape and Cytoscape.js
``dot``        .dot, .gv    no     Graphviz; layers as clusters
``mermaid``    .mmd         no     Mermaid flowcharts on code hosting sites and in docs
``svg``        .svg         no     a picture drawn by Graphviz ``dot`` (needs Graphviz)
``png``        .png         no     the same, as a bitmap
=============  ===========  =====  ======================================================

Output is deterministic: the same ecosystem always gives byte-identical files
(for a given networkx and Graphviz), so research artefacts diff cleanly.

Reading is safe for files from untrusted sources: XML is parsed with
:mod:`defusedxml` and any document type declaration is refused, so entities
can neither expand (the "billion laughs") nor load external files; and input
larger than ``max_bytes`` (:data:`MAX_BYTES` unless given) is refused before it
is parsed, with :class:`~peerprod.errors.GraphTooLarge`. Anything that is not
a graph file of the format raises :class:`~peerprod.errors.InvalidGraph`.

XML cannot carry some characters (control characters other than tab and line
feed; a carriage return becomes a line feed). In GraphML and GEXF a text value
that holds one is written as ASCII JSON text under the attribute name with the
``:json`` suffix, which :func:`~peerprod.graphs.from_graph` reads back exactly.

Example:
    >>> from peerprod import cases
    >>> from peerprod.graphs import from_graph
    >>> lego = cases.load("lego")
    >>> data = dumps_graphml(lego)
    >>> data == dumps_graphml(lego)
    True
    >>> from_graph(loads_graphml(data)) == lego
    True
    >>> print(dumps_mermaid(lego).splitlines()[0])
    flowchart LR
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias
from xml.etree.ElementTree import Element, ParseError, SubElement

import defusedxml
import defusedxml.ElementTree
import networkx as nx
from networkx.readwrite.gexf import GEXFReader, GEXFWriter
from networkx.readwrite.graphml import GraphMLReader

from peerprod._convert import collector_paused as _collector_paused
from peerprod.errors import GraphTooLarge, InvalidGraph, Problem, RenderError
from peerprod.graphs.convert import from_graph, to_graph
from peerprod.graphs.layout import JSON_SUFFIX
from peerprod.model.ecosystem import Ecosystem
from peerprod.model.layers import Layer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "NODE_LINK_KEYS",
    "Format",
    "dumps",
    "dumps_cytoscape",
    "dumps_dot",
    "dumps_gexf",
    "dumps_graphml",
    "dumps_mermaid",
    "dumps_node_link",
    "loads_cytoscape",
    "loads_gexf",
    "loads_graphml",
    "loads_node_link",
    "read",
    "read_graph",
    "render",
    "write",
]

MAX_BYTES: Final = 256 * 1024 * 1024
"""The default limit on the size of a graph file a reader accepts: 256 MiB.

Every reader takes ``max_bytes`` to change it, or ``None`` to lift it for
files you trust.
"""

Format: TypeAlias = Literal[
    "graphml", "gexf", "node-link", "cytoscape", "dot", "mermaid", "svg", "png"
]
"""The name of a graph file format."""

FORMATS: Final[Mapping[str, Format]] = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "node-link",
    ".cyjs": "cytoscape",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".svg": "svg",
    ".png": "png",
}
"""The format :func:`read` and :func:`write` use for each file suffix."""

_XML_UNSAFE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")


def _graph_of(source: Ecosystem | nx.MultiDiGraph) -> nx.MultiDiGraph:
    return to_graph(source) if isinstance(source, Ecosystem) else source


def _check_size(data: str | bytes, max_bytes: int | None, where: str = "$") -> None:
    if max_bytes is not None and len(data) > max_bytes:
        raise GraphTooLarge(where, len(data), max_bytes)


def _invalid(kind: str, message: str, path: str = "$") -> InvalidGraph:
    return InvalidGraph(f"invalid {kind}", [Problem(path=path, message=message)])


def _xml_safe(data: Mapping[str, Any]) -> dict[str, Any]:
    """Move text that XML cannot carry into ASCII JSON, under the ``:json`` name."""
    out: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, str) and _XML_UNSAFE.search(value) is not None:
            if name.endswith(JSON_SUFFIX):
                # Already JSON: re-encoded as ASCII, which XML always carries.
                out[name] = json.dumps(json.loads(value), ensure_ascii=True, separators=(",", ":"))
            else:
                out[name + JSON_SUFFIX] = json.dumps(value, ensure_ascii=True)
        else:
            out[name] = value
    return out


def _rebuild(
    graph_data: Mapping[str, Any],
    nodes: Iterable[tuple[Any, Mapping[str, Any]]],
    edges: Iterable[tuple[Any, Any, Any, Mapping[str, Any]]],
    *,
    drop_node: frozenset[str] = frozenset(),
    drop_edge: frozenset[str] = frozenset(),
) -> nx.MultiDiGraph:
    """A fresh MultiDiGraph whose edges are keyed by relation, as :func:`to_graph` keys them."""
    graph = nx.MultiDiGraph()
    graph.graph.update(graph_data)
    graph.add_nodes_from((n, {k: v for k, v in d.items() if k not in drop_node}) for n, d in nodes)
    used: set[tuple[Any, Any, Any]] = set()
    keyed: list[tuple[Any, Any, Any, dict[str, Any]]] = []
    for position, (source, target, key, data) in enumerate(edges):
        relation = data.get("relation")
        # A repeated relation keeps its file key, so from_graph can point at both edges.
        for candidate in (relation, key, f"#{position}"):
            if isinstance(candidate, str | int) and (source, target, candidate) not in used:
                break
        used.add((source, target, candidate))
        keyed.append(
            (source, target, candidate, {k: v for k, v in data.items() if k not in drop_edge})
        )
    graph.add_edges_from(keyed)
    return graph


# --- GraphML --------------------------------------------------------------------------------


@_collector_paused()
def dumps_graphml(source: Ecosystem | nx.MultiDiGraph) -> bytes:
    """Write GraphML with networkx's ElementTree writer; edge ids are ``e0``, ``e1``...

    Args:
        source: An ecosystem, or a graph in the layout of :func:`~peerprod.graphs.to_graph`.

    Returns:
        UTF-8 encoded GraphML, with an XML declaration.

    Example:
        >>> from peerprod import cases
        >>> dumps_graphml(cases.load("ikea"))[:38]
        b"<?xml version='1.0' encoding='utf-8'?>"
    """
    graph = _graph_of(source)
    safe = nx.MultiDiGraph()
    safe.graph.update(_xml_safe(graph.graph))
    safe.add_nodes_from((n, _xml_safe(d)) for n, d in graph.nodes(data=True))
    # GraphML edge ids should be unique in the document; the relation stays an attribute.
    safe.add_edges_from(
        (u, v, f"e{i}", _xml_safe(d)) for i, (u, v, d) in enumerate(graph.edges(data=True))
    )
    buffer = io.BytesIO()
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
    return buffer.getvalue()


def _parse_xml(data: str | bytes, kind: str, max_bytes: int | None) -> Element:
    _check_size(data, max_bytes)
    try:
        root: Element = defusedxml.ElementTree.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden as exc:
        raise _invalid(
            kind,
            "refused a document type declaration: graph files need none, and they can expand "
            "entities or load external files",
        ) from exc
    except defusedxml.DefusedXmlException as exc:  # pragma: no cover - DTDs are refused first
        raise _invalid(kind, f"refused unsafe XML: {exc}") from exc
    except ParseError as exc:
        line, column = exc.position
        raise _invalid(kind, str(exc).split(":")[0], f"line {line}, column {column + 1}") from exc
    return root


@_collector_paused()
def loads_graphml(data: str | bytes, *, max_bytes: int | None = MAX_BYTES) -> nx.MultiDiGraph:
    """Read GraphML safely into a MultiDiGraph whose edges are keyed by relation.

    Args:
        data: The GraphML document.
        max_bytes: Refuse larger input; None for no limit.

    Returns:
        The first graph of the document, with GraphML's key defaults applied.

    Raises:
        GraphTooLarge: ``data`` is larger than ``max_bytes``.
        InvalidGraph: the input is not well-formed XML, declares a DTD, or is
            not GraphML that networkx can read.

    Example:
        >>> loads_graphml(b"<graphml><graph/></graphml>")
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidGraph: invalid GraphML (1 problem):
          $: no <graph> element in the GraphML namespace
    """
    root = _parse_xml(data, "GraphML", max_bytes)
    reader = GraphMLReader(node_type=str, edge_key_type=str, force_multigraph=True)
    graph_xml = root.find(f"{{{reader.NS_GRAPHML}}}graph")
    if graph_xml is None:
        raise _invalid("GraphML", "no <graph> element in the GraphML namespace")
    try:
        # networkx's reader, fed the tree that defusedxml has already parsed.
        keys, defaults = reader.find_graphml_keys(root)
        raw = reader.make_graph(graph_xml, keys, defaults)
    except (nx.NetworkXError, ValueError, KeyError, TypeError) as exc:
        raise _invalid("GraphML", str(exc)) from exc
    graph_data = dict(raw.graph)
    node_default = graph_data.pop("node_default", {})
    edge_default = graph_data.pop("edge_default", {})
    if graph_xml.get("id") is not None:
        # networkx writes the graph's "id" attribute as the <graph> element's id.
        graph_data.setdefault("id", graph_xml.get("id"))
    return _rebuild(
        graph_data,
        ((n, {**node_default, **d}) for n, d in raw.nodes(data=True)),
        ((u, v, k, {**edge_default, **d}) for u, v, k, d in raw.edges(keys=True, data=True)),
    )


# --- GEXF -----------------------------------------------------------------------------------

_GEXF_VERSION: Final = "1.2draft"
_WHOLE: Final = re.compile(r"[-+]?[0-9]+")


def _label(node: object, data: Mapping[str, Any]) -> str:
    name = data.get("name")
    return name if isinstance(name, str) else str(node)


def _xml_label(node: object, data: Mapping[str, Any]) -> str:
    # Labels are for display only and not read back, so a lossy replacement is enough.
    return _XML_UNSAFE.sub("\ufffd", _label(node, data))


@_collector_paused()
def dumps_gexf(source: Ecosystem | nx.MultiDiGraph) -> bytes:
    """Write GEXF 1.2 with networkx's writer, for Gephi.

    Node labels are the entities' names, edge labels their relations, and a
    membership's ``weight`` is the GEXF edge weight that Gephi uses (written
    exactly, and read back as a whole number when it is one). GEXF has no graph
    attributes, so the ecosystem's own fields travel as JSON in the
    ``<meta><description>``; the modification date networkx writes is left
    out, so output does not change from day to day.

    Args:
        source: An ecosystem, or a graph in the layout of :func:`~peerprod.graphs.to_graph`.

    Returns:
        UTF-8 encoded GEXF.
    """
    graph = _graph_of(source)
    safe = nx.MultiDiGraph(name=_xml_label(graph.graph.get("id", ""), graph.graph))
    safe.add_nodes_from(
        (n, {**_xml_safe(d), "label": _xml_label(n, d)}) for n, d in graph.nodes(data=True)
    )
    safe.add_edges_from(
        (u, v, k, {**_xml_safe(d), "label": str(d.get("relation", k))})
        for u, v, k, d in graph.edges(keys=True, data=True)
    )
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=_GEXF_VERSION)
    writer.add_graph(safe)
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = "peerprod"
    description = SubElement(meta, "description")
    description.text = json.dumps(_xml_safe(graph.graph), ensure_ascii=True, sort_keys=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@_collector_paused()
def loads_gexf(data: str | bytes, *, max_bytes: int | None = MAX_BYTES) -> nx.MultiDiGraph:
    """Read GEXF safely into a MultiDiGraph whose edges are keyed by relation.

    The labels and edge ids GEXF requires are dropped; graph attributes come
    from the JSON that :func:`dumps_gexf` puts in ``<meta><description>``.

    Raises:
        GraphTooLarge: ``data`` is larger than ``max_bytes``.
        InvalidGraph: the input is not well-formed XML, declares a DTD, or is
            not GEXF that networkx can read.

    Example:
        >>> from peerprod import cases
        >>> graph = loads_gexf(dumps_gexf(cases.load("ikea")))
        >>> graph.nodes["ikea"]["kind"], list(graph.edges(keys=True))[0]
        ('business', ('ikea', 'ikea-assembly', 'organizes'))
    """
    root = _parse_xml(data, "GEXF", max_bytes)
    reader = GEXFReader(node_type=str, version=_GEXF_VERSION)
    for version in reader.versions:
        reader.set_version(version)
        graph_xml = root.find(f"{{{reader.NS_GEXF}}}graph")
        if graph_xml is not None:
            break
    else:
        raise _invalid("GEXF", "no <graph> element in a GEXF namespace")
    try:
        raw = reader.make_graph(graph_xml)
    except (nx.NetworkXError, ValueError, KeyError, TypeError) as exc:
        raise _invalid("GEXF", str(exc)) from exc
    graph_data: dict[str, Any] = {}
    description = root.find(f"{{{reader.NS_GEXF}}}meta/{{{reader.NS_GEXF}}}description")
    if description is not None and description.text:
        try:
            graph_data = json.loads(description.text)
        except (ValueError, RecursionError) as exc:
            raise _invalid(
                "GEXF", f"the description is not JSON: {exc}", "meta.description"
            ) from exc
        if not isinstance(graph_data, dict):
            raise _invalid("GEXF", "the description must be a JSON object", "meta.description")
    # networkx reads every GEXF weight as a float; a whole number written as
    # one (a membership's seats, say) is read back as the exact integer.
    whole = {
        edge.get("id"): int(weight)
        for edge in graph_xml.iter(f"{{{reader.NS_GEXF}}}edge")
        if (weight := edge.get("weight")) is not None and _WHOLE.fullmatch(weight)
    }
    edges = raw.edges(keys=True, data=True) if raw.is_multigraph() else (
        (u, v, None, d) for u, v, d in raw.edges(data=True)
    )  # fmt: skip
    exact = (
        (u, v, k, {**d, "weight": whole[d.get("id")]} if d.get("id") in whole else d)
        for u, v, k, d in edges
    )
    return _rebuild(
        graph_data,
        raw.nodes(data=True),
        exact,
        drop_node=frozenset({"label"}),
        drop_edge=frozenset({"id", "label"}),
    )


# --- JSON -----------------------------------------------------------------------------------

NODE_LINK_KEYS: Final[Mapping[str, str]] = {
    "source": "source",
    "target": "target",
    "name": "id",
    "key": "key",
    "edges": "edges",
    "nodes": "nodes",
}
"""The keyword arguments peerprod passes to networkx's node-link functions.

Every key is named, so files do not change with networkx's defaults (which
changed between releases).
"""


@_collector_paused()
def dumps_node_link(source: Ecosystem | nx.MultiDiGraph, *, indent: int | None = 2) -> str:
    """Write node-link JSON with networkx, naming every key explicitly.

    The keys are ``nodes``, ``edges``, ``id``, ``source``, ``target`` and
    ``key`` whatever networkx's defaults (they changed between releases).

    Example:
        >>> from peerprod import cases
        >>> text = dumps_node_link(cases.load("ikea"))
        >>> sorted(json.loads(text))
        ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    """
    data = nx.node_link_data(_graph_of(source), **NODE_LINK_KEYS)
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


def _load_json(data: str | bytes, kind: str, max_bytes: int | None) -> Any:
    _check_size(data, max_bytes)
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise _invalid(kind, exc.msg, f"line {exc.lineno}, column {exc.colno}") from exc
    except (UnicodeDecodeError, RecursionError) as exc:
        raise _invalid(kind, str(exc) or "nested too deeply") from exc


def _shape_problems(
    data: object,
    lists: Mapping[str, Mapping[str, type]],
    *,
    prefix: str = "",
    wrapped: bool = False,
) -> list[Problem]:
    """Check that ``data`` has the named lists of tables with the required keys.

    ``wrapped`` tables sit under a ``data`` key of each item, as in Cytoscape.js.
    """
    if not isinstance(data, dict):
        return [Problem(path=prefix or "$", message="expected a JSON object")]
    problems: list[Problem] = []
    for name, required in lists.items():
        items = data.get(name, [])
        if not isinstance(items, list):
            problems.append(Problem(path=prefix + name, message="expected a list"))
            continue
        for index, item in enumerate(items):
            where = f"{prefix}{name}[{index}]"
            table = item.get("data") if wrapped and isinstance(item, dict) else item
            if not isinstance(table, dict):
                problems.append(Problem(path=where, message="expected a JSON object"))
                continue
            for key, kind in required.items():
                if not isinstance(table.get(key), kind):
                    problems.append(
                        Problem(path=f"{where}.{key}", message=f"expected a {kind.__name__}")
                    )
    return problems


@_collector_paused()
def loads_node_link(data: str | bytes, *, max_bytes: int | None = MAX_BYTES) -> nx.MultiDiGraph:
    """Read node-link JSON into a MultiDiGraph whose edges are keyed by relation.

    Raises:
        GraphTooLarge: ``data`` is larger than ``max_bytes``.
        InvalidGraph: the input is not JSON or not a directed node-link graph;
            every malformed node and edge is listed.

    Example:
        >>> loads_node_link('{"directed": true, "nodes": [{"name": "x"}], "edges": []}')
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidGraph: invalid node-link JSON (1 problem):
          nodes[0].id: expected a str
    """
    document = _load_json(data, "node-link JSON", max_bytes)
    problems = _shape_problems(
        document, {"nodes": {"id": str}, "edges": {"source": str, "target": str}}
    )
    if not problems and document.get("directed") is not True:
        problems.append(Problem(path="directed", message="expected true: a directed graph"))
    if problems:
        raise InvalidGraph("invalid node-link JSON", problems)
    if not isinstance(document.get("graph", {}), dict):
        raise _invalid("node-link JSON", "expected a JSON object", "graph")
    try:
        raw = nx.node_link_graph(document, directed=True, multigraph=True, **NODE_LINK_KEYS)
    except (nx.NetworkXError, ValueError, KeyError, TypeError) as exc:
        raise _invalid("node-link JSON", str(exc)) from exc
    if raw.is_multigraph() and all(
        k == d.get("relation", k) for _, _, k, d in raw.edges(keys=True, data=True)
    ):
        return raw  # keyed as to_graph keys its edges: nothing to rebuild
    edges = raw.edges(keys=True, data=True) if raw.is_multigraph() else (
        (u, v, None, d) for u, v, d in raw.edges(data=True)
    )  # fmt: skip
    return _rebuild(raw.graph, raw.nodes(data=True), edges)


@_collector_paused()
def dumps_cytoscape(source: Ecosystem | nx.MultiDiGraph, *, indent: int | None = 2) -> str:
    """Write Cytoscape.js JSON (the ``.cyjs`` that Cytoscape imports).

    Each node's ``data`` holds its id and attributes, each edge's ``data`` an
    id (``e0``, ``e1``...), its source and target and attributes; the graph
    attributes are the top-level ``data``. networkx's own ``cytoscape_data``
    is not used because it writes a ``name`` and a ``value`` into every node,
    which would clash with the model's ``name`` field.

    Example:
        >>> from peerprod import cases
        >>> doc = json.loads(dumps_cytoscape(cases.load("ikea")))
        >>> doc["elements"]["nodes"][0]["data"]["id"]
        'ikea'
    """
    graph = _graph_of(source)
    document = {
        "format_version": "1.0",
        "generated_by": "peerprod",
        "target_cytoscapejs_version": "~2.1",
        "data": dict(graph.graph),
        "elements": {
            "nodes": [{"data": {"id": n, **d}} for n, d in graph.nodes(data=True)],
            "edges": [
                {"data": {"id": f"e{i}", "source": u, "target": v, **d}}
                for i, (u, v, d) in enumerate(graph.edges(data=True))
            ],
        },
    }
    return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"


@_collector_paused()
def loads_cytoscape(data: str | bytes, *, max_bytes: int | None = MAX_BYTES) -> nx.MultiDiGraph:
    """Read Cytoscape.js JSON into a MultiDiGraph whose edges are keyed by relation.

    Edge ids are dropped; everything else in ``data`` becomes attributes.

    Raises:
        GraphTooLarge: ``data`` is larger than ``max_bytes``.
        InvalidGraph: the input is not JSON or not Cytoscape.js elements;
            every malformed node and edge is listed.

    Example:
        >>> loads_cytoscape('{"elements": {"nodes": [{"data": {"name": "x"}}]}}')
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidGraph: invalid Cytoscape.js JSON (1 problem):
          elements.nodes[0].id: expected a str
    """
    document = _load_json(data, "Cytoscape.js JSON", max_bytes)
    if not isinstance(document, dict) or not isinstance(document.get("elements"), dict):
        raise _invalid("Cytoscape.js JSON", "expected an object with 'elements'")
    elements = document["elements"]
    problems = _shape_problems(
        elements,
        {"nodes": {"id": str}, "edges": {"source": str, "target": str}},
        prefix="elements.",
        wrapped=True,
    )
    if not isinstance(document.get("data", {}), dict):
        problems.append(Problem(path="data", message="expected a JSON object"))
    if problems:
        raise InvalidGraph("invalid Cytoscape.js JSON", problems)
    nodes = []
    for item in elements.get("nodes", []):
        attributes = dict(item["data"])
        nodes.append((attributes.pop("id"), attributes))
    edges = []
    for position, item in enumerate(elements.get("edges", [])):
        attributes = dict(item["data"])
        source, target = attributes.pop("source"), attributes.pop("target")
        edges.append((source, target, attributes.pop("id", position), attributes))
    return _rebuild(document.get("data", {}), nodes, edges)


# --- pictures -------------------------------------------------------------------------------

_ACTOR_COLOURS: Final = {
    "community": "#c7e9c0",
    "individual": "#e5f5e0",
    "foundation": "#c6dbef",
    "business": "#fdd0a2",
    "public_authority": "#dadaeb",
}
_SHAPES: Final = {
    "actor": "ellipse",
    "platform": "box3d",
    "commons": "cylinder",
    "coalition": "hexagon",
    "funding_stream": "diamond",
    "partner_state": "house",
    "arrangement": "note",
}
_LAYER_COLOURS: Final = {
    1: "#f3f7fc",
    2: "#f3faf1",
    3: "#fef6ee",
    4: "#fbfbef",
    5: "#f6f5fa",
}
# Edge styles group the relations by what they say: money, governance, work, rights, state.
_EDGE_STYLES: Final = {
    "pays": 'color="#238b45", penwidth=2',
    "funds": 'color="#238b45", penwidth=2',
    "via": 'color="#238b45", style=dashed',
    "member_of": 'color="#d94801"',
    "houses": 'color="#d94801", style=dashed',
    "sustains": 'color="#d94801", penwidth=2',
    "initiated": 'color="#2171b5", style=dashed',
    "operates": 'color="#2171b5", penwidth=2',
    "hosts": 'color="#2171b5"',
    "contributes_to": 'color="#41ab5d"',
    "holds_rights": 'color="#cb181d", style=dotted, penwidth=2',
    "undertakes": 'color="#6a51a3"',
    "engages": 'color="#6a51a3", style=dashed',
    "organizes": 'color="#525252"',
    "participates_in": 'color="#525252", style=dashed',
    "runs_on": 'color="#969696", style=dotted',
    "feeds": 'color="#969696"',
}


def _dot_string(text: object) -> str:
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def _node_label(node: object, data: Mapping[str, Any]) -> str:
    label = _label(node, data)
    if data.get("entity") == "funding_stream":
        parts = [str(data.get("channel", "")).replace("_", " ")]
        if "amount" in data:
            period = f" a {data['period']}" if "period" in data else ""
            parts.append(f"{data['amount']} {data.get('currency', '')}{period}")
        return "\n".join([label, *parts])
    return label


def _layer_groups(graph: nx.MultiDiGraph) -> dict[int | None, list[tuple[Any, dict[str, Any]]]]:
    groups: dict[int | None, list[tuple[Any, dict[str, Any]]]] = {}
    for node, data in graph.nodes(data=True):
        layer = data.get("layer")
        groups.setdefault(layer if layer in _LAYER_COLOURS else None, []).append((node, data))
    return {key: groups[key] for key in sorted(groups, key=lambda k: (k is None, k or 0))}


def dumps_dot(source: Ecosystem | nx.MultiDiGraph) -> str:
    """Write a Graphviz DOT picture: layers as clusters, shapes by entity, edges styled by relation.

    Actors are coloured by kind, funding streams show their channel and
    amount, and each edge is labelled with its relation. Arrangements, which
    belong to no layer, sit outside the clusters.

    Example:
        >>> from peerprod import cases
        >>> print(dumps_dot(cases.load("ikea")).splitlines()[0])
        digraph "ikea" {
    """
    graph = _graph_of(source)
    title = graph.graph.get("name", graph.graph.get("id", ""))
    lines = [
        f"digraph {_dot_string(graph.graph.get('id', 'ecosystem'))} {{",
        f"  graph [label={_dot_string(title)}, labelloc=t, fontname=Helvetica, rankdir=LR,"
        " newrank=true, nodesep=0.3];",
        '  node [fontname=Helvetica, fontsize=10, style=filled, fillcolor="#ffffff"];',
        "  edge [fontname=Helvetica, fontsize=8];",
    ]
    for layer, members in _layer_groups(graph).items():
        indent = "  "
        if layer is not None:
            lines.append(f"  subgraph cluster_layer_{layer} {{")
            lines.append(
                f"    graph [label={_dot_string(f'{layer} · {Layer(layer).title}')}, "
                f'style="rounded,filled", fillcolor="{_LAYER_COLOURS[layer]}", color="#bdbdbd"];'
            )
            indent = "    "
        for node, data in members:
            entity = data.get("entity")
            attributes = [f"label={_dot_string(_node_label(node, data))}"]
            attributes.append(f"shape={_SHAPES.get(str(entity), 'box')}")
            colour = _ACTOR_COLOURS.get(str(data.get("kind"))) if entity == "actor" else None
            if colour is not None:
                attributes.append(f'fillcolor="{colour}"')
            lines.append(f"{indent}{_dot_string(node)} [{', '.join(attributes)}];")
        if layer is not None:
            lines.append("  }")
    for u, v, k, data in graph.edges(keys=True, data=True):
        relation = str(data.get("relation", k))
        label = relation.replace("_", " ")
        if "weight" in data:
            label += f" ({data['weight']})"
        style = _EDGE_STYLES.get(relation, "")
        styled = f"label={_dot_string(label)}" + (f", {style}" if style else "")
        lines.append(f"  {_dot_string(u)} -> {_dot_string(v)} [{styled}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_MERMAID_SHAPES: Final = {
    "actor": ('(["', '"])'),
    "platform": ('[["', '"]]'),
    "commons": ('[("', '")]'),
    "coalition": ('{{"', '"}}'),
    "funding_stream": ('{"', '"}'),
    "partner_state": ('[/"', '"\\]'),
    "arrangement": ('>"', '"]'),
}
_MERMAID_ARROWS: Final = {
    "pays": "==>",
    "funds": "==>",
    "sustains": "==>",
    "operates": "==>",
    "holds_rights": "-.->",
    "engages": "-.->",
    "initiated": "-.->",
    "houses": "-.->",
    "via": "-.->",
    "participates_in": "-.->",
    "runs_on": "-.->",
}
_MERMAID_ESCAPES: Final = str.maketrans(
    {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "\n": " ", "\r": " "}
)


def _mermaid_text(text: object) -> str:
    return str(text).translate(_MERMAID_ESCAPES)


def dumps_mermaid(source: Ecosystem | nx.MultiDiGraph) -> str:
    """Write a Mermaid flowchart: layers as subgraphs, shapes by entity, labelled edges.

    Mermaid ids are ``n0``, ``n1``... in node order (entity ids may hold
    characters Mermaid reads as syntax); the labels are the names.

    Example:
        >>> from peerprod import cases
        >>> print(dumps_mermaid(cases.load("ikea")))  # doctest: +ELLIPSIS
        flowchart LR
          subgraph layer_2["2 · open design commons"]
          ...
    """
    graph = _graph_of(source)
    ids = {node: f"n{i}" for i, node in enumerate(graph)}
    lines = ["flowchart LR"]
    classes: dict[str, list[str]] = {}
    for layer, members in _layer_groups(graph).items():
        indent = "  "
        if layer is not None:
            title = _mermaid_text(f"{layer} · {Layer(layer).title}")
            lines.append(f'  subgraph layer_{layer}["{title}"]')
            indent = "    "
        for node, data in members:
            entity = str(data.get("entity"))
            opening, closing = _MERMAID_SHAPES.get(entity, ('["', '"]'))
            text = _mermaid_text(_node_label(node, data))
            lines.append(f"{indent}{ids[node]}{opening}{text}{closing}")
            if entity == "actor":
                classes.setdefault(str(data.get("kind")), []).append(ids[node])
        if layer is not None:
            lines.append("  end")
    for u, v, k, data in graph.edges(keys=True, data=True):
        relation = str(data.get("relation", k))
        arrow = _MERMAID_ARROWS.get(relation, "-->")
        label = _mermaid_text(relation.replace("_", " "))
        lines.append(f'  {ids[u]} {arrow}|"{label}"| {ids[v]}')
    for kind, mermaid_ids in classes.items():
        colour = _ACTOR_COLOURS.get(kind)
        if colour is not None:
            lines.append(f"  classDef {kind} fill:{colour}")
            lines.append(f"  class {','.join(mermaid_ids)} {kind}")
    return "\n".join(lines) + "\n"


def render(
    source: Ecosystem | nx.MultiDiGraph,
    *,
    format: Literal["svg", "png"] = "svg",
    dot: str = "dot",
    timeout: float = 60.0,
) -> bytes:
    """Draw an ecosystem with Graphviz ``dot`` (see :func:`dumps_dot` for the look).

    Graphviz is an optional dependency: install it from your system's
    packages (``apt-get install graphviz`` on Debian and Ubuntu).

    Args:
        source: An ecosystem, or a graph in the layout of :func:`~peerprod.graphs.to_graph`.
        format: ``"svg"`` or ``"png"``.
        dot: The name or path of the ``dot`` program.
        timeout: Seconds to wait for ``dot``.

    Returns:
        The picture.

    Raises:
        RenderError: ``dot`` is not installed, timed out or failed.
        ValueError: ``format`` is neither ``"svg"`` nor ``"png"``.

    Example:
        >>> from peerprod import cases
        >>> render(cases.load("ikea"), dot="no-such-dot")
        Traceback (most recent call last):
        ...
        peerprod.errors.RenderError: Graphviz 'no-such-dot' was not found on PATH; ...
    """
    if format not in ("svg", "png"):
        msg = f"format must be 'svg' or 'png', not {format!r}"
        raise ValueError(msg)
    program = shutil.which(dot)
    if program is None:
        msg = (
            f"Graphviz {dot!r} was not found on PATH; install Graphviz to draw pictures "
            "(Debian and Ubuntu: apt-get install graphviz), or write DOT with dumps_dot"
        )
        raise RenderError(msg)
    try:
        done = subprocess.run(
            [program, f"-T{format}"],
            input=dumps_dot(source).encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        msg = f"Graphviz dot took longer than {timeout} seconds"
        raise RenderError(msg) from exc
    if done.returncode != 0:
        msg = f"Graphviz dot failed ({done.returncode}): {done.stderr.decode(errors='replace')}"
        raise RenderError(msg.strip())
    picture: bytes = done.stdout
    return picture


# --- files ----------------------------------------------------------------------------------


def _render_svg(source: Ecosystem | nx.MultiDiGraph) -> bytes:
    return render(source, format="svg")


def _render_png(source: Ecosystem | nx.MultiDiGraph) -> bytes:
    return render(source, format="png")


_WRITERS: Final[Mapping[str, Callable[[Any], str | bytes]]] = {
    "graphml": dumps_graphml,
    "gexf": dumps_gexf,
    "node-link": dumps_node_link,
    "cytoscape": dumps_cytoscape,
    "dot": dumps_dot,
    "mermaid": dumps_mermaid,
    "svg": _render_svg,
    "png": _render_png,
}
_READERS: Final[Mapping[str, Callable[..., Any]]] = {
    "graphml": loads_graphml,
    "gexf": loads_gexf,
    "node-link": loads_node_link,
    "cytoscape": loads_cytoscape,
}


def _format_of(path: Path, format: Format | None) -> Format:
    if format is not None:
        return format
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(FORMATS)
        msg = f"{path}: cannot tell the format from the suffix; use one of {known} or pass format"
        raise ValueError(msg)
    return found


def dumps(source: Ecosystem | nx.MultiDiGraph, format: Format) -> str | bytes:
    """Write an ecosystem or its graph in any format, named as in :data:`FORMATS`.

    Text formats give :class:`str`, GraphML, GEXF and pictures :class:`bytes`.

    Raises:
        ValueError: ``format`` is not the name of a format.
        RenderError: a picture was asked for and Graphviz cannot draw it.

    Example:
        >>> from peerprod import cases
        >>> dumps(cases.load("ikea"), "mermaid") == dumps_mermaid(cases.load("ikea"))
        True
    """
    writer = _WRITERS.get(format)
    if writer is None:
        known = ", ".join(sorted(_WRITERS))
        msg = f"unknown graph format {format!r}; known formats: {known}"
        raise ValueError(msg)
    return writer(source)


def write(
    source: Ecosystem | nx.MultiDiGraph,
    path: str | Path,
    *,
    format: Format | None = None,
) -> None:
    """Write an ecosystem or its graph to a file in the format its suffix names.

    Raises:
        ValueError: the suffix names no format and ``format`` is not given.
        RenderError: a picture was asked for and Graphviz cannot draw it.

    Example:
        >>> import tempfile
        >>> from peerprod import cases
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write(cases.load("ikea"), f"{tmp}/ikea.gexf")
        ...     read(f"{tmp}/ikea.gexf") == cases.load("ikea")
        True
    """
    path = Path(path)
    content = dumps(source, _format_of(path, format))
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)


def read_graph(
    path: str | Path,
    *,
    format: Format | None = None,
    max_bytes: int | None = MAX_BYTES,
) -> nx.MultiDiGraph:
    """Read a GraphML, GEXF, node-link or Cytoscape.js file into a graph, without checking it.

    The file's size is checked before it is read. Use :func:`read` for the ecosystem.

    Raises:
        GraphTooLarge: the file is larger than ``max_bytes``.
        InvalidGraph: the file is not a graph of its format; problems are
            prefixed with the file name.
        ValueError: the format cannot be read or cannot be told from the suffix.
        OSError: the file cannot be read.

    Example:
        >>> import tempfile
        >>> from peerprod import cases
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write(cases.load("ikea"), f"{tmp}/ikea.graphml")
        ...     read_graph(f"{tmp}/ikea.graphml", max_bytes=100)
        Traceback (most recent call last):
        ...
        peerprod.errors.GraphTooLarge: graph file too large (1 problem):
          ...ikea.graphml: ... bytes exceed the limit of 100 bytes; pass a larger max_bytes ...
    """
    path = Path(path)
    chosen = _format_of(path, format)
    reader = _READERS.get(chosen)
    if reader is None:
        msg = f"{path}: peerprod cannot read {chosen} files"
        raise ValueError(msg)
    with path.open("rb") as stream:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            raise GraphTooLarge(str(path), path.stat().st_size, max_bytes)
        # Read one byte past the limit, in case the file grows or is a pipe.
        data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise GraphTooLarge(str(path), len(data), max_bytes)
    try:
        graph = reader(data, max_bytes=None)
    except InvalidGraph as exc:
        raise exc.within(str(path)) from exc
    return graph


def read(
    path: str | Path,
    *,
    format: Format | None = None,
    max_bytes: int | None = MAX_BYTES,
) -> Ecosystem:
    """Read an ecosystem from a GraphML, GEXF, node-link or Cytoscape.js file.

    Raises:
        GraphTooLarge: the file is larger than ``max_bytes``.
        InvalidGraph: the file is not a graph of its format, or not a
            peerprod graph; every problem is listed with its file, node or edge.
        ValueError: the format cannot be read or cannot be told from the suffix.
        OSError: the file cannot be read.

    Example:
        >>> import tempfile
        >>> from peerprod import cases
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write(cases.load("linux"), f"{tmp}/linux.cyjs")
        ...     read(f"{tmp}/linux.cyjs") == cases.load("linux")
        True
    """
    graph = read_graph(path, format=format, max_bytes=max_bytes)
    try:
        return from_graph(graph)
    except InvalidGraph as exc:
        raise exc.within(str(path)) from exc
