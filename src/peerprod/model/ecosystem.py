"""The Ecosystem aggregate: every layer of one peer-production ecosystem, checked as a whole.

Each domain value checks its own fields. Whether the values fit together,
unique ids and references that resolve to something of the right kind, is
checked here, once, when the :class:`Ecosystem` is built, and every problem is
reported in one :class:`~peerprod.errors.IntegrityError` whose paths match the
document layout (``coalitions[0].members[2].actor``).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from peerprod._validation import check_id, check_text, to_tuple
from peerprod.errors import IntegrityError, Problem
from peerprod.licenses.kinds import ContributionTerms
from peerprod.model.actors import Actor, ActorKind
from peerprod.model.arrangement import Arrangement
from peerprod.model.commons import Commons
from peerprod.model.funding import FundingStream
from peerprod.model.governance import Coalition
from peerprod.model.partner_state import PartnerState
from peerprod.model.platform import Platform

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["Ecosystem", "Entity"]

Entity: TypeAlias = (
    Actor | Platform | Commons | Coalition | FundingStream | PartnerState | Arrangement
)
"""Anything in an ecosystem that has an id."""

_SECTIONS = (
    "actors",
    "platforms",
    "commons",
    "coalitions",
    "funding",
    "partner_states",
    "arrangements",
)


def _typed_tuple(cls: type) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def validate(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        assert isinstance(value, tuple)  # the converter guarantees it
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                msg = (
                    f"{attribute.name}[{index}] must be a {cls.__name__}, "
                    f"got {type(item).__name__}: {item!r}"
                )
                raise TypeError(msg)

    return validate


@attrs.frozen(kw_only=True, cache_hash=True)
class Ecosystem:
    """A whole peer-production ecosystem: its actors and all five layers.

    Ids are unique across every section, so any id names one thing.

    Example:
        >>> from peerprod import Actor, ActorKind, Platform
        >>> eco = Ecosystem(
        ...     id="demo", name="Demo",
        ...     actors=[Actor(id="c", kind=ActorKind.COMMUNITY, name="Community")],
        ...     platforms=[Platform(id="p", name="Forge", initiators=["c"], operator="c")])
        >>> eco.get("p").operator
        'c'
        >>> Ecosystem(id="bad", name="Bad",
        ...           platforms=[Platform(id="p", name="Forge", initiators=["x"], operator="y")])
        Traceback (most recent call last):
        ...
        peerprod.errors.IntegrityError: ecosystem 'bad' does not hold together (2 problems):
          platforms[0].initiators[0]: 'x' is not the id of any actor
          platforms[0].operator: 'y' is not the id of any actor

    Raises:
        IntegrityError: ids repeat, or a reference does not resolve to an
            entity of the kind it needs; every problem is listed.
    """

    id: str = attrs.field(validator=check_id)
    """The ecosystem's id."""
    name: str = attrs.field(validator=check_text(allow_empty=False))
    """A human-readable name."""
    description: str = attrs.field(default="", validator=check_text())
    """Free text, from public facts."""
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    """Where the facts come from: citations or addresses, free text."""
    actors: tuple[Actor, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_typed_tuple(Actor)
    )
    """Every actor: communities, foundations, businesses, authorities, individuals."""
    platforms: tuple[Platform, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_typed_tuple(Platform)
    )
    """Layer 1: collaborative platforms."""
    commons: tuple[Commons, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_typed_tuple(Commons)
    )
    """Layer 2: the commons."""
    coalitions: tuple[Coalition, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_typed_tuple(Coalition)
    )
    """Layer 3: entrepreneurial coalitions."""
    funding: tuple[FundingStream, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_typed_tuple(FundingStream)
    )
    """Layer 4: funding streams."""
    partner_states: tuple[PartnerState, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_typed_tuple(PartnerState)
    )
    """Layer 5: public authorities' engagements."""
    arrangements: tuple[Arrangement, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_typed_tuple(Arrangement)
    )
    """Co-creation arrangements that organizers run with participants."""

    def __attrs_post_init__(self) -> None:
        problems = _integrity_problems(self)
        if problems:
            msg = f"ecosystem {self.id!r} does not hold together"
            raise IntegrityError(msg, problems)

    @cached_property
    def _index(self) -> dict[str, Entity]:
        return {entity.id: entity for _, _, entity in self._entities()}

    def _entities(self) -> Iterator[tuple[str, int, Entity]]:
        for section in _SECTIONS:
            for index, entity in enumerate(getattr(self, section)):
                yield section, index, entity

    def __iter__(self) -> Iterator[Entity]:
        """Every entity, section by section in document order."""
        return (entity for _, _, entity in self._entities())

    def __len__(self) -> int:
        """The number of entities in all sections."""
        return sum(len(getattr(self, section)) for section in _SECTIONS)

    def __contains__(self, entity_id: object) -> bool:
        """Whether ``entity_id`` names an entity of this ecosystem."""
        return entity_id in self._index

    def get(self, entity_id: str) -> Entity:
        """The entity with id ``entity_id``.

        Raises:
            KeyError: no entity has that id.
        """
        return self._index[entity_id]

    def actor(self, actor_id: str) -> Actor:
        """The actor with id ``actor_id``.

        Raises:
            KeyError: no actor has that id.
        """
        entity = self._index.get(actor_id)
        if not isinstance(entity, Actor):
            raise KeyError(actor_id)
        return entity

    def actors_of_kind(self, kind: ActorKind) -> tuple[Actor, ...]:
        """The actors of one kind, in document order."""
        return tuple(a for a in self.actors if a.kind is kind)

    def platform_steward(self, platform_id: str) -> ActorKind:
        """The kind of actor that operates a platform now (layer 1's question).

        Raises:
            KeyError: no platform has that id.
        """
        platform = self._index.get(platform_id)
        if not isinstance(platform, Platform):
            raise KeyError(platform_id)
        return self.actor(platform.operator).kind

    def arrangements_of(self, organizer_id: str) -> tuple[Arrangement, ...]:
        """The arrangements an organizer runs, in document order."""
        return tuple(a for a in self.arrangements if a.organizer == organizer_id)


class _Checker:
    """Collects integrity problems in one pass over an ecosystem."""

    def __init__(self, ecosystem: Ecosystem) -> None:
        self.problems: list[Problem] = []
        self.kinds: dict[str, str] = {}
        self.actor_kinds: dict[str, ActorKind] = {}
        first: dict[str, str] = {}
        for section, index, entity in ecosystem._entities():
            path = f"{section}[{index}].id"
            if entity.id in first:
                self.problems.append(
                    Problem(
                        path=path,
                        message=f"duplicate id {entity.id!r}, first used at {first[entity.id]}",
                    )
                )
                continue
            first[entity.id] = path
            self.kinds[entity.id] = section
            if isinstance(entity, Actor):
                self.actor_kinds[entity.id] = entity.kind

    def ref(self, path: str, value: str | None, *sections: str) -> None:
        if value is None:
            return
        section = self.kinds.get(value)
        if section is None or (sections and section not in sections):
            if sections:
                wanted = "any " + " or ".join(_NOUNS[s] for s in sections)
            else:
                wanted = "anything in this ecosystem"
            self.problems.append(Problem(path=path, message=f"{value!r} is not the id of {wanted}"))

    def actor(self, path: str, value: str | None, *kinds: ActorKind) -> None:
        if value is None:
            return
        kind = self.actor_kinds.get(value)
        if kind is None:
            self.ref(path, value, "actors")
        elif kinds and kind not in kinds:
            wanted = " or ".join(repr(k.value) for k in kinds)
            self.problems.append(
                Problem(
                    path=path, message=f"{value!r} is a {kind.value!r} actor, expected {wanted}"
                )
            )


_NOUNS = {
    "actors": "actor",
    "platforms": "platform",
    "commons": "commons",
    "coalitions": "coalition",
    "funding": "funding stream",
    "partner_states": "partner-state engagement",
    "arrangements": "arrangement",
}

HOLDER_KINDS: dict[ContributionTerms, tuple[ActorKind, ...]] = {
    ContributionTerms.ASSIGNMENT_FOUNDATION: (ActorKind.FOUNDATION,),
    ContributionTerms.CLA_FOUNDATION: (ActorKind.FOUNDATION,),
    ContributionTerms.ASSIGNMENT_COMPANY: (ActorKind.BUSINESS,),
    ContributionTerms.CLA_COMPANY: (ActorKind.BUSINESS,),
}
"""The actor kinds that may hold the rights each kind of contribution terms grants."""


def _integrity_problems(eco: Ecosystem) -> list[Problem]:
    check = _Checker(eco)
    for i, platform in enumerate(eco.platforms):
        for j, initiator in enumerate(platform.initiators):
            check.actor(f"platforms[{i}].initiators[{j}]", initiator)
        check.actor(f"platforms[{i}].operator", platform.operator)
    for i, commons in enumerate(eco.commons):
        check.actor(
            f"commons[{i}].terms_holder",
            commons.terms_holder,
            *HOLDER_KINDS.get(commons.contribution_terms, ()),
        )
        check.ref(f"commons[{i}].platform", commons.platform, "platforms")
        for j, member in enumerate(commons.community):
            check.actor(f"commons[{i}].community[{j}]", member)
    for i, coalition in enumerate(eco.coalitions):
        for j, membership in enumerate(coalition.members):
            check.actor(f"coalitions[{i}].members[{j}].actor", membership.actor)
        check.actor(f"coalitions[{i}].foundation", coalition.foundation, ActorKind.FOUNDATION)
        for j, commons_id in enumerate(coalition.commons):
            check.ref(f"coalitions[{i}].commons[{j}]", commons_id, "commons")
    for i, stream in enumerate(eco.funding):
        check.actor(f"funding[{i}].source", stream.source)
        check.ref(f"funding[{i}].recipient", stream.recipient, "actors", "commons", "platforms")
        check.actor(f"funding[{i}].via", stream.via)
    for i, engagement in enumerate(eco.partner_states):
        check.actor(
            f"partner_states[{i}].authority", engagement.authority, ActorKind.PUBLIC_AUTHORITY
        )
        for j, target in enumerate(engagement.engages):
            check.ref(f"partner_states[{i}].engages[{j}]", target)
    for i, arrangement in enumerate(eco.arrangements):
        check.actor(f"arrangements[{i}].organizer", arrangement.organizer)
        check.actor(f"arrangements[{i}].participants", arrangement.participants)
        check.ref(f"arrangements[{i}].platform", arrangement.platform, "platforms")
        check.ref(f"arrangements[{i}].commons", arrangement.commons, "commons")
    return check.problems
