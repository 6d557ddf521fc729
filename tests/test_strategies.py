"""The public strategies reach every member of every vocabulary and every reference."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from peerprod import (
    ActorKind,
    BusinessRelation,
    CapitalThreshold,
    ContributionTerms,
    DecisionRule,
    Ecosystem,
    FundingChannel,
    LicenseKind,
    Period,
    PublicRole,
    Reciprocity,
    Resource,
    Scale,
    WeightBasis,
)
from peerprod.classify.ladder import DIMENSION_TYPES
from peerprod.model.arrangement import DIMENSIONS
from peerprod.model.references import REFERENCES, SECTIONS, references_of, section_of
from peerprod.strategies import ecosystems


def _values(eco: Ecosystem) -> Iterator[Any]:
    """Every enum value held anywhere in an ecosystem."""
    for actor in eco.actors:
        yield actor.kind
    for commons in eco.commons:
        yield from commons.resources
        yield commons.license.kind
        yield commons.license.reciprocity
        yield commons.contribution_terms
        if commons.design is not None:
            yield commons.design.capital_threshold
    for coalition in eco.coalitions:
        yield coalition.weight_basis
        yield coalition.decision_rule
        yield coalition.business_relation
    for stream in eco.funding:
        yield stream.channel
        yield stream.period
    for engagement in eco.partner_states:
        yield engagement.scale
        yield from engagement.roles
    for arrangement in eco.arrangements:
        yield from arrangement.dimensions()


VOCABULARIES: list[type[enum.Enum]] = [
    ActorKind,
    BusinessRelation,
    CapitalThreshold,
    ContributionTerms,
    DecisionRule,
    FundingChannel,
    LicenseKind,
    Period,
    PublicRole,
    Reciprocity,
    Resource,
    Scale,
    WeightBasis,
]
MEMBERS = [member for vocabulary in VOCABULARIES for member in vocabulary]


@pytest.fixture(scope="module")
def reached() -> set[Any]:
    """Everything a fixed, derandomized run of ecosystems() holds.

    Enum members, (dimension, member) pairs of arrangements, and (relation, target
    section) pairs of the references between entities.
    """
    seen: set[Any] = set()

    @settings(
        max_examples=200,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(ecosystems())
    def collect(eco: Ecosystem) -> None:
        seen.update(_values(eco))
        for arrangement in eco.arrangements:
            seen.update(
                (name, v) for name, v in zip(DIMENSIONS, arrangement.dimensions(), strict=True)
            )
        seen.update(_references(eco))

    collect()
    return seen


def _references(eco: Ecosystem) -> Iterator[tuple[str, str]]:
    """(relation, section of the referenced entity) for every reference an ecosystem holds."""
    for entity in eco:
        for ref in references_of(section_of(entity).name):
            for _, target in ref.ids(entity):
                yield ref.relation, section_of(eco.get(target)).name


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_every_member_is_reached(reached: set[Any], member: enum.Enum) -> None:
    assert member in reached


@pytest.mark.parametrize(
    ("dimension", "member"),
    [(name, member) for name in DIMENSIONS for member in DIMENSION_TYPES[name]],
    ids=lambda value: value if isinstance(value, str) else value.value,
)
def test_every_dimension_value_is_reached(
    reached: set[Any], dimension: str, member: enum.Enum
) -> None:
    assert (dimension, member) in reached


@pytest.mark.parametrize(
    ("relation", "target"),
    [
        (ref.relation, target)
        for ref in REFERENCES
        for target in ref.targets or [s.name for s in SECTIONS]
    ],
    ids=lambda value: value,
)
def test_every_reference_is_reached(reached: set[Any], relation: str, target: str) -> None:
    # Each reference, to each section it may name: the strategies read the model's table.
    assert (relation, target) in reached
