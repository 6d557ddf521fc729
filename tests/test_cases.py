"""The built-in cases load, round-trip and describe the essay's examples."""

from __future__ import annotations

import pickle
from importlib import resources

import pytest

from peerprod import ActorKind, Contribution, cases
from peerprod.cases import UnknownCase
from peerprod.documents.io import loads_toml

ESSAY_CASES = ["cash-machine", "eclipse", "ikea", "lego", "linux", "os-alliance"]


def test_names_sorted() -> None:
    assert list(cases.names()) == sorted(cases.names())
    assert set(ESSAY_CASES) <= set(cases.names())


@pytest.mark.parametrize("name", cases.names())
def test_every_case_loads(name: str) -> None:
    eco = cases.load(name)
    assert eco.id
    assert eco.sources, "every case cites where its facts come from"
    assert eco.description.strip()


def test_load_all() -> None:
    assert list(cases.load_all()) == list(cases.names())


def test_unknown_case() -> None:
    with pytest.raises(
        UnknownCase, match="no built-in case named 'lgo'; known cases: cash-machine"
    ):
        cases.load("lgo")
    with pytest.raises(LookupError):
        cases.text("lgo")


def test_lego_runs_four_arrangements() -> None:
    lego = cases.load("lego")
    contributions = {a.id: a.contributions for a in lego.arrangements}
    assert contributions["lego-classic"] == frozenset({Contribution.NOTHING})
    assert len(lego.arrangements) == 4
    # Lugnet is outside the company's control: it has no corporate organizer.
    lugnet = next(a for a in lego.arrangements if a.id == "lugnet")
    assert lugnet.organizer is None


def test_linux_has_the_triad() -> None:
    kinds = {a.kind for a in cases.load("linux").actors}
    assert {ActorKind.COMMUNITY, ActorKind.FOUNDATION, ActorKind.BUSINESS} <= kinds


@pytest.mark.parametrize("name", cases.names())
def test_cases_are_written_in_the_current_format(name: str) -> None:
    assert "format = 2" in cases.text(name)


def test_text_is_toml() -> None:
    assert cases.text("ikea").startswith("# Do-it-yourself")


class TestBundle:
    """The built-in cases ship built; a stale bundle costs speed, never correctness."""

    def test_the_bundle_is_fresh(self) -> None:
        shape, built = pickle.loads(
            resources.files("peerprod.cases").joinpath("_bundle.pickle").read_bytes()
        )
        assert shape == cases.fingerprint(), "run python scripts/bundle_cases.py"
        assert sorted(built) == list(cases.names()), "run python scripts/bundle_cases.py"
        for name in cases.names():
            digest, ecosystem = built[name]
            assert digest == cases.digest(cases.text(name)), name
            assert ecosystem == loads_toml(cases.text(name)), name

    def test_an_edited_source_is_parsed(self, monkeypatch: pytest.MonkeyPatch) -> None:
        edited = cases.text("ikea").replace('name = "Flat-pack furniture"', 'name = "Edited"')
        assert edited != cases.text("ikea")
        monkeypatch.setattr(cases, "text", lambda _name: edited)
        cases.load.cache_clear()
        try:
            assert cases.load("ikea").name == "Edited"
        finally:
            cases.load.cache_clear()

    def test_a_bundle_for_another_model_is_ignored(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(cases, "fingerprint", lambda: "another model")
        cases._bundle.cache_clear()
        try:
            assert cases._bundle() == {}
            cases.load.cache_clear()
            assert cases.load("ikea") == loads_toml(cases.text("ikea"))
        finally:
            cases._bundle.cache_clear()
            cases.load.cache_clear()
