"""The ladder of participation: rules, classifier, table, reality check and advice."""

from __future__ import annotations

import ast
import inspect
import itertools
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerprod.classify import ladder
from peerprod.classify.ladder import (
    DIMENSION_TYPES,
    RULES,
    Advice,
    Condition,
    Rule,
    Rung,
    advise,
    check_claim,
    classify_rung,
    classify_rungs,
    control_index,
    control_terms,
    rule_rows,
    rule_table,
    rung_of,
)
from peerprod.classify.production import model_of
from peerprod.errors import InvalidValue
from peerprod.licenses.kinds import LicenseKind
from peerprod.model.arrangement import (
    DIMENSIONS,
    Arrangement,
    Contribution,
    Control,
    Relation,
    ValueCapture,
)
from peerprod.strategies._classify import rungs, valid_arrangements

if TYPE_CHECKING:
    from peerprod.ordinal import OrdinalEnum


def by_rules(values: dict[str, OrdinalEnum]) -> Rung:
    """The reference classifier: the highest rung whose rule holds, evaluated directly."""
    return max(
        rule.rung
        for rule in RULES.values()
        if all(values[c.dimension] >= c.minimum for c in rule.conditions)
    )


def facts(arrangement: Arrangement) -> dict[str, OrdinalEnum]:
    return {name: getattr(arrangement, name) for name in DIMENSIONS}


def make(values: dict[str, Any], **ids: Any) -> Arrangement:
    return Arrangement(id=ids.get("id", "a"), name=ids.get("name", "A"), **values)


def made_consistent(values: dict[str, Any], keep: str) -> Arrangement:
    """Build the arrangement, moving conflicting fields (never ``keep``) to the corporate pole.

    The consistency error names the field in conflict, so this relies on no
    copy of the consistency rules.
    """
    values = dict(values)
    for _ in DIMENSIONS:
        try:
            return make(values)
        except InvalidValue as error:
            assert error.field != keep, error
            values[error.field] = DIMENSION_TYPES[error.field].lowest()
    raise AssertionError(values)  # pragma: no cover


LOWEST = make({d: DIMENSION_TYPES[d].lowest() for d in DIMENSIONS})
HIGHEST = make({d: DIMENSION_TYPES[d].highest() for d in DIMENSIONS})


class TestRung:
    """Rungs are numbered 1 to 10, named and described, and parse from text."""

    def test_numbers_follow_the_order(self) -> None:
        assert [r.number for r in Rung] == list(range(1, 11))
        assert sorted(Rung, key=lambda r: r.rank) == list(Rung)
        assert Rung.CONSUMERS < Rung.NON_MONETARY

    def test_descriptions_match_the_member_docstrings(self) -> None:
        tree = ast.parse(inspect.getsource(ladder))
        (rung_class,) = (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Rung")
        documented: dict[str, str] = {}
        body = rung_class.body
        for node, after in itertools.pairwise(body):
            if isinstance(node, ast.Assign) and isinstance(after, ast.Expr):
                target = node.targets[0]
                assert isinstance(target, ast.Name)
                assert isinstance(after.value, ast.Constant)
                assert isinstance(after.value.value, str)
                documented[target.id] = after.value.value
        assert documented == {r.name: r.description for r in Rung}

    def test_short_names_are_distinct(self) -> None:
        assert len({r.short_name for r in Rung}) == len(Rung)

    @pytest.mark.parametrize(
        ("text", "rung"),
        [
            (8, Rung.PEER_PRODUCTION),
            ("8", Rung.PEER_PRODUCTION),
            ("PEER_PRODUCTION", Rung.PEER_PRODUCTION),
            ("Peer production", Rung.PEER_PRODUCTION),
            ("co-design", Rung.CO_DESIGN),
            ("self_service", Rung.SELF_SERVICE),
            ("outside the monetary economy", Rung.NON_MONETARY),
        ],
    )
    def test_parse(self, text: str | int, rung: Rung) -> None:
        assert Rung.parse(text) is rung

    @pytest.mark.parametrize("text", [0, 11, True, "", "eleven", "peer", 8.0])
    def test_parse_refuses_what_is_not_a_rung(self, text: Any) -> None:
        with pytest.raises(InvalidValue, match="rung"):
            Rung.parse(text)


class TestRules:
    """The rules are well-formed data, and each rule's thresholds form a valid arrangement."""

    def test_one_rule_per_rung_in_order(self) -> None:
        assert list(RULES) == list(Rung)
        assert all(rule.rung is rung for rung, rule in RULES.items())
        assert RULES[Rung.CONSUMERS].conditions == ()
        assert all(rule.rationale for rule in RULES.values())

    @pytest.mark.parametrize("rung", list(Rung)[1:])
    def test_thresholds_are_consistent_facts(self, rung: Rung) -> None:
        # Advice raises dimensions to these minimums, so they must be possible facts.
        rule = RULES[rung]
        values = {d: rule.minimum(d) or DIMENSION_TYPES[d].lowest() for d in DIMENSIONS}
        assert rung_of(make(values)) is rung

    def test_condition_validation(self) -> None:
        with pytest.raises(InvalidValue, match="dimension"):
            Condition(dimension="colour", minimum=Control.SHARED)
        with pytest.raises(InvalidValue, match="Relation"):
            Condition(dimension="relation", minimum=Control.SHARED)

    def test_rule_validation(self) -> None:
        relation = Condition(dimension="relation", minimum=Relation.CONNECTED)
        design = Condition(dimension="design", minimum=Control.SHARED)
        with pytest.raises(InvalidValue, match="DIMENSIONS order"):
            Rule(rung=Rung.CO_DESIGN, conditions=(relation, design))
        with pytest.raises(InvalidValue, match="DIMENSIONS order"):
            Rule(rung=Rung.CO_DESIGN, conditions=(design, design))
        with pytest.raises(InvalidValue, match="Condition"):
            Rule(rung=Rung.CO_DESIGN, conditions=("design",))  # type: ignore[arg-type]
        with pytest.raises(InvalidValue, match="Rung"):
            Rule(rung=5, conditions=())  # type: ignore[arg-type]
        assert str(Rule(rung=Rung.CO_DESIGN, conditions=[design])).startswith("rung 5")

    def test_rule_holds_and_reasons(self) -> None:
        assert RULES[Rung.CONSUMERS].holds(LOWEST)
        assert not RULES[Rung.SELF_SERVICE].holds(LOWEST)
        assert all(r.met for rule in RULES.values() for r in rule.reasons(HIGHEST))


class TestTable:
    """The compiled table equals the rules, over the whole product of the enums."""

    def test_exhaustively(self) -> None:
        ladder._compile()
        product = itertools.product(*(DIMENSION_TYPES[d] for d in DIMENSIONS))
        for index, combo in enumerate(product):
            expected = by_rules(dict(zip(DIMENSIONS, combo, strict=True)))
            assert ladder._FLAT[index] is expected, combo

    @given(valid_arrangements())
    def test_lookup_equals_rules(self, arrangement: Arrangement) -> None:
        assert rung_of(arrangement) is by_rules(facts(arrangement))
        assert classify_rung(arrangement).rung is rung_of(arrangement)

    def test_rule_rows_come_from_the_rules(self) -> None:
        header, *rows = rule_rows()
        assert header == ("rung", "name", *DIMENSIONS)
        assert len(rows) == len(RULES)
        for row, (rung, rule) in zip(rows, RULES.items(), strict=True):
            assert row[:2] == (str(rung.number), rung.short_name)
            for cell, dimension in zip(row[2:], DIMENSIONS, strict=True):
                minimum = rule.minimum(dimension)
                assert cell == ("any" if minimum is None else f">= {minimum.value}")

    @pytest.mark.parametrize("style", ["text", "markdown", "rst"])
    def test_rule_table_styles(self, style: Any) -> None:
        table = rule_table(style)
        for rung in Rung:
            assert rung.short_name in table
        assert table == rule_table(style)

    def test_rst_table_is_framed(self) -> None:
        lines = rule_table("rst").splitlines()
        assert lines[0] == lines[2] == lines[-1]
        assert set(lines[0]) == {"=", " "}
        assert len(lines) == len(RULES) + 4

    def test_unknown_style(self) -> None:
        with pytest.raises(InvalidValue, match="style"):
            rule_table("html")  # type: ignore[arg-type]


class TestTotality:
    """Every valid arrangement gets exactly one rung in 1..10, an index in [0, 1], no exception."""

    @given(valid_arrangements())
    def test_total(self, arrangement: Arrangement) -> None:
        verdict = classify_rung(arrangement)
        assert 1 <= verdict.rung.number <= 10
        assert verdict.reasons
        assert str(verdict).startswith(f"rung {verdict.rung.number}")
        assert 0.0 <= control_index(arrangement) <= 1.0
        assert list(control_terms(arrangement)) == list(DIMENSIONS)
        advice = advise(arrangement)
        assert (advice is None) == (verdict.rung is Rung.NON_MONETARY)

    def test_poles(self) -> None:
        assert rung_of(LOWEST) is Rung.CONSUMERS
        assert rung_of(HIGHEST) is Rung.NON_MONETARY
        assert control_index(LOWEST) == 0.0
        assert control_index(HIGHEST) == 1.0


class TestDeterminism:
    """The verdict depends on the eight facts only, not on ids, names or history."""

    @given(valid_arrangements(), st.text(min_size=1).filter(str.strip))
    def test_ids_and_names_do_not_matter(self, arrangement: Arrangement, name: str) -> None:
        other = attrs.evolve(
            arrangement,
            id="renamed",
            name=name,
            organizer=None,
            participants="someone-else",
            description="changed",
        )
        assert classify_rung(other) == classify_rung(arrangement)
        assert control_index(other) == control_index(arrangement)
        assert advise(other) == advise(arrangement)

    @given(valid_arrangements())
    def test_fresh_copies_agree(self, arrangement: Arrangement) -> None:
        copy = make(facts(arrangement))
        assert classify_rung(copy) == classify_rung(arrangement)
        assert classify_rung(arrangement) == classify_rung(arrangement)


class TestMonotonicity:
    """A step of one dimension toward the community pole never lowers the rung or the index.

    Nor does it move the production model toward the corporate pole.
    """

    @given(valid_arrangements(), st.sampled_from(DIMENSIONS))
    def test_one_step_up(self, arrangement: Arrangement, dimension: str) -> None:
        value: OrdinalEnum = getattr(arrangement, dimension)
        higher = value.step(1)
        if higher is None:
            return
        try:
            change: dict[str, Any] = {dimension: higher}
            lifted = attrs.evolve(arrangement, **change)
        except InvalidValue:
            return  # not a valid arrangement: the invariant speaks of valid ones only
        assert rung_of(lifted) >= rung_of(arrangement)
        assert control_index(lifted) > control_index(arrangement)
        assert model_of(lifted) >= model_of(arrangement)


class TestExplanations:
    """Flipping the deciding fact named in any reason changes the verdict."""

    @given(valid_arrangements())
    def test_reasons_are_sound(self, arrangement: Arrangement) -> None:
        verdict = classify_rung(arrangement)
        for reason in verdict.reasons:
            values: dict[str, Any] = facts(arrangement)
            if reason.met:
                below = reason.condition.minimum.step(-1)
                assert below is not None  # no rule asks for a dimension's lowest member
                values[reason.dimension] = below
                flipped = made_consistent(values, keep=reason.dimension)
                assert rung_of(flipped) < verdict.rung, reason
            else:
                values[reason.dimension] = reason.condition.minimum
                assert rung_of(make(values)) > verdict.rung, reason

    @given(valid_arrangements())
    def test_reasons_name_real_facts(self, arrangement: Arrangement) -> None:
        verdict = classify_rung(arrangement)
        for reason in verdict.reasons:
            assert getattr(arrangement, reason.dimension) is reason.value
            assert reason.dimension in str(reason)
            assert reason.met == (verdict.rung is not Rung.CONSUMERS)


class TestRealityCheck:
    """The check reports the supported rung, the gap and every condition short of the claim."""

    @given(valid_arrangements(), rungs())
    def test_claims(self, arrangement: Arrangement, claimed: Rung) -> None:
        check = check_claim(arrangement, claimed)
        supported = rung_of(arrangement)
        assert check.supported is supported
        assert check.gap == claimed.number - supported.number
        assert check.holds == (claimed <= supported)
        if check.holds:
            assert check.shortfalls == ()
            assert str(check).endswith("the claim holds")
            return
        assert check.shortfalls
        assert all(not r.met and r.rung is claimed for r in check.shortfalls)
        # Meeting every shortfall is exactly what the claimed rung's rule lacks.
        values: dict[str, Any] = facts(arrangement)
        values.update({r.dimension: r.condition.minimum for r in check.shortfalls})
        assert rung_of(make(values)) >= claimed
        plural = "s" * (check.gap != 1)
        assert f"{check.gap} rung{plural} short" in str(check)

    def test_accepts_numbers_and_names(self) -> None:
        assert check_claim(HIGHEST, 8).claimed is Rung.PEER_PRODUCTION
        assert check_claim(LOWEST, "co-creativity").gap == 5
        with pytest.raises(InvalidValue):
            check_claim(LOWEST, "real co-creation")


def upward_rungs(arrangement: Arrangement) -> dict[tuple[int, ...], Rung]:
    """Every valid arrangement reachable by moving dimensions toward the community pole."""
    start = [getattr(arrangement, d).rank for d in DIMENSIONS]
    members = [list(DIMENSION_TYPES[d]) for d in DIMENSIONS]
    found: dict[tuple[int, ...], Rung] = {}
    for ranks in itertools.product(
        *(range(lo, len(m)) for lo, m in zip(start, members, strict=True))
    ):
        values = {d: m[r] for d, m, r in zip(DIMENSIONS, members, ranks, strict=True)}
        try:
            candidate = make(values)
        except InvalidValue:
            continue
        found[ranks] = rung_of(candidate)
    return found


class TestAdvice:
    """Applying the advice gives exactly its target; the target is the next reachable rung."""

    @given(valid_arrangements())
    def test_advice_is_honest(self, arrangement: Arrangement) -> None:
        advice = advise(arrangement)
        current = rung_of(arrangement)
        if advice is None:
            assert current is Rung.NON_MONETARY
            return
        assert advice.current is current
        assert advice.target > current
        assert rung_of(advice.apply(arrangement)) is advice.target
        assert advice.skips == advice.target.number - current.number - 1
        for change in advice.changes:
            assert getattr(arrangement, change.dimension) is change.before
            assert change.after > change.before
            assert change.after is RULES[advice.target].minimum(change.dimension)

    @settings(max_examples=25)
    @given(valid_arrangements())
    def test_advice_is_the_least_change_to_the_next_reachable_rung(
        self, arrangement: Arrangement
    ) -> None:
        advice = advise(arrangement)
        if advice is None:
            return
        start = tuple(getattr(arrangement, d).rank for d in DIMENSIONS)
        reachable = upward_rungs(arrangement)
        above = [rung for rung in reachable.values() if rung > advice.current]
        # The target is the lowest rung reachable upward, so next rung unless unreachable.
        assert advice.target is min(above)
        if advice.skips:
            assert Rung(advice.current.number + 1) not in reachable.values()

        # Nothing that reaches the target changes fewer dimensions or fewer steps.
        def cost(ranks: tuple[int, ...]) -> tuple[int, int]:
            moved = [b - a for a, b in zip(start, ranks, strict=True) if b != a]
            return len(moved), sum(moved)

        best = min(cost(r) for r, rung in reachable.items() if rung is advice.target)
        steps = sum(c.after.rank - c.before.rank for c in advice.changes)
        assert (len(advice.changes), steps) == best

    def test_essay_examples(self) -> None:
        factory = make(
            {
                "contribution": Contribution.CREATIVE_WORK,
                "parameters": Control.SHARED,
                "design": Control.SHARED,
                "relation": Relation.COMPETING,
                "platform_control": Control.ORGANIZER,
                "value_chain_control": Control.ORGANIZER,
                "output_regime": LicenseKind.CORPORATE,
                "value_capture": ValueCapture.REVENUE_SHARE,
            }
        )
        # Participants who already share the parameters skip co-design once they stop competing.
        advice = advise(factory)
        assert isinstance(advice, Advice)
        assert (advice.current.number, advice.target.number, advice.skips) == (4, 6, 1)
        assert "relation: 'competing' -> 'independent'" in str(advice)


class TestBatch:
    """Batch and NumPy classification agree with one-by-one classification."""

    @given(st.lists(valid_arrangements(), max_size=20))
    def test_batch_equals_single(self, arrangements: list[Arrangement]) -> None:
        assert classify_rungs(arrangements) == [rung_of(a) for a in arrangements]

    @given(st.lists(valid_arrangements(), max_size=20))
    def test_numpy_equals_single(self, arrangements: list[Arrangement]) -> None:
        pytest.importorskip("numpy")
        codes = ladder.encode(arrangements)
        assert codes.shape == (len(arrangements), len(DIMENSIONS))
        assert codes.tolist() == [[getattr(a, d).rank for d in DIMENSIONS] for a in arrangements]
        assert ladder.classify_encoded(codes).tolist() == [rung_of(a).number for a in arrangements]

    def test_numpy_keeps_leading_axes(self) -> None:
        np = pytest.importorskip("numpy")
        codes = ladder.encode([LOWEST, HIGHEST, HIGHEST, LOWEST]).reshape(2, 2, 8)
        assert ladder.classify_encoded(codes).tolist() == [[1, 10], [10, 1]]
        assert ladder.classify_encoded(codes).dtype == np.int8

    @pytest.mark.parametrize(
        ("codes", "match"),
        [
            ([[0, 0, 0]], "shape"),
            ([[0.0] * 8], "dtype"),
            ([[4, 0, 0, 0, 0, 0, 0, 0]], "outside"),
            ([[0, 0, 0, 0, 0, 0, 0, -1]], "outside"),
            (3, "shape"),
        ],
    )
    def test_numpy_refuses_bad_codes(self, codes: Any, match: str) -> None:
        pytest.importorskip("numpy")
        with pytest.raises(InvalidValue, match=match):
            ladder.classify_encoded(codes)

    def test_numpy_is_not_imported_with_peerprod(self) -> None:
        import subprocess
        import sys

        code = "import sys, peerprod.classify, peerprod.analysis; print('numpy' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "False"
