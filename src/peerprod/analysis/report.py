"""Whole-ecosystem classification: every arrangement, every coalition, and the structure.

Bauwens reads an ecosystem through an interlocking triad of community,
non-profit foundation and business, which becomes a quaternary structure
when public authorities are involved (FCJ-097, "Overview of the Main Models
Emerging So Far"). :func:`analyse` classifies each arrangement on the ladder
and by production model, measures each coalition, names the structure, and
sums the arrangements up in one control polarity index.

Example:
    >>> from peerprod import cases
    >>> report = analyse(cases.load("linux"))
    >>> report.structure.value, report.missing
    ('triad', ())
    >>> print(report)
    linux: triad; control index 0.812
      linux-kernel-development: rung 8 (peer production), commons_centred, index 0.812
      linux-foundation-board: equal_say
"""

from __future__ import annotations

import enum
import math
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import attrs

from peerprod.classify.coalitions import CoalitionStructure, CoalitionVerdict, coalition_structure
from peerprod.classify.ladder import Rung, RungVerdict, classify_rung, control_index
from peerprod.classify.production import ModelVerdict, ProductionModel, classify_model
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


def ecosystem_control_index(ecosystem: Ecosystem) -> float | None:
    """The mean control polarity index of an ecosystem's arrangements, in [0, 1].

    Each arrangement counts once (see :func:`~peerprod.classify.ladder.control_index`
    for the terms), so moving any dimension of any arrangement toward the
    community pole never lowers it.

    Returns:
        The index, or None for an ecosystem without arrangements, about whose
        polarity of control there are no facts.

    Example:
        >>> from peerprod import cases
        >>> round(ecosystem_control_index(cases.load("lego")), 3)
        0.445
    """
    if not ecosystem.arrangements:
        return None
    return math.fsum(map(control_index, ecosystem.arrangements)) / len(ecosystem.arrangements)


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
        ['verdict', 'hhi', 'elephant_factor']
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


DERIVED_ATTRIBUTES: Final[tuple[DerivedAttribute, ...]] = (
    DerivedAttribute(
        name="structure", scope="graph", entity="", wire_type="string",
        values=_values(EcosystemStructure),
        description="The actors' structure: peerprod.analysis.ecosystem_structure.",
    ),
    DerivedAttribute(
        name="control_index", scope="graph", entity="", wire_type="number",
        description="The mean control polarity index of the arrangements, 0 to 1: "
        "peerprod.analysis.ecosystem_control_index; absent without any.",
    ),
    DerivedAttribute(
        name="rung", scope="node", entity="arrangement", wire_type="integer",
        values=tuple(str(r.number) for r in Rung),
        description="The rung on the ladder of participation, 1 to 10: "
        "peerprod.classify.ladder.rung_of.",
    ),
    DerivedAttribute(
        name="model", scope="node", entity="arrangement", wire_type="string",
        values=_values(ProductionModel),
        description="The production model: peerprod.classify.production.model_of.",
    ),
    DerivedAttribute(
        name="control_index", scope="node", entity="arrangement", wire_type="number",
        description="Where control lies, from the corporate pole (0) to the community pole "
        "(1): peerprod.classify.ladder.control_index.",
    ),
    DerivedAttribute(
        name="verdict", scope="node", entity="coalition", wire_type="string",
        values=_values(CoalitionVerdict),
        description="Equal say or dominated: peerprod.classify.coalitions.coalition_structure; "
        "absent without members.",
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
)  # fmt: skip
"""Every attribute :meth:`EcosystemReport.attributes` can give, in the order it gives them."""


@attrs.frozen(kw_only=True)
class ArrangementReport:
    """The classification of one arrangement.

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
    """Its production model, with reasons."""
    control_index: float
    """Its control polarity index."""

    def __str__(self) -> str:
        rung = self.rung.rung
        return (
            f"{self.arrangement}: rung {rung.number} ({rung.short_name}), "
            f"{self.model.model.value}, index {self.control_index:.3f}"
        )


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
    """The mean control polarity index of the arrangements, or None without any."""

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
            The attributes of each arrangement and coalition by id, and those of the
            ecosystem as a whole under ``None``.

        Example:
            >>> from peerprod import cases
            >>> attributes = analyse(cases.load("lego")).attributes()
            >>> attributes["lugnet"]["rung"], attributes[None]["structure"]
            (8, 'partial')
        """
        found: dict[str | None, dict[str, Scalar]] = {None: {"structure": self.structure.value}}
        if self.control_index is not None:
            found[None]["control_index"] = self.control_index
        for report in self.arrangements:
            found[report.arrangement] = {
                "rung": report.rung.rung.number,
                "model": report.model.model.value,
                "control_index": report.control_index,
            }
        for coalition in self.coalitions:
            measured: dict[str, Scalar] = {}
            if coalition.verdict is not None:
                measured["verdict"] = coalition.verdict.value
            measured["hhi"] = coalition.hhi
            measured["elephant_factor"] = coalition.elephant_factor
            found[coalition.coalition] = measured
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
        return "\n".join(lines)


def analyse(ecosystem: Ecosystem) -> EcosystemReport:
    """Classify a whole ecosystem: its arrangements, its coalitions and its structure.

    Never raises on a valid ecosystem; each part depends only on the facts of
    the entity it describes, so reordering an ecosystem's sections reorders
    the report and changes nothing else.

    Example:
        >>> from peerprod import cases
        >>> print(analyse(cases.load("lego")))
        lego: partial (no foundation); control index 0.445
          lego-classic: rung 1 (consumers), none, index 0.104
          lego-factory: rung 4 (company-based crowdsourcing), crowdsourced, index 0.323
          lego-world: rung 7 (sharing communities), sharing, index 0.417
          lugnet: rung 8 (peer production), commons_centred, index 0.938
    """
    structure, missing = ecosystem_structure(ecosystem)
    return EcosystemReport(
        ecosystem=ecosystem.id,
        arrangements=tuple(
            ArrangementReport(
                arrangement=a.id,
                rung=classify_rung(a),
                model=classify_model(a),
                control_index=control_index(a),
            )
            for a in ecosystem.arrangements
        ),
        coalitions=tuple(coalition_structure(c) for c in ecosystem.coalitions),
        structure=structure,
        missing=missing,
        control_index=ecosystem_control_index(ecosystem),
    )
