"""The ladder of participation as data: the ten rungs and the rules that place an arrangement.

Bauwens grades co-creation in ten modalities by the polarity of control between
the corporation and the community of outside contributors, from customers who
only consume to communities that place their work outside the monetary economy
(FCJ-097, "The Ladder of Participation"). :class:`Rung` names the rungs;
:data:`RULES` says, for each, what must hold of an arrangement's facts
(:mod:`peerprod.model.arrangement`) for it to stand there, each rule with the
passage of the essay it paraphrases.

How the rules are read:

* An arrangement stands on the **highest rung one of whose rules holds**; a rung may
  have more than one rule (rung 8 has two: a commons the community governs, and a
  commons a company steers, which its licence opens to everyone on equal terms).
* When no rule holds, the arrangement is **outside the ladder**: peerprod says so
  instead of guessing a rung.
* Conditions on the ordinal facts (who sets the parameters, who designs, who
  controls the platform and the value chain, the output's property regime) are
  only ever lower bounds, so moving any of them toward the community pole never
  lowers the rung.
* Conditions on the other facts test the essay's own distinctions: what is sold
  (products made from the contributions, or the participants' attention), whether
  the participants form a community, what they contribute.

The rules in words (:func:`rule_table` renders them exactly):

* 1 to 3: participants contribute nothing, a step of the service, or the assembly.
* 4: they produce value (creative work or task labour) and the organizer sells what
  is made of it, or takes a fee on the participants' trades: a value chain the company
  controls, in which participants compete for market value themselves.
* 5: as 4, and organizer and participants develop the design together; 6: as 5, and
  the organizer does not set the parameters alone. There is no clause about
  competition: the essay makes none.
* 7: participants share what they make, or give goods and time, on a platform whose
  owner monetizes their participation: the attention it draws, or paid access.
* 8: a commons the community creates and governs, on a platform and in a value
  chain no single firm controls; or a commons a company steers, whose licence lets
  anyone build on it on equal terms and whose owner does not monetize the
  participation (a corporate commons, reported as such).
* 9: as the community's rung 8, and the producers own vehicles that monetize it; or,
  without a commons, producers who set their own rules and sell through vehicles they
  own (a producers' cooperative).
* 10: a sharing or peer community that places its exchange explicitly outside the
  monetary economy; gifts of goods, space and time count.

Example:
    >>> print(RULES[Rung.CROWDSOURCING][0])
    rung 4 (company-based crowdsourcing): contributions include value-creating work; monetization includes the organizer selling what is made (products, licences, services, fees on trades)
"""  # noqa: E501

from __future__ import annotations

import enum
import itertools
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from peerprod import _moved
from peerprod.classify.conditions import (
    AtLeast,
    Condition,
    Excludes,
    Includes,
    Is,
    Only,
    OrdinalFact,
)
from peerprod.errors import InvalidValue
from peerprod.licenses.kinds import LicenseKind
from peerprod.model.arrangement import Captor, Channel, Contribution, Control, Monetization
from peerprod.ordinal import OrdinalEnum

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "RULES",
    "Rule",
    "Rung",
    "rule_rows",
    "rule_table",
    "rules_for",
]


@enum.unique
class Rung(OrdinalEnum):
    """The ten rungs of the ladder of participation, lowest first.

    The value is the rung's number, 1 to 10, and ``int(rung)`` gives it. Members compare
    by their place on the ladder.

    Example:
        >>> Rung(8).short_name
        'peer production'
        >>> Rung.SHARING_COMMUNITIES < Rung.PEER_PRODUCTION
        True
        >>> int(Rung.CROWDSOURCING), Rung.CROWDSOURCING.number
        (4, 4)
    """

    CONSUMERS = 1
    """The company makes the product; customers buy it and use it."""
    SELF_SERVICE = 2
    """Customers carry out a step of the service on the company's terms."""
    DO_IT_YOURSELF = 3
    """Customers assemble or finish what the company designed."""
    CROWDSOURCING = 4
    """The public creates the value inside a value chain the company runs."""
    CO_DESIGN = 5
    """The company sets the frame and participants design with it."""
    CO_CREATIVITY = 6
    """Participants help set the frame too and work with the company as equals."""
    SHARING_COMMUNITIES = 7
    """A connected community creates and shares on a platform that monetizes it."""
    PEER_PRODUCTION = 8
    """A community creates a commons it governs; businesses build on it."""
    COOPERATIVE_PEER_PRODUCTION = 9
    """Peer producers also own the vehicles through which their work earns money."""
    NON_MONETARY = 10
    """A peer or sharing community keeps its work outside the monetary economy."""

    def __int__(self) -> int:
        return int(self.value)

    @property
    def number(self) -> int:
        """The rung's number on the ladder, 1 to 10.

        Example:
            >>> Rung.CO_DESIGN.number
            5
        """
        return int(self.value)

    @property
    def short_name(self) -> str:
        """A short name for the rung, lower case.

        Example:
            >>> Rung.DO_IT_YOURSELF.short_name
            'do-it-yourself'
        """
        return _RUNG_TEXT[self][0]

    @property
    def description(self) -> str:
        """One sentence on what the rung means.

        Example:
            >>> Rung.CONSUMERS.description
            'The company makes the product; customers buy it and use it.'
        """
        return _RUNG_TEXT[self][1]

    @classmethod
    def parse(cls, text: str | int) -> Rung:
        """The rung named by a number, a member name or a short name.

        Args:
            text: ``8``, ``"8"``, ``"PEER_PRODUCTION"`` or ``"peer production"``
                (case and the separators ``-``, ``_`` and space do not matter).

        Raises:
            InvalidValue: nothing on the ladder has that name.

        Example:
            >>> Rung.parse("co-design")
            <Rung.CO_DESIGN: 5>
            >>> Rung.parse("9").short_name
            'cooperative peer production'
        """
        if isinstance(text, int) and not isinstance(text, bool):
            if 1 <= text <= len(cls):
                return cls(text)
        elif isinstance(text, str):
            wanted = _normal(text)
            for rung in cls:
                if wanted in (str(rung.number), _normal(rung.name), _normal(rung.short_name)):
                    return rung
        raise InvalidValue("rung", text, "must be a rung number 1 to 10 or a rung's name")


def _normal(text: str) -> str:
    return "".join(text.lower().replace("-", " ").replace("_", " ").split())


# Enum member docstrings are not kept at runtime, so the descriptions are
# repeated here; a test checks that both say the same.
_RUNG_TEXT: Final[Mapping[Rung, tuple[str, str]]] = MappingProxyType(
    {
        Rung.CONSUMERS: (
            "consumers",
            "The company makes the product; customers buy it and use it.",
        ),
        Rung.SELF_SERVICE: (
            "self-service",
            "Customers carry out a step of the service on the company's terms.",
        ),
        Rung.DO_IT_YOURSELF: (
            "do-it-yourself",
            "Customers assemble or finish what the company designed.",
        ),
        Rung.CROWDSOURCING: (
            "company-based crowdsourcing",
            "The public creates the value inside a value chain the company runs.",
        ),
        Rung.CO_DESIGN: (
            "co-design",
            "The company sets the frame and participants design with it.",
        ),
        Rung.CO_CREATIVITY: (
            "co-creativity",
            "Participants help set the frame too and work with the company as equals.",
        ),
        Rung.SHARING_COMMUNITIES: (
            "sharing communities",
            "A connected community creates and shares on a platform that monetizes it.",
        ),
        Rung.PEER_PRODUCTION: (
            "peer production",
            "A community creates a commons it governs; businesses build on it.",
        ),
        Rung.COOPERATIVE_PEER_PRODUCTION: (
            "cooperative peer production",
            "Peer producers also own the vehicles through which their work earns money.",
        ),
        Rung.NON_MONETARY: (
            "outside the monetary economy",
            "A peer or sharing community keeps its work outside the monetary economy.",
        ),
    }
)


def _check_rule_rung(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Rung):
        raise InvalidValue(attribute.name, value, "must be a Rung member")


def _check_conditions(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    kinds = (Includes, Excludes, Only, AtLeast, Is)
    if not isinstance(value, tuple) or not all(isinstance(c, kinds) for c in value):
        raise InvalidValue(attribute.name, value, "must be a tuple of conditions")


@attrs.frozen(kw_only=True)
class Rule:
    """What must hold of an arrangement's facts for it to stand at least on one rung.

    Example:
        >>> rule = RULES[Rung.DO_IT_YOURSELF][0]
        >>> print(rule)
        rung 3 (do-it-yourself): contributions include assembly
        >>> rule.name, rule.essay
        ('do-it-yourself', '"The Ladder of Participation", rung 3')
    """

    rung: Rung = attrs.field(validator=_check_rule_rung)
    """The rung this rule places an arrangement on."""
    name: str
    """A short, stable name for the rule."""
    conditions: tuple[Condition, ...] = attrs.field(validator=_check_conditions)
    """The conditions, all of which must hold."""
    rationale: str
    """Why these conditions: a paraphrase of the essay's words."""
    essay: str
    """Where in the essay (FCJ-097) the rung is described."""
    reading: str = ""
    """What the rule says of control beyond the rung (``"corporate commons"``), if anything."""

    def __str__(self) -> str:
        conditions = "; ".join(map(str, self.conditions)) or "no conditions"
        return f"rung {self.rung.number} ({self.rung.short_name}): {conditions}"


# --- the rules ------------------------------------------------------------------------------


def _pairs(channels: Iterable[Channel], captors: Iterable[Captor]) -> frozenset[Monetization]:
    return frozenset(
        Monetization(channel=channel, by=captor)
        for channel, captor in itertools.product(channels, captors)
    )


_C = Contribution
_CREATIVE: Final = frozenset({_C.CREATIVE_WORK, _C.CONTENT, _C.DESIGNS, _C.CODE, _C.DATA})
# Donations are given, not earned from the work: they monetize nothing.
_MONEY: Final = tuple(c for c in Channel if c not in (Channel.NONE, Channel.DONATIONS))

NOTHING: Final = Only(fact="contributions", members=frozenset({_C.NOTHING}), label="nothing")
SERVICE_STEP: Final = Includes(
    fact="contributions", members=frozenset({_C.SERVICE_STEP}), label="a service step"
)
ASSEMBLY: Final = Includes(fact="contributions", members=frozenset({_C.ASSEMBLY}), label="assembly")
VALUE: Final = Includes(
    fact="contributions",
    members=_CREATIVE | {_C.IDEAS, _C.TASKS},
    label="value-creating work",
)
SHARED: Final = Includes(
    fact="contributions",
    members=_CREATIVE | {_C.IDEAS, _C.GIFTS, _C.INFRASTRUCTURE},
    label="work or gifts shared with others",
)
POOL: Final = Includes(
    fact="contributions",
    members=_CREATIVE | {_C.INFRASTRUCTURE},
    label="work that can be pooled as a commons",
)
ORGANIZER_SELLS: Final = Includes(
    fact="monetization",
    members=_pairs(
        (Channel.PRODUCT_SALES, Channel.LICENSING, Channel.SERVICES, Channel.FEES),
        (Captor.ORGANIZER,),
    ),
    label="the organizer selling what is made (products, licences, services, fees on trades)",
)
PARTICIPATION: Final = _pairs((Channel.ATTENTION, Channel.SUBSCRIPTIONS), (Captor.ORGANIZER,))
MONETIZES_PARTICIPATION: Final = Includes(
    fact="monetization",
    members=PARTICIPATION,
    label="the organizer monetizing participation (attention, subscriptions)",
)
LEAVES_PARTICIPATION: Final = Excludes(
    fact="monetization",
    members=PARTICIPATION,
    label="the organizer monetizing participation",
)
VEHICLES: Final = Includes(
    fact="monetization",
    members=_pairs(_MONEY, (Captor.PARTICIPANT_VEHICLES,)),
    label="the participants' own vehicles",
)
OUTSIDE_MONEY: Final = Includes(
    fact="monetization",
    members=frozenset({Monetization(channel=Channel.NONE)}),
    label="none (outside the monetary economy)",
)
COMMUNITY: Final = Is(fact="community", value=True)
TOGETHER: Final = Is(fact="joint_design", value=True)
COMMONS: Final = AtLeast(fact="output_regime", minimum=LicenseKind.COMMONS)


def _at_least(fact: OrdinalFact, minimum: OrdinalEnum) -> AtLeast:
    return AtLeast(fact=fact, minimum=minimum)


_GOVERNED: Final = (
    _at_least("parameters", Control.SHARED),
    _at_least("platform_control", Control.SHARED),
    _at_least("value_chain_control", Control.SHARED),
)
_LADDER = '"The Ladder of Participation", rung'

_RULES: Final = (
    Rule(
        rung=Rung.CONSUMERS, name="consumers", conditions=(NOTHING,),
        essay=f"{_LADDER} 1",
        rationale="The classic model: the company makes, the customer buys and consumes.",
    ),
    Rule(
        rung=Rung.SELF_SERVICE, name="self-service", conditions=(SERVICE_STEP,),
        essay=f"{_LADDER} 2",
        rationale="Customers do a step of the service on terms the company sets alone "
        "(cash machines, petrol stations): a simple externalization of costs.",
    ),
    Rule(
        rung=Rung.DO_IT_YOURSELF, name="do-it-yourself", conditions=(ASSEMBLY,),
        essay=f"{_LADDER} 3",
        rationale="Customers assemble what the company designed (Ikea): business processes "
        "are externalized.",
    ),
    Rule(
        rung=Rung.CROWDSOURCING, name="crowdsourcing", conditions=(VALUE, ORGANIZER_SELLS),
        essay=f"{_LADDER} 4",
        rationale="The company organizes a value chain in which the public produces the "
        "value, and keeps control of it: it sells what is made from the contributions, or "
        "takes its cut of the participants' own sales.",
    ),
    Rule(
        rung=Rung.CO_DESIGN, name="co-design",
        conditions=(VALUE, ORGANIZER_SELLS, TOGETHER),
        essay=f"{_LADDER} 5",
        rationale="The company sets the parameters, but the design is developed together "
        "with the participants. Whether they compete does not matter: the essay sets no "
        "such clause. Participants who design alone what the company sells are its "
        "crowdsourcing (rung 4).",
    ),
    Rule(
        rung=Rung.CO_CREATIVITY, name="co-creativity",
        conditions=(VALUE, ORGANIZER_SELLS, TOGETHER, _at_least("parameters", Control.SHARED)),
        essay=f"{_LADDER} 6",
        rationale="The company does not even set the parameters alone: the participant "
        "develops the products with it as an equal partner.",
    ),
    Rule(
        rung=Rung.SHARING_COMMUNITIES, name="sharing communities",
        conditions=(SHARED, MONETIZES_PARTICIPATION),
        essay=f'{_LADDER} 7; "Overview of the Main Models Emerging So Far"',
        rationale="People share what they create, or give, on a proprietary platform whose "
        "owner monetizes their participation: the attention it draws, or paid access.",
    ),
    Rule(
        rung=Rung.PEER_PRODUCTION, name="peer production",
        conditions=(POOL, COMMUNITY, COMMONS, *_GOVERNED),
        essay=f"{_LADDER} 8",
        rationale="Communities create the value as a commons, governing it themselves (or "
        "with a neutral steward), on a platform and in a value chain no single firm "
        "controls; businesses may build derivative value on it.",
    ),
    Rule(
        rung=Rung.PEER_PRODUCTION, name="commons a company steers",
        conditions=(POOL, COMMONS, LEAVES_PARTICIPATION),
        essay=f'{_LADDER} 8; "The Third Layer"',
        rationale="Contributions pooled into a real commons, which its licence opens to "
        "everyone on equal terms, and whose owner does not monetize the participation: "
        "rung 8 even when one company sets the roadmap and runs the value chain (a browser, "
        "a phone system, a distribution), which the verdict reports as the essay asks, "
        "'nothing but a corporate commons'?",
        reading="corporate commons, unless the community also governs it",
    ),
    Rule(
        rung=Rung.COOPERATIVE_PEER_PRODUCTION, name="cooperative peer production",
        conditions=(POOL, COMMUNITY, COMMONS, *_GOVERNED, VEHICLES),
        essay=f"{_LADDER} 9",
        rationale="Peer production whose producers own the vehicles that monetize it (the "
        "essay's OS Alliance).",
    ),
    Rule(
        rung=Rung.COOPERATIVE_PEER_PRODUCTION, name="producers' own vehicles",
        conditions=(VALUE, VEHICLES, _at_least("parameters", Control.SHARED)),
        essay=f"{_LADDER} 9",
        rationale="The producers monetize their work through vehicles they own and set the "
        "rules themselves: no company stands above them. Without a commons it fits none "
        "of the essay's three models.",
    ),
    Rule(
        rung=Rung.NON_MONETARY, name="outside the monetary economy",
        conditions=(SHARED, COMMUNITY, OUTSIDE_MONEY),
        essay=f"{_LADDER} 10",
        rationale="A peer or sharing community that places its exchange explicitly outside "
        "money; what it gives need not be creative work (goods, space, time).",
    ),
)  # fmt: skip

RULES: Final[Mapping[Rung, tuple[Rule, ...]]] = MappingProxyType(
    {rung: tuple(r for r in _RULES if r.rung is rung) for rung in Rung}
)
"""The ladder's rules by rung: the single source of every rung verdict.

An arrangement stands on the highest rung one of whose rules holds, and outside the
ladder when none holds.

Example:
    >>> [rule.name for rule in RULES[Rung.PEER_PRODUCTION]]
    ['peer production', 'commons a company steers']
"""


def rules_for(rung: Rung) -> tuple[Rule, ...]:
    """The rules that place an arrangement on a rung.

    Example:
        >>> len(rules_for(Rung.COOPERATIVE_PEER_PRODUCTION))
        2
    """
    return RULES[rung]


# --- the rule table for the docs -------------------------------------------------------------


def rule_rows() -> list[tuple[str, ...]]:
    """The rule table as rows of text cells, the header first: one row per rule.

    Example:
        >>> rule_rows()[0]
        ('rung', 'name', 'rule', 'conditions')
        >>> rule_rows()[2][:3]
        ('2', 'self-service', 'self-service')
    """
    rows: list[tuple[str, ...]] = [("rung", "name", "rule", "conditions")]
    for rung, rules in RULES.items():
        for rule in rules:
            conditions = "; ".join(map(str, rule.conditions))
            rows.append((str(rung.number), rung.short_name, rule.name, conditions))
    return rows


def rule_table(style: Literal["text", "markdown", "rst"] = "text") -> str:
    """The rule table rendered as text, from :data:`RULES` and nothing else.

    Args:
        style: ``"text"`` for aligned plain text, ``"markdown"`` for a pipe table,
            ``"rst"`` for a reStructuredText simple table.

    Raises:
        InvalidValue: ``style`` is none of those.

    Example:
        >>> print(rule_table("markdown").splitlines()[2])
        | 1 | consumers | consumers | contributions are only nothing |
    """
    rows = rule_rows()
    if style == "markdown":
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + "|".join(" --- " for _ in rows[0]) + "|")
        return "\n".join(lines)
    if style not in ("text", "rst"):
        raise InvalidValue("style", style, "must be 'text', 'markdown' or 'rst'")
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    rendered = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    if style == "text":
        rendered.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(rendered)
    border = "  ".join("=" * w for w in widths)
    return "\n".join([border, rendered[0], border, *rendered[1:], border])


__getattr__ = _moved.moved_names(__name__)
