"""Licenses: classifying SPDX expressions into the essay's regimes, and refusing what is not one."""

from __future__ import annotations

import contextlib
import functools
import importlib.resources
import importlib.util
import random
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerprod.errors import InvalidValue, LicenseError, PeerprodError
from peerprod.licenses import expression as expression_module
from peerprod.licenses.expression import (
    DEFAULT_CACHE_SIZE,
    MAX_EXPRESSION_LENGTH,
    MAX_NESTING,
    LicenseVerdict,
    classify_license,
    set_cache_size,
)
from peerprod.licenses.kinds import LicenseKind, Reciprocity
from peerprod.licenses.license import License
from peerprod.licenses.mapping import known_ids
from peerprod.strategies._licenses import spdx_exception_ids, spdx_ids


@functools.cache
def fuzz_targets() -> list[Any]:
    """The targets of tests/fuzz/targets_licenses.py (a plain module, not a test module)."""
    path = Path(__file__).parent / "fuzz" / "targets_licenses.py"
    spec = importlib.util.spec_from_file_location("peerprod_fuzz_targets_licenses", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    targets: list[Any] = module.TARGETS
    return targets


C, S, K = LicenseKind.COMMONS, LicenseKind.SHARING, LicenseKind.CORPORATE
NONE, WEAK, STRONG, NETWORK, COPYFAIR = (
    Reciprocity.NONE,
    Reciprocity.WEAK,
    Reciprocity.STRONG,
    Reciprocity.NETWORK,
    Reciprocity.COPYFAIR,
)


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
            ("PPL", C, COPYFAIR),
            ("LicenseRef-CoopCycle", C, COPYFAIR),
            ("MPL-2.0 AND BUSL-1.1", K, WEAK),
            ("CC-BY-SA-4.0 AND CC-BY-NC-ND-4.0", S, STRONG),
            ("OSL-3.0", C, NETWORK),
            ("OSL-1.0", C, NETWORK),
            ("EUPL-1.0", C, STRONG),
            ("APSL-2.0", C, NETWORK),
            ("CPAL-1.0", C, NETWORK),
            ("RPL-1.5", C, NETWORK),
            ("MPL-2.0-no-copyleft-exception", C, WEAK),
            ("Apache-2.0 WITH SHL-2.0", C, NONE),
            ("Apache-2.0 WITH SHL-2.1", C, NONE),
            ("Apache-2.0 WITH LLVM-exception", C, NONE),
            ("GPL-2.0-or-later WITH Autoconf-exception-2.0", C, WEAK),
            ("GPL-3.0-or-later WITH Bison-exception-2.2", C, WEAK),
            ("GPL-2.0-or-later WITH Libtool-exception", C, WEAK),
            ("GPL-3.0-or-later WITH Texinfo-exception", C, WEAK),
            ("GPL-2.0-only WITH fmt-exception", C, WEAK),
            ("GPL-2.0-only WITH openvpn-openssl-exception", C, STRONG),
            ("GPL-3.0-only WITH GPL-3.0-linking-exception", C, STRONG),
            ("AGPL-3.0-only WITH romic-exception", C, WEAK),
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
            ("GPL-2.0-only WITH Linux-syscall-note", C, WEAK),
            ("GPL-2.0-with-classpath-exception", C, WEAK),
            ("MIT WITH Commons-Clause", K, NONE),
            ("Apache-2.0 WITH LicenseRef-scancode-commons-clause", K, NONE),
            ("AGPL-3.0-only WITH Commons-Clause", K, NETWORK),
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
        v = classify_license("MPL-2.0 AND BUSL-1.1")
        assert v.reasons[-1].endswith("the kind from BUSL-1.1, the duties from MPL-2.0")
        assert any("every term binds" in r for r in v.reasons)
        v = classify_license("BUSL-1.1 OR CC-BY-NC-4.0")
        assert v.kind is S
        assert v.reasons[-1].endswith("decided by CC-BY-NC-4.0")

    def test_or_picks_lowest_reciprocity_of_most_open_kind(self) -> None:
        v = classify_license("GPL-2.0-only OR LGPL-2.1-only OR CC-BY-NC-4.0")
        assert (v.kind, v.reciprocity) == (C, WEAK)

    def test_and_adds_up_the_duties_of_every_part(self) -> None:
        v = classify_license("MIT AND AGPL-3.0-only AND CC-BY-NC-SA-4.0 AND CC-BY-NC-4.0")
        assert (v.kind, v.reciprocity) == (S, NETWORK)

    def test_or_lets_the_recipient_choose_with_everything_that_binds(self) -> None:
        # The recipient must honour CC-BY-NC anyway, so they take it for the OR too.
        v = classify_license("(GPL-3.0-only OR CC-BY-NC-4.0) AND CC-BY-NC-4.0")
        assert (v.kind, v.reciprocity) == (S, NONE)

    def test_status_is_given_where_known(self) -> None:
        gpl = classify_license("GPL-2.0-only")
        assert (gpl.osi_approved, gpl.fsf_libre) == (True, True)
        nc = classify_license("CC-BY-NC-4.0")
        assert (nc.osi_approved, nc.fsf_libre, nc.free_cultural) == (False, False, False)
        by = classify_license("CC-BY-SA-4.0")
        assert by.free_cultural is True
        assert classify_license("MIT OR CC-BY-NC-4.0").free_cultural is True
        assert classify_license("PPL").free_cultural is False
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

    def test_osi_and_fsf_flags_come_from_the_spdx_list(self) -> None:
        v = classify_license("Zlib")
        assert (v.osi_approved, v.fsf_libre) == (True, True)
        v = classify_license("0BSD")
        assert (v.osi_approved, v.fsf_libre) == (True, False)
        v = classify_license("LicenseRef-scancode-free-art-1.3")
        assert v.osi_approved is None  # not on the SPDX list: not known


class TestCache:
    """The cache has a bound users can set and no cliff past it."""

    def test_past_the_bound_most_entries_survive(self) -> None:
        ids = known_ids()[:300]
        try:
            set_cache_size(200)
            for spdx_id in ids:
                classify_license(spdx_id)
            assert len(expression_module._CACHE) == 200
            hits = sum(spdx_id in expression_module._CACHE for spdx_id in ids)
            assert hits == 200
            # A second pass still finds many: random replacement, not least recently used.
            found = 0
            for spdx_id in ids:
                found += spdx_id in expression_module._CACHE
                classify_license(spdx_id)
            assert found > 50
        finally:
            set_cache_size(DEFAULT_CACHE_SIZE)

    def test_zero_keeps_nothing_and_none_is_unbounded(self) -> None:
        try:
            set_cache_size(0)
            classify_license("MIT")
            assert not expression_module._CACHE
            set_cache_size(None)
            classify_license("MIT")
            assert "MIT" in expression_module._CACHE
        finally:
            set_cache_size(DEFAULT_CACHE_SIZE)

    @pytest.mark.parametrize("bad", [-1, 1.5, "10", True])
    def test_bad_bound(self, bad: object) -> None:
        with pytest.raises(InvalidValue):
            set_cache_size(bad)  # type: ignore[arg-type]


class TestNoLicense:
    """No license is NONE; an empty expression is an error that says so."""

    def test_none_is_all_rights_reserved(self) -> None:
        v = classify_license(None)
        assert v.all_rights_reserved
        assert (v.kind, v.reciprocity, v.expression) == (K, NONE, None)
        assert "all rights are reserved" in v.reasons[0]

    @pytest.mark.parametrize("expression", ["", "   ", "\n\t"])
    def test_empty_is_an_error_naming_none_and_noassertion(self, expression: str) -> None:
        with pytest.raises(LicenseError, match="write NONE") as info:
            classify_license(expression)
        assert "NOASSERTION" in str(info.value)
        with pytest.raises(LicenseError, match="write NONE"):
            License.from_spdx(expression)

    def test_spdx_none(self) -> None:
        v = classify_license("NONE")
        assert v.all_rights_reserved
        assert (v.kind, v.reciprocity, v.osi_approved) == (K, NONE, False)
        assert not classify_license("MIT OR NONE").all_rights_reserved
        assert classify_license("MIT OR NONE").kind is C

    def test_spdx_noassertion(self) -> None:
        v = classify_license("NOASSERTION")
        assert (v.low, v.high) == (K, C)
        assert not v.unknown
        assert classify_license("MIT OR NOASSERTION").definite


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
        # The kind is settled; the unknown part could add a duty (it might be the GPL).
        v = classify_license("BUSL-1.1 AND Mystery-1.0")
        assert (v.kind, v.reciprocity) == (K, None)
        assert (v.low_reciprocity, v.high_reciprocity) == (COPYFAIR, NONE)

    def test_the_same_unknown_id_is_one_license(self) -> None:
        assert classify_license("Mystery-1.0 OR mystery-1.0").low == K

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

    def test_undetermined_category(self) -> None:
        v = classify_license("LicenseRef-scancode-apple-attribution-1997 AND Buddy")
        assert (v.low, v.high) == (K, C)
        assert any("not guessed" in r for r in v.reasons)

    def test_osi_approved_with_reciprocity_unread_settles_the_kind(self) -> None:
        v = classify_license("OSC-1.0")
        assert (v.kind, v.reciprocity, v.osi_approved) == (C, None, True)

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
            ("MIT OR LicenseRef-scancode-google-cla", 7, "join them with AND, not OR"),
            ("LicenseRef-scancode-dco-1.1 WITH Classpath-exception-2.0", 33, "WITH cannot"),
            ("MIT WITH LicenseRef-scancode-dco-1.1", 9, "contributor terms, not an exception"),
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


class TestFuzzTargets:
    """The fuzz session's targets, a few seeded inputs each, in the normal run."""

    @given(st.randoms(use_true_random=False), st.integers(0, 4))
    def test_only_license_errors(self, rng: random.Random, which: int) -> None:
        _, make, call = fuzz_targets()[which]
        value = make(rng)
        with contextlib.suppress(PeerprodError):
            call(value)


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
            "import sys, peerprod, peerprod.licenses._index as I\n"
            "assert 'license_expression' not in sys.modules, 'license_expression imported'\n"
            "assert I.index.cache_info().currsize == 0\n"
            "peerprod.classify_license('MIT')\n"
            "assert I.index.cache_info().currsize == 1\n"
            "assert 'license_expression' not in sys.modules, 'classifying needs no parser'\n"
            "assert 'peerprod.licenses._build' not in sys.modules, 'no table is rebuilt'\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
