"""Where the facts come from: dated public sources.

A verdict is only as good as the facts it reads, and facts change: licences,
terms, owners and operators do. Every fact of a coded case should therefore
point to a public source with a date, the day the source says or the day it was
read. :class:`Source` records one, and which facts it supports.

Example:
    >>> s = Source(title="YouTube Terms of Service", url="https://www.youtube.com/t/terms",
    ...            date="2024-12-15", supports=("monetization",))
    >>> s.date
    '2024-12-15'
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import TYPE_CHECKING, Any, Final

import attrs

from peerprod._validation import check_optional_text, check_text, to_tuple
from peerprod.errors import InvalidValue

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Source", "check_sources", "to_sources"]


_DATE: Final = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _to_date(value: object) -> object:
    # A TOML date is a date; it is kept as the ISO text that JSON documents write.
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def _check_date(_instance: Source, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    # No date is longer than ten characters; only those that might be one are remembered.
    problem = _date_problem(value) if isinstance(value, str) and len(value) <= 10 else _NOT_A_DATE
    if problem is not None:
        raise InvalidValue(attribute.name, value, problem)


_NOT_A_DATE: Final = "must be a date such as 2024-12-15, 2024-12 or 2024"


@functools.lru_cache(maxsize=4096)
def _date_problem(value: str) -> str | None:
    # Sources cite the same few dates again and again; each is checked once.
    match = _DATE.fullmatch(value)
    if match is None:
        return _NOT_A_DATE
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return "is not a date of the calendar"
    return None


def _check_supports(_instance: Source, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidValue(attribute.name, value, "must be a list of fact or field names")
    for name in value:
        if not isinstance(name, str) or not name.strip():
            raise InvalidValue(attribute.name, value, "must be a list of fact or field names")
    if len(set(value)) != len(value):
        raise InvalidValue(attribute.name, value, "names a fact twice")


@attrs.frozen(kw_only=True)
class Source:
    """A public source for some facts, with its address and its date.

    Example:
        >>> Source(title="Bauwens, FCJ-097").url is None
        True
    """

    title: str = attrs.field(validator=check_text(allow_empty=False))
    """What the source is: its title, or a citation."""
    url: str | None = attrs.field(default=None, validator=check_optional_text)
    """Where to read it, if it has an address."""
    date: str | None = attrs.field(default=None, converter=_to_date, validator=_check_date)
    """When the source is dated (or was read), as an ISO 8601 date to the day, the month
    or the year: ``"2024-12-15"``, ``"2024-12"``, ``"2009"``."""
    supports: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_supports
    )
    """The facts (or fields) it is the evidence for; empty for the whole entity."""


def to_sources(value: Iterable[Source | str]) -> tuple[Source, ...]:
    """A tuple of sources, where a bare string is a source with that title and nothing more.

    The validator of the field then checks every item; anything other than a source or
    a string is left for it to name. A string in place of the list is refused, as it
    would otherwise become a list of one-character titles.

    Example:
        >>> to_sources(["Wikipedia, Linux kernel"])
        (Source(title='Wikipedia, Linux kernel', url=None, date=None, supports=()),)
    """
    items = to_tuple(value)
    # Sources loaded from a document are built already; only titles need building.
    for item in items:
        if isinstance(item, str):
            return tuple(Source(title=i) if isinstance(i, str) else i for i in items)
    return items


def check_sources(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The validator of a ``sources`` field: every item a :class:`Source`."""
    assert isinstance(value, tuple)  # the converter made it one
    for index, item in enumerate(value):
        if not isinstance(item, Source):
            raise InvalidValue(
                f"{attribute.name}[{index}]", item, "must be a Source or the title of one"
            )
