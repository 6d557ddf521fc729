"""Reading the text of an SPDX license expression, and each id in it.

:func:`parse` checks the grammar and puts the terms in evaluation order in one pass,
without recursion, so hostile text meets a :class:`~peerprod.errors.LicenseError` with
a position rather than a recursion limit. :func:`read_leaf` looks one id (and its
exception) up in peerprod's prebuilt index. :mod:`peerprod.licenses.expression`
combines the results.
"""

from __future__ import annotations

import functools
import re
from typing import Final, NamedTuple

from peerprod.errors import LicenseError
from peerprod.licenses import algebra
from peerprod.licenses._index import HOW, Entry, index
from peerprod.licenses.kinds import ExceptionEffect, LicenseKind, Reciprocity

__all__ = [
    "AND",
    "KNOWN_NOTHING",
    "MAX_NESTING",
    "NONE_TEXT",
    "OR",
    "TOP",
    "UNKNOWN_LOW",
    "Leaf",
    "Parsed",
    "Status",
    "clear",
    "fail",
    "parse",
    "read_leaf",
    "suggest",
]

MAX_NESTING: Final = 50
"""The deepest nesting of parentheses an expression may have."""

_K, _R = LicenseKind, Reciprocity
NONE_TEXT, _NOASSERTION_TEXT = "NONE", "NOASSERTION"
Status = tuple[bool | None, bool | None, bool | None]
"""What is known of OSI approval, FSF approval and free-culture approval, in that order."""
KNOWN_NOTHING: Final[Status] = (None, None, None)
_NOT_FREE: Final[Status] = (False, False, False)

# -- reading the text -----------------------------------------------------------------------

# One pass of one regex classifies every token: "(", ")", a word of the SPDX id alphabet,
# or any other character that is not whitespace (an error). Unicode spaces such as U+00A0
# are not SPDX whitespace, so they fall in the last group.
_TOKEN: Final = re.compile(r"(\()|(\))|([A-Za-z0-9.+:_-]+)|([^ \t\r\n\f\v])")
_SINGLE: Final = re.compile(r"[ \t\r\n\f\v]*([A-Za-z0-9.+:_-]+)[ \t\r\n\f\v]*")
AND, OR = -1, -2
_OPERATORS: Final = {"and": AND, "or": OR}
_KEYWORDS: Final = frozenset({"and", "or", "with"})


class Parsed(NamedTuple):
    """An expression, checked and put in evaluation order."""

    leaves: list[tuple[str, int, str | None, int]]
    """(license id, its offset, exception id or None, its offset), in order of appearance."""
    rpn: list[int]
    """The expression in postfix: a leaf's index, or AND / OR."""


def fail(expression: str, detail: str, position: int) -> LicenseError:
    """The error for text that is not an SPDX expression, at a position."""
    return LicenseError(expression, detail, position=position)


def parse(expression: str) -> Parsed:  # noqa: PLR0915 - one state machine
    """Check the SPDX grammar and order the terms for evaluation, in one pass."""
    single = _SINGLE.fullmatch(expression)
    if single is not None and single.group(1).casefold() not in _KEYWORDS:
        # Most expressions in the wild are one id: no state machine for them.
        return Parsed([(single.group(1), single.start(1), None, -1)], [0])
    leaves: list[tuple[str, int, str | None, int]] = []
    rpn: list[int] = []
    ops: list[int] = []  # operators and open parentheses (as their offsets, >= 0)
    depth = 0
    expect_operand, after_with, with_allowed = True, False, False
    previous = ""
    for match in _TOKEN.finditer(expression):
        token, at, group = match.group(), match.start(), match.lastindex
        if group == 1:
            if not expect_operand:
                raise fail(expression, f"expected AND or OR before '(' after {previous!r}", at)
            if after_with:
                raise fail(expression, "WITH takes one exception id, not a parenthesis", at)
            depth += 1
            if depth > MAX_NESTING:
                raise fail(expression, f"nested deeper than {MAX_NESTING} parentheses", at)
            ops.append(at)
        elif group == 2:
            if expect_operand:
                if previous == "(":
                    what = "empty parentheses"
                elif previous:
                    what = f"expected a license id after {previous!r}, found ')'"
                else:
                    what = "unbalanced ')'"
                raise fail(expression, what, at)
            if not depth:
                raise fail(expression, "unbalanced ')'", at)
            while ops[-1] < 0:
                rpn.append(ops.pop())
            ops.pop()
            depth -= 1
            with_allowed = False
        elif group == 4:
            raise fail(expression, f"unexpected character {token!r}", at)
        else:
            word = token.casefold()
            operator = _OPERATORS.get(word)
            if operator is not None or word == "with":
                if expect_operand:
                    raise fail(expression, f"expected a license id, found {token!r}", at)
                expect_operand = True
                if operator is None:
                    if not with_allowed:
                        raise fail(expression, "WITH must follow a single license id", at)
                    after_with = True
                else:
                    # AND binds tighter than OR; both associate to the left.
                    while ops and ops[-1] < 0 and ops[-1] >= operator:
                        rpn.append(ops.pop())
                    ops.append(operator)
            else:
                if not expect_operand:
                    raise fail(
                        expression,
                        f"expected AND, OR or WITH between {previous!r} and {token!r}",
                        at,
                    )
                if after_with:
                    symbol, position, _, _ = leaves[-1]
                    leaves[-1] = (symbol, position, token, at)
                    with_allowed = after_with = False
                else:
                    rpn.append(len(leaves))
                    leaves.append((token, at, None, -1))
                    with_allowed = True
                expect_operand = False
        previous = token
    if not leaves:
        raise LicenseError(
            expression,
            "an empty license expression; write NONE if the work has no license (all rights "
            "reserved) or NOASSERTION if nobody has said what its terms are",
            position=0,
        )
    if expect_operand:
        raise fail(expression, f"the expression ends after {previous!r}", len(expression))
    if depth:
        raise fail(expression, "unclosed '('", next(o for o in reversed(ops) if o >= 0))
    while ops:
        rpn.append(ops.pop())
    return Parsed(leaves, rpn)


# -- reading one id -------------------------------------------------------------------------


class Leaf(NamedTuple):
    """One license id (with its exception), read."""

    text: str
    low: tuple[int, ...]
    """The least open readings it could give, as positions (several when it is unknown)."""
    high: int
    """The most open reading it could give."""
    status: Status
    reasons: tuple[str, ...]
    unknown: str | None = None
    """For an unknown id, the spelling (and whether it is the exception): 'L:' or 'E:'."""
    terms: Entry | None = None
    """For a contributor agreement, its entry."""


UNKNOWN_LOW: Final = (
    algebra.position(_K.CORPORATE, _R.NONE),
    algebra.position(_K.SHARING, _R.COPYFAIR),
)  # the least open readings one license could give: every other is more open than one
TOP: Final = algebra.position(_K.COMMONS, _R.NONE)
_NONE_AT: Final = algebra.position(_K.CORPORATE, _R.NONE)


def _resolve(symbol: str) -> tuple[Entry, list[str]] | None:
    folded = symbol.casefold()
    table = index()
    found = table.lookup(folded)
    notes: list[str] = []
    if found is None and folded.endswith("+"):
        # "+" means "this version or any later one"; a later version keeps the regime.
        found = table.lookup(folded[:-1])
        if found is not None:
            notes.append(f"{symbol!r}: '+' means this version or any later one")
    if found is None:
        return None
    entry, how = found
    if how in HOW:
        notes.append(f"{symbol!r} is {HOW[how]} of {entry.spdx_id}")
    if entry.deprecated:
        notes.append(f"{entry.spdx_id} is a deprecated id")
    return entry, notes


_LEAVES: dict[tuple[str, str | None], Leaf] = {}


def read_leaf(expression: str, leaf: tuple[str, int, str | None, int]) -> Leaf:
    """One id and its exception, read (and kept for the next expression that names them)."""
    symbol, position, exception, exception_at = leaf
    found = _LEAVES.get((symbol, exception))
    if found is None:
        found = _new_leaf(expression, symbol, position, exception, exception_at)
        if len(_LEAVES) < 65_536:
            _LEAVES[symbol, exception] = found
    return found


def _new_leaf(
    expression: str, symbol: str, position: int, exception: str | None, exception_at: int
) -> Leaf:
    folded = symbol.casefold()
    unknown = None
    low: tuple[int, ...]
    if folded == "none":
        text, low, high = NONE_TEXT, (_NONE_AT,), _NONE_AT
        status, reasons = _NOT_FREE, ["NONE means no license: all rights are reserved"]
    elif folded == "noassertion":
        text, low, high = _NOASSERTION_TEXT, UNKNOWN_LOW, TOP
        status, reasons = KNOWN_NOTHING, ["NOASSERTION means nobody has said what the terms are"]
    else:
        resolved = _resolve(symbol)
        if resolved is None:
            what = "a LicenseRef without a known mapping" if "licenseref-" in folded else "unknown"
            text, low, high, status = symbol, UNKNOWN_LOW, TOP, KNOWN_NOTHING
            reasons, unknown = [f"{symbol} is {what}: its kind is not guessed"], "L:" + symbol
        else:
            entry, reasons = resolved
            text = entry.spdx_id
            if entry.type == "exception":
                raise fail(
                    expression,
                    f"{text!r} is a license exception: it can only follow WITH, "
                    f"as in 'GPL-2.0-only WITH {text}'",
                    position,
                )
            if entry.type == "terms":
                if exception is not None:
                    raise fail(
                        expression,
                        f"{text!r} is contributor terms: WITH cannot follow it",
                        exception_at,
                    )
                reasons.append(entry.reason)
                return Leaf(
                    text,
                    (algebra.BOTTOM,),
                    algebra.BOTTOM,
                    KNOWN_NOTHING,
                    tuple(reasons),
                    terms=entry,
                )
            reasons.append(entry.reason)
            status = entry.status
            if entry.at >= 0:
                high = entry.at
                low = (high,)
            elif entry.kind is None:
                low, high = UNKNOWN_LOW, TOP
            else:
                low = (algebra.position(entry.kind, _R.COPYFAIR),)
                high = algebra.position(entry.kind, _R.NONE)
    if exception is not None:
        effect, exception_text, more, exception_unknown = _read_exception(
            expression, exception, exception_at
        )
        text = f"{text} WITH {exception_text}"
        low = tuple(algebra.apply_effect(at, effect) for at in low)
        high = algebra.apply_effect(high, effect, most_open=True)
        if effect is ExceptionEffect.RIDER:
            status = _NOT_FREE
        elif effect is ExceptionEffect.UNDETERMINED:
            status = KNOWN_NOTHING
        reasons.extend(more)
        unknown = unknown or exception_unknown
    return Leaf(text, low, high, status, tuple(reasons), unknown)


def _read_exception(
    expression: str, symbol: str, position: int
) -> tuple[ExceptionEffect, str, list[str], str | None]:
    resolved = _resolve(symbol)
    if resolved is None:
        reason = f"{symbol} is an unknown exception: its effect is not guessed"
        return ExceptionEffect.UNDETERMINED, symbol, [reason], "E:" + symbol
    entry, notes = resolved
    if entry.type != "exception":
        what = "a license" if entry.type == "license" else "contributor terms"
        raise fail(
            expression,
            f"{entry.spdx_id!r} is {what}, not an exception: combine it with AND or OR",
            position,
        )
    assert entry.effect is not None  # every exception entry has one
    notes.append(entry.reason)
    return entry.effect, entry.spdx_id, notes, None


@functools.lru_cache(maxsize=1024)
def suggest(symbol: str, *, exception: bool) -> tuple[str, ...]:
    """Known ids close to an unknown one, best first (a scan of every id: only on demand)."""
    import difflib  # noqa: PLC0415 - only an unknown id needs it

    from peerprod.licenses.mapping import known_ids  # noqa: PLC0415

    pool = known_ids(exceptions=exception)
    folded = symbol.casefold()
    if not folded.startswith("licenseref-scancode-"):
        pool = tuple(i for i in pool if not i.startswith("LicenseRef-"))
    by_folded = {i.casefold(): i for i in pool}
    matches = difflib.get_close_matches(folded, list(by_folded), n=3, cutoff=0.75)
    return tuple(by_folded[m] for m in matches)


def clear() -> None:
    """Forget every id read so far."""
    _LEAVES.clear()
