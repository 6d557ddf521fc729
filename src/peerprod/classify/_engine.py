"""Evaluating the ladder's rules on facts that may be unknown.

The rules (:data:`peerprod.classify.ladder.RULES`) and the model rules only ever
ask a few yes-or-no questions of each fact: does the set of contributions include
value-creating work, is ``design`` at least ``shared``. The answers to those
questions are a fact's *projection*. The engine:

1. gathers every question the rules ask, fact by fact;
2. works out, for a fact that is known, unknown or narrowed, the set of
   projections its possible values have (for sets, without listing every subset:
   members that answer every question alike are one class);
3. evaluates the rules on every combination of possible projections, which the
   facts allow independently of each other.

Every completion of the facts lands on one of these combinations and every
combination comes from some completion, so the outcomes found are exactly the
possible ones: the range they give is sound and the tightest.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from peerprod.classify.conditions import Condition, Excludes, Includes, Only
from peerprod.classify.ladder import RULES, Rung
from peerprod.classify.production import MODEL_RULES, ProductionModel
from peerprod.licenses.kinds import LicenseKind
from peerprod.model.arrangement import (
    FACTS,
    Captor,
    Channel,
    Contribution,
    Control,
    Monetization,
)
from peerprod.model.uncertainty import UNKNOWN, Between, OneOf

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

__all__ = [
    "QUESTIONS",
    "USED",
    "Outcome",
    "Outcomes",
    "deciding_facts",
    "holding_rules",
    "outcome",
    "outcomes",
    "project",
    "projections",
]

Projection: TypeAlias = tuple[bool, ...]

_UNIVERSES: Final[dict[str, frozenset[Any]]] = {
    "contributions": frozenset(Contribution),
    "monetization": frozenset(
        {Monetization(channel=Channel.NONE)}
        | {
            Monetization(channel=channel, by=captor)
            for channel in Channel
            if channel is not Channel.NONE
            for captor in Captor
        }
    ),
}
_SCALARS: Final[dict[str, tuple[Any, ...]]] = {
    "community": (True, False),
    "competition": (True, False),
    "joint_design": (True, False),
    "parameters": tuple(Control),
    "design": tuple(Control),
    "platform_control": tuple(Control),
    "value_chain_control": tuple(Control),
    "output_regime": tuple(LicenseKind),
}


def _questions() -> dict[str, tuple[Condition, ...]]:
    found: dict[str, list[Condition]] = {name: [] for name in FACTS}
    conditions = [c for rules in RULES.values() for r in rules for c in r.conditions]
    conditions += [c for r in MODEL_RULES for c in r.conditions]
    for condition in conditions:
        if condition not in found[condition.fact]:
            found[condition.fact].append(condition)
    return {name: tuple(asked) for name, asked in found.items()}


QUESTIONS: Final = _questions()
"""Every distinct condition the rules set, fact by fact."""
USED: Final = tuple(i for i, name in enumerate(FACTS) if QUESTIONS[name])
"""The positions in FACTS of the facts some rule asks about (competition is not one)."""


def _where(condition: Condition) -> tuple[int, int]:
    return USED.index(FACTS.index(condition.fact)), QUESTIONS[condition.fact].index(condition)


_RULE_REFS: Final = tuple(
    (rule, tuple(_where(c) for c in rule.conditions)) for rules in RULES.values() for rule in rules
)
_MODEL_REFS: Final = tuple((r, tuple(_where(c) for c in r.conditions)) for r in MODEL_RULES)


def project(fact: str, value: Any) -> Projection:
    """The answers to the rules' questions about one exactly known fact value."""
    return tuple(question.holds(value) for question in QUESTIONS[fact])


def _valid(fact: str, members: frozenset[Any]) -> bool:
    if fact == "contributions":
        return bool(members) and (Contribution.NOTHING not in members or len(members) == 1)
    channels = {m.channel for m in members}
    return Channel.NONE not in channels or channels <= {Channel.NONE, Channel.DONATIONS}


def _role(member: Any) -> object:
    """The part a member plays in the rules that keep some members apart from others."""
    if member is Contribution.NOTHING:
        return "alone"
    if isinstance(member, Monetization) and member.channel in (Channel.NONE, Channel.DONATIONS):
        return member.channel
    return None


@functools.lru_cache(maxsize=1024)
def _set_projections(
    fact: str, known: frozenset[Any], maybe: frozenset[Any]
) -> frozenset[Projection]:
    questions = [q for q in QUESTIONS[fact] if isinstance(q, Includes | Excludes | Only)]
    # Members that answer every question alike, and play the same part in the rules that
    # keep some members apart, are interchangeable: one stands for its class.
    classes: dict[tuple[object, ...], Any] = {}
    for member in sorted(maybe, key=repr):
        signature = (*(member in q.members for q in questions), _role(member))
        classes.setdefault(signature, member)
    found: set[Projection] = set()
    chosen_from = list(classes.values())
    for size in range(len(chosen_from) + 1):
        for chosen in itertools.combinations(chosen_from, size):
            members = known | frozenset(chosen)
            if _valid(fact, members):
                found.add(project(fact, members))
    return frozenset(found)


def projections(fact: str, value: Any) -> frozenset[Projection]:
    """The projections every value a fact may have gives.

    Raises:
        ValueError: the fact allows no valid value at all.
    """
    if value is UNKNOWN:
        if fact in _UNIVERSES:
            found = _set_projections(fact, frozenset(), _UNIVERSES[fact])
        else:
            found = frozenset(project(fact, v) for v in _SCALARS[fact])
    elif isinstance(value, OneOf):
        found = frozenset(project(fact, option) for option in value.options)
    elif isinstance(value, Between):
        found = _set_projections(fact, value.known, value.maybe)
    else:
        found = frozenset({project(fact, value)})
    if not found:
        msg = f"{fact} allows no valid value"
        raise ValueError(msg)
    return found


@attrs.frozen
class Outcome:
    """One possible result: the rung (None outside the ladder), its rules and the model."""

    rung: Rung | None
    rules: tuple[str, ...]
    model: ProductionModel | None


Outcomes: TypeAlias = frozenset[Outcome]


@functools.lru_cache(maxsize=65536)
def outcome(combination: tuple[Projection, ...]) -> Outcome:
    holding = [rule for rule, refs in _RULE_REFS if all(combination[f][q] for f, q in refs)]
    if not holding:
        return Outcome(None, (), None)
    rung = max(rule.rung for rule in holding)
    names = tuple(rule.name for rule in holding if rule.rung is rung)
    model = next(
        (
            r.model
            for r, refs in _MODEL_REFS
            if rung in r.rungs and all(combination[f][q] for f, q in refs)
        ),
        None,
    )
    return Outcome(rung, names, model)


def _choices(facts: Sequence[Any]) -> list[frozenset[Projection]]:
    return [projections(FACTS[i], facts[i]) for i in USED]


def _over(choices: Iterable[frozenset[Projection]]) -> Outcomes:
    return frozenset(map(outcome, itertools.product(*choices)))


@functools.cache
def layout() -> tuple[tuple[tuple[Projection, ...], ...], tuple[int, ...]]:
    """Every projection each fact the rules read can have, and each fact's place value.

    A combination of projections, one per fact of :data:`USED`, is then one *cell*:
    the sum over facts of the projection's index times the fact's place value.
    """
    choices = tuple(tuple(sorted(projections(FACTS[p], UNKNOWN))) for p in USED)
    sizes = [len(c) for c in choices]
    strides = tuple(math.prod(sizes[i + 1 :]) for i in range(len(sizes)))
    return choices, strides


_EXACT_LIMIT: Final = 4096
_NOT_EXACT: Final = -1


_Slot: TypeAlias = tuple[int, Callable[[Any], int | None], dict[Any, int]]


@functools.cache
def _cells() -> tuple[list[Outcome | None], tuple[_Slot, ...]]:
    """The outcome of each cell, filled as cells are met, and a slot per fact read.

    A slot holds the fact's place in FACTS, and the offset (projection index times
    place value) of each value met so far, ``_NOT_EXACT`` for one not known exactly.
    """
    choices, _ = layout()
    table: list[Outcome | None] = [None] * math.prod(len(c) for c in choices)
    slots: list[_Slot] = []
    for position in USED:
        seen: dict[Any, int] = {}
        slots.append((position, seen.get, seen))
    return table, tuple(slots)


def _offset(index: int, value: Any) -> int:
    choices, strides = layout()
    found = projections(FACTS[USED[index]], value)
    if len(found) != 1:
        return _NOT_EXACT
    return choices[index].index(next(iter(found))) * strides[index]


def exact_outcome(facts: tuple[Any, ...]) -> Outcome | None:
    """The outcome of facts all known exactly, in a few dictionary lookups.

    Returns None when a fact the rules read is not known exactly: :func:`outcomes`
    then gives every outcome its completions allow.
    """
    table, slots = _cells()
    cell = 0
    # On the hot path of rung_of: one dictionary lookup per fact, nothing else.
    for position, get, seen in slots:
        value = facts[position]
        offset = get(value)
        if offset is None:
            offset = _offset(USED.index(position), value)
            if len(seen) >= _EXACT_LIMIT:
                # Sets of members can take very many values; keep the memory bounded.
                seen.clear()
            seen[value] = offset
        if offset < 0:
            return None
        cell += offset
    found = table[cell]
    if found is None:
        choices, strides = layout()
        combination = tuple(
            options[cell // stride % len(options)]
            for options, stride in zip(choices, strides, strict=True)
        )
        found = table[cell] = outcome(combination)
    return found


@functools.lru_cache(maxsize=16384)
def outcomes(facts: tuple[Any, ...]) -> Outcomes:
    """Every outcome the facts (in FACTS order) allow.

    Raises:
        ValueError: a fact allows no valid value at all.
    """
    return _over(_choices(facts))


@functools.lru_cache(maxsize=16384)
def deciding_facts(facts: tuple[Any, ...], what: str = "rung") -> tuple[str, ...]:
    """The facts whose value, once known, would narrow the possible rungs (or models).

    Args:
        facts: The facts, in FACTS order.
        what: ``"rung"`` or ``"model"``: which part of the outcomes to narrow.
    """
    choices = _choices(facts)
    deciding: list[str] = []
    for position, options in enumerate(choices):
        if len(options) < 2:
            continue
        seen = {
            frozenset(
                getattr(o, what)
                for o in _over([*choices[:position], frozenset({option}), *choices[position + 1 :]])
            )
            for option in options
        }
        if len(seen) > 1:
            deciding.append(FACTS[USED[position]])
    return tuple(deciding)


def holding_rules(facts: tuple[Any, ...]) -> Iterator[Any]:
    """The rules that hold of exactly known facts, lowest rung first."""
    combination = tuple(next(iter(choice)) for choice in _choices(facts))
    for rule, refs in _RULE_REFS:
        if all(combination[f][q] for f, q in refs):
            yield rule


def clear() -> None:
    """Forget every outcome computed so far (the tables are rebuilt as facts are met)."""
    for cached in (_set_projections, outcome, outcomes, deciding_facts):
        cached.cache_clear()
    table, slots = _cells()
    table[:] = [None] * len(table)
    for _, _, seen in slots:
        seen.clear()
