"""Analyses of whole ecosystems: reports, structure, control and the flows of value."""

from peerprod.analysis.benefits import BenefitSharing, benefit_sharing
from peerprod.analysis.report import (
    DERIVED_ATTRIBUTES,
    ArrangementReport,
    DerivedAttribute,
    EcosystemReport,
    EcosystemStructure,
    analyse,
    ecosystem_control_index,
    ecosystem_structure,
)

__all__ = [
    "DERIVED_ATTRIBUTES",
    "ArrangementReport",
    "BenefitSharing",
    "DerivedAttribute",
    "EcosystemReport",
    "EcosystemStructure",
    "analyse",
    "benefit_sharing",
    "ecosystem_control_index",
    "ecosystem_structure",
]
