"""The ladder of participation: which rung an arrangement really stands on, and why.

Bauwens grades co-creation in ten modalities by the polarity of control
between the corporation and the community of outside contributors, from
customers who only consume to communities that place their work outside the
monetary economy (FCJ-097, "The Ladder of Participation"). peerprod reads the
rung off an :class:`~peerprod.Arrangement`'s eight ordinal dimensions.

How the rules work:

* Each rung above the first has a :class:`Rule`: a few conditions
  (:class:`Condition`), each of the form *this dimension is at least this
  member*. Rung 1 has no conditions.
* An arrangement stands on the **highest rung whose rule holds**.

Because every condition is a lower bound on a dimension ordered from the
corporate to the community pole, three properties hold by construction: every
valid arrangement gets exactly one rung; moving a dimension toward the
community pole never lowers the rung; and the rung depends on the eight
dimensions only, so it can be compiled into a lookup table over the product of
the (small) enums. :data:`RULES` is the single source: the classifier, the
compiled table, the reasons, the reality check, the advice and the docs table
(:func:`rule_table`) are all derived from it.

The rules, in words (see :func:`rule_table` for the exact thresholds):

* Rungs 2 and 3 only ask what participants contribute: a step of the service
  (self-service), or the assembly of a product (do-it-yourself).
* Rung 4 asks that participants create value. Participants who compete with
  one another for the organizer's favour stay here: the essay calls the
  environment in which individuals compete for market value crowdsourcing.
* Rung 5 adds that participants take part in the design and do not compete;
  rung 6 adds that the organizer no longer sets the parameters alone.
* Rung 7 asks for a connected community that designs what it makes (a sharing
  community, even on a platform it neither owns nor controls).
* Rung 8 adds what makes peer production proper: the community sets its own
  parameters, the work is a commons, no single firm controls the platform or
  the value chain, and businesses may build derivative value on the commons.
* Rung 9 adds that the producers own their vehicles for monetization.
* Rung 10 asks for a sharing community (rung 7's rule) that places its work
  outside the monetary economy; it need not hold a commons, since the essay
  puts sharing communities there too.

Example:
    >>> from peerprod import cases
    >>> lego = cases.load("lego")
    >>> [rung_of(a).number for a in lego.arrangements]
    [1, 4, 7, 8]
    >>> print(classify_rung(lego.arrangements[1]))
    rung 4 (company-based crowdsourcing)
      - contribution is 'creative_work', at least 'creative_work' as rung 4 requires
"""

from __future__ import annotations

import enum
import itertools
import math
import operator
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from peerprod.errors import InvalidValue
from peerprod.licenses.kinds import LicenseKind
from peerprod.model.arrangement import (
    DIMENSIONS,
    Arrangement,
    Contribution,
    Control,
    Relation,
    ValueCapture,
)
from peerprod.ordinal import OrdinalEnum

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    import numpy as np
    import numpy.typing as npt

__all__ = [
    "DIMENSION_TYPES",
    "RULES",
    "Advice",
    "Change",
    "Condition",
    "RealityCheck",
    "Reason",
    "Rule",
    "Rung",
    "RungVerdict",
    "advise",
    "check_claim",
    "classify_encoded",
    "classify_rung",
    "classify_rungs",
    "control_index",
    "control_terms",
    "encode",
    "rule_rows",
    "rule_table",
    "rung_of",
]


@enum.unique
class Rung(OrdinalEnum):
    """The ten rungs of the ladder of participation, lowest first.

    The value is the rung's number, 1 to 10. Members compare by their place on
    the ladder.

    Example:
        >>> Rung(8).short_name
        'peer production'
        >>> Rung.SHARING_COMMUNITIES < Rung.PEER_PRODUCTION
        True
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


DIMENSION_TYPES: Final[Mapping[str, type[OrdinalEnum]]] = MappingProxyType(
    {
        "contribution": Contribution,
        "parameters": Control,
        "design": Control,
        "relation": Relation,
        "platform_control": Control,
        "value_chain_control": Control,
        "output_regime": LicenseKind,
        "value_capture": ValueCapture,
    }
)
"""The enum of each dimension in :data:`~peerprod.DIMENSIONS`, in that order.

Example:
    >>> [t.__name__ for t in DIMENSION_TYPES.values()][:4]
    ['Contribution', 'Control', 'Control', 'Relation']
"""


def _check_dimension(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in DIMENSION_TYPES:
        raise InvalidValue(attribute.name, value, f"must be one of {', '.join(DIMENSIONS)}")


def _check_minimum(
    instance: Condition, attribute: attrs.Attribute[OrdinalEnum], value: object
) -> None:
    expected = DIMENSION_TYPES[instance.dimension]
    if not isinstance(value, expected):
        raise InvalidValue(attribute.name, value, f"must be a {expected.__name__} member")


@attrs.frozen(kw_only=True)
class Condition:
    """A lower bound on one dimension: *dimension is at least minimum*.

    Example:
        >>> c = Condition(dimension="relation", minimum=Relation.CONNECTED)
        >>> str(c)
        "relation >= 'connected'"
    """

    dimension: str = attrs.field(validator=_check_dimension)
    """The name of the dimension, one of :data:`~peerprod.DIMENSIONS`."""
    minimum: OrdinalEnum = attrs.field(validator=_check_minimum)
    """The lowest member of the dimension's enum that satisfies the condition."""

    def holds(self, arrangement: Arrangement) -> bool:
        """Whether the arrangement's value on the dimension is at least the minimum.

        Example:
            >>> from peerprod import cases
            >>> lugnet = cases.load("lego").arrangements[3]
            >>> Condition(dimension="relation", minimum=Relation.CONNECTED).holds(lugnet)
            True
        """
        value: OrdinalEnum = getattr(arrangement, self.dimension)
        return value >= self.minimum

    def __str__(self) -> str:
        return f"{self.dimension} >= {self.minimum.value!r}"


def _check_rule_rung(_instance: object, attribute: attrs.Attribute[Rung], value: object) -> None:
    if not isinstance(value, Rung):
        raise InvalidValue(attribute.name, value, "must be a Rung member")


def _to_conditions(value: Iterable[Condition]) -> tuple[Condition, ...]:
    # A non-generic converter: mypy's attrs plugin cannot solve a generic one.
    return tuple(value)


def _check_conditions(instance: Rule, attribute: attrs.Attribute[object], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(c, Condition) for c in value):
        raise InvalidValue(attribute.name, value, "must be a tuple of Condition values")
    names = [c.dimension for c in value]
    if names != [d for d in DIMENSIONS if d in names]:
        raise InvalidValue(
            attribute.name, value, "must name each dimension at most once, in DIMENSIONS order"
        )


@attrs.frozen(kw_only=True)
class Rule:
    """The conditions an arrangement must meet to stand at least on one rung.

    Example:
        >>> print(RULES[Rung.DO_IT_YOURSELF])
        rung 3 (do-it-yourself): contribution >= 'assembly'
        >>> print(RULES[Rung.CONSUMERS])
        rung 1 (consumers): no conditions
    """

    rung: Rung = attrs.field(validator=_check_rule_rung)
    """The rung this rule admits to."""
    conditions: tuple[Condition, ...] = attrs.field(
        converter=_to_conditions, validator=_check_conditions
    )
    """The conditions, all of which must hold, in :data:`~peerprod.DIMENSIONS` order."""
    rationale: str = ""
    """Why these conditions, with reference to the essay."""

    def holds(self, arrangement: Arrangement) -> bool:
        """Whether every condition holds for the arrangement.

        Example:
            >>> from peerprod import cases
            >>> RULES[Rung.PEER_PRODUCTION].holds(cases.load("linux").arrangements[0])
            True
        """
        return all(c.holds(arrangement) for c in self.conditions)

    def reasons(self, arrangement: Arrangement) -> tuple[Reason, ...]:
        """The arrangement's value measured against each condition, in order.

        Example:
            >>> from peerprod import cases
            >>> ikea = cases.load("ikea").arrangements[0]
            >>> [str(r) for r in RULES[Rung.DO_IT_YOURSELF].reasons(ikea)]
            ["contribution is 'assembly', at least 'assembly' as rung 3 requires"]
        """
        return tuple(
            Reason(rung=self.rung, condition=c, value=getattr(arrangement, c.dimension))
            for c in self.conditions
        )

    def minimum(self, dimension: str) -> OrdinalEnum | None:
        """The rule's minimum on a dimension, or None if the rule leaves it free.

        Example:
            >>> RULES[Rung.SHARING_COMMUNITIES].minimum("design")
            <Control.PARTICIPANTS: 'participants'>
            >>> RULES[Rung.SHARING_COMMUNITIES].minimum("platform_control") is None
            True
        """
        for condition in self.conditions:
            if condition.dimension == dimension:
                return condition.minimum
        return None

    def __str__(self) -> str:
        conditions = ", ".join(map(str, self.conditions)) or "no conditions"
        return f"rung {self.rung.number} ({self.rung.short_name}): {conditions}"


def _rule(rung: Rung, rationale: str, **minimums: OrdinalEnum) -> Rule:
    conditions = tuple(
        Condition(dimension=d, minimum=minimums.pop(d)) for d in DIMENSIONS if d in minimums
    )
    assert not minimums, f"unknown dimensions {sorted(minimums)}"
    return Rule(rung=rung, conditions=conditions, rationale=rationale)


_CREATIVE = Contribution.CREATIVE_WORK
_SHARED = Control.SHARED
_PARTICIPANTS = Control.PARTICIPANTS
# Rungs 7 to 10 share a core: a connected community that designs what it makes.
# Peer production (rungs 8 and 9) adds self-government and a commons to it.
_COMMUNITY: Final[dict[str, OrdinalEnum]] = {
    "contribution": _CREATIVE,
    "design": _PARTICIPANTS,
    "relation": Relation.CONNECTED,
}
_PEER_PRODUCTION: Final[dict[str, OrdinalEnum]] = {
    **_COMMUNITY,
    "parameters": _PARTICIPANTS,
    "platform_control": _SHARED,
    "value_chain_control": _SHARED,
    "output_regime": LicenseKind.COMMONS,
}

RULES: Final[Mapping[Rung, Rule]] = MappingProxyType(
    {
        Rung.CONSUMERS: _rule(
            Rung.CONSUMERS, "The classic model: nothing is asked of the customer."
        ),
        Rung.SELF_SERVICE: _rule(
            Rung.SELF_SERVICE,
            "Customers take over a step of the service; the essay calls it a simple "
            "externalization of costs (cash machines, petrol stations).",
            contribution=Contribution.SERVICE_STEP,
        ),
        Rung.DO_IT_YOURSELF: _rule(
            Rung.DO_IT_YOURSELF,
            "Customers assemble what the company designed, a more complex "
            "externalization of business processes (the essay's Ikea).",
            contribution=Contribution.ASSEMBLY,
        ),
        Rung.CROWDSOURCING: _rule(
            Rung.CROWDSOURCING,
            "The public produces the value; whatever else holds, the company still "
            "organizes the value chain. Participants who compete with each other stay "
            "here, as in the essay's crowdsourced environment.",
            contribution=_CREATIVE,
        ),
        Rung.CO_DESIGN: _rule(
            Rung.CO_DESIGN,
            "Design is done together, by participants who do not compete with one "
            "another; the company still sets the parameters.",
            contribution=_CREATIVE,
            design=_SHARED,
            relation=Relation.INDEPENDENT,
        ),
        Rung.CO_CREATIVITY: _rule(
            Rung.CO_CREATIVITY,
            "As co-design, but the company no longer sets the parameters alone: the "
            "participant is an equal partner.",
            contribution=_CREATIVE,
            parameters=_SHARED,
            design=_SHARED,
            relation=Relation.INDEPENDENT,
        ),
        Rung.SHARING_COMMUNITIES: _rule(
            Rung.SHARING_COMMUNITIES,
            "A connected community creates what it shares, even on a proprietary "
            "platform that monetizes its participation (the essay's Web 2.0 platforms).",
            **_COMMUNITY,
        ),
        Rung.PEER_PRODUCTION: _rule(
            Rung.PEER_PRODUCTION,
            "The community governs itself and creates a commons; no firm controls the "
            "platform or the value chain alone, and businesses build derivative value "
            "streams on the commons (the essay's Linux).",
            **_PEER_PRODUCTION,
            value_capture=ValueCapture.OPEN_MARKET,
        ),
        Rung.COOPERATIVE_PEER_PRODUCTION: _rule(
            Rung.COOPERATIVE_PEER_PRODUCTION,
            "Peer production whose producers own their vehicles for monetization "
            "(the essay's OS Alliance).",
            **_PEER_PRODUCTION,
            value_capture=ValueCapture.PARTICIPANT_VEHICLES,
        ),
        Rung.NON_MONETARY: _rule(
            Rung.NON_MONETARY,
            "A sharing or peer community that keeps its work outside the monetary "
            "economy; a commons is not required, as the essay places sharing "
            "communities here too.",
            **_COMMUNITY,
            value_capture=ValueCapture.NON_MONETARY,
        ),
    }
)
"""The ladder's rules, one per rung: the single source of every verdict.

An arrangement stands on the highest rung whose rule holds.

Example:
    >>> print(RULES[Rung.COOPERATIVE_PEER_PRODUCTION].minimum("value_capture"))
    ValueCapture.PARTICIPANT_VEHICLES
"""


# --- the compiled table -------------------------------------------------------------------

_MEMBERS: Final[tuple[tuple[OrdinalEnum, ...], ...]] = tuple(
    tuple(DIMENSION_TYPES[d]) for d in DIMENSIONS
)
_SIZES: Final[tuple[int, ...]] = tuple(len(members) for members in _MEMBERS)
_STRIDES: Final[tuple[int, ...]] = tuple(
    # Mixed-radix place values; the last dimension varies fastest.
    math.prod(len(members) for members in _MEMBERS[i + 1 :])
    for i in range(len(_MEMBERS))
)
# Keys are the dimensions' wire values: reading ``_value_`` through one
# attrgetter and hashing a tuple of interned strings is several times cheaper
# than hashing the enum members, whose __hash__ is written in Python.
_key = operator.attrgetter(*(f"{d}._value_" for d in DIMENSIONS))
_BY_KEY: dict[tuple[object, ...], Rung] = {}
_CELL_BY_KEY: dict[tuple[object, ...], int] = {}
_FLAT: list[Rung] = []


def _compile() -> None:
    # Compiled on first use rather than at import, so ``import peerprod`` stays cheap.
    # Each rule admits a box of the product (every dimension from its minimum up);
    # painting the boxes from the lowest rung to the highest leaves on every cell
    # the highest rung whose rule holds, which is the definition of the verdict.
    if _FLAT:
        return
    flat = [Rung.CONSUMERS] * math.prod(_SIZES)
    for rule in sorted(RULES.values(), key=operator.attrgetter("rung")):
        lows = [0] * len(_SIZES)
        for condition in rule.conditions:
            lows[DIMENSIONS.index(condition.dimension)] = condition.minimum.rank
        box = itertools.product(*(range(low, size) for low, size in zip(lows, _SIZES, strict=True)))
        for cell in box:
            flat[sum(map(operator.mul, cell, _STRIDES))] = rule.rung
    values = [tuple(m._value_ for m in members) for members in _MEMBERS]
    keys = list(itertools.product(*values))
    _BY_KEY.update(zip(keys, flat, strict=True))
    _CELL_BY_KEY.update(zip(keys, range(len(keys)), strict=True))
    _FLAT.extend(flat)


def _lookup(key: tuple[object, ...]) -> Rung:
    try:
        return _BY_KEY[key]
    except KeyError:
        _compile()
        return _BY_KEY[key]


def rung_of(arrangement: Arrangement) -> Rung:
    """The rung an arrangement stands on, by one lookup in the compiled table.

    Use :func:`classify_rung` for the reasons as well.

    Example:
        >>> from peerprod import cases
        >>> rung_of(cases.load("os-alliance").arrangements[0])
        <Rung.COOPERATIVE_PEER_PRODUCTION: 9>
    """
    try:
        return _BY_KEY[_key(arrangement)]
    except KeyError:
        return _lookup(_key(arrangement))


def classify_rungs(arrangements: Iterable[Arrangement]) -> list[Rung]:
    """The rung of each arrangement, in order: :func:`rung_of` over a batch.

    Example:
        >>> from peerprod import cases
        >>> [r.number for r in classify_rungs(cases.load("lego").arrangements)]
        [1, 4, 7, 8]
    """
    _compile()
    return list(map(_BY_KEY.__getitem__, map(_key, arrangements)))


def encode(arrangements: Iterable[Arrangement]) -> npt.NDArray[np.int8]:
    """Encode arrangements as a NumPy array of dimension ranks, one row each.

    Column *j* holds the zero-based rank of the arrangement's value on the
    *j*-th dimension of :data:`~peerprod.DIMENSIONS` (0 is the corporate
    pole). Needs NumPy (the ``numpy`` extra).

    Example:
        >>> from peerprod import cases
        >>> encode(cases.load("linux").arrangements).tolist()
        [[3, 2, 2, 2, 1, 1, 3, 2]]
    """
    import numpy as np  # noqa: PLC0415 - NumPy is optional and never imported with peerprod

    _compile()
    cells = np.fromiter(map(_CELL_BY_KEY.__getitem__, map(_key, arrangements)), dtype=np.intp)
    return _numpy_tables()[1][cells]


def classify_encoded(codes: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """The rung number of each row of encoded arrangements, vectorized with NumPy.

    Args:
        codes: integers of shape ``(..., 8)`` as :func:`encode` makes them.
            Rows that break an arrangement's consistency rules are classified
            by the rules all the same; only ranks out of range are refused.

    Returns:
        An ``int8`` array of rung numbers (1 to 10) of shape ``codes.shape[:-1]``.

    Raises:
        InvalidValue: ``codes`` is not an integer array whose last axis has
            eight ranks, each within its dimension's range.

    Example:
        >>> classify_encoded([[0, 0, 0, 1, 0, 0, 1, 0], [3, 0, 2, 2, 0, 0, 1, 0]]).tolist()
        [1, 7]
    """
    import numpy as np  # noqa: PLC0415 - NumPy is optional and never imported with peerprod

    array = np.asarray(codes)
    if array.dtype.kind not in "iu" or array.ndim < 1 or array.shape[-1] != len(DIMENSIONS):
        raise InvalidValue(
            "codes",
            f"array of dtype {array.dtype} and shape {array.shape}",
            f"must be integers of shape (..., {len(DIMENSIONS)})",
        )
    sizes = np.array(_SIZES)
    bad = (array < 0) | (array >= sizes)
    if bad.any():
        row = tuple(
            int(v)
            for v in array.reshape(-1, len(DIMENSIONS))[
                bad.reshape(-1, len(DIMENSIONS)).any(axis=1)
            ][0]
        )
        raise InvalidValue("codes", row, "has a rank outside its dimension's range")
    rungs = _numpy_tables()[0]
    return rungs[array.astype(np.intp) @ np.array(_STRIDES, dtype=np.intp)]


_NUMPY_TABLES: list[tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]] = []


def _numpy_tables() -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    # The rung of every cell of the product, and every cell's eight ranks.
    import numpy as np  # noqa: PLC0415 - NumPy is optional and never imported with peerprod

    if not _NUMPY_TABLES:
        _compile()
        rungs = np.array([r.number for r in _FLAT], dtype=np.int8)
        cells = np.arange(len(_FLAT), dtype=np.intp)
        ranks = np.stack(np.unravel_index(cells, _SIZES), axis=1).astype(np.int8)
        _NUMPY_TABLES.append((rungs, ranks))
    return _NUMPY_TABLES[0]


# --- verdicts and reasons ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Reason:
    """One fact of an arrangement measured against one condition of a rung's rule.

    A reason is *met* when the arrangement's value reaches the condition's
    minimum. In a :class:`RungVerdict` every reason decides the verdict: if a
    met reason stopped holding, the arrangement would fall below its rung; if
    an unmet one (given only for rung 1) started to hold, it would climb.

    Example:
        >>> r = Reason(rung=Rung.SELF_SERVICE, value=Contribution.NOTHING,
        ...            condition=Condition(dimension="contribution",
        ...                                minimum=Contribution.SERVICE_STEP))
        >>> r.met
        False
        >>> print(r)
        contribution is 'nothing', below 'service_step', which rung 2 requires
    """

    rung: Rung
    """The rung whose rule the condition belongs to."""
    condition: Condition
    """The condition."""
    value: OrdinalEnum
    """The arrangement's value on the condition's dimension."""

    @property
    def dimension(self) -> str:
        """The name of the dimension the reason is about.

        Example:
            >>> from peerprod import cases
            >>> [r.dimension for r in classify_rung(cases.load("ikea").arrangements[0]).reasons]
            ['contribution']
        """
        return self.condition.dimension

    @property
    def met(self) -> bool:
        """Whether the value reaches the condition's minimum.

        Example:
            >>> from peerprod import cases
            >>> [r.met for r in classify_rung(cases.load("ikea").arrangements[0]).reasons]
            [True]
        """
        return self.value >= self.condition.minimum

    def __str__(self) -> str:
        value, minimum = self.value.value, self.condition.minimum.value
        if self.met:
            return (
                f"{self.dimension} is {value!r}, at least {minimum!r} "
                f"as rung {self.rung.number} requires"
            )
        return (
            f"{self.dimension} is {value!r}, below {minimum!r}, "
            f"which rung {self.rung.number} requires"
        )


def _reasons(rule: Rule, arrangement: Arrangement, *, met: bool) -> tuple[Reason, ...]:
    return tuple(r for r in rule.reasons(arrangement) if r.met is met)


@attrs.frozen(kw_only=True)
class RungVerdict:
    """The rung an arrangement stands on, and the facts that decide it.

    Example:
        >>> from peerprod import cases
        >>> verdict = classify_rung(cases.load("lego").arrangements[2])
        >>> verdict.rung.short_name
        'sharing communities'
        >>> [r.dimension for r in verdict.reasons]
        ['contribution', 'design', 'relation']
    """

    rung: Rung
    """The highest rung whose rule the arrangement meets."""
    reasons: tuple[Reason, ...]
    """The deciding facts. For rungs 2 to 10: each condition of the rung's rule,
    all met. For rung 1: the unmet condition of rung 2's rule."""

    def __str__(self) -> str:
        lines = [f"rung {self.rung.number} ({self.rung.short_name})"]
        lines.extend(f"  - {reason}" for reason in self.reasons)
        return "\n".join(lines)


_VERDICTS: dict[tuple[object, ...], RungVerdict] = {}


def classify_rung(arrangement: Arrangement) -> RungVerdict:
    """Classify an arrangement on the ladder and say why.

    Verdicts are cached by the arrangement's dimensions, which are all they
    depend on.

    Example:
        >>> from peerprod import cases
        >>> print(classify_rung(cases.load("cash-machine").arrangements[0]))
        rung 2 (self-service)
          - contribution is 'service_step', at least 'service_step' as rung 2 requires
        >>> print(classify_rung(cases.load("lego").arrangements[0]))
        rung 1 (consumers)
          - contribution is 'nothing', below 'service_step', which rung 2 requires
    """
    key = _key(arrangement)
    verdict = _VERDICTS.get(key)
    if verdict is None:
        rung = _lookup(key)
        if rung is Rung.CONSUMERS:
            reasons = _reasons(RULES[Rung.SELF_SERVICE], arrangement, met=False)
        else:
            reasons = _reasons(RULES[rung], arrangement, met=True)
        verdict = _VERDICTS.setdefault(key, RungVerdict(rung=rung, reasons=reasons))
    return verdict


# --- control polarity index ------------------------------------------------------------


def control_terms(arrangement: Arrangement) -> dict[str, float]:
    """The terms of the control polarity index, one per dimension, each in [0, 1].

    A term is the value's rank divided by the highest rank of its dimension:
    0 at the corporate pole, 1 at the community pole, evenly spaced between.
    For example ``output_regime`` scores sharecropping 0, corporate 1/3,
    sharing 2/3 and commons 1; ``relation`` scores competing 0, independent
    1/2 and connected 1.

    Example:
        >>> from peerprod import cases
        >>> terms = control_terms(cases.load("lego").arrangements[2])
        >>> terms["relation"], terms["parameters"], round(terms["output_regime"], 3)
        (1.0, 0.0, 0.333)
    """
    terms: dict[str, float] = {}
    for name, members in zip(DIMENSIONS, _MEMBERS, strict=True):
        value: OrdinalEnum = getattr(arrangement, name)
        terms[name] = value.rank / (len(members) - 1)
    return terms


def control_index(arrangement: Arrangement) -> float:
    """Where an arrangement sits between the corporate pole (0) and the community pole (1).

    The index is the unweighted mean of the eight :func:`control_terms`:
    every dimension counts as much as every other, so the index says how far
    toward the community the arrangement has moved overall, while the rung
    says which threshold it has crossed. Moving any dimension toward the
    community pole never lowers it. For a whole ecosystem see
    :func:`peerprod.analysis.ecosystem_control_index`.

    Example:
        >>> from peerprod import cases
        >>> [round(control_index(a), 3) for a in cases.load("lego").arrangements]
        [0.104, 0.323, 0.417, 0.938]
    """
    return math.fsum(control_terms(arrangement).values()) / len(DIMENSIONS)


# --- the reality check -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RealityCheck:
    """A claimed rung set against the rung the facts support.

    Example:
        >>> from peerprod import cases
        >>> check = check_claim(cases.load("lego").arrangements[1], Rung.PEER_PRODUCTION)
        >>> check.holds, check.gap
        (False, 4)
    """

    claimed: Rung
    """The rung the organization claims (for "co-creation", say)."""
    verdict: RungVerdict
    """The rung the facts support, with its reasons."""
    shortfalls: tuple[Reason, ...]
    """Each unmet condition of the claimed rung's rule: together they keep the
    arrangement below the claim. Empty when the claim holds."""

    @property
    def supported(self) -> Rung:
        """The rung the facts support.

        Example:
            >>> from peerprod import cases
            >>> check_claim(cases.load("ikea").arrangements[0], 5).supported.number
            3
        """
        return self.verdict.rung

    @property
    def gap(self) -> int:
        """How many rungs the claim overstates the facts (negative if it understates).

        Example:
            >>> from peerprod import cases
            >>> check_claim(cases.load("ikea").arrangements[0], 2).gap
            -1
        """
        return self.claimed.number - self.supported.number

    @property
    def holds(self) -> bool:
        """Whether the facts support at least the claimed rung.

        Example:
            >>> from peerprod import cases
            >>> check_claim(cases.load("ikea").arrangements[0], "do-it-yourself").holds
            True
        """
        return self.gap <= 0

    def __str__(self) -> str:
        head = (
            f"claimed rung {self.claimed.number} ({self.claimed.short_name}), "
            f"facts support rung {self.supported.number} ({self.supported.short_name})"
        )
        if self.holds:
            return f"{head}: the claim holds"
        lines = [f"{head}: {self.gap} rung{'s' * (self.gap != 1)} short:"]
        lines.extend(f"  - {reason}" for reason in self.shortfalls)
        return "\n".join(lines)


def check_claim(arrangement: Arrangement, claimed: Rung | int | str) -> RealityCheck:
    """Check a claimed rung against the facts of an arrangement.

    Args:
        arrangement: the arrangement as it really is.
        claimed: the rung the organization claims, as a :class:`Rung` or
            anything :meth:`Rung.parse` reads.

    Raises:
        InvalidValue: ``claimed`` names no rung.

    Example:
        >>> from peerprod import cases
        >>> print(check_claim(cases.load("lego").arrangements[2], 8))
        claimed rung 8 (peer production), facts support rung 7 (sharing communities): 1 rung short:
          - parameters is 'organizer', below 'participants', which rung 8 requires
          - platform_control is 'organizer', below 'shared', which rung 8 requires
          - value_chain_control is 'organizer', below 'shared', which rung 8 requires
          - output_regime is 'corporate', below 'commons', which rung 8 requires
          - value_capture is 'organizer', below 'open_market', which rung 8 requires
    """
    rung = claimed if isinstance(claimed, Rung) else Rung.parse(claimed)
    verdict = classify_rung(arrangement)
    shortfalls = () if rung <= verdict.rung else _reasons(RULES[rung], arrangement, met=False)
    return RealityCheck(claimed=rung, verdict=verdict, shortfalls=shortfalls)


# --- next-rung advice --------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Change:
    """One dimension of an arrangement moved toward the community pole.

    Example:
        >>> print(Change(dimension="relation", before=Relation.COMPETING,
        ...              after=Relation.INDEPENDENT))
        relation: 'competing' -> 'independent'
    """

    dimension: str
    """The name of the dimension."""
    before: OrdinalEnum
    """The value now."""
    after: OrdinalEnum
    """The value advised."""

    def __str__(self) -> str:
        return f"{self.dimension}: {self.before.value!r} -> {self.after.value!r}"


@attrs.frozen(kw_only=True)
class Advice:
    """The smallest change of an arrangement's facts that lifts it to a higher rung.

    Example:
        >>> from peerprod import cases
        >>> factory = cases.load("lego").arrangements[1]
        >>> advice = advise(factory)
        >>> print(advice)
        from rung 4 (company-based crowdsourcing) to rung 5 (co-design):
          - relation: 'competing' -> 'independent'
        >>> rung_of(advice.apply(factory)) is advice.target
        True
    """

    current: Rung
    """The rung the arrangement stands on now."""
    target: Rung
    """The rung the changes lead to exactly: the next rung, unless facts already
    in place carry every way up past it (see :func:`advise`)."""
    changes: tuple[Change, ...]
    """The changes, in :data:`~peerprod.DIMENSIONS` order; each moves a dimension
    to the least value the target's rule asks for."""

    @property
    def skips(self) -> int:
        """How many rungs between the current and the target cannot be reached.

        Example:
            >>> from peerprod import cases
            >>> advise(cases.load("lego").arrangements[2]).skips
            0
        """
        return self.target.number - self.current.number - 1

    def apply(self, arrangement: Arrangement) -> Arrangement:
        """A copy of the arrangement with the changes made.

        Example:
            >>> from peerprod import cases
            >>> world = cases.load("lego").arrangements[2]
            >>> rung_of(advise(world).apply(world)).number
            8
        """
        changes: dict[str, Any] = {c.dimension: c.after for c in self.changes}
        return attrs.evolve(arrangement, **changes)

    def __str__(self) -> str:
        lines = [
            f"from rung {self.current.number} ({self.current.short_name}) "
            f"to rung {self.target.number} ({self.target.short_name}):"
        ]
        lines.extend(f"  - {change}" for change in self.changes)
        return "\n".join(lines)


def advise(arrangement: Arrangement) -> Advice | None:
    """The smallest change of facts that lifts an arrangement to the next rung.

    Only moves toward the community pole are considered. For a rung *s*, the
    least such change that meets *s*'s rule is unique: raise each dimension
    that falls short to the rule's minimum, leave the rest. The advice targets
    the lowest rung above the current one that this change reaches
    *exactly*. That is the next rung, unless facts already in place carry any
    arrangement that meets the next rung's rule even higher (for example
    participants who already own their monetization vehicles go from rung 7
    straight to 9 once the rest of peer production is in place); then the next
    rung cannot be reached by moving toward the community, and
    :attr:`Advice.skips` says how many rungs are passed over.

    Computed from :data:`RULES`, so applying the advice always gives exactly
    :attr:`Advice.target` and the change is the least that does.

    Returns:
        The advice, or None on rung 10, the top of the ladder.

    Example:
        >>> from peerprod import cases
        >>> print(advise(cases.load("ikea").arrangements[0]))
        from rung 3 (do-it-yourself) to rung 4 (company-based crowdsourcing):
          - contribution: 'assembly' -> 'creative_work'
        >>> advise(cases.load("os-alliance").arrangements[0]).target.short_name
        'outside the monetary economy'
    """
    key = _key(arrangement)
    current = _lookup(key)
    for rung in Rung:
        if rung <= current:
            continue
        raised = list(key)
        changes: list[Change] = []
        for condition in RULES[rung].conditions:
            value: OrdinalEnum = getattr(arrangement, condition.dimension)
            if value < condition.minimum:
                changes.append(
                    Change(dimension=condition.dimension, before=value, after=condition.minimum)
                )
                raised[DIMENSIONS.index(condition.dimension)] = condition.minimum._value_
        if _lookup(tuple(raised)) is rung:
            return Advice(current=current, target=rung, changes=tuple(changes))
    return None


# --- the rule table for the docs -------------------------------------------------------


def rule_rows() -> list[tuple[str, ...]]:
    """The rule table as rows of text cells, the header first.

    One row per rung; one column per dimension, holding ``>= member`` where
    the rung's rule sets a minimum and ``any`` where it leaves the dimension
    free.

    Example:
        >>> rows = rule_rows()
        >>> rows[0][:4]
        ('rung', 'name', 'contribution', 'parameters')
        >>> rows[5][:5]
        ('5', 'co-design', '>= creative_work', 'any', '>= shared')
    """
    rows: list[tuple[str, ...]] = [("rung", "name", *DIMENSIONS)]
    for rung, rule in RULES.items():
        cells = []
        for dimension in DIMENSIONS:
            minimum = rule.minimum(dimension)
            cells.append("any" if minimum is None else f">= {minimum.value}")
        rows.append((str(rung.number), rung.short_name, *cells))
    return rows


def rule_table(style: Literal["text", "markdown", "rst"] = "text") -> str:
    """The rule table rendered as text, from :data:`RULES` and nothing else.

    Args:
        style: ``"text"`` for aligned plain text, ``"markdown"`` for a pipe
            table, ``"rst"`` for a reStructuredText simple table.

    Raises:
        InvalidValue: ``style`` is none of those.

    Example:
        >>> print(rule_table("markdown").splitlines()[3])
        | 2 | self-service | >= service_step | any | any | any | any | any | any | any |
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
