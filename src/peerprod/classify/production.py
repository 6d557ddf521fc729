"""The production model: commons-centred, sharing, crowdsourced, or none.

Bauwens distinguishes three main models of the new mode of production
(FCJ-097, "Overview of the Main Models Emerging So Far"): commons-centred peer
production, where the community is at the core of a real commons and sustains
its own infrastructure; the sharing environment, where individuals share on a
third party's platform that monetizes their attention; and the crowdsourced
environment, where isolated participants compete inside a value chain the
corporation controls. Arrangements that ask participants for no creative work
at all (rungs 1 to 3 of the ladder) are none of these.

peerprod derives the model from the ladder's own rules (:data:`MODEL_RULES`),
so the two classifiers cannot disagree:

* commons-centred when rung 8's rule holds (peer production proper);
* sharing when rung 7's rule holds but not rung 8's (a connected community
  that designs what it shares, without a commons it governs);
* crowdsourced when rung 4's rule holds but not rung 7's (participants create
  value for the organizer's product: rungs 4 to 6; the essay's Lego Factory,
  which later ladders list as co-design, is its example);
* none otherwise.

Hence rungs 1 to 3 are none, rung 4 crowdsourced, rung 7 sharing, rungs 8 and 9
commons-centred, and rung 10 commons-centred or sharing; and digital
sharecropping never yields commons-centred, since rung 8 requires a commons.

Example:
    >>> from peerprod import cases
    >>> [model_of(a).value for a in cases.load("lego").arrangements]
    ['none', 'crowdsourced', 'sharing', 'commons_centred']
"""

from __future__ import annotations

import enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from peerprod.classify.ladder import RULES, Reason, Rung, rung_of
from peerprod.ordinal import OrdinalEnum

if TYPE_CHECKING:
    from collections.abc import Mapping

    from peerprod.model.arrangement import Arrangement

__all__ = ["MODEL_RULES", "ModelVerdict", "ProductionModel", "classify_model", "model_of"]


@enum.unique
class ProductionModel(OrdinalEnum):
    """The essay's three models of peer production, and none, from the corporate pole.

    Example:
        >>> ProductionModel("commons_centred") > ProductionModel.SHARING
        True
    """

    NONE = "none"
    """Not peer production: participants contribute no creative work."""
    CROWDSOURCED = "crowdsourced"
    """Participants create value for a product and value chain the organizer runs."""
    SHARING = "sharing"
    """A connected community shares what it creates on a platform it does not govern."""
    COMMONS_CENTRED = "commons_centred"
    """A community governs a real commons and its infrastructure, with businesses around it."""


MODEL_RULES: Final[Mapping[ProductionModel, Rung]] = MappingProxyType(
    {
        ProductionModel.COMMONS_CENTRED: Rung.PEER_PRODUCTION,
        ProductionModel.SHARING: Rung.SHARING_COMMUNITIES,
        ProductionModel.CROWDSOURCED: Rung.CROWDSOURCING,
    }
)
"""For each model but none, the ladder rung whose rule admits to it.

An arrangement has the first model, in this order (the community pole first),
whose rung's rule holds, and :attr:`ProductionModel.NONE` if none does. The
three rules are nested: rung 8's rule includes every condition of rung 7's,
which includes rung 4's.

Example:
    >>> MODEL_RULES[ProductionModel.SHARING].number
    7
"""


@attrs.frozen(kw_only=True)
class ModelVerdict:
    """The production model of an arrangement, and the facts that decide it.

    Example:
        >>> from peerprod import cases
        >>> verdict = classify_model(cases.load("lego").arrangements[1])
        >>> verdict.model
        <ProductionModel.CROWDSOURCED: 'crowdsourced'>
        >>> print(verdict)
        crowdsourced (rung 4)
          - contribution is 'creative_work', at least 'creative_work' as rung 4 requires
          short of sharing:
          - relation is 'competing', below 'connected', which rung 7 requires
    """

    model: ProductionModel
    """The model."""
    rung: Rung
    """The arrangement's rung on the ladder, for reference."""
    reasons: tuple[Reason, ...]
    """The deciding facts: each condition of the model's rule, all met; for none,
    the unmet condition of the crowdsourced rule. If a met reason stopped
    holding, the model would fall toward the corporate pole; if the unmet one
    of none started to hold, it would rise."""
    shortfalls: tuple[Reason, ...]
    """The unmet conditions of the next model's rule (empty for commons-centred):
    together they keep the arrangement from that model."""

    def __str__(self) -> str:
        lines = [f"{self.model.value} (rung {self.rung.number})"]
        lines.extend(f"  - {reason}" for reason in self.reasons)
        following = self.model.step(1)
        if self.shortfalls and self.shortfalls != self.reasons and following is not None:
            lines.append(f"  short of {following.value}:")
            lines.extend(f"  - {reason}" for reason in self.shortfalls)
        return "\n".join(lines)


def model_of(arrangement: Arrangement) -> ProductionModel:
    """The production model of an arrangement, without reasons.

    Example:
        >>> from peerprod import cases
        >>> model_of(cases.load("linux").arrangements[0]).value
        'commons_centred'
    """
    return _model(arrangement, rung_of(arrangement))


def _model(arrangement: Arrangement, rung: Rung) -> ProductionModel:
    # Equivalent to trying MODEL_RULES in order, but reuses the compiled rung:
    # only rung 10 needs a rule evaluated, because it admits sharing communities.
    if rung is Rung.NON_MONETARY:
        if RULES[Rung.PEER_PRODUCTION].holds(arrangement):
            return ProductionModel.COMMONS_CENTRED
        return ProductionModel.SHARING
    if rung >= Rung.PEER_PRODUCTION:
        return ProductionModel.COMMONS_CENTRED
    if rung is Rung.SHARING_COMMUNITIES:
        return ProductionModel.SHARING
    if rung >= Rung.CROWDSOURCING:
        return ProductionModel.CROWDSOURCED
    return ProductionModel.NONE


def classify_model(arrangement: Arrangement) -> ModelVerdict:
    """Classify an arrangement's production model and say why.

    Example:
        >>> from peerprod import cases
        >>> print(classify_model(cases.load("ikea").arrangements[0]))
        none (rung 3)
          - contribution is 'assembly', below 'creative_work', which rung 4 requires
        >>> classify_model(cases.load("linux").arrangements[0]).shortfalls
        ()
    """
    rung = rung_of(arrangement)
    model = _model(arrangement, rung)
    following = model.step(1)
    if model is ProductionModel.NONE:
        reasons = _unmet(MODEL_RULES[ProductionModel.CROWDSOURCED], arrangement)
    else:
        reasons = tuple(r for r in RULES[MODEL_RULES[model]].reasons(arrangement) if r.met)
    shortfalls = () if following is None else _unmet(MODEL_RULES[following], arrangement)
    return ModelVerdict(model=model, rung=rung, reasons=reasons, shortfalls=shortfalls)


def _unmet(rung: Rung, arrangement: Arrangement) -> tuple[Reason, ...]:
    return tuple(r for r in RULES[rung].reasons(arrangement) if not r.met)
