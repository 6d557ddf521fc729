"""The classifiers: the ladder of participation, the production model, evidence, coalitions.

Each reads the model and says where an arrangement or a coalition stands in
Bauwens' terms (FCJ-097), with the reasons and where their facts come from.
"""

from peerprod.classify.advice import Advice, Change, advise
from peerprod.classify.batch import cell_count, classify_encoded, classify_rungs, encode
from peerprod.classify.coalitions import (
    CONCENTRATED_HHI,
    DOMINANT_SHARE,
    LEAD_RATIO,
    CoalitionStructure,
    CoalitionVerdict,
    coalition_structure,
    elephant_factor,
    herfindahl_index,
)
from peerprod.classify.conditions import AtLeast, Condition, Excludes, Includes, Is, Only
from peerprod.classify.control import control_index, control_interval, control_terms
from peerprod.classify.evidence import (
    CommonsControl,
    Contradiction,
    Evidence,
    Finding,
    Prefer,
    evidence,
)
from peerprod.classify.ladder import (
    RULES,
    Rule,
    Rung,
    rule_rows,
    rule_table,
    rules_for,
)
from peerprod.classify.production import MODEL_RULES, ModelRule, ProductionModel
from peerprod.classify.terms import TermsVerdict, classify_terms
from peerprod.classify.verdicts import (
    ClaimOutcome,
    ModelVerdict,
    RealityCheck,
    Reason,
    RungVerdict,
    check_claim,
    classify_model,
    classify_rung,
    clear_caches,
    model_of,
    rung_of,
)

__all__ = [
    "CONCENTRATED_HHI",
    "DOMINANT_SHARE",
    "LEAD_RATIO",
    "MODEL_RULES",
    "RULES",
    "Advice",
    "AtLeast",
    "Change",
    "ClaimOutcome",
    "CoalitionStructure",
    "CoalitionVerdict",
    "CommonsControl",
    "Condition",
    "Contradiction",
    "Evidence",
    "Excludes",
    "Finding",
    "Includes",
    "Is",
    "ModelRule",
    "ModelVerdict",
    "Only",
    "Prefer",
    "ProductionModel",
    "RealityCheck",
    "Reason",
    "Rule",
    "Rung",
    "RungVerdict",
    "TermsVerdict",
    "advise",
    "cell_count",
    "check_claim",
    "classify_encoded",
    "classify_model",
    "classify_rung",
    "classify_rungs",
    "classify_terms",
    "clear_caches",
    "coalition_structure",
    "control_index",
    "control_interval",
    "control_terms",
    "elephant_factor",
    "encode",
    "evidence",
    "herfindahl_index",
    "model_of",
    "rule_rows",
    "rule_table",
    "rules_for",
    "rung_of",
]
