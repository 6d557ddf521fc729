"""Ecosystems as graphs: :func:`to_graph` and its inverse :func:`from_graph`.

Researchers read an ecosystem as a network: who contributes to which commons, who
sits in which coalition, which way the money goes. :func:`to_graph` turns an
:class:`~peerprod.Ecosystem` into a :class:`networkx.MultiDiGraph` laid out as
:mod:`peerprod.graphs.layout` describes, and :func:`from_graph` turns it back without
loss: ``from_graph(to_graph(e)) == e``.

The classifiers' verdicts are not computed here: pass the report of
:func:`peerprod.analysis.analyse` and its results are written as derived attributes
(:data:`peerprod.analysis.DERIVED_ATTRIBUTES`), which :func:`from_graph` ignores.

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

import itertools
import re
import typing
import warnings
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs
import networkx as nx
from cattrs.errors import ClassValidationError, IterableValidationError

from peerprod._convert import collector_paused, problems
from peerprod.analysis.report import DERIVED_ATTRIBUTES
from peerprod.errors import IntegrityError, InvalidGraph, InvalidValue, Problem
from peerprod.graphs._flat import CONVERTER, Code, Scalar, fields, filler, leading, unflatten
from peerprod.graphs.layout import (
    _DERIVED_EDGE_NAMES,
    _DERIVED_GRAPH_NAMES,
    _DERIVED_NODE_NAMES,
    EDGE_TYPES,
    GRAPH_FORMAT,
    EdgeType,
)
from peerprod.model.actors import Actor
from peerprod.model.ecosystem import Ecosystem
from peerprod.model.references import ACTOR_LAYERS, SECTIONS, Section, section_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from peerprod.analysis.report import EcosystemReport
    from peerprod.model.ecosystem import Entity

__all__ = ["from_graph", "to_graph"]

_SECTION_NAMES: Final = tuple(s.name for s in SECTIONS)
_SECTION_OF: Final = {s.entity: s.name for s in SECTIONS}
_ENTITY_CLASSES: Final = {s.entity: s.cls for s in SECTIONS}
_EDGE_TYPES_BY_RELATION: Final = {t.relation: t for t in EDGE_TYPES}
_EDGE_TYPES_OF: Final = {
    s.entity: tuple(t for t in EDGE_TYPES if t.reference.owner == s.name) for s in SECTIONS
}
_EDGE_INDEX: Final = "index"
_ACTOR_LAYER_NUMBERS: Final = {kind: layer.value for kind, layer in ACTOR_LAYERS.items()}

_REPORT_GRAPH: Final = frozenset(a.name for a in DERIVED_ATTRIBUTES if a.scope == "graph")
_REPORT_NODE: Final = {
    s.entity: frozenset(
        a.name for a in DERIVED_ATTRIBUTES if a.scope == "node" and a.entity == s.entity
    )
    for s in SECTIONS
}
_REPORT_BY_CLASS: Final = {s.cls: _REPORT_NODE[s.entity] for s in SECTIONS}


Node: TypeAlias = tuple[str, dict[str, Scalar]]
Edge: TypeAlias = tuple[str, str, str, dict[str, Scalar]]


# --- to_graph -----------------------------------------------------------------------------


def _section_functions(
    section: Section,
) -> tuple[Callable[..., Iterator[Node]], Callable[..., Iterator[Edge]]]:
    """Generate ``nodes(entities, derived)`` and ``edges(entities)`` for a section.

    They yield ``(id, attributes)`` and ``(source, target, key, attributes)`` for each
    entity, as straight-line code made once from the section's fields and references
    (see :mod:`peerprod.graphs._flat`). Nodes and edges come in separate passes, and are
    made as they are taken, which keeps the tables networkx copies close in memory.
    """
    code = Code()
    entity_name = code.constant(section.entity)
    code.line(0, "def nodes(entities, derived):")
    code.line(1, "for entity in entities:")
    items = [f"'entity': {entity_name}"]
    if section.cls is Actor:
        layers = code.constant({kind.value: n for kind, n in _ACTOR_LAYER_NUMBERS.items()})
        items.append(f"'layer': {layers}[entity.kind._value_]")
    elif section.layer is not None:
        items.append(f"'layer': {section.layer.value}")
    references = _EDGE_TYPES_OF[section.entity]
    skip = {"id", *(t.field for t in references)}
    # The fields always written go into the literal; the others follow, in field order.
    first, written = leading(section.cls, "entity", skip=skip)
    items += [f"{name!r}: {expression}" for name, expression in first]
    code.line(2, f"node = {{{', '.join(items)}}}")
    fields(code, section.cls, "entity", "node", 2, skip=skip | written)
    if _REPORT_NODE[section.entity]:
        # Only the entities DERIVED_ATTRIBUTES names get derived attributes (_derived checks).
        code.line(2, "if derived is not None:")
        code.line(3, "extra = derived.get(entity.id)")
        code.line(3, "if extra:")
        code.line(4, "node.update(extra)")
    code.line(2, "yield entity.id, node")
    code.line(0, "def edges(entities):")
    code.line(1, "for entity in entities:")
    code.line(2, "owner = entity.id")
    hints = typing.get_type_hints(section.cls)
    for t in references:
        _edges(code, t, hints[t.field])
    if not references:
        code.lines[-3:] = ["def edges(entities):", "    return ()"]
    code.function("nodes", section.name)
    return code.namespace["nodes"], code.namespace["edges"]


def _edges(code: Code, t: EdgeType, hint: Any) -> None:
    """Add lines that append the edges of one reference of ``entity``."""
    relation = code.constant(t.relation)
    base = f"'relation': {relation}" + ("" if t.layer is None else f", 'layer': {t.layer.value}")
    value = code.variable()
    code.line(2, f"{value} = entity.{t.field}")
    indent = 2
    if type(None) in typing.get_args(hint):
        code.line(indent, f"if {value} is not None:")
        indent += 1

    def add(other: str, data: str, at: int) -> None:
        ends = f"owner, {other}" if t.outward else f"{other}, owner"
        code.line(at, f"yield ({ends}, {relation}, {data})")

    if not t.many:
        # The same table for every edge of the relation: readers of the parts copy it.
        shared: dict[str, Scalar] = {"relation": t.relation}
        if t.layer is not None:
            shared["layer"] = t.layer.value
        add(value, code.constant(shared), indent)
        return
    code.line(indent, f"for index, item in enumerate({value}):")
    if t.item_field is None:
        add("item", f"{{{base}, 'index': index}}", indent + 1)
        return
    item_cls = typing.get_args(hint)[0]
    first, written = leading(item_cls, "item", skip={t.item_field})
    items = "".join(f", {name!r}: {expression}" for name, expression in first)
    code.line(indent + 1, f"data = {{{base}, 'index': index{items}}}")
    fields(code, item_cls, "item", "data", indent + 1, skip={t.item_field, *written})
    add(f"item.{t.item_field}", "data", indent + 1)


_SECTION_FUNCTIONS: Final = tuple((s.name, *_section_functions(s)) for s in SECTIONS)
_FILL_ECOSYSTEM: Final = filler(Ecosystem, skip=_SECTION_NAMES)


def _attributes(
    ecosystem: Ecosystem, derived: Mapping[str | None, Mapping[str, Scalar]] | None
) -> dict[str, Scalar]:
    """The graph attributes of an ecosystem's graph."""
    attributes: dict[str, Scalar] = {"peerprod": GRAPH_FORMAT}
    _FILL_ECOSYSTEM(ecosystem, attributes)
    if derived is not None:
        attributes.update(derived.get(None, {}))
    return attributes


def _nodes_of(
    ecosystem: Ecosystem, derived: Mapping[str | None, Mapping[str, Scalar]] | None
) -> Iterator[Node]:
    """The nodes of an ecosystem's graph, section by section, made as they are taken."""
    for name, nodes, _ in _SECTION_FUNCTIONS:
        yield from nodes(getattr(ecosystem, name), derived)


def _edges_of(ecosystem: Ecosystem) -> Iterator[Edge]:
    """The edges of an ecosystem's graph, entity by entity, made as they are taken.

    Edges of one relation without an index share one table: read them, never change
    them.
    """
    for name, _, edges in _SECTION_FUNCTIONS:
        yield from edges(getattr(ecosystem, name))


def _parts(
    ecosystem: Ecosystem, report: EcosystemReport | None
) -> tuple[dict[str, Scalar], list[Node], list[Edge]]:
    """The graph attributes, the nodes and the edges of an ecosystem's graph, as lists.

    The file writers write an ecosystem's file from them directly (see
    :func:`_adjacency_order` for the order of the edges).
    """
    derived = None if report is None else _derived(ecosystem, report)
    return (
        _attributes(ecosystem, derived),
        list(_nodes_of(ecosystem, derived)),
        list(_edges_of(ecosystem)),
    )


def _adjacency_order(nodes: list[Node], edges: list[Edge]) -> Iterator[Edge]:
    """``edges`` in the order networkx iterates them once added to a graph of ``nodes``.

    By source in node order, then by target in the order each pair first appears, so a
    file written from the parts is the file written from the graph.
    """
    by_source: dict[str, dict[str, list[Edge]]] = {}
    for edge in edges:
        targets = by_source.get(edge[0])
        if targets is None:
            by_source[edge[0]] = {edge[1]: [edge]}
            continue
        same = targets.get(edge[1])
        if same is None:
            targets[edge[1]] = [edge]
        else:
            same.append(edge)
    for node, _ in nodes:
        targets = by_source.get(node)
        if targets is not None:
            for same in targets.values():
                yield from same


def to_graph(
    ecosystem: Ecosystem,
    *,
    report: EcosystemReport | None = None,
    verdicts: bool | None = None,
) -> nx.MultiDiGraph:
    """Turn an ecosystem into a directed multigraph of its entities and references.

    Nodes come section by section in document order, then edges entity by entity,
    so equal ecosystems give graphs that iterate identically and files that are
    byte-identical.

    Args:
        ecosystem: The ecosystem to convert.
        report: The report of :func:`peerprod.analysis.analyse` on ``ecosystem``; its
            results become derived attributes (each arrangement's ``rung``, ``model``
            and ``control_index``, each coalition's ``verdict``, ``hhi`` and
            ``elephant_factor``, the ecosystem's ``structure`` and ``control_index``:
            :data:`peerprod.analysis.DERIVED_ATTRIBUTES`). Without one the graph holds
            the facts alone.
        verdicts: Deprecated: ``True`` analyses the ecosystem here; pass ``report``.

    Returns:
        A new :class:`networkx.MultiDiGraph` laid out as :mod:`peerprod.graphs.layout`
        describes.

    Raises:
        InvalidValue: ``report`` describes entities that ``ecosystem`` does not have,
            or gives attributes the table of derived attributes does not document.

    Example:
        >>> from peerprod import analyse, cases
        >>> lego = cases.load("lego")
        >>> g = to_graph(lego, report=analyse(lego))
        >>> g.nodes["lego-group"]["kind"], g.nodes["lego-group"]["layer"]
        ('business', 3)
        >>> g.nodes["lugnet"]["rung"], g.nodes["lugnet"]["model"]
        (8, 'commons_centred')
    """
    if verdicts is not None:
        warnings.warn(
            "to_graph(verdicts=...) is deprecated; pass report=peerprod.analyse(ecosystem) "
            "for the derived attributes, or nothing for the facts alone",
            DeprecationWarning,
            stacklevel=2,
        )
        if verdicts and report is None:
            from peerprod.analysis.report import analyse  # noqa: PLC0415 - deprecated path

            report = analyse(ecosystem)
    with collector_paused():
        derived = None if report is None else _derived(ecosystem, report)
        graph = nx.MultiDiGraph()
        graph.graph.update(_attributes(ecosystem, derived))
        # Made as networkx takes them, so each table is freed as soon as networkx has
        # copied it, and the next is made in memory that is still in the cache.
        # Section by section, so that networkx draws from each generator directly.
        for name, nodes, _ in _SECTION_FUNCTIONS:
            graph.add_nodes_from(nodes(getattr(ecosystem, name), derived))
        for name, _, edges in _SECTION_FUNCTIONS:
            graph.add_edges_from(edges(getattr(ecosystem, name)))
        return graph


def _derived(ecosystem: Ecosystem, report: EcosystemReport) -> dict[str | None, dict[str, Scalar]]:
    found = report.attributes()
    for entity_id, values in found.items():
        if entity_id is None:
            allowed = _REPORT_GRAPH
        else:
            try:
                entity = ecosystem.get(entity_id)
            except KeyError:
                message = f"names an entity that ecosystem {ecosystem.id!r} does not have"
                raise InvalidValue("report", entity_id, message) from None
            allowed = _REPORT_BY_CLASS[type(entity)]
        if not allowed.issuperset(values):
            unknown = sorted(set(values) - allowed)
            where = "the graph" if entity_id is None else repr(entity_id)
            message = f"gives attributes of {where} that DERIVED_ATTRIBUTES does not document"
            raise InvalidValue("report", unknown, message)
    return found


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
                section = section_of(entity).name
                sections[section].append(entity)
                located[section].append(node)
        if self.problems or shell is None:
            raise InvalidGraph(_SUMMARY, self.problems)
        try:
            return attrs.evolve(shell, **sections)
        except IntegrityError as exc:
            raise InvalidGraph(_SUMMARY, self.integrityproblems(exc, located)) from exc

    def read_graph_attributes(self) -> Ecosystem | None:
        data = {k: v for k, v in self.graph.graph.items() if k not in _DERIVED_GRAPH_NAMES}
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
        unflatten(data.items(), document, "graph", self.problems)
        for section in _SECTION_NAMES & document.keys():
            self.problem(f"graph.{section}", "sections are nodes, not graph attributes")
            del document[section]
        if len(self.problems) > before:
            return None
        try:
            shell: Ecosystem = CONVERTER.structure(document, Ecosystem)
        except (ClassValidationError, IterableValidationError, InvalidValue) as exc:
            for p in problems(exc, "$"):
                self.problem("graph" if p.path == "$" else f"graph.{p.path}", p.message)
            return None
        return shell

    def read_node_kinds(self) -> None:
        known = ", ".join(repr(n) for n in _ENTITY_CLASSES)
        for node, data in self.graph.nodes(data=True):
            entity = data.get("entity")
            if isinstance(entity, str) and entity in _ENTITY_CLASSES:
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
        rest = {k: v for k, v in data.items() if k not in _DERIVED_EDGE_NAMES}
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
            unflatten(rest.items(), value, where, self.problems)
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
        unflatten(
            ((k, v) for k, v in data.items() if k not in _DERIVED_NODE_NAMES[name]),
            document,
            where,
            self.problems,
        )
        edge_paths: dict[str, list[str]] = {}
        for ref in _EDGE_TYPES_OF[name]:
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
            entity: Entity = CONVERTER.structure(document, cls)
        except (ClassValidationError, IterableValidationError, InvalidValue) as exc:
            for p in problems(exc, "$"):
                self.problem(_locate(node, p.path, edge_paths), p.message)
            return None
        return entity

    def integrityproblems(
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
    with collector_paused():
        return _Reader(graph).read()
