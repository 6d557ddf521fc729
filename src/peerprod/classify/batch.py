"""Many arrangements at once: a rung per arrangement, and with NumPy a rung per array cell.

The rules ask a few yes-or-no questions of each fact (see
:mod:`peerprod.classify._engine`), so every exactly known arrangement falls in one
*cell* of a small table: the combination of its answers. :func:`encode` gives each
arrangement its cell number, and :func:`classify_encoded` reads the rung of
millions of cells at the speed of an array lookup. The table is compiled from
:data:`~peerprod.classify.ladder.RULES` on first use.

Example:
    >>> from peerprod import cases
    >>> [r.number for r in classify_rungs(cases.load("lego").arrangements)]
    [1, 4, 7, 8]
"""

from __future__ import annotations

import functools
import itertools
import math
from typing import TYPE_CHECKING, Any

from peerprod.classify import _engine
from peerprod.classify.verdicts import rung_of
from peerprod.errors import InvalidValue
from peerprod.model.arrangement import FACTS

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy as np
    import numpy.typing as npt

    from peerprod.classify.ladder import Rung
    from peerprod.model.arrangement import Arrangement

__all__ = ["cell_count", "classify_encoded", "classify_rungs", "encode"]


def classify_rungs(arrangements: Iterable[Arrangement]) -> list[Rung | None]:
    """The rung of each arrangement, in order: :func:`~peerprod.rung_of` over a batch.

    Example:
        >>> from peerprod import cases
        >>> classify_rungs(cases.load("linux").arrangements)
        [<Rung.PEER_PRODUCTION: 8>]
    """
    return list(map(rung_of, arrangements))


def cell_count() -> int:
    """How many cells the table has: every combination of answers the rules can get.

    Example:
        >>> cell_count() > 0
        True
    """
    choices, _ = _engine.layout()
    return math.prod(len(c) for c in choices)


@functools.cache
def _index() -> dict[tuple[_engine.Projection, ...], int]:
    choices, _ = _engine.layout()
    return {combination: cell for cell, combination in enumerate(itertools.product(*choices))}


def encode(arrangements: Iterable[Arrangement]) -> npt.NDArray[np.uint32]:
    """The cell of each arrangement, as a NumPy array of ``uint32``. Needs NumPy.

    Raises:
        InvalidValue: an arrangement has a fact that is not known exactly; its id and
            the fact are named.

    Example:
        >>> from peerprod import cases
        >>> cells = encode(cases.load("lego").arrangements)
        >>> classify_encoded(cells).tolist()
        [1, 4, 7, 8]
    """
    import numpy as np  # noqa: PLC0415 - NumPy is optional and never imported with peerprod

    index = _index()
    cells: list[int] = []
    for arrangement in arrangements:
        facts = arrangement.facts()
        combination = []
        for position in _engine.USED:
            found = _engine.projections(FACTS[position], facts[position])
            if len(found) != 1:
                raise InvalidValue(
                    f"{arrangement.id}.{FACTS[position]}",
                    facts[position],
                    "must be known exactly to be encoded",
                )
            combination.append(next(iter(found)))
        cells.append(index[tuple(combination)])
    return np.array(cells, dtype=np.uint32)


@functools.cache
def _table() -> Any:
    import numpy as np  # noqa: PLC0415

    choices, _ = _engine.layout()
    rungs = [
        0 if (rung := _engine.outcome(combination).rung) is None else rung.number
        for combination in itertools.product(*choices)
    ]
    return np.array(rungs, dtype=np.int8)


def classify_encoded(cells: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """The rung number of each encoded arrangement, vectorized: 0 means outside the ladder.

    Args:
        cells: Cell numbers of any shape, as :func:`encode` makes them.

    Returns:
        An ``int8`` array of the same shape: rung numbers 1 to 10, or 0.

    Raises:
        InvalidValue: ``cells`` are not whole numbers, or one is not a cell of the table.

    Example:
        >>> classify_encoded([0]).shape
        (1,)
    """
    import numpy as np  # noqa: PLC0415

    table = _table()
    array = np.asarray(cells)
    if array.dtype.kind not in "iu":
        raise InvalidValue(
            "cells", f"array of dtype {array.dtype}", "must be whole numbers from encode()"
        )
    if array.size:
        # One comparison per bound on the array's own integer type: no copy, no widening.
        if array.dtype.kind == "i" and array.min() < 0:
            raise InvalidValue("cells", int(array.min()), "must not be negative")
        if array.max() >= len(table):
            raise InvalidValue("cells", int(array.max()), f"must be below {len(table)}")
    rungs: npt.NDArray[np.int8] = table.take(array)
    return rungs
