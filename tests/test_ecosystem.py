"""The Ecosystem aggregate: referential integrity, reported all at once."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from peerprod import (
    Actor,
    ActorKind,
    Commons,
    ContributionTerms,
    Ecosystem,
    IntegrityError,
    License,
    LicenseKind,
    PartnerState,
    Platform,
    PublicRole,
    Resource,
    Scale,
    cases,
)
from peerprod.strategies import ecosystems

COMMUNITY = Actor(id="c", kind=ActorKind.COMMUNITY, name="Community")
FIRM = Actor(id="firm", kind=ActorKind.BUSINESS, name="Firm")


def with_commons(**fields: Any) -> Ecosystem:
    """An ecosystem of one community and one commons with ``fields`` set."""
    commons = Commons(
        id="k",
        name="K",
        resources=[Resource.SOFTWARE],
        license=License(kind=LicenseKind.COMMONS),
        **fields,
    )
    return Ecosystem(id="e", name="E", actors=[COMMUNITY], commons=[commons])


def _references(eco: Ecosystem) -> list[tuple[str, int, str, Any]]:
    """Every (section, index, field, value) that holds a reference, for mutation."""
    refs: list[tuple[str, int, str, Any]] = []
    fields = {
        "platforms": ("operator", "initiators"),
        "commons": ("platform", "community"),
        "coalitions": ("foundation", "commons"),
        "funding": ("source", "recipient", "via"),
        "partner_states": ("authority", "engages"),
        "arrangements": ("organizer", "participants", "platform", "commons"),
    }
    for section, names in fields.items():
        for index, entity in enumerate(getattr(eco, section)):
            for name in names:
                refs.append((section, index, name, getattr(entity, name)))
    return refs


class TestIntegrity:
    """Every dangling or ill-kinded reference is found, with its path."""

    def test_valid_ecosystem(self) -> None:
        eco = Ecosystem(
            id="e",
            name="E",
            actors=[COMMUNITY],
            platforms=[Platform(id="p", name="P", initiators=["c"], operator="c")],
        )
        assert "p" in eco
        assert eco.get("p").id == "p"
        assert len(eco) == 2
        assert [e.id for e in eco] == ["c", "p"]
        assert eco.platform_steward("p") is ActorKind.COMMUNITY
        assert eco.actor("c") is COMMUNITY
        assert eco.actors_of_kind(ActorKind.COMMUNITY) == (COMMUNITY,)

    def test_lookups_fail_with_key_error(self) -> None:
        eco = Ecosystem(id="e", name="E", actors=[COMMUNITY])
        with pytest.raises(KeyError):
            eco.get("nope")
        with pytest.raises(KeyError):
            eco.platform_steward("c")
        with pytest.raises(KeyError):
            eco.actor("nope")

    def test_every_problem_listed(self) -> None:
        with pytest.raises(IntegrityError) as info:
            Ecosystem(
                id="e",
                name="E",
                actors=[COMMUNITY, attrs.evolve(FIRM, id="c")],
                platforms=[Platform(id="p", name="P", initiators=["x"], operator="y")],
                partner_states=[
                    PartnerState(
                        id="ps",
                        authority="c",
                        scale=Scale.CITY,
                        roles=[PublicRole.HOST],
                        engages=["ghost"],
                    )
                ],
            )
        paths = [p.path for p in info.value.problems]
        assert paths == [
            "actors[1].id",
            "platforms[0].initiators[0]",
            "platforms[0].operator",
            "partner_states[0].authority",
            "partner_states[0].engages[0]",
        ]
        text = str(info.value)
        assert "duplicate id 'c', first used at actors[0].id" in text
        assert "'c' is a 'community' actor, expected 'public_authority'" in text
        assert "'ghost' is not the id of anything in this ecosystem" in text

    def test_the_same_entity_twice(self) -> None:
        with pytest.raises(IntegrityError) as info:
            Ecosystem(id="e", name="E", actors=[COMMUNITY, COMMUNITY, COMMUNITY])
        assert [str(p) for p in info.value.problems] == [
            "actors[1].id: duplicate id 'c', first used at actors[0].id",
            "actors[2].id: duplicate id 'c', first used at actors[0].id",
        ]

    def test_wrong_section(self) -> None:
        with pytest.raises(
            IntegrityError, match=r"commons\[0\]\.platform: 'c' is not the id of any platform"
        ):
            with_commons(platform="c")

    def test_terms_holder_kind(self) -> None:
        with pytest.raises(IntegrityError, match="'c' is a 'community' actor, expected 'business'"):
            with_commons(contribution_terms=ContributionTerms.CLA_COMPANY, terms_holder="c")

    def test_sections_hold_their_types(self) -> None:
        with pytest.raises(TypeError, match=r"platforms\[0\] must be a Platform"):
            Ecosystem(id="e", name="E", platforms=[COMMUNITY])

    @given(ecosystems(), st.data())
    def test_any_dangling_reference_is_caught(self, eco: Ecosystem, data: st.DataObject) -> None:
        refs = [r for r in _references(eco) if r[3] not in (None, ())]
        assume(refs)
        section, index, name, value = data.draw(st.sampled_from(refs))
        ghost = "ghost-" + "x" * 8
        assume(ghost not in eco)
        entity = getattr(eco, section)[index]
        if isinstance(value, tuple):
            position = data.draw(st.integers(0, len(value) - 1))
            broken = attrs.evolve(
                entity, **{name: (*value[:position], ghost, *value[position + 1 :])}
            )
            expected = f"{section}[{index}].{name}[{position}]"
        else:
            broken = attrs.evolve(entity, **{name: ghost})
            expected = f"{section}[{index}].{name}"
        items = list(getattr(eco, section))
        items[index] = broken
        changes: dict[str, Any] = {section: items}
        with pytest.raises(IntegrityError) as info:
            attrs.evolve(eco, **changes)
        assert [p.path for p in info.value.problems] == [expected]

    @given(ecosystems(), st.data())
    def test_any_duplicate_id_is_caught(self, eco: Ecosystem, data: st.DataObject) -> None:
        assume(len(eco) >= 1)
        existing = data.draw(st.sampled_from([e.id for e in eco]))
        clone = Actor(id=existing, kind=ActorKind.INDIVIDUAL, name="Clone")
        with pytest.raises(IntegrityError) as info:
            attrs.evolve(eco, actors=[*eco.actors, clone])
        duplicates = [p for p in info.value.problems if p.message.startswith("duplicate id")]
        assert len(duplicates) == 1
        clone_path = f"actors[{len(eco.actors)}].id"
        assert clone_path in (duplicates[0].path, duplicates[0].message.rsplit(" ", 1)[-1])


class TestQueries:
    """Helpers answer the layers' first questions."""

    def test_arrangements_of(self) -> None:
        lego = cases.load("lego")
        assert [a.id for a in lego.arrangements_of("lego-group")] == [
            "lego-classic",
            "lego-factory",
            "lego-world",
        ]

    def test_platform_steward(self) -> None:
        linux = cases.load("linux")
        assert linux.platform_steward("kernel-org") is ActorKind.FOUNDATION
