"""Documents: round-trips, located errors, hostile input."""

from __future__ import annotations

import contextlib
import copy
import json
from typing import TYPE_CHECKING, Any
from unittest import mock

import cattrs
import cattrs.gen
import pytest
from cattrs.errors import ClassValidationError
from hypothesis import given
from hypothesis import strategies as st

from peerprod import (
    Contribution,
    Ecosystem,
    InvalidDocument,
    InvalidValue,
    PeerprodError,
    Source,
    UnsupportedVersion,
    cases,
    serialization,
)
from peerprod._convert import Table
from peerprod._convert import problems as convert_problems
from peerprod.documents.converter import CONVERTER
from peerprod.errors import IntegrityError
from peerprod.strategies import ecosystems

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

MINIMAL: dict[str, Any] = {"format": 2, "id": "demo", "name": "Demo"}

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)

SECTION_KEYS = st.sampled_from(
    ["actors", "platforms", "commons", "coalitions", "funding", "partner_states", "arrangements"]
)


def problems(doc: Any) -> list[str]:
    with pytest.raises(InvalidDocument) as info:
        serialization.load(doc)
    return [str(p) for p in info.value.problems]


class TestRoundTrips:
    """dump then load gives back an equal value, through every format."""

    @given(ecosystems())
    def test_dict(self, eco: Ecosystem) -> None:
        assert serialization.load(serialization.dump(eco)) == eco

    @given(ecosystems())
    def test_json(self, eco: Ecosystem) -> None:
        assert serialization.loads_json(serialization.dumps_json(eco)) == eco

    @given(ecosystems())
    def test_toml(self, eco: Ecosystem) -> None:
        assert serialization.loads_toml(serialization.dumps_toml(eco)) == eco

    @given(ecosystems())
    def test_dumps_are_stable(self, eco: Ecosystem) -> None:
        again = serialization.load(serialization.dump(eco))
        assert serialization.dumps_json(again) == serialization.dumps_json(eco)
        assert serialization.dumps_toml(again) == serialization.dumps_toml(eco)

    @pytest.mark.parametrize("name", cases.names())
    def test_cases(self, name: str) -> None:
        eco = cases.load(name)
        assert serialization.loads_toml(serialization.dumps_toml(eco)) == eco

    def test_files(self, tmp_path: Path) -> None:
        eco = cases.load("linux")
        for suffix in (".json", ".toml", ".TOML"):
            path = tmp_path / f"linux{suffix}"
            serialization.write(eco, path)
            assert serialization.read(path) == eco

    def test_write_unknown_suffix(self, tmp_path: Path) -> None:
        with pytest.raises(ValueError, match=r"expected a \.json or \.toml file name"):
            serialization.write(cases.load("ikea"), tmp_path / "x.yaml")

    def test_read_unknown_suffix(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidDocument, match=r"expected a \.json or \.toml file"):
            serialization.read(tmp_path / "x.yaml")

    def test_read_reports_file(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.json"
        path.write_text('{"format": 1, "id": "x"}', encoding="utf-8")
        with pytest.raises(InvalidDocument) as info:
            serialization.read(path)
        assert str(info.value.problems[0]) == f"{path}: name: required field missing"


class TestLocatedErrors:
    """Every problem is reported, each with its path in the document."""

    def test_many_problems(self) -> None:
        doc = {
            **MINIMAL,
            "actors": [
                {"id": "c", "kind": "corp", "name": "C", "age": 3},
                "x",
                {"id": "b", "kind": "business", "name": 1},
                {"id": "d", "kind": "business", "name": " "},
            ],
            "platforms": [{"id": "p", "name": "P", "initiators": "c", "operator": "c"}],
            "coalitions": [
                {"id": "co", "name": "x", "body": "b", "members": [{"actor": "b", "weight": True}]}
            ],
        }
        assert problems(doc) == [
            "actors[0].kind: 'corp' is not one of 'community', 'foundation', 'business', "
            "'cooperative', 'public_authority', 'individual'",
            "actors[0]: unknown field 'age'",
            "actors[1]: expected a table, got str 'x'",
            "actors[2].name: expected a string, got int 1",
            "actors[3].name: must not be blank, got ' '",
            "platforms[0].initiators: expected a list, got str 'c'",
            "coalitions[0].members[0].weight: expected a number, got the boolean true",
        ]

    def test_integrity_problems_have_document_paths(self) -> None:
        doc = {
            **MINIMAL,
            "platforms": [{"id": "p", "name": "P", "initiators": ["c"], "operator": "zz"}],
        }
        assert problems(doc) == [
            "platforms[0].initiators[0]: 'c' is not the id of any actor",
            "platforms[0].operator: 'zz' is not the id of any actor",
        ]

    def test_fact_problems(self) -> None:
        doc = {
            **MINIMAL,
            "arrangements": [
                {
                    "id": "a",
                    "name": "A",
                    "contributions": ["nothing", "code"],
                    "community": "yes",
                    "design": ["shared"],
                    "monetization": [{"channel": "fees"}],
                    "parameters": {"maybe": ["shared"]},
                }
            ],
        }
        assert problems(doc) == [
            "arrangements[0].community: expected true, false or 'unknown', got str 'yes'",
            "arrangements[0].monetization[0].by: must be a Captor member, got None",
            "arrangements[0].parameters: a table is not one of 'organizer', 'shared', "
            "'participants'",
            "arrangements[0].design: a list of possibilities needs at least two values",
        ]

    def test_missing_fields(self) -> None:
        assert problems({"format": 2}) == [
            "id: required field missing",
            "name: required field missing",
        ]

    def test_root_field_validator(self) -> None:
        assert problems({**MINIMAL, "id": "not an id"}) == [
            "id: must be a non-empty identifier of letters, digits and '._:/-' (at most 128), "
            "got 'not an id'"
        ]

    def test_bad_decimal(self) -> None:
        doc = {
            **MINIMAL,
            "actors": [
                {"id": "a", "kind": "business", "name": "A"},
                {"id": "b", "kind": "community", "name": "B"},
            ],
            "funding": [
                {
                    "id": "f",
                    "source": "a",
                    "recipient": "b",
                    "channel": "grant",
                    "amount": "lots",
                    "currency": "EUR",
                },
                {
                    "id": "g",
                    "source": "a",
                    "recipient": "b",
                    "channel": "grant",
                    "amount": [],
                    "currency": "EUR",
                },
            ],
        }
        assert problems(doc) == [
            "funding[0].amount: expected a decimal number, got 'lots'",
            "funding[1].amount: expected a number or a decimal string, got a list",
        ]

    def test_license_string_needs_classifier_or_table(self) -> None:
        doc = {
            **MINIMAL,
            "commons": [{"id": "k", "name": "K", "resources": ["software"], "license": 7}],
        }
        (problem,) = problems(doc)
        assert problem.startswith(
            "commons[0].license: expected an SPDX expression or a license table"
        )

    def test_enum_needs_wire_value(self) -> None:
        doc = {**MINIMAL, "actors": [{"id": "a", "kind": "BUSINESS", "name": "A"}]}
        (problem,) = problems(doc)
        assert problem.startswith("actors[0].kind: 'BUSINESS' is not one of")
        doc = {**MINIMAL, "actors": [{"id": "a", "kind": None, "name": "A"}]}
        (problem,) = problems(doc)
        assert problem.startswith("actors[0].kind: null is not one of")

    def test_bool_field(self) -> None:
        doc = {
            **MINIMAL,
            "actors": [{"id": "a", "kind": "business", "name": "A"}],
            "platforms": [
                {"id": "p", "name": "P", "initiators": [], "operator": "a", "open_to_outsiders": 1}
            ],
        }
        assert problems(doc) == [
            "platforms[0].open_to_outsiders: expected true or false, got int 1"
        ]


class TestVersions:
    """The format number guards against documents this version cannot read."""

    def test_newer(self) -> None:
        with pytest.raises(UnsupportedVersion, match="format 3 was written by a newer peerprod"):
            serialization.load({**MINIMAL, "format": 3})

    @pytest.mark.parametrize("version", [0, -1, "1", 1.0, True, None])
    def test_bad(self, version: Any) -> None:
        doc = {**MINIMAL, "format": version}
        with pytest.raises(InvalidDocument) as info:
            serialization.load(doc)
        assert info.value.problems[0].path == "format"
        assert not isinstance(info.value, UnsupportedVersion)

    def test_missing(self) -> None:
        assert problems({"id": "x", "name": "X"}) == [
            "format: required field missing (this peerprod writes 2)"
        ]


class TestHostileInput:
    """Anything at all yields an Ecosystem or InvalidDocument, and input is untouched."""

    @given(JSON_VALUES)
    def test_any_json_value(self, value: Any) -> None:
        with contextlib.suppress(InvalidDocument):
            serialization.load(value)

    @given(st.dictionaries(SECTION_KEYS, JSON_VALUES, max_size=3), st.text(max_size=5))
    def test_any_sections(self, sections: dict[str, Any], name: str) -> None:
        doc = {**MINIMAL, "name": name, **sections}
        before = copy.deepcopy(doc)
        try:
            assert isinstance(serialization.load(doc), Ecosystem)
        except InvalidDocument as exc:
            assert exc.problems
        assert doc == before

    @given(ecosystems(), st.data())
    def test_mutated_valid_documents(self, eco: Ecosystem, data: st.DataObject) -> None:
        doc = serialization.dump(eco)
        key = data.draw(st.sampled_from(sorted(doc)))
        doc[key] = data.draw(JSON_VALUES)
        before = copy.deepcopy(doc)
        try:
            serialization.load(doc)
        except InvalidDocument as exc:
            assert exc.problems
        assert doc == before

    def test_load_does_not_mutate(self) -> None:
        doc = serialization.dump(cases.load("linux"))
        before = copy.deepcopy(doc)
        serialization.load(doc)
        assert doc == before

    def test_dump_gives_fresh_containers(self) -> None:
        # Dumps share work between equal values; what one caller changes in its
        # document must never show in the next.
        eco = cases.load("linux")
        first = serialization.dump(eco)
        expected = copy.deepcopy(first)
        for value in _containers(first):
            if isinstance(value, list):
                value.append("changed")
            else:
                value["changed"] = True
        assert serialization.dump(eco) == expected

    def test_deep_nesting(self) -> None:
        # Structuring follows the format and never looks inside a value nested
        # where the format has none, so there is no depth to measure in a dict.
        deep: Any = []
        for _ in range(10_000):
            deep = [deep]
        assert problems({**MINIMAL, "actors": deep}) == ["actors[0]: expected a table, got a list"]

    def test_deep_json(self) -> None:
        with pytest.raises(InvalidDocument, match="nested deeper than"):
            serialization.loads_json("[" * 100_000 + "]" * 100_000)

    def test_deep_toml(self) -> None:
        with pytest.raises(InvalidDocument, match="nested deeper than"):
            serialization.loads_toml("x = " + "[" * 100_000 + "]" * 100_000)

    def test_bad_json(self) -> None:
        with pytest.raises(InvalidDocument) as info:
            serialization.loads_json('{"format": 1,\n "id": }')
        assert info.value.problems[0].path == "line 2, column 8"

    def test_bad_json_bytes(self) -> None:
        with pytest.raises(InvalidDocument, match="invalid JSON"):
            serialization.loads_json(b"\xff\xfe\x00")

    def test_bad_toml(self) -> None:
        with pytest.raises(InvalidDocument) as info:
            serialization.loads_toml('format = 1\nid = "x\n')
        assert info.value.problems[0].path.startswith("line 2")

    @given(st.text(max_size=40))
    def test_any_text(self, text: str) -> None:
        for loader in (serialization.loads_json, serialization.loads_toml):
            with contextlib.suppress(PeerprodError):
                loader(text)

    def test_not_a_table(self) -> None:
        assert problems([]) == ["$: expected a table, got a list"]


class TestConverter:
    """The converter is built fresh and never coerces."""

    def test_fresh_each_time(self) -> None:
        assert serialization.make_converter() is not serialization.make_converter()

    def test_document_is_plain_data(self) -> None:
        doc = serialization.dump(cases.load("linux"))
        assert json.loads(json.dumps(doc)) == doc
        assert doc["format"] == serialization.FORMAT_VERSION
        assert next(iter(doc)) == "format"


def test_load_restores_the_garbage_collector() -> None:
    import gc

    assert gc.isenabled()
    serialization.load(serialization.dump(cases.load("lego")))
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(InvalidDocument):
            serialization.load({"format": 1})
        assert not gc.isenabled()
    finally:
        gc.enable()


def _containers(value: Any) -> list[Any]:
    """Every list and dict inside ``value``, innermost first."""
    found: list[Any] = []
    if isinstance(value, dict):
        for item in value.values():
            found += _containers(item)
        found.append(value)
    elif isinstance(value, list):
        for item in value:
            found += _containers(item)
        found.append(value)
    return found


class TestRememberedValues:
    """Values structured once and reused give the same answers as the first time."""

    @staticmethod
    def _arrangement(**facts: Any) -> dict[str, Any]:
        return {**MINIMAL, "arrangements": [{"id": "a", "name": "A", **facts}]}

    def test_repeated_sets_load_alike(self) -> None:
        facts = {
            "contributions": ["code", "data"],
            "monetization": [{"channel": "services", "by": "anyone"}],
        }
        first = serialization.load(self._arrangement(**facts)).arrangements[0]
        second = serialization.load(self._arrangement(**facts)).arrangements[0]
        assert first == second
        assert first.contributions == frozenset({Contribution.CODE, Contribution.DATA})

    @pytest.mark.parametrize(
        ("facts", "message"),
        [
            ({"contributions": ["code", "cod"]}, "arrangements[0].contributions[1]: 'cod'"),
            (
                {"monetization": [{"channel": "none", "by": "organizer"}]},
                "arrangements[0].monetization[0].by: must be left out",
            ),
            ({"contributions": ["code", 1]}, "arrangements[0].contributions[1]: int 1 is not one"),
            (
                {"monetization": [{"channel": "fees", "by": True}]},
                "arrangements[0].monetization[0].by: the boolean true is not one of",
            ),
        ],
    )
    def test_a_refused_set_is_refused_again(self, facts: dict[str, Any], message: str) -> None:
        for _ in range(2):
            found = problems(self._arrangement(**facts))
            assert any(problem.startswith(message) for problem in found), found

    @pytest.mark.parametrize(
        ("date", "message"),
        [
            ("2024-02-30", "is not a date of the calendar"),
            ("2024-02-30" * 1000, "must be a date such as"),
            ("2024-13", "is not a date of the calendar"),
        ],
    )
    def test_dates_are_checked_every_time(self, date: str, message: str) -> None:
        for _ in range(2):
            with pytest.raises(InvalidValue, match=message):
                Source(title="T", date=date)
        assert Source(title="T", date="2024-02-29").date == "2024-02-29"


def _detailed_only(cls: type, converter: cattrs.Converter) -> Table:
    # The tables as they were before the fast path: cattrs' detailed function alone.
    detailed: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure(value: Any, _type: Any) -> Any:
        return detailed(value, cls)

    return Table(fast=structure, known=frozenset(), structure=structure)


with (
    mock.patch("peerprod.documents.converter.table", _detailed_only),
    mock.patch("peerprod.documents.facts.table", _detailed_only),
):
    DETAILED_ONLY = serialization.make_converter()


def _places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) inside a document, the root's fields included."""
    found: list[tuple[Any, Any]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        found.append((value, key))
        if isinstance(item, dict | list):
            found += _places(item)
    return found


def _outcome(converter: cattrs.Converter, doc: dict[str, Any]) -> Any:
    body = {key: value for key, value in doc.items() if key != "format"}
    try:
        return converter.structure(body, Ecosystem)
    except (ClassValidationError, IntegrityError, InvalidValue) as exc:
        return [str(problem) for problem in convert_problems(exc, "$")]
    except Exception as exc:
        return (type(exc).__name__, str(exc))


class TestFastPath:
    """A valid table takes cattrs' fast function; every outcome is the detailed one's."""

    @given(ecosystems(), st.data())
    def test_same_outcome_as_detailed_structuring(
        self, eco: Ecosystem, data: st.DataObject
    ) -> None:
        doc = serialization.dump(eco)
        for _ in range(data.draw(st.integers(0, 3))):
            container, key = data.draw(st.sampled_from(_places(doc)))
            if isinstance(container, dict) and data.draw(st.booleans()):
                container[data.draw(st.text(max_size=6))] = data.draw(JSON_VALUES)
            else:
                container[key] = data.draw(JSON_VALUES)
        assert _outcome(CONVERTER, doc) == _outcome(DETAILED_ONLY, doc)

    def test_every_problem_of_an_entity_is_named(self) -> None:
        doc = {
            **MINIMAL,
            "actors": [
                {"id": "a", "kind": "business", "name": "A"},
                {"id": "-b", "kind": "corp", "name": " ", "extra": 1},
            ],
        }
        assert problems(doc) == [
            "actors[1].kind: 'corp' is not one of 'community', 'foundation', 'business', "
            "'cooperative', 'public_authority', 'individual'",
            "actors[1]: unknown field 'extra'",
        ]
