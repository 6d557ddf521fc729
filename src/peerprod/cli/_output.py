"""What the commands write, and how: escaped text, JSON, bytes, files, and the errors.

Text from documents reaches a terminal only through :func:`escape`, so a name holding
an ANSI escape sequence, a bidirectional override or a lone surrogate is shown as its
code and never acted on. JSON keeps every character, escaped the JSON way. Failures to
write (a closed or full standard output) become a :class:`Failure` with one line.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "PROG",
    "Failure",
    "OutputFailure",
    "UsageError",
    "check_file_name",
    "count",
    "dump_json",
    "error",
    "escape",
    "flush",
    "out",
    "percent",
    "say",
    "table",
    "words",
    "write_bytes",
    "write_file",
    "write_json_text",
    "write_raw",
]


PROG: Final = "peerprod"
"""The program's name, as messages give it."""


class Failure(Exception):
    """Invalid input, or output that cannot be written: one message on stderr, status 1."""


class OutputFailure(Failure):
    """Standard output cannot be written: closed, full, or failing."""


class UsageError(Exception):
    """A mistake on the command line found after parsing: status 2."""


# Characters that can move the cursor, change colours, reorder text or end a line on a
# terminal: C0 and C1 controls, DEL, line and paragraph separators, the bidirectional
# marks, embeddings, overrides and isolates; and lone surrogates, which cannot be encoded.
# JSON and XML never write the C0 controls raw, so they need only the rest.
_BEYOND_C0: Final = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE: Final = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_UNSAFE_ESCAPED: Final = re.compile(f"[{_BEYOND_C0}]")
# A line of output keeps its tabs: harmless on a terminal, and part of some formats.
_UNSAFE_IN_LINE: Final = re.compile(f"[\x00-\x08\x0a-\x1f{_BEYOND_C0}]")
_NAMED: Final = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _code(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    point = ord(char)
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def escape(text: str) -> str:
    r"""``text`` with every unsafe character written as its Python escape code.

    Example:
        >>> escape("Lego\x1b[31m World\u202e")
        'Lego\\x1b[31m World\\u202e'
    """
    return _UNSAFE.sub(lambda match: _code(match.group()), text)


def _escape_lines(text: str) -> str:
    return "\n".join(
        _UNSAFE_IN_LINE.sub(lambda match: _code(match.group()), line) for line in text.split("\n")
    )


def _json_safe(text: str) -> str:
    # Inside JSON strings \uXXXX is the same character, so this loses nothing.
    return _UNSAFE_ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _stdout() -> TextIO:
    stream = sys.stdout
    if stream is None:
        raise OutputFailure("cannot write the output: standard output is closed")
    return stream


def _write(text: str) -> None:
    try:
        _stdout().write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputFailure(f"cannot write to standard output: {exc.strerror or exc}") from exc


def out(text: str = "") -> None:
    """Write lines of text for people, each escaped."""
    _write(_escape_lines(text) + "\n")


def flush() -> None:
    """Flush standard output, so that a full disk is reported before the program ends."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputFailure(f"cannot write to standard output: {exc.strerror or exc}") from exc


def say(text: str) -> None:
    """Write text to standard error, escaped; a closed or broken stderr is let be."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(_escape_lines(text) + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def error(message: str) -> None:
    """Report one error on standard error, as argparse does."""
    say(f"{PROG}: error: {message}")


def write_raw(text: str) -> None:
    """Write text that is already safe: the built-in cases' own files."""
    _write(text)


def write_json_text(text: str) -> None:
    """Write JSON text, with the characters JSON leaves raw escaped."""
    _write(_json_safe(text) if text.endswith("\n") else _json_safe(text) + "\n")


def dump_json(data: object) -> None:
    """Write plain data as indented JSON."""
    write_json_text(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


def write_bytes(content: bytes, *, xml: bool) -> None:
    """Write a file format's bytes; XML gets character references for unsafe characters."""
    if xml:
        text = content.decode("utf-8")
        content = _UNSAFE_ESCAPED.sub(lambda m: f"&#x{ord(m.group()):x};", text).encode("utf-8")
    stream = _stdout()
    try:
        stream.flush()
        stream.buffer.write(content)
        stream.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputFailure(f"cannot write to standard output: {exc.strerror or exc}") from exc


def check_file_name(name: str) -> None:
    """Fail unless the system can open a file of that name.

    A shell cannot pass such a name (arguments arrive as bytes), but a caller of
    :func:`~peerprod.cli.main` can: a NUL character, or a lone surrogate that the file
    system's encoding cannot write.
    """
    try:
        encoded = os.fsencode(name)
    except UnicodeEncodeError as exc:
        msg = f"{name!r}: not a file name ({exc.reason} at {exc.start})"
        raise Failure(msg) from exc
    if b"\x00" in encoded:
        raise Failure(f"{name!r}: not a file name (it holds a NUL character)")


def write_file(path: str, content: str | bytes) -> None:
    """Write a whole file atomically: on failure the old file is left as it was."""
    from peerprod._convert import atomic_write  # noqa: PLC0415 - imports cattrs

    check_file_name(path)
    try:
        atomic_write(Path(path), content)
    except UnicodeEncodeError as exc:
        msg = (
            f"{path}: cannot write the file: the ecosystem holds text that is not valid "
            f"Unicode ({exc.reason} at {exc.start}); nothing was written"
        )
        raise Failure(msg) from exc
    except OSError as exc:
        raise Failure(f"{path}: cannot write the file: {exc.strerror or exc}") from exc


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    indent: str = "",
    numeric: Iterable[int] = (),
) -> list[str]:
    """Columns two spaces apart, numbers right-aligned, without trailing blanks.

    Cells are escaped first, so that the columns line up as they are shown.
    """
    right = frozenset(numeric)
    cells = [[escape(cell) for cell in row] for row in (header, *rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return [
        indent
        + "  ".join(
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in cells
    ]


def percent(share: float) -> str:
    """A share as a percentage, without a useless ``.0``."""
    return f"{share:.1%}".replace(".0%", "%")


def words(value: str) -> str:
    """A wire value in words: underscores become spaces."""
    return value.replace("_", " ")


def count(number: int, singular: str, plural: str) -> str:
    """``1 actor``, ``2 actors``."""
    return f"{number} {singular if number == 1 else plural}"
