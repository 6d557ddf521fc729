"""The public strategies reach every member of every vocabulary."""

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


def _reached() -> set[Any]:
    """Every enum value that a fixed, derandomized run of ecosystems() holds."""
    seen: set[Any] = set()

    @settings(
        max_examples=400,
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

    collect()
    return seen


REACHED = _reached()


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_every_member_is_reached(member: enum.Enum) -> None:
    assert member in REACHED


@pytest.mark.parametrize(
    ("dimension", "member"),
    [(name, member) for name in DIMENSIONS for member in DIMENSION_TYPES[name]],
    ids=lambda value: value if isinstance(value, str) else value.value,
)
def test_every_dimension_value_is_reached(dimension: str, member: enum.Enum) -> None:
    assert (dimension, member) in REACHED
