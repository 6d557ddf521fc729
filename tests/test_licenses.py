"""Licenses: classifying SPDX expressions and contribution terms into the essay's regimes."""

from __future__ import annotations

import fnmatch
import importlib.resources
import subprocess
import sys
import tomllib
from typing import Any

import attrs
import license_expression
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from peerprod.classify.terms import classify_terms
from peerprod.errors import InvalidValue, LicenseError, PeerprodError
from peerprod.licenses.expression import (
    MAX_EXPRESSION_LENGTH,
    MAX_NESTING,
    LicenseVerdict,
    _tables,
    classify_license,
    known_ids,
    license_map_rows,
    license_map_version,
)
from peerprod.licenses.kinds import ContributionTerms, ExceptionEffect, LicenseKind, Reciprocity
from peerprod.licenses.license import License
from peerprod.model.actors import ActorKind
from peerprod.strategies._licenses import (
    license_expressions,
    spdx_exception_ids,
    spdx_ids,
    spdx_licenses,
)

C, S, K = LicenseKind.COMMONS, LicenseKind.SHARING, LicenseKind.CORPORATE
NONE, WEAK, STRONG, NETWORK = (
    Reciprocity.NONE,
    Reciprocity.WEAK,
    Reciprocity.STRONG,
    Reciprocity.NETWORK,
)


def rank(kind: LicenseKind, reciprocity: Reciprocity) -> int:
    """The position of a reading on the chain: kind first, weaker reciprocity more open."""
    return kind.rank * 4 - reciprocity.rank


def bounds(expression: str) -> tuple[int, int]:
    """A verdict as the interval of readings it spans, least open first."""
    v = classify_license(expression)
    return rank(v.low, v.low_reciprocity), rank(v.high, v.high_reciprocity)


def p(expression: str) -> str:
    return f"({expression})"


def map_data() -> dict[str, Any]:
    path = importlib.resources.files("peerprod.licenses").joinpath("data", "license_map.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def index_ids() -> set[str]:
    return {
        item["spdx_license_key"].casefold()
        for item in license_expression.get_license_index()
        if item["spdx_license_key"]
    }


class TestConcreteLicenses:
    """The licenses the essay and the issue name classify as stated."""

    @pytest.mark.parametrize(
        ("expression", "kind", "reciprocity"),
        [
            ("GPL-2.0-only", C, STRONG),
            ("GPL-3.0-or-later", C, STRONG),
            ("AGPL-3.0-only", C, NETWORK),
            ("LGPL-2.1-only", C, WEAK),
            ("MPL-2.0", C, WEAK),
            ("EPL-1.0", C, WEAK),
            ("MIT", C, NONE),
            ("Apache-2.0", C, NONE),
            ("CC0-1.0", C, NONE),
            ("CC-BY-4.0", C, NONE),
            ("CC-BY-SA-4.0", C, STRONG),
            ("CC-BY-NC-4.0", S, NONE),
            ("CC-BY-ND-4.0", S, NONE),
            ("CC-BY-NC-SA-4.0", S, STRONG),
            ("CC-BY-NC-SA-2.0-DE", S, STRONG),
            ("PPL", S, STRONG),
            ("BUSL-1.1", K, NONE),
            ("SSPL-1.0", K, NONE),
            ("Elastic-2.0", K, NONE),
            ("PolyForm-Noncommercial-1.0.0", K, NONE),
            ("EUPL-1.2", C, NETWORK),
            ("CERN-OHL-1.2", C, STRONG),
            ("CERN-OHL-S-2.0", C, STRONG),
            ("CERN-OHL-W-2.0", C, WEAK),
            ("CERN-OHL-P-2.0", C, NONE),
            ("GFDL-1.3-or-later", C, STRONG),
            ("GPL-2.0-only WITH Classpath-exception-2.0", C, WEAK),
            ("GPL-3.0-or-later WITH GCC-exception-3.1", C, WEAK),
            ("GPL-2.0-only WITH Linux-syscall-note", C, STRONG),
            ("GPL-2.0-with-classpath-exception", C, WEAK),
            ("MIT WITH Commons-Clause", K, NONE),
            ("Apache-2.0 WITH LicenseRef-scancode-commons-clause", K, NONE),
            ("AGPL-3.0-only WITH Commons-Clause", K, NONE),
            ("NONE", K, NONE),
        ],
    )
    def test_kind_and_reciprocity(
        self, expression: str, kind: LicenseKind, reciprocity: Reciprocity
    ) -> None:
        v = classify_license(expression)
        assert (v.kind, v.reciprocity) == (kind, reciprocity), v.reasons
        assert v.definite
        assert not v.unknown

    def test_deprecated_plus_resolves_through_alias(self) -> None:
        v = classify_license("GPL-2.0+")
        assert v.expression == "GPL-2.0-or-later"
        assert (v.kind, v.reciprocity) == (C, STRONG)
        assert any("alias" in r for r in v.reasons)

    def test_deprecated_bare_id_means_only(self) -> None:
        assert classify_license("GPL-2.0").expression == "GPL-2.0-only"

    def test_plus_on_any_id_means_or_later(self) -> None:
        v = classify_license("Apache-2.0+")
        assert (v.kind, v.reciprocity) == (C, NONE)
        assert any("later" in r for r in v.reasons)

    def test_ids_match_case_insensitively(self) -> None:
        assert classify_license("gpl-2.0-only with classpath-exception-2.0 or mit") == (
            classify_license("GPL-2.0-only WITH Classpath-exception-2.0 OR MIT")
        )

    def test_scancode_key_is_read_as_its_spdx_id(self) -> None:
        assert classify_license("bsl-1.1").expression == "BUSL-1.1"

    def test_reasons_name_the_deciding_symbol(self) -> None:
        v = classify_license("MIT AND GPL-3.0-only")
        assert v.reasons[-1] == "verdict: commons with strong reciprocity, decided by GPL-3.0-only"
        assert any("every term binds" in r for r in v.reasons)
        v = classify_license("BUSL-1.1 OR CC-BY-NC-4.0")
        assert v.kind is S
        assert v.reasons[-1].endswith("decided by CC-BY-NC-4.0")

    def test_or_picks_lowest_reciprocity_of_most_open_kind(self) -> None:
        v = classify_license("GPL-2.0-only OR LGPL-2.1-only OR CC-BY-NC-4.0")
        assert (v.kind, v.reciprocity) == (C, WEAK)

    def test_and_picks_highest_reciprocity_of_least_open_kind(self) -> None:
        v = classify_license("MIT AND AGPL-3.0-only AND CC-BY-NC-SA-4.0 AND CC-BY-NC-4.0")
        assert (v.kind, v.reciprocity) == (S, STRONG)

    def test_status_is_given_where_known(self) -> None:
        gpl = classify_license("GPL-2.0-only")
        assert (gpl.osi_approved, gpl.fsf_libre) == (True, True)
        nc = classify_license("CC-BY-NC-4.0")
        assert (nc.osi_approved, nc.fsf_libre, nc.free_cultural) == (False, False, False)
        by = classify_license("CC-BY-SA-4.0")
        assert by.free_cultural is True
        assert classify_license("MIT OR BUSL-1.1").osi_approved is True
        assert classify_license("MIT AND BUSL-1.1").osi_approved is False
        assert classify_license("MIT WITH Commons-Clause").osi_approved is False

    def test_normalized_expression(self) -> None:
        v = classify_license("  mit  or (apache-2.0 and\tbsd-3-clause)  ")
        assert v.expression == "MIT OR Apache-2.0 AND BSD-3-Clause"
        v = classify_license("(MIT OR Apache-2.0) AND BSD-3-Clause")
        assert v.expression == "(MIT OR Apache-2.0) AND BSD-3-Clause"

    def test_classification_is_cached(self) -> None:
        assert classify_license("MIT OR Apache-2.0") is classify_license("MIT OR Apache-2.0")


class TestNoLicense:
    """No license at all is all rights reserved, and the verdict says so."""

    @pytest.mark.parametrize("expression", [None, "", "   ", "\n\t"])
    def test_empty_is_all_rights_reserved(self, expression: str | None) -> None:
        v = classify_license(expression)
        assert v.all_rights_reserved
        assert (v.kind, v.reciprocity, v.expression) == (K, NONE, None)
        assert "all rights are reserved" in v.reasons[0]

    def test_from_spdx_of_empty_has_no_expression(self) -> None:
        assert License.from_spdx("") == License(expression=None, kind=K)

    def test_spdx_none(self) -> None:
        assert classify_license("NONE").all_rights_reserved
        assert not classify_license("MIT OR NONE").all_rights_reserved


class TestUnknown:
    """Unknown ids are never guessed: the verdict spans what they could change."""

    def test_unknown_alone_spans_every_outbound_kind(self) -> None:
        v = classify_license("Mystery-1.0")
        assert (v.low, v.high, v.kind) == (K, C, None)
        assert [u.symbol for u in v.unknown] == ["Mystery-1.0"]

    def test_commons_or_unknown_is_still_commons(self) -> None:
        v = classify_license("MIT OR Mystery-1.0")
        assert (v.kind, v.reciprocity) == (C, NONE)
        assert v.unknown  # still named, although it changed nothing

    def test_copyleft_or_unknown_settles_the_kind_only(self) -> None:
        v = classify_license("GPL-2.0-only OR Mystery-1.0")
        assert v.kind is C
        assert v.reciprocity is None
        assert (v.low_reciprocity, v.high_reciprocity) == (STRONG, NONE)

    def test_corporate_and_unknown_is_still_corporate(self) -> None:
        v = classify_license("BUSL-1.1 AND Mystery-1.0")
        assert (v.kind, v.reciprocity) == (K, NONE)

    def test_suggestions_for_a_typo(self) -> None:
        v = classify_license("GPL-2.0-onyl")
        (unknown,) = v.unknown
        assert unknown.suggestions[0] == "GPL-2.0-only"
        assert unknown.position == 0

    def test_unknown_licenseref(self) -> None:
        v = classify_license("Apache-2.0 AND LicenseRef-my-terms")
        assert v.unknown[0].symbol == "LicenseRef-my-terms"
        assert v.unknown[0].position == 15
        assert "LicenseRef without a known mapping" in " ".join(v.reasons)

    def test_known_scancode_licenseref(self) -> None:
        v = classify_license("LicenseRef-scancode-free-art-1.3")
        assert (v.kind, v.free_cultural) == (C, True)

    def test_unknown_exception_spans_rider_to_no_copyleft(self) -> None:
        v = classify_license("GPL-2.0-only WITH Mystery-exception")
        assert (v.low, v.high, v.high_reciprocity) == (K, C, NONE)
        assert v.unknown[0].exception

    def test_noassertion_is_undetermined(self) -> None:
        v = classify_license("NOASSERTION")
        assert (v.low, v.high) == (K, C)
        assert not v.unknown

    def test_undetermined_category(self) -> None:
        patent_only = next(
            i["spdx_license_key"]
            for i in license_expression.get_license_index()
            if i["category"] == "Patent License" and not i["is_exception"]
        )
        v = classify_license(patent_only)
        assert (v.low, v.high) == (K, C)

    def test_from_spdx_refuses_unsettled_with_suggestions(self) -> None:
        with pytest.raises(LicenseError) as info:
            License.from_spdx("MIT AND GPL-2.0-onyl")
        assert info.value.position == 8
        assert info.value.suggestions[0] == "GPL-2.0-only"
        assert "did you mean 'GPL-2.0-only'" in str(info.value)

    def test_from_spdx_refuses_unsettled_reciprocity(self) -> None:
        with pytest.raises(LicenseError, match=r"unknown license id 'Mystery-1\.0'"):
            License.from_spdx("GPL-2.0-only OR Mystery-1.0")

    def test_from_spdx_refuses_undetermined_known_terms(self) -> None:
        with pytest.raises(LicenseError, match="do not settle one regime"):
            License.from_spdx("NOASSERTION")


class TestMalformed:
    """Any string yields a verdict or a LicenseError, never another exception."""

    @pytest.mark.parametrize(
        ("expression", "position", "detail"),
        [
            ("()", 1, "empty parentheses"),
            ("MIT / Apache-2.0", 4, "unexpected character '/'"),
            ("MIT Apache-2.0", 4, "expected AND, OR or WITH between 'MIT' and 'Apache-2.0'"),
            ("MIT AND", 7, "ends after 'AND'"),
            ("AND MIT", 0, "expected a license id, found 'AND'"),
            ("MIT OR OR BSD-3-Clause", 7, "expected a license id"),
            ("(MIT", 0, "unclosed '('"),
            ("MIT)", 3, "unbalanced ')'"),
            ("MIT (Apache-2.0)", 4, "before '('"),
            ("MIT WITH", 8, "ends after 'WITH'"),
            ("MIT WITH (Classpath-exception-2.0)", 9, "one exception id"),
            ("(MIT) WITH Classpath-exception-2.0", 6, "WITH must follow a single license id"),
            ("MIT WITH A WITH B", 11, "WITH must follow a single license id"),
            ("Classpath-exception-2.0", 0, "can only follow WITH"),
            ("MIT WITH Apache-2.0", 9, "is a license, not an exception"),
            ("MIT\u00a0OR Apache-2.0", 3, "unexpected character"),
            ("MIT OR Äpache", 7, "unexpected character"),
        ],
    )
    def test_clear_error(self, expression: str, position: int, detail: str) -> None:
        with pytest.raises(LicenseError) as info:
            classify_license(expression)
        error = info.value
        assert isinstance(error, ValueError)
        assert isinstance(error, PeerprodError)
        assert (error.expression, error.position) == (expression, position)
        assert detail in error.detail

    def test_deep_nesting_is_refused_not_recursed(self) -> None:
        for depth in (MAX_NESTING + 1, 4_000):
            with pytest.raises(LicenseError, match="nested deeper"):
                classify_license("(" * depth + "MIT" + ")" * depth)
        ok = "(" * MAX_NESTING + "MIT" + ")" * MAX_NESTING
        assert classify_license(ok).kind is C

    def test_very_long_input_is_refused(self) -> None:
        text = " AND ".join(["MIT"] * 3_000)
        with pytest.raises(LicenseError, match="longer than") as info:
            classify_license(text)
        assert len(str(info.value)) < 200  # the message does not echo the whole input

    def test_long_flat_input_within_limit(self) -> None:
        text = " OR ".join(["MIT", "Apache-2.0"] * 400)
        assert len(text) <= MAX_EXPRESSION_LENGTH
        assert classify_license(text).kind is C

    def test_non_string_is_a_type_error(self) -> None:
        with pytest.raises(TypeError):
            classify_license(42)  # type: ignore[arg-type]

    @given(st.text())
    def test_any_text(self, text: str) -> None:
        try:
            v = classify_license(text)
        except LicenseError:
            return
        assert isinstance(v, LicenseVerdict)

    @given(
        st.lists(
            st.sampled_from(
                ["(", ")", "AND", "OR", "WITH", "and", "with", "MIT", "GPL-2.0+", "x", "+", "-"]
            )
            | spdx_ids()
            | spdx_exception_ids(),
            max_size=12,
        ),
        st.sampled_from([" ", "", "\t"]),
    )
    def test_any_token_soup(self, tokens: list[str], sep: str) -> None:
        try:
            classify_license(sep.join(tokens))
        except LicenseError as error:
            assert error.position is None or 0 <= error.position <= len(sep.join(tokens))


class TestLattice:
    """OR and AND are the join and meet of one chain of readings, so the lattice laws hold."""

    @given(license_expressions())
    def test_idempotence(self, a: str) -> None:
        assert bounds(f"{p(a)} OR {p(a)}") == bounds(a)
        assert bounds(f"{p(a)} AND {p(a)}") == bounds(a)

    @given(license_expressions(), license_expressions())
    def test_commutativity(self, a: str, b: str) -> None:
        assert bounds(f"{p(a)} OR {p(b)}") == bounds(f"{p(b)} OR {p(a)}")
        assert bounds(f"{p(a)} AND {p(b)}") == bounds(f"{p(b)} AND {p(a)}")

    @given(license_expressions(), license_expressions(), license_expressions())
    def test_associativity(self, a: str, b: str, c: str) -> None:
        for op in ("OR", "AND"):
            left = f"({p(a)} {op} {p(b)}) {op} {p(c)}"
            right = f"{p(a)} {op} ({p(b)} {op} {p(c)})"
            assert bounds(left) == bounds(right)

    @given(license_expressions(), license_expressions())
    def test_absorption(self, a: str, b: str) -> None:
        assert bounds(f"{p(a)} OR ({p(a)} AND {p(b)})") == bounds(a)
        assert bounds(f"{p(a)} AND ({p(a)} OR {p(b)})") == bounds(a)

    @given(license_expressions(), license_expressions(), license_expressions())
    def test_distributivity(self, a: str, b: str, c: str) -> None:
        assert bounds(f"{p(a)} AND ({p(b)} OR {p(c)})") == bounds(
            f"({p(a)} AND {p(b)}) OR ({p(a)} AND {p(c)})"
        )

    @given(
        license_expressions(ids=spdx_ids() | st.just("HOLE"), max_leaves=6).filter(
            lambda t: "HOLE" in t and "HOLE WITH" not in t
        ),
        license_expressions(max_leaves=3),
        license_expressions(max_leaves=3),
    )
    def test_monotonicity(self, template: str, x: str, y: str) -> None:
        bx, by = bounds(x), bounds(y)
        if bx > by:
            x, y, bx, by = y, x, by, bx
        assume(bx[0] <= by[0] and bx[1] <= by[1])
        whole_x = bounds(template.replace("HOLE", p(x)))
        whole_y = bounds(template.replace("HOLE", p(y)))
        assert whole_x[0] <= whole_y[0]
        assert whole_x[1] <= whole_y[1]

    @given(spdx_ids(), spdx_exception_ids())
    def test_exceptions_never_open_the_kind(self, license_id: str, exception: str) -> None:
        # An exception adds permissions or, as a rider, takes rights away; either way the kind
        # of the license it follows can only stay or fall.
        base = classify_license(license_id)
        v = classify_license(f"{license_id} WITH {exception}")
        assert v.low <= base.low
        assert v.high <= base.high


class TestWholeIndex:
    """Every id of the shipped index classifies without error."""

    def test_every_license_id(self) -> None:
        counts: dict[str, int] = {}
        for spdx_id in known_ids():
            v = classify_license(spdx_id)
            assert v.expression == spdx_id
            label = v.kind.value if v.kind else "undetermined"
            counts[label] = counts.get(label, 0) + 1
        assert counts["commons"] > 1000
        assert counts["corporate"] > 500
        assert counts["sharing"] > 100

    def test_every_exception_id(self) -> None:
        for exception in known_ids(exceptions=True):
            v = classify_license(f"GPL-2.0-only WITH {exception}")
            assert v.low <= C

    def test_every_alias_reads_as_its_license(self) -> None:
        for item in license_expression.get_license_index():
            if not item["spdx_license_key"] or item["is_exception"]:
                continue
            canonical = classify_license(item["spdx_license_key"])
            for alias in item["other_spdx_license_keys"]:
                if " " in alias:
                    continue  # not an SPDX idstring: spaces separate ids
                v = classify_license(alias)
                assert v.expression == item["spdx_license_key"]
                assert (v.low, v.high) == (canonical.low, canonical.high)

    @given(spdx_licenses())
    def test_spdx_licenses_round_trip(self, license: License) -> None:
        assert license.expression is not None
        assert License.from_spdx(license.expression) == license


class TestMapData:
    """The mapping table is consistent with the index and with the License value."""

    def test_every_exact_id_exists(self) -> None:
        data, ids = map_data(), index_ids()
        for section in ("licenses", "exceptions"):
            for row in data[section]:
                for entry in row["ids"]:
                    if not any(c in entry for c in "*?["):
                        assert entry.casefold() in ids, entry
        for name in ("osi_approved", "fsf_libre", "free_cultural"):
            for entry in data["status"][name]:
                if not any(c in entry for c in "*?["):
                    assert entry.casefold() in ids, entry
        for target in data["aliases"].values():
            assert target.casefold() in ids

    def test_every_pattern_matches(self) -> None:
        data, ids = map_data(), index_ids()
        for section in ("licenses", "exceptions"):
            for row in data[section]:
                for entry in row["ids"]:
                    if any(c in entry for c in "*?["):
                        assert fnmatch.filter(ids, entry.casefold()), entry

    def test_pattern_matcher_agrees_with_fnmatch(self) -> None:
        # The table compiles its patterns into one regex; it must pick the same row as reading
        # the patterns one by one, in file order, would.
        rows = [(tuple(row["ids"]), row["why"]) for row in map_data()["licenses"]]
        table = _tables()
        for spdx_id in index_ids():
            expected = None
            exact = [why for ids, why in rows for i in ids if i.casefold() == spdx_id]
            if exact:
                expected = exact[0]
            else:
                for ids, why in rows:
                    if any(fnmatch.fnmatchcase(spdx_id, i.casefold()) for i in ids):
                        expected = why
                        break
            found = table.licenses.find(spdx_id)
            assert (found.why if found else None) == expected, spdx_id

    def test_every_category_is_mapped(self) -> None:
        mapped = {row.match[0] for row in license_map_rows() if row.section == "category"}
        used = {item["category"] for item in license_expression.get_license_index()}
        assert used <= mapped

    def test_rows_make_valid_licenses(self) -> None:
        for row in license_map_rows():
            if row.kind is not None:
                assert row.reciprocity is not None
                License(kind=row.kind, reciprocity=row.reciprocity)
            if row.section.startswith("exception"):
                assert isinstance(row.effect, ExceptionEffect)

    def test_osi_and_fsf_approved_licenses_are_commons(self) -> None:
        status = map_data()["status"]
        for spdx_id in status["osi_approved"] + status["fsf_libre"]:
            assert classify_license(spdx_id).kind is C, spdx_id

    def test_version(self) -> None:
        assert license_map_version() == str(map_data()["version"])

    def test_rows_are_frozen(self) -> None:
        row = license_map_rows()[0]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            row.why = "x"  # type: ignore[misc]


class TestTerms:
    """Contribution terms decide digital sharecropping and corporate commons."""

    gpl = License(expression="GPL-2.0-only", kind=C, reciprocity=STRONG)
    mit = License(expression="MIT", kind=C)

    @pytest.mark.parametrize("terms", [ContributionTerms.NONE, ContributionTerms.DCO])
    def test_inbound_equals_outbound(self, terms: ContributionTerms) -> None:
        v = classify_terms(self.gpl, terms)
        assert (v.kind, v.corporate_commons, v.asymmetric) == (C, False, False)

    def test_gpl_with_assignment_to_a_company_is_a_corporate_commons(self) -> None:
        v = classify_terms(self.gpl, ContributionTerms.ASSIGNMENT_COMPANY, ActorKind.BUSINESS)
        assert (v.kind, v.corporate_commons, v.sharecropping) == (C, True, False)
        assert any("corporate commons, not a pure commons" in r for r in v.reasons)
        assert any("proprietary licenses" in r for r in v.reasons)

    def test_permissive_with_company_cla_is_a_corporate_commons(self) -> None:
        v = classify_terms(self.mit, ContributionTerms.CLA_COMPANY, ActorKind.BUSINESS)
        assert v.corporate_commons

    @pytest.mark.parametrize(
        "terms", [ContributionTerms.CLA_FOUNDATION, ContributionTerms.ASSIGNMENT_FOUNDATION]
    )
    def test_foundation_holds_rights_for_the_commons(self, terms: ContributionTerms) -> None:
        v = classify_terms(self.gpl, terms, ActorKind.FOUNDATION)
        assert (v.kind, v.corporate_commons) == (C, False)
        assert v.asymmetric

    @pytest.mark.parametrize("outbound", ["BUSL-1.1", "CC-BY-NC-4.0", ""])
    def test_closed_output_with_company_rights_is_sharecropping(self, outbound: str) -> None:
        v = classify_terms(classify_license(outbound), ContributionTerms.CLA_COMPANY)
        assert v.sharecropping
        assert any("digital sharecropping" in r for r in v.reasons)

    def test_platform_claim_over_shared_work_is_sharecropping(self) -> None:
        shared = License.from_spdx("CC-BY-NC-4.0")
        v = classify_terms(shared, ContributionTerms.PLATFORM_CLAIM, ActorKind.BUSINESS)
        assert v.kind is LicenseKind.SHARECROPPING

    def test_platform_claim_by_a_foundation_is_not(self) -> None:
        shared = License.from_spdx("CC-BY-SA-4.0")
        v = classify_terms(shared, ContributionTerms.PLATFORM_CLAIM, ActorKind.FOUNDATION)
        assert (v.kind, v.corporate_commons) == (C, False)

    def test_verdict_with_settled_kind_is_accepted(self) -> None:
        v = classify_terms(
            classify_license("GPL-2.0-only OR Mystery-1.0"),
            ContributionTerms.ASSIGNMENT_COMPANY,
        )
        assert v.corporate_commons
        assert v.outbound_reciprocity is NONE  # the most open reading: recipients choose

    def test_unsettled_verdict_is_refused(self) -> None:
        with pytest.raises(LicenseError, match=r"Mystery-1\.0"):
            classify_terms(classify_license("MIT AND Mystery-1.0"), ContributionTerms.DCO)

    @pytest.mark.parametrize(
        ("terms", "holder"),
        [
            (ContributionTerms.CLA_COMPANY, ActorKind.FOUNDATION),
            (ContributionTerms.ASSIGNMENT_COMPANY, ActorKind.COMMUNITY),
            (ContributionTerms.CLA_FOUNDATION, ActorKind.BUSINESS),
        ],
    )
    def test_contradictory_holder(self, terms: ContributionTerms, holder: ActorKind) -> None:
        with pytest.raises(InvalidValue, match="holder_kind"):
            classify_terms(self.gpl, terms, holder)

    def test_bad_arguments(self) -> None:
        with pytest.raises(InvalidValue):
            classify_terms(self.gpl, "dco")  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            classify_terms("GPL-2.0-only", ContributionTerms.DCO)  # type: ignore[arg-type]

    @given(spdx_licenses(), st.sampled_from(ContributionTerms), st.sampled_from(ActorKind))
    def test_terms_never_open_a_license(
        self, license: License, terms: ContributionTerms, holder: ActorKind
    ) -> None:
        try:
            v = classify_terms(license, terms, holder)
        except InvalidValue:
            return
        assert v.kind <= license.kind
        assert v.corporate_commons <= (license.kind is C)


class TestFromSpdx:
    """License.from_spdx carries the classification into the License value."""

    def test_normalizes(self) -> None:
        assert License.from_spdx("gpl-2.0+") == License(
            expression="GPL-2.0-or-later", kind=C, reciprocity=STRONG
        )

    def test_error_is_a_located_document_problem(self) -> None:
        from peerprod.documents.io import load
        from peerprod.errors import InvalidDocument

        path = importlib.resources.files("peerprod").joinpath("cases", "linux.toml")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data["commons"][0]["license"] = "GPL-2.0-only"
        assert load(data).commons[0].license.reciprocity is STRONG
        data["commons"][0]["license"] = "MIT / Apache-2.0"
        with pytest.raises(InvalidDocument) as info:
            load(data)
        (problem,) = info.value.problems
        assert problem.path == "commons[0].license"
        assert "position 4" in problem.message


class TestImportCost:
    """Importing peerprod does not load license-expression or the index."""

    def test_import_is_lazy(self) -> None:
        code = (
            "import sys, peerprod, peerprod.licenses.expression as L\n"
            "assert 'license_expression' not in sys.modules, 'license_expression imported'\n"
            "assert L._tables.cache_info().currsize == 0\n"
            "L.classify_license('MIT')\n"
            "assert L._tables.cache_info().currsize == 1\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
