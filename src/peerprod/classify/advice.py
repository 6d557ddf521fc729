"""Advice: the fewest changes of facts that would lift an arrangement to a higher rung.

For each rule of each rung above the current one, the least change that meets it
is to make each unmet condition hold and leave every other fact alone: raise an
ordinal fact to the rule's minimum, set a yes-or-no fact, add one member a set
must include (the first in the vocabulary's order) or drop the members it must
exclude. :func:`advise` proposes the change with the fewest facts changed that
reaches the lowest higher rung, and says where it really lands.

Example:
    >>> from peerprod import cases
    >>> print(advise(cases.load("ikea").arrangements[0]))
    from rung 3 (do-it-yourself) to rung 4 (company-based crowdsourcing):
      - contributions: {assembly} -> {assembly, content}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from peerprod.classify.conditions import AtLeast, Condition, Excludes, Is, Only
from peerprod.classify.ladder import RULES, Rule, Rung
from peerprod.classify.verdicts import rung_of
from peerprod.errors import InvalidValue
from peerprod.model.arrangement import Channel, Contribution, Monetization
from peerprod.model.uncertainty import show

if TYPE_CHECKING:
    from peerprod.model.arrangement import Arrangement

__all__ = ["Advice", "Change", "advise"]


@attrs.frozen(kw_only=True)
class Change:
    """One fact of an arrangement changed.

    Example:
        >>> from peerprod import Control
        >>> print(Change(fact="design", before=Control.ORGANIZER, after=Control.SHARED))
        design: 'organizer' -> 'shared'
    """

    fact: str
    """The name of the fact."""
    before: Any
    """The value now."""
    after: Any
    """The value advised."""

    def __str__(self) -> str:
        return f"{self.fact}: {show(self.before)} -> {show(self.after)}"


@attrs.frozen(kw_only=True)
class Advice:
    """The fewest changes of facts that lift an arrangement to a higher rung.

    Example:
        >>> from peerprod import cases
        >>> world = cases.load("lego").arrangements[2]
        >>> advice = advise(world)
        >>> rung_of(advice.apply(world)) is advice.target
        True
    """

    current: Rung | None
    """The rung the arrangement stands on now (None outside the ladder)."""
    target: Rung
    """The rung the changes lead to."""
    rule: str
    """The name of the rule the changes meet."""
    changes: tuple[Change, ...]
    """The changes, in the order of the rule's conditions."""

    def apply(self, arrangement: Arrangement) -> Arrangement:
        """A copy of the arrangement with the changes made."""
        return attrs.evolve(arrangement, **{c.fact: c.after for c in self.changes})

    def __str__(self) -> str:
        current = (
            "outside the ladder"
            if self.current is None
            else f"rung {self.current.number} ({self.current.short_name})"
        )
        lines = [f"from {current} to rung {self.target.number} ({self.target.short_name}):"]
        lines.extend(f"  - {change}" for change in self.changes)
        return "\n".join(lines)


def _first(members: frozenset[Any]) -> Any:
    if all(isinstance(m, Contribution) for m in members):
        return min(members, key=list(Contribution).index)
    return min(members, key=lambda m: (list(Channel).index(m.channel), str(m.by)))


def _meet(condition: Condition, value: Any) -> Any:
    """The least change of ``value`` that meets the condition."""
    if isinstance(condition, AtLeast):
        return condition.minimum
    if isinstance(condition, Is):
        return condition.value
    if isinstance(condition, Excludes):
        return value - condition.members
    if isinstance(condition, Only):
        kept = value & condition.members
        return kept or frozenset({_first(condition.members)})
    added = _first(condition.members)
    # Keep the set valid: 'nothing' replaces every contribution, 'none' every channel but
    # donations, and joining them pushes them out.
    if added is Contribution.NOTHING:
        return frozenset({added})
    if isinstance(added, Monetization) and added.channel is Channel.NONE:
        return frozenset(m for m in value if m.channel is Channel.DONATIONS) | {added}
    alone = {Contribution.NOTHING, Monetization(channel=Channel.NONE)}
    return (value - alone) | {added}


def _attempt(arrangement: Arrangement, rule: Rule) -> tuple[Change, ...]:
    changes: list[Change] = []
    values: dict[str, Any] = {}
    for condition in rule.conditions:
        value = values.get(condition.fact, getattr(arrangement, condition.fact))
        if condition.holds(value):
            continue
        values[condition.fact] = _meet(condition, value)
    for condition in rule.conditions:
        fact = condition.fact
        if fact in values and all(c.fact != fact for c in changes):
            changes.append(Change(fact=fact, before=getattr(arrangement, fact), after=values[fact]))
    return tuple(changes)


def advise(arrangement: Arrangement) -> Advice | None:
    """The fewest changes of facts that lift an arrangement to the lowest higher rung.

    Returns:
        The advice, or None on rung 10, the top of the ladder.

    Raises:
        InvalidValue: a fact is not known exactly: advice needs a definite rung.

    Example:
        >>> from peerprod import cases
        >>> print(advise(cases.load("lego").arrangements[1]))
        from rung 4 (company-based crowdsourcing) to rung 5 (co-design):
          - joint_design: false -> true
    """
    unknown = arrangement.unknown_facts()
    if unknown:
        raise InvalidValue(
            unknown[0], getattr(arrangement, unknown[0]), "must be known exactly to advise"
        )
    current = rung_of(arrangement)
    for rung in Rung:
        if current is not None and rung <= current:
            continue
        best: tuple[int, Rung, Rule, tuple[Change, ...]] | None = None
        for rule in RULES[rung]:
            changes = _attempt(arrangement, rule)
            changed = attrs.evolve(arrangement, **{c.fact: c.after for c in changes})
            reached = rung_of(changed)
            if reached is None or reached < rung:
                continue
            if best is None or len(changes) < best[0]:
                best = (len(changes), reached, rule, changes)
        if best is not None:
            _, reached, rule, changes = best
            return Advice(current=current, target=reached, rule=rule.name, changes=changes)
    return None
