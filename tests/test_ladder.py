"""The ladder of participation: the rules, the families the essay keeps apart, invariants."""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from peerprod import (
    UNKNOWN,
    Arrangement,
    Between,
    ClaimOutcome,
    Control,
    InvalidValue,
    LicenseKind,
    OneOf,
    ProductionModel,
    Rung,
    advise,
    cases,
    check_claim,
    classify_model,
    classify_rung,
    classify_rungs,
    model_of,
    rule_table,
    rung_of,
)
from peerprod.classify import RULES, classify_encoded, encode
from peerprod.classify.control import control_index, control_interval
from peerprod.model.arrangement import FACTS, contributions, monetization
from peerprod.strategies import uncertain_arrangements, valid_arrangements

ORG, S, P = Control.ORGANIZER, Control.SHARED, Control.PARTICIPANTS
COMMONS, SHARING, CORPORATE = LicenseKind.COMMONS, LicenseKind.SHARING, LicenseKind.CORPORATE


def arrangement(**facts: Any) -> Arrangement:
    """An arrangement every fact of which is known; the defaults lean to the corporate pole."""
    defaults: dict[str, Any] = {
        "contributions": contributions("content"),
        "community": False,
        "competition": False,
        "monetization": frozenset(),
        "parameters": ORG,
        "design": ORG,
        "joint_design": False,
        "platform_control": ORG,
        "value_chain_control": ORG,
        "output_regime": CORPORATE,
    }
    defaults.update(facts)
    return Arrangement(id="a", name="A", **defaults)


def peer(**facts: Any) -> Arrangement:
    """A commons the community creates and governs: rung 8, unless facts say otherwise."""
    base: dict[str, Any] = {
        "contributions": contributions("code"),
        "community": True,
        "monetization": monetization("services by anyone"),
        "parameters": P,
        "design": P,
        "platform_control": S,
        "value_chain_control": S,
        "output_regime": COMMONS,
    }
    base.update(facts)
    return arrangement(**base)


class TestEssayExamples:
    """The essay's worked examples (FCJ-097) classify as it reads them."""

    @pytest.mark.parametrize(
        ("case", "index", "rung", "model"),
        [
            ("lego", 0, 1, ProductionModel.NONE),
            # The company boxes and sells the customers' own designs as they are: its
            # value chain, the public's work (the essay's crowdsourced environment).
            ("lego", 1, 4, ProductionModel.CROWDSOURCED),
            ("lego", 2, 7, ProductionModel.SHARING),
            ("lego", 3, 8, ProductionModel.COMMONS_CENTRED),
            ("linux", 0, 8, ProductionModel.COMMONS_CENTRED),
            ("cash-machine", 0, 2, ProductionModel.NONE),
            ("ikea", 0, 3, ProductionModel.NONE),
        ],
    )
    def test_example(self, case: str, index: int, rung: int, model: ProductionModel) -> None:
        eco = cases.load(case)
        a = eco.arrangements[index]
        assert classify_rung(a, eco).rung == Rung(rung)
        assert classify_model(a, eco).model is model


class TestRules:
    """Each rung's rule tests the essay's own condition for it."""

    @pytest.mark.parametrize(
        ("facts", "rung"),
        [
            ({"contributions": contributions("nothing")}, 1),
            ({"contributions": contributions("service_step")}, 2),
            ({"contributions": contributions("assembly")}, 3),
            ({"monetization": monetization("product_sales by organizer")}, 4),
            ({"contributions": contributions("tasks"),
              "monetization": monetization("product_sales by organizer")}, 4),
            ({"monetization": monetization("licensing by organizer"), "joint_design": True}, 5),
            ({"monetization": monetization("product_sales by organizer"), "joint_design": True,
              "parameters": S}, 6),
            # Participants who design alone what the company sells are its crowdsourcing.
            ({"monetization": monetization("licensing by organizer"), "design": P}, 4),
            ({"monetization": monetization("attention by organizer")}, 7),
            ({"monetization": monetization("subscriptions by organizer")}, 7),
        ],
    )  # fmt: skip
    def test_lower_rungs(self, facts: dict[str, Any], rung: int) -> None:
        assert rung_of(arrangement(**facts)) == Rung(rung)

    def test_peer_production(self) -> None:
        verdict = classify_rung(peer())
        assert verdict.rung is Rung.PEER_PRODUCTION
        assert verdict.rules == ("peer production", "commons a company steers")
        assert classify_model(peer()).control.reading == "community"  # type: ignore[union-attr]

    def test_cooperative_peer_production(self) -> None:
        coop = peer(monetization=monetization("services by participant_vehicles"))
        assert rung_of(coop) is Rung.COOPERATIVE_PEER_PRODUCTION

    def test_outside_the_monetary_economy(self) -> None:
        gift = arrangement(
            contributions=contributions("gifts"), community=True, monetization=monetization("none")
        )
        assert rung_of(gift) is Rung.NON_MONETARY
        assert model_of(gift) is ProductionModel.SHARING
        commons = peer(monetization=monetization("none"))
        assert rung_of(commons) is Rung.NON_MONETARY
        assert model_of(commons) is ProductionModel.COMMONS_CENTRED

    def test_no_rule_is_outside_the_ladder(self) -> None:
        # Creative work that nobody sells or monetizes, no community, no commons: the
        # essay's ladder has no rung for it, and nothing is guessed.
        verdict = classify_rung(arrangement())
        assert verdict.outside
        assert verdict.rung is None
        assert "outside the ladder" in str(verdict)
        assert model_of(arrangement()) is None

    def test_every_rule_cites_the_essay(self) -> None:
        for rules in RULES.values():
            for rule in rules:
                assert rule.essay.startswith('"The Ladder of Participation"'), rule.name
                assert rule.rationale

    def test_rule_table(self) -> None:
        text = rule_table()
        assert "commons a company steers" in text
        assert rule_table("markdown").count("\n") == len(rule_table("rst").splitlines()) - 3
        with pytest.raises(InvalidValue, match="style"):
            rule_table("html")  # type: ignore[arg-type]


class TestFamilies:
    """The distinctions the essay turns on, which the old eight-value rules collapsed."""

    def test_attention_is_not_products(self) -> None:
        # A video platform whose uploaders also compete for views is a sharing environment.
        video = arrangement(
            contributions=contributions("content"), community=True, competition=True,
            monetization=monetization("attention by organizer", "attention by participants"),
            design=P,
        )  # fmt: skip
        assert rung_of(video) is Rung.SHARING_COMMUNITIES
        assert model_of(video) is ProductionModel.SHARING
        # A t-shirt contest whose entrants form a lively community sells products made from
        # their designs: crowdsourced, however connected they are.
        contest = arrangement(
            contributions=contributions("designs"), community=True, competition=True,
            monetization=monetization("product_sales by organizer", "donations by organizer"),
        )  # fmt: skip
        assert rung_of(contest) is Rung.CROWDSOURCING
        assert model_of(contest) is ProductionModel.CROWDSOURCED

    def test_competition_does_not_bar_co_design(self) -> None:
        entrants = arrangement(
            contributions=contributions("designs", "ideas"), competition=True, design=S,
            joint_design=True, monetization=monetization("product_sales by organizer"),
        )  # fmt: skip
        assert rung_of(entrants) is Rung.CO_DESIGN

    def test_a_marketplace_cooperative_is_not_company_crowdsourcing(self) -> None:
        coop = arrangement(
            contributions=contributions("content"), community=True, competition=True,
            monetization=monetization(
                "licensing by participant_vehicles", "licensing by participants"
            ),
            parameters=P, design=P, platform_control=P, value_chain_control=P,
        )  # fmt: skip
        verdict = classify_rung(coop)
        assert verdict.rung is Rung.COOPERATIVE_PEER_PRODUCTION
        assert verdict.rules == ("producers' own vehicles",)
        # Without a commons, none of the essay's three models fits.
        assert model_of(coop) is None

    def test_a_corporate_steered_commons_stays_commons_centred(self) -> None:
        phone_os = arrangement(
            contributions=contributions("code"), community=True,
            monetization=monetization("services by organizer", "product_sales by anyone"),
            output_regime=COMMONS,
        )  # fmt: skip
        verdict = classify_rung(phone_os)
        assert verdict.rung is Rung.PEER_PRODUCTION
        assert verdict.rules == ("commons a company steers",)
        model = classify_model(phone_os)
        assert model.model is ProductionModel.COMMONS_CENTRED
        assert model.control is not None
        assert model.control.reading == "steered"
        assert control_index(phone_os) < control_index(peer())  # type: ignore[operator]

    def test_a_commons_on_a_platform_that_sells_attention_is_sharing(self) -> None:
        wiki_farm = peer(
            monetization=monetization("attention by organizer"),
            parameters=ORG, platform_control=ORG, value_chain_control=ORG,
        )  # fmt: skip
        assert rung_of(wiki_farm) is Rung.SHARING_COMMUNITIES

    def test_gifts_reach_rung_ten_without_creative_work(self) -> None:
        hospitality = arrangement(
            contributions=contributions("gifts"), community=True, monetization=monetization("none")
        )
        assert rung_of(hospitality) is Rung.NON_MONETARY
        for_profit = attrs.evolve(
            hospitality, monetization=monetization("fees by organizer", "attention by organizer")
        )
        assert rung_of(for_profit) is Rung.SHARING_COMMUNITIES

    def test_sharecropping_is_never_commons_centred(self) -> None:
        cropped = peer(output_regime=LicenseKind.SHARECROPPING)
        assert model_of(cropped) is not ProductionModel.COMMONS_CENTRED


class TestUncertainty:
    """A verdict on uncertain facts is the set of verdicts of their completions, exactly."""

    def test_unknown_facts_give_a_range(self) -> None:
        a = peer(platform_control=OneOf({ORG, S}), monetization=UNKNOWN)
        verdict = classify_rung(a)
        assert not verdict.definite
        assert verdict.low is not None
        assert verdict.high is Rung.NON_MONETARY
        assert "monetization" in verdict.deciding
        assert rung_of(a) is None

    def test_claim_that_cannot_be_supported_without_knowing(self) -> None:
        # The owner sells attention: only a commons the community governs reaches rung 8.
        a = peer(
            platform_control=OneOf({ORG, S}), monetization=monetization("attention by organizer")
        )
        check = check_claim(a, Rung.PEER_PRODUCTION)
        assert check.outcome is ClaimOutcome.UNDECIDED
        assert "cannot be supported without knowing platform_control" in str(check)
        assert not check.holds

    @given(uncertain_arrangements())
    def test_total_and_deterministic(self, a: Arrangement) -> None:
        verdict = classify_rung(a)
        assert verdict.possible
        again = classify_rung(attrs.evolve(a, id="other", name="Other"))
        assert again == verdict
        assert verdict.definite == (len(verdict.possible) == 1)
        assert (verdict.deciding == ()) == verdict.definite or not verdict.definite
        models = classify_model(a).possible
        assert models

    @given(uncertain_arrangements(), st.randoms(use_true_random=False))
    def test_sound(self, a: Arrangement, random: Any) -> None:
        completion = _complete(a, random)
        assert rung_of(completion) in classify_rung(a).possible
        assert model_of(completion) in classify_model(a).possible

    @given(uncertain_arrangements())
    def test_tightest(self, a: Arrangement) -> None:
        options = [_possibilities(name, getattr(a, name)) for name in FACTS]
        assume(all(o is not None for o in options))
        size = 1
        for o in options:
            size *= len(o)  # type: ignore[arg-type]
        assume(size <= 3000)
        seen_rungs: set[Rung | None] = set()
        seen_models: set[ProductionModel | None] = set()
        for values in itertools.product(*options):  # type: ignore[arg-type]
            completion = attrs.evolve(a, **dict(zip(FACTS, values, strict=True)))
            seen_rungs.add(rung_of(completion))
            seen_models.add(model_of(completion))
        assert seen_rungs == classify_rung(a).possible
        assert seen_models == classify_model(a).possible

    @given(uncertain_arrangements())
    def test_deciding_facts_decide(self, a: Arrangement) -> None:
        verdict = classify_rung(a)
        for fact in FACTS:
            if fact in verdict.deciding:
                continue
            # Knowing a fact that does not decide the verdict never narrows it.
            value = _possibilities(fact, getattr(a, fact))
            if value is None or len(value) < 2:
                continue
            for option in value[:3]:
                narrowed = classify_rung(attrs.evolve(a, **{fact: option}))
                assert narrowed.possible == verdict.possible


def _possibilities(name: str, value: Any) -> list[Any] | None:
    """Every value a fact may take, or None when there are too many to list."""
    if value is UNKNOWN:
        if name in ("contributions", "monetization"):
            return None
        if name in ("community", "competition", "joint_design"):
            return [True, False]
        return list(LicenseKind) if name == "output_regime" else list(Control)
    if isinstance(value, OneOf):
        return sorted(value.options, key=repr)
    if isinstance(value, Between):
        return [s for s in value.possible_sets() if _valid(name, s)]
    return [value]


def _valid(name: str, members: frozenset[Any]) -> bool:
    try:
        arrangement(**{name: members})
    except InvalidValue:
        return False
    return True


def _complete(a: Arrangement, random: Any) -> Arrangement:
    changes: dict[str, Any] = {}
    for name in FACTS:
        options = _possibilities(name, getattr(a, name))
        if options is None:
            pool: list[frozenset[Any]] = [
                contributions("content"),
                contributions("nothing"),
                contributions("gifts"),
            ]
            if name == "monetization":
                pool = [
                    frozenset(),
                    monetization("none"),
                    monetization("attention by organizer"),
                    monetization("services by anyone", "product_sales by participant_vehicles"),
                ]
            options = pool
        changes[name] = random.choice(options)
    return attrs.evolve(a, **changes)


class TestMonotonicity:
    """Moving an ordinal fact toward the community pole never lowers the rung."""

    @given(valid_arrangements(), st.sampled_from(
        ["parameters", "design", "platform_control", "value_chain_control", "output_regime"]
    ))  # fmt: skip
    def test_raising_never_lowers(self, a: Arrangement, fact: str) -> None:
        before = rung_of(a)
        value = getattr(a, fact)
        for higher in type(value):
            if higher <= value:
                continue
            after = rung_of(attrs.evolve(a, **{fact: higher}))
            if before is not None:
                assert after is not None
                assert after >= before
            index_before, index_after = (
                control_index(a),
                control_index(attrs.evolve(a, **{fact: higher})),
            )
            assert index_before is not None
            assert index_after is not None
            assert index_after > index_before


class TestBatch:
    """The batch and NumPy paths give the single verdict, for every cell of the table."""

    @given(st.lists(valid_arrangements(), max_size=20))
    def test_batch_equals_single(self, arrangements: list[Arrangement]) -> None:
        assert classify_rungs(arrangements) == [rung_of(a) for a in arrangements]

    @given(st.lists(valid_arrangements(), max_size=20))
    def test_numpy_equals_single(self, arrangements: list[Arrangement]) -> None:
        numbers = classify_encoded(encode(arrangements)).tolist()
        assert numbers == [0 if (r := rung_of(a)) is None else r.number for a in arrangements]

    def test_encode_refuses_unknown_facts(self) -> None:
        with pytest.raises(InvalidValue, match=r"a\.community: must be known exactly"):
            encode([peer(community=UNKNOWN)])

    def test_classify_encoded_refuses_cells_out_of_range(self) -> None:
        import numpy as np

        with pytest.raises(InvalidValue, match="must be below"):
            classify_encoded(np.array([10**8], dtype=np.uint32))
        with pytest.raises(InvalidValue, match="negative"):
            classify_encoded(np.array([-1]))
        with pytest.raises(InvalidValue, match="whole numbers"):
            classify_encoded(np.array([0.5]))
        assert classify_encoded(np.zeros((2, 3), dtype=np.uint8)).shape == (2, 3)


class TestRealityCheck:
    """Claims set against the facts."""

    def test_supported(self) -> None:
        check = check_claim(peer(), "co-design")
        assert check.holds
        assert check.outcome is ClaimOutcome.SUPPORTED
        assert check.gap == -3

    def test_not_supported_lists_what_is_missing(self) -> None:
        eco = cases.load("lego")
        check = check_claim(eco.arrangements[2], 8, eco)
        assert check.outcome is ClaimOutcome.NOT_SUPPORTED
        assert check.gap == 1
        assert "output_regime" in {r.fact for r in check.shortfalls}
        assert all(r.rung is Rung.PEER_PRODUCTION for r in check.shortfalls)

    def test_claim_parsing(self) -> None:
        with pytest.raises(InvalidValue, match="rung"):
            check_claim(peer(), "the moon")


class TestAdvice:
    """Advice names the fewest changes that lift an arrangement, and applying it does."""

    @given(valid_arrangements())
    def test_advice_is_honest(self, a: Arrangement) -> None:
        advice = advise(a)
        current = rung_of(a)
        if advice is None:
            assert current is Rung.NON_MONETARY
            return
        assert advice.current == current
        assert current is None or advice.target > current
        assert rung_of(advice.apply(a)) is advice.target
        assert advice.changes

    def test_needs_known_facts(self) -> None:
        with pytest.raises(InvalidValue, match="known exactly"):
            advise(peer(design=UNKNOWN))


class TestControlIndex:
    """The control polarity index and its interval."""

    @given(uncertain_arrangements())
    def test_interval_bounds_every_completion(self, a: Arrangement) -> None:
        low, high = control_interval(a)
        assert 0.0 <= low <= high <= 1.0
        index = control_index(a)
        if index is not None:
            assert low == pytest.approx(index) == pytest.approx(high)

    def test_poles(self) -> None:
        corporate_pole = arrangement(
            monetization=monetization("attention by organizer"),
            output_regime=LicenseKind.SHARECROPPING,
        )
        assert control_index(corporate_pole) == 0
        assert control_index(
            peer(parameters=P, platform_control=P, value_chain_control=P,
                 monetization=monetization("none"))
        ) == 1  # fmt: skip
