"""The production model follows from the rung, as MODEL_RULES says, and never disagrees with it."""

from __future__ import annotations

from hypothesis import given

from peerprod import Arrangement, LicenseKind, ProductionModel, Rung, model_of, rung_of
from peerprod.classify import MODEL_RULES
from peerprod.strategies import valid_arrangements


class TestModelRules:
    """Each rung has its model; rung 10 is commons-centred only with a real commons."""

    def test_every_rung_has_a_model(self) -> None:
        for rung in Rung:
            assert any(rung in rule.rungs for rule in MODEL_RULES), rung

    def test_rules_in_words(self) -> None:
        assert [str(rule) for rule in MODEL_RULES] == [
            "commons_centred: rung 8",
            "commons_centred: rungs 9-10; contributions include work that can be pooled as a "
            "commons; output_regime >= 'commons'",
            "sharing: rungs 7, 10",
            "crowdsourced: rungs 4-6",
            "none: rungs 1-3",
        ]

    def test_order_runs_to_the_community_pole(self) -> None:
        assert (
            ProductionModel.NONE
            < ProductionModel.CROWDSOURCED
            < ProductionModel.SHARING
            < ProductionModel.COMMONS_CENTRED
        )


class TestInvariants:
    """For arrangements whose facts are known, the model is the rung's."""

    @given(valid_arrangements())
    def test_model_follows_the_rung(self, a: Arrangement) -> None:
        rung, model = rung_of(a), model_of(a)
        if rung is None:
            assert model is None
            return
        expected = {
            rule.model
            for rule in MODEL_RULES
            if rung in rule.rungs and all(_holds(c, a) for c in rule.conditions)
        }
        # Producers' own vehicles without a commons (rung 9 alone) have no model.
        assert model in expected if expected else model is None
        if rung < Rung.CROWDSOURCING:
            assert model is ProductionModel.NONE
        elif rung < Rung.SHARING_COMMUNITIES:
            assert model is ProductionModel.CROWDSOURCED

    @given(valid_arrangements(output_regime=LicenseKind.SHARECROPPING))
    def test_sharecropping_is_never_commons_centred(self, a: Arrangement) -> None:
        assert model_of(a) is not ProductionModel.COMMONS_CENTRED


def _holds(condition: object, a: Arrangement) -> bool:
    return bool(condition.holds(getattr(a, condition.fact)))  # type: ignore[attr-defined]
