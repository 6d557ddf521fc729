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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peerprod.errors import InvalidDocument, PeerprodError, Problem

if TYPE_CHECKING:
    import os

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


def _folder(source: str | os.PathLike[str]) -> Any:
    if isinstance(source, str) and source in coders():
        return resources.files(__name__).joinpath(source)
    path = Path(source)
    if path.is_dir():
        return path
    known = ", ".join(coders())
    problem = Problem(
        path=str(source), message=f"neither a coder ({known}) nor a folder of documents"
    )
    raise InvalidDocument("unknown coder", [problem])


def load(source: str | os.PathLike[str]) -> dict[str, Ecosystem]:
    """One coder's documents, by case name in name order.

    Args:
        source: A coder of the built-in set (see :func:`coders`), or a folder laid out
            the same way: one TOML document per case, named after it, beside the
            readings in ``expected.toml``.

    Raises:
        InvalidDocument: no coder or folder has that name, or a document is invalid;
            the problems name the file.

    Example:
        >>> from peerprod.cases import evaluation
        >>> sorted(evaluation.load("a"))[:2]
        ['99designs', 'airline-checkin']
    """
    if isinstance(source, str) and source in coders():
        return dict(_built_in(source))
    return _read_folder(_folder(source), str(source))


@functools.cache
def _built_in(coder: str) -> tuple[tuple[str, Ecosystem], ...]:
    return tuple(_read_folder(_folder(coder), coder).items())


def _read_folder(folder: Any, label: str) -> dict[str, Ecosystem]:
    from peerprod.documents.io import loads_toml  # noqa: PLC0415 - keeps import cheap

    found: dict[str, Ecosystem] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and entry.name != _READINGS:
            try:
                found[entry.name.removesuffix(".toml")] = loads_toml(entry.read_text("utf-8"))
            except InvalidDocument as exc:
                raise exc.within(f"{label}/{entry.name}") from exc
    return found


def readings(source: str | os.PathLike[str]) -> tuple[Reading, ...]:
    """One coder's readings of the arrangements, in the order written.

    Args:
        source: A coder of the built-in set, or a folder with an ``expected.toml``: an
            array of tables ``expected``, each with the ``case`` and ``arrangement`` it
            reads, the ``rung`` (a number, or ``"outside"``), the ``model`` (a model's
            value, or ``"outside"``) and ``why``.

    Raises:
        InvalidDocument: no coder or folder has that name, or the readings are invalid;
            every problem is named by its place, ``expected[3].rung``.
    """
    if isinstance(source, str) and source in coders():
        return _built_in_readings(source)
    return _read_readings(_folder(source), str(source))


@functools.cache
def _built_in_readings(coder: str) -> tuple[Reading, ...]:
    return _read_readings(_folder(coder), coder)


def _read_readings(folder: Any, label: str) -> tuple[Reading, ...]:
    from cattrs.errors import BaseValidationError  # noqa: PLC0415

    from peerprod._convert import problems  # noqa: PLC0415
    from peerprod.analysis.validation import Reading  # noqa: PLC0415
    from peerprod.documents.converter import make_converter  # noqa: PLC0415

    where = f"{label}/{_READINGS}"
    converter = make_converter()
    _outside_or(converter)
    try:
        data = tomllib.loads(folder.joinpath(_READINGS).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidDocument(
            "unreadable readings", [Problem(path=where, message=str(exc))]
        ) from exc
    if not isinstance(data.get("expected"), list):
        problem = Problem(path=f"{where}: expected", message="required: an array of tables")
        raise InvalidDocument("invalid readings", [problem])
    try:
        return tuple(converter.structure(data["expected"], list[Reading]))
    except (BaseValidationError, PeerprodError) as exc:
        raise InvalidDocument("invalid readings", problems(exc, f"{where}: expected")) from exc


def _outside_or(converter: Any) -> None:
    from peerprod._convert import WrongValue, describe  # noqa: PLC0415
    from peerprod.classify.ladder import Rung  # noqa: PLC0415
    from peerprod.classify.production import ProductionModel  # noqa: PLC0415

    def rung(value: Any, _type: Any) -> Rung | None:
        if value == "outside":
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(Rung):
            return Rung.parse(value)
        raise WrongValue(f"expected a rung's number 1 to 10 or 'outside', got {describe(value)}")

    def model(value: Any, _type: Any) -> ProductionModel | None:
        if value == "outside":
            return None
        for member in ProductionModel:
            if value == member.value:
                return member
        allowed = ", ".join(repr(m.value) for m in ProductionModel)
        raise WrongValue(f"expected one of {allowed} or 'outside', got {describe(value)}")

    # Predicate hooks registered later win over the converter's hook for optionals;
    # a hook registered for the union type itself would never be consulted.
    converter.register_structure_hook_func(lambda tp: tp == Rung | None, rung)
    converter.register_structure_hook_func(lambda tp: tp == ProductionModel | None, model)
