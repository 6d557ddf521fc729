"""The control polarity index: where an arrangement sits between the corporate and community poles.

The rung says which threshold an arrangement has crossed; the index says how far
toward the community it has moved overall (FCJ-097, "The Ladder of Participation":
the rungs are graded "by the polarity of control"). It is the unweighted mean of
one term per fact, each in [0, 1]:

* each ordinal fact (parameters, design, platform and value-chain control, the
  output's regime): its rank over the highest rank, 0 at the corporate pole;
* community: 1 when participants form one, 0 when they do not;
* monetization: the mean, over the channels, of who captures the money (the
  organizer 0, the participants one by one 1/3, anyone on equal terms 2/3, the
  participants' own vehicles 1); donations count 1, as money given rather than
  taken from the work, and so does an arrangement where nobody captures anything
  or that stands outside money.

Competition is not a term: the essay's question is who controls, not whether
anyone competes; nor is joint design, which is a relation, not a pole. Under
uncertainty :func:`control_interval` gives the lowest and highest index the
possible facts allow.

Example:
    >>> from peerprod import cases
    >>> [round(control_index(a), 3) for a in cases.load("lego").arrangements]
    [0.048, 0.357, 0.333, 0.952]
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING, Any, Final

from peerprod.errors import InvalidValue
from peerprod.licenses.kinds import LicenseKind
from peerprod.model.arrangement import FACTS, Captor, Channel, Control
from peerprod.model.uncertainty import UNKNOWN, Between, OneOf

if TYPE_CHECKING:
    import enum

    from peerprod.model.arrangement import Arrangement

__all__ = [
    "CAPTOR_TERMS",
    "control_index",
    "control_interval",
    "control_terms",
    "index_of",
]

CAPTOR_TERMS: Final = {
    Captor.ORGANIZER: 0.0,
    Captor.PARTICIPANTS: 1 / 3,
    Captor.ANYONE: 2 / 3,
    Captor.PARTICIPANT_VEHICLES: 1.0,
}
"""How far toward the community pole each captor of the money stands."""

_SKIPPED: Final = frozenset({"contributions", "competition", "joint_design"})
"""Facts that are no polarity of control: what is given, whether anyone competes, and
whether the design is made together (which either pole may do alone)."""


def _terms(enum_type: type[enum.Enum]) -> dict[Any, float]:
    members = list(enum_type)
    return {member: index / (len(members) - 1) for index, member in enumerate(members)}


# Read on every classification of a report: a table, not arithmetic on the enum.
_SCALAR_TERMS: Final[dict[Any, float]] = {
    True: 1.0,
    False: 0.0,
    **_terms(Control),
    **_terms(LicenseKind),
}


def _scalar_term(value: Any) -> float:
    return _SCALAR_TERMS[value]


def _score(member: Any) -> float:
    # Donations are given, not taken from the participants' work.
    if member.channel in (Channel.NONE, Channel.DONATIONS):
        return 1.0
    return CAPTOR_TERMS[member.by]


def _money_term(members: frozenset[Any]) -> float:
    scores = [_score(m) for m in members]
    return math.fsum(scores) / len(scores) if scores else 1.0


def _money_range(value: Any) -> tuple[float, float]:
    if isinstance(value, frozenset):
        term = _money_term(value)
        return term, term
    if isinstance(value, OneOf):
        terms = [_money_term(option) for option in value.options]
        return min(terms), max(terms)
    if isinstance(value, Between):
        # The lowest mean over the possible sets adds the open members from the lowest
        # score up, and stops where the mean is least; the highest, from the top down.
        known = [_score(m) for m in value.known]
        open_scores = sorted(_score(m) for m in value.maybe)
        means: list[float] = []
        for ordered in (open_scores, open_scores[::-1]):
            total, count = math.fsum(known), len(known)
            means.append(total / count if count else 1.0)
            for score in ordered:
                total += score
                count += 1
                means.append(total / count)
        return min(means), max(means)
    return 0.0, 1.0


def _range(fact: str, value: Any) -> tuple[float, float]:
    if fact == "monetization":
        return _money_range(value)
    if value is UNKNOWN:
        return 0.0, 1.0
    if isinstance(value, OneOf):
        terms = [_scalar_term(option) for option in value.options]
        return min(terms), max(terms)
    term = _scalar_term(value)
    return term, term


def _ranges(facts: tuple[Any, ...]) -> tuple[dict[str, tuple[float, float]], bool]:
    """Each counted fact's range of terms, and whether every one is known exactly."""
    ranges: dict[str, tuple[float, float]] = {}
    exact = True
    for name, value in zip(FACTS, facts, strict=True):
        if name in _SKIPPED:
            continue
        ranges[name] = _range(name, value)
        if value is UNKNOWN or isinstance(value, OneOf | Between):
            exact = False
    return ranges, exact


def control_terms(arrangement: Arrangement) -> dict[str, float]:
    """The terms of the control polarity index, one per fact it counts, each in [0, 1].

    Raises:
        InvalidValue: a fact the index counts is not known exactly (see
            :func:`control_interval`); the error names the arrangement and the fact.

    Example:
        >>> from peerprod import cases
        >>> terms = control_terms(cases.load("lego").arrangements[2])
        >>> terms["community"], terms["parameters"], round(terms["output_regime"], 3)
        (1.0, 0.0, 0.333)
    """
    ranges, exact = _ranges(arrangement.facts())
    if not exact:
        unknown = next(name for name in arrangement.unknown_facts() if name not in _SKIPPED)
        raise InvalidValue(
            f"{arrangement.id}.{unknown}",
            getattr(arrangement, unknown),
            "is not known exactly; use control_interval for a range",
        )
    return {name: low for name, (low, _) in ranges.items()}


def control_index(arrangement: Arrangement) -> float | None:
    """Where an arrangement sits from the corporate pole (0) to the community pole (1).

    Returns:
        The index, or None when a fact it counts is not known exactly (see
        :func:`control_interval` for the range).

    Example:
        >>> from peerprod import Arrangement
        >>> control_index(Arrangement(id="a", name="A")) is None
        True
    """
    return index_of(arrangement.facts())[0]


def control_interval(arrangement: Arrangement) -> tuple[float, float]:
    """The lowest and highest control index the possible values of the facts allow.

    Example:
        >>> from peerprod import Arrangement
        >>> control_interval(Arrangement(id="a", name="A"))
        (0.0, 1.0)
    """
    return index_of(arrangement.facts())[1]


@functools.lru_cache(maxsize=16384)
def index_of(facts: tuple[Any, ...]) -> tuple[float | None, tuple[float, float]]:
    """The control index and its interval, from facts in ``FACTS`` order.

    The index is None unless every counted fact is known exactly; the facts come in
    :data:`~peerprod.model.arrangement.FACTS` order.

    Example:
        >>> from peerprod import cases
        >>> index, (low, high) = index_of(cases.load("ikea").arrangements[0].facts())
        >>> index == low == high
        True
    """
    ranges, exact = _ranges(facts)
    low = math.fsum(r[0] for r in ranges.values()) / len(ranges)
    high = math.fsum(r[1] for r in ranges.values()) / len(ranges)
    return (low if exact else None), (low, high)
