"""Hypothesis strategies for SPDX license expressions, built from the real SPDX ids.

:mod:`peerprod.strategies` re-exports them. This is the only license module that imports
Hypothesis, so the library itself never needs it. The ids come from peerprod's license index
(the SPDX License List and ScanCode's ids), read when a strategy first draws, not when it is
built.
"""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from peerprod.licenses.expression import classify_license
from peerprod.licenses.license import License
from peerprod.licenses.mapping import known_ids

__all__ = ["license_expressions", "spdx_exception_ids", "spdx_ids", "spdx_licenses"]

_OPERATORS = ("AND", "OR", "and", "or")


def _cased(ids: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda i, case: case(i), ids, st.sampled_from([str, str.lower, str.upper]))


def spdx_ids(*, vary_case: bool = False) -> st.SearchStrategy[str]:
    """License ids from peerprod's index: SPDX ids and ScanCode ``LicenseRef-`` ids.

    Args:
        vary_case: Also draw the ids in lower and upper case, which must classify the same.

    Returns:
        A strategy of ids, deprecated ones included, exceptions excluded.

    Example:
        >>> from hypothesis import find
        >>> find(spdx_ids(), lambda i: i.startswith("GPL-2.0")).startswith("GPL-2.0")
        True
    """
    ids = st.deferred(lambda: st.sampled_from(known_ids()))
    return _cased(ids) if vary_case else ids


def spdx_exception_ids(*, vary_case: bool = False) -> st.SearchStrategy[str]:
    """Exception ids from the shipped index, the ones that may follow ``WITH``.

    Args:
        vary_case: Also draw the ids in lower and upper case.

    Returns:
        A strategy of exception ids.

    Example:
        >>> from hypothesis import find
        >>> find(spdx_exception_ids(), lambda i: i.startswith("Classpath"))
        'Classpath-exception-2.0'
    """
    ids = st.deferred(lambda: st.sampled_from(known_ids(exceptions=True)))
    return _cased(ids) if vary_case else ids


def license_expressions(
    *,
    ids: st.SearchStrategy[str] | None = None,
    exception_ids: st.SearchStrategy[str] | None = None,
    max_leaves: int = 8,
) -> st.SearchStrategy[str]:
    """SPDX license expressions: ids joined by AND and OR, some with a WITH exception.

    Every compound is parenthesized, so the nesting never exceeds ``max_leaves`` and stays
    within :data:`peerprod.licenses.MAX_NESTING` for the default.

    Args:
        ids: The license ids to draw from; by default :func:`spdx_ids` in varied case.
        exception_ids: The exception ids for WITH; by default :func:`spdx_exception_ids`.
        max_leaves: The most ids in one expression.

    Returns:
        A strategy of expression strings that :func:`~peerprod.licenses.classify_license`
        reads without error.

    Example:
        >>> from hypothesis import find
        >>> from peerprod.licenses import classify_license
        >>> e = find(license_expressions(), lambda e: " WITH " in e and " AND " in e.upper())
        >>> classify_license(e).expression.count(" WITH ")
        1
    """
    licenses = spdx_ids(vary_case=True) if ids is None else ids
    exceptions = spdx_exception_ids() if exception_ids is None else exception_ids
    leaf = licenses | st.builds("{} WITH {}".format, licenses, exceptions)
    return st.recursive(
        leaf,
        lambda inner: st.builds("({} {} {})".format, inner, st.sampled_from(_OPERATORS), inner),
        max_leaves=max_leaves,
    )


@functools.cache
def _settled_ids() -> tuple[tuple[str, ...], tuple[str, ...]]:
    licenses = tuple(i for i in known_ids() if classify_license(i).definite)
    exceptions = tuple(
        e for e in known_ids(exceptions=True) if classify_license(f"MIT WITH {e}").definite
    )
    return licenses, exceptions


def spdx_licenses(*, max_leaves: int = 4) -> st.SearchStrategy[License]:
    """License values built with :meth:`License.from_spdx` from real expressions.

    Only ids and exceptions whose kind is settled are drawn, so every expression classifies
    into a License.

    Args:
        max_leaves: The most ids in one expression.

    Returns:
        A strategy of License values, each with a normalized SPDX expression.

    Example:
        >>> from hypothesis import find
        >>> from peerprod.licenses import LicenseKind
        >>> find(spdx_licenses(), lambda lic: lic.kind is LicenseKind.SHARING).kind
        <LicenseKind.SHARING: 'sharing'>
    """
    ids = st.deferred(lambda: st.sampled_from(_settled_ids()[0]))
    exceptions = st.deferred(lambda: st.sampled_from(_settled_ids()[1]))
    expressions = license_expressions(ids=ids, exception_ids=exceptions, max_leaves=max_leaves)
    return expressions.map(License.from_spdx)
