"""peerprod: a typed model of peer production after Michel Bauwens.

The public API is re-exported here; everything else is an implementation
detail. See the documentation for a tour.
"""

from peerprod._version import __version__
from peerprod.actors import Actor, ActorKind
from peerprod.arrangement import (
    DIMENSIONS,
    Arrangement,
    Contribution,
    Control,
    Relation,
    ValueCapture,
)
from peerprod.commons import CapitalThreshold, Commons, DesignQualities, Resource
from peerprod.ecosystem import Ecosystem, Entity
from peerprod.errors import (
    IntegrityError,
    InvalidDocument,
    InvalidValue,
    PeerprodError,
    Problem,
    ProblemsError,
    UnsupportedVersion,
)
from peerprod.funding import FundingChannel, FundingStream, Period
from peerprod.governance import (
    BusinessRelation,
    Coalition,
    DecisionRule,
    Membership,
    WeightBasis,
)
from peerprod.layers import Layer
from peerprod.licenses import ContributionTerms, License, LicenseKind, Reciprocity
from peerprod.partner_state import PartnerState, PublicRole, Scale
from peerprod.platform import Platform

__all__ = [
    "DIMENSIONS",
    "Actor",
    "ActorKind",
    "Arrangement",
    "BusinessRelation",
    "CapitalThreshold",
    "Coalition",
    "Commons",
    "Contribution",
    "ContributionTerms",
    "Control",
    "DecisionRule",
    "DesignQualities",
    "Ecosystem",
    "Entity",
    "FundingChannel",
    "FundingStream",
    "IntegrityError",
    "InvalidDocument",
    "InvalidValue",
    "Layer",
    "License",
    "LicenseKind",
    "Membership",
    "PartnerState",
    "PeerprodError",
    "Period",
    "Platform",
    "Problem",
    "ProblemsError",
    "PublicRole",
    "Reciprocity",
    "Relation",
    "Resource",
    "Scale",
    "UnsupportedVersion",
    "ValueCapture",
    "WeightBasis",
    "__version__",
]
