"""Field validators and converters shared by the domain classes.

They raise :class:`~peerprod.errors.InvalidValue`, which names the field and
the rejected value. Only local facts are checked here; whether an id refers to
something that exists is the ecosystem's job (see :mod:`peerprod.model.ecosystem`).
"""

from __future__ import annotations

import enum
import math
import re
import sys
from typing import TYPE_CHECKING, Any, TypeVar

from peerprod.errors import InvalidValue

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    import attrs

__all__ = [
    "ID_PATTERN",
    "check_bool",
    "check_enum",
    "check_enum_set",
    "check_finite_non_negative",
    "check_id",
    "check_id_tuple",
    "check_optional_bool",
    "check_optional_id",
    "check_optional_text",
    "check_text",
    "to_frozenset",
    "to_tuple",
]

E = TypeVar("E", bound=enum.Enum)

ID_PATTERN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._:/-]{0,126}[A-Za-z0-9])?")
"""Ids are short, stable slugs: letters, digits and ``. _ : / -`` inside,
alphanumeric at both ends, at most 128 characters."""

_ID_RULE = "must be a non-empty identifier of letters, digits and '._:/-' (at most 128)"


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Accept any iterable except a string for a tuple field.

    A bare string would otherwise become a tuple of its characters, silently.
    """
    # Values built from documents arrive as tuples already: one check passes them.
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes):
        msg = f"expected a sequence, not a string: {value!r}"
        raise TypeError(msg)
    return tuple(value)


def to_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """Accept any iterable except a string for a frozenset field."""
    if type(value) is frozenset:
        return value
    if isinstance(value, str | bytes):
        msg = f"expected a collection, not a string: {value!r}"
        raise TypeError(msg)
    return frozenset(value)


def _is_id(value: object) -> bool:
    # Most ids are letters and digits alone, which ASCII's isalnum decides without
    # the pattern; every other id, and every non-id, goes to the pattern.
    if type(value) is str and len(value) <= 128 and value.isascii() and value.isalnum():
        return True
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def check_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a required id (or id reference)."""
    if not _is_id(value):
        raise InvalidValue(attribute.name, value, _ID_RULE)


def check_optional_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate an id reference that may be None."""
    if value is not None and not _is_id(value):
        raise InvalidValue(attribute.name, value, _ID_RULE)


def check_id_tuple(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a tuple of id references: each an id, none repeated."""
    if not isinstance(value, tuple):
        raise InvalidValue(attribute.name, value, "must be a tuple of ids")
    for index, item in enumerate(value):
        if not _is_id(item):
            raise InvalidValue(f"{attribute.name}[{index}]", item, _ID_RULE)
    if len(set(value)) != len(value):
        seen: set[str] = set()
        for index, item in enumerate(value):
            if item in seen:
                raise InvalidValue(f"{attribute.name}[{index}]", item, "is listed twice")
            seen.add(item)


def check_text(
    *, allow_empty: bool = True
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validate free text: a string, optionally required to be non-blank."""

    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str):
            raise InvalidValue(attribute.name, value, "must be a string")
        if not allow_empty and not value.strip():
            raise InvalidValue(attribute.name, value, "must not be blank")

    return validate


def check_optional_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate text that may be None but, if given, is a non-blank string (a url, say)."""
    if value is None:
        return
    if not isinstance(value, str):
        raise InvalidValue(attribute.name, value, "must be a string")
    if not value.strip():
        raise InvalidValue(attribute.name, value, "must not be blank")


def check_enum(
    enum_type: type[E], *, optional: bool = False
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validate that a field holds a member of ``enum_type`` (or None if optional)."""

    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum_type):
            raise InvalidValue(attribute.name, value, f"must be a {enum_type.__name__} member")

    def validate_optional(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validate(instance, attribute, value)

    return validate_optional if optional else validate


def check_enum_set(
    enum_type: type[E], *, non_empty: bool = False
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validate a frozenset of ``enum_type`` members."""

    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, frozenset) or not all(isinstance(v, enum_type) for v in value):
            raise InvalidValue(
                attribute.name, value, f"must be a set of {enum_type.__name__} members"
            )
        if non_empty and not value:
            raise InvalidValue(attribute.name, value, "must not be empty")

    return validate


def check_finite_non_negative(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Validate a non-negative, finite number (bools are not numbers here).

    An integer too large for a float (``10**400``) is refused like infinity:
    shares and indexes are computed in floating point.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(attribute.name, value, "must be a number")
    # math.isfinite would raise OverflowError on such an integer; comparing an
    # int with a float is exact and never overflows.
    if isinstance(value, int):
        if value < 0 or value > sys.float_info.max:
            raise InvalidValue(attribute.name, value, "must be finite and not negative")
    elif not math.isfinite(value) or value < 0:
        raise InvalidValue(attribute.name, value, "must be finite and not negative")


def check_bool(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a strict boolean (1 and 0 are not accepted)."""
    if not isinstance(value, bool):
        raise InvalidValue(attribute.name, value, "must be true or false")


def check_optional_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a boolean fact that may be unknown (None)."""
    if value is not None:
        check_bool(instance, attribute, value)
