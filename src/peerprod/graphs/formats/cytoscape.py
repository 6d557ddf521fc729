"""Cytoscape.js JSON: the ``.cyjs`` files that Cytoscape imports.

Each node's ``data`` holds its id and attributes, each edge's ``data`` an id (``e0``,
``e1``...), its source and target and attributes; the graph attributes are the
top-level ``data``. networkx's own ``cytoscape_data`` is not used because it writes a
``name`` and a ``value`` into every node, which would clash with the model's ``name``.
:func:`dumps_cytoscape` writes one element a line, encoding each as it goes.

Example:
    >>> from peerprod import cases
    >>> doc = json.loads(dumps_cytoscape(cases.load("ikea")))
    >>> doc["elements"]["nodes"][0]["data"]["id"]
    'ikea'
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

import networkx as nx

from peerprod._convert import collector_paused, nesting_problem
from peerprod.errors import InvalidGraph, Problem
from peerprod.graphs.formats._common import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_DIGITS,
    add_edge,
    add_node,
    check_unicode,
    invalid,
    load_json,
    parts_of,
    read_all,
    share,
)
from peerprod.graphs.formats._json import escape_surrogates, items, shape_problems

if TYPE_CHECKING:
    from peerprod.analysis.report import EcosystemReport
    from peerprod.graphs.formats._common import Input, Source

__all__ = ["dumps_cytoscape", "loads_cytoscape"]


@collector_paused()
def dumps_cytoscape(
    source: Source, *, report: EcosystemReport | None = None, indent: int | None = None
) -> str:
    """Write Cytoscape.js JSON (the ``.cyjs`` that Cytoscape imports), one element a line.

    Args:
        source: An ecosystem, or a graph in the layout of :func:`~peerprod.graphs.to_graph`.
        report: For an ecosystem, the report whose results become derived attributes.
        indent: Pretty-print with this indent instead (slower, and larger).

    Raises:
        InvalidValue: ``report`` was given with a graph, or does not describe ``source``.

    Example:
        >>> from peerprod import cases
        >>> print(dumps_cytoscape(cases.load("ikea")).splitlines()[1])
        {"data": {"id": "ikea", "entity": "actor", "layer": 3, "kind": "business", "name": "IKEA", "url": "https://www.ikea.com"}},
    """  # noqa: E501
    attributes, node_parts, edge_parts = parts_of(source, report)
    nodes = ({"data": {"id": n, **d}} for n, d in node_parts)
    edges = (
        {"data": {"id": f"e{i}", "source": u, "target": v, **d}}
        for i, (u, v, _, d) in enumerate(edge_parts)
    )
    head = {
        "format_version": "1.0",
        "generated_by": "peerprod",
        "target_cytoscapejs_version": "~2.1",
        "data": attributes,
    }
    if indent is not None:
        document = {**head, "elements": {"nodes": list(nodes), "edges": list(edges)}}
        return escape_surrogates(json.dumps(document, indent=indent, ensure_ascii=False)) + "\n"
    return items(head, (("nodes", nodes), ("edges", edges)), under="elements")


_NODE_KEYS: Final = {"id": (str,)}
_EDGE_KEYS: Final = {"source": (str,), "target": (str,)}


@collector_paused()
def loads_cytoscape(
    data: Input,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_DIGITS,
) -> nx.MultiDiGraph:
    """Read Cytoscape.js JSON into a MultiDiGraph whose edges are keyed by relation.

    Edge ids are dropped; everything else in ``data`` becomes attributes.

    Args:
        data: The JSON document: text, UTF-8 bytes, or a binary file open for reading.
        max_bytes: Refuse larger input; None for no limit.
        max_depth: Refuse values nested deeper than this (counted from the document).
        max_digits: Refuse integers with more digits than this.

    Raises:
        GraphTooLarge: ``data`` is larger than ``max_bytes``.
        InvalidGraph: the input is not JSON or not Cytoscape.js elements, or breaks
            a limit; every malformed node and edge is listed.

    Example:
        >>> loads_cytoscape('{"elements": {"nodes": [{"data": {"name": "x"}}]}}')
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidGraph: invalid Cytoscape.js JSON (1 problem):
          elements.nodes[0].id: expected a str
    """
    kind = "Cytoscape.js JSON"
    text = read_all(data, max_bytes)
    if isinstance(text, str):
        check_unicode(text, kind)
    document = load_json(text, kind, max_digits)
    del text
    if not isinstance(document, dict) or not isinstance(document.get("elements"), dict):
        raise invalid(kind, "expected an object with 'elements'")
    elements = document["elements"]
    problems = shape_problems(
        elements,
        {"nodes": _NODE_KEYS, "edges": _EDGE_KEYS},
        max_depth=max_depth,
        prefix="elements.",
        wrapped=True,
    )
    graph_data = document.get("data", {})
    if not isinstance(graph_data, dict):
        problems.append(Problem(path="data", message="expected a JSON object"))
    elif nesting_problem(graph_data, max_depth - 1) is not None:
        problems.append(Problem(path="data", message=f"nested deeper than {max_depth} levels"))
    if problems:
        raise InvalidGraph(f"invalid {kind}", problems)
    graph = nx.MultiDiGraph()
    graph.graph.update(graph_data)
    shared: dict[str, str] = {}
    nodes: list[Any] = elements.get("nodes", [])
    for index, item in enumerate(nodes):
        nodes[index] = None  # so the document shrinks as the graph grows
        attributes = item["data"]
        add_node(graph, attributes.pop("id"), share(attributes, shared))
    edges: list[Any] = elements.get("edges", [])
    for index, item in enumerate(edges):
        edges[index] = None
        attributes = item["data"]
        source, target = attributes.pop("source"), attributes.pop("target")
        key = attributes.pop("id", index)
        add_edge(graph, source, target, key, share(attributes, shared), position=index)
    return graph
