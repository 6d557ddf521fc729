"""Facts that are not known, or known only to be one of several values.

A researcher coding a real arrangement from public sources rarely finds every
fact. peerprod lets a fact be stated exactly, be :data:`UNKNOWN`, or be narrowed
to several possibilities:

* :class:`OneOf` for a fact that is one of a few values (``parameters`` is either
  ``organizer`` or ``shared``), or one of a few sets;
* :class:`Between` for a set-valued fact that holds at least some members and may
  hold others (participants contribute code, and perhaps data).

The classifiers then give the range of verdicts that every possible completion of
the facts leads to, and name the facts that would decide it.

Example:
    >>> from peerprod import Control
    >>> OneOf([Control.ORGANIZER, Control.SHARED]).options == {Control.ORGANIZER, Control.SHARED}
    True
    >>> OneOf([Control.SHARED])  # one possibility is no uncertainty
    Traceback (most recent call last):
    ...
    peerprod.errors.InvalidValue: options: must hold at least two possibilities...
    >>> [sorted(s) for s in Between(known={"code"}, maybe={"data"}).possible_sets()]
    [['code'], ['code', 'data']]
"""

from __future__ import annotations

import enum
import itertools
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

import attrs

from peerprod.errors import InvalidValue

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["UNKNOWN", "Between", "OneOf", "Unknown", "show"]

T = TypeVar("T")
M = TypeVar("M")

MAX_BETWEEN_MAYBE: Final = 16
"""The most members a :class:`Between` may leave open when its sets are listed one by one."""


@enum.unique
class Unknown(enum.Enum):
    """The type of :data:`UNKNOWN`: a fact nobody has established."""

    UNKNOWN = "unknown"
    """Nothing is known of the fact: every value it can take is possible."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown.UNKNOWN
"""The value of a fact that is not known; written ``"unknown"`` in documents."""


def _to_options(value: Iterable[Any]) -> frozenset[Any]:
    if isinstance(value, str | bytes):
        msg = f"expected a collection of possibilities, not a string: {value!r}"
        raise TypeError(msg)
    # A possibility that is itself a set may be given as any collection.
    return frozenset(frozenset(v) if isinstance(v, set | list | tuple) else v for v in value)


def _check_options(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, frozenset) or len(value) < 2:
        raise InvalidValue(attribute.name, value, "must hold at least two possibilities")
    if any(v is UNKNOWN or isinstance(v, OneOf | Between) for v in value):
        raise InvalidValue(attribute.name, value, "possibilities must be values, not unknowns")


@attrs.frozen
class OneOf(Generic[T]):
    """A fact that is exactly one of several possible values, not known which.

    Build it with the possibilities; fields of the model turn a single possibility
    back into the plain value, so equal facts compare equal.

    Example:
        >>> from peerprod import LicenseKind
        >>> fact = OneOf({LicenseKind.SHARING, LicenseKind.COMMONS})
        >>> LicenseKind.COMMONS in fact
        True
    """

    options: frozenset[T] = attrs.field(converter=_to_options, validator=_check_options)
    """The possible values, at least two."""

    def __contains__(self, value: object) -> bool:
        return value in self.options

    def __repr__(self) -> str:
        shown = sorted(self.options, key=_order_key)
        return f"OneOf({{{', '.join(map(repr, shown))}}})"


def _order_key(value: object) -> tuple[int, str]:
    if isinstance(value, enum.Enum):
        return (list(type(value)).index(value), "")
    if isinstance(value, frozenset):
        return (len(value), repr(sorted(value, key=_order_key)))
    return (0, repr(value))


def _check_maybe(instance: Between[Any], attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, frozenset) or not value:
        raise InvalidValue(attribute.name, value, "must name at least one member that may be in")
    overlap = value & instance.known
    if overlap:
        shown = sorted(overlap, key=_order_key)
        raise InvalidValue(attribute.name, shown, "lists members that are already known")


@attrs.frozen(kw_only=True)
class Between(Generic[M]):
    """A set-valued fact that holds every ``known`` member and perhaps some of ``maybe``.

    Example:
        >>> fact = Between(known={"code"}, maybe={"data", "designs"})
        >>> len(fact.possible_sets())
        4
    """

    known: frozenset[M] = attrs.field(converter=_to_options)
    """The members the set certainly holds (possibly none)."""
    maybe: frozenset[M] = attrs.field(converter=_to_options, validator=_check_maybe)
    """The members the set may or may not hold, at least one."""

    def possible_sets(self) -> tuple[frozenset[M], ...]:
        """Every set the fact may be, smallest first.

        Raises:
            InvalidValue: more than :data:`MAX_BETWEEN_MAYBE` members are open, too many
                sets to list (the classifiers never list them; they reason on classes).
        """
        if len(self.maybe) > MAX_BETWEEN_MAYBE:
            raise InvalidValue(
                "maybe", len(self.maybe), f"leaves more than {MAX_BETWEEN_MAYBE} members open"
            )
        open_members = sorted(self.maybe, key=_order_key)
        return tuple(
            self.known | frozenset(chosen)
            for size in range(len(open_members) + 1)
            for chosen in itertools.combinations(open_members, size)
        )

    def __repr__(self) -> str:
        known = sorted(self.known, key=_order_key)
        maybe = sorted(self.maybe, key=_order_key)
        return f"Between(known={known!r}, maybe={maybe!r})"


def show(value: object) -> str:
    """A fact's value in words, as reasons and reports print it.

    Example:
        >>> from peerprod import Control
        >>> show(OneOf({Control.ORGANIZER, Control.SHARED})), show(UNKNOWN), show(True)
        ("'organizer' or 'shared'", 'unknown', 'true')
        >>> show(Between(known={"code"}, maybe={"data"}))
        '{code} and perhaps some of {data}'
    """
    if value is UNKNOWN:
        return "unknown"
    if isinstance(value, OneOf):
        return " or ".join(sorted(show(v) for v in value.options))
    if isinstance(value, Between):
        return f"{show(value.known)} and perhaps some of {show(value.maybe)}"
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(str(getattr(m, "value", m)) for m in value)) + "}"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(getattr(value, "value", value))
