"""The classifiers against the evaluation set: coders' readings of documented arrangements.

The evaluation set (``peerprod.cases.evaluation``) is two coders' independent coding of
the same real arrangements, each fact from a dated public source, with each coder's
reading of the rung and model written from the essay before any classifier ran. The
figures asserted here are floors a little below today's: a change to the rules that
misplaces more real arrangements fails the suite, and one that places more raises them.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest

from peerprod import ProductionModel, Rung, cases
from peerprod.analysis.reliability import compare
from peerprod.analysis.validation import Placement, Reading, ValidationReport, validate
from peerprod.cases import evaluation
from peerprod.errors import IntegrityError, InvalidDocument
from peerprod.model.arrangement import FACTS
from peerprod.model.uncertainty import UNKNOWN

if TYPE_CHECKING:
    from peerprod import Ecosystem

TODAY = datetime.date(2026, 11, 29)

# Floors under today's figures (see docs/validation.rst for the figures themselves).
FLOORS = {
    "a": {"rung_accuracy": 0.80, "rung_within": 0.93, "model_accuracy": 0.80},
    "b": {"rung_accuracy": 0.88, "rung_within": 0.93, "model_accuracy": 0.85},
}
ALPHA_FLOOR = 0.80


def _date(text: str) -> datetime.date:
    parts = [int(part) for part in text.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    return datetime.date(year, month, day)


def _cited(ecosystems: dict[str, Ecosystem]) -> list[str]:
    """Every known fact no dated source supports, as case/arrangement.fact.

    A source may lack an address (a book, an annual report); it may not lack a date.
    """
    missing: list[str] = []
    for name, ecosystem in ecosystems.items():
        for arrangement in ecosystem.arrangements:
            supported = {
                fact
                for source in arrangement.sources
                if source.date is not None
                for fact in source.supports
            }
            missing.extend(
                f"{name}/{arrangement.id}.{fact}"
                for fact, value in zip(FACTS, arrangement.facts(), strict=True)
                if value is not UNKNOWN and fact not in supported
            )
    return missing


class TestEvaluationSet:
    """Two coders, the same arrangements, every fact cited."""

    def test_two_coders(self) -> None:
        assert evaluation.coders() == ("a", "b")

    @pytest.mark.parametrize("coder", ["a", "b"])
    def test_one_reading_per_arrangement(self, coder: str) -> None:
        ecosystems = evaluation.load(coder)
        read = [(r.case, r.arrangement) for r in evaluation.readings(coder)]
        coded = [(name, a.id) for name, eco in ecosystems.items() for a in eco.arrangements]
        assert len(read) == len(set(read)) == 46
        assert sorted(read) == sorted(coded)

    def test_coders_code_the_same_arrangements(self) -> None:
        a, b = evaluation.load("a"), evaluation.load("b")
        assert a.keys() == b.keys()
        for name in a:
            assert [x.id for x in a[name].arrangements] == [x.id for x in b[name].arrangements]

    @pytest.mark.parametrize("coder", ["a", "b"])
    def test_every_known_fact_has_a_dated_source(self, coder: str) -> None:
        assert _cited(evaluation.load(coder)) == []

    def test_every_built_in_fact_has_a_dated_source(self) -> None:
        assert _cited({name: cases.load(name) for name in cases.names()}) == []

    @pytest.mark.parametrize("coder", ["a", "b"])
    def test_sources_are_dated_in_the_past(self, coder: str) -> None:
        # An undated source may add to a dated one (see _cited); none may be dated later.
        for name, ecosystem in evaluation.load(coder).items():
            for arrangement in ecosystem.arrangements:
                for source in arrangement.sources:
                    if source.date is not None:
                        assert _date(source.date) <= TODAY, (name, arrangement.id, source.title)

    @pytest.mark.parametrize("coder", ["a", "b"])
    def test_every_reading_gives_its_reasons(self, coder: str) -> None:
        assert all(reading.why.strip() for reading in evaluation.readings(coder))

    def test_unknown_coder(self) -> None:
        with pytest.raises(InvalidDocument, match="coder"):
            evaluation.load("c")


class TestAccuracy:
    """The share of real arrangements the classifiers place where the coder reads them."""

    @pytest.mark.parametrize("coder", ["a", "b"])
    def test_floors(self, coder: str) -> None:
        report = validate(evaluation.load(coder), evaluation.readings(coder))
        floors = FLOORS[coder]
        assert report.rung_accuracy >= floors["rung_accuracy"], str(report)
        assert report.rung_within >= floors["rung_within"], str(report)
        assert report.model_accuracy >= floors["model_accuracy"], str(report)

    @pytest.mark.parametrize("coder", ["a", "b"])
    def test_every_family_is_reached(self, coder: str) -> None:
        """Each family of arrangements the essay names is placed right at least once."""
        report = validate(evaluation.load(coder), evaluation.readings(coder))
        hits = {rung for rung, (placed, _) in report.by_rung().items() if placed}
        families = [
            {Rung.CONSUMERS},
            {Rung.SELF_SERVICE, Rung.DO_IT_YOURSELF},
            {Rung.CROWDSOURCING, Rung.CO_DESIGN, Rung.CO_CREATIVITY},
            {Rung.SHARING_COMMUNITIES},
            {Rung.PEER_PRODUCTION},
            {Rung.COOPERATIVE_PEER_PRODUCTION, Rung.NON_MONETARY},
        ]
        for family in families:
            assert hits & family, (family, report.by_rung())

    def test_coders_agree_on_the_facts(self) -> None:
        report = compare(evaluation.load("a"), evaluation.load("b"))
        assert report.unpaired == ()
        assert report.alpha.alpha is not None
        assert report.alpha.alpha >= ALPHA_FLOOR, str(report)


class TestValidate:
    """validate() itself, on small hand-made inputs."""

    def reading(self, **changes: object) -> Reading:
        fields: dict[str, object] = {
            "case": "lego",
            "arrangement": "lugnet",
            "rung": Rung.PEER_PRODUCTION,
            "model": ProductionModel.COMMONS_CENTRED,
        }
        fields.update(changes)
        return Reading(**fields)  # type: ignore[arg-type]

    def test_exact(self) -> None:
        report = validate({"lego": cases.load("lego")}, [self.reading()])
        (placement,) = report.placements
        assert placement.rung_exact
        assert placement.rung_within
        assert placement.model_exact
        assert report.misses == ()
        assert report.by_rung() == {Rung.PEER_PRODUCTION: (1, 1)}
        assert report.by_model() == {ProductionModel.COMMONS_CENTRED: (1, 1)}

    def test_miss_is_listed_with_both_readings(self) -> None:
        wrong = self.reading(rung=Rung.CO_DESIGN, model=ProductionModel.CROWDSOURCED)
        report = validate({"lego": cases.load("lego")}, [wrong])
        assert report.rung_accuracy == report.model_accuracy == 0.0
        assert report.misses == report.placements
        assert str(report.misses[0]) == (
            "x lego/lugnet: read rung 5 crowdsourced; found 8 commons_centred"
        )

    def test_open_facts_count_within(self) -> None:
        placement = Placement(
            reading=self.reading(rung=None, model=None),
            rungs=frozenset({Rung.PEER_PRODUCTION, None}),
            models=frozenset({ProductionModel.COMMONS_CENTRED, None}),
        )
        report = ValidationReport(placements=(placement,))
        assert (report.rung_accuracy, report.rung_within) == (0.0, 1.0)
        assert report.by_rung() == {None: (0, 1)}

    def test_nothing_to_validate(self) -> None:
        report = validate({}, [])
        assert report.rung_accuracy == report.rung_within == report.model_accuracy == 0.0
        assert str(report).startswith("0 readings")

    def test_unmatched_readings_are_listed_by_place(self) -> None:
        readings = [
            self.reading(),
            self.reading(case="nope"),
            self.reading(arrangement="nope"),
        ]
        with pytest.raises(IntegrityError) as info:
            validate({"lego": cases.load("lego")}, readings)
        assert [str(problem) for problem in info.value.problems] == [
            "readings[1]: case 'nope' is not among the ecosystems given",
            "readings[2]: case 'lego' has no arrangement 'nope'",
        ]
