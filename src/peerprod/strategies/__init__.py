"""Hypothesis strategies for every public peerprod type.

Use them to property-test your own code against peerprod values. Every
strategy yields valid values only, and between them they reach every member
of every enumeration. This module imports :mod:`hypothesis`, which is not a
runtime dependency of peerprod: install ``peerprod[test]`` or add hypothesis
to your own test requirements.

Example:
    >>> from hypothesis import given
    >>> from peerprod import documents
    >>> from peerprod.strategies import ecosystems
    >>> @given(ecosystems())
    ... def test_round_trip(eco):
    ...     assert documents.load(documents.dump(eco)) == eco
    >>> test_round_trip()
"""

from peerprod.strategies._classify import (
    analysable_ecosystems,
    contribution_sets,
    fact_values,
    monetization_sets,
    rungs,
    uncertain_arrangements,
    valid_arrangements,
    weighted_coalitions,
)
from peerprod.strategies._licenses import (
    license_expressions,
    spdx_exception_ids,
    spdx_ids,
    spdx_licenses,
)
from peerprod.strategies._model import (
    actors,
    arrangements,
    coalitions,
    design_qualities,
    ecosystems,
    identifiers,
    licenses,
    memberships,
    texts,
)

__all__ = [
    "actors",
    "analysable_ecosystems",
    "arrangements",
    "coalitions",
    "contribution_sets",
    "design_qualities",
    "ecosystems",
    "fact_values",
    "identifiers",
    "license_expressions",
    "licenses",
    "memberships",
    "monetization_sets",
    "rungs",
    "spdx_exception_ids",
    "spdx_ids",
    "spdx_licenses",
    "texts",
    "uncertain_arrangements",
    "valid_arrangements",
    "weighted_coalitions",
]
