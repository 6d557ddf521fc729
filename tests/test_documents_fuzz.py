"""Fuzzing the document loaders in the normal run: small, seeded, every loader.

Hypothesis throws arbitrary bytes, text and plain data at the loaders, and the
fuzz suite's own targets (tests/fuzz/targets_documents.py) run a few seeded
inputs each, so a broken target fails here before ``nox -s fuzz`` runs it.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import random
from typing import Any

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from peerprod import Ecosystem, PeerprodError, documents
from peerprod.documents import Limits
from peerprod.documents._scan import json_depth_problem, toml_problem

# Imported by name, as the fuzz harness does: mypy checks tests/fuzz as its own package.
TARGETS: list[tuple[str, Any, Any]] = importlib.import_module(
    "tests.fuzz.targets_documents"
).TARGETS

SMALL = Limits(max_bytes=4096, max_entities=20, max_depth=6, max_digits=20)

PLAIN = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=12,
)


def loads_or_refuses(loader: Any, value: Any, **kwargs: Any) -> None:
    """The promise: an Ecosystem, or a PeerprodError with at least one located problem."""
    try:
        assert isinstance(loader(value, **kwargs), Ecosystem)
    except PeerprodError as exc:
        assert getattr(exc, "problems", True)


class TestAnyInput:
    """Whatever the input, a loader returns an Ecosystem or raises a PeerprodError."""

    @seed(1101)
    @given(st.binary(max_size=200))
    def test_json_bytes(self, data: bytes) -> None:
        loads_or_refuses(documents.loads_json, data)
        loads_or_refuses(documents.loads_json, data, limits=SMALL)

    @seed(1102)
    @given(st.binary(max_size=200))
    def test_toml_bytes(self, data: bytes) -> None:
        loads_or_refuses(documents.loads_toml, data)

    @seed(1103)
    @given(
        st.text(
            st.characters(exclude_categories=[]) | st.sampled_from('\ud800{["=.#\\'),
            max_size=60,
        )
    )
    def test_text_with_any_code_point(self, text: str) -> None:
        # Surrogates included: they must be refused at the door, never crash.
        for loader in (documents.loads_json, documents.loads_toml):
            loads_or_refuses(loader, text)

    @seed(1104)
    @given(
        st.dictionaries(
            st.sampled_from(["format", "id", "name", "actors", "coalitions", "funding"]),
            PLAIN,
        )
    )
    def test_plain_data(self, doc: dict[str, Any]) -> None:
        loads_or_refuses(documents.load, doc)
        loads_or_refuses(documents.load, doc, limits=SMALL)


class TestScansAgreeWithTheParsers:
    """The nesting scan counts exactly what the parser would nest."""

    @staticmethod
    def depth(value: Any) -> int:
        if isinstance(value, dict):
            return 1 + max(map(TestScansAgreeWithTheParsers.depth, value.values()), default=0)
        if isinstance(value, list):
            return 1 + max(map(TestScansAgreeWithTheParsers.depth, value), default=0)
        return 0

    @seed(1105)
    @settings(max_examples=200)
    @given(PLAIN, st.integers(min_value=1, max_value=6))
    def test_json_depth(self, value: Any, limit: int) -> None:
        text = json.dumps(value).encode()
        assert (json_depth_problem(text, limit) is None) == (self.depth(value) <= limit)

    @seed(1106)
    @given(st.lists(st.from_regex(r"[a-z]{1,3}", fullmatch=True), min_size=1, max_size=40))
    def test_toml_dotted_keys(self, parts: list[str]) -> None:
        text = ".".join(parts) + " = 1\n"
        problem = toml_problem(text, Limits(max_depth=8))
        assert (problem is None) == (len(parts) <= 8)


@pytest.mark.parametrize(("name", "make", "call"), TARGETS, ids=[t[0] for t in TARGETS])
def test_fuzz_targets_seeded(name: str, make: Any, call: Any) -> None:
    rng = random.Random(f"ci:{name}")
    for _ in range(40):
        made = make(rng)
        with contextlib.suppress(PeerprodError):
            call(made)
    again = random.Random(f"ci:{name}")
    # The same seed makes the same inputs.
    assert repr(make(again))[:1000] == repr(make(random.Random(f"ci:{name}")))[:1000]
