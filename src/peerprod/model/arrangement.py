"""Co-creation arrangements: the relation between an organizer and its participants.

An arrangement is what a company or community actually offers participants on
a platform. Bauwens asks of every such arrangement where control lies, between
the community of outside contributors and the corporation (FCJ-097, "The
Ladder of Participation"). peerprod describes an arrangement by eight ordinal
dimensions, each ordered from the corporate pole (first member) to the
community pole (last member), so classifiers can reason about "more" and
"less" community control without special cases.

One organization can run several arrangements at once; the essay's Lego runs
four.
"""

from __future__ import annotations

import enum

import attrs

from peerprod._validation import check_enum, check_id, check_optional_id, check_text
from peerprod.errors import InvalidValue
from peerprod.licenses.kinds import LicenseKind
from peerprod.ordinal import OrdinalEnum

__all__ = [
    "DIMENSIONS",
    "Arrangement",
    "Contribution",
    "Control",
    "Relation",
    "ValueCapture",
]


@enum.unique
class Contribution(OrdinalEnum):
    """What participants put into the arrangement, least first."""

    NOTHING = "nothing"
    """They only consume what the organizer makes."""
    SERVICE_STEP = "service_step"
    """They perform a step of the service themselves (cash machines, self-service fuel)."""
    ASSEMBLY = "assembly"
    """They assemble or finish a product the organizer designed (flat-pack furniture)."""
    CREATIVE_WORK = "creative_work"
    """They create value: designs, content, code or knowledge."""


@enum.unique
class Control(OrdinalEnum):
    """Who holds a decision or a resource, from the organizer to the participants."""

    ORGANIZER = "organizer"
    """The organizing corporation alone."""
    SHARED = "shared"
    """Organizer and participants together, or a neutral steward such as a foundation."""
    PARTICIPANTS = "participants"
    """The participants or their community alone."""


@enum.unique
class Relation(OrdinalEnum):
    """How participants stand to one another."""

    COMPETING = "competing"
    """They compete with each other for market value, which makes solidarity hard."""
    INDEPENDENT = "independent"
    """They act separately, without competing and without forming a community."""
    CONNECTED = "connected"
    """They form a community that talks, shares and can mobilize together."""


@enum.unique
class ValueCapture(OrdinalEnum):
    """Who captures the value created, and how it is monetized."""

    ORGANIZER = "organizer"
    """The organizer keeps the value and sells it, or sells the participants' attention."""
    REVENUE_SHARE = "revenue_share"
    """Participants get a cut of what the organizer sells."""
    OPEN_MARKET = "open_market"
    """Anyone, businesses included, may build derivative value streams on the commons."""
    PARTICIPANT_VEHICLES = "participant_vehicles"
    """The producers own their vehicles for monetization (cooperatives)."""
    NON_MONETARY = "non_monetary"
    """The participants place the work outside the monetary economy."""


DIMENSIONS: tuple[str, ...] = (
    "contribution",
    "parameters",
    "design",
    "relation",
    "platform_control",
    "value_chain_control",
    "output_regime",
    "value_capture",
)
"""The names of an arrangement's ordinal dimensions, in a fixed order.

Each is an :class:`~peerprod.ordinal.OrdinalEnum` ordered from the corporate
pole to the community pole; classifiers and strategies iterate over this tuple.
"""


def _check_consistency(instance: Arrangement) -> None:
    """Reject arrangements whose facts contradict each other, naming both fields."""
    if instance.contribution is not Contribution.CREATIVE_WORK:
        for name in ("parameters", "design", "value_chain_control"):
            value = getattr(instance, name)
            if value is not Control.ORGANIZER:
                raise InvalidValue(
                    name,
                    value,
                    f"conflicts with contribution={instance.contribution.value!r}: participants "
                    "who create nothing cannot share in setting parameters, designing or "
                    "controlling the value chain",
                )
        if instance.value_capture is not ValueCapture.ORGANIZER:
            raise InvalidValue(
                "value_capture",
                instance.value_capture,
                f"conflicts with contribution={instance.contribution.value!r}: participants "
                "who create nothing have no value to capture",
            )
    if instance.design is Control.ORGANIZER and instance.parameters is not Control.ORGANIZER:
        raise InvalidValue(
            "parameters",
            instance.parameters,
            "conflicts with design='organizer': participants who set the parameters take part "
            "in the design",
        )


@attrs.frozen(kw_only=True)
class Arrangement:
    """A co-creation arrangement, described by its eight ordinal dimensions.

    The dimensions are what the classifiers read; the ids tie the arrangement
    into an :class:`~peerprod.Ecosystem` and are checked there.

    Example:
        >>> lugnet = Arrangement(
        ...     id="lugnet", name="Lugnet", contribution=Contribution.CREATIVE_WORK,
        ...     parameters=Control.PARTICIPANTS, design=Control.PARTICIPANTS,
        ...     relation=Relation.CONNECTED, platform_control=Control.PARTICIPANTS,
        ...     value_chain_control=Control.PARTICIPANTS, output_regime=LicenseKind.COMMONS,
        ...     value_capture=ValueCapture.NON_MONETARY)
        >>> lugnet.relation > Relation.COMPETING
        True

    Raises:
        InvalidValue: a field has the wrong type, or two facts contradict each
            other (for example ``contribution='nothing'`` with
            ``design='participants'``); the message names both.
    """

    id: str = attrs.field(validator=check_id)
    """The arrangement's id, unique in its ecosystem."""
    name: str = attrs.field(validator=check_text(allow_empty=False))
    """A human-readable name."""
    contribution: Contribution = attrs.field(validator=check_enum(Contribution))
    """What participants contribute."""
    parameters: Control = attrs.field(validator=check_enum(Control))
    """Who sets the parameters of the cooperation."""
    design: Control = attrs.field(validator=check_enum(Control))
    """Who designs what is made."""
    relation: Relation = attrs.field(validator=check_enum(Relation))
    """Whether participants are connected, independent or competing."""
    platform_control: Control = attrs.field(validator=check_enum(Control))
    """Who controls the platform on which participants work."""
    value_chain_control: Control = attrs.field(validator=check_enum(Control))
    """Who controls the value chain that turns the work into products."""
    output_regime: LicenseKind = attrs.field(validator=check_enum(LicenseKind))
    """The property regime of what participants make (see :class:`~peerprod.LicenseKind`)."""
    value_capture: ValueCapture = attrs.field(validator=check_enum(ValueCapture))
    """Who captures the value and how it is monetized."""
    organizer: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the actor that organizes the arrangement, if any (a company, usually)."""
    participants: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the actor (a community, or an individual) that participates."""
    platform: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the platform on which it runs, if the ecosystem models one."""
    commons: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the commons the participants' work enters, if any."""
    description: str = attrs.field(default="", validator=check_text())
    """Free text, from public facts."""

    def dimensions(self) -> tuple[OrdinalEnum, ...]:
        """The eight dimension values in :data:`DIMENSIONS` order.

        Two arrangements with equal dimensions get equal classifier verdicts.
        """
        return (
            self.contribution,
            self.parameters,
            self.design,
            self.relation,
            self.platform_control,
            self.value_chain_control,
            self.output_regime,
            self.value_capture,
        )

    def __attrs_post_init__(self) -> None:
        # Field validators have run; only the cross-field rules remain.
        _check_consistency(self)
