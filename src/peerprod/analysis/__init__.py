"""Analyses of whole ecosystems: reports, structure, control and the flows of value."""

from peerprod.analysis.control import PlatformControl, platform_control
from peerprod.analysis.flows import Destination, FlowTotals, ValueFlow, flow_totals, value_flows
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
    "Destination",
    "EcosystemReport",
    "EcosystemStructure",
    "FlowTotals",
    "PlatformControl",
    "ValueFlow",
    "analyse",
    "ecosystem_control_index",
    "ecosystem_structure",
    "flow_totals",
    "platform_control",
    "value_flows",
]
