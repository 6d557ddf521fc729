"""How well the classifiers agree with coders' readings of documented arrangements.

A coder who codes a real arrangement's facts also writes down, from the essay alone
and before running any classifier, where they read it on the ladder and in which
model (a :class:`Reading`). :func:`validate` sets the classifiers' verdicts, from
the coder's own facts, against those readings: the share the classifiers place
exactly, the share whose reading is at least among the possible verdicts when facts
are open, and both per rung and per model. peerprod's own evaluation set
(:mod:`peerprod.cases.evaluation`) is validated this way in its test suite and on
its documentation's validation page.

Example:
    >>> from peerprod import Rung, cases
    >>> reading = Reading(case="lego", arrangement="lugnet", rung=Rung.PEER_PRODUCTION,
    ...                   model=ProductionModel.COMMONS_CENTRED)
    >>> report = validate({"lego": cases.load("lego")}, [reading])
    >>> report.rung_accuracy, report.model_accuracy
    (1.0, 1.0)
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import attrs

from peerprod.analysis.report import analyse
from peerprod.classify.ladder import Rung
from peerprod.classify.production import ProductionModel
from peerprod.errors import IntegrityError, Problem
from peerprod.model.arrangement import Arrangement

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from peerprod.classify.evidence import Prefer
    from peerprod.model.ecosystem import Ecosystem

__all__ = ["Placement", "Reading", "ValidationReport", "validate"]


def _name(rung: Rung | None) -> str:
    return "outside" if rung is None else str(rung.number)


def _model(model: ProductionModel | None) -> str:
    return "outside" if model is None else model.value


@attrs.frozen(kw_only=True)
class Reading:
    """Where a coder reads one arrangement: its rung and model, from the essay alone."""

    case: str
    """The case (the document) the arrangement is in."""
    arrangement: str
    """The arrangement's id."""
    rung: Rung | None
    """The rung, or None when no rung of the ladder fits."""
    model: ProductionModel | None
    """The model, or None when none of the essay's models fits."""
    control: str = ""
    """For a commons-centred arrangement: ``community``, ``steered by <id>`` or
    ``captured by <id>``; empty otherwise."""
    why: str = ""
    """The coder's reason, paraphrasing the essay."""


@attrs.frozen(kw_only=True)
class Placement:
    """One reading set against what the classifiers found."""

    reading: Reading
    """The coder's reading."""
    rungs: frozenset[Rung | None]
    """Every rung the facts allow (None: outside the ladder)."""
    models: frozenset[ProductionModel | None]
    """Every model the facts allow (None: no model)."""
    contradictions: int = 0
    """How many stated facts the ecosystem's layers contradict."""

    @property
    def rung_exact(self) -> bool:
        """Whether the classifiers give exactly the reading's rung."""
        return self.rungs == frozenset({self.reading.rung})

    @property
    def rung_within(self) -> bool:
        """Whether the reading's rung is among those the facts allow."""
        return self.reading.rung in self.rungs

    @property
    def model_exact(self) -> bool:
        """Whether the classifiers give exactly the reading's model."""
        return self.models == frozenset({self.reading.model})

    def __str__(self) -> str:
        found = " or ".join(sorted(map(_name, self.rungs), key=lambda n: (len(n), n)))
        models = " or ".join(sorted(map(_model, self.models)))
        mark = "=" if self.rung_exact and self.model_exact else "~" if self.rung_within else "x"
        return (
            f"{mark} {self.reading.case}/{self.reading.arrangement}: read rung "
            f"{_name(self.reading.rung)} {_model(self.reading.model)}; found {found} {models}"
        )


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


@attrs.frozen(kw_only=True)
class ValidationReport:
    """The classifiers against a coder's readings, overall, per rung and per model."""

    placements: tuple[Placement, ...]
    """One per reading, in the order given."""

    @property
    def rung_accuracy(self) -> float:
        """The share of readings whose rung the classifiers give exactly."""
        return _share(sum(p.rung_exact for p in self.placements), len(self.placements))

    @property
    def rung_within(self) -> float:
        """The share of readings whose rung is among those the facts allow."""
        return _share(sum(p.rung_within for p in self.placements), len(self.placements))

    @property
    def model_accuracy(self) -> float:
        """The share of readings whose model the classifiers give exactly."""
        return _share(sum(p.model_exact for p in self.placements), len(self.placements))

    def by_rung(self) -> dict[Rung | None, tuple[int, int]]:
        """Per rung the coder read: readings placed exactly, and readings (None: outside)."""
        totals: Counter[Rung | None] = Counter(p.reading.rung for p in self.placements)
        hits: Counter[Rung | None] = Counter(
            p.reading.rung for p in self.placements if p.rung_exact
        )
        order = [*Rung, None]
        return {rung: (hits[rung], totals[rung]) for rung in order if totals[rung]}

    def by_model(self) -> dict[ProductionModel | None, tuple[int, int]]:
        """For each model the coder read, exact hits and readings; None for no model."""
        totals: Counter[ProductionModel | None] = Counter(p.reading.model for p in self.placements)
        hits: Counter[ProductionModel | None] = Counter(
            p.reading.model for p in self.placements if p.model_exact
        )
        order = [*ProductionModel, None]
        return {model: (hits[model], totals[model]) for model in order if totals[model]}

    @property
    def misses(self) -> tuple[Placement, ...]:
        """The placements whose rung or model the classifiers do not give exactly."""
        return tuple(p for p in self.placements if not (p.rung_exact and p.model_exact))

    def __str__(self) -> str:
        n = len(self.placements)
        lines = [
            f"{n} readings: rung exact {self.rung_accuracy:.0%}, within the possible rungs "
            f"{self.rung_within:.0%}; model exact {self.model_accuracy:.0%}"
        ]
        lines.extend(f"  {placement}" for placement in self.misses)
        return "\n".join(lines)


def validate(
    ecosystems: Mapping[str, Ecosystem],
    readings: Iterable[Reading],
    *,
    prefer: Prefer = "evidence",
) -> ValidationReport:
    """Set the classifiers' verdicts, from each case's facts and layers, against readings.

    Args:
        ecosystems: The coded cases, by case name.
        readings: Where the coder reads each arrangement.
        prefer: Which value to read when a stated fact and a derived one clash.

    Raises:
        IntegrityError: a reading names a case or an arrangement that is not there;
            every such reading is listed by its place, ``readings[3]``.

    Example:
        >>> from peerprod.cases import evaluation
        >>> report = validate(evaluation.load("b"), evaluation.readings("b"))
        >>> len(report.placements)
        46
    """
    readings = tuple(readings)
    problems = []
    for index, reading in enumerate(readings):
        ecosystem = ecosystems.get(reading.case)
        if ecosystem is None:
            message = f"case {reading.case!r} is not among the ecosystems given"
        else:
            try:
                ecosystem.find(reading.arrangement, Arrangement)
            except KeyError:
                message = f"case {reading.case!r} has no arrangement {reading.arrangement!r}"
            else:
                continue
        problems.append(Problem(path=f"readings[{index}]", message=message))
    if problems:
        raise IntegrityError("readings that match no arrangement", problems)
    reports = {}
    placements = []
    for reading in readings:
        if reading.case not in reports:
            reports[reading.case] = analyse(ecosystems[reading.case], prefer=prefer)
        found = reports[reading.case].arrangement(reading.arrangement)
        placements.append(
            Placement(
                reading=reading,
                rungs=found.rung.possible,
                models=found.model.possible,
                contradictions=len(found.contradictions),
            )
        )
    return ValidationReport(placements=tuple(placements))
