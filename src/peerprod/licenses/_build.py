"""Build peerprod's license index from the vendored lists and the mapping table.

The library reads one generated file, ``data/index.json``, so that classifying a
license does not parse TOML or walk ScanCode's index at every start. This module
makes that file from its three sources (``data/spdx.json``, ``data/scancode.json``
and ``data/license_map.toml``); ``scripts/refresh_spdx.py`` writes it, and a test
checks that the shipped file is what the sources give. Nothing here runs when a
license is classified.
"""

from __future__ import annotations

import fnmatch
import importlib.resources
import json
import re
import tomllib
from typing import Any, Final

from peerprod.licenses.kinds import (
    ContributionTerms,
    ExceptionEffect,
    Holder,
    LicenseKind,
    Reciprocity,
)

__all__ = ["FORMAT", "HOWS", "build_index", "dump_json", "load_sources", "matcher", "read_data"]

FORMAT: Final = 2
"""The layout of ``index.json``; the loader refuses a file of another layout."""

UNDETERMINED: Final = "undetermined"


def read_data(name: str) -> str:
    """The text of one file of ``peerprod/licenses/data``."""
    path = importlib.resources.files("peerprod.licenses").joinpath("data", name)
    return path.read_text(encoding="utf-8")


def load_sources() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The vendored SPDX list, the vendored ScanCode index and the mapping table."""
    spdx = json.loads(read_data("spdx.json"))
    scancode = json.loads(read_data("scancode.json"))
    table = tomllib.loads(read_data("license_map.toml"))
    return spdx, scancode, table


def is_pattern(entry: str) -> bool:
    """Whether a table entry is a shell-style pattern rather than one id."""
    return any(c in entry for c in "*?[")


def matcher(rows: list[tuple[list[str], Any]]) -> Any:
    """A function that finds the row for a casefolded id.

    Exact ids win over patterns; among patterns the first in file order wins.
    """
    exact: dict[str, Any] = {}
    patterns: list[tuple[re.Pattern[str], Any]] = []
    for ids, value in rows:
        for raw in ids:
            folded = raw.casefold()
            if is_pattern(folded):
                patterns.append((re.compile(fnmatch.translate(folded)), value))
            else:
                exact.setdefault(folded, value)

    def find(folded: str) -> Any:
        found = exact.get(folded)
        if found is not None:
            return found
        for pattern, value in patterns:
            if pattern.match(folded):
                return value
        return None

    return find


class _Strings:
    """Interned strings: each reason and source is stored once in the index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        found = self._index.get(text)
        if found is None:
            found = self._index[text] = len(self.items)
            self.items.append(text)
        return found


def _license_rule(row: dict[str, Any]) -> tuple[str | None, str | None, str]:
    kind = row["kind"]
    if kind == UNDETERMINED:
        return None, None, row["why"]
    LicenseKind(kind)
    reciprocity = row["reciprocity"]
    if reciprocity == UNDETERMINED:
        return kind, None, row["why"]
    return kind, Reciprocity(reciprocity).value, row["why"]


def build_index() -> dict[str, Any]:  # noqa: PLR0915 - one pass over three tables, read top down
    """The contents of ``index.json``, computed from the vendored sources.

    Returns:
        A JSON-ready dict: ``records`` (one per canonical id: id, type, reading,
        approval flags, reason and source), ``names`` (every spelling, casefolded, with
        its record and how it was found), the reasons and sources they point to, the
        sorted id lists and the versions of the sources.
    """
    spdx, scancode, table = load_sources()
    whys, sources = _Strings(), _Strings()

    spdx_licenses: dict[str, dict[str, Any]] = spdx["licenses"]
    spdx_exceptions: dict[str, dict[str, Any]] = spdx["exceptions"]
    spdx_license_folded = {i.casefold(): i for i in spdx_licenses}
    spdx_exception_folded = {i.casefold(): i for i in spdx_exceptions}

    # Entities by canonical id: type, ScanCode category, deprecated.
    entities: dict[str, dict[str, Any]] = {}
    names: dict[str, tuple[str, str]] = {}
    aliases: list[tuple[str, str]] = []
    keys: list[tuple[str, str]] = []
    for key, spdx_key, category, is_exception, is_deprecated, others in scancode["entries"]:
        if not spdx_key:
            continue
        folded = spdx_key.casefold()
        if folded in spdx_license_folded:
            kind = "license"
        elif folded in spdx_exception_folded:
            kind = "exception"
        elif category == "CLA":
            kind = "terms"
        else:
            kind = "exception" if is_exception else "license"
        spdx_row: dict[str, Any] = {
            **spdx_exceptions.get(spdx_key, {}),
            **spdx_licenses.get(spdx_key, {}),
        }
        entities[spdx_key] = {
            "type": kind,
            "category": category,
            "deprecated": bool(is_deprecated or spdx_row.get("deprecated")),
        }
        names[folded] = (spdx_key, "id")
        aliases.extend((alias, spdx_key) for alias in others)
        keys.append((key, spdx_key))
    for alias, target in aliases:
        names.setdefault(alias.casefold(), (target, "alias"))
    for spdx_id, row in [*spdx_licenses.items(), *spdx_exceptions.items()]:
        if spdx_id.casefold() in names:
            continue
        entities[spdx_id] = {
            "type": "license" if spdx_id in spdx_licenses else "exception",
            "category": None,
            "deprecated": bool(row.get("deprecated")),
        }
        names[spdx_id.casefold()] = (spdx_id, "id")
    for defined in table.get("defined", ()):
        spdx_id = defined["id"]
        entities[spdx_id] = {"type": "license", "category": None, "deprecated": False}
        names[spdx_id.casefold()] = (spdx_id, "id")
    for key, spdx_key in keys:
        # ScanCode's own keys come after every SPDX id and alias, so they never shadow one.
        names.setdefault(key.casefold(), (spdx_key, "scancode"))
    for alias, target in table.get("aliases", {}).items():
        names.setdefault(alias.casefold(), (names[target.casefold()][0], "peerprod"))

    categories = {row["category"]: _license_rule(row) for row in table["categories"]}
    license_rows = matcher([(row["ids"], _license_rule(row)) for row in table["licenses"]])
    exception_rows = matcher(
        [
            (row["ids"], (ExceptionEffect(row["effect"]).value, row["why"]))
            for row in table["exceptions"]
        ]
    )
    exception_categories = {
        name: ExceptionEffect(value).value for name, value in table["exception_categories"].items()
    }
    terms_rows = matcher(
        [
            (
                row["ids"],
                (
                    None if row["terms"] == UNDETERMINED else ContributionTerms(row["terms"]).value,
                    Holder(row["holder"]).value if "holder" in row else None,
                    row["why"],
                ),
            )
            for row in table.get("terms", ())
        ]
    )
    free_cultural = matcher([(table["status"]["free_cultural"], True)])

    records: list[list[Any]] = []
    record_of: dict[str, int] = {}
    for spdx_id in sorted(entities, key=str.casefold):
        entity = entities[spdx_id]
        folded = spdx_id.casefold()
        category = entity["category"]
        scancode_source = f"ScanCode category {category!r}" if category else "not in ScanCode"
        listed_row: dict[str, Any] | None = spdx_licenses.get(spdx_id)
        on_list = listed_row is not None or spdx_id in spdx_exceptions
        record: list[Any]
        if entity["type"] == "license":
            rule = license_rows(folded)
            if rule is not None:
                source = f"peerprod table; {scancode_source}"
            elif category in categories:
                rule, source = categories[category], scancode_source
            else:
                why = (
                    "a ScanCode category this table does not map"
                    if category
                    else "not in ScanCode's index, and this table has no row for it"
                )
                rule, source = (None, None, why), scancode_source
            kind, reciprocity, why = rule
            osi = None if listed_row is None else bool(listed_row["osi"])
            fsf = None if listed_row is None else bool(listed_row["fsf"])
            if kind is None:
                culture = None
            elif kind != LicenseKind.COMMONS.value or reciprocity == Reciprocity.COPYFAIR.value:
                # Approval means the same rights for every recipient, commercial use included.
                osi = fsf = culture = False
            elif free_cultural(folded) or osi or fsf:
                # Free software licenses grant the four freedoms of free cultural works.
                culture = True
            else:
                culture = None
            record = [spdx_id, "license", kind, reciprocity, osi, fsf, culture]
        elif entity["type"] == "exception":
            found = exception_rows(folded)
            if found is not None:
                (effect, why), source = found, "peerprod table"
            elif on_list:
                effect, why = ExceptionEffect.UNDETERMINED.value, "no row in this table yet"
                source = "SPDX"
            else:
                effect = exception_categories.get(category, ExceptionEffect.UNDETERMINED.value)
                why, source = "the default for its ScanCode category", scancode_source
            record = [spdx_id, "exception", effect, None, None, None, None]
        else:
            found = terms_rows(folded)
            if found is not None:
                (terms, holder, why), source = found, "peerprod table"
            else:
                terms, holder = None, None
                why, source = "contributor terms this table does not read", scancode_source
            record = [spdx_id, "terms", terms, holder, None, None, None]
        record.extend([whys(why), sources(source), entity["deprecated"], on_list])
        record_of[spdx_id] = len(records)
        records.append(record)

    return {
        "format": FORMAT,
        "table_version": str(table["version"]),
        "spdx_version": spdx["license_list_version"],
        "spdx_source": spdx["source"],
        "scancode_source": scancode["source"],
        "scancode_spdx_version": scancode["spdx_license_list_version"],
        "spdx_licenses": sorted(spdx_licenses, key=str.casefold),
        "spdx_exceptions": sorted(spdx_exceptions, key=str.casefold),
        "whys": whys.items,
        "sources": sources.items,
        # One tab-separated string a record, split on first use, and one integer a spelling
        # (record * 4 + how): JSON reads strings and integers far faster than lists.
        "records": ["\t".join(_field(v) for v in record) for record in records],
        "names": {
            name: record_of[target] * 4 + HOWS.index(how)
            for name, (target, how) in sorted(names.items())
        },
    }


HOWS: Final = ("id", "alias", "scancode", "peerprod")
"""How a spelling names its record, by the code ``index.json`` stores."""


def _field(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "1" if value else "0"
    return str(value)


def dump_json(data: dict[str, Any]) -> str:
    """JSON with one list item or mapping entry per line, so that diffs stay readable."""
    lines = ["{"]
    items = list(data.items())
    for position, (key, value) in enumerate(items):
        comma = "," if position < len(items) - 1 else ""
        head = f"  {json.dumps(key)}: "
        if isinstance(value, list) and value:
            inner = [f"    {json.dumps(v, ensure_ascii=False)}" for v in value]
            lines.extend([head + "[", ",\n".join(inner), f"  ]{comma}"])
        elif isinstance(value, dict) and value:
            inner = [
                f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
                for k, v in value.items()
            ]
            lines.extend([head + "{", ",\n".join(inner), f"  }}{comma}"])
        else:
            lines.append(f"{head}{json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
