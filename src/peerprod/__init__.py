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
    LicenseError,
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

if TYPE_CHECKING:
    from peerprod import cases, serialization
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
    "ExceptionEffect",
    "FundingChannel",
    "FundingStream",
    "IntegrityError",
    "InvalidDocument",
    "InvalidValue",
    "Layer",
    "License",
    "LicenseError",
    "LicenseKind",
    "LicenseMapRow",
    "LicenseVerdict",
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
    "TermsVerdict",
    "UnknownSymbol",
    "UnsupportedVersion",
    "ValueCapture",
    "WeightBasis",
    "__version__",
    "cases",
    "classify_license",
    "classify_terms",
    "dump",
    "dumps_json",
    "dumps_toml",
    "license_map_rows",
    "license_map_version",
    "load",
    "loads_json",
    "loads_toml",
    "read",
    "serialization",
    "write",
]
