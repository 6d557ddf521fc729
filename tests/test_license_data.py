"""The vendored license data and the mapping table: complete, consistent, up to date."""

from __future__ import annotations

import fnmatch
import json
import tomllib
from typing import Any

import attrs
import pytest
from hypothesis import given

from peerprod.licenses import (
    ContributionTerms,
    ExceptionEffect,
    License,
    LicenseKind,
    classify_license,
    known_ids,
    license_map_rows,
    license_map_version,
    spdx_list_version,
)
from peerprod.licenses._build import build_index, dump_json, read_data
from peerprod.strategies._licenses import spdx_licenses

C = LicenseKind.COMMONS

# Every id of the vendored SPDX list that does not classify to one kind and one
# reciprocity, with the reason (the same reason the mapping table gives).
NOT_DEFINITE = {
    "Buddy": "terms not read closely enough yet",
    "Informatica": "terms not read closely enough yet",
    "MMPL-1.0.1": "terms not read closely enough yet",
    "MVT-1.1": "terms not read closely enough yet",
    "ALGLIB-Documentation": "OSI-approved, so commons; its reciprocity is not read yet",
    "OSC-1.0": "OSI-approved, so commons; its reciprocity is not read yet",
}


def table() -> dict[str, Any]:
    return tomllib.loads(read_data("license_map.toml"))


def spdx() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read_data("spdx.json"))
    return data


def index_ids() -> set[str]:
    scancode = json.loads(read_data("scancode.json"))
    ids = {e[1].casefold() for e in scancode["entries"] if e[1]}
    ids |= {i.casefold() for i in spdx()["licenses"]} | {i.casefold() for i in spdx()["exceptions"]}
    ids |= {row["id"].casefold() for row in table()["defined"]}
    return ids


class TestVendoredList:
    """Every id on the vendored SPDX list classifies, definitely or with a stated reason."""

    def test_version(self) -> None:
        assert spdx_list_version() == spdx()["license_list_version"]

    def test_every_license_id_is_definite_or_listed(self) -> None:
        undecided = {}
        for spdx_id in spdx()["licenses"]:
            v = classify_license(spdx_id)
            assert not v.unknown, spdx_id
            if not v.definite:
                undecided[spdx_id] = v
        assert set(undecided) == set(NOT_DEFINITE)
        for spdx_id, v in undecided.items():
            # The reason is in the verdict, from the table's row for it.
            assert any("not guessed" in r for r in v.reasons), spdx_id

    def test_every_exception_has_a_decided_effect_with_a_reason(self) -> None:
        rows = {
            i.casefold(): row
            for row in table()["exceptions"]
            for i in row["ids"]
            if not any(c in i for c in "*?[")
        }
        for exception in spdx()["exceptions"]:
            v = classify_license(f"GPL-2.0-only WITH {exception}")
            assert v.definite, exception
            if exception == "Nokia-Qt-exception-1.1":
                continue  # a deprecated alias of Digia-Qt-LGPL-exception-1.1 in ScanCode
            row = rows[exception.casefold()]
            assert ExceptionEffect(row["effect"]) is not ExceptionEffect.UNDETERMINED
            assert len(row["why"]) > 30

    def test_the_issue_cases(self) -> None:
        assert classify_license("MPL-2.0-no-copyleft-exception").kind is C
        for shl in ("SHL-2.0", "SHL-2.1"):
            assert classify_license(f"Apache-2.0 WITH {shl}").definite
        for spdx_id in ("OSC-1.0", "HPND-SMC", "BSD-Mark-Modifications", "CC-BY-NC-3.0-IGO"):
            assert classify_license(spdx_id).kind is not None, spdx_id
        for family in ("ESA-PL-permissive-2.4", "ESA-PL-weak-copyleft-2.4"):
            assert classify_license(family).definite

    def test_approved_licenses_are_commons(self) -> None:
        for spdx_id, row in spdx()["licenses"].items():
            if row["osi"] or row["fsf"]:
                v = classify_license(spdx_id)
                assert v.kind is C, spdx_id
                assert v.osi_approved is bool(row["osi"]) or v.expression != spdx_id

    def test_every_known_id(self) -> None:
        counts: dict[str, int] = {}
        for spdx_id in known_ids():
            v = classify_license(spdx_id)
            label = v.kind.value if v.kind else "undetermined"
            counts[label] = counts.get(label, 0) + 1
        assert counts["commons"] > 1000
        assert counts["corporate"] > 400
        assert counts["sharing"] > 100

    def test_every_known_exception(self) -> None:
        for exception in known_ids(exceptions=True):
            v = classify_license(f"GPL-2.0-only WITH {exception}")
            assert v.low <= C

    @given(spdx_licenses())
    def test_spdx_licenses_round_trip(self, license: License) -> None:
        assert license.expression is not None
        assert License.from_spdx(license.expression) == license


class TestIndex:
    """The shipped index is what the sources give, and the table is consistent."""

    def test_index_is_up_to_date(self) -> None:
        shipped = json.loads(read_data("index.json"))
        assert shipped == json.loads(dump_json(build_index())), (
            "data/index.json is stale: run scripts/refresh_spdx.py --index-only"
        )

    def test_every_exact_id_exists(self) -> None:
        data, ids = table(), index_ids()
        for section in ("licenses", "exceptions", "terms"):
            for row in data[section]:
                for entry in row["ids"]:
                    if not any(c in entry for c in "*?["):
                        assert entry.casefold() in ids, entry
        for target in data["aliases"].values():
            assert target.casefold() in ids

    def test_every_pattern_matches(self) -> None:
        data, ids = table(), index_ids()
        for section in ("licenses", "exceptions"):
            for row in data[section]:
                for entry in row["ids"]:
                    if any(c in entry for c in "*?["):
                        assert fnmatch.filter(ids, entry.casefold()), entry

    def test_every_category_is_mapped(self) -> None:
        mapped = {row.match[0] for row in license_map_rows() if row.section == "category"}
        scancode = json.loads(read_data("scancode.json"))
        assert {e[2] for e in scancode["entries"]} <= mapped

    def test_rows_make_valid_licenses(self) -> None:
        for row in license_map_rows():
            if row.kind is not None and row.reciprocity is not None:
                License(kind=row.kind, reciprocity=row.reciprocity)
            if row.section.startswith("exception"):
                assert isinstance(row.effect, ExceptionEffect)
            if row.section == "terms" and row.terms is not None:
                assert isinstance(row.terms, ContributionTerms)
                assert (row.holder is not None) is row.terms.needs_holder

    def test_version(self) -> None:
        assert license_map_version() == str(table()["version"])

    def test_rows_are_frozen(self) -> None:
        row = license_map_rows()[0]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            row.why = "x"  # type: ignore[misc]
