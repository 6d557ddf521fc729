"""Analyses of whole ecosystems: reports, structure, control and the flows of value."""

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
    "DerivedAttribute",
    "EcosystemReport",
    "EcosystemStructure",
    "analyse",
    "ecosystem_control_index",
    "ecosystem_structure",
]
