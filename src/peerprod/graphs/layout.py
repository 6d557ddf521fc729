"""The layout of a peerprod graph: what becomes a node, an edge and an attribute.

:func:`~peerprod.graphs.to_graph` lays an :class:`~peerprod.Ecosystem` out as a
:class:`networkx.MultiDiGraph`, and :func:`~peerprod.graphs.from_graph` reads the same
layout back. Everything here is derived from the model, so the layout follows it:

* **Nodes** are the entities, section by section (:data:`peerprod.model.references.SECTIONS`).
  The node key is the entity's id; the ``entity`` attribute names its section
  (:data:`ENTITY_NAMES`) and ``layer`` the layer of Bauwens' five it belongs to
  (FCJ-097; see :func:`layer_of`). Kinds and layers are never encoded in the key.
* **Edges** are the references between entities, one edge type per reference of the
  model's one table (:data:`peerprod.model.references.REFERENCES`; :data:`EDGE_TYPES`
  views it as edges). The ``relation`` attribute names the edge type and is the edge
  key; plural references keep their order in ``index``, and a membership's weight and
  tier ride on its edge.
* **Graph attributes** hold the ecosystem's own fields and ``peerprod``, the version
  of this layout (:data:`GRAPH_FORMAT`).

Graph file formats hold only scalars, so the other fields are flattened reversibly:
a string, number or boolean is kept as it is; a nested table becomes one attribute per
value under its dotted path (``license.kind``); anything else (a list, an empty
table, a null) is JSON text under the path followed by :data:`JSON_SUFFIX`
(``resources:json``). Fields at their defaults are omitted, as in documents.

:data:`ATTRIBUTES` documents every attribute, including the derived ones that a
report of :func:`peerprod.analysis.analyse` adds (:data:`peerprod.analysis.DERIVED_ATTRIBUTES`).

Example:
    >>> edge_type("member_of").endpoints
    ('actor', 'coalition')
    >>> [a.name for a in ATTRIBUTES if a.scope == "edge" and "member_of" in a.applies_to]
    ['index', 'weight', 'tier']
"""

from __future__ import annotations

import enum
import types
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from peerprod.analysis.report import DERIVED_ATTRIBUTES
from peerprod.model.ecosystem import Ecosystem
from peerprod.model.references import (
    ACTOR_LAYERS,
    REFERENCES,
    SECTIONS,
    Reference,
    layer_of,
    section,
)
from peerprod.model.uncertainty import Unknown

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from peerprod.model.layers import Layer

__all__ = [
    "ACTOR_LAYERS",
    "ATTRIBUTES",
    "EDGE_TYPES",
    "ENTITY_NAMES",
    "GRAPH_FORMAT",
    "JSON_SUFFIX",
    "EdgeType",
    "GraphAttribute",
    "edge_type",
    "layer_of",
]

GRAPH_FORMAT: Final = 1
"""The version of the graph layout this peerprod writes (the ``peerprod`` graph attribute).

:func:`~peerprod.graphs.from_graph` refuses graphs without it, or with a newer one.
"""

JSON_SUFFIX: Final = ":json"
"""Marks an attribute whose value is JSON text: a list, an empty table or a null."""

ENTITY_NAMES: Final[Mapping[type, str]] = types.MappingProxyType(
    {s.cls: s.entity for s in SECTIONS}
)
"""The value of the ``entity`` node attribute for each entity class, in section order."""

# ACTOR_LAYERS and layer_of are the model's own (peerprod.model.references); they are
# named here because the graph draws them.


@attrs.frozen(kw_only=True)
class EdgeType:
    """One kind of edge: a reference of the model, seen as an edge of the graph.

    The model's :class:`~peerprod.model.references.Reference` says which field refers
    to which section; an edge type speaks of the same reference in the graph's terms,
    with entity names (the ``entity`` node attribute) instead of section names.

    Example:
        >>> edge_type("member_of").field, edge_type("member_of").owner
        ('members', 'coalition')
    """

    reference: Reference
    """The reference of the model this edge type records."""

    @property
    def relation(self) -> str:
        """The value of the ``relation`` edge attribute, and the edge key."""
        return self.reference.relation

    @property
    def owner(self) -> str:
        """The entity (an :data:`ENTITY_NAMES` value) whose field holds the reference."""
        return section(self.reference.owner).entity

    @property
    def field(self) -> str:
        """The name of that field."""
        return self.reference.field

    @property
    def outward(self) -> bool:
        """True if the edge points from the owner to the referenced entity, False if toward it."""
        return self.reference.outward

    @property
    def many(self) -> bool:
        """Whether the field holds a sequence; its edges then carry an ``index``."""
        return self.reference.many

    @property
    def item_field(self) -> str | None:
        """For a sequence of tables (coalition members): the key in each item that holds the id.

        The item's other values become attributes of the edge.
        """
        return self.reference.item_field

    @property
    def others(self) -> tuple[str, ...]:
        """The entities at the other end (empty: any entity)."""
        return tuple(section(t).entity for t in self.reference.targets)

    @property
    def description(self) -> str:
        """What the edge means, in a sentence."""
        return self.reference.description

    @property
    def layer(self) -> Layer | None:
        """The layer of the edge: that of the entity whose field it records."""
        return section(self.reference.owner).layer

    @property
    def endpoints(self) -> tuple[str, str]:
        """``(source, target)`` as entity names, ``"*"`` standing for any."""
        return self.reference.endpoints


EDGE_TYPES: Final[tuple[EdgeType, ...]] = tuple(EdgeType(reference=r) for r in REFERENCES)
"""Every edge type, in the order :func:`~peerprod.graphs.to_graph` emits them for an entity."""

_EDGE_TYPES_BY_RELATION: Final = {t.relation: t for t in EDGE_TYPES}


def edge_type(relation: str) -> EdgeType:
    """The :class:`EdgeType` whose ``relation`` is ``relation``.

    Raises:
        KeyError: no edge type has that name.

    Example:
        >>> edge_type("funds").endpoints
        ('funding_stream', 'actor|commons|platform')
    """
    return _EDGE_TYPES_BY_RELATION[relation]


# --- the attribute table ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class GraphAttribute:
    """One row of the table of graph, node and edge attributes.

    Example:
        >>> row = next(a for a in ATTRIBUTES if a.name == "license.kind")
        >>> row.scope, row.applies_to, row.wire_type, row.values
        ('node', ('commons',), 'string', ('sharecropping', 'corporate', 'sharing', 'commons'))
    """

    name: str
    """The attribute name as it appears in the graph and in files."""
    scope: Literal["graph", "node", "edge"]
    """Where the attribute lives."""
    applies_to: tuple[str, ...]
    """The entities (for nodes) or relations (for edges) that carry it; empty for all."""
    wire_type: str
    """The value's type: ``string``, ``integer``, ``number``, ``boolean`` or ``JSON text``."""
    values: tuple[str, ...] = ()
    """For an enumeration, the values the attribute may take; empty otherwise."""
    derived: bool = False
    """Written for convenience and ignored when reading (it follows from other values)."""
    required: bool = False
    """Always present; optional attributes are omitted when the field is at its default."""
    description: str = ""
    """What the value means."""


_WIRE_NAMES: Final[Mapping[object, str]] = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    Decimal: "string",
}


def _wire_type(hint: Any) -> tuple[str, tuple[str, ...], type | None]:
    """The wire type of a field, its enumerated values, and its class if it is a nested table."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        if len(args) == 1:
            return _wire_type(args[0])
        if set(args) == {int, float}:
            return "number", (), None
    if isinstance(hint, type) and attrs.has(hint):
        return "table", (), hint
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "string", tuple(m.value for m in hint), None
    return _WIRE_NAMES.get(hint, "JSON text"), (), None


def _fact_rows(
    hint: Any,
    scope: Literal["graph", "node", "edge"],
    applies_to: tuple[str, ...],
    name: str,
    where: str,
) -> Iterator[GraphAttribute]:
    """The forms one fact of an arrangement takes in a graph (see :mod:`peerprod.documents.facts`).

    A fact known exactly is written as its value; one not known as ``"unknown"``; one
    narrowed to possibilities as JSON text (a scalar's list of possibilities), or, for a
    set, as the members surely in it and those perhaps in it, or its possible sets.
    """
    args = [a for a in typing.get_args(hint) if a is not Unknown]
    if bool in args:
        yield GraphAttribute(
            name=name, scope=scope, applies_to=applies_to, wire_type="boolean",
            description=f"{where}: true or false; the string 'unknown' when not known.",
        )  # fmt: skip
        return
    members = next((a for a in args if typing.get_origin(a) is frozenset), None)
    if members is None:
        enum_type = next(a for a in args if isinstance(a, type) and issubclass(a, enum.Enum))
        yield GraphAttribute(
            name=name, scope=scope, applies_to=applies_to, wire_type="string",
            values=(*(m.value for m in enum_type), "unknown"),
            description=f"{where}, or 'unknown'.",
        )  # fmt: skip
        yield GraphAttribute(
            name=name + JSON_SUFFIX, scope=scope, applies_to=applies_to, wire_type="JSON text",
            description=f"{where}, when narrowed to some values: a JSON array of them.",
        )  # fmt: skip
        return
    yield GraphAttribute(
        name=name + JSON_SUFFIX, scope=scope, applies_to=applies_to, wire_type="JSON text",
        description=f"{where}, as a JSON array of its members.",
    )  # fmt: skip
    yield GraphAttribute(
        name=name, scope=scope, applies_to=applies_to, wire_type="string", values=("unknown",),
        description=f"{where}, when not known at all.",
    )  # fmt: skip
    for part, meaning in (
        ("known", "the members surely in it"),
        ("maybe", "the members perhaps in it"),
        ("one_of", "the sets it may be, one of which it is"),
    ):
        yield GraphAttribute(
            name=f"{name}.{part}{JSON_SUFFIX}", scope=scope, applies_to=applies_to,
            wire_type="JSON text", description=f"{where}, when not known exactly: {meaning}.",
        )  # fmt: skip


def _field_rows(
    cls: type,
    scope: Literal["graph", "node", "edge"],
    applies_to: tuple[str, ...],
    *,
    prefix: str = "",
    skip: frozenset[str] = frozenset(),
    owner: str = "",
    parent_required: bool = True,
) -> Iterator[GraphAttribute]:
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        if field.name in skip:
            continue
        name = prefix + field.name
        where = f"{owner or cls.__name__}.{name}"
        if Unknown in typing.get_args(hints[field.name]):
            yield from _fact_rows(hints[field.name], scope, applies_to, name, where)
            continue
        wire, values, nested = _wire_type(hints[field.name])
        required = parent_required and field.default is attrs.NOTHING
        if nested is not None:
            yield from _field_rows(
                nested, scope, applies_to, prefix=f"{name}.", owner=owner or cls.__name__,
                parent_required=required,
            )  # fmt: skip
            if any(f.default is attrs.NOTHING for f in attrs.fields(nested)):
                continue  # never an empty table, so never JSON text
            yield GraphAttribute(
                name=name + JSON_SUFFIX, scope=scope, applies_to=applies_to, wire_type="JSON text",
                description=f"{where}, when it is a table whose values are all at their defaults "
                "(written as {}).",
            )  # fmt: skip
        elif wire == "JSON text":
            yield GraphAttribute(
                name=name + JSON_SUFFIX, scope=scope, applies_to=applies_to, wire_type=wire,
                required=required, description=f"{where}, as a JSON array.",
            )  # fmt: skip
        else:
            yield GraphAttribute(
                name=name, scope=scope, applies_to=applies_to, wire_type=wire, values=values,
                required=required, description=f"{where}.",
            )  # fmt: skip


def _derived_rows(scope: Literal["graph", "node"]) -> Iterator[GraphAttribute]:
    for row in DERIVED_ATTRIBUTES:
        if row.scope == scope:
            yield GraphAttribute(
                name=row.name, scope=row.scope, applies_to=(row.entity,) if row.entity else (),
                wire_type=row.wire_type, values=row.values, derived=True,
                description=row.description,
            )  # fmt: skip


def _attribute_table() -> tuple[GraphAttribute, ...]:
    rows = [
        GraphAttribute(
            name="peerprod", scope="graph", applies_to=(), wire_type="integer", required=True,
            description="The version of this graph layout (GRAPH_FORMAT); marks a peerprod graph.",
        ),
    ]  # fmt: skip
    rows.extend(_field_rows(Ecosystem, "graph", (), skip=frozenset(s.name for s in SECTIONS)))
    rows.extend(_derived_rows("graph"))
    rows.append(
        GraphAttribute(
            name="entity", scope="node", applies_to=(), wire_type="string",
            values=tuple(s.entity for s in SECTIONS), required=True,
            description="What the node is: the section of the ecosystem it comes from.",
        )
    )  # fmt: skip
    rows.append(
        GraphAttribute(
            name="layer", scope="node", applies_to=(), wire_type="integer", derived=True,
            description="The layer, 1 to 5 (see layer_of); absent for arrangements.",
        )
    )  # fmt: skip
    for s in SECTIONS:
        references = frozenset(t.field for t in EDGE_TYPES if t.reference.owner == s.name)
        rows.extend(_field_rows(s.cls, "node", (s.entity,), skip=references | {"id"}))
    rows.extend(_derived_rows("node"))
    rows.append(
        GraphAttribute(
            name="relation", scope="edge", applies_to=(), wire_type="string",
            values=tuple(t.relation for t in EDGE_TYPES), required=True,
            description="The edge type (see EDGE_TYPES); also the edge key.",
        )
    )  # fmt: skip
    rows.append(
        GraphAttribute(
            name="layer", scope="edge", applies_to=(), wire_type="integer", derived=True,
            description="The layer of the entity whose field the edge records.",
        )
    )  # fmt: skip
    rows.append(
        GraphAttribute(
            name="index", scope="edge", applies_to=tuple(t.relation for t in EDGE_TYPES if t.many),
            wire_type="integer", required=True,
            description="The position of the reference in its field, from 0.",
        )
    )  # fmt: skip
    for t in EDGE_TYPES:
        if t.item_field is not None:
            owner = section(t.reference.owner).cls
            item_cls = typing.get_args(typing.get_type_hints(owner)[t.field])[0]
            rows.extend(
                _field_rows(
                    item_cls, "edge", (t.relation,), skip=frozenset({t.item_field}),
                    owner=f"{owner.__name__}.{t.field}[]",
                )
            )  # fmt: skip
    return tuple(rows)


ATTRIBUTES: Final[tuple[GraphAttribute, ...]] = _attribute_table()
"""The documented table of every graph, node and edge attribute a peerprod graph can hold.

Generated from the model and from :data:`peerprod.analysis.DERIVED_ATTRIBUTES`, so it
stays true when fields are added.
"""

# Read from the table, so that what from_graph ignores is exactly what is documented as derived.
_DERIVED_GRAPH_NAMES: Final = frozenset(
    a.name for a in ATTRIBUTES if a.scope == "graph" and a.derived
)
_DERIVED_NODE_NAMES: Final[Mapping[str, frozenset[str]]] = {
    s.entity: frozenset(
        a.name
        for a in ATTRIBUTES
        if a.scope == "node" and a.derived and (not a.applies_to or s.entity in a.applies_to)
    )
    | {"entity"}
    for s in SECTIONS
}
_DERIVED_EDGE_NAMES: Final = frozenset(
    a.name for a in ATTRIBUTES if a.scope == "edge" and (a.derived or a.name == "relation")
)
