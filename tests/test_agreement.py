"""Agreement between coders: Cohen's kappa, Krippendorff's alpha and the per-question report."""

from __future__ import annotations

import enum
import math
from collections import Counter
from collections.abc import Hashable, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerprod.analysis.agreement import (
    AlphaResult,
    Coding,
    KappaResult,
    Metric,
    Undefined,
    Unit,
    cohen_kappa,
    krippendorff_alpha,
)
from peerprod.analysis.reliability import (
    AgreementReport,
    Disagreement,
    QuestionAgreement,
    agreement_report,
)
from peerprod.errors import InvalidValue, PeerprodError

# -- building codings -------------------------------------------------------------------------


def matrix(rows: dict[str, str], question: str = "q") -> list[Coding[int]]:
    """Codings from Krippendorff's reliability-data layout: one row per coder, '.' for missing."""
    return [
        Coding.from_dict(
            coder,
            {
                (f"u{i + 1:02}", question): None if cell == "." else int(cell)
                for i, cell in enumerate(row.split())
            },
        )
        for coder, row in rows.items()
    ]


def table(coder_a: str, coder_b: str, counts: dict[tuple[str, str], int]) -> list[Coding[str]]:
    """Two codings from a contingency table: counts[(value of a, value of b)] units each."""
    values_a: dict[tuple[str, str], str] = {}
    values_b: dict[tuple[str, str], str] = {}
    for (x, y), count in counts.items():
        for _ in range(count):
            unit = (f"case{len(values_a):03}", "q")
            values_a[unit], values_b[unit] = x, y
    return [Coding.from_dict(coder_a, values_a), Coding.from_dict(coder_b, values_b)]


KRIPPENDORFF_2011 = {
    "A": "1 2 3 3 2 1 4 1 2 . . .",
    "B": "1 2 3 3 2 2 4 1 2 5 . 3",
    "C": ". 3 3 3 2 3 4 2 2 5 1 .",
    "D": "1 2 3 3 2 4 4 1 2 5 1 .",
}
"""Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: four
observers, twelve units, values 1-5, missing values marked '.'."""

WIKIPEDIA_ALPHA = {
    "A": ". . . . . 3 4 1 2 1 1 3 3 . 3",
    "B": "1 . 2 1 3 3 4 3 . . . . . . .",
    "C": ". . 2 1 3 4 4 . 2 1 1 3 3 . 4",
}
"""The computational example of the Wikipedia article "Krippendorff's alpha": three coders,
fifteen units; nominal alpha 0.691."""


def close(value: float | None, expected: float, places: int = 3) -> bool:
    return value is not None and round(value, places) == round(expected, places)


# -- the input shape --------------------------------------------------------------------------


class TestCoding:
    """A coding is a frozen value: sorted by unit, one value per unit, no missing markers."""

    def test_units_sort_by_case_then_question(self) -> None:
        units = [Unit(case="b", question="a"), Unit(case="a", question="z")]
        assert sorted(units) == [units[1], units[0]]
        assert str(units[0]) == "b / a"

    def test_order_of_input_does_not_matter(self) -> None:
        u1, u2 = Unit(case="a", question="q"), Unit(case="b", question="q")
        first = Coding(coder="x", values=[(u2, 1), (u1, 2)])
        second = Coding(coder="x", values={u1: 2, u2: 1})
        assert first == second
        assert hash(first) == hash(second)
        assert first.values == ((u1, 2), (u2, 1))

    def test_from_dict_drops_none_and_accepts_pairs_or_units(self) -> None:
        unit = Unit(case="c", question="q")
        values: dict[Unit | tuple[str, str], str | None] = {
            ("a", "q"): "yes",
            unit: "no",
            ("b", "q"): None,
        }
        coding = Coding.from_dict("x", values)
        assert coding.as_dict() == {Unit(case="a", question="q"): "yes", unit: "no"}

    def test_restricted_keeps_one_question(self) -> None:
        coding = Coding.from_dict("x", {("a", "q1"): 1, ("a", "q2"): 2, ("b", "q1"): 3})
        assert coding.restricted("q1").as_dict() == {
            Unit(case="a", question="q1"): 1,
            Unit(case="b", question="q1"): 3,
        }
        assert coding.restricted("q1").coder == "x"

    @pytest.mark.parametrize(
        ("values", "message"),
        [
            ({Unit(case="a", question="q"): None}, "None is not a value"),
            ({Unit(case="a", question="q"): math.nan}, "is not equal to itself"),
            ({Unit(case="a", question="q"): Decimal("NaN")}, "is not equal to itself"),
            ({Unit(case="a", question="q"): [1]}, "must be hashable"),
            ([(Unit(case="a", question="q"), 1), (Unit(case="a", question="q"), 2)], "twice"),
            ([("a", 1)], "must be a (Unit, value) pair"),
            ("ab", "must be a (Unit, value) pair"),
        ],
    )
    def test_bad_values_are_refused(self, values: object, message: str) -> None:
        with pytest.raises(InvalidValue, match=message.replace("(", r"\(").replace(")", r"\)")):
            Coding(coder="x", values=values)  # type: ignore[arg-type]

    @pytest.mark.parametrize("coder", ["", "  ", 3])
    def test_coder_needs_a_name(self, coder: object) -> None:
        with pytest.raises(InvalidValue, match="coder"):
            Coding(coder=coder, values=())  # type: ignore[arg-type]

    @pytest.mark.parametrize("key", ["a", ("a",), ("a", "")])
    def test_from_dict_refuses_bad_keys(self, key: object) -> None:
        with pytest.raises(InvalidValue):
            Coding.from_dict("x", {key: 1})  # type: ignore[arg-type]

    def test_errors_are_peerprod_value_errors(self) -> None:
        with pytest.raises(PeerprodError) as caught:
            Unit(case="", question="q")
        assert isinstance(caught.value, ValueError)


# -- Cohen's kappa: worked examples -----------------------------------------------------------


class TestKappaExamples:
    """Kappa reproduces hand-computed and published values."""

    def test_grant_proposals(self) -> None:
        # The grant-proposal example of the Wikipedia article "Cohen's kappa":
        # 50 proposals, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no; p_o 0.7, p_e 0.5, kappa 0.4.
        a, b = table("A", "B", {("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10,
                                ("no", "no"): 15})  # fmt: skip
        result = cohen_kappa(a, b)
        assert result == KappaResult(kappa=0.4, observed=0.7, expected=0.5, units=50)

    @pytest.mark.parametrize(
        ("counts", "kappa"),
        [((45, 15, 25, 15), 0.1304), ((25, 35, 5, 35), 0.2593)],
    )
    def test_same_agreement_different_kappa(
        self, counts: tuple[int, int, int, int], kappa: float
    ) -> None:
        # Same article: both tables agree on 60 of 100 units; the marginals change kappa.
        yy, yn, ny, nn = counts
        a, b = table("A", "B", {("y", "y"): yy, ("y", "n"): yn, ("n", "y"): ny, ("n", "n"): nn})
        result = cohen_kappa(a, b)
        assert close(result.observed, 0.6)
        assert close(result.kappa, kappa, 4)

    def test_three_categories_by_hand(self) -> None:
        # a: x x y y z z; b: x y y y z x. p_o = 4/6; marginals a (2,2,2), b (2,3,1):
        # p_e = (2*2 + 2*3 + 2*1) / 36 = 1/3; kappa = (2/3 - 1/3) / (2/3) = 1/2.
        a = Coding.from_dict("a", {(f"c{i}", "q"): v for i, v in enumerate("xxyyzz")})
        b = Coding.from_dict("b", {(f"c{i}", "q"): v for i, v in enumerate("xyyyzx")})
        result = cohen_kappa(a, b)
        assert result.kappa == 0.5
        assert result.expected == pytest.approx(1 / 3)

    def test_only_units_both_coded_count(self) -> None:
        a = Coding.from_dict("a", {("c1", "q"): "x", ("c2", "q"): "y", ("c3", "q"): "x"})
        b = Coding.from_dict("b", {("c1", "q"): "x", ("c2", "q"): "y", ("c4", "q"): "y"})
        assert cohen_kappa(a, b) == KappaResult(kappa=1.0, observed=1.0, expected=0.5, units=2)

    def test_total_disagreement_on_two_balanced_categories_is_minus_one(self) -> None:
        a, b = table("A", "B", {("x", "y"): 3, ("y", "x"): 3})
        assert cohen_kappa(a, b).kappa == -1.0


class TestKappaUndefined:
    """Where kappa is 0/0 the result says why instead of dividing by zero."""

    def test_one_category_for_both(self) -> None:
        a, b = table("A", "B", {("x", "x"): 4})
        result = cohen_kappa(a, b)
        assert result == KappaResult(
            kappa=None, observed=1.0, expected=1.0, units=4, undefined=Undefined.ONE_CATEGORY
        )
        assert str(result) == (
            "kappa undefined (every value falls in one category): observed agreement 1.000 "
            "over 4 units"
        )

    def test_no_unit_in_common(self) -> None:
        a = Coding.from_dict("a", {("c1", "q"): "x"})
        b = Coding.from_dict("b", {("c2", "q"): "x"})
        result = cohen_kappa(a, b)
        assert result == KappaResult(
            kappa=None, observed=None, expected=None, units=0, undefined=Undefined.NO_DATA
        )
        assert str(result) == "kappa undefined (nothing to compare): no unit coded by both"

    def test_one_category_each_but_different_is_defined(self) -> None:
        # p_o = 0 and p_e = 0: kappa is 0, not undefined.
        a, b = table("A", "B", {("x", "y"): 3})
        assert cohen_kappa(a, b) == KappaResult(kappa=0.0, observed=0.0, expected=0.0, units=3)

    def test_str_of_a_defined_kappa(self) -> None:
        a, b = table("A", "B", {("x", "x"): 1, ("x", "y"): 1})
        assert str(cohen_kappa(a, b)) == (
            "kappa 0.000: observed agreement 0.500, expected 0.500 over 2 units"
        )


# -- Krippendorff's alpha: worked examples ----------------------------------------------------


class TestAlphaExamples:
    """Alpha reproduces Krippendorff's own worked example and hand-computed values."""

    def test_krippendorff_2011_nominal(self) -> None:
        # Krippendorff (2011) gives alpha_nominal = 0.743. From his coincidence matrix:
        # n = 40, sum of o_cc = 32, n_c = 9, 13, 10, 5, 3; D_o = 8/40,
        # D_e = (40^2 - 384) / (40 * 39) = 1216/1560; alpha = 1 - 39 * 8 / 1216 = 113/152.
        result = krippendorff_alpha(matrix(KRIPPENDORFF_2011))
        assert result.pairable == 40
        assert result.metric is Metric.NOMINAL
        assert result.observed == pytest.approx(8 / 40)
        assert result.expected == pytest.approx(1216 / 1560)
        assert result.alpha == pytest.approx(113 / 152)
        assert close(result.alpha, 0.743)

    def test_krippendorff_2011_ordinal(self) -> None:
        # Krippendorff (2011) gives alpha_ordinal = 0.815.
        result = krippendorff_alpha(
            matrix(KRIPPENDORFF_2011), "ordinal", categories=[1, 2, 3, 4, 5]
        )
        assert result.pairable == 40
        assert result.metric is Metric.ORDINAL
        assert close(result.alpha, 0.815)

    def test_krippendorff_2011_ordinal_with_an_unused_category(self) -> None:
        # Categories no one used have n_c = 0 and change no distance.
        result = krippendorff_alpha(
            matrix(KRIPPENDORFF_2011), "ordinal", categories=[0, 1, 2, 3, 4, 5, 6]
        )
        assert close(result.alpha, 0.815)

    def test_wikipedia_nominal(self) -> None:
        result = krippendorff_alpha(matrix(WIKIPEDIA_ALPHA))
        assert close(result.alpha, 0.691)

    def test_two_coders_by_hand(self) -> None:
        # Units (x, x), (x, y), (y, y), (y, y): n = 8, n_x = 3, n_y = 5, o_xy = o_yx = 1.
        # D_o = 2/8; D_e = 2 * 3 * 5 / 56 = 30/56; alpha = 1 - (1/4) / (30/56) = 8/15.
        a = Coding.from_dict("a", {("1", "q"): "x", ("2", "q"): "x", ("3", "q"): "y",
                                   ("4", "q"): "y"})  # fmt: skip
        b = Coding.from_dict("b", {("1", "q"): "x", ("2", "q"): "y", ("3", "q"): "y",
                                   ("4", "q"): "y"})  # fmt: skip
        result = krippendorff_alpha([a, b])
        assert result.alpha == pytest.approx(8 / 15)
        assert result.observed == pytest.approx(0.25)
        assert result.expected == pytest.approx(30 / 56)

    def test_ordinal_by_hand(self) -> None:
        # Units (low, low), (high, mid), (mid, mid): n_low 2, n_mid 3, n_high 1.
        # delta(mid, high) = (3 + 1 - 2)^2 = 4, delta(low, mid) = (5 - 2.5)^2 = 6.25,
        # delta(low, high) = (6 - 1.5)^2 = 20.25. D_o = 2 * 4 / 6 = 4/3,
        # D_e = 2 * (6 * 6.25 + 2 * 20.25 + 3 * 4) / 30 = 6; alpha = 1 - 2/9 = 7/9.
        a = Coding.from_dict("a", {("1", "q"): "low", ("2", "q"): "high", ("3", "q"): "mid"})
        b = Coding.from_dict("b", {("1", "q"): "low", ("2", "q"): "mid", ("3", "q"): "mid"})
        result = krippendorff_alpha([a, b], Metric.ORDINAL, categories=("low", "mid", "high"))
        assert result.observed == pytest.approx(4 / 3)
        assert result.expected == pytest.approx(6)
        assert result.alpha == pytest.approx(7 / 9)

    def test_a_unit_with_three_values(self) -> None:
        # One unit (x, x, y) and one (y, y, y): o_xx = 2/2, o_xy = o_yx = 2/2, o_yy = 6/2 + 0.
        # n = 6, n_x = 2, n_y = 4; D_o = 2/6; D_e = 2 * 2 * 4 / 30; alpha = 1 - (1/3)/(16/30).
        codings = matrix({"A": "1 2", "B": "1 2", "C": "2 2"})
        result = krippendorff_alpha(codings)
        assert result.alpha == pytest.approx(1 - (1 / 3) / (16 / 30))

    def test_str(self) -> None:
        assert str(krippendorff_alpha(matrix(KRIPPENDORFF_2011))) == (
            "alpha 0.743 (nominal): observed disagreement 0.200, expected 0.779, 40 pairable values"
        )


class TestAlphaUndefinedAndErrors:
    """Alpha is undefined without pairable values or variation; bad arguments are refused."""

    def test_one_coder_has_nothing_to_pair(self) -> None:
        result = krippendorff_alpha(matrix({"A": "1 2 3"}))
        assert result == AlphaResult(
            alpha=None,
            observed=None,
            expected=None,
            pairable=0,
            metric=Metric.NOMINAL,
            undefined=Undefined.NO_DATA,
        )
        assert str(result) == "alpha undefined (nominal; nothing to compare): no pairable values"

    def test_no_coder_at_all(self) -> None:
        assert krippendorff_alpha([]).undefined is Undefined.NO_DATA

    def test_lone_values_are_not_pairable(self) -> None:
        result = krippendorff_alpha(matrix({"A": "1 . 3", "B": ". 2 ."}))
        assert result.undefined is Undefined.NO_DATA
        result = krippendorff_alpha(matrix({"A": "1 . 2 3", "B": "1 2 2 ."}))
        assert result.pairable == 4

    def test_one_category(self) -> None:
        result = krippendorff_alpha(matrix({"A": "1 1 1", "B": "1 1 ."}))
        assert result == AlphaResult(
            alpha=None,
            observed=0.0,
            expected=0.0,
            pairable=4,
            metric=Metric.NOMINAL,
            undefined=Undefined.ONE_CATEGORY,
        )
        assert str(result).startswith("alpha undefined (nominal; every value falls in one")

    def test_same_coder_twice(self) -> None:
        a = Coding.from_dict("a", {("1", "q"): 1})
        with pytest.raises(InvalidValue, match=r"codings\[1\]\.coder: is given twice"):
            krippendorff_alpha([a, a])

    def test_not_a_coding(self) -> None:
        with pytest.raises(InvalidValue, match="must be a Coding"):
            krippendorff_alpha([{"a": 1}])  # type: ignore[arg-type]

    def test_unknown_metric(self) -> None:
        with pytest.raises(InvalidValue, match="metric"):
            krippendorff_alpha([], "interval")  # type: ignore[arg-type]

    def test_ordinal_needs_categories(self) -> None:
        with pytest.raises(InvalidValue, match="ordinal metric needs the categories"):
            krippendorff_alpha(matrix(KRIPPENDORFF_2011), "ordinal")

    @pytest.mark.parametrize(
        ("categories", "message"),
        [
            ([1, 2, 3, 4], "does not list the coded values 5"),
            ([1, 2, 3, 4, 5, 1], r"lists \[1\] more than once"),
            ({1, 2, 3, 4, 5}, "must be a sequence"),
            ("12345", "must be a sequence"),
            ([1, 2, [3], 4, 5], "hashable"),
        ],
    )
    @pytest.mark.parametrize("metric", ["nominal", "ordinal"])
    def test_bad_categories(self, categories: object, message: str, metric: str) -> None:
        with pytest.raises(InvalidValue, match=message):
            krippendorff_alpha(
                matrix(KRIPPENDORFF_2011),
                metric,  # type: ignore[arg-type]
                categories=categories,  # type: ignore[arg-type]
            )


# -- the report -------------------------------------------------------------------------------


def report_pair() -> tuple[Coding[str], Coding[str]]:
    a = Coding.from_dict(
        "ann",
        {
            ("linux", "open"): "yes",
            ("linux", "scale"): "high",
            ("lego", "open"): "no",
            ("lego", "scale"): "low",
            ("ikea", "open"): "no",
            ("ikea", "scale"): "mid",
            ("osm", "open"): "yes",
        },
    )
    b = Coding.from_dict(
        "ben",
        {
            ("linux", "open"): "yes",
            ("linux", "scale"): "mid",
            ("lego", "open"): "yes",
            ("lego", "scale"): "low",
            ("ikea", "open"): "no",
            ("ikea", "scale"): "mid",
            ("wiki", "scale"): "high",
        },
    )
    return a, b


class TestReport:
    """The report gives kappa and alpha per question, alpha overall, and the disagreements."""

    def test_rows(self) -> None:
        a, b = report_pair()
        report = agreement_report(a, b)
        assert [q.question for q in report.questions] == ["open", "scale"]
        for row in report.questions:
            pair = (a.restricted(row.question), b.restricted(row.question))
            assert row.kappa == cohen_kappa(*pair)
            assert row.alpha == krippendorff_alpha(pair)
        assert report.question("open").kappa.units == 3
        with pytest.raises(KeyError):
            report.question("nope")

    def test_disagreements_and_unpaired_are_sorted(self) -> None:
        report = agreement_report(*report_pair())
        assert report.disagreements == (
            Disagreement(case="lego", question="open", value_a="no", value_b="yes"),
            Disagreement(case="linux", question="scale", value_a="high", value_b="mid"),
        )
        assert report.disagreements[0].unit == Unit(case="lego", question="open")
        assert report.unpaired == (
            Unit(case="osm", question="open"),
            Unit(case="wiki", question="scale"),
        )
        assert report.units == 8

    def test_ordinal_questions(self) -> None:
        a, b = report_pair()
        report = agreement_report(a, b, ordinal={"scale": ["low", "mid", "high"]})
        scale = report.question("scale")
        assert scale.alpha == krippendorff_alpha(
            (a.restricted("scale"), b.restricted("scale")),
            "ordinal",
            categories=["low", "mid", "high"],
        )
        assert scale.alpha.metric is Metric.ORDINAL
        assert report.question("open").alpha.metric is Metric.NOMINAL
        assert report.alpha == agreement_report(a, b).alpha
        assert report.alpha.metric is Metric.NOMINAL

    def test_bad_ordinal_categories_name_the_question(self) -> None:
        with pytest.raises(InvalidValue, match=r"ordinal\['scale'\]: does not list the coded"):
            agreement_report(*report_pair(), ordinal={"scale": ["low", "mid"]})

    def test_same_coder_twice(self) -> None:
        a, _ = report_pair()
        with pytest.raises(InvalidValue, match="given twice"):
            agreement_report(a, a)

    def test_overall_alpha_keeps_questions_apart(self) -> None:
        # Both questions are answered yes/no. Pooled as if one question, "yes" would be one
        # category; kept apart, q1's "yes" is a category of its own.
        a = Coding.from_dict("a", {("1", "q1"): "yes", ("2", "q1"): "yes", ("1", "q2"): "no",
                                   ("2", "q2"): "yes"})  # fmt: skip
        b = Coding.from_dict("b", {("1", "q1"): "yes", ("2", "q1"): "yes", ("1", "q2"): "no",
                                   ("2", "q2"): "no"})  # fmt: skip
        report = agreement_report(a, b)
        # Kept apart: n = 8, n = (q1 yes) 4, (q2 no) 3, (q2 yes) 1; D_o = 2/8,
        # D_e = (64 - 16 - 9 - 1) / 56 = 38/56; alpha = 1 - (1/4) / (38/56) = 12/19.
        assert report.alpha.alpha == pytest.approx(12 / 19)
        pooled = krippendorff_alpha([a, b])
        assert pooled.alpha != pytest.approx(12 / 19)

    def test_str(self) -> None:
        # By hand: over all questions n = 12 with counts 3, 3 (open) and 1, 3, 2 (scale),
        # D_o = 4/12, D_e = (144 - 32) / 132, alpha = 1 - 132/336 = 0.607. Open: kappa
        # (2/3 - 4/9) / (5/9) = 0.4, alpha 1 - (1/3) / (18/30) = 0.444. Scale: kappa
        # (2/3 - 1/3) / (2/3) = 0.5; ordinal alpha 7/9 as in test_ordinal_by_hand.
        report = agreement_report(*report_pair(), ordinal={"scale": ["low", "mid", "high"]})
        assert str(report) == "\n".join(
            [
                "ann and ben: 8 units, 6 coded by both",
                "alpha 0.607 (nominal): observed disagreement 0.333, expected 0.848, "
                "12 pairable values",
                "question  units  observed  expected  kappa  alpha",
                "open          3     0.667     0.444  0.400  0.444",
                "scale         3     0.667     0.333  0.500  0.778",
                "disagreements (2):",
                "case   question  ann   ben",
                "lego   open      no    yes",
                "linux  scale     high  mid",
                "coded by one coder only (2):",
                "osm   open",
                "wiki  scale",
            ]
        )

    def test_str_of_rows_and_undefined_values(self) -> None:
        a = Coding.from_dict("a", {("1", "q"): "x", ("2", "q"): "x", ("1", "r"): "y"})
        b = Coding.from_dict("b", {("1", "q"): "x", ("2", "q"): "x", ("2", "r"): "y"})
        report = agreement_report(a, b)
        assert str(report.question("q")) == "q: kappa -, alpha - (nominal) over 2 units"
        assert str(report) == "\n".join(
            [
                "a and b: 4 units, 2 coded by both",
                "alpha undefined (nominal; every value falls in one category): observed "
                "disagreement 0.000, expected 0.000, 4 pairable values",
                "question  units  observed  expected  kappa      alpha",
                "q             2     1.000     1.000  one value  one value",
                "r             0         -         -  -          -",
                "disagreements (0):",
                "coded by one coder only (2):",
                "1  r",
                "2  r",
            ]
        )

    def test_enum_values_show_their_value(self) -> None:
        class Answer(enum.Enum):
            YES = "yes"
            NO = "no"

        a = Coding.from_dict("a", {("1", "q"): Answer.YES})
        b = Coding.from_dict("b", {("1", "q"): Answer.NO})
        assert str(agreement_report(a, b).disagreements[0]) == "1 / q: yes vs no"

    def test_result_types_are_frozen(self) -> None:
        report = agreement_report(*report_pair())
        for value in (report, report.alpha, report.questions[0], report.disagreements[0]):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                value.alpha = None  # type: ignore[misc, union-attr]
        assert isinstance(report, AgreementReport)
        assert isinstance(report.questions[0], QuestionAgreement)


# -- independent implementations for the property tests ---------------------------------------


def reference_alpha(
    codings: Sequence[Coding[Hashable]], categories: Sequence[Hashable] | None = None
) -> Fraction | None:
    """Alpha from its pairwise definition, not from a coincidence matrix.

    alpha = 1 - (n - 1) * sum over units of (sum of delta over ordered pairs of values
    in the unit) / (m_u - 1), divided by the sum of delta over all ordered pairs of
    pairable values. Nominal without categories, ordinal with them.
    """
    by_unit: dict[Unit, list[Hashable]] = {}
    for coding in codings:
        for unit, value in coding.values:
            by_unit.setdefault(unit, []).append(value)
    pairable = [values for values in by_unit.values() if len(values) >= 2]
    every = [value for values in pairable for value in values]
    counts = Counter(every)

    def delta(x: Hashable, y: Hashable) -> Fraction:
        if categories is None:
            return Fraction(x != y)
        i, j = sorted((categories.index(x), categories.index(y)))
        between = sum(counts[categories[g]] for g in range(i, j + 1))
        return (between - Fraction(counts[x] + counts[y], 2)) ** 2

    def pairs(values: list[Hashable]) -> Fraction:
        return sum(
            (delta(x, y) for i, x in enumerate(values) for j, y in enumerate(values) if i != j),
            Fraction(0),
        )

    within = sum((pairs(values) / (len(values) - 1) for values in pairable), Fraction(0))
    total = pairs(every)
    if not every or total == 0:
        return None
    return 1 - (len(every) - 1) * within / total


def reference_kappa(a: Coding[Hashable], b: Coding[Hashable]) -> Fraction | None:
    """Kappa from the contingency table of the units both coded."""
    second = b.as_dict()
    pairs = [(x, second[unit]) for unit, x in a.values if unit in second]
    if not pairs:
        return None
    n = len(pairs)
    categories = {x for pair in pairs for x in pair}
    cells = Counter(pairs)
    p_o = Fraction(sum(cells[c, c] for c in categories), n)
    rows = {c: sum(cells[c, k] for k in categories) for c in categories}
    columns = {c: sum(cells[k, c] for k in categories) for c in categories}
    p_e = sum((Fraction(rows[c] * columns[c], n * n) for c in categories), Fraction(0))
    if p_e == 1:
        return None
    return (p_o - p_e) / (1 - p_e)


# -- strategies -------------------------------------------------------------------------------

CATEGORIES = ("a", "b", "c", "d", "e")
UNITS = tuple(Unit(case=f"c{i}", question=q) for i in range(6) for q in ("q1", "q2"))


@st.composite
def codings(
    draw: st.DrawFn,
    *,
    min_coders: int = 2,
    max_coders: int = 4,
    categories: Sequence[Hashable] = CATEGORIES,
    missing: bool = True,
) -> list[Coding[Hashable]]:
    """Codings of the same units by several coders, with values left out at random."""
    coders = draw(st.integers(min_coders, max_coders))
    units = draw(st.lists(st.sampled_from(UNITS), unique=True, max_size=len(UNITS)))
    value = st.sampled_from(categories)
    cell = st.one_of(st.none(), value) if missing else value
    return [
        Coding(
            coder=f"coder{index}",
            values=[(unit, v) for unit in units if (v := draw(cell)) is not None],
        )
        for index in range(coders)
    ]


def renamed(coding: Coding[Hashable], names: dict[Hashable, Hashable]) -> Coding[Hashable]:
    return Coding(coder=coding.coder, values=[(unit, names[v]) for unit, v in coding.values])


hashables = st.one_of(
    st.integers(-3, 3),
    st.booleans(),
    st.text(max_size=3),
    st.floats(allow_nan=False),
    st.tuples(st.integers(0, 2), st.text(max_size=1)),
    st.frozensets(st.integers(0, 2), max_size=2),
    st.sampled_from(list(Metric)),
)


def pair_of(result: list[Coding[Hashable]]) -> tuple[Coding[Hashable], Coding[Hashable]]:
    return result[0], result[1]


# -- properties -------------------------------------------------------------------------------


class TestAgainstReferenceImplementations:
    """Kappa and alpha equal straightforward implementations of their definitions."""

    @given(codings())
    def test_nominal_alpha(self, data: list[Coding[Hashable]]) -> None:
        expected = reference_alpha(data)
        result = krippendorff_alpha(data)
        if expected is None:
            assert result.alpha is None
        else:
            assert result.alpha == pytest.approx(float(expected), abs=1e-12)

    @given(codings())
    def test_ordinal_alpha(self, data: list[Coding[Hashable]]) -> None:
        expected = reference_alpha(data, CATEGORIES)
        result = krippendorff_alpha(data, "ordinal", categories=CATEGORIES)
        if expected is None:
            assert result.alpha is None
        else:
            assert result.alpha == pytest.approx(float(expected), abs=1e-12)

    @given(codings(min_coders=2, max_coders=2))
    def test_kappa(self, data: list[Coding[Hashable]]) -> None:
        expected = reference_kappa(*pair_of(data))
        result = cohen_kappa(*pair_of(data))
        if expected is None:
            assert result.kappa is None
            assert result.undefined is not None
        else:
            assert result.kappa == float(expected)

    @given(codings(min_coders=2, max_coders=2, missing=False))
    def test_alpha_is_scotts_pi_corrected_for_small_samples(
        self, data: list[Coding[Hashable]]
    ) -> None:
        # Two coders, N units, no missing values: 1 - alpha = (1 - pi) * (2N - 1) / (2N),
        # where Scott's pi = (p_o - p_e) / (1 - p_e) with p_e from the pooled frequencies.
        a, b = pair_of(data)
        units = len(a.values)
        pooled = Counter(v for coding in (a, b) for _, v in coding.values)
        p_e = sum((Fraction(n, 2 * units) ** 2 for n in pooled.values()), Fraction(0))
        result = krippendorff_alpha(data)
        if units == 0 or p_e == 1:
            assert result.alpha is None
            return
        p_o = Fraction(
            sum(x == y for (_, x), (_, y) in zip(a.values, b.values, strict=True)), units
        )
        pi = (p_o - p_e) / (1 - p_e)
        assert result.alpha == pytest.approx(
            float(1 - (1 - pi) * Fraction(2 * units - 1, 2 * units)), abs=1e-12
        )

    @given(codings(categories=("lo", "hi")))
    def test_ordinal_alpha_on_two_categories_is_nominal(self, data: list[Coding[Hashable]]) -> None:
        # With two categories every mismatch is equally far apart, as in the nominal metric.
        ordinal = krippendorff_alpha(data, "ordinal", categories=["lo", "hi"])
        nominal = krippendorff_alpha(data)
        assert ordinal.undefined == nominal.undefined
        if nominal.alpha is not None:
            assert ordinal.alpha == pytest.approx(nominal.alpha, abs=1e-12)


class TestPerfectAgreement:
    """Identical codings with at least two categories give kappa and alpha of exactly 1."""

    @given(codings(min_coders=1, max_coders=1), st.integers(2, 4))
    def test_identical(self, data: list[Coding[Hashable]], coders: int) -> None:
        (coding,) = data
        if len({v for _, v in coding.values}) < 2:
            return
        copies = [attrs.evolve(coding, coder=f"copy{i}") for i in range(coders)]
        assert cohen_kappa(copies[0], copies[1]).kappa == 1.0
        assert krippendorff_alpha(copies).alpha == 1.0
        assert krippendorff_alpha(copies, "ordinal", categories=CATEGORIES).alpha == 1.0
        report = agreement_report(copies[0], copies[1])
        assert report.alpha.alpha == 1.0
        assert report.disagreements == ()


class TestSymmetry:
    """Who is called coder A, and the order of the coders, change nothing."""

    @given(codings(min_coders=2, max_coders=2))
    def test_kappa(self, data: list[Coding[Hashable]]) -> None:
        a, b = pair_of(data)
        assert cohen_kappa(a, b) == cohen_kappa(b, a)

    @given(codings(), st.data())
    def test_alpha(self, data: list[Coding[Hashable]], draw: st.DataObject) -> None:
        shuffled = draw.draw(st.permutations(data))
        assert krippendorff_alpha(data) == krippendorff_alpha(shuffled)
        assert krippendorff_alpha(data, "ordinal", categories=CATEGORIES) == krippendorff_alpha(
            shuffled, "ordinal", categories=CATEGORIES
        )

    @given(codings(min_coders=2, max_coders=2))
    def test_report(self, data: list[Coding[Hashable]]) -> None:
        a, b = pair_of(data)
        forward, backward = agreement_report(a, b), agreement_report(b, a)
        assert forward.questions == backward.questions
        assert forward.alpha == backward.alpha
        assert forward.unpaired == backward.unpaired
        assert [(d.unit, d.value_a, d.value_b) for d in forward.disagreements] == [
            (d.unit, d.value_b, d.value_a) for d in backward.disagreements
        ]


class TestRenaming:
    """Nominal results depend on which values agree, not on what the values are called."""

    @given(codings(), st.permutations(range(len(CATEGORIES))))
    def test_nominal(self, data: list[Coding[Hashable]], permutation: list[int]) -> None:
        names: dict[Hashable, Hashable] = {
            c: ("renamed", p) for c, p in zip(CATEGORIES, permutation, strict=True)
        }
        other = [renamed(coding, names) for coding in data]
        assert krippendorff_alpha(other) == krippendorff_alpha(data)
        assert cohen_kappa(*pair_of(other)) == cohen_kappa(*pair_of(data))
        assert (
            agreement_report(*pair_of(other)).questions
            == agreement_report(*pair_of(data)).questions
        )

    @given(codings(), st.permutations(range(len(CATEGORIES))), st.booleans())
    def test_ordinal_follows_the_order_given(
        self, data: list[Coding[Hashable]], permutation: list[int], reverse: bool
    ) -> None:
        # Renaming the categories along with their order changes nothing; nor does reversing
        # the order, since distances do not depend on direction.
        names: dict[Hashable, Hashable] = dict(zip(CATEGORIES, permutation, strict=True))
        order = [names[c] for c in CATEGORIES]
        if reverse:
            order.reverse()
        other = [renamed(coding, names) for coding in data]
        assert krippendorff_alpha(other, "ordinal", categories=order) == krippendorff_alpha(
            data, "ordinal", categories=CATEGORIES
        )


class TestBounds:
    """Kappa and alpha lie in [-1, 1], and nothing valid makes them raise."""

    @given(codings(min_coders=0, max_coders=5))
    def test_range(self, data: list[Coding[Hashable]]) -> None:
        results = [
            krippendorff_alpha(data),
            krippendorff_alpha(data, "ordinal", categories=CATEGORIES),
        ]
        values = [r.alpha for r in results]
        if len(data) >= 2:
            values.append(cohen_kappa(data[0], data[1]).kappa)
        for value in values:
            assert value is None or -1 - 1e-12 <= value <= 1 + 1e-12
        for result in results:
            assert (result.alpha is None) == (result.undefined is not None)

    @given(
        st.lists(
            st.dictionaries(st.sampled_from(UNITS), hashables, max_size=len(UNITS)),
            max_size=4,
        )
    )
    def test_never_raises_on_valid_input(self, values: list[dict[Unit, Hashable]]) -> None:
        data = [Coding(coder=f"c{i}", values=v) for i, v in enumerate(values)]
        str(krippendorff_alpha(data))
        if len(data) >= 2:
            str(cohen_kappa(data[0], data[1]))
            str(agreement_report(data[0], data[1]))
        order = list(dict.fromkeys(v for coding in data for _, v in coding.values))
        str(krippendorff_alpha(data, "ordinal", categories=order))

    @given(codings(min_coders=2, max_coders=2))
    def test_report_disagreements_are_the_units_coded_differently(
        self, data: list[Coding[Hashable]]
    ) -> None:
        a, b = pair_of(data)
        report = agreement_report(a, b)
        first, second = a.as_dict(), b.as_dict()
        assert [d.unit for d in report.disagreements] == sorted(
            u for u in first.keys() & second.keys() if first[u] != second[u]
        )
        assert report.units == len(first.keys() | second.keys())
        keyed = [
            Coding(coder=c.coder, values=[(u, (u.question, v)) for u, v in c.values])
            for c in (a, b)
        ]
        assert report.alpha == krippendorff_alpha(keyed)
