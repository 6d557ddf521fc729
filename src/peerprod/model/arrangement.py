"""Co-creation arrangements: what an organizer offers participants, as facts a coder can observe.

An arrangement is what a company or a community actually does with the people
who take part: what they contribute, whether they form a community and whether
they compete, how the value they create is turned into money and who gets it,
and who holds control over the parameters, the design, the platform and the
value chain (FCJ-097, "The Ladder of Participation"; "Overview of the Main
Models Emerging So Far"). Each fact is recorded on its own, so that the
distinctions the essay turns on stay apart:

* what is sold, the participants' attention or products made from their work
  (:class:`Monetization`);
* community and competition, two facts rather than one scale;
* who decides the design, and whether organizer and participants design it together:
  the essay's co-design is a relation, not a point on the scale;
* the property regime of the output, which an ecosystem can also derive from the
  commons' license and contribution terms (see :mod:`peerprod.classify.evidence`).

Any fact may be :data:`~peerprod.model.uncertainty.UNKNOWN`, or narrowed to a
few possibilities (:class:`~peerprod.model.uncertainty.OneOf`,
:class:`~peerprod.model.uncertainty.Between`); a fact left out is unknown.
:mod:`peerprod.model.codebook` gives, for each fact, the question a coder
answers.

Example:
    >>> from peerprod import LicenseKind
    >>> lugnet = Arrangement(
    ...     id="lugnet", name="LUGNET", contributions={Contribution.CONTENT},
    ...     community=True, competition=False,
    ...     monetization={Monetization(channel=Channel.PRODUCT_SALES, by=Captor.ANYONE)},
    ...     parameters=Control.PARTICIPANTS, design=Control.PARTICIPANTS, joint_design=False,
    ...     platform_control=Control.PARTICIPANTS, value_chain_control=Control.PARTICIPANTS,
    ...     output_regime=LicenseKind.COMMONS)
    >>> lugnet.complete
    True
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from peerprod._validation import check_id, check_optional_id, check_text
from peerprod.errors import InvalidValue
from peerprod.licenses.kinds import LicenseKind
from peerprod.model.sources import Source, check_sources, to_sources
from peerprod.model.uncertainty import UNKNOWN, Between, OneOf, Unknown
from peerprod.ordinal import OrdinalEnum, Vocabulary

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "DIMENSIONS",
    "FACTS",
    "Arrangement",
    "Captor",
    "Channel",
    "Contribution",
    "Control",
    "Monetization",
    "contributions",
    "monetization",
]


@enum.unique
class Contribution(Vocabulary):
    """One kind of thing participants put into an arrangement (a fact is a set of them)."""

    NOTHING = "nothing"
    """Nothing: they only buy and use what the organizer makes. Stands alone in a set."""
    SERVICE_STEP = "service_step"
    """A step of the service, done by the customer (cash machines, self-service fuel)."""
    ASSEMBLY = "assembly"
    """Assembly or finishing of a product the organizer designed (flat-pack furniture)."""
    CONTENT = "content"
    """Content: text, pictures, video, music, reviews, answers, knowledge."""
    DESIGNS = "designs"
    """Designs of things: models, patterns, schematics, artwork for products."""
    CODE = "code"
    """Source code and the programs built from it."""
    DATA = "data"
    """Data: maps, measurements, annotations, observations."""
    IDEAS = "ideas"
    """Ideas, proposals, votes or feedback on what should be made."""
    TASKS = "tasks"
    """Task labour done on demand: micro-tasks, gig work, paid jobs for the organizer."""
    GIFTS = "gifts"
    """Goods, space or time given to other participants (objects, hospitality, help)."""
    INFRASTRUCTURE = "infrastructure"
    """Physical infrastructure that joins a shared whole: network nodes, machines, tools,
    workshop space (the essay's commons is also productive infrastructure)."""
    CREATIVE_WORK = "creative_work"
    """Creative work of a kind not said (content, designs, code or data); format 1's
    only creative value. Prefer the specific kinds."""


@enum.unique
class Channel(Vocabulary):
    """A way the value of an arrangement is turned into money."""

    PRODUCT_SALES = "product_sales"
    """Goods or products made from the contributions are sold."""
    LICENSING = "licensing"
    """Licences to the contributions themselves are sold (stock media, patents)."""
    ATTENTION = "attention"
    """Advertising, or data, sold from the participants' activity and the audience it draws."""
    SUBSCRIPTIONS = "subscriptions"
    """Paid access to the platform, or paid tiers of it."""
    FEES = "fees"
    """Fees or commission on the participants' transactions with each other."""
    SERVICES = "services"
    """Services built on the contributions: support, hosting, integration, consulting."""
    DONATIONS = "donations"
    """Donations and grants."""
    NONE = "none"
    """Nothing: the participants place their exchange explicitly outside the monetary
    economy. It has no captor, and only donations may stand beside it (gifts that keep
    the infrastructure running do not put the exchange on a market)."""


@enum.unique
class Captor(Vocabulary):
    """Who captures the money a channel brings."""

    ORGANIZER = "organizer"
    """The organizer (the company, or the foundation, that runs the arrangement)."""
    PARTICIPANTS = "participants"
    """The participants, each for themselves (a cut of sales, a prize, their own sales)."""
    PARTICIPANT_VEHICLES = "participant_vehicles"
    """Vehicles the participants own together (cooperatives, their own companies)."""
    ANYONE = "anyone"
    """Anyone, on equal terms: businesses building derivative value on a commons."""


def _check_by(instance: Monetization, attribute: attrs.Attribute[Any], value: object) -> None:
    if instance.channel is Channel.NONE:
        if value is not None:
            raise InvalidValue(attribute.name, value, "must be left out when channel is 'none'")
    elif not isinstance(value, Captor):
        raise InvalidValue(attribute.name, value, "must be a Captor member")


def _check_channel(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Channel):
        raise InvalidValue(attribute.name, value, "must be a Channel member")


@attrs.frozen(kw_only=True)
class Monetization:
    """One channel by which the arrangement's value becomes money, and who captures it.

    Example:
        >>> print(Monetization(channel=Channel.ATTENTION, by=Captor.ORGANIZER))
        attention by organizer
    """

    channel: Channel = attrs.field(validator=_check_channel)
    """How the value is monetized."""
    by: Captor | None = attrs.field(default=None, validator=_check_by)
    """Who captures the money; left out only for :attr:`Channel.NONE`."""

    def __str__(self) -> str:
        if self.by is None:
            return self.channel.value
        return f"{self.channel.value} by {self.by.value}"


@enum.unique
class Control(OrdinalEnum):
    """Who holds a decision or a resource, from the organizer to the participants."""

    ORGANIZER = "organizer"
    """The organizing company alone."""
    SHARED = "shared"
    """Organizer and participants together, or a neutral steward such as a foundation."""
    PARTICIPANTS = "participants"
    """The participants or their community alone."""


ScalarFact: TypeAlias = "Control | OneOf[Control] | Unknown"
RegimeFact: TypeAlias = "LicenseKind | OneOf[LicenseKind] | Unknown"
BoolFact: TypeAlias = "bool | Unknown"
ContributionsFact: TypeAlias = (
    "frozenset[Contribution] | OneOf[frozenset[Contribution]] | Between[Contribution] | Unknown"
)
MonetizationFact: TypeAlias = (
    "frozenset[Monetization] | OneOf[frozenset[Monetization]] | Between[Monetization] | Unknown"
)

FACTS: Final[tuple[str, ...]] = (
    "contributions",
    "community",
    "competition",
    "monetization",
    "parameters",
    "design",
    "joint_design",
    "platform_control",
    "value_chain_control",
    "output_regime",
)
"""The names of an arrangement's facts, in a fixed order (see :mod:`peerprod.model.codebook`)."""

DIMENSIONS: Final[tuple[str, ...]] = (
    "parameters",
    "design",
    "platform_control",
    "value_chain_control",
    "output_regime",
)
"""The ordinal facts, each ordered from the corporate pole to the community pole."""


# --- converters and validators of facts -----------------------------------------------------


def _scalar(value: object, enum_type: type[enum.Enum]) -> object:
    # One possibility is a plain value, every possibility is unknown: equal facts are
    # equal values.
    if isinstance(value, OneOf):
        options = value.options
    elif isinstance(value, set | frozenset | list | tuple):
        options = frozenset(value)
    else:
        return value
    if len(options) == 1:
        return next(iter(options))
    if options == frozenset(enum_type):
        return UNKNOWN
    return OneOf(options) if len(options) > 1 else value


def _to_control(value: object) -> object:
    # A member, the usual fact, passes on one check.
    if type(value) is Control:
        return value
    return _scalar(value, Control)


def _to_regime(value: object) -> object:
    if type(value) is LicenseKind:
        return value
    return _scalar(value, LicenseKind)


def _check_scalar(enum_type: type[enum.Enum]) -> Callable[[object, Any, object], None]:
    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is UNKNOWN or isinstance(value, enum_type):
            return
        if isinstance(value, OneOf) and all(isinstance(v, enum_type) for v in value.options):
            return
        raise InvalidValue(
            attribute.name,
            value,
            f"must be a {enum_type.__name__} member, a OneOf of them, or UNKNOWN",
        )

    return validate


def _to_bool_fact(value: object) -> object:
    if isinstance(value, OneOf) and value.options == {True, False}:
        return UNKNOWN
    return value


def _check_bool_fact(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not UNKNOWN and not isinstance(value, bool):
        raise InvalidValue(attribute.name, value, "must be true, false or UNKNOWN")


def _to_set_fact(value: object) -> object:
    if value is UNKNOWN or isinstance(value, Between | frozenset):
        return value
    if isinstance(value, OneOf):
        options = frozenset(_frozen(option) for option in value.options)
        return next(iter(options)) if len(options) == 1 else OneOf(options)
    if isinstance(value, set | list | tuple):
        return frozenset(value)
    return value


def _frozen(option: object) -> object:
    if isinstance(option, set | list | tuple):
        return frozenset(option)
    return option


def _valid_contributions(members: frozenset[Any]) -> str | None:
    if not members:
        return "must name at least one contribution ('nothing' if there is none)"
    if Contribution.NOTHING in members and len(members) > 1:
        return "'nothing' must stand alone"
    return None


def _valid_monetization(members: frozenset[Any]) -> str | None:
    outside = on_market = False
    for member in members:
        if member.channel is Channel.NONE:
            outside = True
        elif member.channel is not Channel.DONATIONS:
            on_market = True
    if outside and on_market:
        return (
            "'none' stands alone or beside donations: an exchange outside money is "
            "monetized by no channel"
        )
    return None


def _check_set(
    member_type: type, valid: Callable[[frozenset[Any]], str | None]
) -> Callable[[object, Any, object], None]:
    name = member_type.__name__

    def check_members(field: str, members: object) -> None:
        if not isinstance(members, frozenset):
            raise InvalidValue(field, members, f"must be a set of {name} values")
        for member in members:
            if not isinstance(member, member_type):
                raise InvalidValue(field, members, f"must be a set of {name} values")

    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        field = attribute.name
        if value is UNKNOWN:
            return
        if isinstance(value, frozenset):
            check_members(field, value)
            problem = valid(value)
            if problem is not None:
                raise InvalidValue(field, sorted(map(str, value)), problem)
        elif isinstance(value, OneOf):
            for option in value.options:
                check_members(field, option)
                problem = valid(option)
                if problem is not None:
                    raise InvalidValue(field, sorted(map(str, option)), problem)
        elif isinstance(value, Between):
            check_members(f"{field}.known", value.known)
            check_members(f"{field}.maybe", value.maybe)
            if not _some_valid(value, valid):
                raise InvalidValue(field, value, "allows no valid set")
        else:
            raise InvalidValue(
                field, value, f"must be a set of {name} values, a OneOf or Between, or UNKNOWN"
            )

    return validate


def _some_valid(value: Between[Any], valid: Callable[[frozenset[Any]], str | None]) -> bool:
    # The rules that make a set invalid only concern one member standing alone, so the
    # known members alone, or with any one open member, decide whether a valid set exists.
    if valid(value.known) is None:
        return True
    return any(valid(value.known | {m}) is None for m in value.maybe)


@attrs.frozen(kw_only=True)
class Arrangement:
    """A co-creation arrangement, described by the facts a coder can observe.

    The ids tie the arrangement into an :class:`~peerprod.Ecosystem`, where the
    classifiers can derive facts from the layers and check the stated ones.

    Raises:
        InvalidValue: a fact has the wrong type, or a set breaks its rules ('nothing'
            or channel 'none' with other members, no contribution at all).
    """

    id: str = attrs.field(validator=check_id)
    """The arrangement's id, unique in its ecosystem."""
    name: str = attrs.field(validator=check_text(allow_empty=False))
    """A human-readable name."""
    contributions: ContributionsFact = attrs.field(
        default=UNKNOWN,
        converter=_to_set_fact,
        validator=_check_set(Contribution, _valid_contributions),
    )
    """What participants contribute."""
    community: BoolFact = attrs.field(
        default=UNKNOWN, converter=_to_bool_fact, validator=_check_bool_fact
    )
    """Whether participants form a connected community that talks, shares and can mobilize."""
    competition: BoolFact = attrs.field(
        default=UNKNOWN, converter=_to_bool_fact, validator=_check_bool_fact
    )
    """Whether participants compete with each other for market value or rewards."""
    monetization: MonetizationFact = attrs.field(
        default=UNKNOWN,
        converter=_to_set_fact,
        validator=_check_set(Monetization, _valid_monetization),
    )
    """How the value is monetized, channel by channel, and who captures it (empty: nobody
    makes money from it)."""
    parameters: ScalarFact = attrs.field(
        default=UNKNOWN, converter=_to_control, validator=_check_scalar(Control)
    )
    """Who sets the parameters of the cooperation."""
    design: ScalarFact = attrs.field(
        default=UNKNOWN, converter=_to_control, validator=_check_scalar(Control)
    )
    """Who decides, in the end, the design of what is made."""
    joint_design: BoolFact = attrs.field(
        default=UNKNOWN, converter=_to_bool_fact, validator=_check_bool_fact
    )
    """Whether the organizer and the participants develop the design together (co-design)."""
    platform_control: ScalarFact = attrs.field(
        default=UNKNOWN, converter=_to_control, validator=_check_scalar(Control)
    )
    """Who controls the platform on which participants work."""
    value_chain_control: ScalarFact = attrs.field(
        default=UNKNOWN, converter=_to_control, validator=_check_scalar(Control)
    )
    """Who controls the value chain that turns the work into money."""
    output_regime: RegimeFact = attrs.field(
        default=UNKNOWN, converter=_to_regime, validator=_check_scalar(LicenseKind)
    )
    """The property regime of what participants make (see :class:`~peerprod.LicenseKind`)."""
    organizer: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the actor that organizes the arrangement, if any (a company, usually)."""
    participants: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the actor (a community, or an individual) that participates."""
    platform: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the platform on which it runs, if the ecosystem models one."""
    commons: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the commons the participants' work enters, if any."""
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_sources, validator=check_sources
    )
    """The dated public sources of the facts."""
    description: str = attrs.field(default="", validator=check_text())
    """Free text, from public facts."""

    def facts(self) -> tuple[object, ...]:
        """The facts in :data:`FACTS` order; equal facts get equal verdicts.

        Example:
            >>> Arrangement(id="a", name="A", community=True).facts()[1:3]
            (True, UNKNOWN)
        """
        return (
            self.contributions,
            self.community,
            self.competition,
            self.monetization,
            self.parameters,
            self.design,
            self.joint_design,
            self.platform_control,
            self.value_chain_control,
            self.output_regime,
        )

    @property
    def complete(self) -> bool:
        """Whether every fact is stated exactly, none unknown or left open.

        Example:
            >>> Arrangement(id="a", name="A").complete
            False
        """
        return not any(_uncertain(fact) for fact in self.facts())

    def unknown_facts(self) -> tuple[str, ...]:
        """The names of the facts that are unknown or left open, in :data:`FACTS` order.

        Example:
            >>> Arrangement(id="a", name="A", community=True).unknown_facts()[:2]
            ('contributions', 'competition')
        """
        return tuple(
            name for name, fact in zip(FACTS, self.facts(), strict=True) if _uncertain(fact)
        )


def _uncertain(fact: object) -> bool:
    return fact is UNKNOWN or isinstance(fact, OneOf | Between)


def contributions(*members: Contribution | str) -> frozenset[Contribution]:
    """A set of contributions from members or their wire values, for short code.

    Example:
        >>> sorted(c.value for c in contributions("code", Contribution.DATA))
        ['code', 'data']
    """
    return frozenset(Contribution(m) for m in members)


def monetization(*pairs: str) -> frozenset[Monetization]:
    """A set of monetizations written as ``"channel by captor"`` (or ``"none"``).

    Example:
        >>> sorted(map(str, monetization("attention by organizer", "fees by organizer")))
        ['attention by organizer', 'fees by organizer']
    """
    found: list[Monetization] = []
    for pair in pairs:
        channel, _, by = pair.partition(" by ")
        found.append(
            Monetization(channel=Channel(channel.strip()), by=Captor(by.strip()) if by else None)
        )
    return frozenset(found)
