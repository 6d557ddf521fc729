"""The one cattrs converter for peerprod documents.

The model classes know nothing of any wire format; every conversion between
domain values and plain data goes through a converter built by
:func:`make_converter`.
"""

from __future__ import annotations

import enum
import functools
import typing
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final

import attrs
import cattrs
import cattrs.gen
from cattrs.errors import IterableValidationError, IterableValidationNote

from peerprod._convert import WrongValue, describe
from peerprod.documents.facts import register_fact_hooks
from peerprod.errors import LicenseError
from peerprod.licenses.license import License

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CONVERTER", "make_converter"]


def _strict_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        raise WrongValue(f"expected a string, got {describe(value)}")
    return value


def _strict_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        raise WrongValue(f"expected true or false, got {describe(value)}")
    return value


def _strict_number(value: object, _type: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WrongValue(f"expected a number, got {describe(value)}")
    return value


def _structure_decimal(value: object, _type: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise WrongValue(f"expected a number or a decimal string, got {describe(value)}")
    try:
        # A float goes through its shortest repr, so 0.1 means one tenth.
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise WrongValue(f"expected a decimal number, got {value!r}") from None


def _enum_hook(enum_type: type[enum.Enum]) -> Callable[[Any, Any], enum.Enum]:
    members = {member.value: member for member in enum_type}
    allowed = ", ".join(repr(value) for value in members)

    def structure(value: Any, _type: Any) -> enum.Enum:
        # Only the exact wire strings are accepted: never 1 for a member, never a name.
        if isinstance(value, str):
            member = members.get(value)
            if member is not None:
                return member
        shown = repr(value) if isinstance(value, str) else describe(value)
        raise WrongValue(f"{shown} is not one of {allowed}")

    return structure


def _collection_hook(tp: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    # cattrs accepts any iterable, so a string would silently become a tuple of
    # characters and a table a tuple of its keys. Only lists pass here.
    element = typing.get_args(tp)[0]
    inner = converter.get_structure_hook(element)
    container: Callable[[list[Any]], Any] = (
        frozenset if typing.get_origin(tp) is frozenset else tuple
    )

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise WrongValue(f"expected a list, got {describe(value)}")
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(inner(item, element))
            except Exception as exc:
                note = IterableValidationNote(f"Structuring {tp} @ index {index}", index, element)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
        return container(items)

    return structure


def _is_collection(tp: Any) -> bool:
    return typing.get_origin(tp) in (tuple, frozenset)


def _is_set(tp: Any) -> bool:
    return typing.get_origin(tp) is frozenset


def make_converter() -> cattrs.Converter:
    """Build a fresh converter for peerprod documents.

    The converter forbids unknown keys, omits fields left at their defaults
    (TOML has no null), writes sets as sorted lists and decimals as strings,
    accepts enum members only by their wire value, and never coerces types
    (``1`` is not the string ``"1"``). Build your own from this function to
    add hooks; the converter peerprod itself uses is never exposed for
    mutation.

    Returns:
        A new :class:`cattrs.Converter`.

    Example:
        >>> from peerprod import Actor
        >>> make_converter().unstructure(Actor(id="c", kind="community", name="C"))
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidValue: kind: must be a ActorKind member, got 'community'
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=True
    )
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(int | float, _strict_number)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook_factory(
        lambda tp: isinstance(tp, type) and issubclass(tp, enum.Enum), _enum_hook
    )
    converter.register_structure_hook_factory(
        _is_collection, lambda tp: _collection_hook(tp, converter)
    )

    def unstructure_set(value: frozenset[Any]) -> list[Any]:
        # Sets have no order; sorting makes dumps byte-stable.
        return sorted((converter.unstructure(item) for item in value), key=repr)

    converter.register_unstructure_hook_func(_is_set, unstructure_set)

    def attrs_hook(cls: type) -> Callable[[Any, Any], Any]:
        # The generated function expects a mapping; anything else must become
        # a located problem, not an AttributeError from inside cattrs.
        table: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(cls, converter)

        def structure(value: Any, _type: Any) -> Any:
            if not isinstance(value, dict):
                raise WrongValue(f"expected a table, got {describe(value)}")
            return table(value, cls)

        return structure

    converter.register_structure_hook_factory(attrs.has, attrs_hook)
    license_table = cattrs.gen.make_dict_structure_fn(License, converter)

    def structure_license(value: Any, _type: Any) -> License:
        if isinstance(value, str):
            return License.from_spdx(value)
        if not isinstance(value, dict):
            raise WrongValue(
                f"expected an SPDX expression or a license table, got {describe(value)}"
            )
        return license_table(value, License)

    converter.register_structure_hook(License, structure_license)
    license_dict = cattrs.gen.make_dict_unstructure_fn(
        License, converter, _cattrs_omit_if_default=True
    )

    def unstructure_license(value: License) -> str | dict[str, Any]:
        # A license that is exactly what its SPDX expression classifies as is
        # written as the bare expression, the way people write it by hand.
        if value.expression is not None and _spdx_reading(value.expression) == value:
            return value.expression
        result: dict[str, Any] = license_dict(value)
        return result

    converter.register_unstructure_hook(License, unstructure_license)
    register_fact_hooks(converter)
    return converter


@functools.lru_cache(maxsize=4096)
def _spdx_reading(expression: str) -> License | None:
    try:
        return License.from_spdx(expression)
    except LicenseError:
        return None


CONVERTER: Final = make_converter()
"""The converter peerprod itself uses; never mutate it: build your own with
:func:`make_converter`."""
