"""peerprod: a typed model of peer production after Michel Bauwens.

The public API is re-exported here; everything else is an implementation
detail. The domain values load with the package; functions that need heavier
libraries (cattrs for documents, networkx for graphs) are imported the first
time they are used, so ``import peerprod`` stays cheap.

Example:
    >>> import peerprod
    >>> eco = peerprod.cases.load("lego")
    >>> [a.id for a in eco.arrangements_of("lego-group")]
    ['lego-classic', 'lego-factory', 'lego-world']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from peerprod import _moved
from peerprod._version import __version__
from peerprod.analysis import (
    DERIVED_ATTRIBUTES,
    ArrangementReport,
    DerivedAttribute,
    EcosystemReport,
    EcosystemStructure,
    analyse,
    ecosystem_control_index,
    ecosystem_structure,
)
from peerprod.classify import (
    RULES,
    Advice,
    Change,
    ClaimOutcome,
    CoalitionStructure,
    CoalitionVerdict,
    CommonsControl,
    Condition,
    Contradiction,
    Evidence,
    Finding,
    ModelVerdict,
    ProductionModel,
    RealityCheck,
    Reason,
    Rule,
    Rung,
    RungVerdict,
    TermsVerdict,
    advise,
    check_claim,
    classify_model,
    classify_rung,
    classify_rungs,
    classify_terms,
    coalition_structure,
    control_index,
    control_interval,
    elephant_factor,
    evidence,
    herfindahl_index,
    model_of,
    rule_table,
    rung_of,
)
from peerprod.errors import (
    DocumentTooLarge,
    GraphTooLarge,
    IntegrityError,
    InvalidDocument,
    InvalidGraph,
    InvalidValue,
    LicenseError,
    PeerprodError,
    Problem,
    ProblemsError,
    RenderError,
    UnknownFormat,
    UnsupportedVersion,
    UnwritableDocument,
)
from peerprod.licenses import (
    ContributionTerms,
    ExceptionEffect,
    License,
    LicenseKind,
    LicenseMapRow,
    LicenseVerdict,
    Reciprocity,
    UnknownSymbol,
    classify_license,
    license_map_rows,
    license_map_version,
)
from peerprod.model import (
    DIMENSIONS,
    FACTS,
    UNKNOWN,
    Actor,
    ActorKind,
    Arrangement,
    Between,
    BusinessRelation,
    CapitalThreshold,
    Captor,
    Channel,
    Coalition,
    Commons,
    Contribution,
    Control,
    DecisionRule,
    DesignQualities,
    Ecosystem,
    Entity,
    FundingChannel,
    FundingStream,
    Layer,
    Membership,
    Monetization,
    OneOf,
    PartnerState,
    Period,
    Platform,
    PublicRole,
    Resource,
    Scale,
    Source,
    Unknown,
    WeightBasis,
)
from peerprod.ordinal import (
    OrdinalEnum,
)

if TYPE_CHECKING:
    from peerprod import cases, documents, graphs
    from peerprod import documents as serialization
    from peerprod.documents import (
        dump,
        dumps_json,
        dumps_toml,
        load,
        loads_json,
        loads_toml,
        read,
        write,
    )
    from peerprod.graphs import from_graph, to_graph

_moved.install()

# Public names whose modules import heavy dependencies (cattrs, networkx), resolved on
# first use so that ``import peerprod`` stays cheap: name -> (module, attribute or None
# for the module itself).
_LAZY: dict[str, tuple[str, str | None]] = {
    "cases": ("peerprod.cases", None),
    "documents": ("peerprod.documents", None),
    "graphs": ("peerprod.graphs", None),
    "serialization": ("peerprod.documents", None),
    "from_graph": ("peerprod.graphs.convert", "from_graph"),
    "to_graph": ("peerprod.graphs.convert", "to_graph"),
    **{
        name: ("peerprod.documents.io", name)
        for name in ("dump", "dumps_json", "dumps_toml", "load", "loads_json", "loads_toml")
    },
    "read": ("peerprod.documents.io", "read"),
    "write": ("peerprod.documents.io", "write"),
}


def __getattr__(name: str) -> object:
    found = _LAZY.get(name)
    if found is None:
        return _moved.moved_names(__name__)(name)
    module_name, attribute = found
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)


__all__ = [
    "DERIVED_ATTRIBUTES",
    "DIMENSIONS",
    "FACTS",
    "RULES",
    "UNKNOWN",
    "Actor",
    "ActorKind",
    "Advice",
    "Arrangement",
    "ArrangementReport",
    "Between",
    "BusinessRelation",
    "CapitalThreshold",
    "Captor",
    "Change",
    "Channel",
    "ClaimOutcome",
    "Coalition",
    "CoalitionStructure",
    "CoalitionVerdict",
    "Commons",
    "CommonsControl",
    "Condition",
    "Contradiction",
    "Contribution",
    "ContributionTerms",
    "Control",
    "DecisionRule",
    "DerivedAttribute",
    "DesignQualities",
    "DocumentTooLarge",
    "Ecosystem",
    "EcosystemReport",
    "EcosystemStructure",
    "Entity",
    "Evidence",
    "ExceptionEffect",
    "Finding",
    "FundingChannel",
    "FundingStream",
    "GraphTooLarge",
    "IntegrityError",
    "InvalidDocument",
    "InvalidGraph",
    "InvalidValue",
    "Layer",
    "License",
    "LicenseError",
    "LicenseKind",
    "LicenseMapRow",
    "LicenseVerdict",
    "Membership",
    "ModelVerdict",
    "Monetization",
    "OneOf",
    "OrdinalEnum",
    "PartnerState",
    "PeerprodError",
    "Period",
    "Platform",
    "Problem",
    "ProblemsError",
    "ProductionModel",
    "PublicRole",
    "RealityCheck",
    "Reason",
    "Reciprocity",
    "RenderError",
    "Resource",
    "Rule",
    "Rung",
    "RungVerdict",
    "Scale",
    "Source",
    "TermsVerdict",
    "Unknown",
    "UnknownFormat",
    "UnknownSymbol",
    "UnsupportedVersion",
    "UnwritableDocument",
    "WeightBasis",
    "__version__",
    "advise",
    "analyse",
    "cases",
    "check_claim",
    "classify_license",
    "classify_model",
    "classify_rung",
    "classify_rungs",
    "classify_terms",
    "coalition_structure",
    "control_index",
    "control_interval",
    "documents",
    "dump",
    "dumps_json",
    "dumps_toml",
    "ecosystem_control_index",
    "ecosystem_structure",
    "elephant_factor",
    "evidence",
    "from_graph",
    "graphs",
    "herfindahl_index",
    "license_map_rows",
    "license_map_version",
    "load",
    "loads_json",
    "loads_toml",
    "model_of",
    "read",
    "rule_table",
    "rung_of",
    "serialization",
    "to_graph",
    "write",
]
