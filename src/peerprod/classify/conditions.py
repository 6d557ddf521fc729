"""The conditions of the ladder's rules: each asks one question of one fact.

A rule (:class:`~peerprod.classify.ladder.Rule`) holds when all its conditions do.
Each condition reads one fact of an arrangement (:data:`~peerprod.model.arrangement.FACTS`):
whether a set of contributions or monetizations includes, excludes or consists only of
some members, whether an ordinal fact reaches a minimum toward the community pole, or
whether a yes-or-no fact is true. Conditions are values: they compare and hash by
what they ask, and print as the classifiers explain them.

Example:
    >>> print(AtLeast(fact="parameters", minimum=Control.SHARED))
    parameters >= 'shared'
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs

from peerprod.errors import InvalidValue
from peerprod.licenses.kinds import LicenseKind
from peerprod.model.arrangement import Contribution, Control, Monetization
from peerprod.ordinal import OrdinalEnum  # noqa: TC001 - cattrs reads the annotations

if TYPE_CHECKING:
    from collections.abc import Mapping


__all__ = [
    "AtLeast",
    "Condition",
    "Excludes",
    "Includes",
    "Is",
    "Only",
    "OrdinalFact",
    "SetFact",
]


SetFact: TypeAlias = Literal["contributions", "monetization"]
OrdinalFact: TypeAlias = Literal[
    "parameters", "design", "platform_control", "value_chain_control", "output_regime"
]


def _check_members(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    member_type = Contribution if instance.fact == "contributions" else Monetization
    if not isinstance(value, frozenset) or not value:
        raise InvalidValue(attribute.name, value, "must be a non-empty set")
    if not all(isinstance(m, member_type) for m in value):
        raise InvalidValue(attribute.name, value, f"must hold {member_type.__name__} values")


@attrs.frozen(kw_only=True)
class Includes:
    """A set-valued fact holds at least one of some members.

    Example:
        >>> c = Includes(fact="contributions", members=frozenset({Contribution.CODE}),
        ...              label="code")
        >>> c.holds(frozenset({Contribution.CODE, Contribution.DATA})), str(c)
        (True, 'contributions include code')
    """

    fact: SetFact
    """The fact: ``contributions`` or ``monetization``."""
    members: frozenset[Any] = attrs.field(validator=_check_members)
    """The members, any one of which is enough."""
    label: str
    """A name for the members, as the rule tables print it."""

    def holds(self, value: frozenset[Any]) -> bool:
        """Whether the set holds one of the members."""
        return not self.members.isdisjoint(value)

    def __str__(self) -> str:
        return f"{self.fact} include{'s' * (self.fact == 'monetization')} {self.label}"


@attrs.frozen(kw_only=True)
class Excludes:
    """A set-valued fact holds none of some members.

    Example:
        >>> c = Excludes(fact="contributions", members=frozenset({Contribution.TASKS}),
        ...              label="task labour")
        >>> c.holds(frozenset({Contribution.CODE}))
        True
    """

    fact: SetFact
    """The fact: ``contributions`` or ``monetization``."""
    members: frozenset[Any] = attrs.field(validator=_check_members)
    """The members none of which may be there."""
    label: str
    """A name for the members, as the rule tables print it."""

    def holds(self, value: frozenset[Any]) -> bool:
        """Whether the set holds none of the members."""
        return self.members.isdisjoint(value)

    def __str__(self) -> str:
        return f"{self.fact} exclude{'s' * (self.fact == 'monetization')} {self.label}"


@attrs.frozen(kw_only=True)
class Only:
    """A set-valued fact holds some members and nothing else.

    Example:
        >>> c = Only(fact="contributions", members=frozenset({Contribution.NOTHING}),
        ...          label="nothing")
        >>> c.holds(frozenset({Contribution.NOTHING})), c.holds(frozenset({Contribution.CODE}))
        (True, False)
    """

    fact: SetFact
    """The fact: ``contributions`` or ``monetization``."""
    members: frozenset[Any] = attrs.field(validator=_check_members)
    """The members the set may hold."""
    label: str
    """A name for the members, as the rule tables print it."""

    def holds(self, value: frozenset[Any]) -> bool:
        """Whether the set is not empty and holds only these members."""
        return bool(value) and value <= self.members

    def __str__(self) -> str:
        return f"{self.fact} {'is' if self.fact == 'monetization' else 'are'} only {self.label}"


_ORDINAL_TYPES: Final[Mapping[str, type[OrdinalEnum]]] = MappingProxyType(
    {
        "parameters": Control,
        "design": Control,
        "platform_control": Control,
        "value_chain_control": Control,
        "output_regime": LicenseKind,
    }
)


def _check_minimum(instance: AtLeast, attribute: attrs.Attribute[Any], value: object) -> None:
    expected = _ORDINAL_TYPES.get(instance.fact)
    if expected is None:
        raise InvalidValue("fact", instance.fact, f"must be one of {', '.join(_ORDINAL_TYPES)}")
    if not isinstance(value, expected):
        raise InvalidValue(attribute.name, value, f"must be a {expected.__name__} member")


@attrs.frozen(kw_only=True)
class AtLeast:
    """An ordinal fact is at least some member, toward the community pole.

    Example:
        >>> c = AtLeast(fact="design", minimum=Control.SHARED)
        >>> c.holds(Control.PARTICIPANTS), str(c)
        (True, "design >= 'shared'")
    """

    fact: OrdinalFact
    """The fact, one of the ordinal facts."""
    minimum: OrdinalEnum = attrs.field(validator=_check_minimum)
    """The least value that satisfies the condition."""

    def holds(self, value: OrdinalEnum) -> bool:
        """Whether the value is at least the minimum."""
        return value >= self.minimum

    def __str__(self) -> str:
        return f"{self.fact} >= {self.minimum.value!r}"


@attrs.frozen(kw_only=True)
class Is:
    """A yes-or-no fact has some value.

    Example:
        >>> str(Is(fact="community", value=True))
        'community is true'
    """

    fact: Literal["community", "competition", "joint_design"]
    """The fact: ``community``, ``competition`` or ``joint_design``."""
    value: bool
    """The value it must have."""

    def holds(self, value: bool) -> bool:
        """Whether the fact has the value."""
        return value is self.value

    def __str__(self) -> str:
        return f"{self.fact} is {str(self.value).lower()}"


Condition: TypeAlias = Includes | Excludes | Only | AtLeast | Is
"""One condition of a rule, on one fact."""
