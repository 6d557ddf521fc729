"""Graphviz DOT: a picture of the ecosystem as text, for ``dot`` and its relatives.

Layers are clusters, entities have shapes of their own, actors are coloured by kind,
funding streams show their channel and amount, and edges are styled by what their
relation says (money, governance, work, rights, the state). DOT is written, not read.

Example:
    >>> from peerprod import cases
    >>> print(dumps_dot(cases.load("ikea")).splitlines()[0])
    digraph "ikea" {
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from peerprod.graphs.formats._common import parts_of
from peerprod.graphs.formats._style import (
    ACTOR_COLOURS,
    LAYER_COLOURS,
    displayable,
    layer_groups,
    node_label,
)
from peerprod.model.layers import Layer

if TYPE_CHECKING:
    from peerprod.analysis.report import EcosystemReport
    from peerprod.graphs.formats._common import Source

__all__ = ["dumps_dot"]

_SHAPES: Final = {
    "actor": "ellipse",
    "platform": "box3d",
    "commons": "cylinder",
    "coalition": "hexagon",
    "funding_stream": "diamond",
    "partner_state": "house",
    "arrangement": "note",
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


def _edge_style(relation: str, weight: str) -> str:
    style = _EDGE_STYLES.get(relation, "")
    label = f"label={_dot_string(relation.replace('_', ' ') + weight)}"
    return label + (f", {style}" if style else "")


def dumps_dot(source: Source, *, report: EcosystemReport | None = None) -> str:
    """Write a Graphviz DOT picture: layers as clusters, shapes by entity, edges styled by relation.

    Actors are coloured by kind, funding streams show their channel and
    amount, and each edge is labelled with its relation. Arrangements, which
    belong to no layer, sit outside the clusters.

    Example:
        >>> from peerprod import cases
        >>> print(dumps_dot(cases.load("ikea")).splitlines()[0])
        digraph "ikea" {
    """
    attributes, nodes, edges = parts_of(source, report)
    title = attributes.get("name", attributes.get("id", ""))
    lines = [
        f"digraph {_dot_string(attributes.get('id', 'ecosystem'))} {{",
        f"  graph [label={_dot_string(title)}, labelloc=t, fontname=Helvetica, rankdir=LR,"
        " newrank=true, nodesep=0.3];",
        '  node [fontname=Helvetica, fontsize=10, style=filled, fillcolor="#ffffff"];',
        "  edge [fontname=Helvetica, fontsize=8];",
    ]
    quoted: dict[object, str] = {}
    for layer, members in layer_groups(nodes).items():
        indent = "  "
        if layer is not None:
            lines.append(f"  subgraph cluster_layer_{layer} {{")
            lines.append(
                f"    graph [label={_dot_string(f'{layer} · {Layer(layer).title}')}, "
                f'style="rounded,filled", fillcolor="{LAYER_COLOURS[layer]}", color="#bdbdbd"];'
            )
            indent = "    "
        for node, data in members:
            entity = data.get("entity")
            styles = [f"label={_dot_string(node_label(node, data))}"]
            styles.append(f"shape={_SHAPES.get(str(entity), 'box')}")
            colour = ACTOR_COLOURS.get(str(data.get("kind"))) if entity == "actor" else None
            if colour is not None:
                styles.append(f'fillcolor="{colour}"')
            name = quoted[node] = _dot_string(node)
            lines.append(f"{indent}{name} [{', '.join(styles)}];")
        if layer is not None:
            lines.append("  }")
    # Most edges of a relation look alike: their styles are made once.
    styles_of: dict[str, str] = {}
    for u, v, k, data in edges:
        relation = str(data.get("relation", k))
        if "weight" in data:
            styled = _edge_style(relation, f" ({data['weight']})")
        else:
            styled = styles_of.get(relation) or styles_of.setdefault(
                relation, _edge_style(relation, "")
            )
        source = quoted.get(u) or _dot_string(u)
        target = quoted.get(v) or _dot_string(v)
        lines.append(f"  {source} -> {target} [{styled}];")
    lines.append("}")
    return displayable("\n".join(lines) + "\n")
