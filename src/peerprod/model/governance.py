"""Layer 3: the entrepreneurial coalition and how it is governed.

Around a commons, businesses form coalitions that sustain it and sell added
value on top. Bauwens contrasts coalitions in which every party has an equal
say (the Linux Foundation) with those dominated by one large party (IBM in the
Eclipse Foundation), and asks whether the business side has merely captured a
"corporate commons" (FCJ-097, "The Third Layer"). A :class:`Coalition` records
the decision body, each member's weight in it, the decision rule and how the
businesses relate to the community.

:func:`peerprod.classify.coalitions.coalition_structure` measures how
concentrated the decision weight is and gives the verdict.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

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
from peerprod.ordinal import OrdinalEnum

__all__ = [
    "BusinessRelation",
    "Coalition",
    "DecisionRule",
    "Membership",
    "WeightBasis",
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
