"""Analyses of whole ecosystems: reports, structure, control and the flows of value."""

from peerprod.analysis.agreement import (
    AlphaResult,
    Coding,
    KappaResult,
    Metric,
    Undefined,
    Unit,
    cohen_kappa,
    krippendorff_alpha,
)
from peerprod.analysis.benefits import BenefitSharing, benefit_sharing
from peerprod.analysis.control import PlatformControl, platform_control
from peerprod.analysis.flows import Destination, FlowTotals, ValueFlow, flow_totals, value_flows
from peerprod.analysis.reliability import (
    AgreementReport,
    Disagreement,
    QuestionAgreement,
    agreement_report,
    codings,
    compare,
)
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
from peerprod.analysis.validation import Placement, Reading, ValidationReport, validate

__all__ = [
    "DERIVED_ATTRIBUTES",
    "AgreementReport",
    "AlphaResult",
    "ArrangementReport",
    "BenefitSharing",
    "Coding",
    "DerivedAttribute",
    "Destination",
    "Disagreement",
    "EcosystemReport",
    "EcosystemStructure",
    "FlowTotals",
    "KappaResult",
    "Metric",
    "Placement",
    "PlatformControl",
    "QuestionAgreement",
    "Reading",
    "Undefined",
    "Unit",
    "ValidationReport",
    "ValueFlow",
    "agreement_report",
    "analyse",
    "benefit_sharing",
    "codings",
    "cohen_kappa",
    "compare",
    "ecosystem_control_index",
    "ecosystem_structure",
    "flow_totals",
    "krippendorff_alpha",
    "platform_control",
    "validate",
    "value_flows",
]
