"""Layer 4: the funding ecology.

Bauwens asks how returns from the market sphere flow back to the commons, its
community and its infrastructure: directly from businesses, through
foundations, from public authorities, by crowdfunding (FCJ-097, "The Fourth
Layer"). Each :class:`FundingStream` is one such flow, from a source to a
recipient, by a channel, with an optional amount.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Any

import attrs

from peerprod._validation import check_enum, check_id, check_optional_id, check_text
from peerprod.errors import InvalidValue

__all__ = ["FundingChannel", "FundingStream", "Period"]

_CURRENCY = re.compile(r"[A-Z]{3}")


@enum.unique
class FundingChannel(enum.Enum):
    """The channel by which money reaches the recipient."""

    DIRECT = "direct"
    """A business pays the community or its developers directly."""
    THROUGH_FOUNDATION = "through_foundation"
    """A business pays a foundation, which funds the work."""
    PUBLIC = "public"
    """Public money: contracts, subsidies or procurement by an authority."""
    GRANT = "grant"
    """A grant from a philanthropic or public grant-maker."""
    CROWDFUNDING = "crowdfunding"
    """Many small backers fund a defined goal."""
    DONATIONS = "donations"
    """Individual donations without a defined goal."""
    MEMBERSHIP_DUES = "membership_dues"
    """Dues paid by members of a foundation or coalition."""
    REVENUE_SHARE = "revenue_share"
    """A share of sales or of platform revenue."""


@enum.unique
class Period(enum.Enum):
    """How often an amount is paid."""

    ONCE = "once"
    """A single payment."""
    MONTH = "month"
    """Every month."""
    QUARTER = "quarter"
    """Every quarter."""
    YEAR = "year"
    """Every year."""


def _check_amount(_instance: FundingStream, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise InvalidValue(attribute.name, value, "must be a finite, non-negative Decimal or None")


def _to_amount(value: object) -> object:
    # Ints and numeric strings are exact; floats go through their shortest repr
    # so that 0.1 means one tenth, not its binary approximation.
    if type(value) is Decimal:
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, int | str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def _check_currency(
    instance: FundingStream, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None and (not isinstance(value, str) or _CURRENCY.fullmatch(value) is None):
        raise InvalidValue(attribute.name, value, "must be an ISO 4217 code such as 'EUR'")
    if (value is None) != (instance.amount is None):
        raise InvalidValue(
            attribute.name, value, "an amount and its currency must be given together"
        )


def _check_recipient(
    instance: FundingStream, attribute: attrs.Attribute[Any], value: object
) -> None:
    check_id(instance, attribute, value)
    if value == instance.source:
        raise InvalidValue(attribute.name, value, "a stream cannot fund its own source")


@attrs.frozen(kw_only=True)
class FundingStream:
    """One flow of money toward a commons, its community or its infrastructure.

    The recipient may be an actor (a community or a foundation), a commons, or
    a platform (the infrastructure of cooperation); the ecosystem checks that
    the id exists.

    Example:
        >>> from decimal import Decimal
        >>> s = FundingStream(id="dues", source="intel", recipient="linux-foundation",
        ...                   channel=FundingChannel.MEMBERSHIP_DUES, amount=500000,
        ...                   currency="USD", period=Period.YEAR)
        >>> s.amount == Decimal(500000)
        True
    """

    id: str = attrs.field(validator=check_id)
    """The stream's id, unique in its ecosystem."""
    source: str = attrs.field(validator=check_id)
    """Id of the actor the money comes from."""
    recipient: str = attrs.field(validator=_check_recipient)
    """Id of the actor, commons or platform the money goes to."""
    channel: FundingChannel = attrs.field(validator=check_enum(FundingChannel))
    """How the money travels."""
    via: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of an intermediary (usually a foundation) the money passes through."""
    amount: Decimal | None = attrs.field(
        default=None, converter=_to_amount, validator=_check_amount
    )
    """How much, if known; exact decimal."""
    currency: str | None = attrs.field(default=None, validator=_check_currency)
    """ISO 4217 currency code of the amount."""
    period: Period | None = attrs.field(default=None, validator=check_enum(Period, optional=True))
    """How often the amount is paid, if known."""
    description: str = attrs.field(default="", validator=check_text())
    """Free text, from public facts."""
