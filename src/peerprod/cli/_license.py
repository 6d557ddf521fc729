"""``peerprod license``: an SPDX expression among the essay's property regimes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peerprod.cli import EXIT_OK
from peerprod.cli._output import Failure, dump_json, out, words

if TYPE_CHECKING:
    import argparse

    from peerprod.classify.terms import TermsVerdict
    from peerprod.licenses.expression import LicenseVerdict

__all__ = ["run_license"]


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


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
        held = "" if terms.holder_kind is None else f", held by {words(terms.holder_kind.value)}"
        rows.append(["contribution terms", f"{terms.terms.value}{held}"])
        rows.append(["kind with terms", terms.kind.value])
        rows.append(["corporate commons", _yes_no(terms.corporate_commons)])
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        out(f"{label.ljust(width)}  {value}")
    out("why:")
    for reason in (*v.reasons, *(terms.reasons if terms is not None else ())):
        out(f"  - {reason}")


def run_license(args: argparse.Namespace) -> int:
    """Classify the expression, and the contribution terms if given."""
    from peerprod.classify.terms import classify_terms  # noqa: PLC0415 - keeps --help fast
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
        raise Failure(str(exc)) from exc
    if args.json:
        from peerprod.cli._json import plain  # noqa: PLC0415 - cattrs only for JSON

        data: dict[str, Any] = {"license": plain(verdict)}
        if terms is not None:
            data["contribution_terms"] = plain(terms)
        dump_json(data)
    else:
        _print_verdict(verdict, terms)
    if not verdict.definite:
        try:
            License.from_spdx(expression)
        except PeerprodError as exc:  # its message names the unknown id and close matches
            raise Failure(str(exc)) from exc
    return EXIT_OK
