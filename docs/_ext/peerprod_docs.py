"""Sphinx extension for the peerprod docs: everything that comes from the code, built fresh.

The rule tables, the graph attribute table, the vocabularies, the API pages, the
pictures and the output of ``peerprod`` commands are generated from the library
at build time, so the docs cannot drift from the code and nothing is typed twice.

Directives:

``.. peerprod-api:: MODULE [MODULE ...]``
    One section per module: its docstring, then every name in its ``__all__`` that
    it defines. Classes the package re-exports are documented under ``peerprod.``.
``.. peerprod-table:: NAME [ARGUMENT]``
    A table from the code: ``rungs``, ``ladder-rules``, ``model-rules``,
    ``license-map``, ``graph-attributes``, ``edge-types``, ``vocabulary CLASS``
    (the wire values of an enum with their meanings), ``fields CLASS`` (the
    fields of a document section), ``graph-formats`` or ``graph-limits``.
``.. peerprod-console:: peerprod ARGS``
    Runs the command line in a scratch copy of ``:cwd:`` (relative to the docs) and
    shows the command and its output, cut after ``:lines:`` lines if given; a build
    warning if the exit status is not ``:returncode:`` (default 0).
``.. peerprod-document::``
    A TOML document, shown as written and loaded at build time: a build warning if
    it is not valid.
``.. peerprod-ladder::`` and ``.. peerprod-ecosystem:: CASE-OR-FILE``
    Pictures drawn by Graphviz through :mod:`sphinx.ext.graphviz`: the ladder of
    participation, and an ecosystem as :func:`peerprod.graphs.dumps_dot` draws it.

Doctest blocks that come from docstrings are shown but not run here: pytest runs
them with their module's globals (``--doctest-modules``). Every ``>>>`` block
written in the docs' own pages is a test for ``sphinx-build -b doctest``.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import html
import importlib
import inspect
import io
import itertools
import os
import pkgutil
import re
import shlex
import shutil
import sys
import tempfile
import textwrap
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.ext.graphviz import figure_wrapper, graphviz
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

from peerprod import cases
from peerprod import documents as serialization
from peerprod.analysis.reliability import AgreementReport, compare
from peerprod.analysis.report import analyse
from peerprod.analysis.validation import Placement, ValidationReport, validate
from peerprod.cases import evaluation
from peerprod.classify.control import control_terms
from peerprod.classify.ladder import RULES, Rung
from peerprod.classify.production import MODEL_RULES, ProductionModel
from peerprod.cli import main as peerprod_main
from peerprod.errors import PeerprodError
from peerprod.graphs import formats
from peerprod.graphs.formats import FORMATS, dumps_dot
from peerprod.graphs.layout import ATTRIBUTES, EDGE_TYPES
from peerprod.licenses.mapping import license_map_rows, license_map_version, spdx_list_version
from peerprod.model.arrangement import FACTS, Captor, Channel, Contribution, Monetization
from peerprod.model.codebook import CODEBOOK
from peerprod.model.uncertainty import Between, OneOf, Unknown

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from peerprod.classify.conditions import Condition
    from peerprod.classify.verdicts import RungVerdict

logger = logging.getLogger(__name__)

PACKAGE = "peerprod"


# --- helpers -------------------------------------------------------------------------------


def _list_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], *, widths: str = "auto"
) -> list[str]:
    """An rst list-table; cells are rst, a cell may hold several lines."""
    lines = [".. list-table::", "   :header-rows: 1", f"   :widths: {widths}", ""]
    for row in itertools.chain([header], rows):
        for index, cell in enumerate(row):
            bullet = "   * - " if index == 0 else "     - "
            cell_lines = str(cell).splitlines() or [""]
            lines.append(bullet + cell_lines[0])
            lines.extend("       " + line for line in cell_lines[1:])
    lines.append("")
    return lines


def _code(text: object) -> str:
    return f"``{text}``" if str(text) else ""


def _attribute_docs(cls: type) -> dict[str, str]:
    """The docstrings written under a class's attributes or enum members, by name."""
    analyzer = ModuleAnalyzer.for_module(cls.__module__)
    docs = analyzer.find_attr_docs()
    return {
        name: " ".join(line.strip() for line in lines if line.strip())
        for (namespace, name), lines in docs.items()
        if namespace == cls.__qualname__
    }


def _resolve(dotted: str) -> Any:
    module_name, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module_name), name)


def _public_modules() -> list[str]:
    """Every public module of the package: no part of the name starts with ``_``."""
    package = importlib.import_module(PACKAGE)
    found = [
        info.name
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{PACKAGE}.")
        if not any(part.startswith("_") for part in info.name.split("."))
    ]
    return sorted([PACKAGE, *found])


def _defines(module: Any, name: str, obj: Any) -> bool:
    """Whether ``module`` is where ``obj``, listed as ``name`` in its ``__all__``, is defined."""
    if inspect.ismodule(obj):
        return False
    if inspect.isclass(obj) or inspect.isroutine(obj):
        owner = getattr(obj, "__module__", None)
        if not isinstance(owner, str):
            return False
        # A name defined in a private module of this package is documented here,
        # where users import it (the strategies live in peerprod.strategies._model).
        parent, _, last = owner.rpartition(".")
        return owner == module.__name__ or (parent == module.__name__ and last.startswith("_"))
    if _assigns(module, name):
        return True
    # Data defined in a private module of this package, as above.
    for child in pkgutil.iter_modules(getattr(module, "__path__", [])):
        if child.name.startswith("_"):
            private = importlib.import_module(f"{module.__name__}.{child.name}")
            if getattr(private, name, None) is obj and _assigns(private, name):
                return True
    return False


def _assigns(module: Any, name: str) -> bool:
    """Whether ``module``'s source assigns ``name`` at the top level."""
    source = inspect.getsource(module)
    return re.search(rf"^{re.escape(name)}\s*(:|=)", source, re.MULTILINE) is not None


def _reexported_class(name: str, obj: Any) -> bool:
    package = importlib.import_module(PACKAGE)
    return (
        inspect.isclass(obj)
        and name in getattr(package, "__all__", ())
        and getattr(package, name, None) is obj
    )


def _api_name(module_name: str, name: str, obj: Any) -> str:
    """Where :class:`ApiDirective` documents ``obj``, which ``module_name`` defines."""
    if _reexported_class(name, obj):
        return f"{PACKAGE}.{name}"
    return f"{module_name}.{name}"


def _aliases() -> dict[str, str]:
    """Every other public name of a documented object, to the name it is documented under.

    A name is documented once, where it is defined; docs and docstrings may still
    name it where users import it (``peerprod.documents.loads_json``), and the link
    must lead to the one entry.
    """
    modules = [importlib.import_module(name) for name in _public_modules()]
    # Keyed by name and identity: two constants of equal value may share an identity.
    documented: dict[tuple[str, int], str] = {}
    for module in modules:
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if _defines(module, name, obj):
                documented[name, id(obj)] = _api_name(module.__name__, name, obj)
    aliases: dict[str, str] = {}
    for module in modules:
        for name in getattr(module, "__all__", ()):
            target = documented.get((name, id(getattr(module, name))))
            if target is not None and target != f"{module.__name__}.{name}":
                aliases[f"{module.__name__}.{name}"] = target
    return aliases


# --- peerprod-api ----------------------------------------------------------------------------


class ApiDirective(SphinxDirective):
    """Document modules from their ``__all__``: every public name, once."""

    required_arguments = 1
    optional_arguments = 100

    def run(self) -> list[nodes.Node]:
        lines: list[str] = []
        documented = self.env.peerprod_api_modules  # type: ignore[attr-defined]
        for module_name in self.arguments:
            module = importlib.import_module(module_name)
            documented[module_name] = self.env.docname
            lines += [module_name, "-" * len(module_name), ""]
            lines += [f".. automodule:: {module_name}", "   :no-members:", ""]
            for name in getattr(module, "__all__", ()):
                obj = getattr(module, name)
                if not _defines(module, name, obj):
                    continue
                if _reexported_class(name, obj):
                    target = f"{PACKAGE}.{name}"
                else:
                    target = f"{module_name}.{name}"
                if inspect.isclass(obj):
                    kind = "autoexception" if issubclass(obj, BaseException) else "autoclass"
                elif inspect.isroutine(obj):
                    kind = "autofunction"
                else:
                    kind = "autodata"
                lines.append(f".. {kind}:: {target}")
                if kind == "autoexception":
                    lines.append("   :show-inheritance:")
                if kind == "autodata" and len(repr(obj)) > _LONGEST_VALUE:
                    lines.append("   :no-value:")
                lines.append("")
            if module_name == PACKAGE:
                lines += _package_index(module)
        return nested_parse_to_nodes(self.state, "\n".join(lines), allow_section_headings=True)


_LONGEST_VALUE = 80


def _first_sentence(doc: str | None) -> str:
    """The summary line of a docstring, joined onto one line."""
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def _package_index(package: Any) -> list[str]:
    """The names ``import peerprod`` gives, each linked to where it is documented."""
    aliases = _aliases()
    rows = []
    for name in package.__all__:
        obj = getattr(package, name)
        if inspect.ismodule(obj):
            rows.append([f":mod:`{obj.__name__}`", _first_sentence(inspect.getdoc(obj))])
        elif name == "__version__":
            rows.append([f"``{name}``", "The version of peerprod, a string."])
        elif inspect.isclass(obj) or inspect.isroutine(obj):
            role = "class" if inspect.isclass(obj) else "func"
            rows.append([f":{role}:`~{PACKAGE}.{name}`", _first_sentence(inspect.getdoc(obj))])
        else:
            module_name, _, attr = aliases.get(f"{PACKAGE}.{name}", f"{PACKAGE}.{name}").rpartition(
                "."
            )
            found = ModuleAnalyzer.for_module(module_name).find_attr_docs().get(("", attr), [])
            rows.append([f":obj:`~{PACKAGE}.{name}`", _first_sentence("\n".join(found))])
    intro = [
        "Every name below can be imported from the package itself (``from peerprod import",
        "Ecosystem``); each is documented with the module that defines it.",
        "",
    ]
    return intro + _list_table(["name", "summary"], rows, widths="30 70")


def _check_api_coverage(_app: Sphinx, env: BuildEnvironment) -> None:
    documented = getattr(env, "peerprod_api_modules", {})
    for module_name in _public_modules():
        if module_name not in documented:
            logger.warning(
                "public module %s is on no API page: add it to a peerprod-api directive",
                module_name,
            )


def _init_env(_app: Sphinx, env: BuildEnvironment, _docnames: list[str]) -> None:
    if not hasattr(env, "peerprod_api_modules"):
        env.peerprod_api_modules = {}  # type: ignore[attr-defined]


def _purge_env(_app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    modules = getattr(env, "peerprod_api_modules", {})
    for module_name in [m for m, doc in modules.items() if doc == docname]:
        del modules[module_name]


def _merge_env(
    _app: Sphinx, env: BuildEnvironment, _docnames: set[str], other: BuildEnvironment
) -> None:
    env.peerprod_api_modules.update(other.peerprod_api_modules)  # type: ignore[attr-defined]


def _resolve_alias(
    app: Sphinx, env: BuildEnvironment, node: nodes.Element, contnode: nodes.Element
) -> nodes.Element | None:
    if node.get("refdomain") != "py":
        return None
    target = _aliased(node["reftarget"])
    if target is None:
        return None
    domain = env.get_domain("py")
    resolved: nodes.Element | None = domain.resolve_xref(
        env, node["refdoc"], app.builder, "obj", target, node, contnode
    )
    return resolved


def _aliased(reference: str) -> str | None:
    """The documented name of ``reference``, or of the object one of its prefixes names.

    ``peerprod.documents.Limits.max_digits`` leads to the attribute of the class where
    the class is documented.
    """
    head, rest = reference, ""
    while head:
        target = _ALIASES.get(head)
        if target is not None:
            return target + rest
        head, dot, tail = head.rpartition(".")
        rest = dot + tail + rest
    return None


_ALIASES: dict[str, str] = {}


# --- tables ----------------------------------------------------------------------------------


def _models_by_rung() -> dict[Rung, list[ProductionModel | None]]:
    """For each rung, the models :data:`MODEL_RULES` can give an arrangement on it.

    The rules are read in order, as the classifier reads them: a rule with further
    conditions may fail, so the next rule for the rung is a possibility too; when every
    rule for a rung has conditions, an arrangement may also meet none (no model).
    """
    found: dict[Rung, list[ProductionModel | None]] = {}
    for rung in Rung:
        models: list[ProductionModel | None] = []
        for rule in MODEL_RULES:
            if rung not in rule.rungs:
                continue
            if rule.model not in models:
                models.append(rule.model)
            if not rule.conditions:
                break
        else:
            models.append(None)
        found[rung] = models
    return found


@functools.cache
def _case_verdicts() -> tuple[tuple[str, str, RungVerdict], ...]:
    """Every built-in arrangement's rung verdict, with the evidence of its ecosystem."""
    found: list[tuple[str, str, RungVerdict]] = []
    for name in cases.names():
        ecosystem = cases.load(name)
        report = analyse(ecosystem)
        found.extend((name, a.name, report.arrangement(a.id).rung) for a in ecosystem.arrangements)
    return tuple(found)


def _case_examples() -> dict[Rung | None, list[tuple[str, str, bool]]]:
    """The built-in arrangements on each rung: (case, arrangement name, definitely there)."""
    examples: dict[Rung | None, list[tuple[str, str, bool]]] = {}
    for case, title, verdict in _case_verdicts():
        for rung in sorted(verdict.possible, key=lambda r: 0 if r is None else r.number):
            examples.setdefault(rung, []).append((case, title, verdict.definite))
    return examples


def _model_name(model: ProductionModel | None) -> str:
    return "no model" if model is None else str(model.value).replace("_", "-")


def _judged_model(model: ProductionModel | None) -> str:
    """A model as the validation tables name it: ``none`` is spelt out beside no model."""
    return "not peer production" if model is ProductionModel.NONE else _model_name(model)


def _table_rungs() -> list[str]:
    models = _models_by_rung()
    examples = _case_examples()
    rows = []
    for rung in Rung:
        shown = [
            f"{title} (``{case}``)" + ("" if definite else ", if the open facts allow")
            for case, title, definite in examples.get(rung, [])
        ]
        rows.append(
            [
                str(rung.number),
                rung.short_name,
                rung.description,
                " or ".join(_judged_model(m) for m in models[rung]),
                "; ".join(shown),
            ]
        )
    return _list_table(
        ["rung", "name", "what it means", "production model", "built-in examples"],
        rows,
        widths="5 15 35 15 30",
    )


def _conditions(conditions: Iterable[Condition]) -> str:
    """Conditions as an rst bullet list, each exactly as the classifier prints it."""
    return "\n".join(f"- ``{condition}``" for condition in conditions) or "none"


def _table_ladder_rules() -> list[str]:
    rows = []
    for rung, rules in RULES.items():
        for rule in rules:
            why = f"{rule.rationale} (FCJ-097, {rule.essay})"
            if rule.reading:
                why += f"\n\nReported as: {rule.reading}."
            rows.append([str(rung.number), rule.name, _conditions(rule.conditions), why])
    return _list_table(["rung", "rule", "all of these hold", "why"], rows, widths="5 15 40 40")


def _members(condition: Condition) -> list[Any]:
    members: frozenset[Any] = getattr(condition, "members", frozenset())
    order = {member: index for index, member in enumerate(itertools.chain(Contribution, Channel))}
    captors = {member: index for index, member in enumerate(Captor)}

    def key(member: Any) -> tuple[int, int]:
        if isinstance(member, Monetization):
            return order[member.channel], -1 if member.by is None else captors[member.by]
        return order[member], 0

    return sorted(members, key=key)


def _table_condition_sets() -> list[str]:
    """What each named set in the rules holds, member by member."""
    seen: dict[tuple[str, str], Condition] = {}
    every = [c for rules in RULES.values() for rule in rules for c in rule.conditions]
    every += [c for rule in MODEL_RULES for c in rule.conditions]
    for condition in every:
        label = getattr(condition, "label", None)
        if label is not None:
            seen.setdefault((condition.fact, label), condition)
    rows = [
        [
            _code(fact),
            label,
            ", ".join(
                _code(m.value if isinstance(m, enum.Enum) else m) for m in _members(condition)
            ),
        ]
        for (fact, label), condition in seen.items()
    ]
    return _list_table(["fact", "name in the rules", "members"], rows, widths="15 35 50")


def _table_model_rules() -> list[str]:
    docs = _attribute_docs(ProductionModel)
    rows = []
    for rule in MODEL_RULES:
        numbers = sorted(r.number for r in rule.rungs)
        rows.append(
            [
                _code(rule.model.value),
                docs.get(rule.model.name, ""),
                ", ".join(map(str, numbers)),
                _conditions(rule.conditions),
            ]
        )
    return _list_table(
        ["model", "meaning", "on rungs", "further conditions"], rows, widths="15 40 10 35"
    )


# --- the codebook ----------------------------------------------------------------------------


def _readers(fact: str) -> str:
    """Which rules read a fact, and the passages of the essay those rules paraphrase."""
    rungs: list[int] = []
    passages: list[str] = []
    for rung, rules in RULES.items():
        for rule in rules:
            if any(c.fact == fact for c in rule.conditions):
                if rung.number not in rungs:
                    rungs.append(rung.number)
                for part in rule.essay.split(";"):
                    passage = part.split(", rung")[0].strip()
                    if passage not in passages:
                        passages.append(passage)
    models = [
        rule.model.value for rule in MODEL_RULES if any(c.fact == fact for c in rule.conditions)
    ]
    if not rungs:
        return "No rule reads it."
    found = f"Read by the rules of rung{'s' * (len(rungs) > 1)} {', '.join(map(str, rungs))}"
    if models:
        found += " and the model rule for " + ", ".join(_code(m) for m in models)
    return f"{found}, which paraphrase FCJ-097, {', '.join(passages)}."


@functools.cache
def _index_facts() -> frozenset[str]:
    """The facts the control index counts, read off the index's own terms."""
    complete = next(a for eco in cases.load_all().values() for a in eco.arrangements if a.complete)
    return frozenset(control_terms(complete))


def _table_codebook() -> list[str]:
    lines: list[str] = []
    for question in CODEBOOK:
        title = f"``{question.fact}``"
        lines += [title, "~" * len(title), "", f"**{question.asks}** ({question.shape})", ""]
        lines += _list_table(
            ["answer", "when"],
            [[_code(a.value), a.means] for a in question.answers],
            widths="25 75",
        )
        if question.guidance:
            lines += ["How to decide:", ""]
            lines += [f"* {line}" for line in question.guidance]
            lines.append("")
        counted = question.fact in _index_facts()
        index = "Counted in the control index." if counted else "Not in the control index."
        where = f"{_readers(question.fact)} {index}"
        lines += [where, ""]
    return lines


# --- validation and agreement ----------------------------------------------------------------


@functools.cache
def _validation(coder: str) -> ValidationReport:
    return validate(evaluation.load(coder), evaluation.readings(coder))


def _share(hits: int, total: int) -> str:
    return f"{hits} of {total} ({hits / total:.1%})" if total else "none"


def _table_validation_summary() -> list[str]:
    rows = []
    for coder in evaluation.coders():
        report = _validation(coder)
        placements = report.placements
        n = len(placements)
        rows.append(
            [
                coder,
                str(n),
                _share(sum(p.rung_exact for p in placements), n),
                _share(sum(p.rung_within for p in placements), n),
                _share(sum(p.model_exact for p in placements), n),
            ]
        )
    return _list_table(
        ["coder", "readings", "rung exact", "rung within the possible", "model exact"],
        rows,
        widths="10 10 25 30 25",
    )


def _table_validation_per(kind: str) -> list[str]:
    coders = evaluation.coders()
    per = {
        coder: (_validation(coder).by_rung() if kind == "rung" else _validation(coder).by_model())
        for coder in coders
    }
    keys: list[Any] = [*Rung, None] if kind == "rung" else [*ProductionModel, None]
    rows = []
    for key in keys:
        cells = [per[coder].get(key) for coder in coders]
        if not any(cells):
            continue
        if kind == "rung":
            name = "outside the ladder" if key is None else f"{key.number} ({key.short_name})"
        else:
            name = _judged_model(key)
        rows.append([name, *(_share(*cell) if cell else "" for cell in cells)])
    header = ["read as", *(f"coder {coder}: placed exactly" for coder in coders)]
    return _list_table(header, rows)


def _verdict_text(rungs: Iterable[Rung | None], models: Iterable[ProductionModel | None]) -> str:
    rung_names = sorted("outside" if r is None else str(r.number) for r in rungs)
    rung_names.sort(key=lambda n: (len(n), n))
    model_names = sorted(_judged_model(m) for m in models)
    return f"rung {' or '.join(rung_names)}; {' or '.join(model_names)}"


def _miss(placement: Placement) -> str:
    """How a placement misses its reading: per verdict, left open or elsewhere."""
    reading = placement.reading
    parts = []
    if not placement.rung_exact:
        parts.append("rung " + ("left open" if placement.rung_within else "elsewhere"))
    if not placement.model_exact:
        parts.append("model " + ("left open" if reading.model in placement.models else "elsewhere"))
    return ", ".join(parts)


def _table_validation_misses() -> list[str]:
    rows = []
    for coder in evaluation.coders():
        for placement in _validation(coder).misses:
            reading = placement.reading
            rows.append(
                [
                    coder,
                    f"``{reading.case}/{reading.arrangement}``",
                    _verdict_text([reading.rung], [reading.model]),
                    _verdict_text(placement.rungs, placement.models),
                    _miss(placement),
                ]
            )
    return _list_table(
        ["coder", "arrangement", "the coder read", "the classifiers give", "miss"],
        rows,
        widths="7 28 20 30 15",
    )


def _table_evaluation_sources() -> list[str]:
    rows = []
    for coder in evaluation.coders():
        ecosystems = evaluation.load(coder)
        arrangements = [a for eco in ecosystems.values() for a in eco.arrangements]
        sources = [s for a in arrangements for s in a.sources]
        facts = dated = 0
        for arrangement in arrangements:
            for fact in FACTS:
                facts += 1
                dated += any(
                    s.date is not None and (not s.supports or fact in s.supports)
                    for s in arrangement.sources
                )
        rows.append(
            [
                coder,
                str(len(ecosystems)),
                str(len(arrangements)),
                str(len(sources)),
                _share(sum(s.date is not None for s in sources), len(sources)),
                _share(sum(s.url is not None for s in sources), len(sources)),
                _share(dated, facts),
            ]
        )
    return _list_table(
        [
            "coder",
            "cases",
            "arrangements",
            "sources",
            "dated",
            "with an address",
            "facts with a dated source",
        ],
        rows,
    )


@functools.cache
def _agreement() -> AgreementReport[str]:
    first, second = evaluation.coders()[:2]
    return compare(evaluation.load(first), evaluation.load(second), coder_a=first, coder_b=second)


def _coefficient(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.3f}"


def _table_agreement() -> list[str]:
    report = _agreement()
    disagreements: dict[str, int] = {}
    for d in report.disagreements:
        disagreements[d.question] = disagreements.get(d.question, 0) + 1
    order = {fact: index for index, fact in enumerate(FACTS)}
    rows = [
        [
            _code(q.question),
            str(q.kappa.units),
            _coefficient(q.kappa.observed),
            _coefficient(q.kappa.kappa),
            _coefficient(q.alpha.alpha),
            str(disagreements.get(q.question, 0)),
        ]
        for q in sorted(report.questions, key=lambda q: order.get(q.question, len(order)))
    ]
    alpha = report.alpha
    intro = [
        f"Coders {report.coder_a} and {report.coder_b}, {report.units} units (a fact of an "
        f"arrangement); Krippendorff's alpha over every fact: "
        f"**{_coefficient(alpha.alpha)}** ({alpha.metric.value}).",
        "",
    ]
    return intro + _list_table(
        [
            "fact",
            "units",
            "observed agreement",
            "Cohen's kappa",
            "Krippendorff's alpha",
            "disagreements",
        ],
        rows,
    )


def _license_reading(row: Any) -> str:
    """What a row of the license table gives, in one cell."""
    if row.effect is not None:
        return _code(row.effect.value)
    if row.section == "terms":
        if row.terms is None:
            return "undetermined"
        held = f" ({row.holder.value})" if row.holder is not None else ""
        return _code(row.terms.value) + held
    if row.kind is None:
        return "undetermined"
    duty = row.reciprocity.value if row.reciprocity is not None else "undetermined"
    return f"{_code(row.kind.value)}, {_code(duty)}"


def _table_license_map() -> list[str]:
    rows = [
        [row.section, ", ".join(_code(m) for m in row.match), _license_reading(row), row.why]
        for row in license_map_rows()
    ]
    return [
        f"Version {license_map_version()} of the table, over version {spdx_list_version()} "
        "of the SPDX License List.",
        "",
        *_list_table(
            ["section", "matches", "reading or effect", "why"],
            rows,
            widths="10 25 15 50",
        ),
    ]


def _table_graph_attributes() -> list[str]:
    rows = []
    for a in ATTRIBUTES:
        notes = []
        if a.required:
            notes.append("always")
        if a.derived:
            notes.append("derived")
        rows.append(
            [
                _code(a.name),
                a.scope,
                ", ".join(a.applies_to) or "all",
                a.wire_type,
                ", ".join(_code(v) for v in a.values),
                ", ".join(notes),
                a.description,
            ]
        )
    return _list_table(
        ["attribute", "on", "for", "type", "values", "", "meaning"],
        rows,
        widths="18 6 12 8 20 8 28",
    )


def _table_edge_types() -> list[str]:
    rows = [
        [
            _code(t.relation),
            " → ".join(t.endpoints),
            _code(f"{t.owner}.{t.field}"),
            "" if t.layer is None else str(int(t.layer)),
            t.description,
        ]
        for t in EDGE_TYPES
    ]
    return _list_table(
        ["relation", "from → to", "records the field", "layer", "meaning"],
        rows,
        widths="15 25 25 5 30",
    )


def _table_graph_formats() -> list[str]:
    rows = []
    for f in FORMATS.values():
        names = " ".join([_code(f.name), *(f"({_code(a)})" for a in f.aliases)])
        needs = "Graphviz" if f.needs_graphviz else ""
        rows.append(
            [
                names,
                ", ".join(_code(x) for x in f.suffixes),
                "yes" if f.readable else "no",
                needs,
                f.description,
            ]
        )
    return _list_table(
        ["format", "suffixes", "read back", "needs", "for"], rows, widths="20 15 10 10 45"
    )


def _table_graph_limits() -> list[str]:
    docs = ModuleAnalyzer.for_module("peerprod.graphs.formats._common").find_attr_docs()
    rows = []
    for name, value in (
        ("max_bytes", formats.MAX_BYTES),
        ("max_depth", formats.MAX_DEPTH),
        ("max_digits", formats.MAX_DIGITS),
    ):
        constant = f"MAX_{name.removeprefix('max_').upper()}"
        shown = f"{value // 2**20} MiB" if name == "max_bytes" else str(value)
        summary = _first_sentence("\n".join(docs.get(("", constant), [])))
        rows.append([_code(name), f":data:`~peerprod.graphs.formats.{constant}`", shown, summary])
    return _list_table(
        ["keyword", "constant", "default", "what it limits"], rows, widths="15 25 10 50"
    )


def _table_vocabulary(dotted: str) -> list[str]:
    cls = _resolve(dotted)
    if not (inspect.isclass(cls) and issubclass(cls, enum.Enum)):
        msg = f"{dotted} is not an enum"
        raise ValueError(msg)
    docs = _attribute_docs(cls)
    rows = [[_code(member.value), docs.get(member.name, "")] for member in cls]
    return _list_table(["value", "meaning"], rows, widths="25 75")


_WIRE: dict[object, str] = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
}


def _wire_type(hint: Any) -> str:
    origin = typing.get_origin(hint)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        if set(args) == {int, float}:
            return "number"
        return " or ".join(_wire_type(a) for a in args)
    if origin in (tuple, frozenset):
        return f"list of {_wire_type(args[0])}"
    if origin is OneOf:
        if typing.get_origin(args[0]) is frozenset:
            return "table ``one_of`` (a list of such lists)"
        return f"list of {_wire_type(args[0])}s (one of them)"
    if origin is Between:
        return "table ``known``, ``maybe`` (lists)"
    if hint is Unknown:
        return '``"unknown"``'
    if hint is Decimal:
        return "number or decimal string"
    if inspect.isclass(hint) and issubclass(hint, enum.Enum):
        return f":class:`~{_documented_name(hint)}` value"
    if inspect.isclass(hint) and attrs.has(hint):
        return f"table (:class:`~{_documented_name(hint)}`)"
    return _WIRE.get(hint, str(hint))


def _documented_name(cls: type) -> str:
    if _reexported_class(cls.__name__, cls):
        return f"{PACKAGE}.{cls.__name__}"
    return f"{cls.__module__}.{cls.__qualname__}"


def _table_fields(dotted: str) -> list[str]:
    cls = _resolve(dotted)
    hints = typing.get_type_hints(cls)
    docs = _attribute_docs(cls)
    rows = []
    for field in attrs.fields(cls):
        required = field.default is attrs.NOTHING
        rows.append(
            [
                _code(field.name),
                _wire_type(hints[field.name]),
                "yes" if required else "",
                docs.get(field.name, ""),
            ]
        )
    return _list_table(["key", "type", "required", "meaning"], rows, widths="20 25 10 45")


_TABLES: dict[str, Any] = {
    "rungs": _table_rungs,
    "ladder-rules": _table_ladder_rules,
    "model-rules": _table_model_rules,
    "condition-sets": _table_condition_sets,
    "codebook": _table_codebook,
    "validation-summary": _table_validation_summary,
    "validation-by-rung": lambda: _table_validation_per("rung"),
    "validation-by-model": lambda: _table_validation_per("model"),
    "validation-misses": _table_validation_misses,
    "evaluation-sources": _table_evaluation_sources,
    "agreement": _table_agreement,
    "license-map": _table_license_map,
    "graph-attributes": _table_graph_attributes,
    "edge-types": _table_edge_types,
    "graph-formats": _table_graph_formats,
    "graph-limits": _table_graph_limits,
    "vocabulary": _table_vocabulary,
    "fields": _table_fields,
}


class TableDirective(SphinxDirective):
    """A table generated from the library's own tables and types."""

    required_arguments = 1
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        name, *rest = self.arguments
        make = _TABLES.get(name)
        if make is None:
            known = ", ".join(_TABLES)
            msg = f"unknown peerprod table {name!r}; known: {known}"
            raise self.error(msg)
        return nested_parse_to_nodes(
            self.state, "\n".join(make(*rest)), allow_section_headings=True
        )


# --- console output --------------------------------------------------------------------------


@contextlib.contextmanager
def _scratch_copy(folder: Path | None) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="peerprod-docs-") as tmp:
        if folder is not None:
            shutil.copytree(folder, tmp, dirs_exist_ok=True)
        previous = Path.cwd()
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(previous)


class ConsoleDirective(SphinxDirective):
    """Run ``peerprod`` in-process and show the command with what it printed."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "cwd": directives.unchanged_required,
        "returncode": directives.nonnegative_int,
        "stdin": directives.unchanged_required,
        "lines": directives.positive_int,
    }

    def run(self) -> list[nodes.Node]:
        command = self.arguments[0]
        argv = shlex.split(command)
        if argv[:1] != ["peerprod"]:
            raise self.error(f"a console example must start with 'peerprod': {command!r}")
        folder = None
        if "cwd" in self.options:
            folder = Path(self.env.srcdir) / self.options["cwd"]
            for path in folder.rglob("*"):
                self.env.note_dependency(str(path))
        stdin_text = ""
        if "stdin" in self.options:
            stdin_path = Path(self.env.srcdir) / self.options["stdin"]
            self.env.note_dependency(str(stdin_path))
            stdin_text = stdin_path.read_text(encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with (
            _environment(COLUMNS=str(_CONSOLE_WIDTH)),
            _scratch_copy(folder),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            _stdin(stdin_text),
        ):
            status = peerprod_main(argv[1:])
        expected = self.options.get("returncode", 0)
        if status != expected:
            logger.warning(
                "%r exited %d, not %d:\n%s%s",
                command,
                status,
                expected,
                out.getvalue(),
                err.getvalue(),
                location=self.get_location(),
            )
        shown = f"$ {command}"
        if "stdin" in self.options:
            shown += f" < {Path(self.options['stdin']).name}"
        printed = out.getvalue() + err.getvalue()
        if "lines" in self.options:
            kept = printed.splitlines()
            if len(kept) > self.options["lines"]:
                left = len(kept) - self.options["lines"]
                kept = [*kept[: self.options["lines"]], f"... ({left} more lines)"]
            printed = "\n".join(kept) + "\n"
        text = shown + "\n" + printed
        block = nodes.literal_block(text.rstrip("\n"), text.rstrip("\n"))
        block["language"] = "console"
        return [block]


_CONSOLE_WIDTH = 88
"""argparse wraps help to the terminal; the docs must not depend on the builder's terminal."""


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    previous = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = previous


class DocumentDirective(SphinxDirective):
    """A peerprod document shown as written, and loaded at build time so it stays valid."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        text = "\n".join(self.content) + "\n"
        try:
            serialization.loads_toml(text)
        except PeerprodError as exc:
            logger.warning("invalid example document: %s", exc, location=self.get_location())
        block = nodes.literal_block(text, text)
        block["language"] = "toml"
        if "caption" not in self.options:
            return [block]
        container = nodes.container("", literal_block=True)
        caption = nodes.caption(self.options["caption"], self.options["caption"])
        container += caption
        container += block
        return [container]


# --- pictures --------------------------------------------------------------------------------

_MODEL_COLOURS: dict[str | None, str] = {
    None: "#ffffff",
    "none": "#e0e0e0",
    "crowdsourced": "#fdd0a2",
    "sharing": "#c6dbef",
    "commons_centred": "#c7e9c0",
}


def _ladder_dot() -> str:
    """The ladder, rung 1 at the bottom, each rung coloured by the models it admits."""
    models = _models_by_rung()
    examples = _case_examples()
    lines = [
        'digraph "ladder" {',
        "  graph [rankdir=BT, fontname=Helvetica, nodesep=0.25, ranksep=0.12];",
        '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=11, width=3.6];',
        '  edge [arrowhead=none, color="#9e9e9e"];',
    ]
    for rung in Rung:
        found = models.get(rung, [])
        fill = ":".join(_MODEL_COLOURS[None if m is None else m.value] for m in found)
        found_cases = sorted({case for case, _, definite in examples.get(rung, []) if definite})
        label = f"<b>{rung.number}. {html.escape(rung.short_name)}</b>"
        if found_cases:
            wrapped = textwrap.wrap(", ".join(found_cases), 44)
            label += '<br/><font point-size="9" color="#424242">'
            label += "<br/>".join(html.escape(line) for line in wrapped) + "</font>"
        lines.append(f'  r{rung.number} [label=<{label}>, fillcolor="{fill}", gradientangle=0];')
    lines.append("  " + " -> ".join(f"r{rung.number}" for rung in Rung) + ";")
    lines.append("  subgraph cluster_legend {")
    lines.append(
        '    graph [label="production model", style=rounded, color="#bdbdbd", fontsize=10];'
    )
    lines.append("    node [width=1.4, fontsize=10];")
    legend = []
    for model in [None, *reversed(list(ProductionModel))]:
        value = None if model is None else model.value
        key = f"m_{value or 'outside'}"
        legend.append(key)
        colour = _MODEL_COLOURS[value]
        lines.append(f'    {key} [label="{_judged_model(model)}", fillcolor="{colour}"];')
    lines.append("    " + " -> ".join(reversed(legend)) + " [style=invis];")
    lines.append("  }")
    lines.append('  pole_c [shape=plaintext, style="", label="corporate pole", width=1];')
    lines.append('  pole_p [shape=plaintext, style="", label="community pole", width=1];')
    lines.append("  {rank=same; r1; pole_c;}")
    lines.append("  {rank=same; r10; pole_p;}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _graphviz_figure(
    directive: SphinxDirective, code: str, alt: str, caption: str
) -> list[nodes.Node]:
    node = graphviz()
    node["code"] = code
    node["options"] = {"docname": directive.env.docname}
    node["alt"] = alt
    node["align"] = "center"
    if not caption:
        return [node]
    figure = figure_wrapper(directive, node, caption)
    directive.add_name(figure)
    return [figure]


class LadderDirective(SphinxDirective):
    """The ladder of participation as a picture, from :class:`peerprod.classify.ladder.Rung`."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        return _graphviz_figure(
            self,
            _ladder_dot(),
            alt="The ten rungs of the ladder of participation, coloured by production model.",
            caption="\n".join(self.content),
        )


class EcosystemDirective(SphinxDirective):
    """An ecosystem drawn as :func:`peerprod.graphs.dumps_dot` draws it."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        spec = self.arguments[0]
        if spec in cases.names():
            eco = cases.load(spec)
        else:
            path = Path(self.env.srcdir) / spec
            self.env.note_dependency(str(path))
            eco = serialization.read(path)
        alt = f"The ecosystem {eco.name} as a graph"
        return _graphviz_figure(self, dumps_dot(eco), alt=alt, caption="\n".join(self.content))


# --- doctests --------------------------------------------------------------------------------


def _docstring_doctests_as_literals(_app: Sphinx, doctree: nodes.document) -> None:
    """Show docstring examples without running them here; pytest runs them in their module."""
    for node in list(doctree.findall(nodes.doctest_block)):
        if "docstring of" in (node.source or ""):
            block = nodes.literal_block(node.rawsource, node.astext())
            block["language"] = "pycon"
            node.replace_self(block)


def _keep_attribute_docstrings_whole(
    _app: Sphinx, what: str, _name: str, _obj: object, _options: object, lines: list[str]
) -> None:
    """Stop Napoleon from reading "Free text: from public facts" as a type and a description.

    Attribute types come from annotations here; a colon in the first line is prose.
    """
    if what in ("attribute", "data", "property") and lines and _COLON.search(lines[0]):
        # Napoleon skips blank lines but not an empty comment, so it finds no colon.
        lines[:0] = ["..", ""]


_COLON = re.compile(r"(?<!:):(?!:)")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the event handlers."""
    app.setup_extension("sphinx.ext.graphviz")
    app.add_directive("peerprod-api", ApiDirective)
    app.add_directive("peerprod-table", TableDirective)
    app.add_directive("peerprod-console", ConsoleDirective)
    app.add_directive("peerprod-document", DocumentDirective)
    app.add_directive("peerprod-ladder", LadderDirective)
    app.add_directive("peerprod-ecosystem", EcosystemDirective)
    app.connect("env-before-read-docs", _init_env)
    app.connect("env-purge-doc", _purge_env)
    app.connect("env-merge-info", _merge_env)
    app.connect("env-check-consistency", _check_api_coverage)
    app.connect("missing-reference", _resolve_alias)
    app.connect("doctree-read", _docstring_doctests_as_literals)
    # Before Napoleon, which listens at the default priority of 500.
    app.connect("autodoc-process-docstring", _keep_attribute_docstrings_whole, priority=100)
    _ALIASES.update(_aliases())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
