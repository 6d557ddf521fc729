"""Benefit-sharing: what is taken from each commons, next to what flows back to it.

The entrepreneurial coalition should "benefit and sustain" the commons it lives
off, and the funding ecology asks how returns from the market reach the commons,
its community and its infrastructure (FCJ-097, "The Third Layer", "The Fourth
Layer"). For each commons, :func:`benefit_sharing` lists the money made from it
(the monetization channels of the arrangements that feed it or run on its
platform, captured by the organizer or by anyone building on it) and what returns
(funding streams to the commons, its community or its platform; shares paid to the
participants; seats the community holds in the coalitions that sustain it), and
flags a commons others monetize while nothing returns.

Example:
    >>> from peerprod import cases
    >>> [str(s) for s in benefit_sharing(cases.load("linux"))]
    ['linux-kernel: returns (taken: product_sales by anyone, services by anyone; returned: 3 funding streams)']
"""  # noqa: E501

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from peerprod.classify.coalitions import coalition_structure
from peerprod.model.arrangement import Captor, Channel, Monetization
from peerprod.model.commons import Commons
from peerprod.model.uncertainty import OneOf

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peerprod.model.arrangement import Arrangement
    from peerprod.model.ecosystem import Ecosystem

__all__ = ["BenefitSharing", "benefit_sharing"]

_TAKERS = (Captor.ORGANIZER, Captor.ANYONE)


@attrs.frozen(kw_only=True)
class BenefitSharing:
    """What is taken from one commons and what returns to it.

    Example:
        >>> print(BenefitSharing(commons="c", taken=("attention by organizer",),
        ...                      returned=(), verdict="takes_without_return"))
        c: takes_without_return (taken: attention by organizer; nothing returns)
    """

    commons: str
    """The commons' id."""
    taken: tuple[str, ...]
    """The channels by which others make money from it, as ``"channel by captor"``."""
    returned: tuple[str, ...]
    """What flows back: funding streams, shares paid to participants, community seats."""
    verdict: Literal["returns", "takes_without_return", "not_monetized"]
    """Whether value returns to the commons from those who monetize it; ``not_monetized``
    when nobody is recorded as making money from it."""

    @property
    def fair(self) -> bool | None:
        """Whether those who monetize the commons return value to it; None if none does."""
        if self.verdict == "not_monetized":
            return None
        return self.verdict == "returns"

    def __str__(self) -> str:
        taken = ", ".join(self.taken) or "nothing"
        if not self.returned:
            returned = "nothing returns"
        else:
            returned = "returned: " + ", ".join(self.returned)
        return f"{self.commons}: {self.verdict} (taken: {taken}; {returned})"


def _pairs(value: object) -> set[Monetization]:
    if isinstance(value, frozenset):
        return set(value)
    if isinstance(value, OneOf):
        # Only what every possibility has is certainly taken.
        options = [set(option) for option in value.options]
        return set.intersection(*options)
    return set()


def _taken(
    arrangements: Iterable[Arrangement], seen: dict[object, tuple[str, ...]]
) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for arrangement in arrangements:
        money = arrangement.monetization
        taken = seen.get(money)
        if taken is None:
            # Arrangements often share their monetization: each set is read once.
            taken = seen[money] = tuple(
                sorted(
                    str(pair)
                    for pair in _pairs(money)
                    if pair.channel is not Channel.NONE and pair.by in _TAKERS
                )
            )
        found.update(dict.fromkeys(taken))
    return tuple(found)


def _returned(ecosystem: Ecosystem, commons_id: str) -> tuple[str, ...]:
    commons = ecosystem.find(commons_id, Commons)
    receivers = {commons_id, *commons.community}
    if commons.platform is not None:
        receivers.add(commons.platform)
    participants = {
        a.participants
        for a in ecosystem.arrangements
        if a.commons == commons_id and a.participants is not None
    }
    streams = [
        s.id
        for s in ecosystem.funding
        if s.recipient in receivers or (s.recipient in participants and s.source != s.recipient)
    ]
    paid = [
        a.id
        for a in ecosystem.arrangements
        if a.commons == commons_id
        and any(p.by is Captor.PARTICIPANTS for p in _pairs(a.monetization))
    ]
    kinds = {actor.id: actor.kind for actor in ecosystem.actors}
    seats = [
        c.id
        for c in ecosystem.coalitions
        if commons_id in c.commons
        and c.members
        and (coalition_structure(c, kinds).community_share or 0) > 0
    ]
    found: list[str] = []
    if streams:
        found.append(f"{len(streams)} funding stream{'s' * (len(streams) != 1)}")
    if paid:
        found.append(f"participants paid in {', '.join(paid)}")
    if seats:
        found.append(f"community seats in {', '.join(seats)}")
    return tuple(found)


def benefit_sharing(ecosystem: Ecosystem) -> tuple[BenefitSharing, ...]:
    """For each commons, in document order, what is taken from it and what returns.

    Example:
        >>> from peerprod import cases
        >>> benefit_sharing(cases.load("youtube"))
        ()
    """
    found: list[BenefitSharing] = []
    feeding: dict[str, list[Arrangement]] = {}
    hosted: dict[str, list[Arrangement]] = {}
    for arrangement in ecosystem.arrangements:
        if arrangement.commons is not None:
            feeding.setdefault(arrangement.commons, []).append(arrangement)
        if arrangement.platform is not None:
            hosted.setdefault(arrangement.platform, []).append(arrangement)
    seen: dict[object, tuple[str, ...]] = {}
    for commons in ecosystem.commons:
        on_platform = hosted.get(commons.platform, []) if commons.platform is not None else []
        members = {id(a): a for a in (*feeding.get(commons.id, ()), *on_platform)}
        taken = _taken(members.values(), seen)
        returned = _returned(ecosystem, commons.id)
        if not taken:
            verdict: Literal["returns", "takes_without_return", "not_monetized"] = "not_monetized"
        elif returned:
            verdict = "returns"
        else:
            verdict = "takes_without_return"
        found.append(
            BenefitSharing(commons=commons.id, taken=taken, returned=returned, verdict=verdict)
        )
    return tuple(found)
