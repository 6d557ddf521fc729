"""The built-in cases: the essay's examples and further well-known ecosystems.

Each case is a peerprod document shipped inside the package as a TOML file,
described from public facts. They are the demonstration of the command line
and the fixtures of the test suite.

Example:
    >>> from peerprod import cases
    >>> "lego" in cases.names()
    True
    >>> [a.id for a in cases.load("lego").arrangements]
    ['lego-classic', 'lego-factory', 'lego-world', 'lugnet']
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import typing
from importlib import resources
from typing import TYPE_CHECKING, Final

import attrs

from peerprod.errors import PeerprodError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from peerprod.model.ecosystem import Ecosystem

__all__ = ["UnknownCase", "digest", "fingerprint", "load", "load_all", "names", "text"]


class UnknownCase(PeerprodError, LookupError):
    """No built-in case has the requested name.

    Example:
        >>> load("lgeo")
        Traceback (most recent call last):
        ...
        peerprod.cases.UnknownCase: no built-in case named 'lgeo'; known cases: ...
    """

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        """The name that was asked for."""
        self.known = known
        """The names of the built-in cases."""
        super().__init__(f"no built-in case named {name!r}; known cases: {', '.join(known)}")


@functools.cache
def names() -> tuple[str, ...]:
    """The names of the built-in cases, sorted."""
    root = resources.files(__name__)
    return tuple(
        sorted(
            entry.name.removesuffix(".toml")
            for entry in root.iterdir()
            if entry.name.endswith(".toml")
        )
    )


def text(name: str) -> str:
    """The TOML source of a built-in case, for reading or as a template.

    Raises:
        UnknownCase: no case has that name.
    """
    if name not in names():
        raise UnknownCase(name, names())
    return resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")


_BUNDLE: Final = "_bundle.pickle"
"""Every built-in case, already built, beside the SHA-256 of its TOML source and of
the model's shape; written by ``scripts/bundle_cases.py``."""


def fingerprint() -> str:
    """The shape of the model a bundle was built against: each class and its fields.

    A bundle built before a field was added, removed or renamed is not used.
    """
    # Imported here: the model imports this package's error type at start.
    from peerprod.model.ecosystem import Ecosystem  # noqa: PLC0415
    from peerprod.model.references import SECTIONS  # noqa: PLC0415

    shapes: list[str] = []
    seen: set[type] = set()
    pending = [Ecosystem, *(section.cls for section in SECTIONS)]
    while pending:
        cls = pending.pop()
        if cls in seen or not attrs.has(cls):
            continue
        seen.add(cls)
        shapes.append(f"{cls.__module__}.{cls.__qualname__}:{','.join(attrs.fields_dict(cls))}")
        hints = typing.get_type_hints(cls)
        pending.extend(_attrs_classes(hints.values()))
    return hashlib.sha256("\n".join(sorted(shapes)).encode()).hexdigest()


def _attrs_classes(hints: Iterable[object]) -> Iterator[type]:
    for hint in hints:
        if isinstance(hint, type) and attrs.has(hint):
            yield hint
        yield from _attrs_classes(typing.get_args(hint))


def digest(source: str) -> str:
    """The SHA-256 of a case's TOML source, as the bundle records it."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@functools.cache
def _bundle() -> dict[str, tuple[str, Ecosystem]]:
    """The built cases from the bundle, when it fits this model; empty otherwise."""
    try:
        data = resources.files(__name__).joinpath(_BUNDLE).read_bytes()
        shape, cases = pickle.loads(data)
    except Exception:
        # Missing, truncated or written by another peerprod: parse the sources instead.
        return {}
    if shape != fingerprint() or not isinstance(cases, dict):
        return {}
    return cases


@functools.cache
def load(name: str) -> Ecosystem:
    """Load a built-in case by name (cached: ecosystems are immutable).

    The cases ship built, so that the command line need not parse them at every start;
    a case whose TOML source differs from the one it was built from (or a model whose
    fields changed since) is parsed from its source instead.

    Raises:
        UnknownCase: no case has that name.
    """
    source = text(name)
    built = _bundle().get(name)
    if built is not None and built[0] == digest(source):
        return built[1]
    from peerprod.documents.io import loads_toml  # noqa: PLC0415 - keeps import cheap

    return loads_toml(source)


def load_all() -> dict[str, Ecosystem]:
    """Every built-in case, by name, in name order."""
    return {name: load(name) for name in names()}
