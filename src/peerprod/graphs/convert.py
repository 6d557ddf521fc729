"""Ecosystems as graphs: conversion to and from networkx, and analyses of their structure.

Researchers read an ecosystem as a network: who contributes to which commons,
who sits in which coalition, which way the money goes. :func:`to_graph` turns
an :class:`~peerprod.Ecosystem` into a :class:`networkx.MultiDiGraph` and
:func:`from_graph` turns it back, without loss: ``from_graph(to_graph(e)) == e``.

The graph follows a fixed layout, documented as data in :data:`EDGE_TYPES` and
:data:`ATTRIBUTES` so that the documentation can render it:

* **Nodes** are the entities of the ecosystem (actors, platforms, commons,
  coalitions, funding streams, partner-state engagements, arrangements). The
  node key is the entity's id; the ``entity`` attribute says what it is and
  ``layer`` which of Bauwens' five layers it belongs to (FCJ-097). Kinds and
  layers are never encoded in the key.
* **Edges** are the references between entities (an actor ``operates`` a
  platform, a business is a ``member_of`` a coalition, a funding stream
  ``funds`` a commons). The ``relation`` attribute names the edge type; the
  edge key is the relation too. Plural references keep their order in an
  ``index`` attribute, and a membership's weight and tier ride on its edge.
* **Graph attributes** hold the ecosystem's own fields and ``peerprod``, the
  version of this layout (:data:`GRAPH_FORMAT`).

Every other field becomes a node attribute through a converter built by
:func:`peerprod.documents.make_converter`, the one that writes peerprod
documents, so a field added to the model appears in the graph without changes
here. Graph file formats hold only scalars, so values are flattened reversibly:

1. a string, integer, float or boolean is kept as it is, under the field name;
2. a nested table with values becomes one attribute per value, named by its
   dotted path (``license.kind``, ``design.modular``);
3. anything else (a list, an empty table, a null) is written as JSON text under
   the field's path followed by ``:json`` (``resources:json`` holds
   ``["data","software"]``).

Fields left at their defaults are omitted, as in documents. Some attributes
are derived: ``layer`` on nodes and edges, and the classifiers' results
(each arrangement's rung on the ladder of participation, production model and
control index; each coalition's verdict, HHI and elephant factor; the
ecosystem's structure and control index). They are written for the reader's
convenience and ignored by :func:`from_graph`.

The analyses answer the essay's questions of a graph or an ecosystem: where
the money goes (:func:`value_flows`, :func:`flow_totals`), which parts form the
community-foundation-business triad or the quaternary structure
(:func:`triads`), who controls each platform (:func:`platform_control`), and
how concentrated each coalition's governance is
(:func:`coalition_concentration`).

Example:
    >>> from peerprod import Actor, ActorKind, Ecosystem, Platform
    >>> eco = Ecosystem(
    ...     id="demo", name="Demo",
    ...     actors=[Actor(id="devs", kind=ActorKind.COMMUNITY, name="Developers")],
    ...     platforms=[Platform(id="forge", name="Forge", initiators=["devs"], operator="devs")])
    >>> g = to_graph(eco)
    >>> g.nodes["forge"]
    {'entity': 'platform', 'layer': 1, 'name': 'Forge'}
    >>> sorted(g.edges(keys=True))
    [('devs', 'forge', 'initiated'), ('devs', 'forge', 'operates')]
    >>> from_graph(g) == eco
    True
"""

from __future__ import annotations

import enum
import itertools
import json
import re
import types
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs
import cattrs
import cattrs.gen
import networkx as nx
from cattrs.errors import ClassValidationError, IterableValidationError

from peerprod._convert import collector_paused as _collector_paused
from peerprod._convert import problems as _problems
from peerprod.analysis.report import (
    EcosystemStructure,
    ecosystem_control_index,
    ecosystem_structure,
)
from peerprod.classify.coalitions import CoalitionStructure, CoalitionVerdict, coalition_structure
from peerprod.classify.ladder import Rung, control_index, rung_of
from peerprod.classify.production import ProductionModel, model_of
from peerprod.documents.converter import make_converter
from peerprod.errors import IntegrityError, InvalidGraph, InvalidValue, Problem
from peerprod.model.actors import Actor, ActorKind
from peerprod.model.arrangement import Arrangement
from peerprod.model.commons import Commons
from peerprod.model.ecosystem import Ecosystem, Entity
from peerprod.model.funding import FundingChannel, FundingStream, Period
from peerprod.model.governance import Coalition
from peerprod.model.layers import Layer
from peerprod.model.partner_state import PartnerState
from peerprod.model.platform import Platform

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

__all__ = [
    "ACTOR_LAYERS",
    "ATTRIBUTES",
    "EDGE_TYPES",
    "ENTITY_NAMES",
    "GRAPH_FORMAT",
    "JSON_SUFFIX",
    "Destination",
    "EdgeType",
    "FlowTotals",
    "GraphAttribute",
    "PlatformControl",
    "Triad",
    "ValueFlow",
    "coalition_concentration",
    "edge_type",
    "flow_totals",
    "from_graph",
    "layer_of",
    "platform_control",
    "to_graph",
    "triads",
    "value_flows",
]

GRAPH_FORMAT: Final = 1
"""The version of the graph layout this peerprod writes (the ``peerprod`` graph attribute).

:func:`from_graph` refuses graphs without it, or with a newer one.
"""

JSON_SUFFIX: Final = ":json"
"""Marks an attribute whose value is JSON text: a list, an empty table or a null."""

ENTITY_NAMES: Final[Mapping[type, str]] = {
    Actor: "actor",
    Platform: "platform",
    Commons: "commons",
    Coalition: "coalition",
    FundingStream: "funding_stream",
    PartnerState: "partner_state",
    Arrangement: "arrangement",
}
"""The value of the ``entity`` node attribute for each entity class."""

ACTOR_LAYERS: Final[Mapping[ActorKind, Layer]] = {
    # The essay names the non-profit institutions as stewards of the
    # platforms (first layer); the communities belong with their commons.
    ActorKind.FOUNDATION: Layer.PLATFORM,
    ActorKind.COMMUNITY: Layer.COMMONS,
    ActorKind.INDIVIDUAL: Layer.COMMONS,
    ActorKind.BUSINESS: Layer.COALITION,
    ActorKind.PUBLIC_AUTHORITY: Layer.PARTNER_STATE,
}
"""The layer an actor is drawn in, by its kind.

Actors are not a layer of their own; each kind sits where Bauwens' essay
introduces it: foundations with the platforms they maintain, communities and
individuals with the commons, businesses in the coalition, public authorities
in the partner state.
"""

_SECTION_LAYERS: Final[Mapping[type, Layer]] = {
    Platform: Layer.PLATFORM,
    Commons: Layer.COMMONS,
    Coalition: Layer.COALITION,
    FundingStream: Layer.FUNDING_ECOLOGY,
    PartnerState: Layer.PARTNER_STATE,
}


def layer_of(entity: Entity) -> Layer | None:
    """The layer an entity belongs to, or None for a co-creation arrangement.

    Platforms, commons, coalitions, funding streams and partner-state
    engagements are the five layers themselves; actors are placed by their
    kind (see :data:`ACTOR_LAYERS`). Arrangements cut across the layers.

    Example:
        >>> from peerprod import Actor, ActorKind
        >>> layer_of(Actor(id="ibm", kind=ActorKind.BUSINESS, name="IBM"))
        <Layer.COALITION: 3>
    """
    if isinstance(entity, Actor):
        return ACTOR_LAYERS[entity.kind]
    return _SECTION_LAYERS.get(type(entity))


@attrs.frozen(kw_only=True)
class EdgeType:
    """One kind of edge: which reference field of the model it records, and which way it points.

    Example:
        >>> edge_type("member_of").field, edge_type("member_of").owner
        ('members', 'coalition')
    """

    relation: str
    """The value of the ``relation`` edge attribute, and the edge key."""
    owner: str
    """The entity (an :data:`ENTITY_NAMES` value) whose field holds the reference."""
    field: str
    """The name of that field."""
    outward: bool
    """True if the edge points from the owner to the referenced entity, False if toward it."""
    many: bool = False
    """Whether the field holds a sequence; its edges then carry an ``index``."""
    item_field: str | None = None
    """For a sequence of tables (coalition members): the key inside each item that holds the id.

    The item's other values become attributes of the edge.
    """
    others: tuple[str, ...] = ()
    """The entities at the other end, for documentation (empty: anything)."""
    description: str = ""
    """What the edge means, in a sentence."""

    @property
    def layer(self) -> Layer | None:
        """The layer of the edge: that of the entity whose field it records."""
        cls = _ENTITY_CLASSES[self.owner]
        return _SECTION_LAYERS.get(cls)

    @property
    def endpoints(self) -> tuple[str, str]:
        """``(source, target)`` as entity names, ``"*"`` standing for several."""
        other = "|".join(self.others) if self.others else "*"
        return (self.owner, other) if self.outward else (other, self.owner)


EDGE_TYPES: Final[tuple[EdgeType, ...]] = (
    EdgeType(
        relation="initiated", owner="platform", field="initiators", outward=False, many=True,
        others=("actor",), description="The actor started the platform.",
    ),
    EdgeType(
        relation="operates", owner="platform", field="operator", outward=False,
        others=("actor",), description="The actor runs and controls the platform now.",
    ),
    EdgeType(
        relation="hosts", owner="commons", field="platform", outward=False,
        others=("platform",), description="The commons is built on the platform.",
    ),
    EdgeType(
        relation="holds_rights", owner="commons", field="terms_holder", outward=False,
        others=("actor",),
        description="The actor receives rights under the commons' contribution terms.",
    ),
    EdgeType(
        relation="contributes_to", owner="commons", field="community", outward=False, many=True,
        others=("actor",), description="The actor produces and maintains the commons.",
    ),
    EdgeType(
        relation="member_of", owner="coalition", field="members", outward=False, many=True,
        item_field="actor", others=("actor",),
        description="The actor sits in the coalition's decision body, with a weight and a tier.",
    ),
    EdgeType(
        relation="houses", owner="coalition", field="foundation", outward=False,
        others=("actor",), description="The foundation hosts the coalition.",
    ),
    EdgeType(
        relation="sustains", owner="coalition", field="commons", outward=True, many=True,
        others=("commons",), description="The coalition sustains the commons.",
    ),
    EdgeType(
        relation="pays", owner="funding_stream", field="source", outward=False,
        others=("actor",), description="The money of the stream comes from the actor.",
    ),
    EdgeType(
        relation="funds", owner="funding_stream", field="recipient", outward=True,
        others=("actor", "commons", "platform"),
        description="The stream's money goes to the actor, commons or platform.",
    ),
    EdgeType(
        relation="via", owner="funding_stream", field="via", outward=True,
        others=("actor",), description="The money passes through the intermediary.",
    ),
    EdgeType(
        relation="undertakes", owner="partner_state", field="authority", outward=False,
        others=("actor",), description="The public authority is the party to the engagement.",
    ),
    EdgeType(
        relation="engages", owner="partner_state", field="engages", outward=True, many=True,
        description="The engagement concerns the coalition, commons, platform or actor.",
    ),
    EdgeType(
        relation="organizes", owner="arrangement", field="organizer", outward=False,
        others=("actor",), description="The actor organizes the arrangement.",
    ),
    EdgeType(
        relation="participates_in", owner="arrangement", field="participants", outward=False,
        others=("actor",), description="The actor takes part in the arrangement.",
    ),
    EdgeType(
        relation="runs_on", owner="arrangement", field="platform", outward=True,
        others=("platform",), description="The arrangement runs on the platform.",
    ),
    EdgeType(
        relation="feeds", owner="arrangement", field="commons", outward=True,
        others=("commons",), description="The participants' work enters the commons.",
    ),
)  # fmt: skip
"""Every edge type, in the order :func:`to_graph` emits them for an entity."""

_EDGE_TYPES_BY_RELATION: Final = {t.relation: t for t in EDGE_TYPES}
_ENTITY_CLASSES: Final = {name: cls for cls, name in ENTITY_NAMES.items()}
_REFERENCES: Final = {
    name: tuple(t for t in EDGE_TYPES if t.owner == name) for name in ENTITY_NAMES.values()
}


def edge_type(relation: str) -> EdgeType:
    """The :class:`EdgeType` whose ``relation`` is ``relation``.

    Raises:
        KeyError: no edge type has that name.

    Example:
        >>> edge_type("funds").endpoints
        ('funding_stream', 'actor|commons|platform')
    """
    return _EDGE_TYPES_BY_RELATION[relation]


def _sections() -> tuple[tuple[str, type], ...]:
    # Read from the model, so that a new section fails the attribute-table
    # test instead of being silently left out of the graph.
    hints = typing.get_type_hints(Ecosystem)
    found: list[tuple[str, type]] = []
    for field in attrs.fields(Ecosystem):
        hint = hints[field.name]
        if typing.get_origin(hint) is tuple:
            item = typing.get_args(hint)[0]
            if item in ENTITY_NAMES:
                found.append((field.name, item))
    return tuple(found)


_SECTIONS: Final = _sections()
_SECTION_NAMES: Final = frozenset(name for name, _ in _SECTIONS)
_SECTION_OF: Final = {ENTITY_NAMES[cls]: name for name, cls in _SECTIONS}


def _graph_converter() -> cattrs.Converter:
    # Documents may write a nested value in a short form (a license as its
    # bare SPDX expression); graphs always write tables, so that every value
    # is an attribute of its own (``license.kind``) that tools can filter on.
    converter = make_converter()
    for cls in _attrs_classes(Ecosystem):
        table: Callable[[Any], dict[str, Any]] = cattrs.gen.make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True
        )
        converter.register_unstructure_hook(cls, table)
    return converter


def _attrs_classes(root: type, seen: set[type] | None = None) -> list[type]:
    """The attrs classes reachable from ``root``'s fields, innermost first.

    A generated hook captures the hooks of its fields when it is made, so the
    innermost classes must be registered first.
    """
    seen = set() if seen is None else seen
    seen.add(root)
    found: list[type] = []
    for hint in typing.get_type_hints(root).values():
        for inner in _types_in(hint):
            if isinstance(inner, type) and attrs.has(inner) and inner not in seen:
                found.extend(_attrs_classes(inner, seen))
    found.append(root)
    return found


def _types_in(hint: Any) -> Iterator[Any]:
    yield hint
    for arg in typing.get_args(hint):
        yield from _types_in(arg)


_CONVERTER: Final = _graph_converter()


def _arrangement_verdicts(arrangement: Arrangement) -> dict[str, Scalar]:
    return {
        "rung": rung_of(arrangement).number,
        "model": model_of(arrangement).value,
        "control_index": control_index(arrangement),
    }


def _coalition_verdicts(coalition: Coalition) -> dict[str, Scalar]:
    measured = coalition_structure(coalition)
    found: dict[str, Scalar] = {
        "hhi": measured.hhi,
        "elephant_factor": measured.elephant_factor,
    }
    if measured.verdict is not None:
        found["verdict"] = measured.verdict.value
    return found


_VERDICTS: Final[Mapping[type, Callable[[Any], dict[str, Scalar]]]] = {
    Arrangement: _arrangement_verdicts,
    Coalition: _coalition_verdicts,
}
_EDGE_DERIVED: Final = frozenset({"relation", "layer"})
_EDGE_INDEX: Final = "index"

Scalar: TypeAlias = str | int | float | bool
"""A value every graph file format can hold."""


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
        wire, values, nested = _wire_type(hints[field.name])
        name = prefix + field.name
        where = f"{owner or cls.__name__}.{name}"
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


def _verdict(
    name: str,
    scope: Literal["graph", "node"],
    where: str,
    wire: str,
    *,
    description: str,
    values: tuple[str, ...] = (),
) -> GraphAttribute:
    applies_to = (where,) if where else ()
    return GraphAttribute(
        name=name, scope=scope, applies_to=applies_to, wire_type=wire, values=values,
        derived=True, description=description,
    )  # fmt: skip


def _values(enum_type: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in enum_type)


_VERDICT_ROWS: Final = (
    _verdict(
        "structure", "graph", "", "string", values=_values(EcosystemStructure),
        description="The actors' structure: peerprod.analysis.ecosystem_structure.",
    ),
    _verdict(
        "control_index", "graph", "", "number",
        description="The mean control polarity index of the arrangements, 0 to 1: "
        "peerprod.analysis.ecosystem_control_index; absent without any.",
    ),
    _verdict(
        "rung", "node", "arrangement", "integer", values=tuple(str(r.number) for r in Rung),
        description="The rung on the ladder of participation, 1 to 10: "
        "peerprod.classify.ladder.rung_of.",
    ),
    _verdict(
        "model", "node", "arrangement", "string", values=_values(ProductionModel),
        description="The production model: peerprod.classify.production.model_of.",
    ),
    _verdict(
        "control_index", "node", "arrangement", "number",
        description="Where control lies, from the corporate pole (0) to the community pole "
        "(1): peerprod.classify.ladder.control_index.",
    ),
    _verdict(
        "verdict", "node", "coalition", "string", values=_values(CoalitionVerdict),
        description="Equal say or dominated: peerprod.classify.coalitions.coalition_structure; "
        "absent without members.",
    ),
    _verdict(
        "hhi", "node", "coalition", "number",
        description="The Herfindahl-Hirschman index of the members' weights: "
        "peerprod.classify.coalitions.herfindahl_index.",
    ),
    _verdict(
        "elephant_factor", "node", "coalition", "integer",
        description="The fewest members holding half of the weight: "
        "peerprod.classify.coalitions.elephant_factor.",
    ),
)  # fmt: skip


_GRAPH_DERIVED: Final = frozenset(row.name for row in _VERDICT_ROWS if row.scope == "graph")
_NODE_DERIVED: Final = {
    name: frozenset({"entity", "layer"})
    | {row.name for row in _VERDICT_ROWS if row.scope == "node" and name in row.applies_to}
    for name in ENTITY_NAMES.values()
}


def _attribute_table() -> tuple[GraphAttribute, ...]:
    rows = [
        GraphAttribute(
            name="peerprod", scope="graph", applies_to=(), wire_type="integer", required=True,
            description="The version of this graph layout (GRAPH_FORMAT); marks a peerprod graph.",
        ),
    ]  # fmt: skip
    sections = frozenset(_SECTION_NAMES)
    rows.extend(_field_rows(Ecosystem, "graph", (), skip=sections))
    rows.extend(_VERDICT_ROWS[:2])
    rows.append(
        GraphAttribute(
            name="entity", scope="node", applies_to=(), wire_type="string",
            values=tuple(ENTITY_NAMES.values()), required=True,
            description="What the node is: the section of the ecosystem it comes from.",
        )
    )  # fmt: skip
    rows.append(
        GraphAttribute(
            name="layer", scope="node", applies_to=(), wire_type="integer", derived=True,
            description="The layer, 1 to 5 (see layer_of); absent for arrangements.",
        )
    )  # fmt: skip
    for cls, name in ENTITY_NAMES.items():
        references = frozenset(t.field for t in _REFERENCES[name])
        rows.extend(_field_rows(cls, "node", (name,), skip=references | {"id"}))
    rows.extend(_VERDICT_ROWS[2:])
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
    plural = tuple(t.relation for t in EDGE_TYPES if t.many)
    rows.append(
        GraphAttribute(
            name=_EDGE_INDEX, scope="edge", applies_to=plural, wire_type="integer", required=True,
            description="The position of the reference in its field, from 0.",
        )
    )  # fmt: skip
    hints = typing.get_type_hints(Coalition)
    for t in EDGE_TYPES:
        if t.item_field is not None:
            item_hint = hints[t.field]
            item_cls = typing.get_args(item_hint)[0]
            rows.extend(
                _field_rows(
                    item_cls, "edge", (t.relation,), skip=frozenset({t.item_field}),
                    owner=f"{_ENTITY_CLASSES[t.owner].__name__}.{t.field}[]",
                )
            )  # fmt: skip
    return tuple(rows)


ATTRIBUTES: Final[tuple[GraphAttribute, ...]] = _attribute_table()
"""The documented table of every graph, node and edge attribute :func:`to_graph` can write.

Generated from the model, so it stays true when fields are added.
"""


# --- flattening ---------------------------------------------------------------------------


# One encoder for every value: json.dumps with options builds a new one per call.
_JSON_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _flatten(data: Mapping[str, Any], out: dict[str, Scalar], prefix: str = "") -> None:
    for key, value in data.items():
        name = prefix + key
        if isinstance(value, str | int | float):  # bool is an int
            out[name] = value
        elif isinstance(value, dict) and value:
            _flatten(value, out, name + ".")
        else:
            out[name + JSON_SUFFIX] = _JSON_ENCODER.encode(value)


def _unflatten(
    items: Iterable[tuple[object, object]],
    into: dict[str, Any],
    where: str,
    problems: list[Problem],
) -> None:
    """Rebuild nested tables from flattened attributes, reporting names that do not fit."""
    for raw_name, raw_value in items:
        if not isinstance(raw_name, str):
            problems.append(Problem(path=where, message=f"attribute name {raw_name!r} is not text"))
            continue
        name, value = raw_name, raw_value
        if name.endswith(JSON_SUFFIX):
            name = name.removesuffix(JSON_SUFFIX)
            try:
                if not isinstance(raw_value, str):
                    raise TypeError(f"expected JSON text, got {type(raw_value).__name__}")
                value = json.loads(raw_value)
            except (ValueError, TypeError, RecursionError) as exc:
                problems.append(Problem(path=f"{where}.{raw_name}", message=str(exc)))
                continue
        parts = name.split(".")
        if not all(parts):
            problems.append(Problem(path=f"{where}.{raw_name}", message="malformed name"))
            continue
        table: dict[str, Any] | None = into
        for part in parts[:-1]:
            inner = table.setdefault(part, {}) if table is not None else None
            table = inner if isinstance(inner, dict) else None
        if table is None or parts[-1] in table:
            problems.append(
                Problem(path=f"{where}.{raw_name}", message="conflicts with another attribute")
            )
            continue
        table[parts[-1]] = value


# --- to_graph -----------------------------------------------------------------------------


def _graph_attributes(ecosystem: Ecosystem, *, verdicts: bool) -> dict[str, Scalar]:
    # Unstructuring the ecosystem with empty sections gives its own fields only,
    # through the converter, however many fields the model grows.
    empty: dict[str, Any] = dict.fromkeys(_SECTION_NAMES, ())
    shell = attrs.evolve(ecosystem, **empty)
    out: dict[str, Scalar] = {"peerprod": GRAPH_FORMAT}
    _flatten(_CONVERTER.unstructure(shell, Ecosystem), out)
    if verdicts:
        out["structure"] = ecosystem_structure(ecosystem)[0].value
        index = ecosystem_control_index(ecosystem)
        if index is not None:
            out["control_index"] = index
    return out


def to_graph(ecosystem: Ecosystem, *, verdicts: bool = True) -> nx.MultiDiGraph:
    """Turn an ecosystem into a directed multigraph of its entities and references.

    Nodes come section by section in document order, then edges entity by
    entity, so equal ecosystems give graphs that iterate identically and files
    that are byte-identical.

    Args:
        ecosystem: The ecosystem to convert.
        verdicts: Add the classifiers' results as derived attributes: each
            arrangement's ``rung``, ``model`` and ``control_index``, each
            coalition's ``verdict``, ``hhi`` and ``elephant_factor``, and the
            ecosystem's ``structure`` and ``control_index``. Leave them out
            for a smaller, faster graph.

    Returns:
        A new :class:`networkx.MultiDiGraph` laid out as the module describes.

    Example:
        >>> from peerprod import cases
        >>> g = to_graph(cases.load("lego"))
        >>> g.nodes["lego-group"]["kind"], g.nodes["lego-group"]["layer"]
        ('business', 3)
        >>> g.nodes["lugnet"]["rung"], g.nodes["lugnet"]["model"]
        (8, 'commons_centred')
    """
    with _collector_paused():
        return _to_graph(ecosystem, verdicts=verdicts)


def _to_graph(ecosystem: Ecosystem, *, verdicts: bool) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.graph.update(_graph_attributes(ecosystem, verdicts=verdicts))
    nodes: list[tuple[str, dict[str, Scalar]]] = []
    edges: list[tuple[str, str, str, dict[str, Scalar]]] = []
    for section, cls in _SECTIONS:
        name = ENTITY_NAMES[cls]
        unstructure = _CONVERTER.get_unstructure_hook(cls)
        references = _REFERENCES[name]
        section_layer = _SECTION_LAYERS.get(cls)
        classify = _VERDICTS.get(cls) if verdicts else None
        for entity in getattr(ecosystem, section):
            data: dict[str, Any] = unstructure(entity)
            del data["id"]
            node: dict[str, Scalar] = {"entity": name}
            layer = ACTOR_LAYERS[entity.kind] if cls is Actor else section_layer
            if layer is not None:
                node["layer"] = layer.value
            for ref in references:
                value = data.pop(ref.field, None)
                if value is not None:
                    _reference_edges(entity.id, ref, value, edges)
            _flatten(data, node)
            if classify is not None:
                node.update(classify(entity))
            nodes.append((entity.id, node))
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


def _reference_edges(
    owner: str, ref: EdgeType, value: Any, edges: list[tuple[str, str, str, dict[str, Scalar]]]
) -> None:
    layer = ref.layer
    base: dict[str, Scalar] = {"relation": ref.relation}
    if layer is not None:
        base["layer"] = layer.value
    items = value if ref.many else [value]
    for index, item in enumerate(items):
        attributes = dict(base)
        if ref.many:
            attributes[_EDGE_INDEX] = index
        if ref.item_field is not None:
            values = dict(item)
            other = values.pop(ref.item_field)
            _flatten(values, attributes)
        else:
            other = item
        source, target = (owner, other) if ref.outward else (other, owner)
        edges.append((source, target, ref.relation, attributes))


# --- from_graph ---------------------------------------------------------------------------


def _node_path(node: object) -> str:
    return f"nodes[{node!r}]"


def _edge_path(source: object, target: object, key: object) -> str:
    if key is None:  # a graph without parallel edges has no keys
        return f"edges[{source!r}, {target!r}]"
    return f"edges[{source!r}, {target!r}, {key!r}]"


_PATH_HEAD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?(.*)")


def _locate(node: object, path: str, refs: Mapping[str, list[str]] | None) -> str:
    """Turn a path inside an entity's document into a node or edge location."""
    base = _node_path(node)
    if path in ("", "$"):
        return base
    match = _PATH_HEAD.fullmatch(path)
    if match is not None and refs is not None and match[1] in refs:
        edges = refs[match[1]]
        position = int(match[2]) if match[2] is not None else (0 if len(edges) == 1 else None)
        if position is not None and position < len(edges):
            rest = match[3]
            return edges[position] + rest
    return f"{base}.{path}"


class _Reader:
    """Builds an ecosystem from a graph in one pass, collecting every problem."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph
        self.problems: list[Problem] = []
        self.entity_of: dict[object, str] = {}
        self.refs: dict[object, dict[str, list[tuple[int, Any, str]]]] = {}

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path=path, message=message))

    def read(self) -> Ecosystem:
        graph = self.graph
        if not isinstance(graph, nx.Graph):
            raise InvalidGraph(
                _SUMMARY,
                [Problem(path="$", message=f"expected a networkx graph, got {type(graph)!r}")],
            )
        if not graph.is_directed():
            self.problem("$", "expected a directed graph (a networkx MultiDiGraph)")
        shell = self.read_graph_attributes()
        self.read_node_kinds()
        self.read_edges()
        sections: dict[str, Any] = {name: [] for name in _SECTION_NAMES}
        located: dict[str, list[object]] = {name: [] for name in _SECTION_NAMES}
        for node, data in graph.nodes(data=True):
            entity = self.read_node(node, data)
            if entity is not None:
                section = _SECTION_OF[ENTITY_NAMES[type(entity)]]
                sections[section].append(entity)
                located[section].append(node)
        if self.problems or shell is None:
            raise InvalidGraph(_SUMMARY, self.problems)
        try:
            return attrs.evolve(shell, **sections)
        except IntegrityError as exc:
            raise InvalidGraph(_SUMMARY, self.integrity_problems(exc, located)) from exc

    def read_graph_attributes(self) -> Ecosystem | None:
        data = {k: v for k, v in self.graph.graph.items() if k not in _GRAPH_DERIVED}
        version = data.pop("peerprod", None)
        if version is None:
            self.problem("graph.peerprod", "missing: this is not a peerprod graph")
        elif isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.problem("graph.peerprod", f"expected a positive whole number, got {version!r}")
        elif version > GRAPH_FORMAT:
            self.problem(
                "graph.peerprod",
                f"graph layout {version} was written by a newer peerprod; "
                f"this one reads layouts up to {GRAPH_FORMAT}",
            )
        document: dict[str, Any] = {}
        before = len(self.problems)
        _unflatten(data.items(), document, "graph", self.problems)
        for section in _SECTION_NAMES & document.keys():
            self.problem(f"graph.{section}", "sections are nodes, not graph attributes")
            del document[section]
        if len(self.problems) > before:
            return None
        try:
            shell: Ecosystem = _CONVERTER.structure(document, Ecosystem)
        except (ClassValidationError, IterableValidationError, InvalidValue) as exc:
            for p in _problems(exc, "$"):
                self.problem("graph" if p.path == "$" else f"graph.{p.path}", p.message)
            return None
        return shell

    def read_node_kinds(self) -> None:
        known = ", ".join(repr(n) for n in _ENTITY_CLASSES)
        for node, data in self.graph.nodes(data=True):
            entity = data.get("entity")
            if entity in _ENTITY_CLASSES:
                self.entity_of[node] = entity
            elif not data:
                self.problem(
                    _node_path(node),
                    "has no attributes: an edge refers to an id the graph does not describe",
                )
            elif entity is None:
                self.problem(f"{_node_path(node)}.entity", f"missing; expected one of {known}")
            else:
                self.problem(f"{_node_path(node)}.entity", f"{entity!r} is not one of {known}")

    def read_edges(self) -> None:
        graph = self.graph
        edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else (
            (u, v, None, d) for u, v, d in graph.edges(data=True)
        )  # fmt: skip
        seen: set[tuple[object, object, str]] = set()
        for source, target, key, data in edges:
            where = _edge_path(source, target, key)
            relation = data.get("relation")
            ref = _EDGE_TYPES_BY_RELATION.get(relation) if isinstance(relation, str) else None
            if ref is None:
                known = ", ".join(repr(t.relation) for t in EDGE_TYPES)
                found = "missing" if relation is None else f"{relation!r} is not one of {known}"
                self.problem(f"{where}.relation", found)
                continue
            owner, other = (source, target) if ref.outward else (target, source)
            if (owner, other, ref.relation) in seen:
                self.problem(where, f"repeats an earlier {ref.relation!r} edge")
                continue
            seen.add((owner, other, ref.relation))
            owner_entity = self.entity_of.get(owner)
            if owner_entity is not None and owner_entity != ref.owner:
                end = "source" if ref.outward else "target"
                self.problem(
                    where,
                    f"{ref.relation!r} edges need a {ref.owner!r} node as their {end}, "
                    f"{owner!r} is a {owner_entity!r}",
                )
                continue
            self.read_edge(where, ref, owner, other, data)

    def read_edge(
        self, where: str, ref: EdgeType, owner: object, other: object, data: Mapping[str, Any]
    ) -> None:
        index = 0
        rest = {k: v for k, v in data.items() if k not in _EDGE_DERIVED}
        if ref.many:
            raw_index = rest.pop(_EDGE_INDEX, None)
            if isinstance(raw_index, bool) or not isinstance(raw_index, int) or raw_index < 0:
                shown = "missing" if raw_index is None else f"got {raw_index!r}"
                self.problem(f"{where}.{_EDGE_INDEX}", f"expected a whole number >= 0, {shown}")
                return
            index = raw_index
        value: Any = other
        if ref.item_field is not None:
            value = {ref.item_field: other}
            _unflatten(rest.items(), value, where, self.problems)
        elif rest:
            # The reference itself is sound; keeping it avoids a second, misleading problem.
            names = ", ".join(repr(k) for k in rest)
            plural = "s" * (len(rest) != 1)
            self.problem(where, f"unknown attribute{plural} {names} on a {ref.relation!r} edge")
        fields = self.refs.setdefault(owner, {})
        fields.setdefault(ref.field, []).append((index, value, where))

    def read_node(self, node: object, data: Mapping[str, Any]) -> Entity | None:
        name = self.entity_of.get(node)
        if name is None:
            return None
        where = _node_path(node)
        cls = _ENTITY_CLASSES[name]
        document: dict[str, Any] = {"id": node}
        before = len(self.problems)
        _unflatten(
            ((k, v) for k, v in data.items() if k not in _NODE_DERIVED[name]),
            document,
            where,
            self.problems,
        )
        edge_paths: dict[str, list[str]] = {}
        for ref in _REFERENCES[name]:
            if ref.field in document:
                self.problem(f"{where}.{ref.field}", f"must be {ref.relation!r} edges")
                continue
            found = sorted(self.refs.get(node, {}).get(ref.field, []), key=lambda t: t[0])
            edge_paths[ref.field] = [path for _, _, path in found]
            if ref.many:
                document[ref.field] = [value for _, value, _ in found]
                for (a, _, _), (b, _, path) in itertools.pairwise(found):
                    if a == b:
                        self.problem(f"{path}.{_EDGE_INDEX}", f"repeats index {b}")
            elif found:
                document[ref.field] = found[0][1]
                for _, _, path in found[1:]:
                    self.problem(path, f"a second {ref.relation!r} edge for {node!r}")
        if len(self.problems) > before:
            return None
        try:
            entity: Entity = _CONVERTER.structure(document, cls)
        except (ClassValidationError, IterableValidationError, InvalidValue) as exc:
            for p in _problems(exc, "$"):
                self.problem(_locate(node, p.path, edge_paths), p.message)
            return None
        return entity

    def integrity_problems(
        self, exc: IntegrityError, located: Mapping[str, list[object]]
    ) -> list[Problem]:
        found: list[Problem] = []
        for p in exc.problems:
            match = re.fullmatch(r"(\w+)\[(\d+)\]\.?(.*)", p.path)
            if match is None or match[1] not in located:  # pragma: no cover - defensive
                found.append(p)
                continue
            node = located[match[1]][int(match[2])]
            refs = {
                field: [path for _, _, path in sorted(values, key=lambda t: t[0])]
                for field, values in self.refs.get(node, {}).items()
            }
            found.append(Problem(path=_locate(node, match[3], refs), message=p.message))
        return found


_SUMMARY: Final = "not a valid peerprod graph"


def from_graph(graph: nx.MultiDiGraph) -> Ecosystem:
    """Rebuild the ecosystem a graph describes; the inverse of :func:`to_graph`.

    The graph may come from :func:`to_graph`, from a file read by
    :mod:`peerprod.graphs`, or be built by hand in the same layout. Nodes
    give entities in their iteration order; the ``index`` of plural edges
    gives the order of references. Derived attributes (``entity`` aside) and
    edge keys are not read.

    Args:
        graph: A directed graph in the layout the module describes.

    Returns:
        The ecosystem, checked as a whole.

    Raises:
        InvalidGraph: the graph is not a peerprod graph, or describes an
            ecosystem that does not hold together. Every problem is listed
            with its place: ``graph.name``, ``nodes['lf'].kind`` or
            ``edges['ibm', 'eclipse', 'member_of'].weight``.

    Example:
        >>> import networkx as nx
        >>> g = nx.MultiDiGraph(peerprod=1, id="demo", name="Demo")
        >>> g.add_node("c", entity="actor", kind="crowd", name="C")
        >>> g.add_edge("c", "forge", key="operates", relation="operates")
        'operates'
        >>> from_graph(g)
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidGraph: not a valid peerprod graph (2 problems):
          nodes['forge']: has no attributes: an edge refers to an id the graph does not describe
          nodes['c'].kind: 'crowd' is not one of 'community', 'foundation', ...
    """
    with _collector_paused():
        return _Reader(graph).read()


# --- analyses -----------------------------------------------------------------------------


def _ecosystem(source: Ecosystem | nx.MultiDiGraph) -> Ecosystem:
    return source if isinstance(source, Ecosystem) else from_graph(source)


def _graph(source: Ecosystem | nx.MultiDiGraph) -> tuple[Ecosystem, nx.MultiDiGraph]:
    if isinstance(source, Ecosystem):
        return source, to_graph(source)
    return from_graph(source), source


@enum.unique
class Destination(enum.Enum):
    """Where the money of a funding stream ends up, read from its recipient.

    Example:
        >>> from peerprod import cases
        >>> value_flows(cases.load("linux"))[3].destination
        <Destination.COMMUNITY: 'community'>
    """

    COMMUNITY = "community"
    """A community or an individual contributor."""
    FOUNDATION = "foundation"
    """A non-profit foundation."""
    COMMONS = "commons"
    """The commons itself (its maintenance, as the recipient is the commons)."""
    INFRASTRUCTURE = "infrastructure"
    """A platform: the infrastructure of cooperation."""
    BUSINESS = "business"
    """A business."""
    PUBLIC = "public"
    """A public authority."""


_DESTINATIONS: Final = {
    ActorKind.COMMUNITY: Destination.COMMUNITY,
    ActorKind.INDIVIDUAL: Destination.COMMUNITY,
    ActorKind.FOUNDATION: Destination.FOUNDATION,
    ActorKind.BUSINESS: Destination.BUSINESS,
    ActorKind.PUBLIC_AUTHORITY: Destination.PUBLIC,
}


@attrs.frozen(kw_only=True)
class ValueFlow:
    """One funding stream read as a flow of value, with the kinds at both ends.

    Bauwens asks how returns from the market sphere reach the commons, its
    community and its infrastructure, and whether they pass through a
    foundation (FCJ-097, "The Fourth Layer"); a flow answers that for one
    stream.

    Example:
        >>> from peerprod import cases
        >>> flow = value_flows(cases.load("linux"))[2]
        >>> flow.source, flow.via, flow.recipient, flow.destination.value, flow.from_market
        ('intel', 'linux-foundation', 'kernel-org', 'infrastructure', True)
    """

    stream: str
    """Id of the funding stream."""
    source: str
    """Id of the actor the money comes from."""
    source_kind: ActorKind
    """The kind of that actor: a business source means market money."""
    recipient: str
    """Id of the actor, commons or platform the money goes to."""
    destination: Destination
    """Where the money ends up."""
    channel: FundingChannel
    """How the money travels."""
    via: str | None = None
    """Id of the intermediary the money passes through, if any."""
    amount: Decimal | None = None
    """The amount, if known."""
    currency: str | None = None
    """The currency of the amount."""
    period: Period | None = None
    """How often the amount is paid."""

    @property
    def from_market(self) -> bool:
        """Whether the money comes from the market sphere (a business)."""
        return self.source_kind is ActorKind.BUSINESS


def value_flows(source: Ecosystem | nx.MultiDiGraph) -> tuple[ValueFlow, ...]:
    """Every funding stream as a flow from its source's sphere to its destination.

    Args:
        source: An ecosystem, or a graph in the layout of :func:`to_graph`.

    Returns:
        One flow per stream, in document order.

    Raises:
        InvalidGraph: ``source`` is a graph that is not a peerprod graph.

    Example:
        >>> from peerprod import cases
        >>> [(f.stream, f.destination.value) for f in value_flows(cases.load("linux"))][:2]
        [('intel-dues', 'foundation'), ('ibm-dues', 'foundation')]
    """
    eco = _ecosystem(source)
    flows: list[ValueFlow] = []
    for stream in eco.funding:
        recipient = eco.get(stream.recipient)
        if isinstance(recipient, Actor):
            destination = _DESTINATIONS[recipient.kind]
        elif isinstance(recipient, Commons):
            destination = Destination.COMMONS
        else:
            destination = Destination.INFRASTRUCTURE
        flows.append(
            ValueFlow(
                stream=stream.id,
                source=stream.source,
                source_kind=eco.actor(stream.source).kind,
                recipient=stream.recipient,
                destination=destination,
                channel=stream.channel,
                via=stream.via,
                amount=stream.amount,
                currency=stream.currency,
                period=stream.period,
            )
        )
    return tuple(flows)


@attrs.frozen(kw_only=True)
class FlowTotals:
    """The known amounts of one currency and period, summed by destination.

    Amounts of different currencies or periods are never added together.

    Example:
        >>> from peerprod import cases
        >>> (totals,) = flow_totals(cases.load("linux"))
        >>> totals.total, totals.from_market
        (Decimal('1000000'), Decimal('1000000'))
    """

    currency: str
    """The currency."""
    period: Period | None
    """The period of payment (None where the streams do not say)."""
    total: Decimal
    """The sum of all amounts."""
    by_destination: tuple[tuple[Destination, Decimal], ...]
    """The sum for each destination that receives anything, in :class:`Destination` order."""
    from_market: Decimal
    """The part of the total whose source is a business."""

    def share(self, destination: Destination) -> Decimal:
        """The fraction of the total that reaches ``destination`` (0 if the total is 0).

        Example:
            >>> from peerprod import cases
            >>> flow_totals(cases.load("linux"))[0].share(Destination.COMMUNITY)
            Decimal('0')
        """
        if not self.total:
            return Decimal(0)
        return dict(self.by_destination).get(destination, Decimal(0)) / self.total


def flow_totals(source: Ecosystem | nx.MultiDiGraph) -> tuple[FlowTotals, ...]:
    """What share of the known money reaches the community, the foundation, the commons...

    Streams without an amount are left out; see :func:`value_flows` for them.

    Args:
        source: An ecosystem, or a graph in the layout of :func:`to_graph`.

    Returns:
        One entry per (currency, period), in the order they first appear.

    Example:
        >>> from peerprod import cases
        >>> [(t.currency, t.period.value, str(t.share(Destination.FOUNDATION)))
        ...  for t in flow_totals(cases.load("linux"))]
        [('USD', 'year', '1')]
    """
    groups: dict[tuple[str, Period | None], list[ValueFlow]] = {}
    for flow in value_flows(source):
        if flow.amount is not None and flow.currency is not None:
            groups.setdefault((flow.currency, flow.period), []).append(flow)
    totals: list[FlowTotals] = []
    for (currency, period), flows in groups.items():
        sums = dict.fromkeys(Destination, Decimal(0))
        for flow in flows:
            assert flow.amount is not None  # grouped above
            sums[flow.destination] += flow.amount
        totals.append(
            FlowTotals(
                currency=currency,
                period=period,
                total=sum(sums.values(), Decimal(0)),
                by_destination=tuple((d, s) for d, s in sums.items() if s),
                from_market=sum(
                    (f.amount for f in flows if f.from_market and f.amount is not None),
                    Decimal(0),
                ),
            )
        )
    return tuple(totals)


@attrs.frozen(kw_only=True)
class Triad:
    """Community, foundation and business tied together in one part of an ecosystem.

    Bauwens reads the layers through an interlocking triad of community,
    foundation and business, which becomes a quaternary structure when public
    authorities take part (FCJ-097, "Overview of the Main Models"). A triad
    here is a weakly connected part of the graph holding at least one actor of
    each of the three kinds. For the ecosystem as a whole, see
    :func:`peerprod.analysis.ecosystem_structure`.

    Example:
        >>> from peerprod import cases
        >>> (triad,) = triads(cases.load("linux"))
        >>> triad.foundations, triad.quaternary
        (('linux-foundation', 'kernel-org-org'), False)
    """

    communities: tuple[str, ...]
    """Ids of the community actors in this part, in document order."""
    foundations: tuple[str, ...]
    """Ids of the foundations."""
    businesses: tuple[str, ...]
    """Ids of the businesses."""
    public_authorities: tuple[str, ...] = ()
    """Ids of the public authorities, if any take part."""

    @property
    def quaternary(self) -> bool:
        """Whether public authorities complete the triad into a quaternary structure."""
        return bool(self.public_authorities)


def triads(source: Ecosystem | nx.MultiDiGraph) -> tuple[Triad, ...]:
    """Find the community-foundation-business triads, and whether each is quaternary.

    Args:
        source: An ecosystem, or a graph in the layout of :func:`to_graph`.

    Returns:
        One triad per connected part of the ecosystem that holds all three
        kinds, ordered by their first entity in the document.

    Example:
        >>> from peerprod import cases
        >>> [t.quaternary for t in triads(cases.load("linux"))]
        [False]
        >>> triads(cases.load("lego"))
        ()
    """
    eco, graph = _graph(source)
    order = {node: i for i, node in enumerate(graph)}
    found: list[Triad] = []
    components = nx.weakly_connected_components(graph)
    for component in sorted(components, key=lambda c: min(order[n] for n in c)):
        members = sorted(component, key=order.__getitem__)
        by_kind: dict[ActorKind, list[str]] = {kind: [] for kind in ActorKind}
        for node in members:
            entity = eco.get(node)
            if isinstance(entity, Actor):
                by_kind[entity.kind].append(entity.id)
        if all(by_kind[k] for k in (ActorKind.COMMUNITY, ActorKind.FOUNDATION, ActorKind.BUSINESS)):
            found.append(
                Triad(
                    communities=tuple(by_kind[ActorKind.COMMUNITY]),
                    foundations=tuple(by_kind[ActorKind.FOUNDATION]),
                    businesses=tuple(by_kind[ActorKind.BUSINESS]),
                    public_authorities=tuple(by_kind[ActorKind.PUBLIC_AUTHORITY]),
                )
            )
    return tuple(found)


@attrs.frozen(kw_only=True)
class PlatformControl:
    """Who started a platform, who runs it now, and whether outsiders may join.

    This is the first question Bauwens puts to a platform (FCJ-097, "The First
    Layer"): is it driven by its community, by a non-profit institution, or is
    it a corporate platform opened to outside participants?

    Example:
        >>> from peerprod import cases
        >>> [(c.platform, c.corporate_opened) for c in platform_control(cases.load("lego"))]
        [('lego-factory-site', True), ('lego-world-platform', True), ('lugnet-org', False)]
    """

    platform: str
    """Id of the platform."""
    operator: str
    """Id of the actor that controls it now."""
    operator_kind: ActorKind
    """The kind of that actor."""
    initiators: tuple[str, ...]
    """Ids of the actors that started it."""
    initiator_kinds: tuple[ActorKind, ...]
    """Their kinds, in the same order."""
    open_to_outsiders: bool
    """Whether people outside the operator may take part."""

    @property
    def handed_over(self) -> bool:
        """Whether the operator is none of the initiators (a foundation now runs it, say)."""
        return self.operator not in self.initiators

    @property
    def corporate_opened(self) -> bool:
        """Whether it is a corporate platform opened to outside participants."""
        return self.operator_kind is ActorKind.BUSINESS and self.open_to_outsiders


def platform_control(source: Ecosystem | nx.MultiDiGraph) -> tuple[PlatformControl, ...]:
    """Which actor controls each platform, and who started it.

    Args:
        source: An ecosystem, or a graph in the layout of :func:`to_graph`.

    Returns:
        One entry per platform, in document order.

    Example:
        >>> from peerprod import cases
        >>> [(c.platform, c.operator_kind.value, c.handed_over)
        ...  for c in platform_control(cases.load("linux"))]
        [('kernel-org', 'foundation', True)]
    """
    eco = _ecosystem(source)
    return tuple(
        PlatformControl(
            platform=p.id,
            operator=p.operator,
            operator_kind=eco.actor(p.operator).kind,
            initiators=p.initiators,
            initiator_kinds=tuple(eco.actor(i).kind for i in p.initiators),
            open_to_outsiders=p.open_to_outsiders,
        )
        for p in eco.platforms
    )


def coalition_concentration(
    source: Ecosystem | nx.MultiDiGraph,
) -> tuple[CoalitionStructure, ...]:
    """The concentration of governance weight in each coalition, and the verdict.

    Bauwens contrasts coalitions in which every party has an equal say with
    those dominated by one big party (FCJ-097, "The Third Layer"). The
    measures and the verdict are those of
    :func:`peerprod.classify.coalitions.coalition_structure`: the Herfindahl-Hirschman
    index, the largest share, the elephant factor.

    Args:
        source: An ecosystem, or a graph in the layout of :func:`to_graph`.

    Returns:
        One entry per coalition, in document order.

    Example:
        >>> from peerprod import cases
        >>> [(c.coalition, c.verdict.value, c.hhi)
        ...  for c in coalition_concentration(cases.load("linux"))]
        [('linux-foundation-board', 'equal_say', 0.125)]
    """
    return tuple(coalition_structure(c) for c in _ecosystem(source).coalitions)
