"""The production-model classifier and its consistency with the ladder."""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import pytest
from hypothesis import given

from peerprod.classify.ladder import DIMENSION_TYPES, RULES, Rung, rung_of
from peerprod.classify.production import MODEL_RULES, ProductionModel, classify_model, model_of
from peerprod.errors import InvalidValue
from peerprod.licenses.kinds import LicenseKind
from peerprod.model.arrangement import DIMENSIONS, Arrangement
from peerprod.strategies._classify import valid_arrangements

RUNG_MODELS: dict[int, set[ProductionModel]] = {
    1: {ProductionModel.NONE},
    2: {ProductionModel.NONE},
    3: {ProductionModel.NONE},
    4: {ProductionModel.CROWDSOURCED},
    7: {ProductionModel.SHARING},
    8: {ProductionModel.COMMONS_CENTRED},
    9: {ProductionModel.COMMONS_CENTRED},
    10: {ProductionModel.COMMONS_CENTRED, ProductionModel.SHARING},
}
"""What the issue requires of each rung; rungs 5 and 6 are left to the rules."""


def lowered(arrangement: Arrangement, dimension: str, value: Any) -> Arrangement:
    """The arrangement with one dimension lowered, and conflicting facts moved down with it."""
    values: dict[str, Any] = {d: getattr(arrangement, d) for d in DIMENSIONS}
    values[dimension] = value
    for _ in DIMENSIONS:
        try:
            return attrs.evolve(arrangement, **values)
        except InvalidValue as error:
            assert error.field != dimension
            values[error.field] = DIMENSION_TYPES[error.field].lowest()
    raise AssertionError(values)  # pragma: no cover


class TestConsistency:
    """Rung and model agree: the issue's table, and sharecropping is never commons-centred."""

    @given(valid_arrangements())
    def test_rung_implies_model(self, arrangement: Arrangement) -> None:
        rung = rung_of(arrangement)
        model = model_of(arrangement)
        assert model in RUNG_MODELS.get(rung.number, set(ProductionModel))
        assert classify_model(arrangement).model is model
        assert classify_model(arrangement).rung is rung

    @given(valid_arrangements())
    def test_rungs_five_and_six_are_crowdsourced(self, arrangement: Arrangement) -> None:
        if rung_of(arrangement) in (Rung.CO_DESIGN, Rung.CO_CREATIVITY):
            assert model_of(arrangement) is ProductionModel.CROWDSOURCED

    @given(valid_arrangements(output_regime=LicenseKind.SHARECROPPING))
    def test_sharecropping_is_never_commons_centred(self, arrangement: Arrangement) -> None:
        assert model_of(arrangement) is not ProductionModel.COMMONS_CENTRED

    @given(valid_arrangements())
    def test_model_follows_its_rules(self, arrangement: Arrangement) -> None:
        first = next(
            (m for m, rung in MODEL_RULES.items() if RULES[rung].holds(arrangement)),
            ProductionModel.NONE,
        )
        assert model_of(arrangement) is first

    def test_model_rules_are_nested(self) -> None:
        # Each model's rule asks at least as much as the next one toward the corporate pole.
        rules = [RULES[rung] for rung in MODEL_RULES.values()]
        for stricter, looser in itertools.pairwise(rules):
            for condition in looser.conditions:
                minimum = stricter.minimum(condition.dimension)
                assert minimum is not None
                assert minimum >= condition.minimum


class TestExplanations:
    """Flipping a deciding fact changes the model; meeting every shortfall reaches the next."""

    @given(valid_arrangements())
    def test_reasons_are_sound(self, arrangement: Arrangement) -> None:
        verdict = classify_model(arrangement)
        assert verdict.reasons
        for reason in verdict.reasons:
            if reason.met:
                flipped = lowered(arrangement, reason.dimension, reason.condition.minimum.step(-1))
                assert model_of(flipped) < verdict.model, reason
            else:
                values: dict[str, Any] = {reason.dimension: reason.condition.minimum}
                assert model_of(attrs.evolve(arrangement, **values)) > verdict.model

    @given(valid_arrangements())
    def test_shortfalls_lead_to_the_next_model(self, arrangement: Arrangement) -> None:
        verdict = classify_model(arrangement)
        following = verdict.model.step(1)
        if following is None:
            assert verdict.shortfalls == ()
            return
        assert verdict.shortfalls
        assert all(not r.met for r in verdict.shortfalls)
        values: dict[str, Any] = {r.dimension: r.condition.minimum for r in verdict.shortfalls}
        assert model_of(attrs.evolve(arrangement, **values)) >= following

    @given(valid_arrangements())
    def test_text(self, arrangement: Arrangement) -> None:
        text = str(classify_model(arrangement))
        assert text.startswith(model_of(arrangement).value)


@pytest.mark.parametrize(
    ("model", "wire"),
    [
        (ProductionModel.NONE, "none"),
        (ProductionModel.CROWDSOURCED, "crowdsourced"),
        (ProductionModel.SHARING, "sharing"),
        (ProductionModel.COMMONS_CENTRED, "commons_centred"),
    ],
)
def test_wire_values(model: ProductionModel, wire: str) -> None:
    assert model.value == wire
    assert ProductionModel(wire) is model


def test_rung_ten_with_a_commons_is_commons_centred() -> None:
    top = Arrangement(
        id="top",
        name="Top",
        **{d: DIMENSION_TYPES[d].highest() for d in DIMENSIONS},  # type: ignore[arg-type]
    )
    assert rung_of(top) is Rung.NON_MONETARY
    assert model_of(top) is ProductionModel.COMMONS_CENTRED
    assert str(classify_model(top)).startswith("commons_centred (rung 10)")
