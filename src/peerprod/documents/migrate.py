"""Reading documents written for format 1, whose arrangements had eight hand-typed values.

Format 1 described an arrangement by eight ordinal values; format 2 records the
facts a coder can observe (:mod:`peerprod.model.arrangement`). :func:`migrate`
turns a format-1 document into format 2 on the raw data, before it is read, and
keeps everything format 1 said:

==========================  =======================================================
format 1                    format 2
==========================  =======================================================
``contribution``            ``contributions``: the same value, as a set
``relation = competing``    ``community = false``, ``competition = true``
``relation = independent``  ``community = false``, ``competition = false``
``relation = connected``    ``community = true``, ``competition = false``
``design = shared``         also ``joint_design = true`` (format 1's shared design was
                            organizer and participants designing together); any other
                            ``design`` also ``joint_design = false``
``value_capture =``
  ``organizer``             sales by the organizer, or attention by it, or both
                            (format 1 did not say which: the verdict then spans both)
  ``revenue_share``         product sales by the organizer and by the participants
  ``open_market``           services by anyone (derivative value streams)
  ``participant_vehicles``  services by the participants' own vehicles
  ``non_monetary``          ``none``
other fields                unchanged
==========================  =======================================================

:data:`Relation` and :data:`ValueCapture` are format 1's vocabularies, kept for
this migration and for code written against them.

Example:
    >>> old = {"format": 1, "id": "x", "name": "X", "arrangements": [
    ...     {"id": "a", "name": "A", "contribution": "creative_work", "parameters": "organizer",
    ...      "design": "participants", "relation": "connected", "platform_control": "organizer",
    ...      "value_chain_control": "organizer", "output_regime": "sharing",
    ...      "value_capture": "revenue_share"}]}
    >>> new = migrate(old)
    >>> new["format"], new["arrangements"][0]["community"], new["arrangements"][0]["contributions"]
    (2, True, ['creative_work'])
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, TypeAlias

from peerprod.errors import InvalidDocument, Problem
from peerprod.ordinal import OrdinalEnum

__all__ = ["MIGRATIONS", "Migration", "Relation", "ValueCapture", "migrate"]


@enum.unique
class Relation(OrdinalEnum):
    """Format 1's one scale of how participants stand to one another (now two facts)."""

    COMPETING = "competing"
    """They compete with each other for market value."""
    INDEPENDENT = "independent"
    """They act separately, without competing and without forming a community."""
    CONNECTED = "connected"
    """They form a community that talks, shares and can mobilize together."""


@enum.unique
class ValueCapture(OrdinalEnum):
    """Format 1's one value for who captures the value (now the monetization facts)."""

    ORGANIZER = "organizer"
    """The organizer keeps the value and sells it, or sells the participants' attention."""
    REVENUE_SHARE = "revenue_share"
    """Participants get a cut of what the organizer sells."""
    OPEN_MARKET = "open_market"
    """Anyone may build derivative value streams on the commons."""
    PARTICIPANT_VEHICLES = "participant_vehicles"
    """The producers own their vehicles for monetization."""
    NON_MONETARY = "non_monetary"
    """The participants place the work outside the monetary economy."""


def _pair(channel: str, by: str | None = None) -> dict[str, str]:
    return {"channel": channel} if by is None else {"channel": channel, "by": by}


_RELATIONS: Final[Mapping[str, tuple[bool, bool]]] = {
    Relation.COMPETING.value: (False, True),
    Relation.INDEPENDENT.value: (False, False),
    Relation.CONNECTED.value: (True, False),
}
_CAPTURES: Final[Mapping[str, Any]] = {
    ValueCapture.ORGANIZER.value: {
        "one_of": [
            [_pair("product_sales", "organizer")],
            [_pair("attention", "organizer")],
            [_pair("product_sales", "organizer"), _pair("attention", "organizer")],
        ]
    },
    ValueCapture.REVENUE_SHARE.value: [
        _pair("product_sales", "organizer"),
        _pair("product_sales", "participants"),
    ],
    ValueCapture.OPEN_MARKET.value: [_pair("services", "anyone")],
    ValueCapture.PARTICIPANT_VEHICLES.value: [_pair("services", "participant_vehicles")],
    ValueCapture.NON_MONETARY.value: [_pair("none")],
}
_CONTRIBUTIONS: Final = ("nothing", "service_step", "assembly", "creative_work")
_RENAMED: Final = {"contribution", "relation", "value_capture"}


def _choice(
    item: Mapping[str, Any], key: str, allowed: Any, path: str, problems: list[Problem]
) -> Any:
    value = item.get(key)
    if value is None:
        problems.append(Problem(path=f"{path}.{key}", message="required field missing"))
        return None
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(repr(v) for v in allowed)
        problems.append(Problem(path=f"{path}.{key}", message=f"{value!r} is not one of {shown}"))
        return None
    return value


def _arrangement(item: Any, path: str, problems: list[Problem]) -> Any:
    if not isinstance(item, dict):
        return item  # reading the document reports it, with its path
    migrated = {key: value for key, value in item.items() if key not in _RENAMED}
    contribution = _choice(item, "contribution", _CONTRIBUTIONS, path, problems)
    relation = _choice(item, "relation", tuple(_RELATIONS), path, problems)
    capture = _choice(item, "value_capture", tuple(_CAPTURES), path, problems)
    if contribution is not None:
        migrated["contributions"] = [contribution]
    if relation is not None:
        migrated["community"], migrated["competition"] = _RELATIONS[relation]
    design = item.get("design")
    if isinstance(design, str):
        migrated["joint_design"] = design == "shared"
    if capture is not None:
        migrated["monetization"] = _CAPTURES[capture]
    return migrated


def _from_1(data: Mapping[str, Any]) -> dict[str, Any]:
    problems: list[Problem] = []
    migrated = dict(data)
    arrangements = data.get("arrangements")
    if isinstance(arrangements, list):
        migrated["arrangements"] = [
            _arrangement(item, f"arrangements[{index}]", problems)
            for index, item in enumerate(arrangements)
        ]
    if problems:
        raise InvalidDocument("cannot migrate this format 1 document", problems)
    return migrated


Migration: TypeAlias = Callable[[dict[str, Any]], dict[str, Any]]
"""One step that rewrites the raw data of a document from one format to the next."""

MIGRATIONS: Final[Mapping[int, Migration]] = MappingProxyType({1: _from_1})
"""The migration steps, by the format each reads: ``MIGRATIONS[n]`` turns format ``n``
into format ``n + 1``.

:func:`~peerprod.documents.load` runs the steps from a document's format up to
:data:`~peerprod.documents.FORMAT_VERSION` on its raw data, after the format is read
and before anything is structured. A step receives the document without its
``format`` key, as a new dict whose values are still the caller's: it may add, remove
and replace keys of that dict but must copy any nested value before changing it. It
returns the data in the next format, and raises
:class:`~peerprod.errors.InvalidDocument` naming every problem with its path when the
data cannot be migrated. A format older than the newest with no step is refused as
unsupported.
"""


def migrate(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a document in the newest format, migrated step by step; the input is kept.

    Documents already in the newest format come back as a shallow copy.

    Raises:
        InvalidDocument: a value a migration must read is missing or unknown; every
            problem is listed with its path.
    """
    migrated = dict(data)
    version = migrated.pop("format", None)
    while isinstance(version, int) and not isinstance(version, bool) and version in MIGRATIONS:
        migrated = MIGRATIONS[version](migrated)
        version += 1
    if version is not None:
        migrated["format"] = version
    return migrated
