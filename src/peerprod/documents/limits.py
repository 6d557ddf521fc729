"""How much a document loader accepts before it does any expensive work.

Every loader of :mod:`peerprod.documents` takes a ``limits`` argument, a
:class:`Limits` value; :data:`DEFAULT_LIMITS` applies when it is left out.
Each limit is checked before the work it protects: the size of the text
before it is parsed, the nesting depth (TOML dotted keys included) in one
linear scan of the text before it is parsed, the number of entities before
any of them is built, and the digits of each number before it is converted.
A document over a limit is refused with an
:class:`~peerprod.errors.InvalidDocument` that names the limit, so a caller
who trusts the document knows which one to raise.

Example:
    >>> from peerprod import documents
    >>> documents.loads_json('{"format": 1, "id": "x", "name": "X"}',
    ...                      limits=Limits(max_bytes=10))
    Traceback (most recent call last):
    ...
    peerprod.errors.DocumentTooLarge: document over a limit (1 problem):
      $: 37 bytes exceed the limit of 10 bytes (Limits.max_bytes)
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
from typing import TYPE_CHECKING, Any, Final

import attrs

from peerprod.errors import InvalidValue

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["DEFAULT_LIMITS", "Limits", "applied", "digit_limit", "digits_allowed"]


def _check_positive(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValue(attribute.name, value, "must be a whole number of at least 1")


@attrs.frozen(kw_only=True)
class Limits:
    """The most a loader accepts: bytes, entities, nesting depth and digits of a number.

    The defaults admit any document peerprod writes with up to a few hundred
    thousand entities. Raise a limit for a document you trust; lower one for
    input you do not (a web form, say).

    Example:
        >>> Limits().max_depth
        32
        >>> Limits(max_entities=0)
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidValue: max_entities: must be a whole number of at least 1, got 0
    """

    max_bytes: int = attrs.field(default=64 * 1024 * 1024, validator=_check_positive)
    """The largest document, in bytes of UTF-8 (64 MiB). Checked before the text is
    parsed, and before a file is read. Loading a document takes about ten times its
    size in memory (see :doc:`/reference/limits`)."""
    max_entities: int = attrs.field(default=1_000_000, validator=_check_positive)
    """The most entities (actors, platforms, commons, coalitions, funding streams,
    partner-state engagements and arrangements, together). Checked before any is built."""
    max_depth: int = attrs.field(default=32, validator=_check_positive)
    """The deepest nesting of tables and lists in the text. In TOML each part of a
    dotted key or table header counts as a level, as each array and inline table
    does. Valid documents nest at most five levels; the limit keeps hostile text
    from exhausting the parser's stack or its time."""
    max_digits: int = attrs.field(default=100, validator=_check_positive)
    """The most digits a number may take written out in full: an integer, or an
    amount (``1e400`` has 401). Python refuses to convert integers of more than
    :func:`sys.get_int_max_str_digits` digits (4300 by default) whatever this says."""


DEFAULT_LIMITS: Final = Limits()
"""The limits a loader applies when it is given none."""

# The digit limit of the load under way, computed once per load; None outside
# a load, where the default limits apply.
_DIGITS: Final = contextvars.ContextVar[int | None]("peerprod_document_digits", default=None)


def digit_limit(limits: Limits) -> int:
    """The most digits a number may have under ``limits`` in this interpreter.

    It never exceeds the interpreter's own limit on integer conversion
    (:func:`sys.get_int_max_str_digits`), so a refused number can always be
    described.

    Example:
        >>> digit_limit(Limits(max_digits=10_000)) <= 10_000
        True
    """
    interpreter = sys.get_int_max_str_digits()
    return min(limits.max_digits, interpreter) if interpreter else limits.max_digits


def digits_allowed() -> int:
    """The :func:`digit_limit` of the document being loaded now.

    The converter's hooks read it; :func:`peerprod.documents.load` sets the
    limits for the duration of a load (:func:`applied`), so hooks built once
    serve every caller's limits.

    Example:
        >>> digits_allowed()
        100
    """
    allowed = _DIGITS.get()
    return digit_limit(DEFAULT_LIMITS) if allowed is None else allowed


@contextlib.contextmanager
def applied(limits: Limits) -> Iterator[None]:
    """Make ``limits`` the ones :func:`digits_allowed` reads, for the ``with`` block."""
    token = _DIGITS.set(digit_limit(limits))
    try:
        yield
    finally:
        _DIGITS.reset(token)
