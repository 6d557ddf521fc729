"""Node-link JSON: networkx's and D3's format.

The document is what :func:`networkx.node_link_data` makes, with every key named
explicitly (:data:`NODE_LINK_KEYS`; networkx's defaults changed between releases):
``directed``, ``multigraph``, ``graph``, then ``nodes`` (each node's attributes and its
``id``) and ``edges`` (each edge's attributes, ``source``, ``target`` and ``key``).
:func:`dumps_node_link` writes one node or edge a line, encoding each as it goes
rather than building the whole document first; :func:`networkx.node_link_graph` and
:func:`loads_node_link` read it.

Example:
    >>> from peerprod import cases
    >>> text = dumps_node_link(cases.load("ikea"))
    >>> print(text.splitlines()[1])
    {"entity": "actor", "layer": 3, "kind": "business", "name": "IKEA", "url": "https://www.ikea.com", "id": "ikea"},
"""  # noqa: E501

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
    from collections.abc import Mapping

    from peerprod.analysis.report import EcosystemReport
    from peerprod.graphs.formats._common import Input, Source

__all__ = ["NODE_LINK_KEYS", "dumps_node_link", "loads_node_link"]

NODE_LINK_KEYS: Final[Mapping[str, str]] = {
    "source": "source",
    "target": "target",
    "name": "id",
    "key": "key",
    "edges": "edges",
    "nodes": "nodes",
}
"""The keyword arguments of networkx's node-link functions that give peerprod's keys.

Pass them to :func:`networkx.node_link_data` and :func:`networkx.node_link_graph`
to read and write the same documents as peerprod, whatever networkx's defaults.
"""


@collector_paused()
def dumps_node_link(
    source: Source, *, report: EcosystemReport | None = None, indent: int | None = None
) -> str:
    """Write node-link JSON, one node or edge a line, naming every key explicitly.

    Args:
        source: An ecosystem, or a graph in the layout of :func:`~peerprod.graphs.to_graph`.
        report: For an ecosystem, the report whose results become derived attributes.
        indent: Pretty-print with this indent instead (slower, and larger).

    Raises:
        InvalidValue: ``report`` was given with a graph, or does not describe ``source``.

    Example:
        >>> from peerprod import cases
        >>> text = dumps_node_link(cases.load("ikea"))
        >>> sorted(json.loads(text))
        ['directed', 'edges', 'graph', 'multigraph', 'nodes']
        >>> json.loads(dumps_node_link(cases.load("ikea"), indent=2)) == json.loads(text)
        True
    """
    attributes, nodes, edges = parts_of(source, report)
    head = {"directed": True, "multigraph": True, "graph": attributes}
    # The members as networkx's node_link_data orders them: attributes, then the keys.
    node_items = ({**d, "id": n} for n, d in nodes)
    edge_items = ({**d, "source": u, "target": v, "key": k} for u, v, k, d in edges)
    if indent is not None:
        document = {**head, "nodes": list(node_items), "edges": list(edge_items)}
        return escape_surrogates(json.dumps(document, indent=indent, ensure_ascii=False)) + "\n"
    return items(head, (("nodes", node_items), ("edges", edge_items)))


_NODE_KEYS: Final = {"id": (str,)}
_EDGE_KEYS: Final = {"source": (str,), "target": (str,), "key": (str, int, type(None))}


@collector_paused()
def loads_node_link(
    data: Input,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_DIGITS,
) -> nx.MultiDiGraph:
    """Read node-link JSON into a MultiDiGraph whose edges are keyed by relation.

    Args:
        data: The JSON document: text, UTF-8 bytes, or a binary file open for reading.
        max_bytes: Refuse larger input; None for no limit.
        max_depth: Refuse values nested deeper than this (counted from the document).
        max_digits: Refuse integers with more digits than this.

    Raises:
        GraphTooLarge: ``data`` is larger than ``max_bytes``.
        InvalidGraph: the input is not JSON or not a directed node-link graph, or
            breaks a limit; every malformed node and edge is listed.

    Example:
        >>> loads_node_link('{"directed": true, "nodes": [{"name": "x"}], "edges": []}')
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidGraph: invalid node-link JSON (1 problem):
          nodes[0].id: expected a str
    """
    kind = "node-link JSON"
    text = read_all(data, max_bytes)
    if isinstance(text, str):
        check_unicode(text, kind)
    document = load_json(text, kind, max_digits)
    del text
    problems = shape_problems(
        document, {"nodes": _NODE_KEYS, "edges": _EDGE_KEYS}, max_depth=max_depth
    )
    if not problems and document.get("directed") is not True:
        problems.append(Problem(path="directed", message="expected true: a directed graph"))
    if problems:
        raise InvalidGraph(f"invalid {kind}", problems)
    graph_data = document.get("graph", {})
    if not isinstance(graph_data, dict):
        raise invalid(kind, "expected a JSON object", "graph")
    if nesting_problem(graph_data, max_depth - 1) is not None:
        raise invalid(kind, f"nested deeper than {max_depth} levels", "graph")
    graph = nx.MultiDiGraph()
    graph.graph.update(graph_data)
    shared: dict[str, str] = {}
    nodes: list[Any] = document.get("nodes", [])
    for index, node in enumerate(nodes):
        nodes[index] = None  # so the document shrinks as the graph grows
        add_node(graph, node.pop("id"), share(node, shared))
    edges: list[Any] = document.get("edges", [])
    for index, edge in enumerate(edges):
        edges[index] = None
        source, target = edge.pop("source"), edge.pop("target")
        add_edge(graph, source, target, edge.pop("key", None), share(edge, shared), position=index)
    return graph
