"""How the readings of an expression's parts combine into the reading of the whole.

:func:`peerprod.licenses.expression.classify_license` reads each id on its own
(:mod:`peerprod.licenses._reader`); this module walks the parsed expression to say what
its operators make of those readings, and why. Under ``OR`` the recipient chooses, so
the most open alternative decides; under ``AND`` every part binds, so the least open kind
decides and the duties add up (:mod:`peerprod.licenses.algebra` holds the lattice).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Final

from peerprod.licenses import algebra
from peerprod.licenses._reader import AND, OR, UNKNOWN_LOW, Leaf, Parsed, Status, fail

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["deciders", "lowest", "structure"]

_MAX_ENUMERATED: Final = 8
"""The most distinct unknown ids whose possible readings are tried one by one."""


def _evaluate(rpn: list[int], masks: list[int]) -> int:
    stack: list[int] = []
    for item in rpn:
        if item >= 0:
            stack.append(masks[item])
        elif item == AND:
            top = stack.pop()
            stack[-1] &= top
        else:
            top = stack.pop()
            stack[-1] |= top
    return stack[0]


def _three_valued(decisive: bool) -> dict[tuple[bool | None, bool | None], bool | None]:
    values = (True, False, None)
    return {
        (x, y): decisive if decisive in (x, y) else (not decisive if x is y is not None else None)
        for x in values
        for y in values
    }


# Under OR one approved option is enough; under AND one unapproved part is.
_STATUS_OR: Final = _three_valued(True)
_STATUS_AND: Final = _three_valued(False)


def _combine_status(left: Status, right: Status, *, is_or: bool) -> Status:
    table = _STATUS_OR if is_or else _STATUS_AND
    return table[left[0], right[0]], table[left[1], right[1]], table[left[2], right[2]]


class _Node:
    """One operator of the expression with its operands, same operators merged."""

    __slots__ = ("high", "is_or", "leaves", "parts", "status", "terms_only")

    def __init__(
        self,
        is_or: bool | None,
        parts: list[str],
        leaves: list[int],
        high: int,
        status: Status,
        *,
        terms_only: bool,
    ) -> None:
        self.is_or, self.parts, self.leaves = is_or, parts, leaves
        self.high, self.status, self.terms_only = high, status, terms_only

    def text(self) -> str:
        return (" OR " if self.is_or else " AND ").join(self.parts)


def deciders(node_high: int, leaves: Iterable[Leaf]) -> str:
    chosen = algebra.choice(node_high)
    kind, duty = algebra.reading(chosen)
    kind_by = duty_by = None
    for leaf in leaves:
        if leaf.terms is not None:
            continue
        if leaf.high == chosen:
            return f"decided by {leaf.text}"
        leaf_kind, leaf_duty = algebra.reading(leaf.high)
        kind_by = kind_by or (leaf.text if leaf_kind is kind else None)
        duty_by = duty_by or (leaf.text if leaf_duty is duty else None)
    if kind_by and duty_by:
        return f"the kind from {kind_by}, the duties from {duty_by}"
    return "decided by the expression as a whole"


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


_WHY_OR: Final = (
    "the recipient chooses, so the alternative most open to them decides, with its duties"
)
_WHY_AND: Final = (
    "every term binds, so the least open kind decides and the duties of all terms add up"
)


def _mask(leaf: Leaf, at: int) -> int:
    return algebra.FULL if leaf.terms is not None else algebra.down(at)


def structure(
    expression: str, parsed: Parsed, leaves: list[Leaf]
) -> tuple[str, Status, list[str], int]:
    """Walk the expression once more, for what the verdict says about it.

    Returns the normalized text, the approval status, one reason per operator and the
    most open set of readings.
    """
    stack: list[_Node] = []
    nodes: list[_Node] = []
    for item in parsed.rpn:
        if item >= 0:
            leaf = leaves[item]
            is_terms = leaf.terms is not None
            mask = algebra.FULL if is_terms else algebra.down(leaf.high)
            stack.append(_Node(None, [leaf.text], [item], mask, leaf.status, terms_only=is_terms))
            continue
        right = stack.pop()
        left = stack.pop()
        is_or = item == OR
        if left.terms_only or right.terms_only:
            if is_or:
                culprit = (left if left.terms_only else right).leaves[0]
                raise fail(
                    expression,
                    f"{leaves[culprit].text!r} is contributor terms, which bind every "
                    "contributor: join them with AND, not OR",
                    parsed.leaves[culprit][1],
                )
            # Terms are no outbound license: they leave the approval status alone.
            status = left.status if right.terms_only else right.status
        else:
            status = _combine_status(left.status, right.status, is_or=is_or)
        high = left.high | right.high if is_or else left.high & right.high
        if left.is_or is is_or:
            node = left
            node.leaves.extend(right.leaves)
        else:
            node = _Node(
                is_or,
                [_operand_text(left, is_or=is_or)],
                [*left.leaves, *right.leaves],
                high,
                status,
                terms_only=False,
            )
            nodes.append(node)
        if right.is_or is is_or:
            node.parts.extend(right.parts)
            nodes.remove(right)
        else:
            node.parts.append(_operand_text(right, is_or=is_or))
        node.high, node.status = high, status
        node.terms_only = left.terms_only and right.terms_only
        stack.append(node)
    root = stack[0]
    decisions = [
        f"{_shorten(n.text())}: {_WHY_OR if n.is_or else _WHY_AND} "
        f"({deciders(n.high, (leaves[i] for i in n.leaves))})"
        for n in nodes
    ]
    return root.parts[0] if root.is_or is None else root.text(), root.status, decisions, root.high


def _operand_text(operand: _Node, *, is_or: bool) -> str:
    if operand.is_or is None:
        return operand.parts[0]
    text = operand.text()
    # AND binds tighter than OR: only an OR inside an AND needs its parentheses.
    return f"({text})" if operand.is_or and not is_or else text


def lowest(parsed: Parsed, leaves: list[Leaf]) -> int:
    """The least open reading over every way the unknown ids could turn out.

    The same id is the same license wherever it stands, so each distinct unknown id takes
    one of its possible least open readings at a time; the reading of the whole is
    monotone in each, so trying those is enough.
    """
    groups: dict[str, list[int]] = {}
    masks = []
    for i, leaf in enumerate(leaves):
        masks.append(_mask(leaf, leaf.low[0]))
        if len(leaf.low) > 1:
            groups.setdefault(parsed.leaves[i][0].casefold(), []).append(i)
    if not groups:
        return algebra.choice(_evaluate(parsed.rpn, masks))
    if len(groups) > _MAX_ENUMERATED:
        # Too many to try each: the meet of their possibilities bounds every outcome below.
        for members in groups.values():
            for i in members:
                masks[i] = _meet_of(leaves[i].low)
        return algebra.choice(_evaluate(parsed.rpn, masks))
    lowest = algebra.choice(algebra.FULL)
    width = len(UNKNOWN_LOW)
    for picks in itertools.product(range(width), repeat=len(groups)):
        for pick, members in zip(picks, groups.values(), strict=True):
            for i in members:
                masks[i] = algebra.down(leaves[i].low[pick])
        lowest = min(lowest, algebra.choice(_evaluate(parsed.rpn, masks)))
    return lowest


def _meet_of(readings: tuple[int, ...]) -> int:
    mask = algebra.FULL
    for at in readings:
        mask &= algebra.down(at)
    return mask
