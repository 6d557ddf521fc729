"""Ecosystems as graphs: conversion to and from networkx, and graph files.

:mod:`~peerprod.graphs.layout` says what becomes a node, an edge and an attribute;
:mod:`~peerprod.graphs.convert` turns an :class:`~peerprod.Ecosystem` into a
:class:`networkx.MultiDiGraph` and back; :mod:`~peerprod.graphs.formats` reads and
writes graph files, one module per format behind one registry
(:data:`~peerprod.graphs.formats.FORMATS`).

The analyses that used to live here (``value_flows``, ``flow_totals``,
``platform_control``) are in :mod:`peerprod.analysis`; their old names still work
here, with a :class:`DeprecationWarning`.
"""

from __future__ import annotations

import importlib
import warnings

from peerprod.graphs.convert import from_graph, to_graph
from peerprod.graphs.formats import (
    FORMATS,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_DIGITS,
    NODE_LINK_KEYS,
    Format,
    GraphFormat,
    dumps,
    dumps_cytoscape,
    dumps_dot,
    dumps_gexf,
    dumps_graphml,
    dumps_mermaid,
    dumps_node_link,
    format_for,
    format_named,
    loads_cytoscape,
    loads_gexf,
    loads_graphml,
    loads_node_link,
    read,
    read_graph,
    render,
    write,
)
from peerprod.graphs.layout import (
    ACTOR_LAYERS,
    ATTRIBUTES,
    EDGE_TYPES,
    ENTITY_NAMES,
    GRAPH_FORMAT,
    JSON_SUFFIX,
    EdgeType,
    GraphAttribute,
    edge_type,
    layer_of,
)

__all__ = [
    "ACTOR_LAYERS",
    "ATTRIBUTES",
    "EDGE_TYPES",
    "ENTITY_NAMES",
    "FORMATS",
    "GRAPH_FORMAT",
    "JSON_SUFFIX",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "NODE_LINK_KEYS",
    "EdgeType",
    "Format",
    "GraphAttribute",
    "GraphFormat",
    "dumps",
    "dumps_cytoscape",
    "dumps_dot",
    "dumps_gexf",
    "dumps_graphml",
    "dumps_mermaid",
    "dumps_node_link",
    "edge_type",
    "format_for",
    "format_named",
    "from_graph",
    "layer_of",
    "loads_cytoscape",
    "loads_gexf",
    "loads_graphml",
    "loads_node_link",
    "read",
    "read_graph",
    "render",
    "to_graph",
    "write",
]

# Names that left this package, and where they are now. The functions in
# peerprod.graphs._compat still accept a graph as well as an ecosystem.
_MOVED: dict[str, tuple[str, str]] = {
    "Destination": ("peerprod.analysis.flows", "peerprod.analysis"),
    "FlowTotals": ("peerprod.analysis.flows", "peerprod.analysis"),
    "ValueFlow": ("peerprod.analysis.flows", "peerprod.analysis"),
    "PlatformControl": ("peerprod.analysis.control", "peerprod.analysis"),
    "value_flows": ("peerprod.graphs._compat", "peerprod.analysis"),
    "flow_totals": ("peerprod.graphs._compat", "peerprod.analysis"),
    "platform_control": ("peerprod.graphs._compat", "peerprod.analysis"),
    "coalition_concentration": (
        "peerprod.graphs._compat",
        "peerprod.classify.coalitions.coalition_structure",
    ),
    "triads": ("peerprod.graphs._compat", "peerprod.analysis.ecosystem_structure"),
    "Triad": ("peerprod.graphs._compat", "peerprod.analysis.ecosystem_structure"),
}


def __getattr__(name: str) -> object:
    moved = _MOVED.get(name)
    if moved is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    module, instead = moved
    warnings.warn(
        f"peerprod.graphs.{name} is deprecated; use {instead}",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(module), name)
