"""The look shared by the pictures: colours by actor kind and layer, labels, layer groups."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from peerprod.graphs.formats._common import label

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["ACTOR_COLOURS", "LAYER_COLOURS", "displayable", "layer_groups", "node_label"]

_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def displayable(text: str) -> str:
    """Text for a picture: a lone surrogate, which no file can hold, becomes U+FFFD.

    Pictures are not read back, so a visible replacement is enough.
    """
    return _SURROGATE.sub("\ufffd", text)


ACTOR_COLOURS: Final = {
    "community": "#c7e9c0",
    "individual": "#e5f5e0",
    "foundation": "#c6dbef",
    "business": "#fdd0a2",
    "public_authority": "#dadaeb",
}
"""The fill of each kind of actor."""
LAYER_COLOURS: Final = {
    1: "#f3f7fc",
    2: "#f3faf1",
    3: "#fef6ee",
    4: "#fbfbef",
    5: "#f6f5fa",
}
"""The background of each layer's group."""


def node_label(node: object, data: Mapping[str, Any]) -> str:
    """A node's label: its name; a funding stream adds its channel and amount."""
    text = label(node, data)
    if data.get("entity") == "funding_stream":
        parts = [str(data.get("channel", "")).replace("_", " ")]
        if "amount" in data:
            period = f" a {data['period']}" if "period" in data else ""
            parts.append(f"{data['amount']} {data.get('currency', '')}{period}")
        return "\n".join([text, *parts])
    return text


def layer_groups(
    nodes: Iterable[tuple[Any, Mapping[str, Any]]],
) -> dict[int | None, list[tuple[Any, Mapping[str, Any]]]]:
    """The nodes by layer, layers in order, nodes without a layer last (under None)."""
    groups: dict[int | None, list[tuple[Any, Mapping[str, Any]]]] = {}
    for node, data in nodes:
        layer = data.get("layer")
        groups.setdefault(layer if layer in LAYER_COLOURS else None, []).append((node, data))
    return {key: groups[key] for key in sorted(groups, key=lambda k: (k is None, k or 0))}
