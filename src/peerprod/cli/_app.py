"""The ``peerprod`` command line: classify, check, draw and validate ecosystems from a shell.

Every command reads built-in cases by name (``lego``, ``linux``; see ``peerprod cases``)
or peerprod documents by file name (``.toml`` or ``.json``; ``-`` reads standard input).
Graph files written by :mod:`peerprod.graphs` (``.graphml``, ``.gexf``, ``.cyjs``) are
read too. Errors are one message on standard error that names the file and the path
into the document, never a traceback.

Exit status: :data:`EXIT_OK` (0) on success, :data:`EXIT_INVALID` (1) when an input
cannot be read (a document, case name, file or license expression), :data:`EXIT_USAGE`
(2) for a mistake in the command itself.

The library is imported inside each command, so ``peerprod --help`` stays fast.

Example:
    >>> main(["classify", "ikea", "--brief"])
    ikea: Flat-pack furniture
      structure: partial (no foundation); control index 0.188
    <BLANKLINE>
      ARRANGEMENT    RUNG              MODEL  INDEX
      ikea-assembly   3 do-it-yourself  none   0.188
    0
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn, cast

from peerprod._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from peerprod.analysis.report import EcosystemReport
    from peerprod.classify.coalitions import CoalitionStructure
    from peerprod.classify.ladder import Reason, Rung
    from peerprod.classify.terms import TermsVerdict
    from peerprod.graphs.formats import Format
    from peerprod.licenses.expression import LicenseVerdict
    from peerprod.model.ecosystem import Ecosystem

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK: Final = 0
"""The command did what was asked."""
EXIT_INVALID: Final = 1
"""An input could not be read: a document, case name, file or license expression."""
EXIT_USAGE: Final = 2
"""The command line itself is wrong: an unknown command or option, or a missing argument."""

_PROG: Final = "peerprod"

_EPILOG: Final = """\
exit status:
  0  success
  1  invalid input: a document, case name, file or license expression
     that cannot be read; the message names the file and the path into it
  2  usage error: an unknown command or option, or a missing argument

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
"""

# Suffixes the graph command accepts on -o, and the format each implies.
_GRAPH_FORMATS: Final = ("graphml", "gexf", "json", "cytoscape", "dot", "mermaid", "svg", "png")
_DOCUMENT_SUFFIXES: Final = (".toml", ".json")
_GRAPH_SUFFIXES: Final = (".graphml", ".gexf", ".cyjs")
_SECTIONS: Final = (
    ("actors", "actors"),
    ("platforms", "L1 platforms"),
    ("commons", "L2 commons"),
    ("coalitions", "L3 coalitions"),
    ("funding", "L4 funding"),
    ("partner_states", "L5 partner states"),
    ("arrangements", "arrangements"),
)


class _Failure(Exception):
    """Invalid input: reported as one message on stderr, with exit status 1."""


class _UsageError(Exception):
    """A mistake on the command line found after parsing: exit status 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors by exception, not by exiting.

    So that :func:`main` returns its status to callers that run it in-process.
    """

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise _UsageError(f"{self.prog}: error: {message}")


# --- reading inputs ----------------------------------------------------------------------------


def _is_case_name(spec: str) -> bool:
    return spec != "-" and not any(char in spec for char in "./\\")


def _load(spec: str) -> Ecosystem:
    """The ecosystem a command-line input names: a built-in case, a file, or ``-``."""
    from peerprod import cases, documents  # noqa: PLC0415 - keeps --help fast
    from peerprod.errors import ProblemsError  # noqa: PLC0415

    try:
        if spec == "-":
            return _load_stdin()
        if _is_case_name(spec):
            if spec not in cases.names():
                known = ", ".join(cases.names())
                msg = (
                    f"no built-in case named {spec!r} (known: {known}); "
                    "to read a file, give its name with .toml or .json"
                )
                raise _Failure(msg)
            return cases.load(spec)
        path = Path(spec)
        suffix = path.suffix.lower()
        if suffix in _GRAPH_SUFFIXES:
            from peerprod.graphs import formats as graph_io  # noqa: PLC0415

            return graph_io.read(path)
        if suffix not in _DOCUMENT_SUFFIXES:
            msg = (
                f"{spec}: expected a peerprod document (.toml or .json) "
                "or a graph (.graphml, .gexf or .cyjs)"
            )
            raise _Failure(msg)
        return documents.read(path)
    except ProblemsError as exc:
        raise _Failure(str(exc)) from exc
    except UnicodeDecodeError as exc:
        msg = f"{spec}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        raise _Failure(msg) from exc
    except OSError as exc:
        msg = f"{spec}: cannot read the file: {exc.strerror or exc}"
        raise _Failure(msg) from exc


def _load_stdin() -> Ecosystem:
    from peerprod import documents  # noqa: PLC0415
    from peerprod.errors import InvalidDocument  # noqa: PLC0415

    text = sys.stdin.read()
    try:
        # A document is JSON exactly when it is an object; TOML never starts with "{".
        if text.lstrip().startswith("{"):
            return documents.loads_json(text)
        return documents.loads_toml(text)
    except InvalidDocument as exc:
        raise exc.within("<stdin>") from exc


def _load_all(specs: Iterable[str]) -> list[tuple[str, Ecosystem]]:
    """Load every input, or fail with every error found at once."""
    loaded: list[tuple[str, Ecosystem]] = []
    errors: list[str] = []
    for spec in specs:
        try:
            loaded.append(("<stdin>" if spec == "-" else spec, _load(spec)))
        except _Failure as exc:
            errors.append(str(exc))
    if errors:
        raise _Failure("\n".join(errors))
    return loaded


# --- output helpers ----------------------------------------------------------------------------


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _dump_json(data: object) -> None:
    _out(json.dumps(data, indent=2, ensure_ascii=False))


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    indent: str = "",
    numeric: Iterable[int] = (),
) -> list[str]:
    """Columns two spaces apart, numbers right-aligned, without trailing blanks."""
    right = frozenset(numeric)
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    return [
        indent
        + "  ".join(
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in (header, *rows)
    ]


def _percent(share: float) -> str:
    return f"{share:.1%}".replace(".0%", "%")


def _words(value: str) -> str:
    return value.replace("_", " ")


def _rung_cell(rung: Rung) -> str:
    return f"{rung.number:>2} {rung.short_name}"


def _reason_json(reason: Reason) -> dict[str, Any]:
    return {
        "dimension": reason.dimension,
        "value": reason.value.value,
        "minimum": reason.condition.minimum.value,
        "rung": reason.rung.number,
        "met": reason.met,
        "text": str(reason),
    }


# --- peerprod cases ----------------------------------------------------------------------------


def _cmd_cases(args: argparse.Namespace) -> int:
    from peerprod import cases  # noqa: PLC0415

    if args.name is not None:
        if args.name not in cases.names():
            raise _Failure(
                f"no built-in case named {args.name!r} (known: {', '.join(cases.names())})"
            )
        if args.json:
            from peerprod import documents  # noqa: PLC0415

            sys.stdout.write(documents.dumps_json(cases.load(args.name)))
        else:
            sys.stdout.write(cases.text(args.name))
        return EXIT_OK
    loaded = [(name, cases.load(name)) for name in cases.names()]
    if args.json:
        _dump_json(
            [
                {
                    "case": name,
                    "id": eco.id,
                    "name": eco.name,
                    "counts": {section: len(getattr(eco, section)) for section, _ in _SECTIONS},
                    "arrangements": [a.id for a in eco.arrangements],
                }
                for name, eco in loaded
            ]
        )
        return EXIT_OK
    header = ["CASE", *(label.split()[0].upper() for _, label in _SECTIONS), "NAME"]
    rows = [
        [name, *(str(len(getattr(eco, section))) for section, _ in _SECTIONS), eco.name]
        for name, eco in loaded
    ]
    for line in _table(header, rows, numeric=range(1, len(header) - 1)):
        _out(line)
    _out()
    legend = ", ".join(label for _, label in _SECTIONS[1:-1])
    _out(f"Layers: {legend}.")
    _out("Classify them all with 'peerprod classify'; print one with 'peerprod cases NAME'.")
    return EXIT_OK


# --- peerprod classify -------------------------------------------------------------------------


def _structure_line(report: EcosystemReport) -> str:
    line = f"structure: {report.structure.value}"
    if report.missing:
        line += f" (no {', '.join(_words(kind.value) for kind in report.missing)})"
    if report.control_index is not None:
        line += f"; control index {report.control_index:.3f}"
    return line


def _coalition_rows(structures: Sequence[CoalitionStructure]) -> list[list[str]]:
    rows = []
    for s in structures:
        verdict = "unknown" if s.verdict is None else _words(s.verdict.value)
        if not s.largest:
            largest = "-"
        elif len(s.largest) > 2:
            largest = f"{len(s.largest)} tied ({_percent(s.largest_share)} each)"
        else:
            largest = f"{' and '.join(s.largest)} ({_percent(s.largest_share)})"
        rows.append([s.coalition, verdict, str(s.members), largest, f"{s.hhi:.3f}"])
    return rows


def _print_report(label: str, eco: Ecosystem, report: EcosystemReport, *, brief: bool) -> None:
    title = label if label == eco.id else f"{label} ({eco.id})"
    _out(f"{title}: {eco.name}")
    _out(f"  {_structure_line(report)}")
    if not report.arrangements and not report.coalitions:
        _out("  (no arrangements or coalitions to classify)")
    if report.arrangements:
        _out()
        header = ["ARRANGEMENT", "RUNG", "MODEL", "INDEX"]
        rows = [
            [
                r.arrangement,
                _rung_cell(r.rung.rung),
                r.model.model.value.replace("_", "-"),
                f"{r.control_index:.3f}",
            ]
            for r in report.arrangements
        ]
        lines = _table(header, rows, indent="  ", numeric=(3,))
        _out(lines[0])
        for line, r in zip(lines[1:], report.arrangements, strict=True):
            _out(line)
            if not brief:
                for reason in r.rung.reasons:
                    _out(f"    - {reason}")
    if report.coalitions:
        _out()
        header = ["COALITION", "VERDICT", "MEMBERS", "LARGEST", "HHI"]
        lines = _table(header, _coalition_rows(report.coalitions), indent="  ", numeric=(2, 4))
        _out(lines[0])
        for line, s in zip(lines[1:], report.coalitions, strict=True):
            _out(line)
            if not brief:
                for text in s.reasons:
                    _out(f"    - {text}")


def _report_json(label: str, eco: Ecosystem, report: EcosystemReport) -> dict[str, Any]:
    return {
        "source": label,
        "ecosystem": eco.id,
        "name": eco.name,
        "structure": report.structure.value,
        "missing": [kind.value for kind in report.missing],
        "control_index": report.control_index,
        "arrangements": [
            {
                "id": r.arrangement,
                "rung": r.rung.rung.number,
                "rung_name": r.rung.rung.short_name,
                "model": r.model.model.value,
                "control_index": r.control_index,
                "reasons": [_reason_json(reason) for reason in r.rung.reasons],
                "model_reasons": [_reason_json(reason) for reason in r.model.reasons],
                "model_shortfalls": [_reason_json(reason) for reason in r.model.shortfalls],
            }
            for r in report.arrangements
        ],
        "coalitions": [
            {
                "id": s.coalition,
                "verdict": None if s.verdict is None else s.verdict.value,
                "members": s.members,
                "hhi": s.hhi,
                "largest_share": s.largest_share,
                "largest": list(s.largest),
                "elephant_factor": s.elephant_factor,
                "reasons": list(s.reasons),
            }
            for s in report.coalitions
        ],
    }


def _cmd_classify(args: argparse.Namespace) -> int:
    from peerprod import cases  # noqa: PLC0415
    from peerprod.analysis.report import analyse  # noqa: PLC0415

    specs: list[str] = list(args.inputs)
    if args.all or not specs:
        specs = [*cases.names(), *specs]
    loaded = _load_all(specs)
    reports = [(label, eco, analyse(eco)) for label, eco in loaded]
    if args.json:
        _dump_json([_report_json(label, eco, report) for label, eco, report in reports])
        return EXIT_OK
    for index, (label, eco, report) in enumerate(reports):
        if index:
            _out()
        _print_report(label, eco, report, brief=args.brief)
    if len(reports) > 1:
        _out()
        _print_summary([report for _, _, report in reports])
    return EXIT_OK


def _print_summary(reports: Sequence[EcosystemReport]) -> None:
    """Totals over several ecosystems, so a long run ends with the overall picture."""
    from collections import Counter  # noqa: PLC0415

    arrangements = [a for report in reports for a in report.arrangements]
    coalitions = [c for report in reports for c in report.coalitions]
    _out(
        f"summary: {_count(len(reports), 'ecosystem', 'ecosystems')}, "
        f"{_count(len(arrangements), 'arrangement', 'arrangements')}, "
        f"{_count(len(coalitions), 'coalition', 'coalitions')}"
    )
    if arrangements:
        rungs = Counter(a.rung.rung.number for a in arrangements)
        _out("  by rung:  " + "  ".join(f"{n}: {rungs[n]}" for n in sorted(rungs)))
        models = Counter(a.model.model for a in arrangements)
        _out(
            "  by model: "
            + ", ".join(
                f"{model.value.replace('_', '-')} {models[model]}"
                for model in sorted(models, reverse=True)
            )
        )
    verdicts = Counter(
        "unknown" if c.verdict is None else _words(c.verdict.value) for c in coalitions
    )
    if verdicts:
        _out("  coalitions: " + ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())))


# --- peerprod check ----------------------------------------------------------------------------


def _rung_argument(text: str) -> Rung:
    from peerprod.classify.ladder import Rung  # noqa: PLC0415
    from peerprod.errors import InvalidValue  # noqa: PLC0415

    try:
        return Rung.parse(text)
    except InvalidValue:
        names = ", ".join(f"{r.number} ({r.short_name})" for r in Rung)
        msg = f"{text!r} is not a rung; give a number or a name: {names}"
        raise argparse.ArgumentTypeError(msg) from None


def _cmd_check(args: argparse.Namespace) -> int:
    from peerprod.classify.ladder import check_claim  # noqa: PLC0415

    [(label, eco)] = _load_all([args.input])
    arrangements = eco.arrangements
    if args.arrangement is not None:
        arrangements = tuple(a for a in arrangements if a.id == args.arrangement)
        if not arrangements:
            known = ", ".join(a.id for a in eco.arrangements) or "none"
            msg = f"{label}: no arrangement {args.arrangement!r} (arrangements: {known})"
            raise _Failure(msg)
    if not arrangements:
        raise _Failure(f"{label}: the ecosystem {eco.id!r} has no arrangements to check")
    checks = [(a, check_claim(a, args.claim)) for a in arrangements]
    if args.json:
        _dump_json(
            [
                {
                    "source": label,
                    "arrangement": a.id,
                    "claimed": c.claimed.number,
                    "claimed_name": c.claimed.short_name,
                    "supported": c.supported.number,
                    "supported_name": c.supported.short_name,
                    "gap": c.gap,
                    "holds": c.holds,
                    "shortfalls": [_reason_json(reason) for reason in c.shortfalls],
                }
                for a, c in checks
            ]
        )
        return EXIT_OK
    for a, c in checks:
        _out(f"{a.id}: {c}")
    return EXIT_OK


# --- peerprod license --------------------------------------------------------------------------


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _verdict_json(v: LicenseVerdict) -> dict[str, Any]:
    return {
        "expression": v.expression,
        "definite": v.definite,
        "kind": None if v.kind is None else v.kind.value,
        "reciprocity": None if v.reciprocity is None else v.reciprocity.value,
        "low": v.low.value,
        "low_reciprocity": v.low_reciprocity.value,
        "high": v.high.value,
        "high_reciprocity": v.high_reciprocity.value,
        "osi_approved": v.osi_approved,
        "fsf_libre": v.fsf_libre,
        "free_cultural": v.free_cultural,
        "all_rights_reserved": v.all_rights_reserved,
        "unknown": [
            {
                "symbol": u.symbol,
                "position": u.position,
                "exception": u.exception,
                "suggestions": list(u.suggestions),
            }
            for u in v.unknown
        ],
        "reasons": list(v.reasons),
    }


def _terms_json(t: TermsVerdict) -> dict[str, Any]:
    return {
        "terms": t.terms.value,
        "holder_kind": None if t.holder_kind is None else t.holder_kind.value,
        "kind": t.kind.value,
        "corporate_commons": t.corporate_commons,
        "sharecropping": t.sharecropping,
        "reasons": list(t.reasons),
    }


def _print_verdict(v: LicenseVerdict, terms: TermsVerdict | None) -> None:
    kind = v.kind.value if v.kind is not None else f"between {v.low.value} and {v.high.value}"
    if v.reciprocity is not None:
        reciprocity = v.reciprocity.value
    else:
        weakest, strongest = sorted((v.low_reciprocity, v.high_reciprocity))
        reciprocity = weakest.value
        if strongest is not weakest:
            reciprocity = f"between {weakest.value} and {strongest.value}"
    if not v.definite:
        kind += " (not settled)" if v.kind is None else ""
        reciprocity += " (not settled)"
    rows = [
        ["expression", v.expression or "(none: all rights reserved)"],
        ["kind", kind],
        ["reciprocity", reciprocity],
        ["OSI approved", _yes_no(v.osi_approved)],
        ["FSF free", _yes_no(v.fsf_libre)],
        ["free cultural", _yes_no(v.free_cultural)],
    ]
    for u in v.unknown:
        what = "exception" if u.exception else "license id"
        note = f"{u.symbol} at position {u.position}"
        if u.suggestions:
            note += f" (did you mean {' or '.join(u.suggestions)}?)"
        rows.append([f"unknown {what}", note])
    if terms is not None:
        held = "" if terms.holder_kind is None else f", held by {_words(terms.holder_kind.value)}"
        rows.append(["contribution terms", f"{terms.terms.value}{held}"])
        rows.append(["kind with terms", terms.kind.value])
        rows.append(["corporate commons", _yes_no(terms.corporate_commons)])
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        _out(f"{label.ljust(width)}  {value}")
    _out("why:")
    for reason in (*v.reasons, *(terms.reasons if terms is not None else ())):
        _out(f"  - {reason}")


def _cmd_license(args: argparse.Namespace) -> int:
    from peerprod.classify.terms import classify_terms  # noqa: PLC0415
    from peerprod.errors import PeerprodError  # noqa: PLC0415
    from peerprod.licenses import ContributionTerms, License, classify_license  # noqa: PLC0415
    from peerprod.model.actors import ActorKind  # noqa: PLC0415

    expression = " ".join(args.expression)
    try:
        verdict = classify_license(expression)
        terms = None
        if args.terms is not None:
            holder = None if args.holder is None else ActorKind(args.holder)
            terms = classify_terms(verdict, ContributionTerms(args.terms), holder)
    except PeerprodError as exc:
        raise _Failure(str(exc)) from exc
    if args.json:
        data = _verdict_json(verdict)
        if terms is not None:
            data["contribution_terms"] = _terms_json(terms)
        _dump_json(data)
    else:
        _print_verdict(verdict, terms)
    if not verdict.definite:
        try:
            License.from_spdx(expression)
        except PeerprodError as exc:  # its message names the unknown id and close matches
            raise _Failure(str(exc)) from exc
    return EXIT_OK


# --- peerprod graph ----------------------------------------------------------------------------


def _graph_format(args: argparse.Namespace) -> str:
    """The graph_io format name for the command's --format and -o."""
    if args.format is not None:
        chosen: str = args.format
    elif args.output not in (None, "-"):
        from peerprod.graphs.formats import FORMATS  # noqa: PLC0415

        found = FORMATS.get(Path(args.output).suffix.lower())
        if found is None:
            suffixes = ", ".join(FORMATS)
            msg = f"cannot tell the format from {args.output!r}; give --format or a {suffixes} file"
            raise _UsageError(f"{_PROG} graph: error: {msg}")
        chosen = found
    else:
        msg = "give --format, or an -o file whose suffix names the format"
        raise _UsageError(f"{_PROG} graph: error: {msg}")
    return "node-link" if chosen == "json" else chosen


def _cmd_graph(args: argparse.Namespace) -> int:
    from peerprod.errors import RenderError  # noqa: PLC0415
    from peerprod.graphs import formats as graph_io  # noqa: PLC0415

    chosen = _graph_format(args)
    [(label, eco)] = _load_all([args.input])
    try:
        if args.output in (None, "-"):
            if chosen == "png" and sys.stdout.isatty():
                raise _Failure("a PNG picture is binary; write it to a file with -o")
            _write_graph_to_stdout(eco, chosen)
            return EXIT_OK
        graph_io.write(eco, args.output, format=cast("Format", chosen))
    except RenderError as exc:
        raise _Failure(str(exc)) from exc
    except OSError as exc:
        raise _Failure(f"{args.output}: cannot write the file: {exc.strerror or exc}") from exc
    _out(f"wrote {args.output} ({chosen}, from {label})")
    return EXIT_OK


def _write_graph_to_stdout(eco: Ecosystem, chosen: str) -> None:
    from peerprod.graphs import formats as graph_io  # noqa: PLC0415

    writers: dict[str, Callable[[Ecosystem], str | bytes]] = {
        "graphml": graph_io.dumps_graphml,
        "gexf": graph_io.dumps_gexf,
        "node-link": graph_io.dumps_node_link,
        "cytoscape": graph_io.dumps_cytoscape,
        "dot": graph_io.dumps_dot,
        "mermaid": graph_io.dumps_mermaid,
        "svg": lambda e: graph_io.render(e, format="svg"),
        "png": lambda e: graph_io.render(e, format="png"),
    }
    content = writers[chosen](eco)
    if isinstance(content, str):
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()


# --- peerprod validate -------------------------------------------------------------------------

_NOUNS: Final = {
    "actors": ("actor", "actors"),
    "platforms": ("platform", "platforms"),
    "commons": ("commons", "commons"),
    "coalitions": ("coalition", "coalitions"),
    "funding": ("funding stream", "funding streams"),
    "partner_states": ("partner-state engagement", "partner-state engagements"),
    "arrangements": ("arrangement", "arrangements"),
}


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _cmd_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for spec in args.inputs:
        try:
            [(label, eco)] = _load_all([spec])
        except _Failure as exc:
            _error(str(exc))
            status = EXIT_INVALID
            continue
        counts = ", ".join(
            _count(len(getattr(eco, section)), *_NOUNS[section])
            for section, _ in _SECTIONS
            if getattr(eco, section)
        )
        _out(f"{label}: valid: ecosystem {eco.id!r} with {len(eco)} entities ({counts or 'none'})")
    return status


# --- the parser and main -----------------------------------------------------------------------


def _build_parser() -> argparse.ArgumentParser:
    from peerprod.licenses.kinds import ContributionTerms  # noqa: PLC0415
    from peerprod.model.actors import ActorKind  # noqa: PLC0415

    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog=_PROG,
        description=(
            "Classify peer-production ecosystems after Michel Bauwens: the rung on the\n"
            "ladder of participation, the production model and the coalition structure,\n"
            "each with its reasons."
        ),
        epilog=_EPILOG,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"{_PROG} {__version__}")
    commands = parser.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name,
            help=summary,
            description=description,
            epilog="exit status: 0 success, 1 invalid input, 2 usage error",
            formatter_class=formatter,
        )
        return sub

    cases_cmd = command(
        "cases",
        "list the built-in cases, or print one",
        "List the built-in cases with their entity counts per layer, or print the document "
        "of one case (TOML, or JSON with --json) to use as a template.",
    )
    cases_cmd.add_argument("name", nargs="?", metavar="NAME", help="print this case's document")
    cases_cmd.add_argument("--json", action="store_true", help="write JSON")
    cases_cmd.set_defaults(handler=_cmd_cases)

    classify = command(
        "classify",
        "classify arrangements and coalitions (the main job)",
        "Classify every arrangement of each ecosystem on the ladder of participation and by "
        "production model, and every coalition by its structure, with the reasons. Without "
        "inputs, or with --all, classify every built-in case.",
    )
    classify.add_argument("inputs", nargs="*", metavar="CASE-OR-FILE", help="what to classify")
    classify.add_argument("--all", action="store_true", help="also classify every built-in case")
    classify.add_argument("--brief", action="store_true", help="leave out the reasons")
    classify.add_argument("--json", action="store_true", help="write JSON, reasons included")
    classify.set_defaults(handler=_cmd_classify)

    check = command(
        "check",
        "check a claimed rung against the facts",
        "The reality check: set a claimed rung of the ladder against the rung the facts of "
        "each arrangement support, and list the facts that fall short of the claim.",
    )
    check.add_argument(
        "--claim",
        required=True,
        type=_rung_argument,
        metavar="RUNG",
        help="the claimed rung: 1 to 10 or a name such as co-design or 'peer production'",
    )
    check.add_argument("input", metavar="CASE-OR-FILE", help="the ecosystem")
    check.add_argument("--arrangement", metavar="ID", help="check only this arrangement")
    check.add_argument("--json", action="store_true", help="write JSON")
    check.set_defaults(handler=_cmd_check)

    license_cmd = command(
        "license",
        "classify an SPDX license expression",
        "Place an SPDX license expression among the essay's property regimes (commons, "
        "sharing, corporate, sharecropping), with its reciprocity and the reasons. The "
        "expression may be quoted or not. Exits 1 when it names an unknown id that could "
        "change the answer.",
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
    license_cmd.set_defaults(handler=_cmd_license)

    graph = command(
        "graph",
        "export an ecosystem as a graph file or picture",
        "Write an ecosystem as a graph: GraphML or GEXF for Gephi, node-link JSON for "
        "networkx and D3, Cytoscape.js JSON, Graphviz DOT, a Mermaid flowchart, or a picture "
        "(SVG, PNG; needs Graphviz). Without -o, or with -o -, write to standard output.",
    )
    graph.add_argument("input", metavar="CASE-OR-FILE", help="the ecosystem")
    graph.add_argument(
        "--format",
        "-f",
        choices=_GRAPH_FORMATS,
        metavar="FORMAT",
        help="%(choices)s; default: from the suffix of -o",
    )
    graph.add_argument("--output", "-o", metavar="OUT", help="the file to write")
    graph.set_defaults(handler=_cmd_graph)

    validate = command(
        "validate",
        "check that documents are valid",
        "Load each document and report every problem with its path in the document.",
    )
    validate.add_argument("inputs", nargs="+", metavar="CASE-OR-FILE", help="what to check")
    validate.set_defaults(handler=_cmd_validate)
    return parser


def _error(message: str) -> None:
    sys.stderr.write(f"{_PROG}: error: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``peerprod`` command line.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` when None.

    Returns:
        The exit status: :data:`EXIT_OK`, :data:`EXIT_INVALID` or :data:`EXIT_USAGE`.

    Example:
        >>> main(["license", "GPL-2.0-only", "--json"]) == EXIT_OK  # doctest: +ELLIPSIS
        {
          "expression": "GPL-2.0-only",
          "definite": true,
          "kind": "commons",
        ...
        True
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except _UsageError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_USAGE
    except _Failure as exc:
        _error(str(exc))
        return EXIT_INVALID
    except BrokenPipeError:
        # The reader went away (peerprod classify | head): not an error worth reporting.
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at devnull so that flush cannot fail.
    try:
        import os  # noqa: PLC0415

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
