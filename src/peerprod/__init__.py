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
from typing import TYPE_CHECKING, Any

from peerprod._version import __version__
from peerprod.actors import Actor, ActorKind
from peerprod.analysis import (
    ArrangementReport,
    EcosystemReport,
    EcosystemStructure,
    analyse,
    ecosystem_control_index,
    ecosystem_structure,
)
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
    UnsupportedVersion,
)
from peerprod.funding import FundingChannel, FundingStream, Period
from peerprod.governance import (
    BusinessRelation,
    Coalition,
    CoalitionStructure,
    CoalitionVerdict,
    DecisionRule,
    Membership,
    WeightBasis,
    coalition_structure,
    elephant_factor,
    herfindahl_index,
)
from peerprod.ladder import (
    RULES,
    Advice,
    Change,
    Condition,
    RealityCheck,
    Reason,
    Rule,
    Rung,
    RungVerdict,
    advise,
    check_claim,
    classify_rung,
    classify_rungs,
    control_index,
    rule_table,
    rung_of,
)
from peerprod.layers import Layer
from peerprod.licenses import (
    ContributionTerms,
    ExceptionEffect,
    License,
    LicenseKind,
    LicenseMapRow,
    LicenseVerdict,
    Reciprocity,
    TermsVerdict,
    UnknownSymbol,
    classify_license,
    classify_terms,
    license_map_rows,
    license_map_version,
)
from peerprod.partner_state import PartnerState, PublicRole, Scale
from peerprod.platform import Platform
from peerprod.production import ModelVerdict, ProductionModel, classify_model

if TYPE_CHECKING:
    from peerprod import cases, serialization
    from peerprod.graph import from_graph, to_graph
    from peerprod.serialization import (
        dump,
        dumps_json,
        dumps_toml,
        load,
        loads_json,
        loads_toml,
        read,
        write,
    )

# Public names whose modules import heavy dependencies, resolved on first use.
_LAZY: dict[str, str] = {
    "from_graph": "peerprod.graph",
    "to_graph": "peerprod.graph",
    "cases": "peerprod.cases",
    "serialization": "peerprod.serialization",
    "dump": "peerprod.serialization",
    "dumps_json": "peerprod.serialization",
    "dumps_toml": "peerprod.serialization",
    "load": "peerprod.serialization",
    "loads_json": "peerprod.serialization",
    "loads_toml": "peerprod.serialization",
    "read": "peerprod.serialization",
    "write": "peerprod.serialization",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        msg = f"module 'peerprod' has no attribute {name!r}"
        raise AttributeError(msg)
    module = importlib.import_module(module_name)
    value = module if module_name.endswith(f".{name}") else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "DIMENSIONS",
    "RULES",
    "Actor",
    "ActorKind",
    "Advice",
    "Arrangement",
    "ArrangementReport",
    "BusinessRelation",
    "CapitalThreshold",
    "Change",
    "Coalition",
    "CoalitionStructure",
    "CoalitionVerdict",
    "Commons",
    "Condition",
    "Contribution",
    "ContributionTerms",
    "Control",
    "DecisionRule",
    "DesignQualities",
    "Ecosystem",
    "EcosystemReport",
    "EcosystemStructure",
    "Entity",
    "ExceptionEffect",
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
    "Relation",
    "RenderError",
    "Resource",
    "Rule",
    "Rung",
    "RungVerdict",
    "Scale",
    "TermsVerdict",
    "UnknownSymbol",
    "UnsupportedVersion",
    "ValueCapture",
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
    "dump",
    "dumps_json",
    "dumps_toml",
    "ecosystem_control_index",
    "ecosystem_structure",
    "elephant_factor",
    "from_graph",
    "herfindahl_index",
    "license_map_rows",
    "license_map_version",
    "load",
    "loads_json",
    "loads_toml",
    "read",
    "rule_table",
    "rung_of",
    "serialization",
    "to_graph",
    "write",
]
