"""Fuzz targets for the document loaders: load, loads_json, loads_toml and read.

Each input is made the way an attacker would: a built-in case's document,
mutated (values swapped for other types, huge numbers, odd and invalid
Unicode, deep nesting, unknown keys, duplicated entities), then written as
JSON or TOML and mutated again as text or bytes (flipped bytes, bracket and
dotted-key bombs, long digit runs, other encodings, truncation). A loader may
return an Ecosystem or raise a PeerprodError; anything else is a finding.

``make_input`` draws only from the ``random.Random`` it is given, so a seed
replays a run.
"""

from __future__ import annotations

import atexit
import copy
import functools
import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from peerprod import cases, documents

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

__all__ = ["TARGETS"]

ODD_TEXT = (
    "\ud800",  # lone high surrogate
    "\udfff",  # lone low surrogate
    "\x00",
    "\u202e",  # right-to-left override
    "\ufeff",  # byte-order mark
    "\x1b[31m",  # an ANSI escape
    "e\u0301" * 50,  # combining accents
    "\U0001f600",
    "\uffff",
    "\r\n",
)


@functools.cache
def _bases() -> tuple[dict[str, Any], ...]:
    return tuple(documents.dump(cases.load(name)) for name in cases.names())


def _deep(rng: random.Random, depth: int) -> Any:
    value: Any = rng.choice([1, "x", None, []])
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def _text(rng: random.Random) -> str:
    pieces = [
        rng.choice(ODD_TEXT) if rng.random() < 0.3 else "ok" for _ in range(rng.randint(1, 6))
    ]
    text = "".join(pieces)
    if rng.random() < 0.05:
        text *= rng.randint(1000, 50_000)
    return text


def _hostile_value(rng: random.Random, doc: dict[str, Any]) -> Any:
    choice = rng.randrange(14)
    if choice == 0:
        return 10 ** rng.randint(15, 6000) * rng.choice([1, -1])
    if choice == 1:
        return rng.choice([float("inf"), float("-inf"), float("nan"), -0.0, 1e308, 5e-324])
    if choice == 2:
        return _text(rng)
    if choice == 3:
        return _deep(rng, rng.choice([3, 40, 300]))
    if choice == 4:
        return rng.choice([[], {}, None, True, False, 0, 1, -1, ""])
    if choice == 5:
        return rng.choice(["1e400", "1E-400", "NaN", "-Infinity", "1" * 150, "0x10", "1_000"])
    if choice == 6:
        # Another value of the same document, of whatever type it has.
        return copy.deepcopy(rng.choice(list(doc.values())))
    if choice == 7:
        return [_hostile_value(rng, doc) for _ in range(rng.randint(0, 4))]
    if choice == 8:
        return {_text(rng)[:20]: _hostile_value(rng, doc) for _ in range(rng.randint(0, 3))}
    if choice == 9:
        return rng.choice(["community", "business", "GPL-2.0-only", "MIT OR (", "weight"])
    if choice == 10:
        return "a" * rng.randint(100, 300)
    if choice == 11:
        return rng.randint(-(2**64), 2**64)
    if choice == 12:
        return rng.choice(["", " ", "\t\n", "-", "a b", "ünïcödé"])
    return rng.random() * 10 ** rng.randint(-10, 10)


def _containers(value: Any, found: list[tuple[Any, Any]]) -> None:
    # Every (container, key-or-index) in the document, to pick a place to mutate.
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((value, key))
            _containers(item, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((value, index))
            _containers(item, found)


def mutated_document(rng: random.Random) -> dict[str, Any]:
    """A built-in case's document with a few hostile changes."""
    doc = copy.deepcopy(rng.choice(_bases()))
    for _ in range(rng.randint(1, 4)):
        places: list[tuple[Any, Any]] = []
        _containers(doc, places)
        container, key = rng.choice(places)
        action = rng.randrange(6)
        if action <= 2:
            container[key] = _hostile_value(rng, doc)
        elif action == 3 and isinstance(container, dict):
            del container[key]
        elif action == 3:
            container.insert(key, copy.deepcopy(container[key]))  # a duplicate entity
        elif action == 4 and isinstance(container, dict):
            container[_text(rng)[:30]] = _hostile_value(rng, doc)  # an unknown key
        elif action == 5:
            doc["format"] = rng.choice([0, 2, -1, "1", 1.0, None, 10**50, True])
    return doc


def _bytes_mutated(rng: random.Random, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        if not raw:
            break
        at = rng.randrange(len(raw) + 1)
        action = rng.randrange(8)
        if action == 0 and at < len(raw):
            raw[at] = rng.randrange(256)
        elif action == 1:
            raw[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif action == 2:
            del raw[at : at + rng.randint(1, 50)]
        elif action == 3:
            raw[at:] = b""  # truncated
        elif action == 4:
            n = rng.choice([33, 1000, 50_000])
            raw[at:at] = rng.choice([b"[", b"{", b'{"a":']) * n
        elif action == 5:
            raw[at:at] = b"9" * rng.choice([101, 4301, 20_000])
        elif action == 6:
            raw[at:at] = rng.choice([b"\xed\xa0\x80", b"\xff\xfe", b"\xc3", b"\x00", b"\\ud800"])
        else:
            raw[at:at] = rng.choice([b'"', b"'", b"#", b"\\", b"\n", b"=", b".", b"]]", b'"""'])
    return bytes(raw)


def json_input(rng: random.Random) -> str | bytes:
    """JSON text or bytes: a mutated document, written and then damaged."""
    doc = mutated_document(rng)
    try:
        text = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
    except (ValueError, RecursionError):
        text = json.dumps(rng.choice(_bases()))
    kind = rng.randrange(4)
    if kind == 0:
        return text
    if kind == 1:
        return _bytes_mutated(rng, text.encode("utf-8", "surrogatepass"))
    if kind == 2:
        return text.encode(rng.choice(["utf-16", "utf-32", "utf-8-sig"]), "surrogatepass")
    return _bytes_mutated(rng, text.encode("utf-8", "surrogatepass")).decode(
        "utf-8", "surrogateescape"
    )


def _toml_bomb(rng: random.Random) -> str:
    n = rng.choice([33, 500, 20_000])
    return rng.choice(
        [
            "a." * n + "a = 1\n",
            "[" + "a." * n + "a]\n",
            "x = " + "[" * n + "]" * n + "\n",
            "x = " + "{a = " * n + "1" + "}" * n + "\n",
            "[[" + '"q".' * n + "a]]\n",
            "x = " + "1" * rng.choice([101, 4301, 9000]) + "\n",
            'x = """' + "a" * n + "\n",
            "x = 0x" + "f" * n + "\n",
        ]
    )


def toml_input(rng: random.Random) -> str | bytes:
    """TOML text or bytes: a mutated document, written and then damaged."""
    doc = mutated_document(rng)
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError, RecursionError):
        text = tomli_w.dumps(rng.choice(_bases()))
    kind = rng.randrange(4)
    if kind == 0:
        return text
    if kind == 1:
        lines = text.splitlines(keepends=True)
        lines.insert(rng.randrange(len(lines) + 1), _toml_bomb(rng))
        return "".join(lines)
    if kind == 2:
        return _bytes_mutated(rng, text.encode("utf-8", "surrogatepass"))
    return _bytes_mutated(rng, text.encode("utf-8", "surrogatepass")).decode(
        "utf-8", "surrogateescape"
    )


def file_input(rng: random.Random) -> tuple[str, bytes]:
    """A file name suffix and the file's bytes."""
    suffix = rng.choice([".json", ".toml", ".JSON", ".Toml", ".yaml", ""])
    made = toml_input(rng) if "t" in suffix.lower() else json_input(rng)
    data = made.encode("utf-8", "surrogatepass") if isinstance(made, str) else made
    return suffix, data


@functools.cache
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="peerprod-fuzz-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def read_file(made: object) -> object:
    """Write the file to a private folder, then read it."""
    assert isinstance(made, tuple)
    suffix, data = made
    assert isinstance(suffix, str)
    assert isinstance(data, bytes)
    path = _folder() / f"document{suffix}"
    path.write_bytes(data)
    return documents.read(path)


TARGETS: list[tuple[str, Callable[[random.Random], object], Callable[[object], object]]] = [
    ("documents.load", mutated_document, documents.load),  # type: ignore[list-item]
    ("documents.loads_json", json_input, documents.loads_json),  # type: ignore[list-item]
    ("documents.loads_toml", toml_input, documents.loads_toml),  # type: ignore[list-item]
    ("documents.read", file_input, read_file),
]
"""(name, make_input(rng), call(input)) for each loader."""
