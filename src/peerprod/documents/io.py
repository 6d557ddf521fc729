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

import json
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import tomli_w
from cattrs.errors import ClassValidationError

from peerprod._convert import atomic_write, collector_paused, describe, nesting_problem, problems
from peerprod.documents.converter import CONVERTER
from peerprod.documents.migrate import migrate
from peerprod.errors import (
    IntegrityError,
    InvalidDocument,
    InvalidValue,
    Problem,
    UnsupportedVersion,
)
from peerprod.model.ecosystem import Ecosystem

__all__ = [
    "FORMAT_VERSION",
    "MAX_NESTING",
    "dump",
    "dumps_json",
    "dumps_toml",
    "load",
    "loads_json",
    "loads_toml",
    "read",
    "write",
]

FORMAT_VERSION: Final = 2
"""The document format this peerprod writes, and the newest it reads.

Older documents are migrated as they are read (see :mod:`peerprod.documents.migrate`);
a document with a higher ``format`` number was written by a newer peerprod and is
refused with :class:`~peerprod.errors.UnsupportedVersion`.
"""

MAX_NESTING: Final = 32
"""Documents nested deeper than this are refused before conversion.

Valid documents nest at most five levels; the limit keeps hostile input from
exhausting the stack.
"""

_SUMMARY = "invalid peerprod document"


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
            _SUMMARY, [Problem(path="$", message=f"expected a table, got {describe(data)}")]
        )
    nesting = nesting_problem(data, MAX_NESTING)
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
                    message=f"expected a positive whole number, got {describe(version)}",
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
    if version < FORMAT_VERSION:
        body = migrate({**body, "format": version})
        del body["format"]
    try:
        with collector_paused():
            return CONVERTER.structure(body, Ecosystem)
    except (ClassValidationError, IntegrityError, InvalidValue) as exc:
        raise InvalidDocument(_SUMMARY, problems(exc, "$")) from exc


def dump(ecosystem: Ecosystem) -> dict[str, Any]:
    """Turn an :class:`~peerprod.Ecosystem` into a document of plain data.

    Fields left at their defaults are omitted and sets are sorted, so equal
    ecosystems give equal documents; ``load(dump(e)) == e``.
    """
    unstructured: dict[str, Any] = CONVERTER.unstructure(ecosystem)
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
        raise exc.within(str(path)) from exc


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
    atomic_write(path, writer(ecosystem))
