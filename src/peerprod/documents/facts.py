"""How an arrangement's facts, and sources, are written in documents.

A fact that is known is written as its value; one that is not, as ``"unknown"``
(or left out); one narrowed to possibilities, as follows:

=================  ===================================  ==============================================
fact               exactly known                        not known exactly
=================  ===================================  ==============================================
yes or no          ``community = true``                 ``community = "unknown"``
ordinal            ``design = "shared"``                ``design = ["organizer", "shared"]`` (one of)
set                ``contributions = ["code"]``         ``{known = ["code"], maybe = ["data"]}``, or
                                                        ``{one_of = [["code"], ["designs"]]}``
=================  ===================================  ==============================================

A monetization is a table ``{channel = "attention", by = "organizer"}`` (``by`` is
left out for channel ``"none"``). A source is a table with a ``title`` and,
ideally, a ``url``, a ``date`` (``"2024-12-15"``, ``"2024-12"`` or ``"2009"``; a TOML
date works too) and the facts it ``supports``; a bare string is a source with a
title only.
"""  # noqa: E501

from __future__ import annotations

import datetime
import enum
import types
import typing
from typing import TYPE_CHECKING, Any

import cattrs
import cattrs.gen

from peerprod._convert import WrongValue, describe, remembered_sets, table
from peerprod.model.sources import Source
from peerprod.model.uncertainty import UNKNOWN, Between, OneOf, Unknown

if TYPE_CHECKING:
    from collections.abc import Callable


__all__ = ["register_fact_hooks"]


def _is_fact(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and Unknown in typing.get_args(
        tp
    )


def _shape(tp: Any) -> tuple[str, Any]:
    """What kind of fact a union describes: ("bool", bool), ("scalar", E) or ("set", M)."""
    for arg in typing.get_args(tp):
        if arg is bool:
            return "bool", bool
        if typing.get_origin(arg) is frozenset:
            return "set", typing.get_args(arg)[0]
        if isinstance(arg, type) and issubclass(arg, enum.Enum) and arg is not Unknown:
            return "scalar", arg
    msg = f"not a fact type: {tp!r}"
    raise TypeError(msg)


def _fact_hook(tp: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    shape, inner = _shape(tp)
    if shape == "bool":
        return _bool_fact
    member = converter.get_structure_hook(inner)
    if shape == "scalar":

        def structure_scalar(value: Any, _type: Any) -> Any:
            if value == "unknown":
                return UNKNOWN
            if isinstance(value, list):
                if len(value) < 2:
                    raise WrongValue("a list of possibilities needs at least two values")
                return OneOf(member(v, inner) for v in value)
            return member(value, inner)

        return structure_scalar

    set_type = frozenset[inner]  # type: ignore[valid-type]
    members = converter.get_structure_hook(set_type)

    def structure_set(value: Any, _type: Any) -> Any:
        if value == "unknown":
            return UNKNOWN
        if isinstance(value, list):
            return members(value, set_type)
        if isinstance(value, dict):
            return _uncertain_set(value, inner, members)
        raise WrongValue(
            f"expected a list, 'unknown', or a table with known/maybe or one_of, "
            f"got {describe(value)}"
        )

    return structure_set


def _bool_fact(value: Any, _type: Any) -> Any:
    if value == "unknown":
        return UNKNOWN
    if not isinstance(value, bool):
        raise WrongValue(f"expected true, false or 'unknown', got {describe(value)}")
    return value


def _uncertain_set(value: dict[str, Any], inner: Any, members: Callable[[Any, Any], Any]) -> Any:
    keys = set(value)
    if keys == {"one_of"}:
        options = value["one_of"]
        if not isinstance(options, list) or len(options) < 2:
            raise WrongValue("one_of needs a list of at least two sets")
        return OneOf(members(option, frozenset[inner]) for option in options)
    if keys <= {"known", "maybe"} and "maybe" in keys:
        known = members(value.get("known", []), frozenset[inner])
        maybe = members(value["maybe"], frozenset[inner])
        return Between(known=known, maybe=maybe)
    raise WrongValue(
        f"expected a table with 'maybe' (and 'known'), or with 'one_of'; got keys "
        f"{', '.join(sorted(map(repr, keys))) or 'none'}"
    )


def _unstructure_fact(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, frozenset):
            # Sets have no order; sorting makes dumps byte-stable.
            return sorted((converter.unstructure(member) for member in value), key=repr)
        return converter.unstructure(value)

    def unstructure(value: Any) -> Any:
        if value is UNKNOWN:
            return "unknown"
        if isinstance(value, Between):
            return {"known": plain(value.known), "maybe": plain(value.maybe)}
        if isinstance(value, OneOf):
            options = [plain(option) for option in value.options]
            if any(isinstance(option, frozenset) for option in value.options):
                return {"one_of": sorted(options, key=repr)}
            return sorted(options, key=repr)
        return plain(value)

    return unstructure


def _unstructure_fact_of(tp: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
    """The unstructure hook of one fact's type: its exact values on a short path.

    Most facts are known exactly, and an ecosystem repeats the same few values: a
    known scalar is written as its wire value directly, and each distinct set once
    (its members are enum members or monetizations, tables of two scalars).
    Anything else takes the general hook.
    """
    general = _unstructure_fact(converter)
    shape, inner = _shape(tp)
    if shape == "bool":

        def unstructure_bool(value: Any) -> Any:
            return value if value is True or value is False else general(value)

        return unstructure_bool
    if shape == "scalar":

        def unstructure_scalar(value: Any) -> Any:
            return value._value_ if type(value) is inner else general(value)

        return unstructure_scalar
    return remembered_sets(general)


def register_fact_hooks(converter: cattrs.Converter) -> None:
    """Teach a converter the document forms of facts, dates and sources.

    Called by :func:`~peerprod.documents.make_converter`; hooks registered later take
    precedence, so a converter built from it can still override these.
    """
    converter.register_structure_hook_factory(_is_fact, lambda tp: _fact_hook(tp, converter))
    converter.register_unstructure_hook_factory(
        _is_fact, lambda tp: _unstructure_fact_of(tp, converter)
    )
    converter.register_unstructure_hook(Unknown, lambda _value: "unknown")
    converter.register_unstructure_hook(OneOf, _unstructure_fact(converter))
    converter.register_unstructure_hook(Between, _unstructure_fact(converter))
    source_table = table(Source, converter).structure
    source_dict = cattrs.gen.make_dict_unstructure_fn(
        Source, converter, _cattrs_omit_if_default=True
    )

    text = converter.get_structure_hook(str)

    def structure_source(value: Any, _type: Any) -> Source:
        if isinstance(value, str):
            return Source(title=text(value, str))
        if isinstance(value, dict) and isinstance(value.get("date"), datetime.date):
            # TOML reads a bare date as a date; the model keeps its ISO text.
            value = {**value, "date": value["date"].isoformat()}
        if not isinstance(value, dict):
            raise WrongValue(f"expected a source table or its title, got {describe(value)}")
        result: Source = source_table(value, Source)
        return result

    def unstructure_source(value: Source) -> Any:
        if value.url is None and value.date is None and not value.supports:
            return value.title
        return source_dict(value)

    converter.register_structure_hook(Source, structure_source)
    converter.register_unstructure_hook(Source, unstructure_source)
