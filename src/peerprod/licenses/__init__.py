"""Licenses and contribution terms: what kind of property a commons is.

The vocabularies (:mod:`~peerprod.licenses.kinds`) and the :class:`License`
value (:mod:`~peerprod.licenses.license`) are what the model uses;
:mod:`~peerprod.licenses.expression` reads any SPDX license expression into the
property regimes of Bauwens' essay (FCJ-097, "The Second Layer"). The package
knows nothing of ecosystems: reading the contribution terms, which needs to
know who holds the rights, is a classifier of the model
(:mod:`peerprod.classify.terms`).
"""

from peerprod import _moved
from peerprod.licenses.expression import (
    MAX_EXPRESSION_LENGTH,
    MAX_NESTING,
    LicenseMapRow,
    LicenseVerdict,
    UnknownSymbol,
    classify_license,
    known_ids,
    license_map_rows,
    license_map_version,
)
from peerprod.licenses.kinds import ContributionTerms, ExceptionEffect, LicenseKind, Reciprocity
from peerprod.licenses.license import License

__all__ = [
    "MAX_EXPRESSION_LENGTH",
    "MAX_NESTING",
    "ContributionTerms",
    "ExceptionEffect",
    "License",
    "LicenseKind",
    "LicenseMapRow",
    "LicenseVerdict",
    "Reciprocity",
    "UnknownSymbol",
    "classify_license",
    "known_ids",
    "license_map_rows",
    "license_map_version",
]

__getattr__ = _moved.moved_names(__name__)
