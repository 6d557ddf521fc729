"""Shared machinery for peerprod's enumerations.

Enum values are the wire format, so every member has an explicit, stable string
value. Ordinal vocabularies (the dimensions of an arrangement, license kinds,
reciprocity) are ordered by their position in the class body, from the
corporate pole to the community pole; reordering members is therefore a
semantic change and is covered by tests.
"""

from __future__ import annotations

import enum
import functools
from typing import Self

__all__ = ["OrdinalEnum"]


@functools.total_ordering
class OrdinalEnum(enum.Enum):
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

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.rank < other.rank


_RANKS: dict[type[OrdinalEnum], dict[OrdinalEnum, int]] = {}


def _ranks(cls: type[OrdinalEnum]) -> dict[OrdinalEnum, int]:
    # Computed once per class: rank is on the classifiers' hot path.
    ranks = _RANKS.get(cls)
    if ranks is None:
        ranks = {member: i for i, member in enumerate(cls)}
        _RANKS[cls] = ranks
    return ranks
