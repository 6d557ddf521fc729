"""The production models as data: commons-centred, sharing, crowdsourced, or none.

Bauwens distinguishes three main models of the new mode of production (FCJ-097,
"Overview of the Main Models Emerging So Far"):

* **commons-centred peer production**: the community is at the core of a real
  commons and strong enough to sustain its own infrastructure, cooperating with
  market players;
* the **sharing environment**: individuals share on a third party's corporate
  platform that monetizes the attention they draw; the community does not control
  the platform but can mobilize;
* the **crowdsourced environment**: isolated participants produce inside a value
  chain the corporation controls, and sell their work through it.

Arrangements that ask for no value-creating work (rungs 1 to 3) are none of these.
The model follows from the rung (:data:`MODEL_RULES`), so the two verdicts never
disagree: rungs 1 to 3 are none, 4 to 6 crowdsourced, 7 sharing, 8 commons-centred;
9 commons-centred when a real commons exists, and no model otherwise (a producers'
cooperative without a commons is none of the three); 10 commons-centred with a real
commons and sharing otherwise, as the essay places both peer and sharing communities
on that rung.

Example:
    >>> [r.model.value for r in MODEL_RULES][:2]
    ['commons_centred', 'commons_centred']
    >>> print(MODEL_RULES[1])
    commons_centred: rungs 9-10; contributions include work that can be pooled as a commons; output_regime >= 'commons'
"""  # noqa: E501

from __future__ import annotations

import enum
from typing import Final

import attrs

from peerprod import _moved
from peerprod.classify.conditions import Condition  # noqa: TC001 - cattrs reads the annotations
from peerprod.classify.ladder import COMMONS, POOL, Rung
from peerprod.ordinal import OrdinalEnum

__all__ = ["MODEL_RULES", "ModelRule", "ProductionModel"]


@enum.unique
class ProductionModel(OrdinalEnum):
    """The essay's three models of peer production, and none, from the corporate pole.

    Example:
        >>> ProductionModel("commons_centred") > ProductionModel.SHARING
        True
    """

    NONE = "none"
    """Not peer production: participants create no value of their own."""
    CROWDSOURCED = "crowdsourced"
    """Participants produce value inside a value chain the organizer controls."""
    SHARING = "sharing"
    """Participants share on a platform a third party owns and monetizes."""
    COMMONS_CENTRED = "commons_centred"
    """A community creates a real commons, with businesses around it."""


@attrs.frozen(kw_only=True)
class ModelRule:
    """The rungs, and any further conditions, that give an arrangement a model.

    Example:
        >>> print(MODEL_RULES[-1])
        none: rungs 1-3
    """

    model: ProductionModel
    """The model this rule gives."""
    rungs: frozenset[Rung]
    """The rungs it applies to."""
    conditions: tuple[Condition, ...] = ()
    """Further conditions, all of which must hold."""

    def __str__(self) -> str:
        numbers = sorted(r.number for r in self.rungs)
        if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 1:
            span = f"rungs {numbers[0]}-{numbers[-1]}"
        else:
            span = ("rung " if len(numbers) == 1 else "rungs ") + ", ".join(map(str, numbers))
        extra = "".join(f"; {c}" for c in self.conditions)
        return f"{self.model.value}: {span}{extra}"


MODEL_RULES: Final[tuple[ModelRule, ...]] = (
    ModelRule(model=ProductionModel.COMMONS_CENTRED, rungs=frozenset({Rung.PEER_PRODUCTION})),
    ModelRule(
        model=ProductionModel.COMMONS_CENTRED,
        rungs=frozenset({Rung.COOPERATIVE_PEER_PRODUCTION, Rung.NON_MONETARY}),
        conditions=(POOL, COMMONS),
    ),
    ModelRule(
        model=ProductionModel.SHARING,
        rungs=frozenset({Rung.SHARING_COMMUNITIES, Rung.NON_MONETARY}),
    ),
    ModelRule(
        model=ProductionModel.CROWDSOURCED,
        rungs=frozenset({Rung.CROWDSOURCING, Rung.CO_DESIGN, Rung.CO_CREATIVITY}),
    ),
    ModelRule(
        model=ProductionModel.NONE,
        rungs=frozenset({Rung.CONSUMERS, Rung.SELF_SERVICE, Rung.DO_IT_YOURSELF}),
    ),
)
"""How the rung gives the model: the first rule, in this order, that applies.

An arrangement outside the ladder has no model.
"""

__getattr__ = _moved.moved_names(__name__)
