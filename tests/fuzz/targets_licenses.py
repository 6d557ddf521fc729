"""Fuzz targets for license expressions: classify_license must raise only LicenseError.

Each target makes one hostile input from a seeded :class:`random.Random` (so a seed
replays a run) and classifies it. The inputs mix real ids, operators, parentheses,
spellings that are nearly ids, stray and non-ASCII characters, deep nesting and very
long text.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from peerprod.licenses import License, classify_license, known_ids

if TYPE_CHECKING:
    from collections.abc import Callable

_WORDS = ("AND", "OR", "WITH", "and", "or", "with", "(", ")", "+", "NONE", "NOASSERTION")
_NOISE = ("/", ",", ";", "\u00a0", "\u2028", "\x00", "é", "Ä", "\t", "\n", "\ufeff", "\U0001f600")


def _pool() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return known_ids(), known_ids(exceptions=True)


def _token(rng: random.Random) -> str:
    licenses, exceptions = _pool()
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(licenses)
    if roll < 0.45:
        return rng.choice(exceptions)
    if roll < 0.75:
        return rng.choice(_WORDS)
    if roll < 0.85:
        word = rng.choice(licenses)
        cut = rng.randrange(len(word) + 1)
        return word[:cut] + rng.choice("xO0-.") + word[cut:]  # a typo
    return rng.choice(_NOISE)


def token_soup(rng: random.Random) -> str:
    """Real ids, operators and noise in any order."""
    return rng.choice(("", " ", "  ", "\t")).join(_token(rng) for _ in range(rng.randrange(24)))


def well_formed(rng: random.Random) -> str:
    """A grammatical expression over real ids, sometimes with a WITH and unknown ids."""
    licenses, exceptions = _pool()

    def leaf() -> str:
        text = rng.choice(licenses) if rng.random() < 0.9 else f"Mystery-{rng.randrange(99)}"
        if rng.random() < 0.15:
            text += " WITH " + rng.choice(exceptions)
        return text

    def node(depth: int) -> str:
        if depth <= 0 or rng.random() < 0.3:
            return leaf()
        parts = [node(depth - 1) for _ in range(rng.randrange(2, 4))]
        return "(" + rng.choice((" AND ", " OR ")).join(parts) + ")"

    return node(rng.randrange(6))


def deep_or_long(rng: random.Random) -> str:
    """Nesting near and past the limit, and text near and past the length limit."""
    if rng.random() < 0.5:
        depth = rng.choice((1, 49, 50, 51, 500, 5000))
        return "(" * depth + "MIT" + ")" * depth
    parts = rng.randrange(1, 4000)
    return " OR ".join(rng.choice(("MIT", "Apache-2.0", "GPL-2.0+")) for _ in range(parts))


def raw_text(rng: random.Random) -> str:
    """Arbitrary characters, any code point that a str can hold."""
    size = rng.randrange(64)
    return "".join(chr(rng.randrange(0x110000)) for _ in range(size))


def _classify(value: object) -> object:
    assert isinstance(value, str)
    return classify_license(value)


def _from_spdx(value: object) -> object:
    assert isinstance(value, str)
    return License.from_spdx(value)


TARGETS: list[tuple[str, Callable[[random.Random], object], Callable[[object], object]]] = [
    ("licenses.classify_license/token-soup", token_soup, _classify),
    ("licenses.classify_license/well-formed", well_formed, _classify),
    ("licenses.classify_license/deep-or-long", deep_or_long, _classify),
    ("licenses.classify_license/raw-text", raw_text, _classify),
    ("licenses.License.from_spdx/token-soup", token_soup, _from_spdx),
]
"""(name, make one hostile input from a seeded Random, call the loader on it)."""
