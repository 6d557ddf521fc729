"""Flattening the fields of domain values into scalar graph attributes, and back.

Graph files hold scalars only, so a value's fields become attributes by three rules
(see :mod:`peerprod.graphs.layout`): scalars stay, nested tables become dotted
names, anything else becomes JSON text under ``name:json``. The values come from
the graph converter, :func:`peerprod.documents.make_converter` with every nested
value written as a table, so the graph says what a document says.

:func:`flatten` applies the rules to what the converter unstructures. :func:`filler`
gives the same result without building the nested tables first: for each class it
generates a function from the class's fields, once, which asks the converter only for
the values whose shape the field's type does not settle (a decimal, a set). The tests
check that the two agree.
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
from peerprod.model.uncertainty import Unknown

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

_FACT_CACHE_LIMIT: Final = 4096
"""The most distinct values of one fact whose flattened form is kept."""

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


# --- generated flattening -------------------------------------------------------------------


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


class Code:
    """Python source being generated, with the values it refers to by name.

    Like attrs and cattrs, peerprod writes a function for each class once, from its
    fields, so that converting many values runs straight-line code with no loop over
    the fields and no test of their types.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {"encode": encode_json, "flatten": flatten}
        self.count = 0

    def constant(self, value: object) -> str:
        """The name by which the generated code refers to ``value``."""
        self.count += 1
        name = f"c{self.count}"
        self.namespace[name] = value
        return name

    def variable(self) -> str:
        """A fresh local name."""
        self.count += 1
        return f"v{self.count}"

    def line(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)

    def function(self, name: str, where: str) -> Callable[..., Any]:
        """Compile the lines and return the function ``name`` they define."""
        source = "\n".join(self.lines) + "\n"
        exec(compile(source, f"<peerprod graph: {where}>", "exec"), self.namespace)
        function: Callable[..., Any] = self.namespace[name]
        return function


def leading(
    cls: type, value: str, *, skip: Iterable[str] = ()
) -> tuple[list[tuple[str, str]], frozenset[str]]:
    """The first fields of ``cls`` that are always written as they are, as ``(name, code)``.

    A value's table can be built with them in one literal; :func:`fields` writes the
    rest, told to skip these.
    """
    hints = typing.get_type_hints(cls)
    skipped = frozenset(skip)
    found: list[tuple[str, str]] = []
    for field in attrs.fields(cls):
        if field.name in skipped:
            continue
        how, _ = _how(hints[field.name])
        nullable = type(None) in typing.get_args(hints[field.name])
        if field.default is not attrs.NOTHING or nullable or how not in (_How.VALUE, _How.ENUM):
            break
        suffix = "._value_" if how is _How.ENUM else ""
        found.append((field.name, f"{value}.{field.name}{suffix}"))
    return found, frozenset(name for name, _ in found)


def fields(
    code: Code,
    cls: type,
    value: str,
    out: str,
    indent: int,
    *,
    prefix: str = "",
    skip: Iterable[str] = (),
) -> None:
    """Add lines that put the flattened fields of ``value`` (of type ``cls``) in ``out``.

    They give what :func:`flatten` gives for the converter's unstructured value:
    fields at their defaults are left out, as the converter leaves them out.
    """
    hints = typing.get_type_hints(cls)
    skipped = frozenset(skip)
    for field in attrs.fields(cls):
        if field.name in skipped:
            continue
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            msg = f"{cls.__name__}.{field.name}: factory defaults are not supported"
            raise TypeError(msg)
        hint = hints[field.name]
        how, tp = _how(hint)
        name = prefix + field.name
        var = code.variable()
        code.line(indent, f"{var} = {value}.{field.name}")
        inner = indent
        if field.default is None:
            code.line(inner, f"if {var} is not None:")
            inner += 1
        elif field.default is not attrs.NOTHING:
            code.line(inner, f"if {var} != {code.constant(field.default)}:")
            inner += 1
        if type(None) in typing.get_args(hint) and field.default is not None:
            code.line(inner, f"if {var} is None:")
            code.line(inner + 1, f"{out}[{name + JSON_SUFFIX!r}] = 'null'")
            code.line(inner, "else:")
            inner += 1
        _value(
            code, how, tp, var, out=out, indent=inner, name=name, prefix=prefix, field=field.name
        )


def _value(
    code: Code, how: _How, tp: Any, var: str, *, out: str, indent: int, name: str, prefix: str,
    field: str,
) -> None:  # fmt: skip
    """Add lines that put the value in ``var``, not at its default and not None, in ``out``."""
    json_name = name + JSON_SUFFIX
    if how is _How.VALUE:
        code.line(indent, f"{out}[{name!r}] = {var}")
    elif how is _How.ENUM:
        # The member's value, read where Enum keeps it: the value property and a dict
        # keyed by members (which hashes through Python) cost several times more.
        code.line(indent, f"{out}[{name!r}] = {var}._value_")
    elif how is _How.TABLE:
        size = code.variable()
        code.line(indent, f"{size} = len({out})")
        fields(code, tp, var, out, indent, prefix=name + ".")
        code.line(indent, f"if len({out}) == {size}:")
        code.line(indent + 1, f"{out}[{json_name!r}] = '{{}}'")
    elif how is _How.LIST:
        hook = code.constant(CONVERTER.get_unstructure_hook(tp))
        element = typing.get_args(tp)[0]
        if isinstance(element, type) and issubclass(element, enum.Enum):
            # Few sets of a vocabulary's values exist: write each one's JSON once.
            cache, text = code.constant({}), code.variable()
            code.line(indent, f"{text} = {cache}.get({var})")
            code.line(indent, f"if {text} is None:")
            code.line(indent + 1, f"{text} = {cache}[{var}] = encode({hook}({var}))")
            code.line(indent, f"{out}[{json_name!r}] = {text}")
        else:
            code.line(indent, f"{out}[{json_name!r}] = encode({hook}({var}))")
    elif Unknown in typing.get_args(tp):
        # A fact: a value of a small vocabulary (a member, a set of members, one of
        # a few), repeated across an ecosystem's arrangements, whose written form
        # depends on nothing else. Each distinct value is flattened once.
        hook, cache = code.constant(CONVERTER.get_unstructure_hook(tp)), code.constant({})
        items, scratch = code.variable(), code.variable()
        code.line(indent, f"{items} = {cache}.get({var})")
        code.line(indent, f"if {items} is None:")
        code.line(indent + 1, f"if len({cache}) >= {_FACT_CACHE_LIMIT}:")
        code.line(indent + 2, f"{cache}.clear()")
        code.line(indent + 1, f"{scratch} = {{}}")
        code.line(indent + 1, f"flatten({{{field!r}: {hook}({var})}}, {scratch}, {prefix!r})")
        code.line(indent + 1, f"{items} = {cache}[{var}] = tuple({scratch}.items())")
        code.line(indent, f"{out}.update({items})")
    else:
        hook, converted = code.constant(CONVERTER.get_unstructure_hook(tp)), code.variable()
        code.line(indent, f"{converted} = {hook}({var})")
        code.line(indent, f"if isinstance({converted}, (str, int, float)):")
        code.line(indent + 1, f"{out}[{name!r}] = {converted}")
        code.line(indent, "else:")
        code.line(indent + 1, f"flatten({{{field!r}: {converted}}}, {out}, {prefix!r})")


def filler(cls: type, *, skip: Iterable[str] = ()) -> Callable[[Any, dict[str, Scalar]], None]:
    """A function ``fill(value, out)`` that puts the flattened fields of ``value`` in ``out``.

    Example:
        >>> from peerprod import License, LicenseKind
        >>> out = {}
        >>> filler(License)(License(kind=LicenseKind.CORPORATE), out)
        >>> out
        {'kind': 'corporate'}
    """
    code = Code()
    code.line(0, "def fill(value, out):")
    fields(code, cls, "value", "out", 1, skip=skip)
    code.line(1, "return None")
    return code.function("fill", cls.__name__)


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
