"""The license index at run time: one generated file, read once, looked up by dict.

``data/index.json`` is built by :mod:`peerprod.licenses._build` (through
``scripts/refresh_spdx.py``) from the vendored SPDX list, the vendored ScanCode
index and the mapping table. Loading it is one ``json.loads``; every id's reading
is made on its first lookup and kept.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from peerprod.errors import PeerprodError
from peerprod.licenses import algebra
from peerprod.licenses.kinds import (
    ContributionTerms,
    ExceptionEffect,
    Holder,
    LicenseKind,
    Reciprocity,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["Entry", "Index", "index"]

_FORMAT: Final = 2
_HOWS: Final = ("id", "alias", "scancode", "peerprod")  # as _build.HOWS

HOW: Final = {
    "alias": "an alias (a deprecated or alternative spelling)",
    "scancode": "a ScanCode key",
    "peerprod": "a common spelling",
}


class Entry(NamedTuple):
    """One canonical id of the index and what the mapping table says of it."""

    spdx_id: str
    type: str
    """``license``, ``exception`` or ``terms``."""
    kind: LicenseKind | None
    reciprocity: Reciprocity | None
    effect: ExceptionEffect | None
    terms: ContributionTerms | None
    holder: Holder | None
    status: tuple[bool | None, bool | None, bool | None]
    why: str
    source: str
    deprecated: bool
    on_spdx_list: bool
    at: int
    """For a license of settled kind and reciprocity, its place on the openness chain; -1
    otherwise."""
    reason: str
    """What the id is and why, as the verdict's reasons give it."""


class Index(NamedTuple):
    """The loaded index: spellings, records and the lists and versions of the sources."""

    data: Mapping[str, Any]
    names: Mapping[str, int]

    def entry(self, number: int) -> Entry:
        """The entry of a record, made on first use."""
        cache = _ENTRIES
        found = cache.get(number)
        if found is None:
            found = cache[number] = _entry(self.data, number)
        return found

    def lookup(self, folded: str) -> tuple[Entry, str] | None:
        """The entry a casefolded spelling names, and how (``id``, ``alias``, ...)."""
        found = self.names.get(folded)
        if found is None:
            return None
        return self.entry(found >> 2), _HOWS[found & 3]

    def ids(self, kind: str) -> list[str]:
        """The canonical ids of one type (``license``, ``exception`` or ``terms``)."""
        marker = f"\t{kind}\t"
        return [r[: r.index("\t")] for r in self.data["records"] if marker in r]


_ENTRIES: dict[int, Entry] = {}


def _entry(data: Mapping[str, Any], number: int) -> Entry:
    fields = data["records"][number].split("\t")
    spdx_id, kind, first_, second_, osi_, fsf_, culture_, why_, source_, deprecated_, listed_ = (
        fields
    )
    first, second = first_ or None, second_ or None
    osi, fsf, culture = _FLAGS[osi_], _FLAGS[fsf_], _FLAGS[culture_]
    entry_kind = reciprocity = effect = terms = holder = None
    why, source = data["whys"][int(why_)], data["sources"][int(source_)]
    at = -1
    # Members by value through plain dicts, and words from the values: calling an enum
    # class or reading a member's value is slow, and this runs once for every id an
    # expression names for the first time.
    if kind == "license":
        entry_kind = _KINDS.get(first)
        reciprocity = _DUTIES.get(second)
        if first is None:
            what = "undetermined"
        elif second is None:
            what = f"{first}, its reciprocity not settled"
        else:
            what = algebra.PHRASES[first, second]
            at = algebra.POSITIONS[first, second]
        reason = f"{spdx_id} is {what}: {why} ({source})"
    elif kind == "exception":
        effect = _EFFECTS[first_]
        article = "an" if first_[0] in "aeiou" else "a"
        reason = f"{spdx_id} is {article} {first_} exception: {why} ({source})"
    else:
        terms = _TERMS.get(first)
        holder = _HOLDERS.get(second)
        reason = f"{spdx_id} is contributor terms, not an outbound license: {why} ({source})"
    return Entry(
        spdx_id,
        kind,
        entry_kind,
        reciprocity,
        effect,
        terms,
        holder,
        (osi, fsf, culture),
        why,
        source,
        deprecated_ == "1",
        listed_ == "1",
        at,
        reason,
    )


_FLAGS: Final[dict[str, bool | None]] = {"": None, "1": True, "0": False}
_KINDS: Final[dict[str | None, LicenseKind]] = {m.value: m for m in LicenseKind}
_DUTIES: Final[dict[str | None, Reciprocity]] = {m.value: m for m in Reciprocity}
_EFFECTS: Final[dict[str, ExceptionEffect]] = {m.value: m for m in ExceptionEffect}
_TERMS: Final[dict[str | None, ContributionTerms]] = {m.value: m for m in ContributionTerms}
_HOLDERS: Final[dict[str | None, Holder]] = {m.value: m for m in Holder}


@functools.cache
def index() -> Index:
    """The license index, read on first use (``import peerprod`` stays cheap)."""
    path = importlib.resources.files("peerprod.licenses").joinpath("data", "index.json")
    data = json.loads(path.read_bytes())
    if data.get("format") != _FORMAT:
        msg = (
            f"peerprod's license index has format {data.get('format')!r}, not {_FORMAT}: "
            "rebuild it with scripts/refresh_spdx.py --index-only"
        )
        raise PeerprodError(msg)
    return Index(data=data, names=data["names"])
