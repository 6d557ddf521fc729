"""Whole-ecosystem classification: every arrangement, every coalition, and the structure.

Bauwens reads an ecosystem through an interlocking triad of community,
non-profit foundation and business, which becomes a quaternary structure
when public authorities are involved (FCJ-097, "Overview of the Main Models
Emerging So Far"). :func:`analyse` classifies each arrangement on the ladder
and by production model from the evidence of the ecosystem's layers, reports
where stated facts and the layers contradict each other, measures each
coalition, names the structure, weighs what each commons gives against what
returns to it, and sums the arrangements up in one control polarity index.

Example:
    >>> from peerprod import cases
    >>> report = analyse(cases.load("linux"))
    >>> report.structure.value, report.missing, report.contradictions
    ('triad', (), ())
"""

from __future__ import annotations

import enum
import functools
import math
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import attrs

from peerprod._collector import collector_paused
from peerprod.analysis.benefits import BenefitSharing, benefit_sharing
from peerprod.classify.coalitions import CoalitionStructure, CoalitionVerdict, coalition_structure
from peerprod.classify.control import control_index, index_of
from peerprod.classify.evidence import Contradiction, Evidence, Finding, Prefer, evidence
from peerprod.classify.ladder import Rung
from peerprod.classify.production import ProductionModel
from peerprod.classify.verdicts import ModelVerdict, RungVerdict, verdicts_of
from peerprod.model.actors import ActorKind
from peerprod.ordinal import OrdinalEnum

if TYPE_CHECKING:
    from peerprod.model.ecosystem import Ecosystem

__all__ = [
    "DERIVED_ATTRIBUTES",
    "ArrangementReport",
    "DerivedAttribute",
    "EcosystemReport",
    "EcosystemStructure",
    "analyse",
    "ecosystem_control_index",
    "ecosystem_structure",
]


_TRIAD = (ActorKind.COMMUNITY, ActorKind.FOUNDATION, ActorKind.BUSINESS)


@enum.unique
class EcosystemStructure(OrdinalEnum):
    """Which of the essay's interlocking structures an ecosystem's actors form, least first.

    Example:
        >>> EcosystemStructure.QUATERNARY > EcosystemStructure.TRIAD
        True
    """

    PARTIAL = "partial"
    """At least one of community, foundation and business is missing."""
    TRIAD = "triad"
    """Community, foundation and business, without a public authority."""
    QUATERNARY = "quaternary"
    """Community, foundation and business, with a public authority involved."""


def ecosystem_structure(ecosystem: Ecosystem) -> tuple[EcosystemStructure, tuple[ActorKind, ...]]:
    """The structure an ecosystem's actors form, and the triad's missing kinds.

    A public authority counts as involved when the ecosystem lists one as an
    actor (partner-state engagements always name one). Without the full
    triad the structure is partial, whether or not an authority takes part.

    Returns:
        The structure and the triad kinds it lacks, in the order community,
        foundation, business.

    Example:
        >>> from peerprod import cases
        >>> ecosystem_structure(cases.load("lego"))
        (<EcosystemStructure.PARTIAL: 'partial'>, (<ActorKind.FOUNDATION: 'foundation'>,))
    """
    kinds = {actor.kind for actor in ecosystem.actors}
    missing = tuple(kind for kind in _TRIAD if kind not in kinds)
    if missing:
        return EcosystemStructure.PARTIAL, missing
    if ActorKind.PUBLIC_AUTHORITY in kinds:
        return EcosystemStructure.QUATERNARY, ()
    return EcosystemStructure.TRIAD, ()


def ecosystem_control_index(ecosystem: Ecosystem, *, prefer: Prefer = "evidence") -> float | None:
    """The mean control polarity index of an ecosystem's arrangements, in [0, 1].

    Each arrangement counts once, with its facts as the evidence of the ecosystem's
    layers gives them (see :func:`~peerprod.classify.control.control_index` for the
    terms), so moving any fact of any arrangement toward the community pole never
    lowers it.

    Returns:
        The index; None for an ecosystem without arrangements, or one in which some
        fact the index counts is not known exactly (the report's ``control_interval``
        then gives the range).

    Example:
        >>> from peerprod import cases
        >>> round(ecosystem_control_index(cases.load("lego")), 3)
        0.423
    """
    if not ecosystem.arrangements:
        return None
    indexes = [
        control_index(evidence(a, ecosystem, prefer=prefer).read) for a in ecosystem.arrangements
    ]
    if any(index is None for index in indexes):
        return None
    return math.fsum(i for i in indexes if i is not None) / len(indexes)


Scalar: TypeAlias = str | int | float | bool
"""A value every graph file format can hold."""


@attrs.frozen(kw_only=True)
class DerivedAttribute:
    """One value a report adds to a graph of the ecosystem it describes.

    Graph conversion (:func:`peerprod.graphs.to_graph`) writes what
    :meth:`EcosystemReport.attributes` gives, and documents it from
    :data:`DERIVED_ATTRIBUTES`; it never runs a classifier itself.

    Example:
        >>> [a.name for a in DERIVED_ATTRIBUTES if a.entity == "coalition"]
        ['verdict', 'dominant', 'hhi', 'elephant_factor']
    """

    name: str
    """The attribute's name."""
    scope: Literal["graph", "node"]
    """Whether it is an attribute of the whole graph or of a node."""
    entity: str
    """For node attributes, the entity it applies to (``"arrangement"``); empty for the graph."""
    wire_type: Literal["string", "integer", "number", "boolean"]
    """How it is written."""
    values: tuple[str, ...] = ()
    """The values it can take, for a closed vocabulary; empty otherwise."""
    description: str
    """What it says, and the function that computes it."""


def _values(enum_type: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in enum_type)


def _rungs(verdict: RungVerdict) -> str:
    low, high = verdict.low, verdict.high
    parts = []
    if low is not None and high is not None:
        parts.append(str(low.number) if low is high else f"{low.number}..{high.number}")
    if None in verdict.possible:
        parts.append("outside")
    return " or ".join(parts)


DERIVED_ATTRIBUTES: Final[tuple[DerivedAttribute, ...]] = (
    DerivedAttribute(
        name="structure", scope="graph", entity="", wire_type="string",
        values=_values(EcosystemStructure),
        description="The actors' structure: peerprod.analysis.ecosystem_structure.",
    ),
    DerivedAttribute(
        name="control_index", scope="graph", entity="", wire_type="number",
        description="The mean control polarity index of the arrangements, 0 to 1: "
        "peerprod.analysis.ecosystem_control_index; absent without any, or when a fact "
        "it counts is not known.",
    ),
    DerivedAttribute(
        name="contradictions", scope="graph", entity="", wire_type="integer",
        description="How many stated facts the ecosystem's layers contradict; absent "
        "when none.",
    ),
    DerivedAttribute(
        name="rung", scope="node", entity="arrangement", wire_type="integer",
        values=tuple(str(r.number) for r in Rung),
        description="The rung on the ladder of participation, 1 to 10, when the facts "
        "settle it: peerprod.classify_rung.",
    ),
    DerivedAttribute(
        name="rungs", scope="node", entity="arrangement", wire_type="string",
        description="When the facts do not settle one rung: the range they allow, as "
        "'5..7', with 'outside' when no rule may hold ('outside', '5..7 or outside').",
    ),
    DerivedAttribute(
        name="model", scope="node", entity="arrangement", wire_type="string",
        values=_values(ProductionModel),
        description="The production model, when the facts settle it: "
        "peerprod.classify_model.",
    ),
    DerivedAttribute(
        name="commons_control", scope="node", entity="arrangement", wire_type="string",
        description="Who holds control over a commons-centred arrangement's commons: "
        "'community', or 'steered by <id>' or 'captured by <id>' (a corporate commons).",
    ),
    DerivedAttribute(
        name="control_index", scope="node", entity="arrangement", wire_type="number",
        description="Where control lies, from the corporate pole (0) to the community pole "
        "(1), when the facts it counts are known: peerprod.classify.control_index.",
    ),
    DerivedAttribute(
        name="verdict", scope="node", entity="coalition", wire_type="string",
        values=_values(CoalitionVerdict),
        description="Captured, dominated or equal say: "
        "peerprod.classify.coalitions.coalition_structure; absent without members.",
    ),
    DerivedAttribute(
        name="dominant", scope="node", entity="coalition", wire_type="string",
        description="The id of the party that dominates the coalition, if one does.",
    ),
    DerivedAttribute(
        name="hhi", scope="node", entity="coalition", wire_type="number",
        description="The Herfindahl-Hirschman index of the members' weights: "
        "peerprod.classify.coalitions.herfindahl_index.",
    ),
    DerivedAttribute(
        name="elephant_factor", scope="node", entity="coalition", wire_type="integer",
        description="The fewest members holding half of the weight: "
        "peerprod.classify.coalitions.elephant_factor.",
    ),
    DerivedAttribute(
        name="benefit_sharing", scope="node", entity="commons", wire_type="string",
        values=("returns", "takes_without_return", "not_monetized"),
        description="Whether value returns to the commons from those who monetize it: "
        "peerprod.analysis.benefit_sharing.",
    ),
)  # fmt: skip
"""Every attribute :meth:`EcosystemReport.attributes` can give, in the order it gives them."""


@attrs.frozen(kw_only=True)
class ArrangementReport:
    """The classification of one arrangement, from the evidence of its ecosystem.

    Example:
        >>> from peerprod import cases
        >>> report = analyse(cases.load("lego")).arrangement("lego-world")
        >>> report.rung.rung.number, report.model.model.value
        (7, 'sharing')
    """

    arrangement: str
    """The arrangement's id."""
    rung: RungVerdict
    """Its rung on the ladder, with reasons."""
    model: ModelVerdict
    """Its production model, and who controls its commons."""
    control_index: float | None
    """Its control polarity index, when the facts it counts are known."""
    control_interval: tuple[float, float]
    """The lowest and highest control index the possible facts allow."""
    evidence: Evidence
    """Each fact as the classifiers read it, where it comes from, and the contradictions."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Each fact as the classifiers read it, and where it comes from."""
        return self.evidence.findings

    @property
    def contradictions(self) -> tuple[Contradiction, ...]:
        """The stated facts the ecosystem's layers contradict."""
        return self.evidence.contradictions

    def __str__(self) -> str:
        rung = self.rung.rung
        if rung is not None:
            placed = f"rung {rung.number} ({rung.short_name})"
        else:
            placed = "outside the ladder" if self.rung.outside else f"rungs {_rungs(self.rung)}"
        model = self.model.model
        named = "no model" if model is None else model.value
        if not self.model.definite:
            named = "model not decided"
        index = "" if self.control_index is None else f", index {self.control_index:.3f}"
        line = f"{self.arrangement}: {placed}, {named}{index}"
        if self.model.control is not None and model is ProductionModel.COMMONS_CENTRED:
            control = self.model.control
            if control.reading != "community":
                line += f", {control.reading}" + (f" by {control.by}" if control.by else "")
        if self.contradictions:
            count = len(self.contradictions)
            line += f" ({count} contradiction{'s' * (count != 1)})"
        return line


@attrs.frozen(kw_only=True)
class EcosystemReport:
    """The classification of a whole ecosystem.

    Example:
        >>> from peerprod import cases
        >>> report = analyse(cases.load("eclipse"))
        >>> report.coalitions[0].verdict.value, report.control_index is None
        ('dominated', True)
    """

    ecosystem: str
    """The ecosystem's id."""
    arrangements: tuple[ArrangementReport, ...]
    """One report per arrangement, in document order."""
    coalitions: tuple[CoalitionStructure, ...]
    """One structure per coalition, in document order."""
    structure: EcosystemStructure
    """Triad, quaternary, or partial."""
    missing: tuple[ActorKind, ...]
    """The kinds of the triad the ecosystem lacks (empty unless partial)."""
    control_index: float | None
    """The mean control polarity index of the arrangements; None without any, or when a
    fact it counts is not known."""
    benefits: tuple[BenefitSharing, ...] = ()
    """For each commons, what is taken from it next to what returns to it."""

    @property
    def contradictions(self) -> tuple[Contradiction, ...]:
        """Every stated fact the ecosystem's layers contradict, arrangement by arrangement."""
        return tuple(c for report in self.arrangements for c in report.contradictions)

    def arrangement(self, arrangement_id: str) -> ArrangementReport:
        """The report on the arrangement with that id.

        Raises:
            KeyError: the ecosystem has no arrangement with that id.

        Example:
            >>> from peerprod import cases
            >>> analyse(cases.load("lego")).arrangement("lugnet").rung.rung.number
            8
        """
        for report in self.arrangements:
            if report.arrangement == arrangement_id:
                return report
        raise KeyError(arrangement_id)

    def coalition(self, coalition_id: str) -> CoalitionStructure:
        """The structure of the coalition with that id.

        Raises:
            KeyError: the ecosystem has no coalition with that id.

        Example:
            >>> from peerprod import cases
            >>> analyse(cases.load("linux")).coalition("linux-foundation-board").verdict.value
            'equal_say'
        """
        for structure in self.coalitions:
            if structure.coalition == coalition_id:
                return structure
        raise KeyError(coalition_id)

    def attributes(self) -> dict[str | None, dict[str, Scalar]]:
        """The report as derived graph attributes (:data:`DERIVED_ATTRIBUTES`).

        Returns:
            The attributes of each arrangement, coalition and commons by id, and those of
            the ecosystem as a whole under ``None``.

        Example:
            >>> from peerprod import cases
            >>> attributes = analyse(cases.load("lego")).attributes()
            >>> attributes["lugnet"]["rung"], attributes[None]["structure"]
            (8, 'partial')
        """
        # A report is a value: its attributes are worked out once, and each caller
        # gets tables of its own.
        return {entity: dict(values) for entity, values in self._attribute_tables.items()}

    @functools.cached_property
    def _attribute_tables(self) -> dict[str | None, dict[str, Scalar]]:
        whole: dict[str, Scalar] = {"structure": self.structure.value}
        if self.control_index is not None:
            whole["control_index"] = self.control_index
        if self.contradictions:
            whole["contradictions"] = len(self.contradictions)
        found: dict[str | None, dict[str, Scalar]] = {None: whole}
        for report in self.arrangements:
            node: dict[str, Scalar] = {}
            rung = report.rung.rung
            if rung is not None:
                node["rung"] = rung.number
            else:
                node["rungs"] = _rungs(report.rung)
            if report.model.definite and report.model.model is not None:
                node["model"] = report.model.model.value
            control = report.model.control
            if control is not None and report.model.model is ProductionModel.COMMONS_CENTRED:
                node["commons_control"] = (
                    control.reading if control.by is None else f"{control.reading} by {control.by}"
                )
            if report.control_index is not None:
                node["control_index"] = report.control_index
            found[report.arrangement] = node
        for coalition in self.coalitions:
            measured: dict[str, Scalar] = {}
            if coalition.verdict is not None:
                measured["verdict"] = coalition.verdict.value
            if coalition.dominant is not None:
                measured["dominant"] = coalition.dominant
            measured["hhi"] = coalition.hhi
            measured["elephant_factor"] = coalition.elephant_factor
            found[coalition.coalition] = measured
        for sharing in self.benefits:
            found[sharing.commons] = {"benefit_sharing": sharing.verdict}
        return found

    def __str__(self) -> str:
        head = f"{self.ecosystem}: {self.structure.value}"
        if self.missing:
            head += f" (no {', '.join(kind.value for kind in self.missing)})"
        if self.control_index is not None:
            head += f"; control index {self.control_index:.3f}"
        lines = [head]
        lines.extend(f"  {report}" for report in self.arrangements)
        lines.extend(
            f"  {s.coalition}: {'unknown' if s.verdict is None else s.verdict.value}"
            for s in self.coalitions
        )
        lines.extend(f"  {sharing.commons}: {sharing.verdict}" for sharing in self.benefits)
        return "\n".join(lines)


def analyse(ecosystem: Ecosystem, *, prefer: Prefer = "evidence") -> EcosystemReport:
    """Classify a whole ecosystem: its arrangements, coalitions, structure and benefit-sharing.

    Each arrangement is classified from the evidence of the ecosystem's layers
    (:func:`~peerprod.classify.evidence.evidence`), with the contradictions between
    stated and derived facts. Never raises on a valid ecosystem; reordering an
    ecosystem's sections reorders the report and changes nothing else.

    Args:
        ecosystem: The ecosystem.
        prefer: Which value to read when a stated fact and a derived one clash.

    Example:
        >>> from peerprod import cases
        >>> print(analyse(cases.load("lego")))
        lego: partial (no foundation); control index 0.423
          lego-classic: rung 1 (consumers), none, index 0.048
          lego-factory: rung 4 (company-based crowdsourcing), crowdsourced, index 0.357
          lego-world: rung 7 (sharing communities), sharing, index 0.333
          lugnet: rung 8 (peer production), commons_centred, index 0.952
    """
    with collector_paused():
        return _analyse(ecosystem, prefer)


def _analyse(ecosystem: Ecosystem, prefer: Prefer) -> EcosystemReport:
    structure, missing = ecosystem_structure(ecosystem)
    kinds = {actor.id: actor.kind for actor in ecosystem.actors}
    reports = []
    indexes: list[float | None] = []
    for arrangement in ecosystem.arrangements:
        found = evidence(arrangement, ecosystem, prefer=prefer)
        index, interval = index_of(found.values)
        indexes.append(index)
        rung, model = verdicts_of(found)
        reports.append(
            ArrangementReport(
                arrangement=arrangement.id,
                rung=rung,
                model=model,
                control_index=index,
                control_interval=interval,
                evidence=found,
            )
        )
    known = [i for i in indexes if i is not None]
    overall = math.fsum(known) / len(known) if known and len(known) == len(indexes) else None
    return EcosystemReport(
        ecosystem=ecosystem.id,
        arrangements=tuple(reports),
        coalitions=tuple(coalition_structure(c, kinds) for c in ecosystem.coalitions),
        structure=structure,
        missing=missing,
        control_index=overall,
        benefits=benefit_sharing(ecosystem),
    )
