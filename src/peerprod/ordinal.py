"""Shared machinery for peerprod's enumerations.

Enum values are the wire format, so every member has an explicit, stable string
value. Ordinal vocabularies (the dimensions of an arrangement, license kinds,
reciprocity) are ordered by their position in the class body, from the
corporate pole to the community pole; reordering members is therefore a
semantic change and is covered by tests.
"""

from __future__ import annotations

import enum
from typing import Self

__all__ = ["OrdinalEnum", "Vocabulary"]


class Vocabulary(enum.Enum):
    """An enum of a closed vocabulary whose members hash by identity.

    Members are singletons and compare by identity, so hashing them by identity agrees
    with equality, and it is several times cheaper than :class:`enum.Enum`'s hash of the
    member's name, which the classifiers pay on every lookup keyed by facts.

    Example:
        >>> class Colour(Vocabulary):
        ...     RED = "red"
        >>> {Colour.RED: 1}[Colour("red")]
        1
    """

    __hash__ = object.__hash__


class OrdinalEnum(Vocabulary):
    """An enum whose members are totally ordered by their declaration order.

    ``rank`` gives the zero-based position; comparison operators follow it.
    Members are never equal to their string values, so ordering is never
    confused with alphabetical order of the wire values.
    """

    @property
    def rank(self) -> int:
        """Zero-based position of the member in the order of its enum."""
        return _ranks(type(self))[self]

    @classmethod
    def lowest(cls) -> Self:
        """The first member: the corporate or least open pole."""
        return next(iter(cls))

    @classmethod
    def highest(cls) -> Self:
        """The last member: the community or most open pole."""
        return list(cls)[-1]

    def step(self, delta: int) -> Self | None:
        """The member ``delta`` places further along the order, or None past either end."""
        members = list(type(self))
        index = self.rank + delta
        if 0 <= index < len(members):
            return members[index]
        return None

    # Each comparison is written out: the classifiers compare on their hot path, and the
    # ones functools.total_ordering derives cost several times more.
    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        ranks = _ranks(type(self))
        return ranks[self] < ranks[other]

    def __le__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        ranks = _ranks(type(self))
        return ranks[self] <= ranks[other]

    def __gt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        ranks = _ranks(type(self))
        return ranks[self] > ranks[other]

    def __ge__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        ranks = _ranks(type(self))
        return ranks[self] >= ranks[other]


_RANKS: dict[type[OrdinalEnum], dict[OrdinalEnum, int]] = {}


def _ranks(cls: type[OrdinalEnum]) -> dict[OrdinalEnum, int]:
    # Computed once per class: rank is on the classifiers' hot path.
    ranks = _RANKS.get(cls)
    if ranks is None:
        ranks = {member: i for i, member in enumerate(cls)}
        _RANKS[cls] = ranks
    return ranks
