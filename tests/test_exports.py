"""The public surface is exactly what __all__ says, and importing it is cheap."""

from __future__ import annotations

import builtins
import importlib
import inspect
import pkgutil
import subprocess
import sys

import pytest

import peerprod
import peerprod.cli
from peerprod._moved import MOVED
from peerprod.errors import PeerprodError


def _isort_key(name: str) -> tuple[int, str]:
    # The order ruff's RUF022 keeps: CONSTANTS, then Classes, then functions.
    if name.isupper():
        return (0, name)
    return (1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_unique() -> None:
    assert list(peerprod.__all__) == sorted(set(peerprod.__all__), key=_isort_key)


@pytest.mark.parametrize("name", peerprod.__all__)
def test_every_export_resolves(name: str) -> None:
    assert getattr(peerprod, name) is not None


@pytest.mark.parametrize("name", peerprod.__all__)
def test_every_export_is_documented(name: str) -> None:
    value = getattr(peerprod, name)
    if not (inspect.isclass(value) or inspect.isfunction(value) or inspect.ismodule(value)):
        return  # constants are documented where they are defined
    assert (value.__doc__ or "").strip(), name


def test_dir_is_all() -> None:
    # Nothing public by accident: no typing helpers, no stray submodules.
    assert dir(peerprod) == sorted(peerprod.__all__)


SUBPACKAGES = [
    "peerprod.analysis",
    "peerprod.classify",
    "peerprod.cli",
    "peerprod.documents",
    "peerprod.graphs",
    "peerprod.licenses",
    "peerprod.model",
    "peerprod.strategies",
]


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_subpackage_exports_resolve(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__all__, package
    for name in module.__all__:
        assert getattr(module, name) is not None, f"{package}.{name}"


@pytest.mark.parametrize("old", sorted(MOVED))
def test_old_module_paths_still_work(old: str) -> None:
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match="has moved to"):
        module = importlib.import_module(old)
    names = set(dir(module))
    assert names, old
    for name in names:
        assert getattr(module, name) is not None, f"{old}.{name}"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = module.nope


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = peerprod.nope


def test_version() -> None:
    from importlib.metadata import version

    assert peerprod.__version__ == version("peerprod")


def test_import_is_light() -> None:
    heavy = ["cattrs", "networkx", "license_expression", "hypothesis", "numpy", "tomli_w"]
    code = f"import sys, peerprod; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_typed_marker_ships() -> None:
    from importlib.resources import files

    assert files("peerprod").joinpath("py.typed").is_file()


def _public_modules() -> list[str]:
    found = [
        info.name
        for info in pkgutil.walk_packages(peerprod.__path__, prefix="peerprod.")
        if not any(part.startswith("_") for part in info.name.split("."))
    ]
    return sorted(["peerprod", *found])


PUBLIC_MODULES = _public_modules()
_BUILTIN_ERRORS = tuple(
    value
    for value in vars(builtins).values()
    if isinstance(value, type) and issubclass(value, Exception) and value is not Exception
)


def _exceptions() -> list[type[BaseException]]:
    found = []
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            # Private signals (``_Unsupported``) are caught inside peerprod and never reach
            # its users; everything a user can catch is public.
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == name
                and not value.__name__.startswith("_")
            ):
                found.append(value)
    return found


@pytest.mark.parametrize("error", _exceptions(), ids=lambda e: f"{e.__module__}.{e.__name__}")
def test_every_error_is_a_peerprod_error_with_a_builtin_base(error: type[BaseException]) -> None:
    # One except clause catches them all, and code written against plain Python still works.
    assert issubclass(error, PeerprodError)
    if error is not PeerprodError:
        assert issubclass(error, _BUILTIN_ERRORS), error


def test_unknown_case_is_a_peerprod_error() -> None:
    from peerprod import cases

    assert issubclass(cases.UnknownCase, PeerprodError)
    assert issubclass(cases.UnknownCase, LookupError)
    with pytest.raises(cases.UnknownCase) as caught:
        cases.load("lgeo")
    assert caught.value.name == "lgeo"
    assert caught.value.known == cases.names()


@pytest.mark.parametrize("name", peerprod.cli.__all__)
def test_the_command_line_api_is_defined_where_the_docs_look(name: str) -> None:
    # The API page documents what a public module defines, not what it re-exports.
    value = getattr(peerprod.cli, name)
    if inspect.isfunction(value):
        assert value.__module__ == "peerprod.cli"
    else:
        assert f"\n{name}: Final = " in inspect.getsource(peerprod.cli)


def test_exit_statuses_are_distinct() -> None:
    codes = [
        getattr(peerprod.cli, name) for name in peerprod.cli.__all__ if name.startswith("EXIT_")
    ]
    assert len(set(codes)) == len(codes) == 6
