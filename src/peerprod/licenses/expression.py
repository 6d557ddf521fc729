"""Reading SPDX license expressions into the essay's property regimes.

:func:`classify_license` answers the question for any SPDX license expression: it
reads the expression with its own grammar (one pass, no recursion), looks every id up
in peerprod's prebuilt index (the SPDX License List, ScanCode's index and peerprod's
mapping table, see :mod:`peerprod.licenses.mapping`) and combines the readings with
the algebra of :mod:`peerprod.licenses.algebra`:

* ``A OR B``: the recipient chooses, so the alternative most open to them decides,
  with its duties.
* ``A AND B``: every part binds, so the least open kind decides and the duties of
  every part add up (``MPL-2.0 AND BUSL-1.1`` is corporate with MPL's weak duty).
* ``L WITH E``: the license ``L`` changed by what the exception frees (see
  :class:`~peerprod.licenses.kinds.ExceptionEffect`).
* An unknown id is never guessed: the verdict becomes the range of readings it could
  still give, so ``GPL-2.0-only OR Unknown-1.0`` is still commons.
* A contributor agreement or a DCO (ScanCode's ``CLA`` entries) is inbound terms, not
  an outbound license: it leaves the outbound reading alone and is read with
  :func:`~peerprod.licenses.terms.read_terms` into :attr:`LicenseVerdict.terms`.

Verdicts are cached per expression string, up to a bound that
:func:`set_cache_size` changes; past it, a random entry makes room, so a stream of more
distinct strings than the bound still finds most of them on its next pass.
"""

from __future__ import annotations

import random
import threading
from typing import Any, Final

import attrs

from peerprod import _moved
from peerprod.errors import InvalidValue, LicenseError
from peerprod.licenses import _reader, algebra
from peerprod.licenses._combine import deciders, lowest, structure
from peerprod.licenses._reader import (
    MAX_NESTING,
    NONE_TEXT,
    TOP,
    UNKNOWN_LOW,
    Leaf,
    Parsed,
    parse,
    read_leaf,
    suggest,
)
from peerprod.licenses.kinds import ContributionTerms, LicenseKind, Reciprocity
from peerprod.licenses.terms import TermsReading, read_terms

__all__ = [
    "DEFAULT_CACHE_SIZE",
    "MAX_EXPRESSION_LENGTH",
    "MAX_NESTING",
    "LicenseVerdict",
    "UnknownSymbol",
    "classify_license",
    "set_cache_size",
]

MAX_EXPRESSION_LENGTH: Final = 10_000
"""The longest expression :func:`classify_license` reads, in characters."""

DEFAULT_CACHE_SIZE: Final = 32_768
"""How many verdicts :func:`classify_license` keeps until :func:`set_cache_size` says
otherwise."""

_K, _R = LicenseKind, Reciprocity
_MAX_SUGGESTED: Final = 8


# -- verdicts -------------------------------------------------------------------------------


def _check_readings(
    instance: LicenseVerdict, attribute: attrs.Attribute[Any], value: object
) -> None:
    # One validator for the four fields of the range: a verdict is made on every cold
    # classification, and each validator call costs.
    for name, vocabulary in _RANGE_FIELDS:
        given = value if name == attribute.name else getattr(instance, name)
        if not isinstance(given, vocabulary):
            raise InvalidValue(name, given, f"must be a {vocabulary.__name__} member")
    for kind, duty in ((instance.low, instance.low_reciprocity), (instance.high, value)):
        if kind is _K.SHARECROPPING and duty is not _R.NONE:
            raise InvalidValue(attribute.name, value, "a sharecropping reading has no duties")
    low = algebra.position(instance.low, instance.low_reciprocity)
    high = algebra.position(instance.high, instance.high_reciprocity)
    if low > high:
        raise InvalidValue(attribute.name, value, "the most open reading is below the least open")


_RANGE_FIELDS: Final = (
    ("low", LicenseKind),
    ("low_reciprocity", Reciprocity),
    ("high", LicenseKind),
    ("high_reciprocity", Reciprocity),
)


@attrs.frozen(kw_only=True)
class UnknownSymbol:
    """An id in an expression that peerprod does not know, with close matches.

    Example:
        >>> classify_license("MIT OR Apache-2.O").unknown
        (UnknownSymbol(symbol='Apache-2.O', position=7, exception=False, suggestions=('Apache-2.0', 'Apache-1.1', 'Apache-1.0')),)
    """  # noqa: E501

    symbol: str
    """The id as written."""
    position: int
    """The 0-based character offset of its first occurrence in the expression."""
    exception: bool = False
    """Whether it stood after ``WITH``, as an exception."""
    suggestions: tuple[str, ...] = ()
    """Known ids close to it, best first."""


@attrs.frozen(kw_only=True)
class LicenseVerdict:
    """What :func:`classify_license` found: the regime, or the range it could still be.

    A verdict is a range of readings from the least open (``low``) to the most open
    (``high``), on the order a recipient choosing among them follows (the kind first,
    then the weaker duty). When both agree the verdict is definite and :attr:`kind` and
    :attr:`reciprocity` give it; an unknown id widens the range only where it could
    change the answer.

    Example:
        >>> v = classify_license("GPL-2.0-only")
        >>> v.kind, v.reciprocity
        (<LicenseKind.COMMONS: 'commons'>, <Reciprocity.STRONG: 'strong'>)
        >>> v = classify_license("MIT AND Mystery-1.0")
        >>> v.kind is None, v.low, v.high
        (True, <LicenseKind.CORPORATE: 'corporate'>, <LicenseKind.COMMONS: 'commons'>)
    """

    expression: str | None
    """The expression in normalized form (canonical ids, upper-case operators), or None where
    there is no license at all."""
    low: LicenseKind
    """The kind in the least open reading."""
    low_reciprocity: Reciprocity
    """The reciprocity in the least open reading."""
    high: LicenseKind
    """The kind in the most open reading."""
    high_reciprocity: Reciprocity = attrs.field(validator=_check_readings)
    """The reciprocity in the most open reading."""
    osi_approved: bool | None = None
    """Whether the recipient can take the work under OSI-approved terms; None where not
    known."""
    fsf_libre: bool | None = None
    """Whether the recipient can take the work under terms the FSF calls free; None where not
    known."""
    free_cultural: bool | None = None
    """Whether the terms are free in the sense of the Definition of Free Cultural Works; None
    where not known."""
    unknown: tuple[UnknownSymbol, ...] = ()
    """The ids peerprod does not know, in order of appearance."""
    all_rights_reserved: bool = False
    """Whether there is no license at all, so the law's default holds: all rights reserved."""
    reasons: tuple[str, ...] = ()
    """Why: what each id is and where its reading comes from, and which id decided."""
    terms: TermsReading | None = None
    """What a contributor agreement or DCO written into the expression does to the output
    (read as :func:`~peerprod.licenses.terms.read_terms` reads it); None where the
    expression carries none, or the outbound kind is not settled."""

    @property
    def kind(self) -> LicenseKind | None:
        """The kind, when every reading agrees on it; None otherwise."""
        return self.low if self.low is self.high else None

    @property
    def reciprocity(self) -> Reciprocity | None:
        """The reciprocity, when every reading agrees on it; None otherwise."""
        if self.kind is None or self.low_reciprocity is not self.high_reciprocity:
            return None
        return self.low_reciprocity

    @property
    def definite(self) -> bool:
        """Whether the verdict settles one kind and one reciprocity."""
        return self.reciprocity is not None

    def unsettled_error(self, expression: str | None = None) -> LicenseError:
        """The error that says why the verdict is not definite.

        It names the first unknown id, with close matches, or else the range it spans.

        Args:
            expression: The expression as the user wrote it, which the error's position
                refers to; by default the normalized one.

        Example:
            >>> print(classify_license("GPL-2.0-onyl").unsettled_error().detail)
            unknown license id 'GPL-2.0-onyl'
        """
        expression = expression if expression is not None else self.expression or ""
        if self.unknown:
            first = self.unknown[0]
            what = "exception" if first.exception else "license id"
            detail = f"unknown {what} {first.symbol!r}"
            if len(self.unknown) > 1:
                detail += f" (and {len(self.unknown) - 1} more)"
            return LicenseError(
                expression, detail, position=first.position, suggestions=first.suggestions
            )
        low = algebra.phrase(self.low, self.low_reciprocity)
        high = algebra.phrase(self.high, self.high_reciprocity)
        return LicenseError(
            expression,
            f"the terms do not settle one regime (between {low} and {high}); "
            "give the kind and reciprocity explicitly",
        )


# -- the verdict ----------------------------------------------------------------------------


def _unknowns(parsed: Parsed, leaves: list[Leaf]) -> tuple[UnknownSymbol, ...]:
    found: dict[str, UnknownSymbol] = {}
    for (_, position, _, exception_at), leaf in zip(parsed.leaves, leaves, strict=True):
        if leaf.unknown is None:
            continue
        is_exception = leaf.unknown.startswith("E:")
        name = leaf.unknown[2:]
        if name in found:
            continue
        at = exception_at if is_exception else position
        # Close matches cost a scan of every known id: hostile text with hundreds of unknown
        # ids gets them for the first few only.
        suggestions = suggest(name, exception=is_exception) if len(found) < _MAX_SUGGESTED else ()
        found[name] = UnknownSymbol(
            symbol=name, position=at, exception=is_exception, suggestions=suggestions
        )
    return tuple(found.values())


def _read_contribution_terms(
    leaves: list[Leaf], kind: LicenseKind | None, duty: Reciprocity, reasons: list[str]
) -> TermsReading | None:
    entries = [leaf.terms for leaf in leaves if leaf.terms is not None]
    if not entries:
        return None
    known = [e for e in entries if e.terms is not None]
    if not known:
        reasons.append("the contributor terms are not read: who holds the rights is not known")
        return None
    # Every agreement binds at once, so the most extractive one decides.
    entry = min(
        known, key=lambda e: e.terms.rank if e.terms is not None else len(ContributionTerms)
    )
    if kind is None:
        reasons.append(
            f"the contributor terms ({entry.spdx_id}) are not read: "
            "the outbound kind is not settled"
        )
        return None
    assert entry.terms is not None
    return read_terms(kind, duty, entry.terms, entry.holder, outbound="the outbound license")


def _classify(expression: str) -> LicenseVerdict:
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise LicenseError(
            expression, f"longer than {MAX_EXPRESSION_LENGTH} characters ({len(expression)})"
        )
    parsed = parse(expression)
    leaves = [read_leaf(expression, leaf) for leaf in parsed.leaves]
    settled, has_unknown, has_terms, terms_only = True, False, False, True
    lines: list[str] = []
    for leaf in leaves:
        lines.extend(leaf.reasons)
        if leaf.terms is None:
            terms_only = False
            settled = settled and len(leaf.low) == 1 and leaf.low[0] == leaf.high
        else:
            has_terms = True
        has_unknown = has_unknown or leaf.unknown is not None
    if len(leaves) == 1:
        text, status, high_mask = leaves[0].text, leaves[0].status, algebra.down(leaves[0].high)
    else:
        lines = list(dict.fromkeys(lines))
        text, status, decisions, high_mask = structure(expression, parsed, leaves)
        lines.extend(decisions)
    if terms_only:
        # Terms alone say nothing of the outbound license: it could be anything.
        low, high = min(UNKNOWN_LOW), TOP
        lines.append("the expression names contributor terms but no outbound license")
    else:
        high = algebra.choice(high_mask)
        low = high if settled else lowest(parsed, leaves)
    low_kind, low_duty = algebra.reading(low)
    high_kind, high_duty = algebra.reading(high)
    if low == high:
        by = deciders(algebra.down(high), leaves)
        lines.append(f"verdict: {algebra.phrase(high_kind, high_duty)}, {by}")
    else:
        lines.append(
            f"verdict: not settled, between {algebra.phrase(low_kind, low_duty)} (least open "
            f"reading) and {algebra.phrase(high_kind, high_duty)} (most open reading)"
        )
    terms = None
    if has_terms:
        kind = low_kind if low_kind is high_kind else None
        terms = _read_contribution_terms(leaves, kind, high_duty, lines)
        if terms is not None:
            lines.extend(terms.reasons)
    return LicenseVerdict(
        expression=text,
        low=low_kind,
        low_reciprocity=low_duty,
        high=high_kind,
        high_reciprocity=high_duty,
        osi_approved=status[0],
        fsf_libre=status[1],
        free_cultural=status[2],
        unknown=_unknowns(parsed, leaves) if has_unknown else (),
        all_rights_reserved=text == NONE_TEXT,
        reasons=tuple(lines),
        terms=terms,
    )


_NO_LICENSE: Final = LicenseVerdict(
    expression=None,
    low=_K.CORPORATE,
    low_reciprocity=_R.NONE,
    high=_K.CORPORATE,
    high_reciprocity=_R.NONE,
    osi_approved=False,
    fsf_libre=False,
    free_cultural=False,
    all_rights_reserved=True,
    reasons=("no license: all rights are reserved, so recipients get no rights to the work",),
)


# -- the cache ------------------------------------------------------------------------------

_CACHE: dict[str, LicenseVerdict] = {}
_SLOTS: list[str] = []
_LOCK = threading.Lock()
_RANDOM = random.Random(97)
_cache_size: int | None = DEFAULT_CACHE_SIZE


def set_cache_size(entries: int | None) -> None:
    """Bound the number of verdicts :func:`classify_license` keeps.

    Past the bound, each new verdict takes the place of a random one, so a stream of more
    distinct strings than the bound still finds most of them when it comes round again
    (a least-recently-used cache would find none). Changing the bound empties the cache.

    Args:
        entries: The most verdicts to keep (0 keeps none); None for no bound.

    Raises:
        InvalidValue: ``entries`` is negative or not an integer.

    Example:
        >>> set_cache_size(100_000)
        >>> classify_license("MIT") is classify_license("MIT")
        True
        >>> set_cache_size(DEFAULT_CACHE_SIZE)
    """
    global _cache_size  # noqa: PLW0603 - the one setting of the module's cache
    given: object = entries
    if given is not None and (not isinstance(given, int) or isinstance(given, bool) or given < 0):
        raise InvalidValue("entries", given, "must be a non-negative integer or None")
    with _LOCK:
        _cache_size = entries
        _CACHE.clear()
        _SLOTS.clear()


def _remember(expression: str, verdict: LicenseVerdict) -> None:
    with _LOCK:
        if _cache_size is not None and len(_SLOTS) >= _cache_size:
            if not _cache_size:
                return
            slot = _RANDOM.randrange(len(_SLOTS))
            del _CACHE[_SLOTS[slot]]
            _SLOTS[slot] = expression
        else:
            _SLOTS.append(expression)
        _CACHE[expression] = verdict


def _clear_caches() -> None:
    """Forget every verdict and every id read so far (for benchmarks of the cold path)."""
    with _LOCK:
        _CACHE.clear()
        _SLOTS.clear()
    _reader.clear()


def classify_license(expression: str | None) -> LicenseVerdict:
    """Place an SPDX license expression in the essay's property regimes.

    Ids match case-insensitively, deprecated ids and ScanCode keys resolve through the
    index's aliases, and ``+`` means "this version or any later one". ``OR`` lets the
    recipient choose, so the alternative most open to them decides, with its duties;
    ``AND`` binds every part, so the least open kind decides and the duties add up. After
    ``WITH``, an exception that lets the covered code into works that need not be shared
    back (linking, a tool's output, a stated boundary) caps reciprocity at weak, and a
    rider such as the Commons Clause lowers the kind to corporate. Unknown ids are not
    guessed: the verdict spans what they could be. A contributor agreement or DCO in the
    expression is read as inbound terms (:attr:`LicenseVerdict.terms`).

    Args:
        expression: An SPDX license expression. ``NONE`` means no license (all rights
            reserved) and ``NOASSERTION`` that nobody has said, as SPDX defines them.
            None means no license at all, as ``NONE`` does.

    Returns:
        The verdict: the kind and reciprocity (or the range they could still be in), what is
        known of OSI, FSF and free-culture approval, unknown ids with close matches,
        contributor terms, and the reasons.

    Raises:
        LicenseError: The text is not an SPDX license expression: empty, a stray
            character, a misplaced operator or parenthesis, an exception without WITH,
            contributor terms under OR, nesting deeper than :data:`MAX_NESTING` or text
            longer than :data:`MAX_EXPRESSION_LENGTH`.
        TypeError: ``expression`` is neither a string nor None.

    Example:
        >>> v = classify_license("MIT OR GPL-3.0-or-later")
        >>> v.kind, v.reciprocity, v.osi_approved
        (<LicenseKind.COMMONS: 'commons'>, <Reciprocity.NONE: 'none'>, True)
        >>> v.reasons[-1]
        'verdict: commons without reciprocity, decided by MIT'
        >>> v = classify_license("MPL-2.0 AND BUSL-1.1")
        >>> v.kind, v.reciprocity
        (<LicenseKind.CORPORATE: 'corporate'>, <Reciprocity.WEAK: 'weak'>)
        >>> classify_license("GPL-2.0-only WITH Classpath-exception-2.0").reciprocity
        <Reciprocity.WEAK: 'weak'>
        >>> classify_license("PPL").reciprocity
        <Reciprocity.COPYFAIR: 'copyfair'>
        >>> classify_license("MIT AND LicenseRef-scancode-google-cla").terms.corporate_commons
        True
        >>> classify_license("   ")
        Traceback (most recent call last):
        ...
        peerprod.errors.LicenseError: license expression '   ': an empty license expression; write NONE if the work has no license (all rights reserved) or NOASSERTION if nobody has said what its terms are at position 0
    """  # noqa: E501
    try:
        return _CACHE[expression]  # type: ignore[index]
    except (KeyError, TypeError):
        pass
    if expression is None:
        return _NO_LICENSE
    given: object = expression  # the annotation is not a promise callers keep at run time
    if not isinstance(given, str):
        msg = f"a license expression must be a string or None, not {type(given).__name__}"
        raise TypeError(msg)
    verdict = _classify(expression)
    _remember(expression, verdict)
    return verdict


__getattr__ = _moved.moved_names(__name__)
