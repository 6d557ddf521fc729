"""The algebra of license expressions: readings, and how AND, OR and WITH combine them.

A *reading* is a kind and a reciprocity. Readings are ordered two ways:

* **Openness to the recipient** (a chain): the kind first, then the weaker duty as
  more open. This is the order a recipient choosing among alternatives follows, so
  the most open reading of a set is the one a recipient would pick.
* **Strength of terms** (a product order): ``x`` is at most ``y`` when ``x``'s kind is at
  most ``y``'s and ``x``'s duty at least ``y``'s. ``x AND y`` is their meet here: the
  least open kind of the two, with the duties of both (the stronger one).

An expression denotes the set of readings its recipient could end up with, closed
downwards in the product order (whoever may take a reading may also accept stronger
terms). ``AND`` is the intersection of these sets and ``OR`` their union, so the
laws of a distributive lattice hold exactly: idempotence, commutativity,
associativity, absorption, distributivity, monotonicity. The verdict is the reading a
recipient would choose: the most open one of the set. Its kind is the join of the
parts' kinds under ``OR`` and their meet under ``AND``; its duties are those of the
chosen alternative, added up over every part that binds with it.

Each set is a 20-bit mask over the readings (four kinds by five duties), with a
reading's bit at its position on the openness chain, so ``AND`` is ``&``, ``OR`` is
``|`` and the chosen reading is the highest bit.

Example:
    >>> from peerprod.licenses.kinds import LicenseKind as K, Reciprocity as R
    >>> mpl, busl = down(position(K.COMMONS, R.WEAK)), down(position(K.CORPORATE, R.NONE))
    >>> reading(choice(mpl & busl))
    (<LicenseKind.CORPORATE: 'corporate'>, <Reciprocity.WEAK: 'weak'>)
    >>> reading(choice(mpl | busl))
    (<LicenseKind.COMMONS: 'commons'>, <Reciprocity.WEAK: 'weak'>)
"""

from __future__ import annotations

from typing import Final

from peerprod.licenses.kinds import ExceptionEffect, LicenseKind, Reciprocity

__all__ = [
    "BOTTOM",
    "FULL",
    "apply_effect",
    "choice",
    "down",
    "phrase",
    "position",
    "reading",
]

_KINDS: Final = tuple(LicenseKind)
_DUTIES: Final = tuple(Reciprocity)
_N_DUTIES: Final = len(_DUTIES)


def position(kind: LicenseKind, reciprocity: Reciprocity) -> int:
    """The place of a reading on the openness chain, 0 for the least open.

    Example:
        >>> position(LicenseKind.COMMONS, Reciprocity.NONE) == len(LicenseKind) * 5 - 1
        True
    """
    # Keyed by the members' values: an enum member hashes in Python, a string in C.
    return POSITIONS[kind._value_, reciprocity._value_]


_READINGS: Final = tuple(
    (kind, duty) for kind in _KINDS for duty in reversed(_DUTIES)
)  # indexed by position
POSITIONS: Final[dict[tuple[str, str], int]] = {
    (k.value, d.value): at for at, (k, d) in enumerate(_READINGS)
}
"""Each reading's position, by the values of its kind and reciprocity."""


def reading(at: int) -> tuple[LicenseKind, Reciprocity]:
    """The kind and reciprocity at a position of the openness chain."""
    return _READINGS[at]


def _down(at: int) -> int:
    kind, duty = _READINGS[at]
    mask = 0
    for other, (k, d) in enumerate(_READINGS):
        if k <= kind and d >= duty:
            mask |= 1 << other
    return mask


_DOWN: Final = tuple(_down(at) for at in range(len(_READINGS)))

FULL: Final = (1 << len(_READINGS)) - 1
"""Every reading: the set of a term that binds nobody to anything (the unit of AND)."""

BOTTOM: Final = position(LicenseKind.SHARECROPPING, Reciprocity.COPYFAIR)
"""The least open reading of all."""


def down(at: int) -> int:
    """The set of one reading: it and every reading with stronger terms."""
    return _DOWN[at]


def choice(mask: int) -> int:
    """The reading a recipient would choose from a non-empty set: its most open one."""
    return mask.bit_length() - 1


_CAP: Final = {
    ExceptionEffect.LINKING: Reciprocity.WEAK,
    ExceptionEffect.OUTPUT: Reciprocity.WEAK,
    ExceptionEffect.BOUNDARY: Reciprocity.WEAK,
}


def apply_effect(at: int, effect: ExceptionEffect, *, most_open: bool = False) -> int:
    """The reading of a license after ``WITH`` an exception of that effect.

    Each effect is monotone, so applying it to a reading and taking the set of the result
    is the same as applying it to every reading of the set. An undetermined effect is
    read as a rider for the least open reading and as freeing every duty for the most
    open one (``most_open``).

    Example:
        >>> gpl = position(LicenseKind.COMMONS, Reciprocity.STRONG)
        >>> reading(apply_effect(gpl, ExceptionEffect.OUTPUT))[1]
        <Reciprocity.WEAK: 'weak'>
        >>> reading(apply_effect(gpl, ExceptionEffect.RIDER))
        (<LicenseKind.CORPORATE: 'corporate'>, <Reciprocity.STRONG: 'strong'>)
    """
    kind, duty = _READINGS[at]
    cap = _CAP.get(effect)
    if cap is not None:
        return position(kind, min(duty, cap))
    if effect is ExceptionEffect.UNDETERMINED:
        if most_open:
            return position(kind, Reciprocity.NONE)
        effect = ExceptionEffect.RIDER
    if effect is ExceptionEffect.RIDER:
        return position(min(kind, LicenseKind.CORPORATE), duty)
    return at


def phrase(kind: LicenseKind, reciprocity: Reciprocity) -> str:
    """A reading in words, as the reasons give it.

    Example:
        >>> phrase(LicenseKind.CORPORATE, Reciprocity.WEAK)
        'corporate with weak reciprocity'
        >>> phrase(LicenseKind.COMMONS, Reciprocity.NONE)
        'commons without reciprocity'
    """
    return PHRASES[kind._value_, reciprocity._value_]


def _phrase(kind: LicenseKind, reciprocity: Reciprocity) -> str:
    if reciprocity is Reciprocity.NONE:
        if kind is LicenseKind.CORPORATE or kind is LicenseKind.SHARECROPPING:
            return str(kind.value)
        return f"{kind.value} without reciprocity"
    return f"{kind.value} with {reciprocity.value} reciprocity"


PHRASES: Final[dict[tuple[str, str], str]] = {
    (k.value, d.value): _phrase(k, d) for k, d in _READINGS
}
"""Each reading in words, by the values of its kind and reciprocity."""
