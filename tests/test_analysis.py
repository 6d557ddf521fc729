"""Whole-ecosystem classification, and every built-in case classified as it says."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerprod import cases
from peerprod.analysis.report import (
    EcosystemReport,
    EcosystemStructure,
    analyse,
    ecosystem_control_index,
    ecosystem_structure,
)
from peerprod.classify.coalitions import CoalitionVerdict, coalition_structure
from peerprod.classify.ladder import Rung, check_claim, classify_rung, control_index
from peerprod.classify.production import ProductionModel, classify_model
from peerprod.model.actors import Actor, ActorKind
from peerprod.model.ecosystem import Ecosystem
from peerprod.strategies._classify import analysable_ecosystems

if TYPE_CHECKING:
    from random import Random

N = ProductionModel.NONE
CS = ProductionModel.CROWDSOURCED
SH = ProductionModel.SHARING
CC = ProductionModel.COMMONS_CENTRED

ESSAY = {
    ("lego", "lego-classic"): (1, N),
    ("lego", "lego-factory"): (4, CS),
    ("lego", "lego-world"): (7, SH),
    ("lego", "lugnet"): (8, CC),
    ("linux", "linux-kernel-development"): (8, CC),
    ("os-alliance", "os-alliance-cooperative"): (9, CC),
    ("cash-machine", "cash-machine"): (2, N),
    ("ikea", "ikea-assembly"): (3, N),
}
"""The essay's examples (FCJ-097), as the issue lists them."""

OWN = {
    ("wikipedia", "wikipedia-editing"): (8, CC),
    ("httpd", "httpd-development"): (8, CC),
    ("openstreetmap", "osm-mapping"): (8, CC),
    ("guifi-net", "guifi-network-building"): (8, CC),
    ("loomio", "loomio-cooperative-development"): (9, CC),
    ("mozilla-firefox", "firefox-development"): (5, CS),
    ("youtube", "youtube-uploading"): (7, SH),
    ("flickr", "flickr-sharing"): (7, SH),
    ("instagram", "instagram-posting"): (7, SH),
    ("threadless", "threadless-design-challenges"): (4, CS),
    ("innocentive", "innocentive-challenges"): (4, CS),
    ("mechanical-turk", "mturk-tasks"): (4, CS),
    ("couchsurfing", "couchsurfing-gift-years"): (10, SH),
    ("couchsurfing", "couchsurfing-company-years"): (7, SH),
}
"""Further well-known cases; each arrangement's description opens with the same verdict."""

COALITIONS = {
    ("linux", "linux-foundation-board"): CoalitionVerdict.EQUAL_SAY,
    ("eclipse", "eclipse-consortium"): CoalitionVerdict.DOMINATED,
}

STRUCTURES = {
    "linux": EcosystemStructure.TRIAD,
    "lego": EcosystemStructure.PARTIAL,
    "guifi-net": EcosystemStructure.QUATERNARY,
    "wikipedia": EcosystemStructure.TRIAD,
    "loomio": EcosystemStructure.PARTIAL,
}

MODEL_WORDS = {N: "none", CS: "crowdsourced", SH: "sharing", CC: "commons-centred"}


class TestBuiltInCases:
    """Every built-in arrangement and coalition classifies as its case says."""

    def test_every_arrangement_is_expected(self) -> None:
        listed = {(n, a.id) for n in cases.names() for a in cases.load(n).arrangements}
        assert listed == set(ESSAY) | set(OWN)

    @pytest.mark.parametrize(("key", "expected"), sorted({**ESSAY, **OWN}.items()))
    def test_arrangement(self, key: tuple[str, str], expected: tuple[int, ProductionModel]) -> None:
        case, arrangement_id = key
        report = analyse(cases.load(case)).arrangement(arrangement_id)
        assert (report.rung.rung.number, report.model.model) == expected

    @pytest.mark.parametrize(("key", "expected"), sorted(OWN.items()))
    def test_description_states_the_verdict(
        self, key: tuple[str, str], expected: tuple[int, ProductionModel]
    ) -> None:
        case, arrangement_id = key
        (arrangement,) = (a for a in cases.load(case).arrangements if a.id == arrangement_id)
        rung, model = expected
        assert arrangement.description.startswith(f"Rung {rung}, {MODEL_WORDS[model]}: ")

    @pytest.mark.parametrize(("key", "expected"), sorted(COALITIONS.items()))
    def test_coalition(self, key: tuple[str, str], expected: CoalitionVerdict) -> None:
        case, coalition_id = key
        assert analyse(cases.load(case)).coalition(coalition_id).verdict is expected

    @pytest.mark.parametrize(("case", "expected"), sorted(STRUCTURES.items()))
    def test_structure(self, case: str, expected: EcosystemStructure) -> None:
        assert analyse(cases.load(case)).structure is expected

    def test_lugnet_outclaims_nothing_but_lego_world_does(self) -> None:
        lego = {a.id: a for a in cases.load("lego").arrangements}
        assert check_claim(lego["lugnet"], Rung.PEER_PRODUCTION).holds
        world = check_claim(lego["lego-world"], Rung.PEER_PRODUCTION)
        assert not world.holds
        assert {r.dimension for r in world.shortfalls} == {
            "parameters",
            "platform_control",
            "value_chain_control",
            "output_regime",
            "value_capture",
        }


def ecosystem(*kinds: ActorKind) -> Ecosystem:
    return Ecosystem(
        id="e",
        name="E",
        actors=[Actor(id=f"a{i}", kind=k, name="A") for i, k in enumerate(kinds)],
    )


class TestStructure:
    """Community, foundation and business form a triad; a public authority makes four."""

    @pytest.mark.parametrize(
        ("kinds", "structure", "missing"),
        [
            ((), EcosystemStructure.PARTIAL, ("community", "foundation", "business")),
            (
                (ActorKind.COMMUNITY, ActorKind.BUSINESS, ActorKind.PUBLIC_AUTHORITY),
                EcosystemStructure.PARTIAL,
                ("foundation",),
            ),
            (
                (ActorKind.BUSINESS, ActorKind.FOUNDATION, ActorKind.COMMUNITY),
                EcosystemStructure.TRIAD,
                (),
            ),
            (
                (
                    ActorKind.PUBLIC_AUTHORITY,
                    ActorKind.COMMUNITY,
                    ActorKind.FOUNDATION,
                    ActorKind.BUSINESS,
                    ActorKind.INDIVIDUAL,
                ),
                EcosystemStructure.QUATERNARY,
                (),
            ),
        ],
    )
    def test_kinds(
        self, kinds: tuple[ActorKind, ...], structure: EcosystemStructure, missing: tuple[str, ...]
    ) -> None:
        found, lacking = ecosystem_structure(ecosystem(*kinds))
        assert found is structure
        assert tuple(k.value for k in lacking) == missing

    def test_text_names_what_is_missing(self) -> None:
        report = analyse(ecosystem(ActorKind.COMMUNITY))
        assert str(report) == "e: partial (no foundation, business)"
        assert report.control_index is None


class TestAnalyse:
    """The report is total, agrees with the single classifiers, and follows document order."""

    @given(analysable_ecosystems())
    def test_agrees_with_the_parts(self, eco: Ecosystem) -> None:
        report = analyse(eco)
        assert isinstance(report, EcosystemReport)
        assert [r.arrangement for r in report.arrangements] == [a.id for a in eco.arrangements]
        for arrangement, part in zip(eco.arrangements, report.arrangements, strict=True):
            assert part.rung == classify_rung(arrangement)
            assert part.model == classify_model(arrangement)
            assert part.control_index == control_index(arrangement)
            assert report.arrangement(arrangement.id) is part
        assert report.coalitions == tuple(coalition_structure(c) for c in eco.coalitions)
        for coalition in eco.coalitions:
            assert report.coalition(coalition.id).coalition == coalition.id
        assert report.ecosystem in str(report)

    @given(analysable_ecosystems())
    def test_control_index_is_the_mean(self, eco: Ecosystem) -> None:
        index = ecosystem_control_index(eco)
        if not eco.arrangements:
            assert index is None
            return
        assert index is not None
        assert 0.0 <= index <= 1.0
        indices = [control_index(a) for a in eco.arrangements]
        assert min(indices) - 1e-12 <= index <= max(indices) + 1e-12

    @given(analysable_ecosystems(), st.randoms())
    def test_order_changes_only_the_order(self, eco: Ecosystem, random: Random) -> None:
        arrangements, coalitions, actors = (
            list(eco.arrangements),
            list(eco.coalitions),
            list(eco.actors),
        )
        for section in (arrangements, coalitions, actors):
            random.shuffle(section)
        shuffled = attrs.evolve(
            eco, arrangements=arrangements, coalitions=coalitions, actors=actors
        )
        before, after = analyse(eco), analyse(shuffled)
        assert sorted(before.arrangements, key=str) == sorted(after.arrangements, key=str)
        assert sorted(before.coalitions, key=str) == sorted(after.coalitions, key=str)
        assert (before.structure, before.missing) == (after.structure, after.missing)
        if before.control_index is None:
            assert after.control_index is None
        else:
            assert after.control_index == pytest.approx(before.control_index)

    def test_unknown_ids(self) -> None:
        report = analyse(cases.load("linux"))
        with pytest.raises(KeyError):
            report.arrangement("nope")
        with pytest.raises(KeyError):
            report.coalition("nope")
