"""Hypothesis strategies for the classifiers: arrangements, coalitions, ecosystems.

Re-exported from :mod:`peerprod.strategies`. Every value drawn is valid, and
every member of every dimension's enum can be drawn. Importing this module
needs Hypothesis (the ``test`` extra).

Example:
    >>> from hypothesis import given
    >>> from peerprod import rung_of
    >>> @given(valid_arrangements())
    ... def test_total(arrangement):
    ...     rung = rung_of(arrangement)
    ...     assert rung is None or 1 <= rung.number <= 10
    >>> test_total()
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import strategies as st

from peerprod.classify.ladder import Rung
from peerprod.licenses.kinds import LicenseKind
from peerprod.model.actors import Actor, ActorKind
from peerprod.model.arrangement import (
    FACTS,
    Arrangement,
    Captor,
    Channel,
    Contribution,
    Control,
    Monetization,
)
from peerprod.model.ecosystem import Ecosystem
from peerprod.model.governance import (
    BusinessRelation,
    Coalition,
    DecisionRule,
    Membership,
    WeightBasis,
)
from peerprod.model.uncertainty import UNKNOWN, Between, OneOf

__all__ = [
    "analysable_ecosystems",
    "contribution_sets",
    "fact_values",
    "monetization_sets",
    "rungs",
    "uncertain_arrangements",
    "valid_arrangements",
    "weighted_coalitions",
]

_IDS = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)
_NAMES = st.sampled_from(["Arrangement", "Co-creation programme", "Community", "Board"])
_WORK = [c for c in Contribution if c is not Contribution.NOTHING]
_PAIRS = [
    Monetization(channel=channel, by=captor)
    for channel in Channel
    if channel is not Channel.NONE
    for captor in Captor
]
_NONE = Monetization(channel=Channel.NONE)
_BOOLEAN = frozenset({"community", "competition", "joint_design"})


def rungs() -> st.SearchStrategy[Rung]:
    """Any rung of the ladder.

    Example:
        >>> from hypothesis import find
        >>> find(rungs(), lambda rung: rung.number > 8)
        <Rung.COOPERATIVE_PEER_PRODUCTION: 9>
    """
    return st.sampled_from(Rung)


def contribution_sets() -> st.SearchStrategy[frozenset[Contribution]]:
    """Valid sets of contributions: ``nothing`` alone, or some kinds of work.

    Example:
        >>> from hypothesis import find
        >>> Contribution.GIFTS in find(contribution_sets(), lambda s: Contribution.GIFTS in s)
        True
    """
    return st.just(frozenset({Contribution.NOTHING})) | st.frozensets(
        st.sampled_from(_WORK), min_size=1, max_size=4
    )


def monetization_sets() -> st.SearchStrategy[frozenset[Monetization]]:
    """Valid sets of monetizations: none at all, ``none`` (perhaps with donations), or channels.

    Example:
        >>> from hypothesis import find
        >>> len(find(monetization_sets(), lambda s: len(s) > 2))
        3
    """
    donations = [p for p in _PAIRS if p.channel is Channel.DONATIONS]
    outside = st.frozensets(st.sampled_from(donations), max_size=2).map(lambda d: d | {_NONE})
    return (
        st.just(frozenset())
        | outside
        | st.frozensets(st.sampled_from(_PAIRS), min_size=1, max_size=4)
    )


def _exact(fact: str) -> st.SearchStrategy[Any]:
    if fact == "contributions":
        return contribution_sets()
    if fact == "monetization":
        return monetization_sets()
    if fact in _BOOLEAN:
        return st.booleans()
    if fact == "output_regime":
        return st.sampled_from(LicenseKind)
    return st.sampled_from(Control)


def fact_values(fact: str, *, exact: bool = False) -> st.SearchStrategy[Any]:
    """Values a fact may take: exact values, and unless ``exact``, unknowns and possibilities.

    Args:
        fact: A name from :data:`~peerprod.model.arrangement.FACTS`.
        exact: Only exactly known values.

    Raises:
        KeyError: ``fact`` is not a fact's name.

    Example:
        >>> from hypothesis import find
        >>> sorted(find(fact_values("design"), lambda v: isinstance(v, OneOf)).options)
        [<Control.ORGANIZER: 'organizer'>, <Control.SHARED: 'shared'>]
    """
    if fact not in FACTS:
        raise KeyError(fact)
    known = _exact(fact)
    if exact:
        return known
    uncertain: st.SearchStrategy[Any] = st.just(UNKNOWN)
    if fact in ("contributions", "monetization"):
        options: st.SearchStrategy[Any] = st.frozensets(known, min_size=2, max_size=3).map(OneOf)
        pool = _WORK if fact == "contributions" else _PAIRS
        between = st.tuples(
            st.frozensets(st.sampled_from(pool), max_size=2),
            st.frozensets(st.sampled_from(pool), min_size=1, max_size=3),
        ).filter(lambda km: not km[0] & km[1])
        uncertain = uncertain | options | between.map(lambda km: Between(known=km[0], maybe=km[1]))
    elif fact not in _BOOLEAN:
        members = list(LicenseKind) if fact == "output_regime" else list(Control)
        uncertain = uncertain | st.frozensets(
            st.sampled_from(members), min_size=2, max_size=len(members) - 1
        ).map(OneOf)
    return st.one_of(known, known, uncertain)


@st.composite
def valid_arrangements(draw: st.DrawFn, /, **fixed: Any) -> Arrangement:
    """Arrangements whose facts are all known exactly, any fact free unless fixed by keyword.

    Args:
        draw: supplied by Hypothesis.
        **fixed: fact names from :data:`~peerprod.model.arrangement.FACTS` with the value
            to use, for example ``output_regime=LicenseKind.SHARECROPPING``.

    Raises:
        TypeError: a keyword is not a fact's name.

    Example:
        >>> from hypothesis import find
        >>> from peerprod import LicenseKind
        >>> a = find(valid_arrangements(output_regime=LicenseKind.COMMONS),
        ...          lambda a: a.design is Control.PARTICIPANTS)
        >>> a.output_regime, a.complete
        (<LicenseKind.COMMONS: 'commons'>, True)
    """
    unknown = set(fixed) - set(FACTS)
    if unknown:
        msg = f"not facts: {sorted(unknown)}"
        raise TypeError(msg)
    values = {
        name: fixed[name] if name in fixed else draw(fact_values(name, exact=True))
        for name in FACTS
    }
    return Arrangement(
        id=draw(_IDS),
        name=draw(_NAMES),
        organizer=draw(st.none() | _IDS),
        participants=draw(st.none() | _IDS),
        **values,
    )


@st.composite
def uncertain_arrangements(draw: st.DrawFn, /, **fixed: Any) -> Arrangement:
    """Arrangements whose facts may be unknown or narrowed to possibilities.

    Example:
        >>> from hypothesis import find
        >>> find(uncertain_arrangements(), lambda a: not a.complete).complete
        False
    """
    unknown = set(fixed) - set(FACTS)
    if unknown:
        msg = f"not facts: {sorted(unknown)}"
        raise TypeError(msg)
    values = {name: fixed[name] if name in fixed else draw(fact_values(name)) for name in FACTS}
    return Arrangement(id=draw(_IDS), name=draw(_NAMES), **values)


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
