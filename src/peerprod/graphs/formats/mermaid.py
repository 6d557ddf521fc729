"""Mermaid flowcharts: pictures that code hosting sites and documentation tools draw.

Layers are subgraphs, entities have shapes of their own, edges are labelled with
their relation. Mermaid ids are ``n0``, ``n1``... in node order (entity ids may hold
characters Mermaid reads as syntax); the labels are the names. Mermaid is written,
not read.

Example:
    >>> from peerprod import cases
    >>> print(dumps_mermaid(cases.load("ikea")).splitlines()[0])
    flowchart LR
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from peerprod.graphs.formats._common import parts_of
from peerprod.graphs.formats._style import (
    ACTOR_COLOURS,
    displayable,
    layer_groups,
    node_label,
)
from peerprod.model.layers import Layer

if TYPE_CHECKING:
    from peerprod.analysis.report import EcosystemReport
    from peerprod.graphs.formats._common import Source

__all__ = ["dumps_mermaid"]

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


def dumps_mermaid(source: Source, *, report: EcosystemReport | None = None) -> str:
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
    _, node_parts, edges = parts_of(source, report)
    nodes = list(node_parts)
    ids = {node: f"n{i}" for i, (node, _) in enumerate(nodes)}
    lines = ["flowchart LR"]
    classes: dict[str, list[str]] = {}
    for layer, members in layer_groups(nodes).items():
        indent = "  "
        if layer is not None:
            title = _mermaid_text(f"{layer} · {Layer(layer).title}")
            lines.append(f'  subgraph layer_{layer}["{title}"]')
            indent = "    "
        for node, data in members:
            entity = str(data.get("entity"))
            opening, closing = _MERMAID_SHAPES.get(entity, ('["', '"]'))
            text = _mermaid_text(node_label(node, data))
            lines.append(f"{indent}{ids[node]}{opening}{text}{closing}")
            if entity == "actor":
                classes.setdefault(str(data.get("kind")), []).append(ids[node])
        if layer is not None:
            lines.append("  end")
    arrows: dict[str, str] = {}  # each relation's arrow and label, made once
    for u, v, k, data in edges:
        relation = str(data.get("relation", k))
        arrow = arrows.get(relation)
        if arrow is None:
            label = _mermaid_text(relation.replace("_", " "))
            arrow = arrows[relation] = f'{_MERMAID_ARROWS.get(relation, "-->")}|"{label}"|'
        lines.append(f"  {ids[u]} {arrow} {ids[v]}")
    for kind, mermaid_ids in classes.items():
        colour = ACTOR_COLOURS.get(kind)
        if colour is not None:
            lines.append(f"  classDef {kind} fill:{colour}")
            lines.append(f"  class {','.join(mermaid_ids)} {kind}")
    return displayable("\n".join(lines) + "\n")
