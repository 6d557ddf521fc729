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

from peerprod.model.actors import ActorKind
from peerprod.model.governance import BusinessRelation, Coalition, DecisionRule, Membership
from peerprod.ordinal import OrdinalEnum

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "CONCENTRATED_HHI",
    "DOMINANT_SHARE",
    "LEAD_RATIO",
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

The US merger guidelines of 2010 call a market with an HHI above 2,500 (0.25
on the 0-1 scale used here) highly concentrated; 1 / HHI is the effective
number of members. The index is reported with every verdict, but it does not
decide one on its own: it cannot tell three equal partners (HHI 0.33, no party
above the others) from one party facing a crowd, which is what the essay asks
about.

Example:
    >>> herfindahl_index([1, 1, 1]) > CONCENTRATED_HHI
    True
"""

LEAD_RATIO: Final = 2
"""How many times the weight of the next-largest party a dominant party holds, at least.

A share of :data:`DOMINANT_SHARE` dominates only when no other party comes
close: with two equal partners of 50% each, or two of 40% beside a small one,
no single party dominates, whatever their shares.

Example:
    >>> print(coalition_structure(Coalition(id="c", name="C", body="Board", members=[
    ...     Membership(actor="a", weight=2), Membership(actor="b", weight=2),
    ...     Membership(actor="c", weight=1)])).verdict.value)
    equal_say
"""

_CARRIES: Final = {
    DecisionRule.SIMPLE_MAJORITY: Fraction(1, 2),
    DecisionRule.QUALIFIED_MAJORITY: Fraction(2, 3),
}
"""The share above which one party decides alone, by decision rule (consensus and
unanimity need every party, so no share suffices)."""

_COMMUNITY_KINDS: Final = frozenset({ActorKind.COMMUNITY, ActorKind.INDIVIDUAL})


@enum.unique
class CoalitionVerdict(OrdinalEnum):
    """Whether a coalition gives its parties an equal say, from the corporate pole.

    Example:
        >>> CoalitionVerdict("equal_say") > CoalitionVerdict.DOMINATED > CoalitionVerdict.CAPTURED
        True
    """

    CAPTURED = "captured"
    """The businesses own and direct the commons as a bloc: a corporate commons."""
    DOMINATED = "dominated"
    """One big party holds enough weight to steer the body."""
    EQUAL_SAY = "equal_say"
    """No single party can steer the body."""


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
        >>> s.verdict.value, s.dominant, s.largest_share, s.elephant_factor
        ('dominated', 'big', 0.75, 1)
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
    """Captured, dominated or equal say; None for a coalition that lists no members."""
    dominant: str | None = None
    """The id of the party that dominates the body, if one does."""
    community_share: float | None = None
    """The share of the weight held by communities and individuals, when the kinds of the
    members are known (see :func:`coalition_structure`)."""
    reasons: tuple[str, ...] = ()
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


def coalition_structure(
    coalition: Coalition, kinds: Mapping[str, ActorKind] | None = None
) -> CoalitionStructure:
    """Measure a coalition's decision weight and say whether one big party dominates it.

    Bauwens asks whether every party has an equal say, as in the Linux Foundation, or
    one big party dominates, as IBM in Eclipse, and whether the business side is
    "nothing but a corporate commons" (FCJ-097, "The Third Layer"). The verdict:

    * **captured** when the businesses stand to the commons as its owners and directors
      (:attr:`~peerprod.BusinessRelation.CAPTURE`), however the seats are spread;
    * **dominated** when the body decides by a single party, or one party can steer
      it: it holds more than the share the decision rule needs (half for a simple
      majority, two thirds for a qualified one), or it holds at least
      :data:`DOMINANT_SHARE` of the weight and :data:`LEAD_RATIO` times as much as the
      next party, so that no partner can balance it;
    * **equal say** otherwise. Three equal partners, or two, have an equal say.

    When the kinds of the members are known (pass them, or use the ecosystem's
    analysis), the community's own seats count in the total but a community is never
    the party that "dominates": the essay's worry is a corporate party, and a
    community holding the majority governs its own commons. The share the communities
    hold is reported.

    Arithmetic is exact, and nothing depends on the members' order, ids or tiers.

    Args:
        coalition: The coalition.
        kinds: The kind of each member actor, by id, if known.

    Example:
        >>> from peerprod import Membership
        >>> seats = lambda **w: [Membership(actor=a, weight=n) for a, n in w.items()]
        >>> linux_like = Coalition(id="lf", name="LF", body="Board",
        ...                        members=seats(a=1, b=1, c=1, d=1, e=1, f=1, g=1, h=1))
        >>> print(coalition_structure(linux_like))
        lf: equal_say
          - 8 members each hold 12.5% of the weight: no single party leads
          - the HHI, 0.125, is at most 0.25: as if 8 equal members shared the weight
        >>> eclipse_like = Coalition(id="ec", name="EC", body="Board",
        ...                          members=seats(ibm=8, a=1, b=1, c=1, d=1, e=1, f=1, g=1, h=1))
        >>> print(coalition_structure(eclipse_like))
        ec: dominated
          - ibm holds 50% of the weight, at least the dominant 40% and 8 times the next party's
          - the HHI, 0.281, is above 0.25: as if 3.6 equal members held the weight
        >>> print(coalition_structure(Coalition(id="3", name="Three", body="Board",
        ...                                     members=seats(a=1, b=1, c=1))).verdict.value)
        equal_say
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
    hhi = _hhi(weights)
    effective = f"{float(1 / hhi):.1f}".removesuffix(".0")
    reasons: list[str] = []
    community: Fraction | None = None
    parties = list(zip(coalition.members, weights, strict=True))
    if kinds is not None:
        community = sum(
            (w for m, w in parties if kinds.get(m.actor) in _COMMUNITY_KINDS), Fraction(0)
        )
        parties = [(m, w) for m, w in parties if kinds.get(m.actor) not in _COMMUNITY_KINDS]
    dominant = _dominant(coalition, parties, weights, total, reasons)
    if hhi > CONCENTRATED_HHI:
        reasons.append(
            f"the HHI, {float(hhi):.3g}, is above {float(CONCENTRATED_HHI):g}: "
            f"as if {effective} equal members held the weight"
        )
    else:
        reasons.append(
            f"the HHI, {float(hhi):.3g}, is at most {float(CONCENTRATED_HHI):g}: "
            f"as if {effective} equal members shared the weight"
        )
    if community is not None:
        reasons.append(
            f"communities and individuals hold {_percent(community / total)} of the weight"
        )
    verdict = CoalitionVerdict.EQUAL_SAY if dominant is None else CoalitionVerdict.DOMINATED
    if coalition.business_relation is BusinessRelation.CAPTURE:
        verdict = CoalitionVerdict.CAPTURED
        reasons.append(
            "the businesses own and direct the commons (business relation 'capture'): "
            "a corporate commons, however the seats are spread"
        )
    return CoalitionStructure(
        coalition=coalition.id,
        members=len(coalition.members),
        hhi=float(hhi),
        largest_share=float(top / total),
        largest=largest,
        elephant_factor=_elephant(weights),
        verdict=verdict,
        dominant=dominant,
        community_share=None if community is None else float(community / total),
        reasons=tuple(reasons),
    )


def _dominant(
    coalition: Coalition,
    parties: list[tuple[Membership, Fraction]],
    weights: list[Fraction],
    total: Fraction,
    reasons: list[str],
) -> str | None:
    """The party that dominates the body, if one does; the reasons say why or why not."""
    if not parties:
        reasons.append("no party other than communities holds weight")
        return None
    ranked = sorted(parties, key=lambda mw: (-mw[1], mw[0].actor))
    leader, lead = ranked[0]
    tied = [m.actor for m, w in ranked if w == lead]
    share = lead / total
    others = sorted(weights, reverse=True)
    others.remove(lead)
    runner = others[0] if others else Fraction(0)
    if coalition.decision_rule is DecisionRule.SINGLE_PARTY:
        reasons.append("the body's decision rule lets a single party decide")
        return leader.actor if len(tied) == 1 else None
    if len(tied) > 1:
        names = " and ".join(tied) if len(tied) <= 3 else f"{len(tied)} members"
        reasons.append(f"{names} each hold {_percent(share)} of the weight: no single party leads")
        return None
    needed = _CARRIES.get(coalition.decision_rule)
    if needed is not None and share > needed:
        reasons.append(
            f"{leader.actor} holds {_percent(share)} of the weight, more than the "
            f"{_percent(needed)} a {coalition.decision_rule.value.replace('_', ' ')} needs: "
            "it decides alone"
        )
        return leader.actor
    if share >= DOMINANT_SHARE and lead >= LEAD_RATIO * runner:
        times = "all" if not runner else f"{float(lead / runner):.3g} times"
        reasons.append(
            f"{leader.actor} holds {_percent(share)} of the weight, at least the dominant "
            f"{_percent(DOMINANT_SHARE)} and {times} the next party's"
        )
        return leader.actor
    if share >= DOMINANT_SHARE:
        reasons.append(
            f"{leader.actor} holds {_percent(share)} of the weight, but less than "
            f"{LEAD_RATIO} times the next party's, so others can balance it"
        )
    else:
        tied_text = leader.actor if len(ranked) < 2 or ranked[1][1] != lead else "tied"
        reasons.append(
            f"the largest share, {_percent(share)} ({tied_text}), "
            f"is below the dominant {_percent(DOMINANT_SHARE)}"
        )
    return None
