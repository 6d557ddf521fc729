"""The public surface is exactly what __all__ says, and importing it is cheap."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import pytest

import peerprod
from peerprod._moved import MOVED


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
