"""Documents under hostile input: every loader keeps its promise (issue 11).

Each loader (load, loads_json, loads_toml, read) returns an Ecosystem or raises a
PeerprodError naming every problem with its path, and refuses what is over its
limits before doing the work the limit protects.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import pytest

from peerprod import InvalidDocument, InvalidValue, Membership, Source, cases, documents
from peerprod.documents import DEFAULT_LIMITS, Limits
from peerprod.documents._scan import json_depth_problem, toml_problem
from peerprod.errors import DocumentTooLarge

if TYPE_CHECKING:
    from pathlib import Path

MINIMAL: dict[str, Any] = {"format": 1, "id": "demo", "name": "Demo"}
COALITION: dict[str, Any] = {
    **MINIMAL,
    "actors": [{"id": "a", "kind": "business", "name": "A"}],
    "coalitions": [
        {"id": "c", "name": "C", "body": "Board", "members": [{"actor": "a", "weight": 1}]}
    ],
}


def messages(error: InvalidDocument) -> list[str]:
    return [str(p) for p in error.problems]


def with_weight(weight: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps(COALITION))
    doc["coalitions"][0]["members"][0]["weight"] = weight
    return doc


class TestReproducers:
    """The inputs of issue 11 that concern documents: each a clean error now."""

    def test_long_integer_in_json(self) -> None:
        text = '{"format":1,"id":"x","name":"y","description":' + "1" * 5000 + "}"
        with pytest.raises(DocumentTooLarge) as info:
            documents.loads_json(text)
        assert info.value.limit == "max_digits"
        assert messages(info.value) == [
            "line 1, column 47: a number of 5000 digits is longer than the limit of "
            "100 digits (Limits.max_digits)"
        ]

    def test_long_integer_in_toml(self) -> None:
        text = 'format = 1\nid = "x"\nname = "y"\ndescription = ' + "1" * 5000 + "\n"
        with pytest.raises(DocumentTooLarge) as info:
            documents.loads_toml(text)
        assert messages(info.value) == [
            "line 4, column 15: a number of 5000 digits is longer than the limit of "
            "100 digits (Limits.max_digits)"
        ]

    def test_weight_too_large_for_a_float(self) -> None:
        weight = 10**400
        with pytest.raises(InvalidDocument) as info:
            documents.load(with_weight(weight))
        assert messages(info.value) == [
            "coalitions[0].members[0].weight: a number of 401 digits is longer than the "
            "limit of 100 digits (Limits.max_digits)"
        ]
        # Within a larger digit limit the validator refuses it, as it does infinity.
        with pytest.raises(InvalidDocument) as info:
            documents.load(with_weight(weight), limits=Limits(max_digits=1000))
        (message,) = messages(info.value)
        assert message.startswith(
            "coalitions[0].members[0].weight: must be finite and not negative, got <an integer"
        )
        with pytest.raises(InvalidValue, match="must be finite and not negative"):
            Membership(actor="a", weight=weight)

    def test_weight_too_large_in_json_text(self) -> None:
        text = json.dumps(COALITION).replace('"weight": 1', '"weight": 1' + "0" * 400)
        with pytest.raises(DocumentTooLarge, match="a number of 401 digits"):
            documents.loads_json(text)

    @pytest.mark.parametrize("suffix", [".json", ".toml"])
    def test_file_not_utf8(self, tmp_path: Path, suffix: str) -> None:
        path = tmp_path / f"latin1{suffix}"
        text = (
            '{"format": 1, "id": "x",\n "name": "Caf\xe9"}'
            if suffix == ".json"
            else 'format = 1\nid = "x"\nname = "Caf\xe9"\n'
        )
        path.write_bytes(text.encode("latin-1"))
        with pytest.raises(InvalidDocument) as info:
            documents.read(path)
        (problem,) = messages(info.value)
        line = "line 2, column 14" if suffix == ".json" else "line 3, column 12"
        assert problem == f"{path}: {line}: not UTF-8: invalid continuation byte (byte e9)"

    def test_lone_surrogate_in_a_dict(self) -> None:
        with pytest.raises(InvalidDocument) as info:
            documents.load({**MINIMAL, "name": "Demo \ud800", "sources": ["\udfff"]})
        assert messages(info.value) == [
            "name: '\\ud800' at character 5 is not valid Unicode (a lone surrogate); "
            "text must be valid Unicode",
            "sources[0]: '\\udfff' at character 0 is not valid Unicode (a lone surrogate); "
            "text must be valid Unicode",
        ]

    def test_lone_surrogate_escaped_in_json(self) -> None:
        with pytest.raises(InvalidDocument) as info:
            documents.loads_json('{"format": 1, "id": "x", "name": "\\ud800"}')
        (problem,) = messages(info.value)
        assert problem.startswith("name: '\\ud800' at character 0 is not valid Unicode")

    @pytest.mark.parametrize("loader", [documents.loads_json, documents.loads_toml])
    def test_lone_surrogate_in_text(self, loader: Any) -> None:
        with pytest.raises(InvalidDocument) as info:
            loader('format = 1\nid = "x"\nname = "\ud800"\n')
        assert messages(info.value) == [
            "line 3, column 9: '\\ud800' is not valid Unicode (a lone surrogate); "
            "text must be valid Unicode"
        ]

    def test_escaped_surrogate_in_toml(self) -> None:
        with pytest.raises(InvalidDocument, match="invalid TOML"):
            documents.loads_toml('format = 1\nid = "x"\nname = "\\uD800"\n')

    def test_license_with_a_lone_surrogate(self) -> None:
        doc = {
            **MINIMAL,
            "commons": [{"id": "k", "name": "K", "resources": ["software"], "license": "\ud800"}],
        }
        with pytest.raises(InvalidDocument) as info:
            documents.load(doc)
        (problem,) = messages(info.value)
        assert problem.startswith("commons[0].license: '\\ud800' at character 0 is not valid")

    def test_toml_dotted_keys(self) -> None:
        # 40 kB of one dotted key took 5.8 s and 1.5 GB before the nesting check.
        text = "a." * 20_000 + "a = 1\n"
        with pytest.raises(DocumentTooLarge) as info:
            documents.loads_toml(text)
        assert info.value.limit == "max_depth"
        assert messages(info.value) == [
            "line 1, column 1: a dotted key of more than 32 parts nests deeper than the "
            "limit (Limits.max_depth)"
        ]

    def test_toml_dotted_table_header(self) -> None:
        text = 'format = 1\n["a" . b.' + "c." * 40 + "d]\nx = 1\n"
        with pytest.raises(DocumentTooLarge, match="line 2, column 2: a dotted key"):
            documents.loads_toml(text)

    def test_size_limit(self) -> None:
        text = json.dumps({**MINIMAL, "description": "x" * 2000})
        with pytest.raises(DocumentTooLarge) as info:
            documents.loads_json(text, limits=Limits(max_bytes=1000))
        assert info.value.limit == "max_bytes"
        assert messages(info.value) == [
            f"$: {len(text)} bytes exceed the limit of 1000 bytes (Limits.max_bytes)"
        ]
        with pytest.raises(DocumentTooLarge):
            documents.loads_toml(text.encode(), limits=Limits(max_bytes=1000))
        # Non-ASCII text is measured in bytes of UTF-8.
        accents = json.dumps({**MINIMAL, "description": "é" * 600}, ensure_ascii=False)
        assert len(accents) < 1000 < len(accents.encode())
        with pytest.raises(DocumentTooLarge, match="bytes exceed the limit"):
            documents.loads_json(accents, limits=Limits(max_bytes=1000))

    def test_read_checks_size_before_reading(self, tmp_path: Path) -> None:
        path = tmp_path / "huge.json"
        with path.open("wb") as file:
            file.truncate(DEFAULT_LIMITS.max_bytes + 1)  # sparse: nothing to read
        with pytest.raises(DocumentTooLarge) as info:
            documents.read(path)
        assert messages(info.value) == [
            f"{path}: $: {DEFAULT_LIMITS.max_bytes + 1} bytes exceed the limit of "
            f"{DEFAULT_LIMITS.max_bytes} bytes (Limits.max_bytes)"
        ]

    @pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
    def test_read_never_reads_past_the_limit(self, tmp_path: Path) -> None:
        # A device reports no size and never ends.
        path = tmp_path / "endless.json"
        path.symlink_to("/dev/zero")
        with pytest.raises(DocumentTooLarge, match="more than 1000 bytes exceed the limit"):
            documents.read(path, limits=Limits(max_bytes=1000))

    def test_entity_limit(self) -> None:
        doc = {
            **MINIMAL,
            "actors": [{"id": f"a{i}", "kind": "business", "name": "A"} for i in range(3)],
        }
        with pytest.raises(DocumentTooLarge) as info:
            documents.load(doc, limits=Limits(max_entities=2))
        assert info.value.limit == "max_entities"
        assert messages(info.value) == ["$: 3 entities exceed the limit of 2 (Limits.max_entities)"]
        assert len(documents.load(doc, limits=Limits(max_entities=3)).actors) == 3

    def test_digit_limit_for_amounts(self) -> None:
        doc = documents.dump(cases.load("linux"))
        stream = next(s for s in doc["funding"] if "amount" in s)
        for amount, digits in (("1e400", 401), ("1E-400", 401), ("1" * 101, 101)):
            stream["amount"] = amount
            with pytest.raises(InvalidDocument) as info:
                documents.load(doc)
            (problem,) = messages(info.value)
            assert problem.endswith(
                f"amount: a number of {digits} digits is longer than the limit of 100 digits "
                "(Limits.max_digits)"
            )
        stream["amount"] = "1" * 101
        assert documents.load(doc, limits=Limits(max_digits=101))
        stream["amount"] = 10**101
        with pytest.raises(InvalidDocument, match="amount: a number of 102 digits"):
            documents.load(doc)
        stream["amount"] = 12
        assert documents.load(doc)

    def test_long_license_expression(self) -> None:
        expression = " OR ".join(["MIT"] * 60)
        doc = {
            **MINIMAL,
            "commons": [{"id": "k", "name": "K", "resources": ["software"], "license": expression}],
        }
        assert documents.load(doc).commons[0].license.kind.value == "commons"

    def test_format_number_too_long(self) -> None:
        with pytest.raises(InvalidDocument) as info:
            documents.load({**MINIMAL, "format": 10**5000})
        assert messages(info.value) == [
            "format: expected a positive whole number, got an integer of 5001 digits"
        ]

    def test_limits_are_checked(self) -> None:
        with pytest.raises(InvalidValue, match="max_depth: must be a whole number"):
            Limits(max_depth=0)
        with pytest.raises(InvalidValue, match="max_bytes"):
            Limits(max_bytes=True)


class TestNesting:
    """Text nested deeper than the limit is refused before parsing, and only such text."""

    @pytest.mark.parametrize("depth", [1, 5, 32])
    def test_json_within_the_limit(self, depth: int) -> None:
        assert json_depth_problem(("[" * depth + "]" * depth).encode(), 32) is None
        assert json_depth_problem(('{"a":' * depth + "1" + "}" * depth).encode(), 32) is None

    @pytest.mark.parametrize("depth", [33, 100_000])
    def test_json_over_the_limit(self, depth: int) -> None:
        with pytest.raises(DocumentTooLarge, match=r"\$: nested deeper than 32 levels"):
            documents.loads_json("[" * depth + "]" * depth)

    def test_json_unclosed(self) -> None:
        with pytest.raises(DocumentTooLarge):
            documents.loads_json("[" * 100_000)

    def test_brackets_in_strings_do_not_count(self) -> None:
        text = json.dumps({**MINIMAL, "description": "[" * 100 + '\\"{' * 50})
        assert documents.loads_json(text).description.startswith("[[[")

    def test_own_limit(self) -> None:
        text = json.dumps({**MINIMAL, "sources": ["a"]})
        loaded = documents.loads_json(text, limits=Limits(max_depth=2))
        assert loaded.sources == (Source(title="a"),)
        with pytest.raises(DocumentTooLarge, match="nested deeper than 1 levels"):
            documents.loads_json(text, limits=Limits(max_depth=1))

    def test_toml_arrays(self) -> None:
        with pytest.raises(DocumentTooLarge, match="nested deeper than 32 levels"):
            documents.loads_toml("x = " + "[" * 33 + "]" * 33)
        assert toml_problem("x = " + "[" * 32 + "]" * 32, DEFAULT_LIMITS) is None

    def test_toml_strings_and_comments_do_not_count(self) -> None:
        text = (
            'format = 1\nid = "x"\nname = "' + "a." * 50 + '"\n'
            "description = '''\n" + "[" * 50 + "\n'''\n# " + "b." * 50 + "\n"
        )
        assert documents.loads_toml(text).name == "a." * 50

    def test_deep_dict(self) -> None:
        # A dict is never walked: structuring stops where the format has no nesting.
        deep: Any = {}
        for _ in range(100_000):
            deep = {"x": deep}
        with pytest.raises(InvalidDocument) as info:
            documents.load({**MINIMAL, "actors": [deep]})
        assert messages(info.value) == [
            "actors[0].id: required field missing",
            "actors[0].kind: required field missing",
            "actors[0].name: required field missing",
            "actors[0]: unknown field 'x'",
        ]


class TestMessages:
    """A problem describes any value briefly, whatever its size or depth."""

    def test_long_text_is_cut(self) -> None:
        with pytest.raises(InvalidDocument) as info:
            documents.load({**MINIMAL, "id": "x" * 100_000})
        (problem,) = messages(info.value)
        assert problem.endswith("... (100000 characters)")
        assert len(problem) < 500

    def test_deep_tuple(self) -> None:
        deep: Any = ()
        for _ in range(100_000):
            deep = (deep,)
        with pytest.raises(InvalidDocument) as info:
            documents.load({**MINIMAL, "name": deep})
        assert messages(info.value) == ["name: expected a string, got tuple <tuple>"]

    def test_value_whose_repr_fails(self) -> None:
        class Evil:
            def __repr__(self) -> str:
                raise RuntimeError

        with pytest.raises(InvalidDocument) as info:
            documents.load({**MINIMAL, "name": Evil()})
        assert messages(info.value) == ["name: expected a string, got Evil <Evil>"]

    def test_huge_integer_where_text_belongs(self) -> None:
        with pytest.raises(InvalidDocument) as info:
            documents.load({**MINIMAL, "name": -(10**5000)})
        assert messages(info.value) == [
            "name: expected a string, got a negative integer of 5001 digits"
        ]
