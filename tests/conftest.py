"""Shared pytest configuration: hypothesis profiles, and which property tests are slow.

Profiles (``HYPOTHESIS_PROFILE``): ``dev`` (the default, 50 examples) for a quick local
run, ``ci`` (200 examples, what ``nox`` uses) and ``thorough`` (2,000) before a release.

A property test that draws whole ecosystems from :func:`peerprod.strategies.ecosystems`
is marked ``slow``: building, converting and comparing a few hundred ecosystems takes
seconds per test where the rest take milliseconds. ``nox -s tests`` leaves them out
(``-m "not slow"``); ``nox -s slow`` runs them, and CI runs both. They are found by
the strategies they draw from, so a new test over ecosystems is slow without anyone
remembering to say so; ``@pytest.mark.slow`` marks any other test by hand.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# CI is derandomized: the same examples on every run and every machine, so a red build
# is a regression, never luck; the dev profile and `nox -s slow` keep exploring.
settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True, derandomize=True)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# ecosystems(...) as a strategy's repr shows it, but not analysable_ecosystems(...).
_WHOLE_ECOSYSTEMS = re.compile(r"(?<![\w.])ecosystems\(")


def _draws_whole_ecosystems(test: Any) -> bool:
    handle = getattr(test, "hypothesis", None)
    strategies = getattr(handle, "_given_kwargs", None) or {}
    return any(_WHOLE_ECOSYSTEMS.search(repr(s)) for s in strategies.values())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the property tests over whole ecosystems as slow."""
    for item in items:
        if isinstance(item, pytest.Function) and _draws_whole_ecosystems(item.obj):
            item.add_marker(pytest.mark.slow)
