"""The funding ecology as flows of value: where the money of each stream ends up.

Bauwens asks how returns from the market sphere reach the commons, its community and
its infrastructure, and whether they pass through a foundation (FCJ-097, "The Fourth
Layer"). :func:`value_flows` reads every funding stream as a flow from its source's
sphere to its destination; :func:`flow_totals` sums the known amounts by destination,
one currency and period at a time.

Example:
    >>> from peerprod import cases
    >>> [(t.currency, str(t.share(Destination.FOUNDATION))) for t in flow_totals(cases.load("linux"))]
    [('USD', '1')]
"""  # noqa: E501

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from peerprod.model.actors import Actor, ActorKind
from peerprod.model.commons import Commons

# Field types of the values, resolved at run time by typing.get_type_hints (cattrs, docs).
from peerprod.model.funding import FundingChannel, Period  # noqa: TC001

if TYPE_CHECKING:
    from peerprod.model.ecosystem import Ecosystem

__all__ = ["Destination", "FlowTotals", "ValueFlow", "flow_totals", "value_flows"]


@enum.unique
class Destination(enum.Enum):
    """Where the money of a funding stream ends up, read from its recipient.

    Example:
        >>> from peerprod import cases
        >>> value_flows(cases.load("linux"))[3].destination
        <Destination.COMMUNITY: 'community'>
    """

    COMMUNITY = "community"
    """A community or an individual contributor."""
    FOUNDATION = "foundation"
    """A non-profit foundation."""
    COMMONS = "commons"
    """The commons itself (its maintenance, as the recipient is the commons)."""
    INFRASTRUCTURE = "infrastructure"
    """A platform: the infrastructure of cooperation."""
    BUSINESS = "business"
    """A business."""
    PUBLIC = "public"
    """A public authority."""


_DESTINATIONS: Final = {
    ActorKind.COMMUNITY: Destination.COMMUNITY,
    ActorKind.INDIVIDUAL: Destination.COMMUNITY,
    ActorKind.FOUNDATION: Destination.FOUNDATION,
    ActorKind.BUSINESS: Destination.BUSINESS,
    ActorKind.PUBLIC_AUTHORITY: Destination.PUBLIC,
}


@attrs.frozen(kw_only=True)
class ValueFlow:
    """One funding stream read as a flow of value, with the kinds at both ends.

    Bauwens asks how returns from the market sphere reach the commons, its
    community and its infrastructure, and whether they pass through a
    foundation (FCJ-097, "The Fourth Layer"); a flow answers that for one
    stream.

    Example:
        >>> from peerprod import cases
        >>> flow = value_flows(cases.load("linux"))[2]
        >>> flow.source, flow.via, flow.recipient, flow.destination.value, flow.from_market
        ('intel', 'linux-foundation', 'kernel-org', 'infrastructure', True)
    """

    stream: str
    """Id of the funding stream."""
    source: str
    """Id of the actor the money comes from."""
    source_kind: ActorKind
    """The kind of that actor: a business source means market money."""
    recipient: str
    """Id of the actor, commons or platform the money goes to."""
    destination: Destination
    """Where the money ends up."""
    channel: FundingChannel
    """How the money travels."""
    via: str | None = None
    """Id of the intermediary the money passes through, if any."""
    amount: Decimal | None = None
    """The amount, if known."""
    currency: str | None = None
    """The currency of the amount."""
    period: Period | None = None
    """How often the amount is paid."""

    @property
    def from_market(self) -> bool:
        """Whether the money comes from the market sphere (a business)."""
        return self.source_kind is ActorKind.BUSINESS


def value_flows(ecosystem: Ecosystem) -> tuple[ValueFlow, ...]:
    """Every funding stream as a flow from its source's sphere to its destination.

    Args:
        ecosystem: The ecosystem (:func:`peerprod.graphs.from_graph` gives one from a graph).

    Returns:
        One flow per stream, in document order.

    Example:
        >>> from peerprod import cases
        >>> [(f.stream, f.destination.value) for f in value_flows(cases.load("linux"))][:2]
        [('intel-dues', 'foundation'), ('ibm-dues', 'foundation')]
    """
    eco = ecosystem
    flows: list[ValueFlow] = []
    for stream in eco.funding:
        recipient = eco.get(stream.recipient)
        if isinstance(recipient, Actor):
            destination = _DESTINATIONS[recipient.kind]
        elif isinstance(recipient, Commons):
            destination = Destination.COMMONS
        else:
            destination = Destination.INFRASTRUCTURE
        flows.append(
            ValueFlow(
                stream=stream.id,
                source=stream.source,
                source_kind=eco.actor(stream.source).kind,
                recipient=stream.recipient,
                destination=destination,
                channel=stream.channel,
                via=stream.via,
                amount=stream.amount,
                currency=stream.currency,
                period=stream.period,
            )
        )
    return tuple(flows)


@attrs.frozen(kw_only=True)
class FlowTotals:
    """The known amounts of one currency and period, summed by destination.

    Amounts of different currencies or periods are never added together.

    Example:
        >>> from peerprod import cases
        >>> (totals,) = flow_totals(cases.load("linux"))
        >>> totals.total, totals.from_market
        (Decimal('1000000'), Decimal('1000000'))
    """

    currency: str
    """The currency."""
    period: Period | None
    """The period of payment (None where the streams do not say)."""
    total: Decimal
    """The sum of all amounts."""
    by_destination: tuple[tuple[Destination, Decimal], ...]
    """The sum for each destination that receives anything, in :class:`Destination` order."""
    from_market: Decimal
    """The part of the total whose source is a business."""

    def share(self, destination: Destination) -> Decimal:
        """The fraction of the total that reaches ``destination`` (0 if the total is 0).

        Example:
            >>> from peerprod import cases
            >>> flow_totals(cases.load("linux"))[0].share(Destination.COMMUNITY)
            Decimal('0')
        """
        if not self.total:
            return Decimal(0)
        return dict(self.by_destination).get(destination, Decimal(0)) / self.total


def flow_totals(ecosystem: Ecosystem) -> tuple[FlowTotals, ...]:
    """What share of the known money reaches the community, the foundation, the commons...

    Streams without an amount are left out; see :func:`value_flows` for them.

    Args:
        ecosystem: The ecosystem.

    Returns:
        One entry per (currency, period), in the order they first appear.

    Example:
        >>> from peerprod import cases
        >>> [(t.currency, t.period.value, str(t.share(Destination.FOUNDATION)))
        ...  for t in flow_totals(cases.load("linux"))]
        [('USD', 'year', '1')]
    """
    groups: dict[tuple[str, Period | None], list[ValueFlow]] = {}
    for flow in value_flows(ecosystem):
        if flow.amount is not None and flow.currency is not None:
            groups.setdefault((flow.currency, flow.period), []).append(flow)
    totals: list[FlowTotals] = []
    for (currency, period), flows in groups.items():
        sums = dict.fromkeys(Destination, Decimal(0))
        for flow in flows:
            assert flow.amount is not None  # grouped above
            sums[flow.destination] += flow.amount
        totals.append(
            FlowTotals(
                currency=currency,
                period=period,
                total=sum(sums.values(), Decimal(0)),
                by_destination=tuple((d, s) for d, s in sums.items() if s),
                from_market=sum(
                    (f.amount for f in flows if f.from_market and f.amount is not None),
                    Decimal(0),
                ),
            )
        )
    return tuple(totals)
