"""Measuring a coalition: equal say, or one big party that dominates.

Bauwens contrasts coalitions in which every party has an equal say (the Linux
Foundation) with those dominated by one large party (IBM in the Eclipse
Foundation) (FCJ-097, "The Third Layer"). :func:`coalition_structure`
measures how concentrated a coalition's decision weight is (the
Herfindahl-Hirschman index, the largest member's share, the elephant factor)
and gives the verdict.
"""

from __future__ import annotations

import enum
from fractions import Fraction
from typing import TYPE_CHECKING, Final

import attrs

from peerprod.model.governance import Coalition, DecisionRule
from peerprod.ordinal import OrdinalEnum

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "CONCENTRATED_HHI",
    "DOMINANT_SHARE",
    "CoalitionStructure",
    "CoalitionVerdict",
    "coalition_structure",
    "elephant_factor",
    "herfindahl_index",
]

DOMINANT_SHARE: Final = Fraction(2, 5)
"""A member holding at least this share of the decision weight dominates (40%).

Why 40%: in European competition practice a market share below 40% makes
dominance unlikely, and shares above it are where the Commission starts to
presume a dominant position (Guidance on enforcement priorities under Article
82 EC, 2009, paragraph 14). In a decision body the figure has a concrete
meaning too: a member with 40% carries any simple-majority vote with the help
of any one partner holding more than a tenth, and blocks alone any decision
that needs more than 60%.

Example:
    >>> float(DOMINANT_SHARE)
    0.4
"""

CONCENTRATED_HHI: Final = Fraction(1, 4)
"""A Herfindahl-Hirschman index above this marks concentrated decision weight (0.25).

Why 0.25: the US merger guidelines of 2010 call a market with an HHI above
2,500 (0.25 on the 0-1 scale used here) highly concentrated. Because 1 / HHI
is the effective number of members, the threshold means the weight is held as
if by fewer than four equal members: a body too small or too lopsided for
what the essay's Linux Foundation example of equal say describes, where many
parties share the decisions and none outweighs the others. Two or three equal
partners are therefore reported as dominated, with that reason.

Example:
    >>> herfindahl_index([1, 1, 1]) > CONCENTRATED_HHI
    True
"""


@enum.unique
class CoalitionVerdict(OrdinalEnum):
    """Whether a coalition gives its members an equal say, from the dominated pole.

    Example:
        >>> CoalitionVerdict("equal_say") > CoalitionVerdict.DOMINATED
        True
    """

    DOMINATED = "dominated"
    """One party, or so few that they act as one, holds enough weight to steer the body."""
    EQUAL_SAY = "equal_say"
    """The weight is spread so that no party can steer the body alone."""


def _exact(weights: Iterable[int | float]) -> list[Fraction]:
    # Exact arithmetic: the verdict must not change with the order of the
    # members, and float sums do.
    return [Fraction(w) for w in weights]


def herfindahl_index(weights: Iterable[int | float]) -> float:
    """The Herfindahl-Hirschman index of some weights: the sum of the squared shares.

    It runs from 1 / n, when n members hold equal weight, to 1, when one
    member holds it all. It is 0.0 when there is no weight at all.

    Example:
        >>> herfindahl_index([1, 1, 1, 1])
        0.25
        >>> herfindahl_index([3, 1])
        0.625
    """
    return float(_hhi(_exact(weights)))


def _hhi(weights: list[Fraction]) -> Fraction:
    total = sum(weights, Fraction(0))
    if not total:
        return Fraction(0)
    return sum((w * w for w in weights), Fraction(0)) / (total * total)


def elephant_factor(weights: Iterable[int | float]) -> int:
    """The fewest members whose weights together make at least half of the total.

    A term of the CHAOSS community-health metrics: 1 means a single member
    holds half of the weight or more. It is 0 when there is no weight at all.

    Example:
        >>> elephant_factor([8, 1, 1, 1, 1, 1, 1, 1, 1])
        1
        >>> elephant_factor([1] * 8)
        4
    """
    return _elephant(_exact(weights))


def _elephant(weights: list[Fraction]) -> int:
    total = sum(weights, Fraction(0))
    if not total:
        return 0
    held = Fraction(0)
    for count, weight in enumerate(sorted(weights, reverse=True), start=1):
        held += weight
        if 2 * held >= total:
            return count
    raise AssertionError  # pragma: no cover - the full sum always reaches half


@attrs.frozen(kw_only=True)
class CoalitionStructure:
    """How concentrated a coalition's decision weight is, and the verdict.

    Example:
        >>> from peerprod import Membership
        >>> board = Coalition(id="board", name="Board", body="Board", members=[
        ...     Membership(actor="big", weight=3), Membership(actor="small", weight=1),
        ...     Membership(actor="tiny", weight=0)])
        >>> s = coalition_structure(board)
        >>> s.verdict.value, s.largest, s.largest_share, s.elephant_factor
        ('dominated', ('big',), 0.75, 1)
    """

    coalition: str
    """The coalition's id."""
    members: int
    """How many members the coalition lists."""
    hhi: float
    """The Herfindahl-Hirschman index of the members' weights (0.0 with no members)."""
    largest_share: float
    """The largest member's share of the total weight (0.0 with no members)."""
    largest: tuple[str, ...]
    """The ids of the members holding the largest share, sorted (ties are all listed)."""
    elephant_factor: int
    """The fewest members holding at least half of the weight (0 with no members)."""
    verdict: CoalitionVerdict | None
    """Equal say or dominated; None for a coalition that lists no members."""
    reasons: tuple[str, ...]
    """The facts that decide the verdict, in words."""

    @property
    def effective_members(self) -> float:
        """1 / HHI: how many equal members would hold the weight as concentrated.

        Example:
            >>> from peerprod import Membership
            >>> board = Coalition(id="b", name="B", body="Board",
            ...                   members=[Membership(actor=a, weight=2) for a in "abcde"])
            >>> coalition_structure(board).effective_members
            5.0
        """
        return 1 / self.hhi if self.hhi else 0.0

    def __str__(self) -> str:
        verdict = "unknown" if self.verdict is None else self.verdict.value
        lines = [f"{self.coalition}: {verdict}"]
        lines.extend(f"  - {reason}" for reason in self.reasons)
        return "\n".join(lines)


def _percent(share: Fraction) -> str:
    return f"{float(share):.1%}".replace(".0%", "%")


def coalition_structure(coalition: Coalition) -> CoalitionStructure:
    """Measure the concentration of a coalition's decision weight and give the verdict.

    The coalition is **dominated** when any of these holds, and has an
    **equal say** otherwise:

    * one member holds at least :data:`DOMINANT_SHARE` (40%) of the weight;
    * the Herfindahl-Hirschman index is above :data:`CONCENTRATED_HHI` (0.25),
      that is, the weight is as concentrated as if fewer than four equal
      members held it;
    * the body decides by :attr:`DecisionRule.SINGLE_PARTY`, whatever the weights.

    Each test can only grow more severe when two members merge, and none
    depends on the members' order, ids or tiers. Arithmetic is exact.

    Example:
        >>> from peerprod import Membership
        >>> seats = lambda **w: [Membership(actor=a, weight=n) for a, n in w.items()]
        >>> linux_like = Coalition(id="lf", name="LF", body="Board",
        ...                        members=seats(a=1, b=1, c=1, d=1, e=1, f=1, g=1, h=1))
        >>> print(coalition_structure(linux_like))
        lf: equal_say
          - the largest share, 12.5% (8 members tied), is below the dominant 40%
          - the HHI, 0.125, is at most 0.25: as if 8 equal members shared the weight
        >>> eclipse_like = Coalition(id="ec", name="EC", body="Board",
        ...                          members=seats(ibm=8, a=1, b=1, c=1, d=1, e=1, f=1, g=1, h=1))
        >>> print(coalition_structure(eclipse_like))
        ec: dominated
          - ibm holds 50% of the weight, at least the dominant 40%
          - the HHI, 0.281, is above 0.25: as if 3.6 equal members held the weight
    """
    if not coalition.members:
        return CoalitionStructure(
            coalition=coalition.id,
            members=0,
            hhi=0.0,
            largest_share=0.0,
            largest=(),
            elephant_factor=0,
            verdict=None,
            reasons=("the coalition lists no members, so nothing can be said of its structure",),
        )
    weights = _exact(m.weight for m in coalition.members)
    total = sum(weights, Fraction(0))
    top = max(weights)
    largest = tuple(
        sorted(m.actor for m, w in zip(coalition.members, weights, strict=True) if w == top)
    )
    share = top / total
    hhi = _hhi(weights)
    effective = f"{float(1 / hhi):.1f}".removesuffix(".0")
    dominated = False
    reasons: list[str] = []
    if share >= DOMINANT_SHARE:
        dominated = True
        holders = " and ".join(largest)
        verb = "holds" if len(largest) == 1 else "each hold"
        reasons.append(
            f"{holders} {verb} {_percent(share)} of the weight, "
            f"at least the dominant {_percent(DOMINANT_SHARE)}"
        )
    else:
        tied = f"{largest[0]}" if len(largest) == 1 else f"{len(largest)} members tied"
        reasons.append(
            f"the largest share, {_percent(share)} ({tied}), "
            f"is below the dominant {_percent(DOMINANT_SHARE)}"
        )
    if hhi > CONCENTRATED_HHI:
        dominated = True
        reasons.append(
            f"the HHI, {float(hhi):.3g}, is above {float(CONCENTRATED_HHI):g}: "
            f"as if {effective} equal members held the weight"
        )
    else:
        reasons.append(
            f"the HHI, {float(hhi):.3g}, is at most {float(CONCENTRATED_HHI):g}: "
            f"as if {effective} equal members shared the weight"
        )
    if coalition.decision_rule is DecisionRule.SINGLE_PARTY:
        dominated = True
        reasons.append("the body's decision rule lets a single party decide")
    return CoalitionStructure(
        coalition=coalition.id,
        members=len(coalition.members),
        hhi=float(hhi),
        largest_share=float(share),
        largest=largest,
        elephant_factor=_elephant(weights),
        verdict=CoalitionVerdict.DOMINATED if dominated else CoalitionVerdict.EQUAL_SAY,
        reasons=tuple(reasons),
    )
