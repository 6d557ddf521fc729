"""Contribution terms: one logic for classify_terms and for terms written into expressions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerprod.classify.terms import classify_terms
from peerprod.errors import InvalidValue, LicenseError
from peerprod.licenses import (
    ContributionTerms,
    Holder,
    License,
    LicenseKind,
    Reciprocity,
    classify_license,
    read_terms,
)
from peerprod.model.actors import ActorKind
from peerprod.strategies._licenses import spdx_licenses

C, S, K = LicenseKind.COMMONS, LicenseKind.SHARING, LicenseKind.CORPORATE
NONE, STRONG = Reciprocity.NONE, Reciprocity.STRONG


class TestClassifyTerms:
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

    @pytest.mark.parametrize("outbound", ["BUSL-1.1", "CC-BY-NC-4.0", "NONE"])
    def test_closed_output_with_company_rights_is_sharecropping(self, outbound: str) -> None:
        v = classify_terms(classify_license(outbound), ContributionTerms.CLA_COMPANY)
        assert v.sharecropping
        assert any("digital sharecropping" in r for r in v.reasons)
        assert any("not named" in r for r in v.reasons)

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
        with pytest.raises(InvalidValue):
            read_terms(C, NONE, ContributionTerms.CLA_COMPANY)  # the holder is required

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


class TestTermsInExpressions:
    """A CLA or DCO in an expression reports the output's kind and the terms' verdict."""

    def test_company_cla_makes_a_corporate_commons(self) -> None:
        v = classify_license("MIT AND LicenseRef-scancode-google-cla")
        assert (v.kind, v.reciprocity, v.definite) == (C, NONE, True)
        assert v.terms is not None
        assert (v.terms.terms, v.terms.holder) == (ContributionTerms.CLA_COMPANY, Holder.PRIVATE)
        assert v.terms.corporate_commons
        assert not v.unknown

    def test_company_cla_over_closed_output_is_sharecropping(self) -> None:
        v = classify_license("BUSL-1.1 AND LicenseRef-scancode-ms-cla")
        assert v.terms is not None
        assert v.terms.sharecropping

    @pytest.mark.parametrize(
        "terms",
        ["LicenseRef-scancode-dco-1.1", "DCO", "LicenseRef-scancode-cncf-individual-cla-1.0"],
    )
    def test_dco_or_foundation_is_not_the_signal(self, terms: str) -> None:
        v = classify_license(f"Apache-2.0 AND {terms}")
        assert v.terms is not None
        assert not v.terms.corporate_commons
        assert not v.terms.sharecropping

    def test_one_logic(self) -> None:
        v = classify_license("GPL-3.0-only AND LicenseRef-scancode-google-cla")
        direct = classify_terms(
            License.from_spdx("GPL-3.0-only"), ContributionTerms.CLA_COMPANY, ActorKind.BUSINESS
        )
        assert v.terms is not None
        assert (v.terms.kind, v.terms.corporate_commons) == (direct.kind, direct.corporate_commons)
        assert v.terms.reasons[1:] == direct.reasons[1:]

    def test_terms_alone_leave_the_outbound_open(self) -> None:
        v = classify_license("LicenseRef-scancode-google-cla")
        assert (v.low, v.high, v.terms) == (K, C, None)

    def test_undetermined_terms_are_named(self) -> None:
        v = classify_license("MIT AND LicenseRef-scancode-generic-cla")
        assert v.terms is None
        assert v.definite
        assert any("not read" in r for r in v.reasons)
