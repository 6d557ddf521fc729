"""Layer 3: the entrepreneurial coalition and how it is governed.

Around a commons, businesses form coalitions that sustain it and sell added
value on top. Bauwens contrasts coalitions in which every party has an equal
say (the Linux Foundation) with those dominated by one large party (IBM in the
Eclipse Foundation), and asks whether the business side has merely captured a
"corporate commons" (FCJ-097, "The Third Layer"). A :class:`Coalition` records
the decision body, each member's weight in it, the decision rule and how the
businesses relate to the community.

:func:`coalition_structure` measures how concentrated the decision weight is
(the Herfindahl-Hirschman index, the largest member's share, the elephant
factor) and gives the verdict: equal say, or dominated.
"""

from __future__ import annotations

import enum
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import attrs

from peerprod._enums import OrdinalEnum
from peerprod._validation import (
    check_enum,
    check_finite_non_negative,
    check_id,
    check_id_tuple,
    check_optional_id,
    check_text,
    to_tuple,
)
from peerprod.errors import InvalidValue

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "CONCENTRATED_HHI",
    "DOMINANT_SHARE",
    "BusinessRelation",
    "Coalition",
    "CoalitionStructure",
    "CoalitionVerdict",
    "DecisionRule",
    "Membership",
    "WeightBasis",
    "coalition_structure",
    "elephant_factor",
    "herfindahl_index",
]


@enum.unique
class WeightBasis(enum.Enum):
    """What a member's weight counts."""

    SEATS = "seats"
    """Seats on the decision body (a board)."""
    VOTES = "votes"
    """Votes in the decision body."""
    SHARES = "shares"
    """Shares of ownership or of funding that carry decision power."""


@enum.unique
class DecisionRule(enum.Enum):
    """How the decision body decides."""

    CONSENSUS = "consensus"
    """Decisions are made when nobody objects."""
    UNANIMITY = "unanimity"
    """Every member must agree."""
    SIMPLE_MAJORITY = "simple_majority"
    """More than half of the weight decides."""
    QUALIFIED_MAJORITY = "qualified_majority"
    """A super-majority (two thirds, say) of the weight decides."""
    SINGLE_PARTY = "single_party"
    """One party decides alone (an owner, or a benevolent dictator)."""


@enum.unique
class BusinessRelation(OrdinalEnum):
    """How the coalition's businesses stand to the community, from capture to service."""

    CAPTURE = "capture"
    """The businesses own and direct the commons: a corporate commons."""
    SPONSORSHIP = "sponsorship"
    """The businesses fund and staff the work, and their employees steer it."""
    PARTNERSHIP = "partnership"
    """Businesses and community decide together, each with its own voice."""
    SERVICE = "service"
    """The community governs; businesses contribute and build on the commons as peers."""


@attrs.frozen(kw_only=True)
class Membership:
    """One member of a coalition and its weight in the decision body.

    Example:
        >>> Membership(actor="ibm", weight=3).weight
        3
    """

    actor: str = attrs.field(validator=check_id)
    """Id of the member actor."""
    weight: int | float = attrs.field(validator=check_finite_non_negative)
    """The member's weight, counted as the coalition's :class:`WeightBasis` says."""
    tier: str = attrs.field(default="", validator=check_text())
    """The membership tier, if the coalition has tiers (``"platinum"``, ``"strategic"``)."""


def _check_members(_instance: Coalition, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(m, Membership) for m in value):
        raise InvalidValue(attribute.name, value, "must be a tuple of Membership values")
    seen: set[str] = set()
    for index, member in enumerate(value):
        if member.actor in seen:
            raise InvalidValue(
                f"{attribute.name}[{index}].actor", member.actor, "is a member twice"
            )
        seen.add(member.actor)
    if value and sum(m.weight for m in value) <= 0:
        raise InvalidValue(attribute.name, value, "the members' weights must not all be zero")


@attrs.frozen(kw_only=True)
class Coalition:
    """An entrepreneurial coalition around one or more commons.

    Example:
        >>> c = Coalition(id="eclipse", name="Eclipse", body="Board",
        ...               members=[Membership(actor="ibm", weight=5),
        ...                        Membership(actor="other", weight=1)])
        >>> c.total_weight
        6
    """

    id: str = attrs.field(validator=check_id)
    """The coalition's id, unique in its ecosystem."""
    name: str = attrs.field(validator=check_text(allow_empty=False))
    """A human-readable name."""
    body: str = attrs.field(validator=check_text(allow_empty=False))
    """The name of the decision body (``"Board of Directors"``)."""
    members: tuple[Membership, ...] = attrs.field(converter=to_tuple, validator=_check_members)
    """The members and their weights."""
    weight_basis: WeightBasis = attrs.field(
        default=WeightBasis.SEATS, validator=check_enum(WeightBasis)
    )
    """What the weights count."""
    decision_rule: DecisionRule = attrs.field(
        default=DecisionRule.SIMPLE_MAJORITY, validator=check_enum(DecisionRule)
    )
    """How the body decides."""
    business_relation: BusinessRelation = attrs.field(
        default=BusinessRelation.PARTNERSHIP, validator=check_enum(BusinessRelation)
    )
    """How the businesses relate to the community."""
    foundation: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the foundation that hosts the coalition, if any."""
    commons: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=check_id_tuple)
    """Ids of the commons the coalition sustains."""
    description: str = attrs.field(default="", validator=check_text())
    """Free text, from public facts."""

    @property
    def total_weight(self) -> int | float:
        """The sum of the members' weights."""
        return sum(m.weight for m in self.members)

    def shares(self) -> dict[str, float]:
        """Each member's share of the total weight, by actor id, in member order."""
        total = self.total_weight
        if not total:
            return {}
        return {m.actor: m.weight / total for m in self.members}


# --- coalition structure -----------------------------------------------------------------

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
