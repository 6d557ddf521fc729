"""The one table of an ecosystem's sections and of the references between its entities.

An :class:`~peerprod.model.ecosystem.Ecosystem` holds one section per kind of
entity (:data:`SECTIONS`), and entities refer to each other by id
(:data:`REFERENCES`): a platform names its operator, a coalition its members, a
funding stream its source and recipient. Everything that needs to know which
entity may refer to which reads these tables and nothing else: the integrity
check of the ecosystem, the graph conversion (each reference is one edge type),
the hypothesis strategies and the command line. :data:`HOLDER_KINDS` says, in
the same one place, which kinds of actor may hold the rights that contribution
terms grant.

Example:
    >>> [r.field for r in references_of("platforms")]
    ['initiators', 'operator', 'owner']
    >>> reference("member_of").targets
    ('actors',)
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from peerprod.licenses.kinds import ContributionTerms
from peerprod.model.actors import Actor, ActorKind
from peerprod.model.arrangement import Arrangement
from peerprod.model.commons import Commons
from peerprod.model.funding import FundingStream
from peerprod.model.governance import Coalition
from peerprod.model.layers import Layer
from peerprod.model.partner_state import PartnerState
from peerprod.model.platform import Platform

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = [
    "ACTOR_LAYERS",
    "HOLDER_KINDS",
    "NON_PROFIT_KINDS",
    "REFERENCES",
    "SECTIONS",
    "Reference",
    "Section",
    "layer_of",
    "reference",
    "references_of",
    "section",
    "section_of",
]


@attrs.frozen(kw_only=True)
class Section:
    """One section of an ecosystem: a kind of entity, and how to speak of it.

    Example:
        >>> section("funding").noun
        'funding stream'
    """

    name: str
    """The field of :class:`~peerprod.model.ecosystem.Ecosystem` and the key in documents."""
    cls: type
    """The class of its entities."""
    entity: str
    """The name of one entity of the section, as the graph's ``entity`` attribute writes it."""
    noun: str
    """One entity of the section, in words (``"partner-state engagement"``)."""
    plural: str
    """Several, in words."""
    layer: Layer | None
    """The layer the section is (None for actors, placed by kind, and for arrangements,
    which cut across the layers)."""


SECTIONS: Final[tuple[Section, ...]] = (
    Section(
        name="actors", cls=Actor, entity="actor", noun="actor", plural="actors", layer=None
    ),
    Section(
        name="platforms", cls=Platform, entity="platform", noun="platform", plural="platforms",
        layer=Layer.PLATFORM,
    ),
    Section(
        name="commons", cls=Commons, entity="commons", noun="commons", plural="commons",
        layer=Layer.COMMONS,
    ),
    Section(
        name="coalitions", cls=Coalition, entity="coalition", noun="coalition",
        plural="coalitions", layer=Layer.COALITION,
    ),
    Section(
        name="funding", cls=FundingStream, entity="funding_stream", noun="funding stream",
        plural="funding streams", layer=Layer.FUNDING_ECOLOGY,
    ),
    Section(
        name="partner_states", cls=PartnerState, entity="partner_state",
        noun="partner-state engagement", plural="partner-state engagements",
        layer=Layer.PARTNER_STATE,
    ),
    Section(
        name="arrangements", cls=Arrangement, entity="arrangement", noun="arrangement",
        plural="arrangements", layer=None,
    ),
)  # fmt: skip
"""Every section of an ecosystem, in document order."""

_SECTIONS_BY_NAME: Final = {s.name: s for s in SECTIONS}
_SECTIONS_BY_CLASS: Final = {s.cls: s for s in SECTIONS}


def section(name: str) -> Section:
    """The section with that name.

    Raises:
        KeyError: no section has that name.

    Example:
        >>> section("actors").cls.__name__
        'Actor'
    """
    return _SECTIONS_BY_NAME[name]


def section_of(entity: object) -> Section:
    """The section an entity belongs in, by its class.

    Raises:
        KeyError: the value is no entity of an ecosystem.

    Example:
        >>> section_of(Actor(id="a", kind=ActorKind.BUSINESS, name="A")).name
        'actors'
    """
    return _SECTIONS_BY_CLASS[type(entity)]


ACTOR_LAYERS: Final[Mapping[ActorKind, Layer]] = MappingProxyType(
    {
        # The essay names the non-profit institutions as stewards of the platforms (first
        # layer); the communities belong with their commons.
        ActorKind.FOUNDATION: Layer.PLATFORM,
        ActorKind.COMMUNITY: Layer.COMMONS,
        ActorKind.INDIVIDUAL: Layer.COMMONS,
        ActorKind.BUSINESS: Layer.COALITION,
        ActorKind.COOPERATIVE: Layer.COALITION,
        ActorKind.PUBLIC_AUTHORITY: Layer.PARTNER_STATE,
    }
)
"""The layer an actor belongs to, by its kind.

Actors are not a layer of their own; each kind sits where Bauwens' essay
introduces it (FCJ-097): foundations with the platforms they maintain,
communities and individuals with the commons, businesses and cooperatives in the
coalition, public authorities in the partner state.
"""


def layer_of(entity: object) -> Layer | None:
    """The layer an entity belongs to, or None for a co-creation arrangement.

    Example:
        >>> layer_of(Actor(id="ibm", kind=ActorKind.BUSINESS, name="IBM"))
        <Layer.COALITION: 3>
    """
    if isinstance(entity, Actor):
        return ACTOR_LAYERS[entity.kind]
    return section_of(entity).layer


HOLDER_KINDS: Final[Mapping[ContributionTerms, frozenset[ActorKind]]] = MappingProxyType(
    {
        ContributionTerms.ASSIGNMENT_COMPANY: frozenset({ActorKind.BUSINESS}),
        ContributionTerms.CLA_COMPANY: frozenset({ActorKind.BUSINESS}),
        ContributionTerms.ASSIGNMENT_FOUNDATION: frozenset({ActorKind.FOUNDATION}),
        ContributionTerms.CLA_FOUNDATION: frozenset({ActorKind.FOUNDATION}),
    }
)
"""Which kinds of actor may hold the rights that each kind of contribution terms grants.

Terms made with a company name a business; terms made with a foundation name a
foundation. Platform claims may be held by whoever runs the platform, and a DCO
or no terms name nobody, so they are not listed. The ecosystem's integrity
check and :func:`peerprod.classify.terms.classify_terms` both read this table.

Example:
    >>> sorted(k.value for k in HOLDER_KINDS[ContributionTerms.CLA_FOUNDATION])
    ['foundation']
"""

NON_PROFIT_KINDS: Final = frozenset(
    {ActorKind.FOUNDATION, ActorKind.COMMUNITY, ActorKind.PUBLIC_AUTHORITY}
)
"""The kinds of actor that hold rights for a commons rather than for private gain.

Rights that contribution terms give to such a holder do not make the commons
private; held by anyone else (a business, one person) they do.
"""


def _check_targets(_instance: Reference, _attribute: object, value: tuple[str, ...]) -> None:
    unknown = [name for name in value if name not in _SECTIONS_BY_NAME]
    if unknown:
        msg = f"unknown sections {unknown}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Reference:
    """One field by which an entity refers to others, and the edge it becomes in a graph.

    Example:
        >>> r = reference("operates")
        >>> r.owner, r.field, r.targets, r.endpoints
        ('platforms', 'operator', ('actors',), ('actor', 'platform'))
    """

    owner: str
    """The section whose entities hold the field."""
    field: str
    """The name of the field."""
    targets: tuple[str, ...] = attrs.field(validator=_check_targets)
    """The sections the referenced id may belong to; empty for any section."""
    actor_kinds: frozenset[ActorKind] | None = None
    """The kinds of actor the id may name, when it names an actor; None for any kind."""
    kinds_by: tuple[str, Mapping[Any, frozenset[ActorKind]]] | None = None
    """When the allowed kinds depend on another field of the same entity: that field, and
    the kinds for each of its values (a value not in the mapping allows any kind)."""
    many: bool = False
    """Whether the field holds a sequence of references."""
    item_field: str | None = None
    """For a sequence of tables (coalition members): the key in each item that holds the id."""
    relation: str
    """The name of the edge type in a graph, and the edge key."""
    outward: bool
    """True if the edge points from the owner to the referenced entity, False if toward it."""
    description: str
    """What the reference means, in a sentence."""

    def allowed_kinds(self, entity: object) -> frozenset[ActorKind] | None:
        """The kinds of actor this reference may name on ``entity``; None for any kind.

        Example:
            >>> from peerprod import License, LicenseKind, Resource
            >>> c = Commons(id="c", name="C", resources=[Resource.SOFTWARE],
            ...             license=License(kind=LicenseKind.COMMONS),
            ...             contribution_terms=ContributionTerms.CLA_COMPANY, terms_holder="x")
            >>> sorted(k.value for k in reference("holds_rights").allowed_kinds(c))
            ['business']
        """
        if self.kinds_by is None:
            return self.actor_kinds
        field, table = self.kinds_by
        return table.get(getattr(entity, field))

    def ids(self, entity: object) -> Iterator[tuple[str, str]]:
        """Each referenced id on ``entity``, with its path relative to the entity.

        Example:
            >>> p = Platform(id="p", name="P", initiators=["a", "b"], operator="a")
            >>> list(reference("initiated").ids(p))
            [('initiators[0]', 'a'), ('initiators[1]', 'b')]
        """
        value = getattr(entity, self.field)
        if value is None:
            return
        if not self.many:
            yield self.field, value
            return
        for index, item in enumerate(value):
            if self.item_field is None:
                yield f"{self.field}[{index}]", item
            else:
                yield f"{self.field}[{index}].{self.item_field}", getattr(item, self.item_field)

    @property
    def endpoints(self) -> tuple[str, str]:
        """``(source, target)`` of the edge as entity names, ``"*"`` standing for any.

        Example:
            >>> reference("funds").endpoints
            ('funding_stream', 'actor|commons|platform')
        """
        owner = section(self.owner).entity
        other = "|".join(section(t).entity for t in self.targets) if self.targets else "*"
        return (owner, other) if self.outward else (other, owner)


_ACTORS = ("actors",)

REFERENCES: Final[tuple[Reference, ...]] = (
    Reference(
        owner="platforms", field="initiators", targets=_ACTORS, many=True,
        relation="initiated", outward=False, description="The actor started the platform.",
    ),
    Reference(
        owner="platforms", field="operator", targets=_ACTORS, relation="operates",
        outward=False, description="The actor runs and controls the platform now.",
    ),
    Reference(
        owner="platforms", field="owner", targets=_ACTORS, relation="owns",
        outward=False, description="The actor owns the platform, when another runs it.",
    ),
    Reference(
        owner="commons", field="platform", targets=("platforms",), relation="hosts",
        outward=False, description="The commons is built on the platform.",
    ),
    Reference(
        owner="commons", field="terms_holder", targets=_ACTORS,
        kinds_by=("contribution_terms", HOLDER_KINDS), relation="holds_rights", outward=False,
        description="The actor receives rights under the commons' contribution terms.",
    ),
    Reference(
        owner="commons", field="community", targets=_ACTORS, many=True,
        relation="contributes_to", outward=False,
        description="The actor produces and maintains the commons.",
    ),
    Reference(
        owner="coalitions", field="members", targets=_ACTORS, many=True, item_field="actor",
        relation="member_of", outward=False,
        description="The actor sits in the coalition's decision body, with a weight and a tier.",
    ),
    Reference(
        owner="coalitions", field="foundation", targets=_ACTORS,
        actor_kinds=frozenset({ActorKind.FOUNDATION}), relation="houses", outward=False,
        description="The foundation hosts the coalition.",
    ),
    Reference(
        owner="coalitions", field="commons", targets=("commons",), many=True,
        relation="sustains", outward=True, description="The coalition sustains the commons.",
    ),
    Reference(
        owner="funding", field="source", targets=_ACTORS, relation="pays", outward=False,
        description="The money of the stream comes from the actor.",
    ),
    Reference(
        owner="funding", field="recipient", targets=("actors", "commons", "platforms"),
        relation="funds", outward=True,
        description="The stream's money goes to the actor, commons or platform.",
    ),
    Reference(
        owner="funding", field="via", targets=_ACTORS, relation="via", outward=True,
        description="The money passes through the intermediary.",
    ),
    Reference(
        owner="partner_states", field="authority", targets=_ACTORS,
        actor_kinds=frozenset({ActorKind.PUBLIC_AUTHORITY}), relation="undertakes",
        outward=False, description="The public authority is the party to the engagement.",
    ),
    Reference(
        owner="partner_states", field="engages", targets=(), many=True, relation="engages",
        outward=True,
        description="The engagement concerns the coalition, commons, platform or actor.",
    ),
    Reference(
        owner="arrangements", field="organizer", targets=_ACTORS, relation="organizes",
        outward=False, description="The actor organizes the arrangement.",
    ),
    Reference(
        owner="arrangements", field="participants", targets=_ACTORS,
        relation="participates_in", outward=False,
        description="The actor takes part in the arrangement.",
    ),
    Reference(
        owner="arrangements", field="platform", targets=("platforms",), relation="runs_on",
        outward=True, description="The arrangement runs on the platform.",
    ),
    Reference(
        owner="arrangements", field="commons", targets=("commons",), relation="feeds",
        outward=True, description="The participants' work enters the commons.",
    ),
)  # fmt: skip
"""Every reference between entities, section by section in document order.

Within a section, the order is the order of the fields, which is also the
order in which a graph's edges are written.
"""

_REFERENCES_BY_RELATION: Final = {r.relation: r for r in REFERENCES}
_REFERENCES_BY_OWNER: Final = {
    s.name: tuple(r for r in REFERENCES if r.owner == s.name) for s in SECTIONS
}


def reference(relation: str) -> Reference:
    """The reference whose edge relation is ``relation``.

    Raises:
        KeyError: no reference has that relation.

    Example:
        >>> reference("sustains").outward
        True
    """
    return _REFERENCES_BY_RELATION[relation]


def references_of(section_name: str) -> tuple[Reference, ...]:
    """The references that the entities of one section hold, in field order.

    Raises:
        KeyError: no section has that name.

    Example:
        >>> [r.relation for r in references_of("funding")]
        ['pays', 'funds', 'via']
    """
    return _REFERENCES_BY_OWNER[section_name]
