"""``peerprod cases`` and ``peerprod validate``: what there is, and whether it loads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerprod.cli import EXIT_INVALID, EXIT_OK
from peerprod.cli._inputs import check_case, load_one
from peerprod.cli._output import (
    Failure,
    count,
    dump_json,
    error,
    out,
    table,
    write_json_text,
    write_raw,
)

if TYPE_CHECKING:
    import argparse

    from peerprod.model.references import Section

__all__ = ["run_cases", "run_validate"]


def _column(section: Section) -> str:
    return f"L{section.layer.value}" if section.layer is not None else section.plural.upper()


def run_cases(args: argparse.Namespace) -> int:
    """List the built-in cases with their counts per section, or print one."""
    from peerprod import cases  # noqa: PLC0415 - keeps --help fast
    from peerprod.model.references import SECTIONS  # noqa: PLC0415

    if args.name is not None:
        check_case(args.name)
        if args.json:
            from peerprod import documents  # noqa: PLC0415

            write_json_text(documents.dumps_json(cases.load(args.name)))
        else:
            write_raw(cases.text(args.name))
        return EXIT_OK
    loaded = [(name, cases.load(name)) for name in cases.names()]
    if args.json:
        dump_json(
            [
                {
                    "case": name,
                    "id": eco.id,
                    "name": eco.name,
                    "counts": {s.name: len(getattr(eco, s.name)) for s in SECTIONS},
                    "arrangements": [a.id for a in eco.arrangements],
                }
                for name, eco in loaded
            ]
        )
        return EXIT_OK
    header = ["CASE", *(_column(s) for s in SECTIONS), "NAME"]
    rows = [
        [name, *(str(len(getattr(eco, s.name))) for s in SECTIONS), eco.name]
        for name, eco in loaded
    ]
    for line in table(header, rows, numeric=range(1, len(header) - 1)):
        out(line)
    out()
    layers = ", ".join(f"{_column(s)} {s.plural}" for s in SECTIONS if s.layer is not None)
    out(f"Layers: {layers}.")
    out("Classify them all with 'peerprod classify'; print one with 'peerprod cases NAME'.")
    return EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    """Load each input and say what it holds, or report every problem."""
    from peerprod.classify.evidence import evidence  # noqa: PLC0415
    from peerprod.model.references import SECTIONS  # noqa: PLC0415

    status = EXIT_OK
    for spec in args.inputs:
        try:
            label, eco = load_one(spec)
        except Failure as exc:
            error(str(exc))
            status = EXIT_INVALID
            continue
        counts = ", ".join(
            count(len(getattr(eco, s.name)), s.noun, s.plural)
            for s in SECTIONS
            if getattr(eco, s.name)
        )
        out(f"{label}: valid: ecosystem {eco.id!r} with {len(eco)} entities ({counts or 'none'})")
        contradictions = [c for a in eco.arrangements for c in evidence(a, eco).contradictions]
        for contradiction in contradictions:
            out(f"  ! {contradiction}")
        if contradictions and args.strict:
            status = EXIT_INVALID
    return status
