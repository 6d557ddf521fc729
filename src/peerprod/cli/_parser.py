"""The argument parser: the commands, their options, and the help that documents them."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import TYPE_CHECKING, Final, NoReturn

from peerprod._version import __version__
from peerprod.cli import _STATUSES
from peerprod.cli._output import PROG, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["build_parser"]


def _statuses(*, check: bool) -> str:
    rows = [(code, text) for code, text, check_only in _STATUSES if check or not check_only]
    return "\n".join(f"  {code:>3}  {text}" for code, text in rows)


_EPILOG: Final = f"""\
exit status:
{_statuses(check=True)}

inputs:
  A name without a dot or slash is a built-in case (see 'peerprod cases');
  anything else is a file: a peerprod document (.toml, .json) or a graph
  (.graphml, .gexf, .cyjs). '-' reads a document from standard input.

examples:
  peerprod classify                      classify every built-in case
  peerprod classify lego mine.toml       the Lego family and your own ecosystem
  peerprod check --claim co-creativity lego
  peerprod license GPL-2.0-only WITH Classpath-exception-2.0
  peerprod graph linux --format svg -o linux.svg
  peerprod validate mine.toml
  peerprod evaluate                      the classifiers against the evaluation set
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors by exception, not by exiting.

    So that :func:`~peerprod.cli.main` returns its status to callers that run it
    in-process.
    """

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: error: {message}")


def _prefer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--prefer",
        choices=["evidence", "stated", "either"],
        default="evidence",
        help="when a stated fact and what the layers establish differ, read the layers' "
        "value (evidence, the default), the stated one, or both as possible (either)",
    )


def _evidence_options(parser: argparse.ArgumentParser) -> None:
    _prefer_option(parser)
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a stated fact contradicts the ecosystem's layers",
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line; each command sets its ``handler``."""
    from peerprod.cli import _cases, _classify, _evaluate, _graph, _license  # noqa: PLC0415
    from peerprod.licenses.kinds import ContributionTerms  # noqa: PLC0415
    from peerprod.model.actors import ActorKind  # noqa: PLC0415

    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog=PROG,
        description=(
            "Classify peer-production ecosystems after Michel Bauwens: the rung on the\n"
            "ladder of participation, the production model and the coalition structure,\n"
            "each with its reasons."
        ),
        epilog=_EPILOG,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )

    def command(
        name: str, summary: str, description: str, handler: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name,
            help=summary,
            # The raw formatter keeps the epilog's layout; the prose is wrapped here.
            description=textwrap.fill(description, width=79),
            epilog=f"exit status:\n{_statuses(check=name == 'check')}",
            formatter_class=formatter,
        )
        sub.set_defaults(handler=handler)
        return sub

    cases_cmd = command(
        "cases",
        "list the built-in cases, or print one",
        "List the built-in cases with their entity counts per layer, or print the document "
        "of one case (TOML, or JSON with --json) to use as a template.",
        _cases.run_cases,
    )
    cases_cmd.add_argument("name", nargs="?", metavar="NAME", help="print this case's document")
    cases_cmd.add_argument("--json", action="store_true", help="write JSON")

    classify = command(
        "classify",
        "classify arrangements and coalitions (the main job)",
        "Classify every arrangement of each ecosystem on the ladder of participation and by "
        "production model, and every coalition by its structure, with the reasons. Without "
        "inputs, or with --all, classify every built-in case.",
        _classify.run_classify,
    )
    classify.add_argument("inputs", nargs="*", metavar="CASE-OR-FILE", help="what to classify")
    classify.add_argument("--all", action="store_true", help="also classify every built-in case")
    classify.add_argument("--brief", action="store_true", help="leave out the reasons")
    classify.add_argument(
        "--json", action="store_true", help="write JSON: each report as its types hold it"
    )
    _evidence_options(classify)

    check = command(
        "check",
        "check a claimed rung against the facts",
        "The reality check: set a claimed rung of the ladder against the rung the facts of "
        "each arrangement support, and list the facts that fall short of the claim. Exits "
        "3 when the facts do not support the claim for some arrangement, so a script can "
        "use it as a gate.",
        _classify.run_check,
    )
    check.add_argument(
        "--claim",
        required=True,
        type=_classify.rung_argument,
        metavar="RUNG",
        help="the claimed rung: 1 to 10 or a name such as co-design or 'peer production'",
    )
    check.add_argument("input", metavar="CASE-OR-FILE", help="the ecosystem")
    check.add_argument("--arrangement", metavar="ID", help="check only this arrangement")
    check.add_argument("--json", action="store_true", help="write JSON")
    _evidence_options(check)

    license_cmd = command(
        "license",
        "classify an SPDX license expression",
        "Place an SPDX license expression among the essay's property regimes (commons, "
        "sharing, corporate, sharecropping), with its reciprocity and the reasons. The "
        "expression may be quoted or not. Exits 1 when it names an unknown id that could "
        "change the answer.",
        _license.run_license,
    )
    license_cmd.add_argument("expression", nargs="+", metavar="EXPR", help="the expression")
    license_cmd.add_argument(
        "--terms",
        choices=[t.value for t in ContributionTerms],
        metavar="TERMS",
        help="also judge these contribution terms: %(choices)s",
    )
    license_cmd.add_argument(
        "--holder",
        choices=[k.value for k in ActorKind],
        metavar="KIND",
        help="the kind of party that receives the rights under --terms: %(choices)s",
    )
    license_cmd.add_argument("--json", action="store_true", help="write JSON")

    graph = command(
        "graph",
        "export an ecosystem as a graph file or picture",
        "Write an ecosystem as a graph: GraphML or GEXF for Gephi, node-link JSON for "
        "networkx and D3, Cytoscape.js JSON, Graphviz DOT, a Mermaid flowchart, or a picture "
        "(SVG, PNG; needs Graphviz). Without -o, or with -o -, write to standard output. "
        "A file is replaced only once the whole new content is written.",
        _graph.run_graph,
    )
    graph.add_argument("input", metavar="CASE-OR-FILE", help="the ecosystem")
    graph.add_argument(
        "--format",
        "-f",
        choices=_graph.GRAPH_FORMATS,
        metavar="FORMAT",
        help="%(choices)s; default: from the suffix of -o",
    )
    graph.add_argument("--output", "-o", metavar="OUT", help="the file to write")

    validate = command(
        "validate",
        "check that documents are valid",
        "Load each document and report every problem with its path in the document, "
        "then every stated fact of an arrangement that the ecosystem's layers contradict "
        "(with --strict, these fail the run too).",
        _cases.run_validate,
    )
    validate.add_argument("inputs", nargs="+", metavar="CASE-OR-FILE", help="what to check")
    validate.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a stated fact contradicts the ecosystem's layers",
    )

    evaluate = command(
        "evaluate",
        "measure the classifiers against coders' readings",
        "Set the classifiers' verdicts against where coders read each arrangement: the "
        "share placed exactly, the share whose reading is among the possible verdicts, per "
        "rung and per model, and each miss. Without sources, the built-in evaluation set's "
        "coders. A source is a coder of that set or a folder laid out like it: one TOML "
        "document per case beside the readings in expected.toml.",
        _evaluate.run_evaluate,
    )
    evaluate.add_argument("sources", nargs="*", metavar="CODER-OR-FOLDER", help="the codings")
    evaluate.add_argument("--brief", action="store_true", help="leave out the misses")
    evaluate.add_argument("--json", action="store_true", help="write JSON")
    _prefer_option(evaluate)

    agreement = command(
        "agreement",
        "how far two coders' documents agree",
        "Compare two codings of the same cases fact by fact: Krippendorff's alpha and "
        "Cohen's kappa overall and per fact, and every disagreement. Without sources, the "
        "built-in evaluation set's two coders.",
        _evaluate.run_agreement,
    )
    agreement.add_argument("sources", nargs="*", metavar="CODER-OR-FOLDER", help="the two codings")
    agreement.add_argument("--json", action="store_true", help="write JSON")
    return parser
