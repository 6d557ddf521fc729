"""Placing an arrangement on the ladder and in a production model, with the evidence.

:func:`classify_rung` gives the rung an arrangement stands on, from the rules in
:data:`~peerprod.classify.ladder.RULES`; :func:`classify_model` the production
model. Given the :class:`~peerprod.Ecosystem` the arrangement belongs to, both
read the facts its layers establish (:func:`~peerprod.classify.evidence.evidence`)
and every reason says where its fact comes from.

When facts are unknown or narrowed to possibilities, the verdict is the set of
rungs (and models) every completion of the facts leads to, with the facts that
would decide it; :func:`check_claim` then says when a claim cannot be supported
without knowing more.

Example:
    >>> from peerprod import cases
    >>> lego = cases.load("lego")
    >>> [rung_of(a).number for a in lego.arrangements]
    [1, 4, 7, 8]
    >>> print(classify_rung(lego.arrangements[2]))
    rung 7 (sharing communities)
      - contributions include work or gifts shared with others: {content, designs} (stated)
      - monetization includes the organizer monetizing participation (attention, subscriptions): {subscriptions by organizer} (stated)
"""  # noqa: E501

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING, Any, Final

import attrs

from peerprod.classify import _engine
from peerprod.classify.conditions import Condition  # noqa: TC001 - cattrs reads the annotations
from peerprod.classify.control import index_of
from peerprod.classify.evidence import STATED, CommonsControl, Evidence, Prefer, evidence
from peerprod.classify.evidence import _clear_caches as _clear_evidence
from peerprod.classify.ladder import RULES, Rule, Rung
from peerprod.classify.production import ProductionModel
from peerprod.model.arrangement import FACTS, Arrangement
from peerprod.model.uncertainty import show

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peerprod.model.ecosystem import Ecosystem

__all__ = [
    "ClaimOutcome",
    "ModelVerdict",
    "RealityCheck",
    "Reason",
    "RungVerdict",
    "check_claim",
    "classify_model",
    "classify_rung",
    "clear_caches",
    "model_of",
    "rung_of",
    "verdicts_of",
]


@attrs.frozen(kw_only=True)
class Reason:
    """One fact measured against one condition of a rule, and where the fact comes from.

    ``met`` is None when the fact is not known well enough to tell.

    Example:
        >>> from peerprod import cases
        >>> reason = classify_rung(cases.load("ikea").arrangements[0]).reasons[0]
        >>> reason.fact, reason.met, reason.source
        ('contributions', True, 'stated')
    """

    rung: Rung
    """The rung whose rule the condition belongs to."""
    rule: str
    """The name of the rule."""
    condition: Condition
    """The condition."""
    value: Any
    """The fact's value as the classifier read it."""
    met: bool | None
    """Whether the value meets the condition; None if that depends on what is not known."""
    source: str = STATED
    """``"stated"``, or which entities of the ecosystem the value was derived from."""

    @property
    def fact(self) -> str:
        """The name of the fact the reason is about."""
        return self.condition.fact

    def __str__(self) -> str:
        where = "stated" if self.source == STATED else f"derived from {self.source}"
        verdict = {True: "", False: "not met: ", None: "not known: "}[self.met]
        requirement = "" if self.met else f", which rung {self.rung.number} requires"
        return f"{verdict}{self.condition}: {show(self.value)} ({where}){requirement}"


def _name(rung: Rung | None) -> str:
    if rung is None:
        return "outside the ladder"
    return f"rung {rung.number} ({rung.short_name})"


@attrs.frozen(kw_only=True)
class RungVerdict:
    """The rung an arrangement stands on, or the rungs it may, and why.

    Example:
        >>> from peerprod import Arrangement, UNKNOWN, cases
        >>> verdict = classify_rung(cases.load("lego").arrangements[2])
        >>> verdict.rung.short_name, verdict.definite
        ('sharing communities', True)
        >>> classify_rung(Arrangement(id="a", name="A")).deciding[:2]
        ('contributions', 'community')
    """

    possible: frozenset[Rung | None]
    """Every rung some completion of the facts leads to; None stands for outside the
    ladder (no rule holds)."""
    reasons: tuple[Reason, ...] = ()
    """For a definite rung, each condition of the rule that places it; outside the
    ladder or undecided, the conditions of the closest rules that are not met or
    not known."""
    rules: tuple[str, ...] = ()
    """The names of the rules that place the arrangement, when the rung is definite."""
    deciding: tuple[str, ...] = ()
    """The facts whose value would narrow the verdict, when it is not definite."""

    @property
    def definite(self) -> bool:
        """Whether every completion of the facts leads to the same verdict."""
        return len(self.possible) == 1

    @property
    def rung(self) -> Rung | None:
        """The rung, when the verdict is definite and on the ladder; None otherwise."""
        if len(self.possible) != 1:
            return None
        return next(iter(self.possible))

    @property
    def outside(self) -> bool:
        """Whether the arrangement is outside the ladder whatever the unknown facts are."""
        return self.possible == frozenset({None})

    @property
    def low(self) -> Rung | None:
        """The lowest rung possible on the ladder; None if it can only be outside."""
        rungs = [r for r in self.possible if r is not None]
        return min(rungs) if rungs else None

    @property
    def high(self) -> Rung | None:
        """The highest rung possible on the ladder; None if it can only be outside."""
        rungs = [r for r in self.possible if r is not None]
        return max(rungs) if rungs else None

    def __str__(self) -> str:
        if self.definite:
            head = _name(self.rung)
            if self.outside:
                head += ": no rule holds"
        else:
            low, high = self.low, self.high
            head = "not decided: "
            if low is not None and high is not None:
                head += _name(low) if low is high else f"{_name(low)} to {_name(high)}"
            if None in self.possible:
                head += ", or outside the ladder" if low is not None else "outside the ladder"
            head += f"; decided by {', '.join(self.deciding)}"
        lines = [head]
        lines.extend(f"  - {reason}" for reason in self.reasons)
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class ModelVerdict:
    """The production model of an arrangement, or the models it may have, and why.

    Example:
        >>> from peerprod import cases
        >>> print(classify_model(cases.load("lego").arrangements[1]).model.value)
        crowdsourced
    """

    possible: frozenset[ProductionModel | None]
    """Every model some completion of the facts leads to; None for no model (outside the
    ladder, or producers' own vehicles without a commons, which fit none of the essay's
    three models)."""
    rung: RungVerdict
    """The rung verdict the model follows from."""
    control: CommonsControl | None = None
    """For a commons-centred arrangement, who holds control over the commons: the
    community, or a company that steers it or holds the rights (a corporate commons)."""
    deciding: tuple[str, ...] = ()
    """The facts whose value would narrow the model, when it is not definite."""

    @property
    def model(self) -> ProductionModel | None:
        """The model, when the verdict is definite; None otherwise."""
        return next(iter(self.possible)) if len(self.possible) == 1 else None

    @property
    def definite(self) -> bool:
        """Whether every completion of the facts leads to the same model."""
        return len(self.possible) == 1

    def __str__(self) -> str:
        models = sorted(
            (m for m in self.possible if m is not None), key=lambda m: m.rank, reverse=True
        )
        names = [m.value.replace("_", "-") for m in models]
        if None in self.possible:
            names.append("no model")
        head = " or ".join(names)
        if self.control is not None and ProductionModel.COMMONS_CENTRED in self.possible:
            head += f"; {self.control}"
        return f"{head} ({_name(self.rung.rung) if self.rung.definite else 'rung not decided'})"


def _findings(
    arrangement: Arrangement, ecosystem: Ecosystem | None, prefer: Prefer
) -> tuple[tuple[Any, ...], tuple[str, ...], Evidence | None]:
    if ecosystem is None:
        return arrangement.facts(), (STATED,) * len(FACTS), None
    found = evidence(arrangement, ecosystem, prefer=prefer)
    return (*_read(found), found)


def _read(found: Evidence) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    return found.values, found.sources


def _met(condition: Condition, value: Any) -> bool | None:
    index = _engine.QUESTIONS[condition.fact].index(condition)
    answers = {projection[index] for projection in _engine.projections(condition.fact, value)}
    return next(iter(answers)) if len(answers) == 1 else None


def _reasons(rule: Rule, facts: tuple[Any, ...], sources: tuple[str, ...]) -> tuple[Reason, ...]:
    found = []
    for condition in rule.conditions:
        position = FACTS.index(condition.fact)
        value = facts[position]
        found.append(
            Reason(
                rung=rule.rung, rule=rule.name, condition=condition, value=value,
                met=_met(condition, value), source=sources[position],
            )
        )  # fmt: skip
    return tuple(found)


def _closest(
    rules: Iterable[Rule], facts: tuple[Any, ...], sources: tuple[str, ...]
) -> tuple[Reason, ...]:
    """The unmet or unknown conditions of the rule that comes closest to holding.

    The closest has the fewest such conditions; among equals, the higher rung, then the
    rule listed first.
    """
    best: tuple[int, int, int, tuple[Reason, ...]] | None = None
    for order, rule in enumerate(rules):
        missing = tuple(r for r in _reasons(rule, facts, sources) if r.met is not True)
        if missing:
            score = (len(missing), -rule.rung.number, order, missing)
            if best is None or score[:3] < best[:3]:
                best = score
    return () if best is None else best[3]


_VERDICTS: dict[tuple[Any, ...], RungVerdict] = {}
_CACHE_LIMIT: Final = 65536


def _verdict(facts: tuple[Any, ...], sources: tuple[str, ...]) -> RungVerdict:
    key = (facts, sources)
    verdict = _VERDICTS.get(key)
    if verdict is not None:
        return verdict
    outcomes = _engine.outcomes(facts)
    possible = frozenset(o.rung for o in outcomes)
    every_rule = [rule for rules in RULES.values() for rule in rules]
    if len(possible) == 1:
        [rung] = possible
        if rung is None:
            verdict = RungVerdict(possible=possible, reasons=_closest(every_rule, facts, sources))
        else:
            # The rules that place it whatever the unknown facts are.
            names = [r.name for r in RULES[rung] if all(r.name in o.rules for o in outcomes)]
            if not names:
                names = sorted({n for o in outcomes for n in o.rules})
            rule = next(r for r in RULES[rung] if r.name == names[0])
            verdict = RungVerdict(
                possible=possible, reasons=_reasons(rule, facts, sources), rules=tuple(names)
            )
    else:
        top = max((r for r in possible if r is not None), default=None)
        candidates = RULES[top] if top is not None else every_rule
        verdict = RungVerdict(
            possible=possible,
            reasons=_closest(candidates, facts, sources),
            deciding=_engine.deciding_facts(facts),
        )
    if len(_VERDICTS) >= _CACHE_LIMIT:
        _VERDICTS.clear()
    _VERDICTS[key] = verdict
    return verdict


def classify_rung(
    arrangement: Arrangement, ecosystem: Ecosystem | None = None, *, prefer: Prefer = "evidence"
) -> RungVerdict:
    """Place an arrangement on the ladder of participation and say why.

    Args:
        arrangement: The arrangement.
        ecosystem: The ecosystem it belongs to, whose layers then supply evidence for
            its facts (see :func:`~peerprod.classify.evidence.evidence`).
        prefer: Which value to read when a stated fact and a derived one clash.

    Raises:
        KeyError: ``ecosystem`` is given but does not hold the arrangement.

    Example:
        >>> from peerprod import cases
        >>> print(classify_rung(cases.load("cash-machine").arrangements[0]))
        rung 2 (self-service)
          - contributions include a service step: {service_step} (stated)
    """
    facts, sources, _ = _findings(arrangement, ecosystem, prefer)
    return _verdict(facts, sources)


_RUNGS: dict[tuple[Any, ...], Rung | None] = {}


def rung_of(arrangement: Arrangement) -> Rung | None:
    """The rung an arrangement's stated facts place it on, fast; None if they do not settle one.

    None means outside the ladder, or a range the unknown facts leave open:
    :func:`classify_rung` tells which, with reasons and evidence.

    Example:
        >>> from peerprod import cases
        >>> rung_of(cases.load("linux").arrangements[0])
        <Rung.PEER_PRODUCTION: 8>
        >>> rung_of(cases.load("os-alliance").arrangements[0]) is None  # 9, or outside
        True
    """
    key = arrangement.facts()
    exact = _engine.exact_outcome(key)
    if exact is not None:
        return exact.rung
    try:
        return _RUNGS[key]
    except KeyError:
        pass
    outcomes = _engine.outcomes(key)
    rung = next(iter(outcomes)).rung if len(outcomes) == 1 else None
    if len(_RUNGS) >= _CACHE_LIMIT:
        _RUNGS.clear()
    _RUNGS[key] = rung
    return rung


def _control(
    found: Evidence | None,
    models: frozenset[ProductionModel | None],
    verdict: RungVerdict,
    arrangement: Arrangement,
) -> CommonsControl | None:
    if ProductionModel.COMMONS_CENTRED not in models:
        return None
    if found is not None and found.commons is not None:
        return found.commons
    if verdict.rules == ("commons a company steers",):
        return CommonsControl(
            reading="steered",
            by=arrangement.organizer,
            reasons=(
                "the community does not govern the commons: the organizer sets its "
                "parameters, platform or value chain",
            ),
        )
    if verdict.definite:
        return CommonsControl(reading="community")
    return None


def classify_model(
    arrangement: Arrangement, ecosystem: Ecosystem | None = None, *, prefer: Prefer = "evidence"
) -> ModelVerdict:
    """Classify an arrangement's production model, and who controls its commons.

    Args:
        arrangement: The arrangement.
        ecosystem: The ecosystem it belongs to, whose layers supply evidence.
        prefer: Which value to read when a stated fact and a derived one clash.

    Example:
        >>> from peerprod import cases
        >>> print(classify_model(cases.load("ikea").arrangements[0]))
        none (rung 3 (do-it-yourself))
    """
    facts, sources, found = _findings(arrangement, ecosystem, prefer)
    return _model_verdict(arrangement, facts, sources, found)


def verdicts_of(found: Evidence) -> tuple[RungVerdict, ModelVerdict]:
    """The rung and the model, from evidence already derived (as :func:`analyse` does).

    Example:
        >>> from peerprod import cases
        >>> eco = cases.load("linux")
        >>> rung, model = verdicts_of(evidence(eco.arrangements[0], eco))
        >>> rung.rung.number, model.model.value
        (8, 'commons_centred')
    """
    facts, sources = _read(found)
    return _verdict(facts, sources), _model_verdict(found.arrangement, facts, sources, found)


def _model_verdict(
    arrangement: Arrangement,
    facts: tuple[Any, ...],
    sources: tuple[str, ...],
    found: Evidence | None,
) -> ModelVerdict:
    verdict = _verdict(facts, sources)
    possible = _models(facts)
    deciding = () if len(possible) == 1 else _engine.deciding_facts(facts, "model")
    return ModelVerdict(
        possible=possible,
        rung=verdict,
        control=_control(found, possible, verdict, arrangement),
        deciding=deciding,
    )


@functools.lru_cache(maxsize=16384)
def _models(facts: tuple[Any, ...]) -> frozenset[ProductionModel | None]:
    return frozenset(o.model for o in _engine.outcomes(facts))


def model_of(arrangement: Arrangement) -> ProductionModel | None:
    """The production model the stated facts give, or None if they do not settle one.

    Example:
        >>> from peerprod import cases
        >>> model_of(cases.load("linux").arrangements[0]).value
        'commons_centred'
    """
    facts = arrangement.facts()
    exact = _engine.exact_outcome(facts)
    if exact is not None:
        return exact.model
    outcomes = _engine.outcomes(facts)
    return next(iter(outcomes)).model if len(outcomes) == 1 else None


@enum.unique
class ClaimOutcome(enum.Enum):
    """What the facts say of a claimed rung."""

    SUPPORTED = "supported"
    """Every completion of the facts reaches the claimed rung."""
    NOT_SUPPORTED = "not_supported"
    """No completion of the facts reaches it."""
    UNDECIDED = "undecided"
    """Some completions reach it and some do not: it depends on facts not known."""


@attrs.frozen(kw_only=True)
class RealityCheck:
    """A claimed rung set against what the facts support.

    Example:
        >>> from peerprod import cases
        >>> check = check_claim(cases.load("lego").arrangements[1], Rung.PEER_PRODUCTION)
        >>> check.outcome.value, check.gap
        ('not_supported', 4)
    """

    claimed: Rung
    """The rung the organization claims (for "co-creation", say)."""
    verdict: RungVerdict
    """What the facts support, with the reasons."""
    outcome: ClaimOutcome
    """Whether the facts support the claim."""
    shortfalls: tuple[Reason, ...] = ()
    """The conditions of the claimed rung's closest rule that are not met or not known."""

    @property
    def holds(self) -> bool:
        """Whether the facts support at least the claimed rung, whatever is unknown."""
        return self.outcome is ClaimOutcome.SUPPORTED

    @property
    def supported(self) -> Rung | None:
        """The highest rung the facts surely support; None if not even the lowest is sure."""
        if None in self.verdict.possible:
            return None
        return self.verdict.low

    @property
    def gap(self) -> int | None:
        """How many rungs the claim overstates the surely supported rung; None if none is."""
        supported = self.supported
        return None if supported is None else self.claimed.number - supported.number

    def __str__(self) -> str:
        head = f"claimed {_name(self.claimed)}"
        if self.outcome is ClaimOutcome.SUPPORTED:
            return f"{head}: supported, the facts give {_name(self.verdict.low)} or higher"
        if self.outcome is ClaimOutcome.UNDECIDED:
            lines = [
                f"{head}: cannot be supported without knowing {', '.join(self.verdict.deciding)}"
            ]
        else:
            gap = self.gap
            short = "" if gap is None else f": {gap} rung{'s' * (gap != 1)} short"
            what = (
                "place it outside the ladder"
                if self.verdict.outside
                else f"give {_name(self.verdict.high)}"
            )
            lines = [f"{head}: not supported, the facts {what}{short}"]
        lines.extend(f"  - {reason}" for reason in self.shortfalls)
        return "\n".join(lines)


def check_claim(
    arrangement: Arrangement,
    claimed: Rung | int | str,
    ecosystem: Ecosystem | None = None,
    *,
    prefer: Prefer = "evidence",
) -> RealityCheck:
    """Check a claimed rung against the facts of an arrangement.

    Args:
        arrangement: The arrangement as it really is.
        claimed: The rung claimed, as a :class:`Rung` or anything :meth:`Rung.parse` reads.
        ecosystem: The ecosystem it belongs to, whose layers supply evidence.
        prefer: Which value to read when a stated fact and a derived one clash.

    Raises:
        InvalidValue: ``claimed`` names no rung.

    Example:
        >>> from peerprod import cases
        >>> print(check_claim(cases.load("lego").arrangements[2], 8))
        claimed rung 8 (peer production): not supported, the facts give rung 7 (sharing communities): 1 rung short
          - not met: output_regime >= 'commons': 'corporate' (stated), which rung 8 requires
          - not met: monetization excludes the organizer monetizing participation: {subscriptions by organizer} (stated), which rung 8 requires
    """  # noqa: E501
    rung = claimed if isinstance(claimed, Rung) else Rung.parse(claimed)
    facts, sources, _ = _findings(arrangement, ecosystem, prefer)
    verdict = _verdict(facts, sources)
    reaching = [r is not None and r >= rung for r in verdict.possible]
    if all(reaching):
        return RealityCheck(claimed=rung, verdict=verdict, outcome=ClaimOutcome.SUPPORTED)
    outcome = ClaimOutcome.UNDECIDED if any(reaching) else ClaimOutcome.NOT_SUPPORTED
    return RealityCheck(
        claimed=rung,
        verdict=verdict,
        outcome=outcome,
        shortfalls=_closest(RULES[rung], facts, sources),
    )


def clear_caches() -> None:
    """Forget every verdict, outcome and derivation the classifiers have cached.

    The classifiers remember what they computed for each combination of facts, so
    that classifying many arrangements with the same facts costs one lookup each.
    Memory stays bounded either way; clear the caches to measure a first
    classification, or to free their memory after a large batch.

    Example:
        >>> from peerprod import cases
        >>> clear_caches()
        >>> rung_of(cases.load("linux").arrangements[0]).number
        8
    """
    _VERDICTS.clear()
    _RUNGS.clear()
    _models.cache_clear()
    _engine.clear()
    index_of.cache_clear()
    _clear_evidence()
