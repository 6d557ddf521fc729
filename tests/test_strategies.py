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
from peerprod.model.arrangement import FACTS, Captor, Channel, Contribution, Control
from peerprod.model.references import REFERENCES, SECTIONS, references_of, section_of
from peerprod.model.uncertainty import UNKNOWN, Between, OneOf
from peerprod.strategies import ecosystems


def _fact_values(name: str, value: Any) -> Iterator[Any]:
    """Every value a fact holds, as (fact, member) pairs, through its possibilities."""
    if value is UNKNOWN:
        yield (name, UNKNOWN)
        return
    if isinstance(value, OneOf):
        yield (name, OneOf)
        for option in value.options:
            yield from _fact_values(name, option)
        return
    if isinstance(value, Between):
        yield (name, Between)
        for member in value.known | value.maybe:
            yield from _fact_values(name, frozenset({member}))
        return
    if isinstance(value, frozenset):
        for member in value:
            if isinstance(member, Contribution):
                yield (name, member)
            else:
                yield (name, member.channel)
                if member.by is not None:
                    yield (name, member.by)
        return
    yield (name, value)


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
            for name, value in zip(FACTS, arrangement.facts(), strict=True):
                seen.update(_fact_values(name, value))
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


def _fact_members() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for name in FACTS:
        if name == "contributions":
            members: list[Any] = list(Contribution)
        elif name == "monetization":
            members = [*Channel, *Captor]
        elif name in ("community", "competition", "joint_design"):
            members = [True, False]
        elif name == "output_regime":
            members = list(LicenseKind)
        else:
            members = list(Control)
        uncertain: list[Any] = (
            [UNKNOWN, OneOf]
            if name not in ("community", "competition", "joint_design")
            else [UNKNOWN]
        )
        if name in ("contributions", "monetization"):
            uncertain.append(Between)
        found.extend((name, member) for member in [*members, *uncertain])
    return found


@pytest.mark.parametrize(("fact", "member"), _fact_members(), ids=str)
def test_every_fact_value_is_reached(reached: set[Any], fact: str, member: Any) -> None:
    assert (fact, member) in reached


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
