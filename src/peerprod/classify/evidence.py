"""Evidence: the facts an ecosystem's layers establish about an arrangement, and the clashes.

An arrangement states its facts, but inside an :class:`~peerprod.Ecosystem`
several of them can also be read off the five layers the library models:

* **platform control** from who operates and owns the arrangement's platform
  (layer 1): a business, a neutral foundation or public body, or a community;
* **the output's property regime** from the commons' license and its contribution
  terms (layer 2), through :func:`~peerprod.classify_license` and
  :func:`~peerprod.classify_terms`: a commons whose contributions are assigned to a
  company is a corporate commons, a non-free license with such terms is digital
  sharecropping;
* **value-chain control** from the coalitions that sustain the commons (layer 3):
  a coalition that one business dominates, or that the businesses have captured,
  puts the value chain in a firm's hands;
* **who is paid** from the funding streams (layer 4): a revenue share from the
  organizer to the participants means they capture some of the money.

Where a stated fact and a derived one cannot both be true, that is a
:class:`Contradiction` naming both sources. The classifiers then read the derived
value by default (the layers are evidence; the arrangement's facts are a coder's
summary), or the stated one, or both as possibilities (``prefer``). Where they
agree, the classifiers read what both allow.

Example:
    >>> from peerprod import cases
    >>> eco = cases.load("youtube")
    >>> found = evidence(eco.arrangements[0], eco)
    >>> print(found.finding("platform_control"))
    platform_control: 'organizer', derived from platforms[0] 'youtube-com', operated by 'google', a business and owned by 'alphabet', a business
"""  # noqa: E501

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs

from peerprod.classify.coalitions import CoalitionVerdict, coalition_structure
from peerprod.classify.terms import classify_terms
from peerprod.licenses.kinds import LicenseKind
from peerprod.model.actors import ActorKind
from peerprod.model.arrangement import FACTS, Arrangement, Captor, Control
from peerprod.model.commons import Commons
from peerprod.model.funding import FundingChannel, FundingStream
from peerprod.model.platform import Platform
from peerprod.model.uncertainty import UNKNOWN, OneOf, show

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peerprod.model.ecosystem import Ecosystem
    from peerprod.model.governance import Coalition

__all__ = ["CommonsControl", "Contradiction", "Evidence", "Finding", "Prefer", "evidence"]

Prefer: TypeAlias = Literal["evidence", "stated", "either"]
"""Which value the classifiers read when a stated fact and a derived one clash:
the derived one, the stated one, or either (both as possibilities)."""

STATED: Final = "stated"

_POSITIONS: Final = {fact: position for position, fact in enumerate(FACTS)}
_ALL_STATED: Final = (STATED,) * len(FACTS)
_EVERYTHING: Final[dict[str, frozenset[Any]]] = {
    "platform_control": frozenset(Control),
    "value_chain_control": frozenset(Control),
    "output_regime": frozenset(LicenseKind),
}

_CONTROL_BY_KIND: Final = {
    ActorKind.BUSINESS: Control.ORGANIZER,
    ActorKind.FOUNDATION: Control.SHARED,
    ActorKind.PUBLIC_AUTHORITY: Control.SHARED,
    ActorKind.COOPERATIVE: Control.PARTICIPANTS,
    ActorKind.COMMUNITY: Control.PARTICIPANTS,
    ActorKind.INDIVIDUAL: Control.PARTICIPANTS,
}
"""Who holds the platform, by the kind of actor that operates or owns it. A firm's
platform is the organizer's pole whether or not that firm organizes the arrangement:
the essay's sharing platforms belong to a third party."""


@attrs.frozen(kw_only=True)
class Finding:
    """One fact as the classifiers read it, and where that value comes from.

    Example:
        >>> print(Finding(fact="design", value=Control.SHARED, source="stated"))
        design: 'shared', stated
    """

    fact: str
    """The fact's name (see :data:`~peerprod.model.arrangement.FACTS`)."""
    value: Any
    """The value the classifiers read."""
    source: str
    """``"stated"``, or the derivation: which entities of the ecosystem established it."""
    stated: Any = UNKNOWN
    """The value the arrangement states."""

    @property
    def derived(self) -> bool:
        """Whether the value comes from the ecosystem's layers rather than the arrangement."""
        return self.source != STATED

    def __str__(self) -> str:
        how = "stated" if not self.derived else f"derived from {self.source}"
        return f"{self.fact}: {show(self.value)}, {how}"


@attrs.frozen(kw_only=True)
class Contradiction:
    """A stated fact that the ecosystem's layers contradict.

    Example:
        >>> from peerprod import cases
        >>> print(Contradiction(arrangement="a", fact="platform_control",
        ...     stated=Control.PARTICIPANTS, derived=Control.ORGANIZER,
        ...     source="platforms[0] 'p', operated by 'acme', a business"))
        a: platform_control is stated as 'participants', but platforms[0] 'p', operated by 'acme', a business, makes it 'organizer'
    """  # noqa: E501

    arrangement: str
    """The arrangement's id."""
    fact: str
    """The fact's name."""
    stated: Any
    """What the arrangement states."""
    derived: Any
    """What the layers establish."""
    source: str
    """The entities that establish it."""

    def __str__(self) -> str:
        return (
            f"{self.arrangement}: {self.fact} is stated as {show(self.stated)}, but "
            f"{self.source}, makes it {show(self.derived)}"
        )


@attrs.frozen(kw_only=True)
class CommonsControl:
    """Who holds control inside commons-centred production, when the layers tell.

    The essay asks of a commons that businesses build on whether it is "nothing but a
    corporate commons" (FCJ-097, "The Third Layer"). That is a reading of control, not
    a lower rung: a commons one company has taken the rights to (``captured``), or one
    company or one dominant coalition member steers (``steered``), or neither.

    Example:
        >>> print(CommonsControl(reading="captured", by="acme",
        ...                      reasons=("contributors assign their copyright to acme",)))
        captured by acme: contributors assign their copyright to acme
    """

    reading: Literal["community", "steered", "captured"]
    """Whether the community holds control, one party steers, or one party holds the rights."""
    by: str | None = None
    """The id of the party that steers or holds the rights, if one does and is known."""
    reasons: tuple[str, ...] = ()
    """The facts that decide the reading."""

    def __str__(self) -> str:
        head = self.reading if self.by is None else f"{self.reading} by {self.by}"
        return f"{head}: {'; '.join(self.reasons)}" if self.reasons else head


@attrs.frozen(kw_only=True)
class Evidence:
    """What the ecosystem establishes about one arrangement.

    Example:
        >>> from peerprod import cases
        >>> eco = cases.load("linux")
        >>> found = evidence(eco.arrangements[0], eco)
        >>> found.contradictions
        ()
    """

    arrangement: Arrangement
    """The arrangement as stated."""
    values: tuple[Any, ...]
    """Each fact as the classifiers read it, in :data:`~peerprod.model.arrangement.FACTS`
    order."""
    sources: tuple[str, ...]
    """Where each of :attr:`values` comes from: ``"stated"``, or the derivation."""
    contradictions: tuple[Contradiction, ...] = ()
    """The stated facts the layers contradict."""
    commons: CommonsControl | None = None
    """Who holds control over the commons the arrangement feeds, when the layers say."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Each fact as the classifiers read it, and where it comes from, in FACTS order."""
        return tuple(
            Finding(fact=fact, value=value, source=source, stated=stated)
            for fact, value, source, stated in zip(
                FACTS, self.values, self.sources, self.arrangement.facts(), strict=True
            )
        )

    def finding(self, fact: str) -> Finding:
        """The finding about one fact.

        Raises:
            KeyError: no fact has that name.
        """
        position = FACTS.index(fact)
        return Finding(
            fact=fact,
            value=self.values[position],
            source=self.sources[position],
            stated=self.arrangement.facts()[position],
        )

    @functools.cached_property
    def read(self) -> Arrangement:
        """The arrangement with each fact as the classifiers read it."""
        changes = {
            fact: value
            for fact, value, source in zip(FACTS, self.values, self.sources, strict=True)
            if source != STATED
        }
        return attrs.evolve(self.arrangement, **changes) if changes else self.arrangement


def _possible(value: object, everything: frozenset[Any]) -> frozenset[Any]:
    if value is UNKNOWN:
        return everything
    if isinstance(value, OneOf):
        return value.options
    return frozenset({value})


@functools.lru_cache(maxsize=4096)
def _combine(fact: str, stated: object, derived: object, prefer: Prefer) -> tuple[object, bool]:
    """The value to read, and whether the two sources contradict each other."""
    everything = _EVERYTHING[fact]
    a, b = _possible(stated, everything), _possible(derived, everything)
    common = a & b
    if common:
        return _value(common, everything), False
    if prefer == "stated":
        return stated, True
    if prefer == "either":
        return _value(a | b, everything), True
    return derived, True


def _value(options: frozenset[Any], everything: frozenset[Any]) -> object:
    if len(options) == 1:
        return next(iter(options))
    if options == everything:
        return UNKNOWN
    return OneOf(options)


class _Layers:
    """What evidence reads off an ecosystem's layers, worked out once per entity.

    Platforms, commons and coalitions are shared by many arrangements; what they
    establish does not depend on the arrangement, so it is derived once.
    """

    def __init__(self, ecosystem: Ecosystem) -> None:
        self.ecosystem = ecosystem
        self.kinds = {actor.id: actor.kind for actor in ecosystem.actors}
        self.sustainers: dict[str, list[tuple[int, Coalition]]] = {}
        for index, coalition in enumerate(ecosystem.coalitions):
            for commons_id in coalition.commons:
                self.sustainers.setdefault(commons_id, []).append((index, coalition))
        self.revenue_shares: dict[str, list[tuple[int, FundingStream]]] = {}
        for index, stream in enumerate(ecosystem.funding):
            if stream.channel is FundingChannel.REVENUE_SHARE:
                self.revenue_shares.setdefault(stream.recipient, []).append((index, stream))
        self._platforms: dict[str, tuple[object, str]] = {}
        self._regimes: dict[str, tuple[object, str, CommonsControl | None]] = {}
        self._chains: dict[str, tuple[object, str, str | None] | None] = {}

    def where(self, entity_id: str) -> str:
        section, index = self.ecosystem.locate(entity_id)
        return f"{section}[{index}] {entity_id!r}"

    def platform(self, platform_id: str) -> tuple[object, str]:
        found = self._platforms.get(platform_id)
        if found is None:
            found = self._platforms[platform_id] = self._platform(platform_id)
        return found

    def _platform(self, platform_id: str) -> tuple[object, str]:
        platform = self.ecosystem.find(platform_id, Platform)
        holders = [("operated", platform.operator)]
        if platform.owner is not None and platform.owner != platform.operator:
            holders.append(("owned", platform.owner))
        values: set[Control] = set()
        parts: list[str] = []
        for verb, actor_id in holders:
            kind = self.kinds[actor_id]
            values.add(_CONTROL_BY_KIND[kind])
            article = "an" if kind.value[0] in "aeiou" else "a"
            parts.append(f"{verb} by {actor_id!r}, {article} {kind.value.replace('_', ' ')}")
        # The pole nearest the organizer wins: an owner keeps control of what others run.
        return min(values), f"{self.where(platform_id)}, {' and '.join(parts)}"

    def regime(self, commons_id: str) -> tuple[object, str, CommonsControl | None]:
        found = self._regimes.get(commons_id)
        if found is None:
            found = self._regimes[commons_id] = self._regime(commons_id)
        return found

    def _regime(self, commons_id: str) -> tuple[object, str, CommonsControl | None]:
        commons = self.ecosystem.find(commons_id, Commons)
        holder = commons.terms_holder
        holder_kind = None if holder is None else self.kinds[holder]
        verdict = classify_terms(commons.license, commons.contribution_terms, holder_kind)
        licence = commons.license.expression or f"a {commons.license.kind.value} license"
        source = f"{self.where(commons_id)}, under {licence}"
        if commons.contribution_terms.needs_holder:
            held = "" if holder is None else f" held by {holder!r}"
            source += f" with {commons.contribution_terms.value} terms{held}"
        captured = None
        if verdict.corporate_commons:
            captured = CommonsControl(
                reading="captured", by=holder, reasons=(f"{source}: {verdict.reasons[-1]}",)
            )
        return verdict.kind, source, captured

    def chain(self, commons_id: str) -> tuple[object, str, str | None] | None:
        if commons_id not in self._chains:
            self._chains[commons_id] = self._chain(commons_id)
        return self._chains[commons_id]

    def _chain(self, commons_id: str) -> tuple[object, str, str | None] | None:
        for index, coalition in self.sustainers.get(commons_id, ()):
            if not coalition.members:
                continue
            structure = coalition_structure(coalition, self.kinds)
            where = f"coalitions[{index}] {coalition.id!r}"
            if structure.verdict is CoalitionVerdict.CAPTURED:
                # Several firms may share the capture: the commons is steered, by no one
                # party, and the reason says by whom.
                return (
                    Control.ORGANIZER,
                    f"{where}, whose business members capture the commons",
                    None,
                )
            dominant = structure.dominant
            if dominant is not None and self.kinds.get(dominant) in (ActorKind.BUSINESS, None):
                return Control.ORGANIZER, f"{where}, dominated by {dominant!r}", dominant
            no_firm: object = OneOf({Control.SHARED, Control.PARTICIPANTS})
            return no_firm, f"{where}, where no firm dominates", None
        return None


@functools.lru_cache(maxsize=8)
def _layers(ecosystem: Ecosystem) -> _Layers:
    return _Layers(ecosystem)


def _paid(arrangement: Arrangement, ecosystem: Ecosystem) -> str | None:
    if arrangement.participants is None:
        return None
    for index, stream in _layers(ecosystem).revenue_shares.get(arrangement.participants, ()):
        if arrangement.organizer is None or stream.source == arrangement.organizer:
            return f"funding[{index}] {stream.id!r}, a revenue share paid to the participants"
    return None


def _captured_by_participants(value: object) -> bool | None:
    """Whether every possible monetization pays the participants; None when some may not."""
    if not isinstance(value, OneOf | frozenset):
        return None
    options: Iterable[Any] = value.options if isinstance(value, OneOf) else (value,)
    paid = [any(m.by is Captor.PARTICIPANTS for m in option) for option in options]
    if all(paid):
        return True
    return False if not any(paid) else None


def evidence(
    arrangement: Arrangement, ecosystem: Ecosystem, *, prefer: Prefer = "evidence"
) -> Evidence:
    """Derive what the ecosystem's layers establish about one of its arrangements.

    Args:
        arrangement: An arrangement of ``ecosystem``.
        ecosystem: The ecosystem it belongs to.
        prefer: Which value to read when a stated fact and a derived one clash.

    Raises:
        KeyError: the arrangement is not one of the ecosystem's.

    Example:
        >>> from peerprod import cases
        >>> eco = cases.load("linux")
        >>> print(evidence(eco.arrangements[0], eco).finding("output_regime"))
        output_regime: 'commons', derived from commons[0] 'linux-kernel', under GPL-2.0-only
    """
    held = ecosystem.find(arrangement.id, Arrangement)
    if held is not arrangement and held != arrangement:
        raise KeyError(arrangement.id)
    layers = _layers(ecosystem)
    derived: list[tuple[str, object, str]] = []
    commons_control: CommonsControl | None = None
    if arrangement.platform is not None:
        derived.append(("platform_control", *layers.platform(arrangement.platform)))
    if arrangement.commons is not None:
        kind, source, commons_control = layers.regime(arrangement.commons)
        chain = layers.chain(arrangement.commons)
        if chain is not None:
            value, where, dominant = chain
            derived.append(("value_chain_control", value, where))
            if commons_control is None and value is Control.ORGANIZER:
                commons_control = CommonsControl(reading="steered", by=dominant, reasons=(where,))
        derived.append(("output_regime", kind, source))
    facts = arrangement.facts()
    values: list[Any] | None = None
    sources: list[str] | None = None
    contradictions: list[Contradiction] = []
    for fact, value, source in derived:
        position = _POSITIONS[fact]
        stated = facts[position]
        used, clash = _combine(fact, stated, value, prefer)
        if clash:
            contradictions.append(
                Contradiction(
                    arrangement=arrangement.id, fact=fact, stated=stated, derived=value,
                    source=source,
                )
            )  # fmt: skip
        # The value read comes from the layers whenever it is theirs, even when the
        # arrangement states the same: the reason then names the entity that confirms it.
        # A stated value kept over a clashing derived one (prefer="stated") stays stated.
        if used != stated or used == value:
            if values is None or sources is None:
                values, sources = list(facts), [STATED] * len(FACTS)
            values[position] = used
            sources[position] = source
    if layers.revenue_shares:
        paid = _paid(arrangement, ecosystem)
        if paid is not None and _captured_by_participants(arrangement.monetization) is False:
            contradictions.append(
                Contradiction(
                    arrangement=arrangement.id, fact="monetization",
                    stated=arrangement.monetization, derived="some channel by participants",
                    source=paid,
                )
            )  # fmt: skip
    if len(contradictions) > 1:
        contradictions.sort(key=lambda c: _POSITIONS[c.fact])
    return Evidence(
        arrangement=arrangement,
        values=facts if values is None else tuple(values),
        sources=_ALL_STATED if sources is None else tuple(sources),
        contradictions=tuple(contradictions),
        commons=commons_control,
    )


def _clear_caches() -> None:
    """Forget the layers read from each ecosystem and the combined values cached."""
    _layers.cache_clear()
    _combine.cache_clear()
