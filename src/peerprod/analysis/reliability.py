"""Two coders compared question by question, and peerprod documents read as codings.

:func:`agreement_report` gives Cohen's kappa and Krippendorff's alpha for each
question, alpha over all of them, the units the coders answered differently and
those only one of them coded. :func:`codings` reads a set of peerprod documents
(one ecosystem per case) into a :class:`~peerprod.analysis.agreement.Coding`: each
fact of each arrangement is one unit, ``(case/arrangement, fact)``, and its value is
the fact as the document states it, in words; :func:`compare` does both for two
coders' documents of the same cases.

Example:
    >>> alice = Coding.from_dict("alice", {
    ...     ("linux", "license"): "copyleft", ("linux", "governance"): "foundation",
    ...     ("lego", "license"): "proprietary", ("lego", "governance"): "company",
    ...     ("wikipedia", "license"): "copyleft", ("wikipedia", "governance"): "foundation",
    ... })
    >>> bob = Coding.from_dict("bob", {
    ...     ("linux", "license"): "copyleft", ("linux", "governance"): "company",
    ...     ("lego", "license"): None, ("lego", "governance"): "company",
    ...     ("wikipedia", "license"): "copyleft", ("wikipedia", "governance"): "foundation",
    ... })
    >>> print(agreement_report(alice, bob))
    alice and bob: 6 units, 5 coded by both
    alpha 0.727 (nominal): observed disagreement 0.200, expected 0.733, 10 pairable values
    question    units  observed  expected  kappa      alpha
    governance      3     0.667     0.444  0.400      0.444
    license         2     1.000     1.000  one value  one value
    disagreements (1):
    case   question    alice       bob
    linux  governance  foundation  company
    coded by one coder only (1):
    lego  license
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic

import attrs

from peerprod.analysis.agreement import (
    AlphaResult,
    Coding,
    KappaResult,
    Metric,
    Undefined,
    Unit,
    V,
    _alpha,
    _distinct_coders,
    _number,
    _show,
    cohen_kappa,
    krippendorff_alpha,
)
from peerprod.errors import InvalidValue
from peerprod.model.arrangement import FACTS
from peerprod.model.uncertainty import show

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from peerprod.model.ecosystem import Ecosystem

__all__ = [
    "AgreementReport",
    "Disagreement",
    "QuestionAgreement",
    "agreement_report",
    "codings",
    "compare",
]


@attrs.frozen(kw_only=True)
class Disagreement(Generic[V]):
    """A unit two coders coded differently.

    Example:
        >>> str(Disagreement(case="lego", question="q1", value_a="yes", value_b="no"))
        'lego / q1: yes vs no'
    """

    case: str
    """The case."""
    question: str
    """The question."""
    value_a: V
    """What the first coder answered."""
    value_b: V
    """What the second coder answered."""

    @property
    def unit(self) -> Unit:
        """The unit disagreed on."""
        return Unit(case=self.case, question=self.question)

    def __str__(self) -> str:
        return f"{self.unit}: {_show(self.value_a)} vs {_show(self.value_b)}"


@attrs.frozen(kw_only=True)
class QuestionAgreement:
    """How far two coders agree on one question.

    Example:
        >>> a = Coding.from_dict("a", {("c1", "q"): 1, ("c2", "q"): 2})
        >>> print(agreement_report(a, attrs.evolve(a, coder="b")).questions[0])
        q: kappa 1.000, alpha 1.000 (nominal) over 2 units
    """

    question: str
    """The question."""
    kappa: KappaResult
    """Cohen's kappa over the cases both coders answered it for."""
    alpha: AlphaResult
    """Krippendorff's alpha for the two coders on this question alone (ordinal if
    the report was given the question's categories)."""

    def __str__(self) -> str:
        return (
            f"{self.question}: kappa {_number(self.kappa.kappa)}, alpha "
            f"{_number(self.alpha.alpha)} ({self.alpha.metric.value}) over {self.kappa.units} "
            f"unit{'s' * (self.kappa.units != 1)}"
        )


def _coefficient(value: float | None, undefined: Undefined | None) -> str:
    if value is None and undefined is Undefined.ONE_CATEGORY:
        return "one value"
    return _number(value)


def _table(rows: Sequence[Sequence[str]], numeric: Iterable[int] = ()) -> list[str]:
    """Align ``rows`` (the first is the header) in columns; ``numeric`` columns to the right."""
    right = set(numeric)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


@attrs.frozen(kw_only=True)
class AgreementReport(Generic[V]):
    """How far two coders agree, question by question, and where they differ.

    Build it with :func:`agreement_report`; ``print`` it for a table.
    """

    coder_a: str
    """The first coder."""
    coder_b: str
    """The second coder."""
    questions: tuple[QuestionAgreement, ...]
    """Agreement on each question either coder answered, sorted by question."""
    alpha: AlphaResult
    """Nominal alpha over all questions; the values of different questions are
    kept apart, so ``yes`` to one question never matches ``yes`` to another."""
    disagreements: tuple[Disagreement[V], ...]
    """The units the coders coded differently, sorted by case, then question."""
    unpaired: tuple[Unit, ...]
    """The units only one of the two coded, sorted."""

    @property
    def units(self) -> int:
        """How many units at least one of the two coded."""
        return sum(q.kappa.units for q in self.questions) + len(self.unpaired)

    def question(self, question: str) -> QuestionAgreement:
        """The agreement on ``question``.

        Raises:
            KeyError: If neither coder answered it.
        """
        for row in self.questions:
            if row.question == question:
                return row
        raise KeyError(question)

    def __str__(self) -> str:
        lines = [
            f"{self.coder_a} and {self.coder_b}: {self.units} units, "
            f"{self.units - len(self.unpaired)} coded by both",
            str(self.alpha),
        ]
        rows = [["question", "units", "observed", "expected", "kappa", "alpha"]]
        rows.extend(
            [
                q.question,
                str(q.kappa.units),
                _number(q.kappa.observed),
                _number(q.kappa.expected),
                _coefficient(q.kappa.kappa, q.kappa.undefined),
                _coefficient(q.alpha.alpha, q.alpha.undefined),
            ]
            for q in self.questions
        )
        lines.extend(_table(rows, numeric=(1, 2, 3)))
        lines.append(f"disagreements ({len(self.disagreements)}):")
        if self.disagreements:
            rows = [["case", "question", self.coder_a, self.coder_b]]
            rows.extend(
                [d.case, d.question, _show(d.value_a), _show(d.value_b)] for d in self.disagreements
            )
            lines.extend(_table(rows))
        if self.unpaired:
            lines.append(f"coded by one coder only ({len(self.unpaired)}):")
            lines.extend(_table([[u.case, u.question] for u in self.unpaired]))
        return "\n".join(lines)


def agreement_report(
    a: Coding[V], b: Coding[V], *, ordinal: Mapping[str, Sequence[V]] | None = None
) -> AgreementReport[V]:
    """Compare two coders question by question and list where they differ.

    Args:
        a: The first coder's values.
        b: The second coder's values.
        ordinal: For ordinal questions, the categories lowest first, by question;
            their per-question alpha uses the ordinal metric. Kappa, and alpha
            over all questions, stay nominal. Questions neither coder answered
            are not reported, whether listed here or not.

    Returns:
        Kappa and alpha per question, nominal alpha over all questions, the
        disagreements, and the units only one coder coded.

    Raises:
        InvalidValue: If both codings have the same coder, or the categories of
            an ordinal question are repeated or leave out a coded value.

    Example:
        >>> a = Coding.from_dict("ann", {("c1", "q"): 1, ("c2", "q"): 2, ("c3", "q"): 2})
        >>> b = Coding.from_dict("ben", {("c1", "q"): 1, ("c2", "q"): 1, ("c3", "q"): 2})
        >>> report = agreement_report(a, b)
        >>> report.question("q").kappa.kappa, [str(d) for d in report.disagreements]
        (0.4, ['c2 / q: 2 vs 1'])
    """
    _distinct_coders([a, b])
    scales = dict(ordinal or {})
    first, second = a.as_dict(), b.as_dict()
    questions = sorted({unit.question for unit in (*first, *second)})
    rows: list[QuestionAgreement] = []
    for question in questions:
        pair = (a.restricted(question), b.restricted(question))
        scale = scales.get(question)
        if scale is None:
            alpha = krippendorff_alpha(pair)
        else:
            try:
                alpha = krippendorff_alpha(pair, Metric.ORDINAL, categories=scale)
            except InvalidValue as error:
                raise InvalidValue(f"ordinal[{question!r}]", scale, error.message) from error
        rows.append(QuestionAgreement(question=question, kappa=cohen_kappa(*pair), alpha=alpha))
    keyed = {
        unit: [(unit.question, v) for v in (first.get(unit), second.get(unit)) if v is not None]
        for unit in first.keys() | second.keys()
    }
    disagreements = tuple(
        Disagreement(case=unit.case, question=unit.question, value_a=value, value_b=second[unit])
        for unit, value in sorted(first.items(), key=lambda item: item[0])
        if unit in second and value != second[unit]
    )
    return AgreementReport(
        coder_a=a.coder,
        coder_b=b.coder,
        questions=tuple(rows),
        alpha=_alpha(keyed.values(), Metric.NOMINAL, ()),
        disagreements=disagreements,
        unpaired=tuple(sorted(first.keys() ^ second.keys())),
    )


def codings(coder: str, ecosystems: Mapping[str, Ecosystem]) -> Coding[str]:
    """Read one coder's documents into a coding: one unit per fact of each arrangement.

    Args:
        coder: The coder's name.
        ecosystems: The coder's ecosystems, by case name.

    Returns:
        The coding; each unit is ``(case/arrangement, fact)`` and each value the fact in
        words (``"'organizer'"``, ``"{code, data}"``, ``"unknown"``), so that an unknown
        or narrowed fact is a value of its own.

    Example:
        >>> from peerprod import cases
        >>> coding = codings("built-in", {"lego": cases.load("lego")})
        >>> coding.as_dict()[Unit(case="lego/lugnet", question="community")]
        'true'
    """
    values: dict[Unit, str] = {}
    for case, ecosystem in ecosystems.items():
        for arrangement in ecosystem.arrangements:
            for fact, value in zip(FACTS, arrangement.facts(), strict=True):
                values[Unit(case=f"{case}/{arrangement.id}", question=fact)] = show(value)
    return Coding(coder=coder, values=values)


def compare(
    a: Mapping[str, Ecosystem],
    b: Mapping[str, Ecosystem],
    *,
    coder_a: str = "a",
    coder_b: str = "b",
) -> AgreementReport[str]:
    """How far two coders' documents of the same cases agree, fact by fact.

    Example:
        >>> from peerprod import cases
        >>> lego = {"lego": cases.load("lego")}
        >>> compare(lego, lego).alpha.alpha
        1.0
    """
    return agreement_report(codings(coder_a, a), codings(coder_b, b))
