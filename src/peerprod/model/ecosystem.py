"""The Ecosystem aggregate: every layer of one peer-production ecosystem, checked as a whole.

Each domain value checks its own fields. Whether the values fit together,
unique ids and references that resolve to something of the right kind, is
checked here, once, when the :class:`Ecosystem` is built, and every problem is
reported in one :class:`~peerprod.errors.IntegrityError` whose paths match the
document layout (``coalitions[0].members[2].actor``).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs

from peerprod._validation import check_id, check_text, to_tuple
from peerprod.errors import IntegrityError, Problem
from peerprod.model.actors import Actor, ActorKind
from peerprod.model.arrangement import Arrangement
from peerprod.model.commons import Commons
from peerprod.model.funding import FundingStream
from peerprod.model.governance import Coalition
from peerprod.model.partner_state import PartnerState
from peerprod.model.platform import Platform
from peerprod.model.references import SECTIONS, references_of
from peerprod.model.references import section as _section
from peerprod.model.sources import Source, check_sources, to_sources

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["Ecosystem", "Entity"]

_SECTION_NAMES = tuple(s.name for s in SECTIONS)

E = TypeVar("E")

Entity: TypeAlias = (
    Actor | Platform | Commons | Coalition | FundingStream | PartnerState | Arrangement
)
"""Anything in an ecosystem that has an id."""


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
    sources: tuple[Source, ...] = attrs.field(
        default=(),
        converter=to_sources,
        validator=check_sources,
    )
    """Where the facts come from: dated public sources."""
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
        for section in _SECTION_NAMES:
            for index, entity in enumerate(getattr(self, section)):
                yield section, index, entity

    def __iter__(self) -> Iterator[Entity]:
        """Every entity, section by section in document order."""
        return (entity for _, _, entity in self._entities())

    def __len__(self) -> int:
        """The number of entities in all sections."""
        return sum(len(getattr(self, section)) for section in _SECTION_NAMES)

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

    def find(self, entity_id: str, cls: type[E]) -> E:
        """The entity with id ``entity_id``, which must be of class ``cls``.

        Raises:
            KeyError: no entity of that class has that id.

        Example:
            >>> from peerprod import Platform, cases
            >>> cases.load("linux").find("kernel-org", Platform).operator
            'kernel-org-org'
        """
        entity = self._index.get(entity_id)
        if not isinstance(entity, cls):
            raise KeyError(entity_id)
        return entity

    def locate(self, entity_id: str) -> tuple[str, int]:
        """The section an entity is in, and its position there: where a document has it.

        Raises:
            KeyError: no entity has that id.

        Example:
            >>> from peerprod import cases
            >>> cases.load("linux").locate("kernel-org")
            ('platforms', 0)
        """
        return self._positions[entity_id]

    @cached_property
    def _positions(self) -> dict[str, tuple[str, int]]:
        return {entity.id: (section, index) for section, index, entity in self._entities()}

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


def _integrity_problems(eco: Ecosystem) -> list[Problem]:
    # Runs for every ecosystem built, once per entity and per reference, so it
    # only looks things up and allocates nothing per entity (a large ecosystem's
    # ids map to the names of their sections, which exist already); positions,
    # paths and messages are made for problems alone.
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for section in _SECTION_NAMES:
        for index, entity in enumerate(getattr(eco, section)):
            size = len(first)
            earlier = first.setdefault(entity.id, section)
            if len(first) == size:
                where = f"{earlier}[{_first_index(eco, earlier, entity.id)}].id"
                message = f"duplicate id {entity.id!r}, first used at {where}"
                problems.append(Problem(path=f"{section}[{index}].id", message=message))
    actor_kinds: dict[str, ActorKind] = {}
    for actor in eco.actors:
        actor_kinds.setdefault(actor.id, actor.kind)
    for section in _SECTION_NAMES:
        refs = [
            (ref, frozenset(ref.targets), ref.actor_kinds is not None or ref.kinds_by is not None)
            for ref in references_of(section)
        ]
        for index, entity in enumerate(getattr(eco, section) if refs else ()):
            for ref, targets, has_kinds in refs:
                value = getattr(entity, ref.field)
                if value is None:
                    continue
                for position, item in enumerate(value) if ref.many else ((-1, value),):
                    target = item if ref.item_field is None else getattr(item, ref.item_field)
                    used = first.get(target)
                    kind = kinds = None
                    if used is not None and (not targets or used in targets):
                        kind = actor_kinds.get(target) if has_kinds else None
                        kinds = None if kind is None else ref.allowed_kinds(entity)
                        if kinds is None or kind in kinds:
                            continue
                    where = ref.field if position < 0 else f"{ref.field}[{position}]"
                    if ref.item_field is not None:
                        where = f"{where}.{ref.item_field}"
                    problems.append(
                        Problem(
                            path=f"{section}[{index}].{where}",
                            message=_reference_message(ref.targets, target, used, kind, kinds),
                        )
                    )
    return problems


def _first_index(eco: Ecosystem, section: str, entity_id: str) -> int:
    return next(i for i, entity in enumerate(getattr(eco, section)) if entity.id == entity_id)


def _reference_message(
    targets: tuple[str, ...],
    target: str,
    used: str | None,
    kind: ActorKind | None,
    kinds: frozenset[ActorKind] | None,
) -> str:
    if used is None or (targets and used not in targets):
        if targets:
            wanted = "any " + " or ".join(_section(t).noun for t in targets)
        else:
            wanted = "anything in this ecosystem"
        return f"{target!r} is not the id of {wanted}"
    # The only other problem: an actor of the wrong kind.
    assert kind is not None
    assert kinds is not None
    expected = " or ".join(repr(k.value) for k in _ordered(kinds))
    return f"{target!r} is a {kind.value!r} actor, expected {expected}"


def _ordered(kinds: frozenset[ActorKind]) -> list[ActorKind]:
    return [k for k in ActorKind if k in kinds]
