"""peerprod's license mapping table, as rows for review and for the docs.

The table is data (``peerprod/licenses/data/license_map.toml``): how ScanCode's license
categories map onto the essay's property regimes (FCJ-097, "The Second Layer"), the
licenses whose category misleads, the effect of every exception on the SPDX list with
the reason read from its text, and the contributor agreements ScanCode lists.
:func:`license_map_rows` renders it; classification itself reads the index built from
it (see ``scripts/refresh_spdx.py``).
"""

from __future__ import annotations

import functools
from typing import Literal

import attrs

from peerprod.licenses._index import index
from peerprod.licenses.kinds import (
    ContributionTerms,
    ExceptionEffect,
    Holder,
    LicenseKind,
    Reciprocity,
)

__all__ = [
    "LicenseMapRow",
    "known_ids",
    "license_map_rows",
    "license_map_version",
    "spdx_list_version",
]

_UNDETERMINED = "undetermined"


@attrs.frozen(kw_only=True)
class LicenseMapRow:
    """One row of peerprod's license mapping table, for review and for the docs.

    Example:
        >>> row = license_map_rows()[0]
        >>> row.section, row.match, row.kind, row.reciprocity
        ('category', ('Permissive',), <LicenseKind.COMMONS: 'commons'>, <Reciprocity.NONE: 'none'>)
    """

    section: Literal["category", "license", "exception", "exception category", "terms"]
    """Which part of the table: a ScanCode category, a row for licenses, an effect for
    exceptions, the default effect of a ScanCode category of exceptions, or contributor
    terms."""
    match: tuple[str, ...]
    """What the row applies to: a category name, or ids and shell-style patterns."""
    kind: LicenseKind | None = None
    """The kind it gives; None for exception and terms rows and undetermined rows."""
    reciprocity: Reciprocity | None = None
    """The reciprocity it gives; None where it gives no kind, or leaves the reciprocity
    undetermined."""
    effect: ExceptionEffect | None = None
    """For exception rows, what the exception does."""
    terms: ContributionTerms | None = None
    """For terms rows, the contribution terms; None where they are undetermined."""
    holder: Holder | None = None
    """For terms rows, who receives the rights."""
    why: str = ""
    """The reason, in a sentence."""


def _kind(row: dict[str, str]) -> tuple[LicenseKind | None, Reciprocity | None]:
    if row["kind"] == _UNDETERMINED:
        return None, None
    kind = LicenseKind(row["kind"])
    duty = row["reciprocity"]
    return kind, None if duty == _UNDETERMINED else Reciprocity(duty)


@functools.cache
def license_map_rows() -> tuple[LicenseMapRow, ...]:
    """The rows of peerprod's license mapping table, in the order of the data file.

    First the ScanCode categories, then the rows for single licenses and families, the
    effects of exceptions and the contributor terms. The docs render the table from
    these rows.

    Returns:
        Every row, as frozen values.

    Example:
        >>> rows = license_map_rows()
        >>> [r.reciprocity for r in rows if r.section == "license" and "PPL" in r.match]
        [<Reciprocity.COPYFAIR: 'copyfair'>]
        >>> {r.kind for r in rows if r.section == "category"} >= {LicenseKind.CORPORATE, None}
        True
    """
    from peerprod.licenses._build import load_sources  # noqa: PLC0415 - only the docs need it

    _, _, table = load_sources()
    rows: list[LicenseMapRow] = []
    for row in table["categories"]:
        kind, duty = _kind(row)
        rows.append(
            LicenseMapRow(
                section="category",
                match=(row["category"],),
                kind=kind,
                reciprocity=duty,
                why=row["why"],
            )
        )
    for row in table["licenses"]:
        kind, duty = _kind(row)
        rows.append(
            LicenseMapRow(
                section="license",
                match=tuple(row["ids"]),
                kind=kind,
                reciprocity=duty,
                why=row["why"],
            )
        )
    rows.extend(
        LicenseMapRow(
            section="exception",
            match=tuple(row["ids"]),
            effect=ExceptionEffect(row["effect"]),
            why=row["why"],
        )
        for row in table["exceptions"]
    )
    rows.extend(
        LicenseMapRow(section="exception category", match=(name,), effect=ExceptionEffect(value))
        for name, value in table["exception_categories"].items()
    )
    rows.extend(
        LicenseMapRow(
            section="terms",
            match=tuple(row["ids"]),
            terms=None if row["terms"] == _UNDETERMINED else ContributionTerms(row["terms"]),
            holder=Holder(row["holder"]) if "holder" in row else None,
            why=row["why"],
        )
        for row in table.get("terms", ())
    )
    return tuple(rows)


def license_map_version() -> str:
    """The version of peerprod's license mapping table.

    It changes whenever a mapping changes, so a stored verdict can say which table it came
    from.

    Example:
        >>> license_map_version()
        '2'
    """
    return str(index().data["table_version"])


def spdx_list_version() -> str:
    """The version of the SPDX License List that peerprod vendors.

    Example:
        >>> spdx_list_version()
        '3.29.0'
    """
    return str(index().data["spdx_version"])


def known_ids(*, exceptions: bool = False, spdx_only: bool = False) -> tuple[str, ...]:
    """The canonical ids peerprod knows, licenses or exceptions, sorted.

    Args:
        exceptions: The exception ids (those that follow ``WITH``) instead of the licenses.
        spdx_only: Only the ids on the vendored SPDX License List, deprecated ones
            included; otherwise ScanCode's ``LicenseRef-scancode-*`` ids and peerprod's own
            too.

    Example:
        >>> "MIT" in known_ids(spdx_only=True)
        True
        >>> "LicenseRef-scancode-commons-clause" in known_ids(exceptions=True)
        True
    """
    key = ("spdx_exceptions" if exceptions else "spdx_licenses") if spdx_only else None
    if key is None:
        key = "exceptions" if exceptions else "licenses"
    return _ids(key)


@functools.cache
def _ids(key: str) -> tuple[str, ...]:
    table = index()
    if key.startswith("spdx_"):
        ids = table.data[key]
    else:
        ids = table.ids("license" if key == "licenses" else "exception")
    return tuple(sorted(ids, key=str.casefold))
