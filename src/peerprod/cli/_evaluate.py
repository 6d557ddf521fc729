"""``peerprod evaluate`` and ``peerprod agreement``: the classifiers and the coders measured.

Both read the evaluation set's layout (one TOML document per case beside the coder's
readings in ``expected.toml``): a coder of the built-in set by name, or a folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerprod.cli import EXIT_OK
from peerprod.cli._output import Failure, dump_json, out, percent, table

if TYPE_CHECKING:
    import argparse

    from peerprod.analysis.validation import ValidationReport

__all__ = ["run_agreement", "run_evaluate"]


def _per_rung(report: ValidationReport) -> list[str]:
    rows = [
        ["outside the ladder" if rung is None else f"rung {rung.number}", str(hits), str(total)]
        for rung, (hits, total) in report.by_rung().items()
    ]
    rows += [
        ["no model" if model is None else model.value.replace("_", "-"), str(hits), str(total)]
        for model, (hits, total) in report.by_model().items()
    ]
    return table(["READ AS", "PLACED", "READINGS"], rows, indent="  ", numeric=(1, 2))


def run_evaluate(args: argparse.Namespace) -> int:
    """Set the classifiers against each coder's readings of the arrangements."""
    from peerprod.analysis.validation import validate  # noqa: PLC0415 - keeps --help fast
    from peerprod.cases import evaluation  # noqa: PLC0415
    from peerprod.errors import PeerprodError  # noqa: PLC0415

    sources: list[str] = list(args.sources) or list(evaluation.coders())
    results = []
    for source in sources:
        try:
            report = validate(
                evaluation.load(source), evaluation.readings(source), prefer=args.prefer
            )
        except PeerprodError as exc:
            raise Failure(f"{source}: {exc}") from exc
        results.append((source, report))
    if args.json:
        from peerprod.cli._json import plain  # noqa: PLC0415 - cattrs only for JSON

        dump_json(
            [
                {
                    "source": source,
                    "rung_accuracy": report.rung_accuracy,
                    "rung_within": report.rung_within,
                    "model_accuracy": report.model_accuracy,
                    "placements": plain(report.placements),
                }
                for source, report in results
            ]
        )
        return EXIT_OK
    for index, (source, report) in enumerate(results):
        if index:
            out()
        out(f"{source}: {len(report.placements)} readings")
        out(
            f"  rung exact {percent(report.rung_accuracy)}, within the possible rungs "
            f"{percent(report.rung_within)}; model exact {percent(report.model_accuracy)}"
        )
        for line in _per_rung(report):
            out(line)
        if report.misses and not args.brief:
            out("  misses (x: the facts give another rung; ~: the reading is only possible):")
            for placement in report.misses:
                out(f"    {placement}")
    return EXIT_OK


def run_agreement(args: argparse.Namespace) -> int:
    """How far two coders' documents of the same cases agree, fact by fact."""
    from peerprod.analysis.reliability import compare  # noqa: PLC0415 - keeps --help fast
    from peerprod.cases import evaluation  # noqa: PLC0415
    from peerprod.errors import PeerprodError  # noqa: PLC0415

    sources: list[str] = list(args.sources) or list(evaluation.coders())
    if len(sources) != 2:
        raise Failure(f"give two coders or folders, or none; got {len(sources)}")
    first, second = sources
    if first == second:
        raise Failure(f"give two different codings; got {first!r} twice")
    try:
        report = compare(
            evaluation.load(first), evaluation.load(second), coder_a=first, coder_b=second
        )
    except PeerprodError as exc:
        raise Failure(str(exc)) from exc
    if args.json:
        from peerprod.cli._json import plain  # noqa: PLC0415 - cattrs only for JSON

        dump_json(plain(report))
    else:
        out(str(report))
    return EXIT_OK
