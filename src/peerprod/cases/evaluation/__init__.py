"""The evaluation set: documented real arrangements, coded twice, independently.

Two coders each coded the same arrangements from dated public sources, following
the codebook (:mod:`peerprod.model.codebook`), and wrote down, from the essay alone
and before running any classifier, where they read each one on the ladder and in
which model. The set is how peerprod's classifiers are validated
(:func:`peerprod.analysis.validation.validate`) and how far two codings agree
(:func:`peerprod.analysis.reliability.compare`); the documentation's validation page
reports both, and the test suite keeps them from falling.

Example:
    >>> from peerprod.cases import evaluation
    >>> evaluation.coders()
    ('a', 'b')
    >>> len(evaluation.readings("a")) >= 40
    True
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import TYPE_CHECKING, Any

from peerprod.errors import InvalidDocument, Problem

if TYPE_CHECKING:
    from peerprod.analysis.validation import Reading
    from peerprod.model.ecosystem import Ecosystem

__all__ = ["coders", "load", "readings"]

_READINGS = "expected.toml"


@functools.cache
def coders() -> tuple[str, ...]:
    """The coders whose codings the set holds, sorted."""
    root = resources.files(__name__)
    return tuple(
        sorted(
            entry.name
            for entry in root.iterdir()
            if entry.is_dir() and not entry.name.startswith("_")
        )
    )


def _folder(coder: str) -> Any:
    if coder not in coders():
        problem = Problem(path=coder, message=f"no such coder; known: {', '.join(coders())}")
        raise InvalidDocument("unknown coder", [problem])
    return resources.files(__name__).joinpath(coder)


@functools.cache
def load(coder: str) -> dict[str, Ecosystem]:
    """One coder's documents, by case name in name order.

    Raises:
        InvalidDocument: no coder has that name, or a document is invalid.
    """
    from peerprod.documents.io import loads_toml  # noqa: PLC0415 - keeps import cheap

    folder = _folder(coder)
    found: dict[str, Ecosystem] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and entry.name != _READINGS:
            try:
                found[entry.name.removesuffix(".toml")] = loads_toml(entry.read_text("utf-8"))
            except InvalidDocument as exc:
                raise exc.within(f"{coder}/{entry.name}") from exc
    return found


@functools.cache
def readings(coder: str) -> tuple[Reading, ...]:
    """One coder's readings of the arrangements, in the order written.

    Raises:
        InvalidDocument: no coder has that name, or the readings are invalid.
    """
    from peerprod.analysis.validation import Reading  # noqa: PLC0415
    from peerprod.documents.converter import make_converter  # noqa: PLC0415

    converter = make_converter()
    _outside_or(converter)
    text = _folder(coder).joinpath(_READINGS).read_text("utf-8")
    data = tomllib.loads(text)
    return tuple(converter.structure(data["expected"], list[Reading]))


def _outside_or(converter: Any) -> None:
    from peerprod.classify.ladder import Rung  # noqa: PLC0415
    from peerprod.classify.production import ProductionModel  # noqa: PLC0415

    def rung(value: Any, _type: Any) -> Rung | None:
        return None if value == "outside" else Rung.parse(value)

    def model(value: Any, _type: Any) -> ProductionModel | None:
        return None if value == "outside" else ProductionModel(value)

    # Predicate hooks registered later win over the converter's hook for optionals;
    # a hook registered for the union type itself would never be consulted.
    converter.register_structure_hook_func(lambda tp: tp == Rung | None, rung)
    converter.register_structure_hook_func(lambda tp: tp == ProductionModel | None, model)
