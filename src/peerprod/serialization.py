"""Loading and dumping peerprod documents: plain data, JSON and TOML.

A document is a table with a ``format`` version number and the fields of an
:class:`~peerprod.Ecosystem`. All conversion goes through one cattrs converter
built by :func:`make_converter`; the model classes know nothing of any wire
format. Loading never mutates its input, and any failure is one
:class:`~peerprod.errors.InvalidDocument` listing every problem with its path.

Example:
    >>> from peerprod import serialization as ser
    >>> doc = {"format": 1, "id": "demo", "name": "Demo",
    ...        "actors": [{"id": "c", "kind": "community", "name": "Community"}]}
    >>> eco = ser.load(doc)
    >>> ser.dump(eco) == doc
    True
    >>> ser.load({"format": 1, "id": "demo", "name": "Demo",
    ...           "actors": [{"id": "c", "kind": "corp", "name": "C", "age": 3}]})
    Traceback (most recent call last):
    ...
    peerprod.errors.InvalidDocument: invalid peerprod document (2 problems):
      actors[0].kind: 'corp' is not one of 'community', 'foundation', 'business', ...
      actors[0]: unknown field 'age'
"""

from __future__ import annotations

import contextlib
import enum
import functools
import gc
import json
import re
import tomllib
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

import attrs
import cattrs
import cattrs.gen
import tomli_w
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from peerprod.ecosystem import Ecosystem
from peerprod.errors import (
    IntegrityError,
    InvalidDocument,
    InvalidValue,
    LicenseError,
    Problem,
    UnsupportedVersion,
)
from peerprod.licenses import License

__all__ = [
    "FORMAT_VERSION",
    "MAX_NESTING",
    "dump",
    "dumps_json",
    "dumps_toml",
    "load",
    "loads_json",
    "loads_toml",
    "make_converter",
    "read",
    "write",
]

FORMAT_VERSION: Final = 1
"""The document format this peerprod writes, and the newest it reads.

A document with a higher ``format`` number was written by a newer peerprod
and is refused with :class:`~peerprod.errors.UnsupportedVersion`.
"""

MAX_NESTING: Final = 32
"""Documents nested deeper than this are refused before conversion.

Valid documents nest at most five levels; the limit keeps hostile input from
exhausting the stack.
"""

_SUMMARY = "invalid peerprod document"


class _WrongValue(TypeError):
    """A value of the wrong type or outside a vocabulary, with a message fit for users."""


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    return f"{type(value).__name__} {value!r}"


def _strict_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        raise _WrongValue(f"expected a string, got {_describe(value)}")
    return value


def _strict_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        raise _WrongValue(f"expected true or false, got {_describe(value)}")
    return value


def _strict_number(value: object, _type: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _WrongValue(f"expected a number, got {_describe(value)}")
    return value


def _structure_decimal(value: object, _type: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _WrongValue(f"expected a number or a decimal string, got {_describe(value)}")
    try:
        # A float goes through its shortest repr, so 0.1 means one tenth.
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise _WrongValue(f"expected a decimal number, got {value!r}") from None


def _enum_hook(enum_type: type[enum.Enum]) -> Callable[[Any, Any], enum.Enum]:
    members = {member.value: member for member in enum_type}
    allowed = ", ".join(repr(value) for value in members)

    def structure(value: Any, _type: Any) -> enum.Enum:
        # Only the exact wire strings are accepted: never 1 for a member, never a name.
        if isinstance(value, str):
            member = members.get(value)
            if member is not None:
                return member
        shown = repr(value) if isinstance(value, str) else _describe(value)
        raise _WrongValue(f"{shown} is not one of {allowed}")

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
            raise _WrongValue(f"expected a list, got {_describe(value)}")
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
                raise _WrongValue(f"expected a table, got {_describe(value)}")
            return table(value, cls)

        return structure

    converter.register_structure_hook_factory(attrs.has, attrs_hook)
    license_table = cattrs.gen.make_dict_structure_fn(License, converter)

    def structure_license(value: Any, _type: Any) -> License:
        if isinstance(value, str):
            return License.from_spdx(value)
        if not isinstance(value, dict):
            raise _WrongValue(
                f"expected an SPDX expression or a license table, got {_describe(value)}"
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
    return converter


@functools.lru_cache(maxsize=4096)
def _spdx_reading(expression: str) -> License | None:
    try:
        return License.from_spdx(expression)
    except LicenseError:
        return None


_CONVERTER: Final = make_converter()


def _join(path: str, name: str) -> str:
    if not name:
        return path
    if path == "$":
        return name
    return f"{path}{name}" if name.startswith("[") else f"{path}.{name}"


def _problems(exc: BaseException, path: str) -> list[Problem]:
    """Walk a cattrs exception tree into located problems (cf. cattrs.transform_error)."""
    if isinstance(exc, IterableValidationError):
        found: list[Problem] = []
        with_index, without_index = exc.group_exceptions()
        for sub, index_note in with_index:
            found.extend(_problems(sub, _join(path, f"[{index_note.index!r}]")))
        for sub in without_index:
            found.extend(_problems(sub, path))
        return found
    if isinstance(exc, ClassValidationError):
        found = []
        with_name, without_name = exc.group_exceptions()
        for sub, name_note in with_name:
            found.extend(_problems(sub, _join(path, name_note.name)))
        for sub in without_name:
            found.extend(_problems(sub, path))
        return found
    if isinstance(exc, IntegrityError):
        return [Problem(path=_join(path, p.path), message=p.message) for p in exc.problems]
    if isinstance(exc, InvalidValue):
        return [
            Problem(path=_join(path, exc.field), message=f"{exc.message}, got {_shown(exc.value)}")
        ]
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        plural = "s" * (len(exc.extra_fields) != 1)
        return [Problem(path=path, message=f"unknown field{plural} {keys}")]
    if isinstance(exc, KeyError):
        return [Problem(path=path, message="required field missing")]
    if isinstance(exc, _WrongValue | ValueError | TypeError):
        return [Problem(path=path, message=str(exc))]
    raise exc


def _shown(value: object) -> str:
    return repr(value.value if isinstance(value, enum.Enum) else value)


def _nesting_problem(data: object) -> Problem | None:
    # Iterative, so hostile nesting cannot overflow the stack here.
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_NESTING:
            return Problem(path="$", message=f"nested deeper than {MAX_NESTING} levels")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list | tuple):
            stack.extend((item, depth + 1) for item in value)
    return None


def load(data: Mapping[str, Any]) -> Ecosystem:
    """Build an :class:`~peerprod.Ecosystem` from a document held as plain data.

    Args:
        data: A mapping as produced by :func:`json.loads` or :func:`tomllib.loads`.
            It is read, never modified.

    Returns:
        The ecosystem the document describes.

    Raises:
        UnsupportedVersion: the document's ``format`` is newer than
            :data:`FORMAT_VERSION`.
        InvalidDocument: anything else is wrong; every problem is listed
            with its path.
    """
    if not isinstance(data, Mapping):
        raise InvalidDocument(
            _SUMMARY, [Problem(path="$", message=f"expected a table, got {_describe(data)}")]
        )
    nesting = _nesting_problem(data)
    if nesting is not None:
        raise InvalidDocument(_SUMMARY, [nesting])
    body = dict(data)
    version = body.pop("format", None)
    if version is None:
        raise InvalidDocument(
            _SUMMARY,
            [
                Problem(
                    path="format",
                    message=f"required field missing (this peerprod writes {FORMAT_VERSION})",
                )
            ],
        )
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidDocument(
            _SUMMARY,
            [
                Problem(
                    path="format",
                    message=f"expected a positive whole number, got {_describe(version)}",
                )
            ],
        )
    if version > FORMAT_VERSION:
        raise UnsupportedVersion(
            "unsupported peerprod document",
            [
                Problem(
                    path="format",
                    message=f"format {version} was written by a newer peerprod; "
                    f"this one reads formats up to {FORMAT_VERSION}",
                )
            ],
        )
    try:
        with _collector_paused():
            return _CONVERTER.structure(body, Ecosystem)
    except (ClassValidationError, IntegrityError, InvalidValue) as exc:
        raise InvalidDocument(_SUMMARY, _problems(exc, "$")) from exc


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    # Building a large document allocates hundreds of thousands of frozen
    # values, none of which can form a reference cycle; the cyclic collector
    # would run full passes that free nothing and make loading superlinear.
    # Pausing it keeps cost linear; its prior state is restored.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def dump(ecosystem: Ecosystem) -> dict[str, Any]:
    """Turn an :class:`~peerprod.Ecosystem` into a document of plain data.

    Fields left at their defaults are omitted and sets are sorted, so equal
    ecosystems give equal documents; ``load(dump(e)) == e``.
    """
    unstructured: dict[str, Any] = _CONVERTER.unstructure(ecosystem)
    return {"format": FORMAT_VERSION, **unstructured}


def loads_json(text: str | bytes) -> Ecosystem:
    """Load an ecosystem from JSON text.

    Raises:
        InvalidDocument: the text is not JSON (the problem names the line and
            column) or the document is invalid.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem(path=f"line {exc.lineno}, column {exc.colno}", message=exc.msg)
        raise InvalidDocument("invalid JSON", [problem]) from exc
    except UnicodeDecodeError as exc:
        raise InvalidDocument("invalid JSON", [Problem(path="$", message=str(exc))]) from exc
    except RecursionError as exc:
        problem = Problem(path="$", message=f"nested deeper than {MAX_NESTING} levels")
        raise InvalidDocument(_SUMMARY, [problem]) from exc
    return load(data)


def dumps_json(ecosystem: Ecosystem, *, indent: int | None = 2) -> str:
    """Write an ecosystem as JSON text, ending in a newline; keys keep the model's order."""
    return json.dumps(dump(ecosystem), indent=indent, ensure_ascii=False) + "\n"


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def loads_toml(text: str) -> Ecosystem:
    """Load an ecosystem from TOML text.

    Raises:
        InvalidDocument: the text is not TOML (the problem names the line and
            column) or the document is invalid.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        match = _TOML_POSITION.search(message)
        where = f"line {match[1]}, column {match[2]}" if match else "$"
        message = _TOML_POSITION.sub("", message).strip()
        raise InvalidDocument("invalid TOML", [Problem(path=where, message=message)]) from exc
    except RecursionError as exc:
        problem = Problem(path="$", message=f"nested deeper than {MAX_NESTING} levels")
        raise InvalidDocument(_SUMMARY, [problem]) from exc
    return load(data)


def dumps_toml(ecosystem: Ecosystem) -> str:
    """Write an ecosystem as TOML text."""
    return tomli_w.dumps(dump(ecosystem))


_READERS: Final[dict[str, Callable[[str], Ecosystem]]] = {
    ".json": loads_json,
    ".toml": loads_toml,
}
_WRITERS: Final[dict[str, Callable[[Ecosystem], str]]] = {
    ".json": dumps_json,
    ".toml": dumps_toml,
}


def read(path: str | Path) -> Ecosystem:
    """Load an ecosystem from a ``.json`` or ``.toml`` file.

    Raises:
        InvalidDocument: the file's suffix is neither, or its content is
            invalid; problems are prefixed with the file name.
        OSError: the file cannot be read.
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        problem = Problem(path=str(path), message="expected a .json or .toml file")
        raise InvalidDocument("unknown document type", [problem])
    text = path.read_text(encoding="utf-8")
    try:
        return reader(text)
    except InvalidDocument as exc:
        located = [Problem(path=f"{path}: {p.path}", message=p.message) for p in exc.problems]
        raise type(exc)(f"{exc.summary} in {path}", located) from exc


def write(ecosystem: Ecosystem, path: str | Path) -> None:
    """Write an ecosystem to a ``.json`` or ``.toml`` file, chosen by suffix.

    Raises:
        ValueError: the suffix is neither.
    """
    path = Path(path)
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        msg = f"{path}: expected a .json or .toml file name"
        raise ValueError(msg)
    path.write_text(writer(ecosystem), encoding="utf-8")
