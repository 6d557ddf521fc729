"""Analyses that lived in ``peerprod.graph``, kept working for code written against it.

Analyses that never needed the graph moved to :mod:`peerprod.analysis`, which takes
an :class:`~peerprod.Ecosystem`; :mod:`peerprod.graphs` forwards their old names here,
where they still accept a graph, and warns. :func:`triads` repeats
:func:`peerprod.analysis.ecosystem_structure` part by part and is deprecated with them.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import attrs
import networkx as nx

from peerprod.analysis import control, flows
from peerprod.graphs.convert import from_graph, to_graph
from peerprod.model.actors import Actor, ActorKind
from peerprod.model.ecosystem import Ecosystem

if TYPE_CHECKING:
    from peerprod.classify.coalitions import CoalitionStructure

__all__ = [
    "Triad",
    "coalition_concentration",
    "flow_totals",
    "platform_control",
    "triads",
    "value_flows",
]


def _ecosystem(source: Ecosystem | nx.MultiDiGraph) -> Ecosystem:
    return source if isinstance(source, Ecosystem) else from_graph(source)


def _both(source: Ecosystem | nx.MultiDiGraph) -> tuple[Ecosystem, nx.MultiDiGraph]:
    if isinstance(source, Ecosystem):
        return source, to_graph(source)
    return from_graph(source), source


def value_flows(source: Ecosystem | nx.MultiDiGraph) -> tuple[flows.ValueFlow, ...]:
    """Deprecated: :func:`peerprod.analysis.value_flows`, for an ecosystem or its graph."""
    return flows.value_flows(_ecosystem(source))


def flow_totals(source: Ecosystem | nx.MultiDiGraph) -> tuple[flows.FlowTotals, ...]:
    """Deprecated: :func:`peerprod.analysis.flow_totals`, for an ecosystem or its graph."""
    return flows.flow_totals(_ecosystem(source))


def platform_control(
    source: Ecosystem | nx.MultiDiGraph,
) -> tuple[control.PlatformControl, ...]:
    """Deprecated: :func:`peerprod.analysis.platform_control`, for an ecosystem or its graph."""
    return control.platform_control(_ecosystem(source))


def coalition_concentration(
    source: Ecosystem | nx.MultiDiGraph,
) -> tuple[CoalitionStructure, ...]:
    """Deprecated: the structure of each coalition, for an ecosystem or its graph.

    Use :func:`peerprod.classify.coalitions.coalition_structure` on each coalition.
    """
    eco = _ecosystem(source)
    with warnings.catch_warnings():
        # The caller was warned when it looked the name up.
        warnings.simplefilter("ignore", DeprecationWarning)
        return control.coalition_concentration(eco)


@attrs.frozen(kw_only=True)
class Triad:
    """Community, foundation and business tied together in one part of an ecosystem.

    Bauwens reads the layers through an interlocking triad of community,
    foundation and business, which becomes a quaternary structure when public
    authorities take part (FCJ-097, "Overview of the Main Models"). A triad
    here is a weakly connected part of the graph holding at least one actor of
    each of the three kinds. For the ecosystem as a whole, see
    :func:`peerprod.analysis.ecosystem_structure`.

    Deprecated with :func:`triads`.
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
    """Deprecated: the community-foundation-business triads, part by part.

    Use :func:`peerprod.analysis.ecosystem_structure` for the ecosystem as a whole.

    Args:
        source: An ecosystem, or a graph in the layout of :func:`to_graph`.

    Returns:
        One triad per connected part of the ecosystem that holds all three
        kinds, ordered by their first entity in the document.
    """
    eco, graph = _both(source)
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
