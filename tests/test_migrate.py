"""Format 1 documents migrate to format 2 without losing what they said."""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest

from peerprod import (
    UNKNOWN,
    Captor,
    Channel,
    Contribution,
    Control,
    InvalidDocument,
    LicenseKind,
    OneOf,
    documents,
)
from peerprod.documents.migrate import Relation, ValueCapture, migrate

FORMAT_1 = {
    "format": 1,
    "id": "demo",
    "name": "Demo",
    "sources": ["An old citation"],
    "actors": [{"id": "c", "kind": "community", "name": "C"}],
}


def arrangement_1(**values: str) -> dict[str, Any]:
    base = {
        "id": "a",
        "name": "A",
        "participants": "c",
        "contribution": "creative_work",
        "parameters": "organizer",
        "design": "participants",
        "relation": "connected",
        "platform_control": "organizer",
        "value_chain_control": "organizer",
        "output_regime": "corporate",
        "value_capture": "organizer",
    }
    base.update(values)
    return base


def back_to_format_1(a: Any) -> dict[str, str]:
    """The format 1 values a migrated arrangement stands for (the test of losslessness)."""
    [contribution] = a.contributions
    relation = {
        (False, True): "competing",
        (False, False): "independent",
        (True, False): "connected",
    }[(a.community, a.competition)]
    money = a.monetization
    if isinstance(money, OneOf):
        capture = "organizer"
    elif {m.by for m in money} == {Captor.ORGANIZER, Captor.PARTICIPANTS}:
        capture = "revenue_share"
    elif {m.by for m in money} == {Captor.ANYONE}:
        capture = "open_market"
    elif {m.by for m in money} == {Captor.PARTICIPANT_VEHICLES}:
        capture = "participant_vehicles"
    else:
        assert {m.channel for m in money} == {Channel.NONE}
        capture = "non_monetary"
    assert a.joint_design is (a.design is Control.SHARED)
    return {
        "contribution": contribution.value,
        "relation": relation,
        "value_capture": capture,
        "design": a.design.value,
    }


class TestLossless:
    """Every format 1 value maps to facts that say the same."""

    @pytest.mark.parametrize(
        ("contribution", "relation", "capture", "design"),
        list(
            itertools.product(
                ["nothing", "service_step", "assembly", "creative_work"],
                [r.value for r in Relation],
                [c.value for c in ValueCapture],
                ["organizer", "shared", "participants"],
            )
        ),
    )
    def test_every_combination(
        self, contribution: str, relation: str, capture: str, design: str
    ) -> None:
        old = {
            **FORMAT_1,
            "arrangements": [
                arrangement_1(
                    contribution=contribution, relation=relation, value_capture=capture,
                    design=design,
                )
            ],
        }  # fmt: skip
        eco = documents.load(old)
        [a] = eco.arrangements
        assert back_to_format_1(a) == {
            "contribution": contribution,
            "relation": relation,
            "value_capture": capture,
            "design": design,
        }
        assert a.parameters is Control.ORGANIZER
        assert a.output_regime is LicenseKind.CORPORATE

    def test_other_fields_and_sources_are_kept(self) -> None:
        eco = documents.load({**FORMAT_1, "arrangements": [arrangement_1()]})
        assert eco.sources[0].title == "An old citation"
        assert eco.arrangements[0].participants == "c"
        assert eco.arrangements[0].contributions == frozenset({Contribution.CREATIVE_WORK})

    def test_written_back_in_format_2(self) -> None:
        eco = documents.load({**FORMAT_1, "arrangements": [arrangement_1()]})
        written = documents.dump(eco)
        assert written["format"] == 2
        assert documents.load(written) == eco
        assert "relation" not in written["arrangements"][0]

    def test_input_is_not_changed(self) -> None:
        old = {**FORMAT_1, "arrangements": [arrangement_1()]}
        before = copy.deepcopy(old)
        migrate(old)
        documents.load(old)
        assert old == before

    def test_current_documents_pass_through(self) -> None:
        current = documents.dump(documents.load({**FORMAT_1, "arrangements": [arrangement_1()]}))
        assert migrate(current) == current


class TestWhatCannotMigrate:
    """Values a migration must read are named with their path, every one."""

    def test_unknown_values(self) -> None:
        old = {
            **FORMAT_1,
            "arrangements": [
                arrangement_1(relation="friends"),
                arrangement_1(id="b", value_capture=3),  # type: ignore[arg-type]
            ],
        }
        with pytest.raises(InvalidDocument, match="cannot migrate") as info:
            documents.load(old)
        assert [p.path for p in info.value.problems] == [
            "arrangements[0].relation",
            "arrangements[1].value_capture",
        ]

    def test_missing_values(self) -> None:
        incomplete = arrangement_1()
        del incomplete["relation"]
        with pytest.raises(InvalidDocument) as info:
            documents.load({**FORMAT_1, "arrangements": [incomplete]})
        assert str(info.value.problems[0]) == "arrangements[0].relation: required field missing"

    def test_a_non_table_arrangement_is_left_for_the_reader(self) -> None:
        with pytest.raises(InvalidDocument, match="expected a table"):
            documents.load({**FORMAT_1, "arrangements": ["a"]})


def test_unknown_facts_stay_unknown_in_format_2() -> None:
    doc = {"format": 2, "id": "x", "name": "X", "arrangements": [{"id": "a", "name": "A"}]}
    [a] = documents.load(doc).arrangements
    assert a.facts() == (UNKNOWN,) * len(a.facts())
    assert documents.dump(documents.load(doc)) == doc
