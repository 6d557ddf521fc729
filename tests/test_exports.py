"""The public surface is exactly what __all__ says, and importing it is cheap."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import peerprod


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


def test_dir_lists_lazy_names() -> None:
    assert {"read", "cases", "serialization"} <= set(dir(peerprod))


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
