"""How far coders agree who code the same cases: Cohen's kappa and Krippendorff's alpha.

Researchers code real cases in pairs, two coders answering the same questions
about the same cases from public sources, and trust the coding where they agree.
A coding :class:`Unit` is one question about one case; a :class:`Coding` holds the
values one coder gave, one per unit, leaving out the units they did not code.
Values are hashable and compared for equality (nominal data); for an ordinal
question the caller passes the categories in order. The arithmetic is exact
(fractions) until the result, so identical codings give exactly 1 and the order
of the coders changes nothing. This module knows nothing of peerprod's model.

Example:
    >>> a = Coding.from_dict("ann", {("c1", "q"): 1, ("c2", "q"): 2, ("c3", "q"): 2})
    >>> b = Coding.from_dict("ben", {("c1", "q"): 1, ("c2", "q"): 1, ("c3", "q"): 2})
    >>> cohen_kappa(a, b).kappa, round(krippendorff_alpha([a, b]).alpha, 3)
    (0.4, 0.444)

:mod:`peerprod.analysis.reliability` compares two coders question by question and
reads peerprod documents into codings.
"""

from __future__ import annotations

import enum
import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import attrs

from peerprod.errors import InvalidValue

if TYPE_CHECKING:
    from typing import Self

__all__ = [
    "AlphaResult",
    "Coding",
    "KappaResult",
    "Metric",
    "Undefined",
    "Unit",
    "cohen_kappa",
    "krippendorff_alpha",
]

V = TypeVar("V", bound=Hashable)
"""The type of the values coders give."""


@enum.unique
class Metric(enum.Enum):
    """How unlike two values are, Krippendorff's "level of measurement".

    Example:
        >>> Metric("ordinal")
        <Metric.ORDINAL: 'ordinal'>
    """

    NOMINAL = "nominal"
    """Values are only the same or different: every mismatch costs the same."""
    ORDINAL = "ordinal"
    """Values are ordered categories: a mismatch costs more the more values were
    coded between the two (Krippendorff's ordinal metric, from the counts n_c)."""


@enum.unique
class Undefined(enum.Enum):
    """Why a coefficient has no value.

    Example:
        >>> Undefined.ONE_CATEGORY.describe()
        'every value falls in one category'
    """

    NO_DATA = "no_data"
    """Nothing to compare: no unit was coded by both coders (kappa), or no unit
    has two values (alpha)."""
    ONE_CATEGORY = "one_category"
    """Every value falls in one category, so agreement by chance is certain and
    chance-corrected agreement is 0/0."""

    def describe(self) -> str:
        """Say why in a few words, for tables and messages."""
        return _UNDEFINED_TEXT[self]


_UNDEFINED_TEXT = {
    Undefined.NO_DATA: "nothing to compare",
    Undefined.ONE_CATEGORY: "every value falls in one category",
}


def _check_name(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(attribute.name, value, "must be a non-blank string")


@attrs.frozen(kw_only=True, order=True)
class Unit:
    """One question about one case: what coders each give one value to.

    Units sort by case, then question.

    Example:
        >>> sorted([Unit(case="lego", question="q2"), Unit(case="lego", question="q1")])[0]
        Unit(case='lego', question='q1')
    """

    case: str = attrs.field(validator=_check_name)
    """The id of the case coded."""
    question: str = attrs.field(validator=_check_name)
    """The id of the question answered about it."""

    def __str__(self) -> str:
        return f"{self.case} / {self.question}"


def _check_value(field: str, value: object) -> None:
    """Reject what cannot be a category: None, unhashable values, NaN."""
    if value is None:
        raise InvalidValue(field, value, "None is not a value; leave a missing unit out")
    try:
        hash(value)
    except TypeError as error:
        raise InvalidValue(field, value, "must be hashable") from error
    if value != value:  # noqa: PLR0124 - NaN and its kind
        raise InvalidValue(field, value, "is not equal to itself, so it cannot be a category")


def _is_pair(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2


def _to_pairs(value: Mapping[Unit, V] | Iterable[tuple[Unit, V]]) -> tuple[tuple[Unit, V], ...]:
    """Accept a mapping or pairs for :attr:`Coding.values`, sorted by unit when they are units."""
    pairs: tuple[Any, ...] = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    if all(_is_pair(p) and isinstance(p[0], Unit) for p in pairs):
        return tuple(sorted(pairs, key=lambda pair: pair[0]))
    return pairs


def _check_pairs(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    assert isinstance(value, tuple)  # the converter made it one
    seen: set[Unit] = set()
    for index, pair in enumerate(value):
        field = f"values[{index}]"
        if not _is_pair(pair) or not isinstance(pair[0], Unit):
            raise InvalidValue(field, pair, "must be a (Unit, value) pair")
        unit, item = pair
        _check_value(f"{field} ({unit})", item)
        if unit in seen:
            raise InvalidValue(field, unit, "is coded twice by the same coder")
        seen.add(unit)


@attrs.frozen(kw_only=True)
class Coding(Generic[V]):
    """The values one coder gave, one per unit they coded.

    A unit the coder did not code (or could not answer) is simply absent.
    Values are compared for equality, so ``1``, ``1.0`` and ``True`` are one
    category; None and NaN are refused (use :meth:`from_dict` to drop None).

    Example:
        >>> Coding(coder="alice", values={Unit(case="lego", question="q1"): "yes"}).as_dict()
        {Unit(case='lego', question='q1'): 'yes'}
    """

    coder: str = attrs.field(validator=_check_name)
    """Who coded: a name or id, distinct among the coders compared."""
    values: tuple[tuple[Unit, V], ...] = attrs.field(converter=_to_pairs, validator=_check_pairs)
    """Each coded unit with its value, sorted by unit, no unit twice (a mapping
    or any iterable of pairs is accepted)."""

    @classmethod
    def from_dict(
        cls,
        coder: str,
        values: Mapping[tuple[str, str], V | None]
        | Mapping[Unit, V | None]
        | Mapping[Unit | tuple[str, str], V | None],
    ) -> Coding[V]:
        """Build a coding from a dict keyed by units or ``(case, question)`` pairs.

        A None value marks the unit as not coded (missing) and is left out.

        Args:
            coder: Who coded.
            values: The value for each unit, or None where the coder gave none.

        Returns:
            The coding, without the missing units.

        Raises:
            InvalidValue: If a key is neither a :class:`Unit` nor a pair of
                non-blank strings, or a value is unhashable or NaN.

        Example:
            >>> Coding.from_dict("bob", {("lego", "q1"): "no", ("lego", "q2"): None}).values
            ((Unit(case='lego', question='q1'), 'no'),)
        """
        pairs: list[tuple[Unit, V]] = []
        for key, value in values.items():
            if value is None:
                continue
            if isinstance(key, Unit):
                unit = key
            elif _is_pair(key):
                unit = Unit(case=key[0], question=key[1])
            else:
                raise InvalidValue("values", key, "keys must be units or (case, question) pairs")
            pairs.append((unit, value))
        return cls(coder=coder, values=pairs)

    def as_dict(self) -> dict[Unit, V]:
        """The values as a fresh dict keyed by unit."""
        return dict(self.values)

    def restricted(self, question: str) -> Self:
        """The same coder's values for one question only.

        Example:
            >>> coding = Coding.from_dict("bob", {("lego", "q1"): "no", ("lego", "q2"): "yes"})
            >>> coding.restricted("q2").values
            ((Unit(case='lego', question='q2'), 'yes'),)
        """
        return attrs.evolve(
            self, values=tuple(pair for pair in self.values if pair[0].question == question)
        )


def _show(value: object) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    return str(value)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


@attrs.frozen(kw_only=True)
class KappaResult:
    """Cohen's kappa for two coders, with what it was computed from.

    Example:
        >>> str(KappaResult(kappa=None, observed=1.0, expected=1.0, units=4,
        ...                 undefined=Undefined.ONE_CATEGORY))
        'kappa undefined (every value falls in one category): observed agreement 1.000 over 4 units'
    """

    kappa: float | None
    """Agreement beyond chance, ``(observed - expected) / (1 - expected)``, in
    [-1, 1]; None when :attr:`undefined` says why not."""
    observed: float | None
    """The share of units on which the two coders gave the same value; None when
    no unit was coded by both."""
    expected: float | None
    """The share expected by chance from each coder's own distribution of values;
    None when no unit was coded by both."""
    units: int
    """How many units both coders coded: the units compared."""
    undefined: Undefined | None = None
    """Why there is no kappa, or None when there is one."""

    def __str__(self) -> str:
        if self.kappa is not None:
            head = f"kappa {self.kappa:.3f}"
        else:
            reason = "" if self.undefined is None else f" ({self.undefined.describe()})"
            head = f"kappa undefined{reason}"
        if self.observed is None:
            return f"{head}: no unit coded by both"
        detail = f"observed agreement {self.observed:.3f}"
        if self.kappa is not None:
            detail += f", expected {_number(self.expected)}"
        return f"{head}: {detail} over {self.units} unit{'s' * (self.units != 1)}"


@attrs.frozen(kw_only=True)
class AlphaResult:
    """Krippendorff's alpha, with what it was computed from.

    Example:
        >>> str(AlphaResult(alpha=0.5, observed=0.25, expected=0.5, pairable=8,
        ...                 metric=Metric.NOMINAL))
        'alpha 0.500 (nominal): observed disagreement 0.250, expected 0.500, 8 pairable values'
    """

    alpha: float | None
    """Reliability, ``1 - observed / expected``: 1 for perfect agreement, 0 for
    agreement at chance level, negative below it; None when :attr:`undefined`
    says why not."""
    observed: float | None
    """The observed disagreement D_o; None when no value is pairable."""
    expected: float | None
    """The disagreement D_e expected by chance; None when no value is pairable."""
    pairable: int
    """How many values were pairable (n): those in units with at least two values."""
    metric: Metric
    """The metric the disagreements were measured with."""
    undefined: Undefined | None = None
    """Why there is no alpha, or None when there is one."""

    def __str__(self) -> str:
        if self.alpha is not None:
            head = f"alpha {self.alpha:.3f} ({self.metric.value})"
        else:
            reason = "" if self.undefined is None else f"; {self.undefined.describe()}"
            head = f"alpha undefined ({self.metric.value}{reason})"
        if self.observed is None:
            return f"{head}: no pairable values"
        return (
            f"{head}: observed disagreement {self.observed:.3f}, expected "
            f"{_number(self.expected)}, {self.pairable} pairable value{'s' * (self.pairable != 1)}"
        )


def cohen_kappa(a: Coding[V], b: Coding[V]) -> KappaResult:
    """Cohen's kappa for two coders, over the units both coded (nominal values).

    Kappa is ``(p_o - p_e) / (1 - p_e)``, where ``p_o`` is the share of units the
    coders agree on and ``p_e = sum_c p_a(c) * p_b(c)`` the agreement expected if
    each coded at random with their own frequencies. Units only one coder coded
    are left out. When there is no unit in common, or both coders gave one and
    the same value to every unit (``p_e = 1``), kappa is undefined and
    :attr:`KappaResult.undefined` says which.

    Args:
        a: The first coder's values.
        b: The second coder's values.

    Returns:
        Kappa, the observed and expected agreement, and the number of units.

    Example:
        >>> a = Coding.from_dict("a", {("c1", "q"): "yes", ("c2", "q"): "yes",
        ...                            ("c3", "q"): "no", ("c4", "q"): "no"})
        >>> b = Coding.from_dict("b", {("c1", "q"): "yes", ("c2", "q"): "no",
        ...                            ("c3", "q"): "no", ("c4", "q"): "no"})
        >>> print(cohen_kappa(a, b))
        kappa 0.500: observed agreement 0.750, expected 0.500 over 4 units
    """
    first, second = a.as_dict(), b.as_dict()
    pairs = [(value, second[unit]) for unit, value in first.items() if unit in second]
    units = len(pairs)
    result = functools.partial(KappaResult, units=units)
    if units == 0:
        return result(kappa=None, observed=None, expected=None, undefined=Undefined.NO_DATA)
    observed = Fraction(sum(1 for x, y in pairs if x == y), units)
    counts_a = Counter(x for x, _ in pairs)
    counts_b = Counter(y for _, y in pairs)
    expected = Fraction(sum(n * counts_b[c] for c, n in counts_a.items()), units * units)
    if expected == 1:  # both gave one and the same value throughout: kappa is 0/0
        return result(
            kappa=None, observed=float(observed), expected=1.0, undefined=Undefined.ONE_CATEGORY
        )
    kappa = (observed - expected) / (1 - expected)
    return result(kappa=float(kappa), observed=float(observed), expected=float(expected))


def _alpha(
    units: Iterable[Sequence[Hashable]], metric: Metric, order: Sequence[Hashable]
) -> AlphaResult:
    """Alpha from the values of each unit, by the coincidence matrix (Krippendorff 2011).

    ``order`` lists the categories from lowest to highest for the ordinal metric.
    """
    coincidences: defaultdict[tuple[Hashable, Hashable], Fraction] = defaultdict(Fraction)
    totals: Counter[Hashable] = Counter()
    for values in units:
        m = len(values)
        if m < 2:
            continue  # a lone value has nothing to be paired with
        in_unit = Counter(values)
        for c, n_c in in_unit.items():
            totals[c] += n_c
            for k, n_k in in_unit.items():
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                coincidences[c, k] += Fraction(pairs, m - 1)
    n = sum(totals.values())
    result = functools.partial(AlphaResult, pairable=n, metric=metric)
    if n == 0:
        return result(alpha=None, observed=None, expected=None, undefined=Undefined.NO_DATA)
    observed: Fraction
    expected: Fraction
    if metric is Metric.NOMINAL:
        # delta is 1 off the diagonal, so the sums reduce to the diagonal and the marginals.
        observed = n - sum((o for (c, k), o in coincidences.items() if c == k), Fraction(0))
        expected = Fraction(n * n - sum(n_c * n_c for n_c in totals.values()))
    else:
        delta = _ordinal_distances(totals, order)
        observed = sum(
            (o * delta(c, k) for (c, k), o in coincidences.items() if c != k), Fraction(0)
        )
        expected = sum(
            (n_c * n_k * delta(c, k) for c, n_c in totals.items() for k, n_k in totals.items()),
            Fraction(0),
        )
    observed /= n
    expected /= n * (n - 1)
    if expected == 0:  # one category among the pairable values: alpha is 0/0
        return result(
            alpha=None, observed=float(observed), expected=0.0, undefined=Undefined.ONE_CATEGORY
        )
    return result(
        alpha=float(1 - observed / expected), observed=float(observed), expected=float(expected)
    )


def _ordinal_distances(
    totals: Mapping[Hashable, int], order: Sequence[Hashable]
) -> Callable[[Hashable, Hashable], Fraction]:
    """Krippendorff's ordinal delta(c, k): (sum of n_g from c to k - (n_c + n_k) / 2) ** 2."""
    present = [c for c in order if totals.get(c, 0)]
    rank = {c: i for i, c in enumerate(present)}
    cumulative = [0, *itertools.accumulate(totals[c] for c in present)]

    def delta(c: Hashable, k: Hashable) -> Fraction:
        low, high = sorted((rank[c], rank[k]))
        return (cumulative[high + 1] - cumulative[low] - Fraction(totals[c] + totals[k], 2)) ** 2

    return delta


def _distinct_coders(codings: Sequence[Coding[Any]]) -> None:
    seen: set[str] = set()
    for index, coding in enumerate(codings):
        if not isinstance(coding, Coding):
            raise InvalidValue(f"codings[{index}]", coding, "must be a Coding")
        if coding.coder in seen:
            raise InvalidValue(f"codings[{index}].coder", coding.coder, "is given twice")
        seen.add(coding.coder)


def _check_categories(
    categories: Sequence[V] | None, metric: Metric, used: Iterable[V]
) -> tuple[V, ...]:
    if categories is None:
        if metric is Metric.ORDINAL:
            raise InvalidValue(
                "categories", None, "the ordinal metric needs the categories, lowest first"
            )
        return ()
    if isinstance(categories, str | bytes) or not isinstance(categories, Sequence):
        raise InvalidValue("categories", categories, "must be a sequence of values, lowest first")
    order = tuple(categories)
    for index, category in enumerate(order):
        _check_value(f"categories[{index}]", category)
    if len(set(order)) != len(order):
        repeated = [c for c, n in Counter(order).items() if n > 1]
        raise InvalidValue("categories", categories, f"lists {repeated!r} more than once")
    known = set(order)
    unknown = sorted({_show(v) for v in used if v not in known})
    if unknown:
        raise InvalidValue(
            "categories", categories, f"does not list the coded values {', '.join(unknown)}"
        )
    return order


def krippendorff_alpha(
    codings: Iterable[Coding[V]],
    metric: Metric | Literal["nominal", "ordinal"] = Metric.NOMINAL,
    *,
    categories: Sequence[V] | None = None,
) -> AlphaResult:
    """Krippendorff's alpha for two or more coders, missing values allowed.

    Alpha is ``1 - D_o / D_e``, the observed disagreement over the disagreement
    expected by chance, both read off the coincidence matrix (Krippendorff,
    "Computing Krippendorff's Alpha-Reliability", 2011). A unit with fewer than
    two values cannot be paired and is left out, as Krippendorff defines; n, the
    number of pairable values, counts the values in the other units. With the
    ordinal metric the distance between categories c and k is
    ``(n_c/2 + sum of n_g strictly between them + n_k/2) ** 2``, so it depends on
    how the values were used, not on labels.

    Args:
        codings: One coding per coder; coder names must be distinct.
        metric: ``"nominal"`` or ``"ordinal"`` (or a :class:`Metric`).
        categories: The possible values, lowest first. Required for the ordinal
            metric; for nominal, if given, every value must be one of them.

    Returns:
        Alpha, the observed and expected disagreement, and n. Alpha is undefined
        (None, with the reason) when no value is pairable or every pairable
        value falls in one category.

    Raises:
        InvalidValue: If two codings have the same coder, ``metric`` is not a
            metric, or ``categories`` is missing for the ordinal metric, repeats
            a category or leaves out a coded value.

    Example:
        >>> a = Coding.from_dict("a", {("c1", "q"): "low", ("c2", "q"): "high", ("c3", "q"): "mid"})
        >>> b = Coding.from_dict("b", {("c1", "q"): "low", ("c2", "q"): "mid", ("c3", "q"): "mid"})
        >>> print(krippendorff_alpha([a, b]))
        alpha 0.545 (nominal): observed disagreement 0.333, expected 0.733, 6 pairable values
        >>> print(krippendorff_alpha([a, b], "ordinal", categories=["low", "mid", "high"]))
        alpha 0.778 (ordinal): observed disagreement 1.333, expected 6.000, 6 pairable values
    """
    try:
        measure = Metric(metric)
    except ValueError as error:
        raise InvalidValue("metric", metric, "must be 'nominal' or 'ordinal'") from error
    coders = list(codings)
    _distinct_coders(coders)
    by_unit: dict[Unit, list[V]] = {}
    for coding in coders:
        for unit, value in coding.values:
            by_unit.setdefault(unit, []).append(value)
    order = _check_categories(
        categories, measure, (v for values in by_unit.values() for v in values)
    )
    return _alpha(by_unit.values(), measure, order)
