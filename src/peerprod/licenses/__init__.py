"""Licenses and contribution terms: what kind of property a commons is.

The vocabularies (:mod:`~peerprod.licenses.kinds`) and the :class:`License` value
(:mod:`~peerprod.licenses.license`) are what the model uses;
:mod:`~peerprod.licenses.expression` reads any SPDX license expression into the
property regimes of Bauwens' essay (FCJ-097, "The Second Layer"), combining readings
with the algebra of :mod:`~peerprod.licenses.algebra`;
:mod:`~peerprod.licenses.terms` reads contribution terms, and
:mod:`~peerprod.licenses.mapping` renders the table behind it all. The package knows
nothing of ecosystems: reading terms with the kind of actor that holds the rights is a
classifier of the model (:mod:`peerprod.classify.terms`).
"""

from peerprod import _moved
from peerprod.licenses.expression import (
    DEFAULT_CACHE_SIZE,
    MAX_EXPRESSION_LENGTH,
    MAX_NESTING,
    LicenseVerdict,
    UnknownSymbol,
    classify_license,
    set_cache_size,
)
from peerprod.licenses.kinds import (
    ContributionTerms,
    ExceptionEffect,
    Holder,
    LicenseKind,
    Reciprocity,
)
from peerprod.licenses.license import License
from peerprod.licenses.mapping import (
    LicenseMapRow,
    known_ids,
    license_map_rows,
    license_map_version,
    spdx_list_version,
)
from peerprod.licenses.terms import TermsReading, read_terms

__all__ = [
    "DEFAULT_CACHE_SIZE",
    "MAX_EXPRESSION_LENGTH",
    "MAX_NESTING",
    "ContributionTerms",
    "ExceptionEffect",
    "Holder",
    "License",
    "LicenseKind",
    "LicenseMapRow",
    "LicenseVerdict",
    "Reciprocity",
    "TermsReading",
    "UnknownSymbol",
    "classify_license",
    "known_ids",
    "license_map_rows",
    "license_map_version",
    "read_terms",
    "set_cache_size",
    "spdx_list_version",
]

__getattr__ = _moved.moved_names(__name__)
