"""The domain model: actors, the five layers, co-creation arrangements and the ecosystem.

Every value here is frozen and checks its own fields at construction; the
:class:`~peerprod.model.ecosystem.Ecosystem` checks that they fit together.
The model imports nothing but the standard library, attrs and the license
vocabularies (:mod:`peerprod.licenses.kinds`); conversions live at the edges.
"""

from peerprod.model.actors import Actor, ActorKind
from peerprod.model.arrangement import (
    DIMENSIONS,
    FACTS,
    Arrangement,
    Captor,
    Channel,
    Contribution,
    Control,
    Monetization,
)
from peerprod.model.commons import CapitalThreshold, Commons, DesignQualities, Resource
from peerprod.model.ecosystem import Ecosystem, Entity
from peerprod.model.funding import FundingChannel, FundingStream, Period
from peerprod.model.governance import (
    BusinessRelation,
    Coalition,
    DecisionRule,
    Membership,
    WeightBasis,
)
from peerprod.model.layers import Layer
from peerprod.model.partner_state import PartnerState, PublicRole, Scale
from peerprod.model.platform import Platform
from peerprod.model.sources import Source
from peerprod.model.uncertainty import UNKNOWN, Between, OneOf, Unknown

__all__ = [
    "DIMENSIONS",
    "FACTS",
    "UNKNOWN",
    "Actor",
    "ActorKind",
    "Arrangement",
    "Between",
    "BusinessRelation",
    "CapitalThreshold",
    "Captor",
    "Channel",
    "Coalition",
    "Commons",
    "Contribution",
    "Control",
    "DecisionRule",
    "DesignQualities",
    "Ecosystem",
    "Entity",
    "FundingChannel",
    "FundingStream",
    "Layer",
    "Membership",
    "Monetization",
    "OneOf",
    "PartnerState",
    "Period",
    "Platform",
    "PublicRole",
    "Resource",
    "Scale",
    "Source",
    "Unknown",
    "WeightBasis",
]
