"""Hypothesis strategies for the classifiers: arrangements, coalitions, ecosystems.

Re-exported from :mod:`peerprod.strategies`. Every value drawn is valid, and
every member of every dimension's enum can be drawn. Importing this module
needs Hypothesis (the ``test`` extra).

Example:
    >>> from hypothesis import given
    >>> from peerprod.classify.ladder import rung_of
    >>> @given(valid_arrangements())
    ... def test_total(arrangement):
    ...     assert 1 <= rung_of(arrangement).number <= 10
    >>> test_total()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from peerprod.classify.ladder import DIMENSION_TYPES, Rung
from peerprod.model.actors import Actor, ActorKind
from peerprod.model.arrangement import DIMENSIONS, Arrangement, Contribution, Control, ValueCapture
from peerprod.model.ecosystem import Ecosystem
from peerprod.model.governance import (
    BusinessRelation,
    Coalition,
    DecisionRule,
    Membership,
    WeightBasis,
)

if TYPE_CHECKING:
    from peerprod.ordinal import OrdinalEnum

__all__ = ["analysable_ecosystems", "rungs", "valid_arrangements", "weighted_coalitions"]

_IDS = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)
_NAMES = st.sampled_from(["Arrangement", "Co-creation programme", "Community", "Board"])
# Facts that participants who create nothing cannot have, and their only value then.
_NEEDS_CREATIVE_WORK = {
    "parameters": Control.ORGANIZER,
    "design": Control.ORGANIZER,
    "value_chain_control": Control.ORGANIZER,
    "value_capture": ValueCapture.ORGANIZER,
}


def rungs() -> st.SearchStrategy[Rung]:
    """Any rung of the ladder.

    Example:
        >>> from hypothesis import find
        >>> find(rungs(), lambda rung: rung.number > 8)
        <Rung.COOPERATIVE_PEER_PRODUCTION: 9>
    """
    return st.sampled_from(Rung)


@st.composite
def valid_arrangements(draw: st.DrawFn, /, **fixed: OrdinalEnum) -> Arrangement:
    """Valid arrangements, any dimension free unless fixed by keyword.

    Each free dimension is drawn from its whole enum (in half of the draws,
    from the upper half of it, so that the top rungs come up), then brought into line
    with :class:`~peerprod.Arrangement`'s consistency rules by moving it to the
    corporate pole where the other facts require it (participants who create
    nothing neither design nor capture value; participants who do not design do
    not set parameters). Fixed dimensions are never moved, so fixing
    contradictory values raises :class:`~peerprod.errors.InvalidValue`.

    Args:
        draw: supplied by Hypothesis.
        **fixed: dimension names from :data:`~peerprod.DIMENSIONS` with the
            value to use, for example ``output_regime=LicenseKind.SHARECROPPING``.

    Example:
        >>> from hypothesis import find
        >>> from peerprod import LicenseKind
        >>> a = find(valid_arrangements(output_regime=LicenseKind.COMMONS),
        ...          lambda a: a.design is Control.PARTICIPANTS)
        >>> a.output_regime, a.contribution
        (<LicenseKind.COMMONS: 'commons'>, <Contribution.CREATIVE_WORK: 'creative_work'>)
    """
    unknown = set(fixed) - set(DIMENSIONS)
    if unknown:
        msg = f"not dimensions: {sorted(unknown)}"
        raise TypeError(msg)
    # Drawn freely, rungs 8 and 9 would come up a few times in 100,000 draws, so
    # half the draws keep every free dimension in the upper half of its enum.
    upper = draw(st.booleans())
    values: dict[str, Any] = {}
    for name in DIMENSIONS:
        members = list(DIMENSION_TYPES[name])
        if upper:
            members = members[len(members) // 2 :]
        values[name] = fixed[name] if name in fixed else draw(st.sampled_from(members))
    if values["contribution"] is not Contribution.CREATIVE_WORK:
        values.update({k: v for k, v in _NEEDS_CREATIVE_WORK.items() if k not in fixed})
    if values["design"] is Control.ORGANIZER and "parameters" not in fixed:
        values["parameters"] = Control.ORGANIZER
    return Arrangement(
        id=draw(_IDS),
        name=draw(_NAMES),
        organizer=draw(st.none() | _IDS),
        participants=draw(st.none() | _IDS),
        **values,
    )


_WEIGHTS = st.integers(0, 12) | st.sampled_from([0.25, 0.5, 1.5, 2.75, 10.0])


@st.composite
def weighted_coalitions(
    draw: st.DrawFn, *, min_members: int = 0, max_members: int = 8
) -> Coalition:
    """Coalitions with distinct members and whole or exactly representable weights.

    Weights are small integers or binary fractions, so sums and merges of
    weights are exact in floating point. Unless the coalition is empty, at
    least one weight is positive, as :class:`~peerprod.Coalition` requires.

    Example:
        >>> from hypothesis import find
        >>> c = find(weighted_coalitions(min_members=2), lambda c: True)
        >>> len(c.members), c.total_weight > 0
        (2, True)
    """
    actors = draw(st.lists(_IDS, min_size=min_members, max_size=max_members, unique=True))
    weights = draw(st.lists(_WEIGHTS, min_size=len(actors), max_size=len(actors)))
    if actors and not any(weights):
        weights[draw(st.integers(0, len(actors) - 1))] = draw(st.integers(1, 12))
    return Coalition(
        id=draw(_IDS),
        name=draw(_NAMES),
        body="Board",
        members=[Membership(actor=a, weight=w) for a, w in zip(actors, weights, strict=True)],
        weight_basis=draw(st.sampled_from(WeightBasis)),
        decision_rule=draw(st.sampled_from(DecisionRule)),
        business_relation=draw(st.sampled_from(BusinessRelation)),
    )


@st.composite
def analysable_ecosystems(draw: st.DrawFn, *, max_arrangements: int = 4) -> Ecosystem:
    """Ecosystems with actors of any kinds, arrangements and coalitions among them.

    Arrangements' organizers and participants and coalitions' members are the
    ecosystem's own actors, so every reference resolves.

    Example:
        >>> from hypothesis import find
        >>> eco = find(analysable_ecosystems(), lambda e: len(e.coalitions) > 0)
        >>> all(m.actor in eco for c in eco.coalitions for m in c.members)
        True
    """
    kinds = draw(st.lists(st.sampled_from(ActorKind), min_size=1, max_size=6))
    actors = [Actor(id=f"actor-{i}", kind=kind, name=f"Actor {i}") for i, kind in enumerate(kinds)]
    actor_ids = st.sampled_from([a.id for a in actors])
    arrangements = [
        attrs.evolve(
            draw(valid_arrangements()),
            id=f"arrangement-{i}",
            organizer=draw(st.none() | actor_ids),
            participants=draw(st.none() | actor_ids),
        )
        for i in range(draw(st.integers(0, max_arrangements)))
    ]
    coalitions = []
    for i in range(draw(st.integers(0, 2))):
        members = draw(st.lists(actor_ids, unique=True, max_size=len(actors)))
        weights = [draw(_WEIGHTS) for _ in members]
        if members and not any(weights):
            weights[0] = 1
        coalitions.append(
            Coalition(
                id=f"coalition-{i}",
                name=f"Coalition {i}",
                body="Board",
                members=[
                    Membership(actor=a, weight=w) for a, w in zip(members, weights, strict=True)
                ],
                decision_rule=draw(st.sampled_from(DecisionRule)),
            )
        )
    return Ecosystem(
        id=draw(_IDS),
        name="Ecosystem",
        actors=actors,
        coalitions=coalitions,
        arrangements=arrangements,
    )
