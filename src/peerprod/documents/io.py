"""Loading and dumping peerprod documents: plain data, JSON and TOML.

A document is a table with a ``format`` version number and the fields of an
:class:`~peerprod.Ecosystem`. All conversion goes through one cattrs converter
built by :func:`make_converter`; the model classes know nothing of any wire
format. Loading never mutates its input, and any failure is one
:class:`~peerprod.errors.InvalidDocument` listing every problem with its path.

Loading runs these steps, each before the costlier one it protects, and each
once (the :class:`~peerprod.documents.Limits` give the numbers):

1. *The door* (text loaders). The size in bytes is checked; bytes are decoded
   strictly, and text that is not valid Unicode is refused with its line and
   column; one linear scan at C speed refuses nesting too deep (TOML dotted
   keys included) and, in TOML, numbers with too many digits.
2. *Parsing* by :mod:`json` or :mod:`tomllib`; a JSON integer with too many
   digits is refused before it is converted.
3. *The format* (:func:`load`): the ``format`` number is read; a document in
   an older format is brought up to date by :data:`MIGRATIONS`, on its raw data;
   the entities are counted.
4. *Structuring* through the converter's generated hooks, which check types,
   text and numbers as they go; the model's validators and the ecosystem's
   integrity check run as the values are built.

Parsing and structuring run with the garbage collector paused: the values
built form no reference cycles, and collections would only repeat work.

Example:
    >>> from peerprod import documents
    >>> doc = {"format": 2, "id": "demo", "name": "Demo",
    ...        "actors": [{"id": "c", "kind": "community", "name": "Community"}]}
    >>> eco = documents.load(doc)
    >>> documents.dump(eco) == doc
    True
    >>> documents.load({"format": 2, "id": "demo", "name": "Demo",
    ...           "actors": [{"id": "c", "kind": "corp", "name": "C", "age": 3}]})
    Traceback (most recent call last):
    ...
    peerprod.errors.InvalidDocument: invalid peerprod document (2 problems):
      actors[0].kind: 'corp' is not one of 'community', 'foundation', 'business', ...
      actors[0]: unknown field 'age'
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import tomli_w
from cattrs.errors import ClassValidationError

from peerprod._convert import (
    atomic_write,
    collector_paused,
    describe,
    integer_digits,
    problems,
)
from peerprod.documents._scan import (
    decoding_problem,
    encoding_problem,
    json_depth_problem,
    position,
    toml_problem,
)
from peerprod.documents.converter import CONVERTER
from peerprod.documents.limits import DEFAULT_LIMITS, Limits, applied, digit_limit
from peerprod.documents.migrate import MIGRATIONS, Migration
from peerprod.errors import (
    DocumentTooLarge,
    IntegrityError,
    InvalidDocument,
    InvalidValue,
    Problem,
    UnsupportedVersion,
    UnwritableDocument,
)
from peerprod.model.ecosystem import Ecosystem
from peerprod.model.references import SECTIONS

__all__ = [
    "FORMAT_VERSION",
    "MAX_NESTING",
    "MIGRATIONS",
    "Migration",
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

MAX_NESTING: Final = DEFAULT_LIMITS.max_depth
"""Text nested deeper than this is refused before it is parsed, unless the
caller's :class:`~peerprod.documents.Limits` say otherwise
(:attr:`~peerprod.documents.Limits.max_depth`)."""


_SUMMARY = "invalid peerprod document"
_SECTION_NAMES: Final = tuple(section.name for section in SECTIONS)


def _problem(path: str, message: str) -> InvalidDocument:
    return InvalidDocument(_SUMMARY, [Problem(path=path, message=message)])


def load(data: Mapping[str, Any], *, limits: Limits | None = None) -> Ecosystem:
    """Build an :class:`~peerprod.Ecosystem` from a document held as plain data.

    Args:
        data: A mapping as produced by :func:`json.loads` or :func:`tomllib.loads`.
            It is read, never modified.
        limits: The most entities and digits to accept;
            :data:`~peerprod.documents.DEFAULT_LIMITS` if None.

    Returns:
        The ecosystem the document describes.

    Raises:
        UnsupportedVersion: the document's ``format`` is newer than
            :data:`FORMAT_VERSION`.
        DocumentTooLarge: the document holds more entities than the limit.
        InvalidDocument: anything else is wrong; every problem is listed
            with its path.

    Nesting is not measured here: structuring follows the document format,
    which nests five levels at most, and names a value nested where the format
    has none (``actors[0]: expected a table, got a list``) without looking inside.
    """
    limits = DEFAULT_LIMITS if limits is None else limits
    if not isinstance(data, Mapping):
        raise _problem("$", f"expected a table, got {describe(data)}")
    body = dict(data)
    version = _format_of(body.pop("format", None), limits)
    if version < FORMAT_VERSION:
        body = _migrated(body, version)
    entities = sum(
        len(section)
        for name in _SECTION_NAMES
        if isinstance(section := body.get(name), list | tuple)
    )
    if entities > limits.max_entities:
        message = (
            f"{entities} entities exceed the limit of {limits.max_entities} (Limits.max_entities)"
        )
        raise DocumentTooLarge(
            Problem(path="$", message=message),
            limit="max_entities",
            allowed=limits.max_entities,
        )
    try:
        with collector_paused(), applied(limits):
            return CONVERTER.structure(body, Ecosystem)
    except (ClassValidationError, IntegrityError, InvalidValue) as exc:
        raise InvalidDocument(_SUMMARY, problems(exc, "$")) from exc


def _format_of(version: object, limits: Limits) -> int:
    if version is None:
        raise _problem("format", f"required field missing (this peerprod writes {FORMAT_VERSION})")
    if (
        isinstance(version, bool)
        or not isinstance(version, int)
        or version < 1
        or integer_digits(version) > digit_limit(limits)
    ):
        raise _problem("format", f"expected a positive whole number, got {describe(version)}")
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
    return version


def _migrated(body: dict[str, Any], version: int) -> dict[str, Any]:
    for step_from in range(version, FORMAT_VERSION):
        step = MIGRATIONS.get(step_from)
        if step is None:
            raise UnsupportedVersion(
                "unsupported peerprod document",
                [
                    Problem(
                        path="format",
                        message=f"format {version} is no longer read; this peerprod "
                        f"reads format {FORMAT_VERSION}",
                    )
                ],
            )
        body = step(dict(body))
    return body


def dump(ecosystem: Ecosystem) -> dict[str, Any]:
    """Turn an :class:`~peerprod.Ecosystem` into a document of plain data.

    Fields left at their defaults are omitted and sets are sorted, so equal
    ecosystems give equal documents; ``load(dump(e)) == e``.
    """
    # The plain data is hundreds of thousands of fresh lists and dicts with no
    # cycles; the collector would walk them again and again while they are built.
    with collector_paused():
        unstructured: dict[str, Any] = CONVERTER.unstructure(ecosystem)
    return {"format": FORMAT_VERSION, **unstructured}


def _too_large(size: str, limits: Limits) -> DocumentTooLarge:
    message = f"{size} exceed the limit of {limits.max_bytes} bytes (Limits.max_bytes)"
    return DocumentTooLarge(
        Problem(path="$", message=message), limit="max_bytes", allowed=limits.max_bytes
    )


def _over_limit(problem: Problem, limits: Limits) -> InvalidDocument:
    # The scans name the limit in their message; the error says which one as data.
    for name in ("max_depth", "max_digits"):
        if f"Limits.{name}" in problem.message:
            return DocumentTooLarge(problem, limit=name, allowed=getattr(limits, name))
    return InvalidDocument(_SUMMARY, [problem])  # pragma: no cover - every scan names one


def _text_and_bytes(
    text: str | bytes, limits: Limits, kind: str, encoding: str | None = None
) -> tuple[str, bytes]:
    """The document as text and as UTF-8, once its size and its Unicode are checked."""
    if isinstance(text, str):
        if len(text) > limits.max_bytes:
            size = "bytes" if text.isascii() else "characters (at least as many bytes)"
            raise _too_large(f"{len(text)} {size}", limits)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InvalidDocument(f"invalid {kind}", [encoding_problem(text, exc)]) from None
        if len(data) > limits.max_bytes:
            raise _too_large(f"{len(data)} bytes", limits)
        return text, data
    data = bytes(text)
    if len(data) > limits.max_bytes:
        raise _too_large(f"{len(data)} bytes", limits)
    encoding = encoding or json.detect_encoding(data)
    try:
        decoded = data.decode(encoding)
    except UnicodeDecodeError as exc:
        problem = decoding_problem(data, encoding, exc)
        raise InvalidDocument(f"invalid {kind}", [problem]) from None
    if not encoding.startswith("utf-8"):
        data = decoded.encode("utf-8")
    return decoded, data


class _LongInteger(Exception):
    def __init__(self, digits: str) -> None:
        self.digits = digits


def _integers(max_digits: int) -> Callable[[str], int]:
    # Python converts an integer in time quadratic in its digits, and refuses
    # one of more than 4300: the length is checked first.
    def parse(digits: str) -> int:
        if len(digits) > max_digits and len(digits.lstrip("-")) > max_digits:
            raise _LongInteger(digits)
        return int(digits)

    return parse


def loads_json(text: str | bytes, *, limits: Limits | None = None) -> Ecosystem:
    """Load an ecosystem from JSON text.

    Args:
        text: JSON as text, or as bytes in UTF-8 (or UTF-16 or UTF-32, as
            :func:`json.loads` detects them).
        limits: What to accept; :data:`~peerprod.documents.DEFAULT_LIMITS` if None.

    Raises:
        DocumentTooLarge: the text is over a limit: too long, nested too deep,
            a number with too many digits, too many entities.
        InvalidDocument: the text is not JSON or not valid Unicode (the problem
            names the line and column), or the document is invalid.
    """
    limits = DEFAULT_LIMITS if limits is None else limits
    text, data = _text_and_bytes(text, limits, "JSON")
    depth = json_depth_problem(data, limits.max_depth)
    del data
    if depth is not None:
        raise _over_limit(depth, limits)
    with collector_paused():
        try:
            parsed = json.loads(text, parse_int=_integers(digit_limit(limits)))
        except json.JSONDecodeError as exc:
            problem = Problem(path=f"line {exc.lineno}, column {exc.colno}", message=exc.msg)
            raise InvalidDocument("invalid JSON", [problem]) from None
        except _LongInteger as exc:
            where = text.find(exc.digits)
            count = len(exc.digits.lstrip("-"))
            problem = Problem(
                path=position(text, where) if where >= 0 else "$",
                message=f"a number of {count} digits is longer than the limit of "
                f"{digit_limit(limits)} digits (Limits.max_digits)",
            )
            raise _over_limit(problem, limits) from None
        except RecursionError:  # pragma: no cover - the scan refuses such text first
            problem = Problem(path="$", message="nested too deep for the parser")
            raise InvalidDocument("invalid JSON", [problem]) from None
        return load(parsed, limits=limits)


def dumps_json(ecosystem: Ecosystem, *, indent: int | None = 2) -> str:
    """Write an ecosystem as JSON text, ending in a newline; keys keep the model's order."""
    document = dump(ecosystem)
    with collector_paused():
        return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def loads_toml(text: str | bytes, *, limits: Limits | None = None) -> Ecosystem:
    """Load an ecosystem from TOML text.

    Args:
        text: TOML as text, or as bytes in UTF-8.
        limits: What to accept; :data:`~peerprod.documents.DEFAULT_LIMITS` if None.

    Raises:
        DocumentTooLarge: the text is over a limit: too long, nested too deep
            (a dotted key of too many parts counts), a number with too many
            digits, too many entities.
        InvalidDocument: the text is not TOML or not valid Unicode (the problem
            names the line and column), or the document is invalid.
    """
    limits = DEFAULT_LIMITS if limits is None else limits
    text, data = _text_and_bytes(text, limits, "TOML", encoding="utf-8")
    del data
    scanned = toml_problem(text, limits)
    if scanned is not None:
        raise _over_limit(scanned, limits)
    with collector_paused():
        try:
            parsed = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc.args[0]) if exc.args else str(exc)
            match = _TOML_POSITION.search(message)
            where = f"line {match[1]}, column {match[2]}" if match else "$"
            message = _TOML_POSITION.sub("", message).strip()
            raise InvalidDocument("invalid TOML", [Problem(path=where, message=message)]) from None
        except (RecursionError, ValueError):  # pragma: no cover - the scan refuses such text
            problem = Problem(path="$", message="nested too deep or a number too long to parse")
            raise InvalidDocument("invalid TOML", [problem]) from None
        return load(parsed, limits=limits)


def dumps_toml(ecosystem: Ecosystem) -> str:
    """Write an ecosystem as TOML text."""
    return tomli_w.dumps(dump(ecosystem))


_READERS: Final[dict[str, Callable[..., Ecosystem]]] = {
    ".json": loads_json,
    ".toml": loads_toml,
}
_WRITERS: Final[dict[str, Callable[[Ecosystem], str]]] = {
    ".json": dumps_json,
    ".toml": dumps_toml,
}


def read(path: str | Path, *, limits: Limits | None = None) -> Ecosystem:
    """Load an ecosystem from a ``.json`` or ``.toml`` file.

    The file's size is checked before it is read, and no more than the limit
    is ever read (a file that grows, or a device, cannot make it read more).

    Args:
        path: The file; its suffix, in any case, says which format it holds.
        limits: What to accept; :data:`~peerprod.documents.DEFAULT_LIMITS` if None.

    Raises:
        DocumentTooLarge: the file is over a limit; the problem names the file.
        InvalidDocument: the file's suffix is neither, its bytes are not UTF-8
            (JSON may also be UTF-16 or UTF-32), or its content is invalid;
            problems are prefixed with the file name.
        OSError: the file cannot be read.
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        problem = Problem(path=str(path), message="expected a .json or .toml file")
        raise InvalidDocument("unknown document type", [problem])
    limits = DEFAULT_LIMITS if limits is None else limits
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > limits.max_bytes:
                raise _too_large(f"{size} bytes", limits)
            data = file.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise _too_large(f"more than {limits.max_bytes} bytes", limits)
        return reader(data, limits=limits)
    except InvalidDocument as exc:
        raise exc.within(str(path)) from exc


def write(ecosystem: Ecosystem, path: str | Path) -> None:
    """Write an ecosystem to a ``.json`` or ``.toml`` file, chosen by suffix.

    The text goes to a temporary file in the same folder, which replaces the
    target only once it is complete: whatever fails, a file already there
    keeps its content.

    Raises:
        UnwritableDocument: the suffix is neither, or a text of the ecosystem is
            not valid Unicode (a lone surrogate), listed with its path.
        OSError: the folder cannot be written, or the disk is full.
    """
    path = Path(path)
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        problem = Problem(path=str(path), message="expected a .json or .toml file name")
        raise UnwritableDocument("cannot write peerprod document", [problem])
    text = writer(ecosystem)
    try:
        payload = text.encode("utf-8")
    except UnicodeEncodeError:
        raise UnwritableDocument(
            f"cannot write peerprod document to {path}", _unencodable(dump(ecosystem), "$")
        ) from None
    atomic_write(path, payload)


def _unencodable(value: object, path: str) -> list[Problem]:
    """Every text in a dumped document that is not valid Unicode, with its path."""
    found: list[Problem] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_unencodable(item, key if path == "$" else f"{path}.{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_unencodable(item, f"{path}[{index}]"))
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = value[exc.start : exc.end]
            message = f"{bad!r} at character {exc.start} is not valid Unicode (a lone surrogate)"
            found.append(Problem(path=path, message=message))
    return found
