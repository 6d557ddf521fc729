"""Private helpers shared by the document and graph conversions.

Both read untrusted data through cattrs and report every problem with its
location; both build many frozen values at once. The helpers here do that
once for both.
"""

from __future__ import annotations

import contextlib
import enum
import os
import stat
import tempfile
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs
import cattrs
import cattrs.gen
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from peerprod._collector import collector_paused
from peerprod.errors import IntegrityError, InvalidValue, Problem

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = [
    "Table",
    "WrongValue",
    "atomic_write",
    "collector_paused",
    "describe",
    "integer_digits",
    "join",
    "nesting_problem",
    "problems",
    "remembered_lists",
    "remembered_sets",
    "shown",
    "table",
    "text_key",
]


class Table(NamedTuple):
    """The structure functions cattrs generates for one attrs class (see :func:`table`)."""

    fast: Callable[[Any, Any], Any]
    """Stops at the first problem and leaves unknown keys to its caller."""
    known: frozenset[str]
    """The keys the class accepts."""
    structure: Callable[[Any, Any], Any]
    """Fast when it can be, detailed when it must: what every caller should use."""


def table(cls: type, converter: cattrs.Converter) -> Table:
    """The structure functions of an attrs class for a table (a dict), from cattrs.

    cattrs generates two: a *fast* one, which stops at the first problem and
    leaves unknown keys to its caller, and a *detailed* one, which collects every
    problem of the table, unknown keys included. A table whose keys are all known
    goes through the fast one; if that raises, or a key is unknown, the detailed
    one runs on the same table and raises the full list. Structuring has no side
    effects, so the second run finds what the first did, and a valid document
    never pays for the bookkeeping of an invalid one.
    """
    fast: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=False, _cattrs_detailed_validation=False
    )
    detailed: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    # cattrs reads each field under its name (not its alias) unless told otherwise.
    known = frozenset(field.name for field in attrs.fields(cls) if field.init)

    def structure(value: dict[str, Any], _type: Any) -> Any:
        # A keys view compares with a set in C, without building a set of its own.
        if value.keys() <= known:
            try:
                return fast(value, cls)
            except Exception:
                pass
        return detailed(value, cls)

    return Table(fast=fast, known=known, structure=structure)


class WrongValue(TypeError):
    """A value of the wrong type or outside a vocabulary, with a message fit for users."""


def describe(value: object) -> str:
    """A short description of a value found in a document, safe for any value.

    Containers are named, not printed, so a hostile value nested thousands
    deep or a megabyte long costs nothing to describe.
    """
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int) and not _printable_integer(value):
        return _long_integer(value)
    return f"{type(value).__name__} {shown(value)}"


def join(path: str, name: str) -> str:
    if not name:
        return path
    if path == "$":
        return name
    return f"{path}{name}" if name.startswith("[") else f"{path}.{name}"


def problems(exc: BaseException, path: str) -> list[Problem]:
    """Walk a cattrs exception tree into located problems (cf. cattrs.transform_error)."""
    if isinstance(exc, IterableValidationError):
        found: list[Problem] = []
        with_index, without_index = exc.group_exceptions()
        for sub, index_note in with_index:
            found.extend(problems(sub, join(path, f"[{index_note.index!r}]")))
        for sub in without_index:
            found.extend(problems(sub, path))
        return found
    if isinstance(exc, ClassValidationError):
        found = []
        with_name, without_name = exc.group_exceptions()
        for sub, name_note in with_name:
            found.extend(problems(sub, join(path, name_note.name)))
        for sub in without_name:
            found.extend(problems(sub, path))
        return found
    if isinstance(exc, IntegrityError):
        return [Problem(path=join(path, p.path), message=p.message) for p in exc.problems]
    if isinstance(exc, InvalidValue):
        return [
            Problem(path=join(path, exc.field), message=f"{exc.message}, got {shown(exc.value)}")
        ]
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        plural = "s" * (len(exc.extra_fields) != 1)
        return [Problem(path=path, message=f"unknown field{plural} {keys}")]
    if isinstance(exc, KeyError):
        return [Problem(path=path, message="required field missing")]
    if isinstance(exc, WrongValue | ValueError | TypeError):
        return [Problem(path=path, message=str(exc))]
    raise exc


_SHOWN_CHARACTERS = 300
_SHOWN_DIGITS = 40


REMEMBERED_SETS: Final = 4096
"""The most distinct sets one hook of :func:`remembered_sets` or :func:`remembered_lists`
keeps; past it, the hook forgets them all and starts again."""


def remembered_sets(write: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``write``, with each distinct frozenset written once.

    A document repeats a few sets of a vocabulary's values (a contribution set, a
    monetization set), and sorting each one again is most of what writing it costs.
    Anything but a frozenset goes to ``write`` every time. Only for sets written as
    lists of scalars or of tables of scalars: each call gets a fresh list with fresh
    tables, since callers may change the document they are given.
    """
    written: dict[frozenset[Any], list[Any]] = {}

    def unstructure(value: Any) -> Any:
        if type(value) is not frozenset:
            return write(value)
        found = written.get(value)
        if found is None:
            if len(written) >= REMEMBERED_SETS:
                written.clear()
            found = written[value] = write(value)
        return [dict(item) if type(item) is dict else item for item in found]

    return unstructure


def text_key(items: list[Any]) -> tuple[Any, ...] | None:
    """A hashable key for a list of strings, or of tables of strings; None for anything else.

    Only text goes in a key: ``True == 1`` and ``hash(True) == hash(1)``, so a key
    holding numbers or booleans could make a refused value look like an accepted one.
    """
    key: list[Any] = []
    for item in items:
        if type(item) is str:
            key.append(item)
        elif type(item) is dict and all(type(v) is str for v in item.values()):
            key.append(tuple(item.items()))
        else:
            return None
    return tuple(key)


def remembered_lists(structure: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """A structure hook for lists that structures each distinct list of text once.

    Documents repeat the same few sets of vocabulary (contributions, monetization
    channels, resources, roles). A list that :func:`text_key` can key is looked up
    first; only what structured without a problem is kept, so a refused list is
    refused again with its problems. The hook must return immutable values: they are
    shared between every place that wrote the same list.
    """
    memo: dict[tuple[Any, ...], Any] = {}

    def remembered(value: Any, tp: Any) -> Any:
        key = text_key(value) if type(value) is list else None
        if key is None:
            return structure(value, tp)
        found = memo.get(key)
        if found is None:
            found = structure(value, tp)
            if len(memo) >= REMEMBERED_SETS:
                memo.clear()
            memo[key] = found
        return found

    return remembered


def shown(value: object) -> str:
    """The repr of a value for a message: enums by their wire value, never huge, never failing.

    A repr longer than a few hundred characters is cut and says how long the
    value is; an integer of more than forty digits is described by its length
    (Python refuses to print one of more than 4300); a value whose repr fails
    (a container nested too deep, say) is named by its type.
    """
    value = value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, int) and not isinstance(value, bool) and not _printable_integer(value):
        return f"<{_long_integer(value)}>"
    if isinstance(value, str) and len(value) > _SHOWN_CHARACTERS:
        return f"{value[: _SHOWN_CHARACTERS - 20]!r}... ({len(value)} characters)"
    try:
        text = repr(value)
    except Exception:  # any repr may fail; the message must not
        return f"<{type(value).__name__}>"
    if len(text) > _SHOWN_CHARACTERS:
        return f"{text[: _SHOWN_CHARACTERS - 20]}... ({len(text)} characters)"
    return text


def _printable_integer(value: int) -> bool:
    # Comparing bit lengths first keeps a huge integer from being compared digit by digit.
    return value.bit_length() <= 134 and -(10**_SHOWN_DIGITS) < value < 10**_SHOWN_DIGITS


def integer_digits(value: int) -> int:
    """The number of decimal digits of an integer, without converting a huge one to text."""
    magnitude = abs(value)
    if magnitude.bit_length() <= 3 * 4300:
        with contextlib.suppress(ValueError):
            return len(str(magnitude))
    # log10(2) digits per bit; exact to within one for any size.
    return int(magnitude.bit_length() * 0.30102999566398120) + 1


def _long_integer(value: int) -> str:
    sign = "a negative integer" if value < 0 else "an integer"
    return f"{sign} of {integer_digits(value)} digits"


def nesting_problem(data: object, limit: int) -> Problem | None:
    # Iterative, so hostile nesting cannot overflow the stack here.
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return Problem(path="$", message=f"nested deeper than {limit} levels")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list | tuple):
            stack.extend((item, depth + 1) for item in value)
    return None


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that a failure never leaves a partial or empty file.

    Text is encoded as UTF-8 before the file system is touched, so text that cannot be
    encoded fails with the target as it was. The bytes go to a temporary file in the
    same folder, which replaces the target only once it is complete and on disk; on
    any failure the temporary file is removed and the target keeps its old content.
    A new file gets the permissions ``open()`` would give it; a replaced file keeps
    its own.

    Raises:
        UnicodeEncodeError: ``data`` is text that UTF-8 cannot encode (a lone surrogate).
        OSError: the folder cannot be written, or the disk is full.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".partial"
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
