"""Flattening the fields of domain values into scalar graph attributes, and back.

Graph files hold scalars only, so a value's fields become attributes by three rules
(see :mod:`peerprod.graphs.layout`): scalars stay, nested tables become dotted
names, anything else becomes JSON text under ``name:json``. The values come from
the graph converter, :func:`peerprod.documents.make_converter` with every nested
value written as a table, so the graph says what a document says.

:func:`flatten` applies the rules to what the converter unstructures. :func:`fill`
gives the same result without building the nested tables first: for each class it
follows a plan made once from the class's fields, and asks the converter only for the
values whose shape the field's type does not settle (a decimal, a set). The tests check
that the two agree.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs
import cattrs
import cattrs.gen

from peerprod.documents.converter import make_converter
from peerprod.errors import Problem
from peerprod.graphs.layout import JSON_SUFFIX
from peerprod.model.ecosystem import Ecosystem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

Scalar: TypeAlias = str | int | float | bool
"""A value every graph file format can hold."""


def _attrs_classes(root: type, seen: set[type] | None = None) -> list[type]:
    """The attrs classes reachable from ``root``'s fields, innermost first.

    A generated hook captures the hooks of its fields when it is made, so the
    innermost classes must be registered first.
    """
    seen = set() if seen is None else seen
    seen.add(root)
    found: list[type] = []
    for hint in typing.get_type_hints(root).values():
        for inner in _types_in(hint):
            if isinstance(inner, type) and attrs.has(inner) and inner not in seen:
                found.extend(_attrs_classes(inner, seen))
    found.append(root)
    return found


def _types_in(hint: Any) -> Iterator[Any]:
    yield hint
    for arg in typing.get_args(hint):
        yield from _types_in(arg)


def _graph_converter() -> cattrs.Converter:
    # Documents may write a nested value in a short form (a license as its bare
    # SPDX expression); graphs always write tables, so that every value is an
    # attribute of its own (``license.kind``) that tools can filter on.
    converter = make_converter()
    for cls in _attrs_classes(Ecosystem):
        table: Callable[[Any], dict[str, Any]] = cattrs.gen.make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True
        )
        converter.register_unstructure_hook(cls, table)
    return converter


CONVERTER: Final = _graph_converter()
"""The converter of graph attributes (documents' converter, nested values as tables)."""

# One encoder for every value: json.dumps with options builds a new one per call.
_JSON_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
encode_json: Final = _JSON_ENCODER.encode


def flatten(data: Mapping[str, Any], out: dict[str, Scalar], prefix: str = "") -> None:
    """Flatten unstructured data into ``out`` by the three rules."""
    for key, value in data.items():
        name = prefix + key
        if isinstance(value, str | int | float):  # bool is an int
            out[name] = value
        elif isinstance(value, dict) and value:
            flatten(value, out, name + ".")
        else:
            out[name + JSON_SUFFIX] = encode_json(value)


# --- plans ----------------------------------------------------------------------------------


class _How(enum.Enum):
    VALUE = 1
    """A str, int, float or bool field: the value is its own wire form."""
    ENUM = 2
    """An enum field: its value."""
    TABLE = 3
    """A nested attrs value: its fields, under dotted names."""
    LIST = 4
    """A tuple or set field: JSON text of what the converter gives."""
    CONVERTED = 5
    """Anything else: what the converter gives, flattened by the rules."""


_VALUE: Final = _How.VALUE
_ENUM: Final = _How.ENUM
_TABLE: Final = _How.TABLE
_LIST: Final = _How.LIST
_REQUIRED: Final = object()

# (attribute, flat name, how, default or _REQUIRED, converter hook, nested plan, JSON name)
Step: TypeAlias = tuple[str, str, _How, Any, Any, "tuple[Step, ...]", str]


def _how(hint: Any) -> tuple[_How, Any]:
    """How a field of type ``hint`` is written, and the type to ask the converter about."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        if len(args) == 1:
            return _how(args[0])
        if all(a in (str, int, float, bool) for a in args):
            return _How.VALUE, hint
        return _How.CONVERTED, hint
    if hint in (str, int, float, bool):
        return _How.VALUE, hint
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _How.ENUM, hint
    if isinstance(hint, type) and attrs.has(hint):
        return _How.TABLE, hint
    if typing.get_origin(hint) in (tuple, frozenset):
        return _How.LIST, hint
    return _How.CONVERTED, hint


def plan(cls: type, *, prefix: str = "", skip: Iterable[str] = ()) -> tuple[Step, ...]:
    """The steps that flatten an instance of ``cls``, leaving out the fields in ``skip``."""
    hints = typing.get_type_hints(cls)
    skipped = frozenset(skip)
    steps: list[Step] = []
    for field in attrs.fields(cls):
        if field.name in skipped:
            continue
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            msg = f"{cls.__name__}.{field.name}: factory defaults are not supported"
            raise TypeError(msg)
        how, tp = _how(hints[field.name])
        name = prefix + field.name
        nested = plan(tp, prefix=name + ".") if how is _How.TABLE else ()
        hook = CONVERTER.get_unstructure_hook(tp) if how in (_LIST, _How.CONVERTED) else None
        default = _REQUIRED if field.default is attrs.NOTHING else field.default
        steps.append((field.name, name, how, default, hook, nested, name + JSON_SUFFIX))
    return tuple(steps)


def fill(value: object, steps: tuple[Step, ...], out: dict[str, Scalar]) -> None:
    """Add the flattened fields of ``value`` to ``out``, following its plan.

    Gives what :func:`flatten` gives for the converter's unstructured ``value``,
    without building the nested tables.
    """
    for attribute, name, how, default, hook, nested, json_name in steps:
        field = getattr(value, attribute)
        if default is not _REQUIRED and field == default:
            continue
        if field is None:
            out[json_name] = "null"
        elif how is _VALUE:
            out[name] = field
        elif how is _ENUM:
            out[name] = field.value
        elif how is _TABLE:
            before = len(out)
            fill(field, nested, out)
            if len(out) == before:
                out[json_name] = "{}"
        elif how is _LIST:
            out[json_name] = encode_json(hook(field))
        else:
            converted = hook(field)
            if isinstance(converted, str | int | float):
                out[name] = converted
            else:
                flatten({attribute: converted}, out, name[: len(name) - len(attribute)])


# --- back -----------------------------------------------------------------------------------


def unflatten(
    items: Iterable[tuple[object, object]],
    into: dict[str, Any],
    where: str,
    problems: list[Problem],
) -> None:
    """Rebuild nested tables from flattened attributes, reporting names that do not fit."""
    for raw_name, raw_value in items:
        if not isinstance(raw_name, str):
            problems.append(Problem(path=where, message=f"attribute name {raw_name!r} is not text"))
            continue
        name, value = raw_name, raw_value
        if name.endswith(JSON_SUFFIX):
            name = name.removesuffix(JSON_SUFFIX)
            try:
                if not isinstance(raw_value, str):
                    raise TypeError(f"expected JSON text, got {type(raw_value).__name__}")
                value = json.loads(raw_value)
            except (ValueError, TypeError, RecursionError) as exc:
                problems.append(Problem(path=f"{where}.{raw_name}", message=str(exc)))
                continue
        parts = name.split(".")
        if not all(parts):
            problems.append(Problem(path=f"{where}.{raw_name}", message="malformed name"))
            continue
        table: dict[str, Any] | None = into
        for part in parts[:-1]:
            inner = table.setdefault(part, {}) if table is not None else None
            table = inner if isinstance(inner, dict) else None
        if table is None or parts[-1] in table:
            problems.append(
                Problem(path=f"{where}.{raw_name}", message="conflicts with another attribute")
            )
            continue
        table[parts[-1]] = value
