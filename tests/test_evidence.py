"""Evidence from the layers: derived facts, contradictions, readings of control."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from peerprod import (
    Actor,
    ActorKind,
    Arrangement,
    BusinessRelation,
    Coalition,
    Commons,
    ContributionTerms,
    Control,
    Ecosystem,
    FundingChannel,
    FundingStream,
    License,
    LicenseKind,
    Membership,
    OneOf,
    Platform,
    ProductionModel,
    Resource,
    Rung,
    analyse,
    check_claim,
    classify_model,
    classify_rung,
    evidence,
)
from peerprod.model.arrangement import contributions, monetization
from peerprod.strategies import ecosystems

P, S, ORG = Control.PARTICIPANTS, Control.SHARED, Control.ORGANIZER


def claimed_peer_production(**changes: Any) -> Arrangement:
    """An arrangement whose stated facts say it is peer production proper."""
    facts: dict[str, Any] = {
        "id": "contributing",
        "name": "Contributing",
        "organizer": "acme",
        "participants": "devs",
        "platform": "forge",
        "commons": "code",
        "contributions": contributions("code"),
        "community": True,
        "competition": False,
        "monetization": monetization("services by anyone"),
        "parameters": P,
        "design": P,
        "platform_control": P,
        "value_chain_control": P,
        "output_regime": LicenseKind.COMMONS,
    }
    facts.update(changes)
    return Arrangement(**facts)


def ecosystem(
    *,
    license: str = "BUSL-1.1",
    terms: ContributionTerms = ContributionTerms.ASSIGNMENT_COMPANY,
    holder: str | None = "acme",
    operator: str = "acme",
    arrangement: Arrangement | None = None,
    coalitions: tuple[Coalition, ...] = (),
    funding: tuple[FundingStream, ...] = (),
) -> Ecosystem:
    return Ecosystem(
        id="eco",
        name="Eco",
        actors=[
            Actor(id="acme", kind=ActorKind.BUSINESS, name="Acme"),
            Actor(id="devs", kind=ActorKind.COMMUNITY, name="Developers"),
            Actor(id="fdn", kind=ActorKind.FOUNDATION, name="Foundation"),
            Actor(id="other", kind=ActorKind.BUSINESS, name="Other"),
        ],
        platforms=[Platform(id="forge", name="Forge", initiators=["acme"], operator=operator)],
        commons=[
            Commons(
                id="code", name="Code", resources=[Resource.SOFTWARE],
                license=License.from_spdx(license), contribution_terms=terms,
                terms_holder=holder, platform="forge",
            )
        ],
        coalitions=coalitions,
        funding=funding,
        arrangements=[arrangement or claimed_peer_production()],
    )  # fmt: skip


class TestTheLayersAreRead:
    """The issue's example: BUSL-1.1, copyright assigned to the company, its own platform."""

    def test_contradictions_are_reported_with_both_sources(self) -> None:
        eco = ecosystem()
        found = evidence(eco.arrangements[0], eco)
        facts = {c.fact: c for c in found.contradictions}
        assert set(facts) == {"platform_control", "output_regime"}
        regime = facts["output_regime"]
        assert regime.stated is LicenseKind.COMMONS
        assert regime.derived is LicenseKind.SHARECROPPING
        assert "commons[0] 'code', under BUSL-1.1 with assignment_company terms held by 'acme'" in (
            str(regime)
        )
        assert "platforms[0] 'forge', operated by 'acme', a business" in str(
            facts["platform_control"]
        )

    def test_the_verdict_follows_the_evidence(self) -> None:
        eco = ecosystem()
        a = eco.arrangements[0]
        assert classify_rung(a).rung is Rung.PEER_PRODUCTION  # the stated facts alone
        verdict = classify_rung(a, eco)
        assert verdict.rung is not Rung.PEER_PRODUCTION
        assert classify_model(a, eco).model is not ProductionModel.COMMONS_CENTRED
        sources = {reason.fact: reason.source for reason in check_claim(a, 8, eco).shortfalls}
        assert sources["output_regime"].startswith("commons[0] 'code'")
        report = analyse(eco)
        assert len(report.contradictions) == 2
        assert "2 contradictions" in str(report)

    def test_prefer(self) -> None:
        eco = ecosystem()
        a = eco.arrangements[0]
        assert classify_rung(a, eco, prefer="stated").rung is Rung.PEER_PRODUCTION
        either = classify_rung(a, eco, prefer="either")
        assert not either.definite
        assert Rung.PEER_PRODUCTION in either.possible

    def test_agreeing_sources_narrow_each_other(self) -> None:
        a = claimed_peer_production(platform_control=OneOf({ORG, S}))
        eco = ecosystem(license="GPL-3.0-only", terms=ContributionTerms.DCO, holder=None,
                        operator="fdn", arrangement=a)  # fmt: skip
        found = evidence(a, eco)
        assert found.contradictions == ()
        assert found.finding("platform_control").value is S
        assert found.finding("platform_control").derived

    def test_a_corporate_commons_is_read_as_captured(self) -> None:
        claimed = claimed_peer_production(platform_control=S)
        eco = ecosystem(
            license="GPL-3.0-only",
            terms=ContributionTerms.CLA_COMPANY,
            operator="fdn",
            arrangement=claimed,
        )
        a = eco.arrangements[0]
        assert classify_rung(a, eco).rung is Rung.PEER_PRODUCTION
        model = classify_model(a, eco)
        assert model.model is ProductionModel.COMMONS_CENTRED
        assert model.control is not None
        assert (model.control.reading, model.control.by) == ("captured", "acme")
        assert "captured by acme" in str(analyse(eco))

    def test_a_dominated_coalition_steers_the_value_chain(self) -> None:
        board = Coalition(
            id="board", name="Board", body="Board", commons=["code"],
            members=[Membership(actor="acme", weight=8), Membership(actor="other", weight=1),
                     Membership(actor="fdn", weight=1)],
        )  # fmt: skip
        eco = ecosystem(license="Apache-2.0", terms=ContributionTerms.NONE, holder=None,
                        operator="fdn", coalitions=(board,),
                        arrangement=claimed_peer_production(platform_control=S))  # fmt: skip
        found = evidence(eco.arrangements[0], eco)
        [clash] = found.contradictions
        assert clash.fact == "value_chain_control"
        assert "dominated by 'acme'" in clash.source
        assert found.commons is not None
        assert (found.commons.reading, found.commons.by) == ("steered", "acme")
        equal = attrs.evolve(board, members=[Membership(actor=a, weight=1)
                                             for a in ("acme", "other", "fdn")])  # fmt: skip
        fair = ecosystem(license="Apache-2.0", terms=ContributionTerms.NONE, holder=None,
                         operator="fdn", coalitions=(equal,),
                         arrangement=claimed_peer_production(platform_control=S))  # fmt: skip
        assert evidence(fair.arrangements[0], fair).contradictions == ()
        captured = attrs.evolve(equal, business_relation=BusinessRelation.CAPTURE)
        held = ecosystem(license="Apache-2.0", terms=ContributionTerms.NONE, holder=None,
                         operator="fdn", coalitions=(captured,),
                         arrangement=claimed_peer_production(platform_control=S))  # fmt: skip
        assert "whose business members capture the commons" in str(
            evidence(held.arrangements[0], held).commons
        )

    def test_a_revenue_share_means_participants_are_paid(self) -> None:
        share = FundingStream(
            id="share", source="acme", recipient="devs", channel=FundingChannel.REVENUE_SHARE
        )
        eco = ecosystem(license="GPL-3.0-only", terms=ContributionTerms.DCO, holder=None,
                        operator="fdn", funding=(share,),
                        arrangement=claimed_peer_production(platform_control=S))  # fmt: skip
        [clash] = evidence(eco.arrangements[0], eco).contradictions
        assert clash.fact == "monetization"
        assert "funding[0] 'share'" in str(clash)

    def test_an_owner_keeps_control_of_what_others_run(self) -> None:
        eco = ecosystem(license="GPL-3.0-only", terms=ContributionTerms.DCO, holder=None,
                        operator="fdn")  # fmt: skip
        owned = attrs.evolve(eco, platforms=[attrs.evolve(eco.platforms[0], owner="acme")])
        finding = evidence(owned.arrangements[0], owned).finding("platform_control")
        assert finding.value is ORG
        assert "owned by 'acme'" in finding.source

    def test_only_arrangements_of_the_ecosystem(self) -> None:
        eco = ecosystem()
        with pytest.raises(KeyError):
            evidence(claimed_peer_production(id="stranger"), eco)


class TestInvariants:
    """An ecosystem whose arrangements state what the layers derive has no contradictions."""

    @settings(max_examples=50)
    @given(ecosystems(max_entities=4))
    def test_derived_facts_are_consistent(self, eco: Ecosystem) -> None:
        read = attrs.evolve(eco, arrangements=[evidence(a, eco).read for a in eco.arrangements])
        for arrangement in read.arrangements:
            found = evidence(arrangement, read)
            # A revenue share paid to the participants is checked against the stated
            # monetization, not derived into a value (it does not say which channel), so
            # reading the derived facts cannot settle it; every derived fact is settled.
            assert [c for c in found.contradictions if c.fact != "monetization"] == []
            # The layers confirm what is stated: the same values, and the same verdict,
            # whose reasons now name the entities that confirm each derived fact.
            assert found.values == arrangement.facts()
            within, alone = classify_rung(arrangement, read), classify_rung(arrangement)
            assert (within.possible, within.rules) == (alone.possible, alone.rules)
            assert [r.met for r in within.reasons] == [r.met for r in alone.reasons]

    @settings(max_examples=50)
    @given(ecosystems(max_entities=4))
    def test_analyse_never_raises(self, eco: Ecosystem) -> None:
        report = analyse(eco)
        assert len(report.arrangements) == len(eco.arrangements)
        for prefer in ("stated", "either"):
            analyse(eco, prefer=prefer)
