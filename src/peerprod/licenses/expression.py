"""Reading SPDX license expressions into the essay's property regimes.

:func:`classify_license` answers the question for any SPDX license expression,
from the ScanCode license index that ``license-expression`` ships and a mapping
table kept as data (``peerprod/licenses/data/license_map.toml``, rendered by
:func:`license_map_rows`). The index and the table are read on the first
classification, not on import.

How an expression combines:

* ``A OR B``: the recipient chooses, so the most open kind decides, and among
  the options of that kind the weakest reciprocity.
* ``A AND B``: every term binds, so the least open kind decides, and among the
  terms of that kind the strongest reciprocity.
* ``L WITH E``: the license ``L``; a linking exception caps reciprocity at weak,
  and a rider such as the Commons Clause lowers the kind to corporate.
* An unknown id is never guessed: the verdict becomes the range of kinds it
  could still be, so ``GPL-2.0-only OR Unknown-1.0`` is still commons.

Both operators pick from one chain of readings (kind first, then weaker
reciprocity as more open), so they obey the lattice laws: idempotence,
commutativity, associativity, absorption and monotonicity.
"""

from __future__ import annotations

import difflib
import enum
import fnmatch
import functools
import re
import string
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple

import attrs

from peerprod._validation import check_enum
from peerprod.errors import InvalidValue, LicenseError
from peerprod.licenses.kinds import ExceptionEffect, LicenseKind, Reciprocity

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "MAX_EXPRESSION_LENGTH",
    "MAX_NESTING",
    "LicenseMapRow",
    "LicenseVerdict",
    "UnknownSymbol",
    "classify_license",
    "known_ids",
    "license_map_rows",
    "license_map_version",
]

MAX_EXPRESSION_LENGTH: Final = 10_000
"""The longest expression :func:`classify_license` reads, in characters."""

MAX_NESTING: Final = 50
"""The deepest nesting of parentheses :func:`classify_license` reads."""


def _indefinite_error(expression: str, verdict: LicenseVerdict) -> LicenseError:
    if verdict.unknown:
        first = verdict.unknown[0]
        what = "exception" if first.exception else "license id"
        others = len(verdict.unknown) - 1
        detail = f"unknown {what} {first.symbol!r}"
        if others:
            detail += f" (and {others} more)"
        return LicenseError(
            expression, detail, position=first.position, suggestions=first.suggestions
        )
    low = _phrase(verdict.low, verdict.low_reciprocity)
    high = _phrase(verdict.high, verdict.high_reciprocity)
    return LicenseError(
        expression,
        f"the terms do not settle one regime (between {low} and {high}); "
        "give the kind and reciprocity explicitly",
    )


# -- verdicts -------------------------------------------------------------------------------


def _order(kind: LicenseKind, reciprocity: Reciprocity) -> int:
    # One chain orders every reading: kind first, then weaker reciprocity as more open. OR and
    # AND are then the max and min of a chain, which is what makes the lattice laws hold.
    return _ORDERS[kind, reciprocity]


_ORDERS: Final = {
    (kind, reciprocity): kind.rank * len(Reciprocity) - reciprocity.rank
    for kind in LicenseKind
    for reciprocity in Reciprocity
}


def _check_range(instance: LicenseVerdict, attribute: attrs.Attribute[Any], value: object) -> None:
    check_enum(Reciprocity)(instance, attribute, value)
    for kind, reciprocity in (
        (instance.low, instance.low_reciprocity),
        (instance.high, instance.high_reciprocity),
    ):
        reciprocal = kind is LicenseKind.COMMONS or kind is LicenseKind.SHARING
        if not reciprocal and reciprocity is not Reciprocity.NONE:
            raise InvalidValue(
                attribute.name, value, f"a {kind.value} reading cannot be reciprocal"
            )
    low = _order(instance.low, instance.low_reciprocity)
    high = _order(instance.high, instance.high_reciprocity)
    if low > high:
        raise InvalidValue(attribute.name, value, "the most open reading is below the least open")


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
    (``high``). When both agree the verdict is definite and :attr:`kind` and
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
    low: LicenseKind = attrs.field(validator=check_enum(LicenseKind))
    """The kind in the least open reading."""
    low_reciprocity: Reciprocity = attrs.field(validator=check_enum(Reciprocity))
    """The reciprocity in the least open reading."""
    high: LicenseKind = attrs.field(validator=check_enum(LicenseKind))
    """The kind in the most open reading."""
    high_reciprocity: Reciprocity = attrs.field(validator=_check_range)
    """The reciprocity in the most open reading."""
    osi_approved: bool | None = None
    """Whether the recipient can take the work under OSI-approved terms; None where not
    known."""
    fsf_libre: bool | None = None
    """Whether the recipient can take the work under terms the FSF calls free; None where not
    known."""
    free_cultural: bool | None = None
    """Whether the terms are approved for free cultural works; None where not known."""
    unknown: tuple[UnknownSymbol, ...] = ()
    """The ids peerprod does not know, in order of appearance."""
    all_rights_reserved: bool = False
    """Whether there is no license at all, so the law's default holds: all rights reserved."""
    reasons: tuple[str, ...] = ()
    """Why: what each id is and where its reading comes from, and which id decided."""

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


@attrs.frozen(kw_only=True)
class LicenseMapRow:
    """One row of peerprod's license mapping table, for review and for the docs.

    Example:
        >>> row = license_map_rows()[0]
        >>> row.section, row.match, row.kind, row.reciprocity
        ('category', ('Permissive',), <LicenseKind.COMMONS: 'commons'>, <Reciprocity.NONE: 'none'>)
    """

    section: Literal["category", "license", "exception", "exception category"]
    """Which part of the table: a ScanCode category, an override for licenses, an effect for
    exceptions, or the default effect of a ScanCode category of exceptions."""
    match: tuple[str, ...]
    """What the row applies to: a category name, or SPDX ids and shell-style patterns."""
    kind: LicenseKind | None = None
    """The kind it gives; None for exception rows and undetermined rows."""
    reciprocity: Reciprocity | None = None
    """The reciprocity it gives; None where the kind is."""
    effect: ExceptionEffect | None = None
    """For exception rows, what the exception does."""
    why: str = ""
    """The reason, in a sentence."""


# -- the mapping table and the ScanCode index -----------------------------------------------


@attrs.frozen
class _Rule:
    kind: LicenseKind | None
    reciprocity: Reciprocity
    why: str


@attrs.frozen
class _Matcher:
    """Exact ids win over patterns; among patterns the first in the file wins."""

    exact: Mapping[str, Any]
    patterns: re.Pattern[str] | None
    values: tuple[Any, ...]

    def find(self, folded: str) -> Any:
        found = self.exact.get(folded)
        if found is not None or self.patterns is None:
            return found
        # One alternation of every pattern, each in its own group: the regex engine tries them
        # in file order, and the group that matched names the row.
        match = self.patterns.match(folded)
        return (
            None if match is None or match.lastindex is None else self.values[match.lastindex - 1]
        )


def _matcher(rows: Iterable[tuple[Iterable[str], Any]]) -> _Matcher:
    exact: dict[str, Any] = {}
    patterns: list[str] = []
    values: list[Any] = []
    for ids, value in rows:
        for raw in ids:
            folded = raw.casefold()
            if any(c in folded for c in "*?["):
                patterns.append(f"({fnmatch.translate(folded)})")
                values.append(value)
            else:
                exact.setdefault(folded, value)
    compiled = re.compile("|".join(patterns)) if patterns else None
    return _Matcher(exact=exact, patterns=compiled, values=tuple(values))


@attrs.frozen
class _Entry:
    spdx_id: str
    category: str
    is_exception: bool
    is_deprecated: bool


@attrs.frozen
class _Tables:
    version: str
    rows: tuple[LicenseMapRow, ...]
    names: Mapping[str, tuple[_Entry, str]]
    license_ids: tuple[str, ...]
    exception_ids: tuple[str, ...]
    exception_set: frozenset[str]
    categories: Mapping[str, _Rule]
    licenses: _Matcher
    exceptions: _Matcher
    exception_categories: Mapping[str, ExceptionEffect]
    osi: frozenset[str]
    fsf: frozenset[str]
    free_cultural: _Matcher


@functools.cache
def _tables() -> _Tables:
    # Read once, on the first classification: `import peerprod` must stay cheap.
    import importlib.resources  # noqa: PLC0415
    import tomllib  # noqa: PLC0415

    import license_expression  # noqa: PLC0415

    text = importlib.resources.files("peerprod.licenses").joinpath("data", "license_map.toml")
    data = tomllib.loads(text.read_text(encoding="utf-8"))
    rows: list[LicenseMapRow] = []
    categories: dict[str, _Rule] = {}
    for row in data["categories"]:
        rule = _rule(row)
        categories[row["category"]] = rule
        rows.append(_map_row("category", (row["category"],), rule))
    license_rows: list[tuple[Iterable[str], _Rule]] = []
    for row in data["licenses"]:
        rule = _rule(row)
        license_rows.append((row["ids"], rule))
        rows.append(_map_row("license", tuple(row["ids"]), rule))
    exception_rows: list[tuple[Iterable[str], tuple[ExceptionEffect, str]]] = []
    for row in data["exceptions"]:
        effect = ExceptionEffect(row["effect"])
        exception_rows.append((row["ids"], (effect, row["why"])))
        rows.append(
            LicenseMapRow(
                section="exception", match=tuple(row["ids"]), effect=effect, why=row["why"]
            )
        )
    exception_categories = {
        name: ExceptionEffect(value) for name, value in data["exception_categories"].items()
    }
    rows.extend(
        LicenseMapRow(section="exception category", match=(name,), effect=effect)
        for name, effect in exception_categories.items()
    )

    # ScanCode marks some deprecated SPDX *license* ids (GPL-2.0-with-classpath-exception) as
    # exceptions; naming one in the license overrides says it stands alone.
    standalone = {i.casefold() for ids, _ in license_rows for i in ids}
    names: dict[str, tuple[_Entry, str]] = {}
    scancode_keys: list[tuple[str, _Entry]] = []
    license_ids: list[str] = []
    exception_ids: list[str] = []
    for item in license_expression.get_license_index():
        spdx_id = item.get("spdx_license_key")
        if not spdx_id:
            continue
        entry = _Entry(
            spdx_id=spdx_id,
            category=item["category"],
            is_exception=bool(item["is_exception"]),
            is_deprecated=bool(item["is_deprecated"]),
        )
        names[spdx_id.casefold()] = (entry, "id")
        if entry.is_exception and spdx_id.casefold() not in standalone:
            exception_ids.append(spdx_id)
        else:
            license_ids.append(spdx_id)
        for alias in item.get("other_spdx_license_keys", ()):
            names.setdefault(alias.casefold(), (entry, "alias"))
        scancode_keys.append((item["license_key"], entry))
    for key, entry in scancode_keys:
        # ScanCode's own keys come last so that they never shadow an SPDX id or alias.
        names.setdefault(key.casefold(), (entry, "scancode"))
    for alias, target in data["aliases"].items():
        names.setdefault(alias.casefold(), (names[target.casefold()][0], "peerprod"))

    status = data["status"]
    return _Tables(
        version=str(data["version"]),
        rows=tuple(rows),
        names=names,
        license_ids=tuple(sorted(license_ids, key=str.casefold)),
        exception_ids=tuple(sorted(exception_ids, key=str.casefold)),
        exception_set=frozenset(exception_ids),
        categories=categories,
        licenses=_matcher(license_rows),
        exceptions=_matcher(exception_rows),
        exception_categories=exception_categories,
        osi=frozenset(i.casefold() for i in status["osi_approved"]),
        fsf=frozenset(i.casefold() for i in status["fsf_libre"]),
        free_cultural=_matcher([(status["free_cultural"], True)]),
    )


def _rule(row: Mapping[str, Any]) -> _Rule:
    if row["kind"] == "undetermined":
        return _Rule(kind=None, reciprocity=Reciprocity.NONE, why=row["why"])
    return _Rule(
        kind=LicenseKind(row["kind"]),
        reciprocity=Reciprocity(row["reciprocity"]),
        why=row["why"],
    )


def _map_row(
    section: Literal["category", "license"], match: tuple[str, ...], rule: _Rule
) -> LicenseMapRow:
    return LicenseMapRow(
        section=section,
        match=match,
        kind=rule.kind,
        reciprocity=None if rule.kind is None else rule.reciprocity,
        why=rule.why,
    )


def license_map_version() -> str:
    """The version of peerprod's license mapping table.

    It changes whenever a mapping changes, so a stored verdict can say which table it came
    from.

    Returns:
        The version string from ``peerprod/data/license_map.toml``.

    Example:
        >>> license_map_version()
        '1'
    """
    return _tables().version


def license_map_rows() -> tuple[LicenseMapRow, ...]:
    """The rows of peerprod's license mapping table, in the order of the data file.

    First the ScanCode categories, then the overrides for single licenses and families,
    then the effects of exceptions. The docs render the table from these rows.

    Returns:
        Every row, as frozen values.

    Example:
        >>> rows = license_map_rows()
        >>> [r.match for r in rows if r.section == "license" and "PPL" in r.match]
        [('PPL',)]
        >>> {r.kind for r in rows if r.section == "category"} >= {LicenseKind.CORPORATE, None}
        True
    """
    return _tables().rows


def known_ids(*, exceptions: bool = False) -> tuple[str, ...]:
    """The canonical SPDX ids of the shipped index, licenses or exceptions, sorted."""
    tables = _tables()
    return tables.exception_ids if exceptions else tables.license_ids


# -- reading one id -------------------------------------------------------------------------


class _Reading(NamedTuple):
    """One reading of a term: a kind and a reciprocity, and the symbol that gave it."""

    order: int
    kind: LicenseKind
    reciprocity: Reciprocity
    by: str


def _reading(kind: LicenseKind, reciprocity: Reciprocity, by: str) -> _Reading:
    return _Reading(_ORDERS[kind, reciprocity], kind, reciprocity, by)


def _most_open(a: _Reading, b: _Reading) -> _Reading:
    return b if b.order > a.order else a


def _least_open(a: _Reading, b: _Reading) -> _Reading:
    return b if b.order < a.order else a


_Status = tuple[bool | None, bool | None, bool | None]
"""What is known of OSI approval, FSF approval and free-culture approval, in that order."""


class _Term(NamedTuple):
    """What one node of an expression amounts to."""

    low: _Reading
    high: _Reading
    status: _Status
    text: str
    precedence: int


_ATOM, _AND, _OR = 3, 2, 1
_MAX_SUGGESTED = 8
_KNOWN_NOTHING: _Status = (None, None, None)
_NOT_FREE: _Status = (False, False, False)


def _phrase(kind: LicenseKind, reciprocity: Reciprocity) -> str:
    if kind is not LicenseKind.COMMONS and kind is not LicenseKind.SHARING:
        return f"{kind.value}"
    if reciprocity is Reciprocity.NONE:
        return f"{kind.value} without reciprocity"
    return f"{kind.value} with {reciprocity.value} reciprocity"


@attrs.frozen
class _Symbol:
    """One license id, resolved and classified (cached per spelling)."""

    canonical: str
    term: _Term | None
    reasons: tuple[str, ...]
    unknown: bool = False
    misplaced: str | None = None


def _symbol_term(
    canonical: str, kind: LicenseKind | None, reciprocity: Reciprocity, status: _Status
) -> _Term:
    if kind is None:
        # Never guessed: an undetermined term could be any outbound kind.
        low = _reading(LicenseKind.CORPORATE, Reciprocity.NONE, canonical)
        high = _reading(LicenseKind.COMMONS, Reciprocity.NONE, canonical)
    else:
        low = high = _reading(kind, reciprocity, canonical)
    return _Term(low, high, status, canonical, _ATOM)


class _Special(enum.Enum):
    NONE = "NONE"
    NOASSERTION = "NOASSERTION"


_HOW = {
    "alias": "an alias (a deprecated or alternative spelling)",
    "scancode": "a ScanCode key",
    "peerprod": "a common spelling",
}


def _resolve(symbol: str) -> tuple[_Entry, list[str]] | None:
    tables = _tables()
    folded = symbol.casefold()
    found = tables.names.get(folded)
    notes: list[str] = []
    if found is None and folded.endswith("+"):
        # "+" means "this version or any later one"; a later version of a license keeps its
        # regime, so the base id decides.
        found = tables.names.get(folded[:-1])
        if found is not None:
            notes.append(f"{symbol!r}: '+' means this version or any later one")
    if found is None:
        return None
    entry, how = found
    if how in _HOW:
        notes.append(f"{symbol!r} is {_HOW[how]} of {entry.spdx_id}")
    if entry.is_deprecated:
        notes.append(f"{entry.spdx_id} is a deprecated id")
    return entry, notes


@functools.lru_cache(maxsize=1024)
def _suggest(symbol: str, *, exception: bool) -> tuple[str, ...]:
    tables = _tables()
    pool = tables.exception_ids if exception else tables.license_ids
    folded = symbol.casefold()
    if not folded.startswith("licenseref-scancode-"):
        pool = tuple(i for i in pool if not i.startswith("LicenseRef-"))
    by_folded = {i.casefold(): i for i in pool}
    matches = difflib.get_close_matches(folded, list(by_folded), n=3, cutoff=0.75)
    return tuple(by_folded[m] for m in matches)


@functools.lru_cache(maxsize=4096)
def _license_symbol(symbol: str) -> _Symbol:
    folded = symbol.casefold()
    if folded == "none":
        return _Symbol(
            canonical=_Special.NONE.value,
            term=_symbol_term(
                _Special.NONE.value, LicenseKind.CORPORATE, Reciprocity.NONE, _NOT_FREE
            ),
            reasons=("NONE means no license: all rights are reserved",),
        )
    if folded == "noassertion":
        return _Symbol(
            canonical=_Special.NOASSERTION.value,
            term=_symbol_term(_Special.NOASSERTION.value, None, Reciprocity.NONE, _KNOWN_NOTHING),
            reasons=("NOASSERTION means nobody has said what the terms are",),
        )
    resolved = _resolve(symbol)
    if resolved is None:
        what = "a LicenseRef without a known mapping" if "licenseref-" in folded else "unknown"
        return _Symbol(
            canonical=symbol,
            term=_symbol_term(symbol, None, Reciprocity.NONE, _KNOWN_NOTHING),
            reasons=(f"{symbol} is {what}: its kind is not guessed",),
            unknown=True,
        )
    entry, notes = resolved
    tables = _tables()
    if entry.spdx_id in tables.exception_set:
        return _Symbol(
            canonical=entry.spdx_id,
            term=None,
            reasons=(),
            misplaced=(
                f"{entry.spdx_id!r} is a license exception: it can only follow WITH, "
                f"as in 'GPL-2.0-only WITH {entry.spdx_id}'"
            ),
        )
    rule = tables.licenses.find(entry.spdx_id.casefold())
    source = f"ScanCode category {entry.category!r}"
    if rule is None:
        rule = tables.categories.get(entry.category)
        if rule is None:
            # A category added to ScanCode after this table was written: not guessed.
            rule = _Rule(None, Reciprocity.NONE, "a ScanCode category this table does not map")
    else:
        source = f"peerprod override; {source}"
    phrase = "undetermined" if rule.kind is None else _phrase(rule.kind, rule.reciprocity)
    reason = f"{entry.spdx_id} is {phrase}: {rule.why} ({source})"
    status = _status(entry.spdx_id, rule.kind)
    return _Symbol(
        canonical=entry.spdx_id,
        term=_symbol_term(entry.spdx_id, rule.kind, rule.reciprocity, status),
        reasons=(*notes, reason),
    )


def _status(spdx_id: str, kind: LicenseKind | None) -> _Status:
    if kind is None:
        return _KNOWN_NOTHING
    if kind is not LicenseKind.COMMONS:
        # Neither the OSI, the FSF nor the free-culture definition approves terms that are not
        # the same for everyone.
        return _NOT_FREE
    tables = _tables()
    folded = spdx_id.casefold()
    return (
        True if folded in tables.osi else None,
        True if folded in tables.fsf else None,
        True if tables.free_cultural.find(folded) else None,
    )


@attrs.frozen
class _Exception:
    canonical: str
    effect: ExceptionEffect
    reasons: tuple[str, ...]
    unknown: bool = False
    misplaced: str | None = None


@functools.lru_cache(maxsize=1024)
def _exception_symbol(symbol: str) -> _Exception:
    resolved = _resolve(symbol)
    if resolved is None:
        return _Exception(
            canonical=symbol,
            effect=ExceptionEffect.UNDETERMINED,
            reasons=(f"{symbol} is an unknown exception: its effect is not guessed",),
            unknown=True,
        )
    entry, notes = resolved
    tables = _tables()
    if entry.spdx_id not in tables.exception_set:
        return _Exception(
            canonical=entry.spdx_id,
            effect=ExceptionEffect.UNDETERMINED,
            reasons=(),
            misplaced=(
                f"{entry.spdx_id!r} is a license, not an exception: combine licenses with AND or OR"
            ),
        )
    found = tables.exceptions.find(entry.spdx_id.casefold())
    if found is not None:
        effect, why = found
        source = "peerprod override"
    elif not entry.spdx_id.startswith("LicenseRef-"):
        effect, why = ExceptionEffect.PERMISSION, "an SPDX exception only adds permissions"
        source = "SPDX"
    else:
        effect = tables.exception_categories.get(entry.category, ExceptionEffect.UNDETERMINED)
        why = "the default for its ScanCode category"
        source = f"ScanCode category {entry.category!r}"
    return _Exception(
        canonical=entry.spdx_id,
        effect=effect,
        reasons=(*notes, f"{entry.spdx_id} is a {effect.value} exception: {why} ({source})"),
    )


# -- reading an expression ------------------------------------------------------------------

_WORD = frozenset(string.ascii_letters + string.digits + "-.+:_")
_SPACE = frozenset(" \t\r\n\f\v")
_OPERATORS = frozenset({"and", "or", "with"})


def _tokens(expression: str) -> list[tuple[str, int]]:
    """Split into words and parentheses, with their offsets; refuse anything else."""
    tokens: list[tuple[str, int]] = []
    i, n = 0, len(expression)
    while i < n:
        c = expression[i]
        if c in _SPACE:
            i += 1
        elif c in "()":
            tokens.append((c, i))
            i += 1
        elif c in _WORD:
            j = i + 1
            while j < n and expression[j] in _WORD:
                j += 1
            tokens.append((expression[i:j], i))
            i = j
        else:
            raise LicenseError(expression, f"unexpected character {c!r}", position=i)
    return tokens


def _check_grammar(expression: str, tokens: list[tuple[str, int]]) -> dict[str, int]:
    """Check the SPDX grammar without recursion; return each word's first offset.

    license-expression leaks IndexError, AttributeError and RecursionError on some malformed
    or hostile input, so peerprod refuses such text itself, with a position, before parsing.
    """
    expect_operand = True
    after_with = False
    with_allowed = False
    opened: list[int] = []
    previous = ""
    first_seen: dict[str, int] = {}
    for token, position in tokens:
        word = token.casefold()
        if token == "(":
            if not expect_operand:
                _fail(expression, f"expected AND or OR before '(' after {previous!r}", position)
            if after_with:
                _fail(expression, "WITH takes one exception id, not a parenthesis", position)
            opened.append(position)
            if len(opened) > MAX_NESTING:
                _fail(expression, f"nested deeper than {MAX_NESTING} parentheses", position)
        elif token == ")":
            if expect_operand:
                if previous == "(":
                    what = "empty parentheses"
                elif previous:
                    what = f"expected a license id after {previous!r}, found ')'"
                else:
                    what = "unbalanced ')'"
                _fail(expression, what, position)
            if not opened:
                _fail(expression, "unbalanced ')'", position)
            opened.pop()
            with_allowed = False
        elif word in _OPERATORS:
            if expect_operand:
                _fail(expression, f"expected a license id, found {token!r}", position)
            if word == "with":
                if not with_allowed:
                    _fail(expression, "WITH must follow a single license id", position)
                after_with = True
            expect_operand = True
        else:
            if not expect_operand:
                _fail(
                    expression,
                    f"expected AND, OR or WITH between {previous!r} and {token!r}",
                    position,
                )
            first_seen.setdefault(token, position)
            expect_operand = False
            with_allowed = not after_with
            after_with = False
        previous = token
    if expect_operand:
        _fail(expression, f"the expression ends after {previous!r}", len(expression))
    if opened:
        _fail(expression, "unclosed '('", opened[-1])
    return first_seen


def _fail(expression: str, detail: str, position: int) -> None:
    raise LicenseError(expression, detail, position=position)


@functools.cache
def _parser() -> Any:
    import license_expression  # noqa: PLC0415

    # A Licensing without symbols only parses: peerprod resolves every id itself, against the
    # whole ScanCode index and its own aliases.
    return license_expression.Licensing()


def _parse(expression: str) -> Any:
    try:
        return _parser().parse(expression, validate=False, strict=False, simple=False)
    except Exception as exc:
        # The grammar check above should leave nothing for the library to refuse; if it does,
        # its error still reaches the caller as a LicenseError, never as a library type.
        position = getattr(exc, "position", None)
        raise LicenseError(
            expression,
            f"cannot be parsed ({exc})",
            position=position if isinstance(position, int) and position >= 0 else None,
        ) from exc


@attrs.define
class _Walk:
    expression: str
    positions: Mapping[str, int]
    reasons: dict[str, None] = attrs.field(factory=dict)
    decisions: dict[str, None] = attrs.field(factory=dict)
    unknown: dict[str, UnknownSymbol] = attrs.field(factory=dict)

    def suggest(self, symbol: str, *, exception: bool) -> tuple[str, ...]:
        # Close matches cost a scan of every known id; hostile text with hundreds of unknown
        # ids gets them for the first few only.
        if len(self.unknown) >= _MAX_SUGGESTED:
            return ()
        return _suggest(symbol, exception=exception)

    def note(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.reasons.setdefault(line, None)

    def term(self, node: Any) -> _Term:
        with_type, symbol_type, and_type, or_type = _node_types()
        if isinstance(node, symbol_type):
            return self.license(node.key)
        if isinstance(node, with_type):
            return self.with_exception(node.license_symbol.key, node.exception_symbol.key)
        if isinstance(node, or_type):
            return self.combine(node, is_or=True)
        if isinstance(node, and_type):
            return self.combine(node, is_or=False)
        raise LicenseError(self.expression, f"unsupported construct {node!r}")

    def record(self, symbol: str, found: _Symbol | _Exception, *, exception: bool) -> None:
        position = self.positions.get(symbol, 0)
        if found.misplaced is not None:
            raise LicenseError(self.expression, found.misplaced, position=position)
        self.note(found.reasons)
        if found.unknown and symbol not in self.unknown:
            self.unknown[symbol] = UnknownSymbol(
                symbol=symbol,
                position=position,
                exception=exception,
                suggestions=self.suggest(symbol, exception=exception),
            )

    def license(self, symbol: str) -> _Term:
        found = _license_symbol(symbol)
        self.record(symbol, found, exception=False)
        assert found.term is not None  # only a misplaced exception has none
        return found.term

    def with_exception(self, license_symbol: str, exception_symbol: str) -> _Term:
        base = self.license(license_symbol)
        found = _exception_symbol(exception_symbol)
        self.record(exception_symbol, found, exception=True)
        text = f"{base.text} WITH {found.canonical}"
        low, high, status = base.low, base.high, base.status
        corporate = _reading(LicenseKind.CORPORATE, Reciprocity.NONE, text)
        match found.effect:
            case ExceptionEffect.LINKING:
                low = _reading(low.kind, min(low.reciprocity, Reciprocity.WEAK), text)
                high = _reading(high.kind, min(high.reciprocity, Reciprocity.WEAK), text)
            case ExceptionEffect.PERMISSION:
                low = _reading(*_pair(low), text)
                high = _reading(*_pair(high), text)
            case ExceptionEffect.RIDER:
                low = _reading(*_pair(_least_open(low, corporate)), text)
                high = _reading(*_pair(_least_open(high, corporate)), text)
                status = _NOT_FREE
            case ExceptionEffect.UNDETERMINED:
                low = _reading(*_pair(_least_open(low, corporate)), text)
                high = _reading(high.kind, Reciprocity.NONE, text)
                status = _KNOWN_NOTHING
        return _Term(low, high, status, text, _ATOM)

    def combine(self, node: Any, *, is_or: bool) -> _Term:
        parts = [self.term(arg) for arg in node.args]
        pick = _most_open if is_or else _least_open
        low, high = parts[0].low, parts[0].high
        for part in parts[1:]:
            low, high = pick(low, part.low), pick(high, part.high)
        precedence = _OR if is_or else _AND
        joiner = " OR " if is_or else " AND "
        text = joiner.join(p.text if p.precedence >= precedence else f"({p.text})" for p in parts)
        status = _combine_status([p.status for p in parts], is_or=is_or)
        if is_or:
            why = "the recipient chooses, so the most open option decides"
        else:
            why = "every term binds, so the least open term decides"
        self.decisions.setdefault(f"{_shorten(text)}: {why}{_deciders(low, high)}", None)
        return _Term(low, high, status, text, precedence)


def _pair(reading: _Reading) -> tuple[LicenseKind, Reciprocity]:
    return reading.kind, reading.reciprocity


def _combine_status(statuses: list[_Status], *, is_or: bool) -> _Status:
    # Three-valued: under OR one approved option is enough, under AND one unapproved term is.
    decisive, other = (True, False) if is_or else (False, True)
    combined: list[bool | None] = []
    for values in zip(*statuses, strict=True):
        if decisive in values:
            combined.append(decisive)
        elif all(v is other for v in values):
            combined.append(other)
        else:
            combined.append(None)
    return combined[0], combined[1], combined[2]


@functools.cache
def _node_types() -> tuple[Any, Any, Any, Any]:
    import license_expression as le  # noqa: PLC0415

    return le.LicenseWithExceptionSymbol, le.LicenseSymbol, le.AND, le.OR


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _deciders(low: _Reading, high: _Reading) -> str:
    if low.by == high.by:
        return f" ({low.by})"
    return f" (least open reading: {low.by}; most open: {high.by})"


_ALL_RIGHTS_RESERVED = (
    "no license: all rights are reserved, so recipients get no rights to the work"
)


def classify_license(expression: str | None) -> LicenseVerdict:
    """Place an SPDX license expression in the essay's property regimes.

    Ids match case-insensitively, deprecated ids and ScanCode keys resolve through the
    index's aliases, and ``+`` means "this version or any later one". ``OR`` lets the
    recipient choose, so the most open kind decides, with the weakest reciprocity among the
    options of that kind; ``AND`` binds every term, so the least open kind decides, with
    the strongest reciprocity among the terms of that kind. After ``WITH``, a linking
    exception caps reciprocity at weak and a rider such as the Commons Clause lowers the kind
    to corporate. Unknown ids are not guessed: the verdict spans what they could be.

    Results are cached per expression, and the reading of each id is cached too.

    Args:
        expression: An SPDX license expression. None, or text with nothing in it, means the
            work has no license: all rights reserved.

    Returns:
        The verdict: the kind and reciprocity (or the range they could still be in), what is
        known of OSI, FSF and free-culture approval, unknown ids with close matches, and the
        reasons.

    Raises:
        LicenseError: The text is not an SPDX license expression: a stray character, a
            misplaced operator or parenthesis, an exception without WITH, nesting deeper than
            :data:`MAX_NESTING` or text longer than :data:`MAX_EXPRESSION_LENGTH`.
        TypeError: ``expression`` is neither a string nor None.

    Example:
        >>> v = classify_license("MIT OR GPL-3.0-or-later")
        >>> v.kind, v.reciprocity, v.osi_approved
        (<LicenseKind.COMMONS: 'commons'>, <Reciprocity.NONE: 'none'>, True)
        >>> v.reasons[-1]
        'verdict: commons without reciprocity, decided by MIT'
        >>> classify_license("GPL-2.0-only WITH Classpath-exception-2.0").reciprocity
        <Reciprocity.WEAK: 'weak'>
        >>> classify_license("CC-BY-NC-4.0").kind
        <LicenseKind.SHARING: 'sharing'>
        >>> classify_license("").all_rights_reserved
        True
    """
    if expression is None:
        return _classify("")
    given: object = expression  # the annotation is not a promise callers keep at run time
    if not isinstance(given, str):
        msg = f"a license expression must be a string or None, not {type(given).__name__}"
        raise TypeError(msg)
    return _classify(expression)


@functools.lru_cache(maxsize=8192)
def _classify(expression: str) -> LicenseVerdict:
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise LicenseError(
            expression,
            f"longer than {MAX_EXPRESSION_LENGTH} characters ({len(expression)})",
        )
    tokens = _tokens(expression)
    if not tokens:
        return LicenseVerdict(
            expression=None,
            low=LicenseKind.CORPORATE,
            low_reciprocity=Reciprocity.NONE,
            high=LicenseKind.CORPORATE,
            high_reciprocity=Reciprocity.NONE,
            osi_approved=False,
            fsf_libre=False,
            free_cultural=False,
            all_rights_reserved=True,
            reasons=(_ALL_RIGHTS_RESERVED,),
        )
    positions = _check_grammar(expression, tokens)
    walk = _Walk(expression=expression, positions=positions)
    term = walk.term(_parse(expression))
    low, high = term.low, term.high
    if low.order == high.order:
        conclusion = f"verdict: {_phrase(low.kind, low.reciprocity)}, decided by {low.by}"
    else:
        conclusion = (
            f"verdict: not settled, between {_phrase(low.kind, low.reciprocity)} "
            f"(least open reading, from {low.by}) and {_phrase(high.kind, high.reciprocity)} "
            f"(most open reading, from {high.by})"
        )
    is_none = term.text == _Special.NONE.value
    return LicenseVerdict(
        expression=term.text,
        low=low.kind,
        low_reciprocity=low.reciprocity,
        high=high.kind,
        high_reciprocity=high.reciprocity,
        osi_approved=term.status[0],
        fsf_libre=term.status[1],
        free_cultural=term.status[2],
        unknown=tuple(walk.unknown.values()),
        all_rights_reserved=is_none,
        reasons=(*walk.reasons, *walk.decisions, conclusion),
    )
