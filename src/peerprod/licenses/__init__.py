"""Licenses and contribution terms: what kind of property a commons is.

The vocabularies (:mod:`~peerprod.licenses.kinds`) and the :class:`License`
value (:mod:`~peerprod.licenses.license`) are part of the model; the
classifiers read an SPDX expression (:mod:`~peerprod.licenses.expression`)
and the inbound contribution terms (:mod:`~peerprod.licenses.terms`) into
the property regimes of Bauwens' essay (FCJ-097, "The Second Layer").
"""

from peerprod.licenses.expression import (
    MAX_EXPRESSION_LENGTH,
    MAX_NESTING,
    LicenseMapRow,
    LicenseVerdict,
    UnknownSymbol,
    classify_license,
    license_map_rows,
    license_map_version,
)
from peerprod.licenses.kinds import ContributionTerms, ExceptionEffect, LicenseKind, Reciprocity
from peerprod.licenses.license import License
from peerprod.licenses.terms import TermsVerdict, classify_terms

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
    "TermsVerdict",
    "UnknownSymbol",
    "classify_license",
    "classify_terms",
    "license_map_rows",
    "license_map_version",
]
