"""Strategies for the model's values and whole ecosystems."""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, Final, TypeVar

import attrs
from hypothesis import strategies as st

from peerprod.errors import InvalidValue
from peerprod.licenses.kinds import ContributionTerms, LicenseKind, Reciprocity
from peerprod.licenses.license import License
from peerprod.model.actors import Actor, ActorKind
from peerprod.model.arrangement import FACTS, Arrangement
from peerprod.model.commons import CapitalThreshold, DesignQualities, Resource
from peerprod.model.ecosystem import Ecosystem
from peerprod.model.funding import FundingChannel, Period
from peerprod.model.governance import (
    BusinessRelation,
    Coalition,
    DecisionRule,
    Membership,
    WeightBasis,
)
from peerprod.model.partner_state import PublicRole, Scale
from peerprod.model.references import SECTIONS, Reference, Section, references_of
from peerprod.strategies._classify import uncertain_arrangements
from peerprod.strategies._licenses import spdx_licenses

__all__ = [
    "actors",
    "arrangements",
    "coalitions",
    "design_qualities",
    "ecosystems",
    "identifiers",
    "licenses",
    "memberships",
    "texts",
]

E = TypeVar("E", bound=enum.Enum)


_ID_ENDS = "abcdefghijklmnopqrstuvwxyz0123456789"
_ID_INSIDE = _ID_ENDS + "._:/-"


def _identifier(first: str, rest: tuple[str, str] | None) -> str:
    return first if rest is None else first + rest[0] + rest[1]


def identifiers() -> st.SearchStrategy[str]:
    """Valid entity ids (see :data:`peerprod._validation.ID_PATTERN`), up to 12 characters.

    Lower-case letters and digits at both ends, any of ``. _ : / -`` inside.

    Example:
        >>> from hypothesis import find
        >>> find(identifiers(), lambda i: ":" in i)
        'a:a'
    """
    # The same language as the regex [a-z0-9](?:[a-z0-9._:/-]{0,10}[a-z0-9])?, built
    # from plain draws: from_regex cost more than the rest of an ecosystem.
    ends = st.sampled_from(_ID_ENDS)
    rest = st.tuples(st.text(_ID_INSIDE, max_size=10), ends)
    return st.builds(_identifier, ends, st.none() | rest)


def texts(*, allow_empty: bool = True) -> st.SearchStrategy[str]:
    """Free text as the model accepts it: any string, or a non-blank one."""
    strategy = st.text(max_size=30)
    if allow_empty:
        return strategy
    # Mended rather than filtered: a filter rejects every blank draw and draws again.
    return strategy.map(_non_blank)


def _non_blank(text: str) -> str:
    return text if text.strip() else text + "x"


def _members(enum_type: type[E]) -> st.SearchStrategy[E]:
    return st.sampled_from(list(enum_type))


def actors(
    *, ids: st.SearchStrategy[str] | None = None, kinds: st.SearchStrategy[ActorKind] | None = None
) -> st.SearchStrategy[Actor]:
    """Actors of every kind, or of the kinds ``kinds`` draws."""
    return st.builds(
        Actor,
        id=ids if ids is not None else identifiers(),
        kind=kinds if kinds is not None else _members(ActorKind),
        name=texts(allow_empty=False),
        description=texts(),
        url=st.none() | st.just("https://example.org/x"),
    )


def licenses() -> st.SearchStrategy[License]:
    """License values: classified SPDX licenses, and hand-written ones of every kind.

    Hand-written licenses carry reciprocity only where their kind allows it.
    """
    return spdx_licenses(max_leaves=2) | _written_licenses()


@st.composite
def _written_licenses(draw: st.DrawFn) -> License:
    kind = draw(_members(LicenseKind))
    reciprocal = kind in (LicenseKind.COMMONS, LicenseKind.SHARING)
    reciprocity = draw(_members(Reciprocity)) if reciprocal else Reciprocity.NONE
    expression = draw(st.none() | st.sampled_from(["MIT", "GPL-2.0-only", "LicenseRef-x"]))
    return License(expression=expression, kind=kind, reciprocity=reciprocity)


def design_qualities() -> st.SearchStrategy[DesignQualities]:
    """Open-design qualities, each known or unknown."""
    return st.builds(
        DesignQualities,
        modular=st.none() | st.booleans(),
        capital_threshold=st.none() | _members(CapitalThreshold),
        sustainable=st.none() | st.booleans(),
    )


def memberships(actor_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Membership]:
    """Coalition memberships with non-negative whole or fractional weights."""
    weight = st.integers(0, 1000) | st.floats(0, 1000, allow_nan=False, allow_infinity=False)
    return st.builds(
        Membership,
        actor=actor_ids if actor_ids is not None else identifiers(),
        weight=weight,
        tier=st.sampled_from(["", "platinum", "gold"]),
    )


@st.composite
def coalitions(
    draw: st.DrawFn,
    *,
    member_ids: list[str] | None = None,
    coalition_id: str | None = None,
) -> Coalition:
    """Coalitions whose members are drawn from ``member_ids`` (or fresh ids)."""
    pool = (
        member_ids
        if member_ids is not None
        else draw(st.lists(identifiers(), unique=True, min_size=1, max_size=6))
    )
    chosen = draw(st.lists(st.sampled_from(pool), unique=True, max_size=len(pool))) if pool else []
    weights = draw(st.lists(st.integers(0, 20), min_size=len(chosen), max_size=len(chosen)))
    if chosen and sum(weights) == 0:
        weights[0] = 1
    return Coalition(
        id=coalition_id if coalition_id is not None else draw(identifiers()),
        name=draw(texts(allow_empty=False)),
        body=draw(st.sampled_from(["Board", "Steering committee"])),
        members=[Membership(actor=a, weight=w) for a, w in zip(chosen, weights, strict=True)],
        weight_basis=draw(_members(WeightBasis)),
        decision_rule=draw(_members(DecisionRule)),
        business_relation=draw(_members(BusinessRelation)),
    )


@st.composite
def arrangements(draw: st.DrawFn, *, arrangement_id: str | None = None) -> Arrangement:
    """Valid arrangements: every fact known, unknown or narrowed, every member reachable."""
    arrangement = draw(uncertain_arrangements())
    return attrs.evolve(
        arrangement,
        id=arrangement_id if arrangement_id is not None else draw(identifiers()),
        name=draw(texts(allow_empty=False)),
    )


# --- whole ecosystems ----------------------------------------------------------------------
#
# Every strategy ecosystems() draws from is built once, here: Hypothesis validates a
# strategy the first time it draws from it, and building fresh ones inside each draw
# cost more than the drawing itself.

_IDS = identifiers()
_NAMES = texts(allow_empty=False)
_TEXTS = texts()
_PICK = st.integers(0, 63)
"""An index into a pool of candidate ids, taken modulo the pool's size."""
_MAYBE_PICK = st.none() | _PICK
_PICKS = st.lists(_PICK, max_size=4)


_AMOUNTS = st.none() | st.integers(0, 10**11).map(lambda cents: Decimal(cents).scaleb(-2))
_CURRENCIES = st.sampled_from(["EUR", "USD"])
_FUNDING = st.fixed_dictionaries(
    {"channel": _members(FundingChannel), "period": st.none() | _members(Period)}
)


@st.composite
def _funding_body(draw: st.DrawFn) -> dict[str, Any]:
    amount = draw(_AMOUNTS)
    currency = None if amount is None else draw(_CURRENCIES)
    return {**draw(_FUNDING), "amount": amount, "currency": currency}


def _arrangement_body(arrangement: Arrangement) -> dict[str, Any]:
    return {name: getattr(arrangement, name) for name in ("name", *FACTS)}


_BODIES: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "actors": st.fixed_dictionaries(
        {
            "kind": _members(ActorKind),
            "name": _NAMES,
            "description": _TEXTS,
            "url": st.none() | st.just("https://example.org/x"),
        }
    ),
    "platforms": st.fixed_dictionaries({"name": _NAMES, "open_to_outsiders": st.booleans()}),
    "commons": st.fixed_dictionaries(
        {
            "name": _NAMES,
            "resources": st.frozensets(_members(Resource), min_size=1),
            "license": licenses(),
            "contribution_terms": _members(ContributionTerms),
            "design": st.none() | design_qualities(),
        }
    ),
    "coalitions": st.fixed_dictionaries(
        {
            "name": _NAMES,
            "body": st.sampled_from(["Board", "Steering committee"]),
            "weight_basis": _members(WeightBasis),
            "decision_rule": _members(DecisionRule),
            "business_relation": _members(BusinessRelation),
        }
    ),
    "funding": _funding_body(),
    "partner_states": st.fixed_dictionaries(
        {"scale": _members(Scale), "roles": st.frozensets(_members(PublicRole), min_size=1)}
    ),
    "arrangements": arrangements(arrangement_id="x").map(_arrangement_body),
}
"""The fields of each section's entities other than their id and their references."""

_ITEMS: dict[tuple[str, str], tuple[type, st.SearchStrategy[dict[str, Any]]]] = {
    ("coalitions", "members"): (
        Membership,
        st.fixed_dictionaries(
            {"weight": st.integers(0, 20), "tier": st.sampled_from(["", "platinum", "gold"])}
        ),
    ),
}
"""For references held in a list of tables: the item class and its other fields."""


def _build_order() -> tuple[Section, ...]:
    # Each entity may refer only to entities already built, so that dropping one that
    # cannot be built never leaves a dangling reference. A section whose references may
    # name anything (partner states engage any entity) comes last, to reach them all.
    return tuple(sorted(SECTIONS, key=lambda s: any(not r.targets for r in references_of(s.name))))


_BUILD_ORDER: Final = _build_order()


class _Pools:
    """The entities built so far, by section, and the kind of each actor."""

    def __init__(self) -> None:
        self.ids: dict[str, list[str]] = {s.name: [] for s in SECTIONS}
        self.kinds: dict[str, ActorKind] = {}

    def candidates(self, ref: Reference, entity: dict[str, Any], own_id: str) -> list[str]:
        sections = ref.targets or tuple(self.ids)
        kinds = ref.allowed_kinds(SimpleNamespace(**entity))
        return [
            target
            for name in sections
            for target in self.ids[name]
            if target != own_id
            and (kinds is None or target not in self.kinds or self.kinds[target] in kinds)
        ]

    def add(self, section_name: str, entity: Any) -> None:
        self.ids[section_name].append(entity.id)
        if isinstance(entity, Actor):
            self.kinds[entity.id] = entity.kind


def _required(cls: type, field: str) -> bool:
    return attrs.fields_dict(cls)[field].default is attrs.NOTHING


def _fill(draw: st.DrawFn, ref: Reference, cls: type, pool: list[str]) -> Any:
    """Draw a value for one reference field from its candidate ids."""
    if ref.many:
        chosen = list(dict.fromkeys(pool[i % len(pool)] for i in draw(_PICKS))) if pool else []
        item = _ITEMS.get((ref.owner, ref.field))
        if item is None:
            return chosen
        item_cls, fields = item
        assert ref.item_field is not None  # a list of tables names the key of the id
        return [item_cls(**{ref.item_field: target}, **draw(fields)) for target in chosen]
    if not pool:
        return None
    index = draw(_PICK) if _required(cls, ref.field) else draw(_MAYBE_PICK)
    return None if index is None else pool[index % len(pool)]


def _construct(cls: type, fields: dict[str, Any], pools: dict[str, list[str]]) -> Any:
    """Build the entity, repairing a reference its validators refuse; None if none fits.

    Validators know rules the reference table does not (terms that need a holder, a
    stream that cannot fund its own source, coalition weights that are all zero). A
    refused reference is set from its candidates in turn: a missing one to the first, a
    present optional one to nothing, a required one to the next; a list is emptied.
    """
    tried: set[tuple[str, object]] = set()
    while True:
        try:
            return cls(**fields)
        except InvalidValue as exc:
            field = re.split(r"[.\[]", exc.field, maxsplit=1)[0]
            if field not in pools:
                return None
            value, pool = fields[field], pools[field]
            if isinstance(value, list):
                options: list[Any] = [[]]
            elif value is None:
                options = pool[:1]
            elif not _required(cls, field):
                options = [None]
            else:
                start = pool.index(value) + 1 if value in pool else 0
                options = pool[start:]
            options = [o for o in options if (field, repr(o)) not in tried]
            if not options:
                return None
            tried.add((field, repr(options[0])))
            fields[field] = options[0]


@st.composite
def ecosystems(draw: st.DrawFn, *, max_entities: int = 6) -> Ecosystem:
    """Whole ecosystems whose references all resolve.

    The references are filled from :data:`peerprod.model.references.REFERENCES`: every
    reference can be drawn, with any entity of its target sections and of its allowed
    actor kinds, and every member of every vocabulary can appear.

    Args:
        draw: Supplied by hypothesis.
        max_entities: The most entities drawn for each section.

    Example:
        >>> from hypothesis import find
        >>> eco = find(ecosystems(), lambda e: len(e.coalitions) > 0 and len(e.actors) > 1)
        >>> len(eco.actors), len(eco.coalitions)
        (2, 1)
    """
    size = st.integers(0, max_entities)
    counts = {s.name: draw(size) for s in SECTIONS}
    total = sum(counts.values())
    fresh = iter(draw(st.lists(_IDS, unique=True, min_size=total, max_size=total)))
    built: dict[str, list[Any]] = {s.name: [] for s in SECTIONS}
    pools = _Pools()
    for section in _BUILD_ORDER:
        for _ in range(counts[section.name]):
            fields = {"id": next(fresh), **draw(_BODIES[section.name])}
            candidates: dict[str, list[str]] = {}
            for ref in references_of(section.name):
                candidates[ref.field] = pools.candidates(ref, fields, fields["id"])
                fields[ref.field] = _fill(draw, ref, section.cls, candidates[ref.field])
            entity = _construct(section.cls, fields, candidates)
            if entity is not None:
                built[section.name].append(entity)
                pools.add(section.name, entity)
    return Ecosystem(id=draw(_IDS), name=draw(_NAMES), description=draw(_TEXTS), **built)
