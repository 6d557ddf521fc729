"""``peerprod classify`` and ``peerprod check``: the verdicts, with their reasons."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from peerprod.cli import EXIT_CLAIM_UNSUPPORTED, EXIT_INVALID, EXIT_OK
from peerprod.cli._inputs import load_all, load_one
from peerprod.cli._output import Failure, count, dump_json, out, percent, say, table, words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from peerprod.analysis.report import ArrangementReport, EcosystemReport
    from peerprod.classify.coalitions import CoalitionStructure
    from peerprod.classify.ladder import Rung
    from peerprod.classify.verdicts import ModelVerdict, RungVerdict
    from peerprod.model.ecosystem import Ecosystem

__all__ = ["run_check", "run_classify", "rung_argument"]


def _rung_cell(verdict: RungVerdict) -> str:
    """A rung in one cell: ``" 8 peer production"``, ``"- outside"``, or ``"? 5, 8"``."""
    if verdict.outside:
        return " - outside the ladder"
    rung = verdict.rung
    if rung is not None:
        return f"{rung.number:>2} {rung.short_name}"
    numbers = sorted(r.number for r in verdict.possible if r is not None)
    shown = ", ".join(map(str, numbers))
    return f" ? {shown}" + (" or outside" if None in verdict.possible else "")


def _model_name(verdict: ModelVerdict) -> str:
    names = sorted(
        (m.value.replace("_", "-") for m in verdict.possible if m is not None),
    )
    if None in verdict.possible:
        names.append("no model")
    return names[0] if verdict.definite else "? " + " or ".join(names)


def _index_cell(report: ArrangementReport) -> str:
    if report.control_index is not None:
        return f"{report.control_index:.3f}"
    low, high = report.control_interval
    return f"{low:.2f}-{high:.2f}"


def _details(report: ArrangementReport) -> list[str]:
    """The reasons under an arrangement's row: why, what would decide, what is contradicted."""
    lines = [f"- {reason}" for reason in report.rung.reasons]
    if report.rung.deciding:
        lines.append(f"? decided by {', '.join(report.rung.deciding)}")
    control = report.model.control
    if control is not None and control.reading != "community":
        lines.append(f"~ commons {control}")
    lines.extend(f"! {contradiction}" for contradiction in report.contradictions)
    return lines


def _structure_line(report: EcosystemReport) -> str:
    line = f"structure: {report.structure.value}"
    if report.missing:
        line += f" (no {', '.join(words(kind.value) for kind in report.missing)})"
    if report.control_index is not None:
        line += f"; control index {report.control_index:.3f}"
    return line


def _coalition_rows(structures: Sequence[CoalitionStructure]) -> list[list[str]]:
    rows = []
    for s in structures:
        verdict = "unknown" if s.verdict is None else words(s.verdict.value)
        if not s.largest:
            largest = "-"
        elif len(s.largest) > 2:
            largest = f"{len(s.largest)} tied ({percent(s.largest_share)} each)"
        else:
            largest = f"{' and '.join(s.largest)} ({percent(s.largest_share)})"
        rows.append([s.coalition, verdict, str(s.members), largest, f"{s.hhi:.3f}"])
    return rows


def _print_report(label: str, eco: Ecosystem, report: EcosystemReport, *, brief: bool) -> None:
    title = label if label == eco.id else f"{label} ({eco.id})"
    out(f"{title}: {eco.name}")
    out(f"  {_structure_line(report)}")
    if not report.arrangements and not report.coalitions:
        out("  (no arrangements or coalitions to classify)")
    if report.arrangements:
        out()
        header = ["ARRANGEMENT", "RUNG", "MODEL", "INDEX"]
        rows = [
            [r.arrangement, _rung_cell(r.rung), _model_name(r.model), _index_cell(r)]
            for r in report.arrangements
        ]
        lines = table(header, rows, indent="  ", numeric=(3,))
        out(lines[0])
        for line, r in zip(lines[1:], report.arrangements, strict=True):
            out(line)
            if not brief:
                for detail in _details(r):
                    out(f"    {detail}")
    if report.coalitions:
        out()
        header = ["COALITION", "VERDICT", "MEMBERS", "LARGEST", "HHI"]
        lines = table(header, _coalition_rows(report.coalitions), indent="  ", numeric=(2, 4))
        out(lines[0])
        for line, s in zip(lines[1:], report.coalitions, strict=True):
            out(line)
            if not brief:
                for text in s.reasons:
                    out(f"    - {text}")


def _print_summary(reports: Sequence[EcosystemReport]) -> None:
    """Totals over several ecosystems, so a long run ends with the overall picture."""
    from peerprod.classify.production import ProductionModel  # noqa: PLC0415

    arrangements = [a for report in reports for a in report.arrangements]
    coalitions = [c for report in reports for c in report.coalitions]
    out(
        f"summary: {count(len(reports), 'ecosystem', 'ecosystems')}, "
        f"{count(len(arrangements), 'arrangement', 'arrangements')}, "
        f"{count(len(coalitions), 'coalition', 'coalitions')}"
    )
    if arrangements:
        rungs = Counter(
            "outside" if a.rung.outside else str(a.rung.rung.number) if a.rung.rung else "?"
            for a in arrangements
        )
        order = [*(str(n) for n in range(1, 11)), "outside", "?"]
        out("  by rung:  " + "  ".join(f"{k}: {rungs[k]}" for k in order if rungs[k]))
        models = Counter(_model_name(a.model) for a in arrangements)
        # From the community pole down, then no model, then the undecided.
        poles = [m.value.replace("_", "-") for m in sorted(ProductionModel, reverse=True)]
        order = [*poles, "no model", *sorted(m for m in models if m.startswith("?"))]
        out("  by model: " + ", ".join(f"{m} {models[m]}" for m in order if models[m]))
        contradictions = sum(len(a.contradictions) for a in arrangements)
        if contradictions:
            out(f"  contradictions: {contradictions}")
    verdicts = Counter(
        "unknown" if c.verdict is None else words(c.verdict.value) for c in coalitions
    )
    if verdicts:
        out("  coalitions: " + ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())))


def run_classify(args: argparse.Namespace) -> int:
    """Classify each input's arrangements and coalitions."""
    from peerprod import cases  # noqa: PLC0415 - keeps --help fast
    from peerprod.analysis.report import analyse  # noqa: PLC0415

    specs: list[str] = list(args.inputs)
    if args.all or not specs:
        specs = [*cases.names(), *specs]
    reports = [(label, eco, analyse(eco, prefer=args.prefer)) for label, eco in load_all(specs)]
    status = _strict_status(args, [report for _, _, report in reports])
    if args.json:
        from peerprod.cli._json import plain  # noqa: PLC0415 - cattrs only for JSON

        dump_json(
            [
                {"source": label, "name": eco.name, "report": plain(report)}
                for label, eco, report in reports
            ]
        )
        return status
    for index, (label, eco, report) in enumerate(reports):
        if index:
            out()
        _print_report(label, eco, report, brief=args.brief)
    if len(reports) > 1:
        out()
        _print_summary([report for _, _, report in reports])
    return status


def _strict_status(args: argparse.Namespace, reports: Sequence[EcosystemReport]) -> int:
    """With ``--strict``, a contradiction between stated facts and the layers fails the run."""
    found = sum(len(report.contradictions) for report in reports)
    if args.strict and found:
        facts = count(found, "stated fact contradicts", "stated facts contradict")
        say(f"peerprod: --strict: {facts} the ecosystem's layers")
        return EXIT_INVALID
    return EXIT_OK


def rung_argument(text: str) -> Rung:
    """Read ``--claim``: a rung's number or name, or a usage error that lists them."""
    from peerprod.classify.ladder import Rung  # noqa: PLC0415
    from peerprod.errors import InvalidValue  # noqa: PLC0415

    try:
        return Rung.parse(text)
    except InvalidValue:
        names = ", ".join(f"{r.number} ({r.short_name})" for r in Rung)
        msg = f"{text!r} is not a rung; give a number or a name: {names}"
        raise argparse.ArgumentTypeError(msg) from None


def run_check(args: argparse.Namespace) -> int:
    """Set the claimed rung against each arrangement's facts."""
    from peerprod.analysis.report import analyse  # noqa: PLC0415
    from peerprod.classify.evidence import evidence  # noqa: PLC0415
    from peerprod.classify.verdicts import check_claim  # noqa: PLC0415

    label, eco = load_one(args.input)
    arrangements = eco.arrangements
    if args.arrangement is not None:
        arrangements = tuple(a for a in arrangements if a.id == args.arrangement)
        if not arrangements:
            known = ", ".join(a.id for a in eco.arrangements) or "none"
            msg = f"{label}: no arrangement {args.arrangement!r} (arrangements: {known})"
            raise Failure(msg)
    if not arrangements:
        raise Failure(f"{label}: the ecosystem {eco.id!r} has no arrangements to check")
    checks = [(a, check_claim(a, args.claim, eco, prefer=args.prefer)) for a in arrangements]
    if args.json:
        from peerprod.cli._json import plain  # noqa: PLC0415 - cattrs only for JSON

        dump_json([{"source": label, "arrangement": a.id, "check": plain(c)} for a, c in checks])
    else:
        for a, c in checks:
            out(f"{a.id}: {c}")
            for contradiction in evidence(a, eco, prefer=args.prefer).contradictions:
                out(f"  ! {contradiction}")
    if not all(c.holds for _, c in checks):
        return EXIT_CLAIM_UNSUPPORTED
    return _strict_status(args, [analyse(eco, prefer=args.prefer)])
