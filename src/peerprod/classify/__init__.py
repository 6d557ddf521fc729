"""The classifiers: the ladder of participation, the production model, coalitions.

Each reads the model and says where an arrangement or a coalition stands in
Bauwens' terms (FCJ-097), with the reasons.
"""

from peerprod.classify.coalitions import (
    CONCENTRATED_HHI,
    DOMINANT_SHARE,
    CoalitionStructure,
    CoalitionVerdict,
    coalition_structure,
    elephant_factor,
    herfindahl_index,
)
from peerprod.classify.ladder import (
    DIMENSION_TYPES,
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
    classify_encoded,
    classify_rung,
    classify_rungs,
    control_index,
    control_terms,
    encode,
    rule_rows,
    rule_table,
    rung_of,
)
from peerprod.classify.production import (
    MODEL_RULES,
    ModelVerdict,
    ProductionModel,
    classify_model,
    model_of,
)
from peerprod.classify.terms import TermsVerdict, classify_terms

__all__ = [
    "CONCENTRATED_HHI",
    "DIMENSION_TYPES",
    "DOMINANT_SHARE",
    "MODEL_RULES",
    "RULES",
    "Advice",
    "Change",
    "CoalitionStructure",
    "CoalitionVerdict",
    "Condition",
    "ModelVerdict",
    "ProductionModel",
    "RealityCheck",
    "Reason",
    "Rule",
    "Rung",
    "RungVerdict",
    "TermsVerdict",
    "advise",
    "check_claim",
    "classify_encoded",
    "classify_model",
    "classify_rung",
    "classify_rungs",
    "classify_terms",
    "coalition_structure",
    "control_index",
    "control_terms",
    "elephant_factor",
    "encode",
    "herfindahl_index",
    "model_of",
    "rule_rows",
    "rule_table",
    "rung_of",
]
