"""The seams for what comes next: more hooks on the converter, migrations of raw data."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import cattrs
import pytest

from peerprod import (
    Actor,
    ActorKind,
    Ecosystem,
    InvalidDocument,
    Resource,
    UnsupportedVersion,
    documents,
)
from peerprod.documents import io
from peerprod.errors import Problem

MINIMAL: dict[str, Any] = {"format": 1, "id": "demo", "name": "Demo"}


def dates(converter: cattrs.Converter) -> None:
    converter.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
    converter.register_unstructure_hook(date, date.isoformat)


class TestRegistrars:
    """make_converter runs the built-in registrars, then the caller's, whose hooks win."""

    def test_new_type(self) -> None:
        converter = documents.make_converter(dates)
        assert converter.structure("2008-06-01", date) == date(2008, 6, 1)
        assert converter.unstructure(date(2008, 6, 1)) == "2008-06-01"
        assert converter.structure(["x"], tuple[str, ...]) == ("x",)

    def test_later_hooks_win_inside_sections(self) -> None:
        def upper_names(converter: cattrs.Converter) -> None:
            def actor(value: dict[str, Any], _: object) -> Actor:
                return Actor(id=value["id"], kind=ActorKind(value["kind"]), name="NAMED")

            converter.register_structure_hook(Actor, actor)

        converter = documents.make_converter(upper_names)
        body = {k: v for k, v in MINIMAL.items() if k != "format"}
        body["actors"] = [{"id": "a", "kind": "business", "name": "A"}]
        eco = converter.structure(body, Ecosystem)
        assert eco.actors[0].name == "NAMED"

    def test_builtin_registrars(self) -> None:
        assert len(documents.REGISTRARS) == 5
        converter = cattrs.Converter()
        for register in documents.REGISTRARS:
            register(converter)
        assert converter.structure(["software"], frozenset[Resource]) == {Resource.SOFTWARE}


class TestMigrations:
    """load() brings an older format's raw data up to date before structuring it."""

    @pytest.fixture
    def format_2(self, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []

        def rename(body: dict[str, Any]) -> dict[str, Any]:
            seen.append(body)
            if "title" not in body:
                raise InvalidDocument(
                    "cannot migrate", [Problem(path="title", message="required in format 1")]
                )
            body["name"] = body.pop("title")
            return body

        monkeypatch.setattr(io, "FORMAT_VERSION", 2)
        monkeypatch.setattr(io, "MIGRATIONS", {1: rename})
        return seen

    def test_step_runs_on_raw_data(self, format_2: list[dict[str, Any]]) -> None:
        old = {"format": 1, "id": "demo", "title": "Old", "sources": ["a"]}
        before = copy.deepcopy(old)
        eco = documents.load(old)
        assert eco.name == "Old"
        assert old == before
        assert format_2 == [{"id": "demo", "name": "Old", "sources": ["a"]}]
        assert documents.load({**MINIMAL, "format": 2}).name == "Demo"

    def test_step_reports_problems(self, format_2: list[dict[str, Any]]) -> None:
        with pytest.raises(InvalidDocument, match="title: required in format 1"):
            documents.load({"format": 1, "id": "demo"})
        assert len(format_2) == 1

    def test_format_without_a_step(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(io, "MIGRATIONS", {})
        with pytest.raises(UnsupportedVersion, match="format 1 is no longer read"):
            documents.load(MINIMAL)

    def test_format_1_is_migrated_today(self) -> None:
        assert set(documents.MIGRATIONS) == {1}
        assert documents.FORMAT_VERSION == 2
        assert documents.load(MINIMAL).name == "Demo"
