"""Checks of document text that run before the parser, in linear time and mostly at C speed.

The parsers are trusted to parse, not to bound their own cost: ``json`` recurses
once per level of nesting, ``tomllib`` also once per level and spends time and
memory quadratic in the number of parts of a dotted key, and Python converts an
integer in time quadratic in its digits. The scans here find such text with
byte and regular-expression operations (no Python loop over the document), so
that it is refused before the parser sees it. Each returns a
:class:`~peerprod.errors.Problem` located by line and column, or None.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from peerprod.errors import Problem

if TYPE_CHECKING:
    from peerprod.documents.limits import Limits

__all__ = [
    "decoding_problem",
    "encoding_problem",
    "json_depth_problem",
    "position",
    "toml_problem",
]


def position(text: str, index: int) -> str:
    """``line L, column C`` (both from 1) of the character at ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def encoding_problem(text: str, error: UnicodeEncodeError) -> Problem:
    """Where ``text`` holds what UTF-8 cannot encode (a lone surrogate), and what it is."""
    bad = text[error.start : error.end]
    return Problem(
        path=position(text, error.start),
        message=f"{bad!r} is not valid Unicode (a lone surrogate); text must be valid Unicode",
    )


_ENCODING_NAMES: Final = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-32": "UTF-32",
    "utf-32-be": "UTF-32",
    "utf-32-le": "UTF-32",
}


def decoding_problem(data: bytes, encoding: str, error: UnicodeDecodeError) -> Problem:
    """Where ``data`` stops being valid ``encoding``, and why."""
    prefix = data[: error.start].decode(encoding, "replace")
    bad = data[error.start : error.end]
    return Problem(
        path=position(prefix, len(prefix)),
        message=f"not {_ENCODING_NAMES.get(encoding, encoding)}: {error.reason} "
        f"(byte {bad.hex(' ')})",
    )


# Everything but the four brackets and the quote is deleted from the text at once.
_JSON_KEEP: Final = bytes(range(256)).translate(None, b'[]{}"')
_JSON_BRACKETS: Final = bytes.maketrans(b"{}", b"[]")
_QUOTED: Final = re.compile(rb'"[^"]*+"')


def _too_deep(skeleton: bytes, limit: int) -> bool:
    # Each pass removes the innermost pairs, so `limit` passes empty a balanced
    # skeleton exactly when it nests at most `limit` deep. What stays of an
    # unbalanced one is closers then openers; more than `limit` openers left
    # open is too deep as well, anything else is the parser's to report.
    for _ in range(limit):
        shorter = skeleton.replace(b"[]", b"")
        if len(shorter) == len(skeleton):
            break
        skeleton = shorter
    return b"[]" in skeleton or skeleton.count(b"[") > limit


def json_depth_problem(data: bytes, limit: int) -> Problem | None:
    """A problem if the JSON text ``data`` (UTF-8) nests arrays and objects deeper than ``limit``.

    Brackets inside strings do not count. The scan deletes escaped backslashes
    and quotes, then everything but brackets and quotes, then the strings, and
    peels the innermost pairs off at most ``limit`` times.
    """
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Adjacent quotes close one string and open the next, or make an empty one;
    # removing them pairs the rest as before.
    skeleton = data.translate(_JSON_BRACKETS, _JSON_KEEP).replace(b'""', b"")
    if b'"' in skeleton:
        skeleton = _QUOTED.sub(b"", skeleton)
    if not _too_deep(skeleton, limit):
        return None
    return Problem(path="$", message=f"nested deeper than {limit} levels (Limits.max_depth)")


# Comments and strings, in the order TOML reads them; each alternative starts
# with its own character and consumes possessively, so the scan is linear.
_TOML_SKIPPED: Final = re.compile(
    r"""\#[^\n]*+
    | \"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*+"{3,5}
    | '''(?:[^']|'(?!''))*+'{3,5}
    | "(?:[^"\\\n]|\\.)*+"
    | '[^'\n]*+'
    """,
    re.VERBOSE,
)
_SPACE_BEFORE_DOT: Final = re.compile(rb"[ \t]++\.")
_SPACE_AFTER_DOT: Final = re.compile(rb"\.[ \t]++")
# Key parts are deleted and everything else but dots becomes a space, so the
# parts of a dotted key leave a run of dots, one fewer than the parts.
_BARE_KEY_BYTES: Final = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_DOTS_ONLY: Final = bytes(b if b == ord(".") else ord(" ") for b in range(256))
_BRACKETS_KEEP: Final = bytes(range(256)).translate(None, b"[]{}")
_DIGITS_KEEP: Final = bytes(range(256)).translate(None, b"0123456789")
_DIGIT_RUN_TEMPLATE: Final = r"(?<![0-9_])[0-9][0-9_]{{{count}}}[0-9_]*+"


def toml_problem(text: str, limits: Limits) -> Problem | None:
    """A problem if TOML ``text`` nests too deep or holds a number with too many digits.

    Comments and strings are blanked first (a quoted key part becomes ``_``,
    still a part). Then a dotted key or table header with more than
    ``max_depth`` parts, arrays and inline tables nested deeper than
    ``max_depth``, or a number of more than ``max_digits`` digits is a problem.
    Apart from the blanking, every step is a byte operation.
    """
    code = _TOML_SKIPPED.sub("_", text)
    raw = code.encode("utf-8", "surrogatepass")
    joined = _SPACE_AFTER_DOT.sub(b".", _SPACE_BEFORE_DOT.sub(b".", raw))
    if b"." * limits.max_depth in joined.translate(_DOTS_ONLY, _BARE_KEY_BYTES):
        chain = rf"[A-Za-z0-9_-]++(?:[ \t]*+\.[ \t]*+[A-Za-z0-9_-]++){{{limits.max_depth}}}"
        return Problem(
            path=_locate(text, re.compile(chain)),
            message=f"a dotted key of more than {limits.max_depth} parts "
            "nests deeper than the limit (Limits.max_depth)",
        )
    if _too_deep(raw.translate(_JSON_BRACKETS, _BRACKETS_KEEP), limits.max_depth):
        return Problem(
            path="$", message=f"nested deeper than {limits.max_depth} levels (Limits.max_depth)"
        )
    # Too few digits in all for one long number: the common case, at C speed.
    if len(raw.translate(None, _DIGITS_KEEP)) <= limits.max_digits:
        return None
    found = _long_number(code, limits.max_digits)
    if found is None:
        return None
    located = _long_number(_TOML_SKIPPED.sub(_blank, text), limits.max_digits)
    digits = len(found[0]) - found[0].count("_")
    return Problem(
        path="$" if located is None else position(text, located.start()),
        message=f"a number of {digits} digits is longer than the limit of "
        f"{limits.max_digits} digits (Limits.max_digits)",
    )


def _long_number(code: str, max_digits: int) -> re.Match[str] | None:
    runs = re.compile(_DIGIT_RUN_TEMPLATE.format(count=max_digits))
    start = 0
    while (found := runs.search(code, start)) is not None:
        start = found.end()
        # A run that continues a word or follows a decimal point is no integer.
        before = code[found.start() - 1] if found.start() else " "
        if before.isalnum() or before in "._-:":
            continue
        if len(found[0]) - found[0].count("_") > max_digits:
            return found
    return None


def _blank(match: re.Match[str]) -> str:
    # The same length and the same line breaks, so positions stay where they were.
    return "_" + re.sub(r"[^\n]", " ", match[0][1:])


def _locate(text: str, pattern: re.Pattern[str]) -> str:
    # Only on the way to an error: blank strings and comments keeping every
    # position, and find the match again to say where it is.
    found = pattern.search(_TOML_SKIPPED.sub(_blank, text))
    return "$" if found is None else position(text, found.start())
