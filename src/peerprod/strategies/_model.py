"""Strategies for the model's values and whole ecosystems."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from hypothesis import strategies as st

from peerprod.licenses.kinds import ContributionTerms, LicenseKind, Reciprocity
from peerprod.licenses.license import License
from peerprod.model.actors import Actor, ActorKind
from peerprod.model.commons import CapitalThreshold, Commons, DesignQualities, Resource
from peerprod.model.ecosystem import Ecosystem
from peerprod.model.funding import FundingChannel, FundingStream, Period
from peerprod.model.governance import (
    BusinessRelation,
    Coalition,
    DecisionRule,
    Membership,
    WeightBasis,
)
from peerprod.model.partner_state import PartnerState, PublicRole, Scale
from peerprod.model.platform import Platform
from peerprod.model.references import HOLDER_KINDS
from peerprod.strategies._classify import uncertain_arrangements
from peerprod.strategies._licenses import spdx_licenses

if TYPE_CHECKING:
    from peerprod.model.arrangement import Arrangement

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


def identifiers() -> st.SearchStrategy[str]:
    """Valid entity ids (see :data:`peerprod._validation.ID_PATTERN`)."""
    return st.from_regex(r"[a-z0-9](?:[a-z0-9._:/-]{0,10}[a-z0-9])?", fullmatch=True)


def texts(*, allow_empty: bool = True) -> st.SearchStrategy[str]:
    """Free text as the model accepts it: any string, or a non-blank one."""
    strategy = st.text(max_size=30)
    if allow_empty:
        return strategy
    return strategy.filter(lambda s: bool(s.strip()))


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


def _optional(draw: st.DrawFn, pool: list[str]) -> str | None:
    return draw(st.none() | st.sampled_from(pool)) if pool else None


def _subset(draw: st.DrawFn, pool: list[str], max_size: int = 3) -> list[str]:
    if not pool:
        return []
    return draw(st.lists(st.sampled_from(pool), unique=True, max_size=max_size))


@st.composite
def ecosystems(draw: st.DrawFn, *, max_entities: int = 6) -> Ecosystem:
    """Whole ecosystems whose references all resolve.

    Args:
        draw: Supplied by hypothesis.
        max_entities: The most entities drawn for each section.
    """
    size = st.integers(0, max_entities)
    counts = {
        section: draw(size)
        for section in (
            "actors",
            "platforms",
            "commons",
            "coalitions",
            "funding",
            "partner_states",
            "arrangements",
        )
    }
    ids = iter(
        draw(
            st.lists(
                identifiers(),
                unique=True,
                min_size=sum(counts.values()),
                max_size=sum(counts.values()),
            )
        )
    )

    actor_list = [draw(actors(ids=st.just(next(ids)))) for _ in range(counts["actors"])]
    actor_ids = [a.id for a in actor_list]
    by_kind: dict[ActorKind, list[str]] = {}
    for actor in actor_list:
        by_kind.setdefault(actor.kind, []).append(actor.id)

    platforms = [
        Platform(
            id=next(ids),
            name=draw(texts(allow_empty=False)),
            initiators=_subset(draw, actor_ids),
            operator=draw(st.sampled_from(actor_ids)),
            open_to_outsiders=draw(st.booleans()),
        )
        for _ in range(counts["platforms"] if actor_ids else 0)
    ]
    platform_ids = [p.id for p in platforms]

    commons_list: list[Commons] = []
    for _ in range(counts["commons"]):
        terms = draw(_members(ContributionTerms))
        holder: str | None = None
        if terms.needs_holder:
            wanted = HOLDER_KINDS.get(terms)
            candidates = (
                [
                    a
                    for kind in sorted(wanted, key=list(ActorKind).index)
                    for a in by_kind.get(kind, [])
                ]
                if wanted
                else actor_ids
            )
            if not candidates:
                terms, holder = ContributionTerms.NONE, None
            else:
                holder = draw(st.sampled_from(candidates))
        commons_list.append(
            Commons(
                id=next(ids),
                name=draw(texts(allow_empty=False)),
                resources=draw(st.frozensets(_members(Resource), min_size=1)),
                license=draw(licenses()),
                contribution_terms=terms,
                terms_holder=holder,
                platform=_optional(draw, platform_ids),
                community=_subset(draw, actor_ids),
                design=draw(st.none() | design_qualities()),
            )
        )
    commons_ids = [c.id for c in commons_list]

    coalition_list: list[Coalition] = []
    for _ in range(counts["coalitions"]):
        coalition = draw(coalitions(member_ids=actor_ids, coalition_id=next(ids)))
        foundations = by_kind.get(ActorKind.FOUNDATION, [])
        coalition_list.append(
            Coalition(
                id=coalition.id,
                name=coalition.name,
                body=coalition.body,
                members=coalition.members,
                weight_basis=coalition.weight_basis,
                decision_rule=coalition.decision_rule,
                business_relation=coalition.business_relation,
                foundation=_optional(draw, foundations),
                commons=_subset(draw, commons_ids),
            )
        )

    streams: list[FundingStream] = []
    recipients = actor_ids + commons_ids + platform_ids
    for _ in range(counts["funding"]):
        if not actor_ids:
            break
        source = draw(st.sampled_from(actor_ids))
        targets = [r for r in recipients if r != source]
        if not targets:
            break
        amount = draw(st.none() | st.decimals(0, 10**9, places=2).map(Decimal))
        streams.append(
            FundingStream(
                id=next(ids),
                source=source,
                recipient=draw(st.sampled_from(targets)),
                channel=draw(_members(FundingChannel)),
                via=_optional(draw, actor_ids),
                amount=amount,
                currency=None if amount is None else draw(st.sampled_from(["EUR", "USD"])),
                period=draw(st.none() | _members(Period)),
            )
        )

    engagements: list[PartnerState] = []
    authorities = by_kind.get(ActorKind.PUBLIC_AUTHORITY, [])
    every_id = actor_ids + platform_ids + commons_ids + [c.id for c in coalition_list]
    for _ in range(counts["partner_states"]):
        if not authorities:
            break
        engagements.append(
            PartnerState(
                id=next(ids),
                authority=draw(st.sampled_from(authorities)),
                scale=draw(_members(Scale)),
                roles=draw(st.frozensets(_members(PublicRole), min_size=1)),
                engages=_subset(draw, every_id),
            )
        )

    arrangement_list: list[Arrangement] = []
    for _ in range(counts["arrangements"]):
        arrangement = draw(arrangements(arrangement_id=next(ids)))
        arrangement_list.append(
            _with_refs(
                arrangement,
                organizer=_optional(draw, actor_ids),
                participants=_optional(draw, actor_ids),
                platform=_optional(draw, platform_ids),
                commons=_optional(draw, commons_ids),
            )
        )

    return Ecosystem(
        id=draw(identifiers()),
        name=draw(texts(allow_empty=False)),
        description=draw(texts()),
        actors=actor_list,
        platforms=platforms,
        commons=commons_list,
        coalitions=coalition_list,
        funding=streams,
        partner_states=engagements,
        arrangements=arrangement_list,
    )


def _with_refs(arrangement: Arrangement, **refs: Any) -> Arrangement:
    return attrs.evolve(arrangement, **refs)
