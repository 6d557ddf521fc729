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
from importlib import resources
from typing import TYPE_CHECKING

from peerprod.errors import PeerprodError

if TYPE_CHECKING:
    from peerprod.model.ecosystem import Ecosystem

__all__ = ["UnknownCase", "load", "load_all", "names", "text"]


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


@functools.cache
def load(name: str) -> Ecosystem:
    """Load a built-in case by name (cached: ecosystems are immutable).

    Raises:
        UnknownCase: no case has that name.
    """
    from peerprod.documents.io import loads_toml  # noqa: PLC0415 - keeps import cheap

    return loads_toml(text(name))


def load_all() -> dict[str, Ecosystem]:
    """Every built-in case, by name, in name order."""
    return {name: load(name) for name in names()}
