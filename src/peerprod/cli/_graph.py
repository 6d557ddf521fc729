"""``peerprod graph``: an ecosystem as a graph file or a picture."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Final

from peerprod.cli import EXIT_OK
from peerprod.cli._inputs import load_one
from peerprod.cli._output import (
    PROG,
    Failure,
    UsageError,
    out,
    write_bytes,
    write_file,
    write_json_text,
)

if TYPE_CHECKING:
    import argparse

    from peerprod.graphs.formats import Format

__all__ = ["GRAPH_FORMATS", "run_graph"]

GRAPH_FORMATS: Final = ("graphml", "gexf", "json", "cytoscape", "dot", "mermaid", "svg", "png")
"""The names ``--format`` offers, kept here so that ``--help`` need not import the graph
writers; ``json`` is node-link JSON. A test holds it equal to the registry
(:data:`peerprod.graphs.formats.FORMATS`)."""

_JSON: Final = ("node-link", "cytoscape")
_XML: Final = ("graphml", "gexf", "svg")


def _chosen_format(args: argparse.Namespace) -> Format:
    """The graph format for the command's --format and -o."""
    from peerprod.errors import UnknownFormat  # noqa: PLC0415 - keeps --help fast
    from peerprod.graphs import formats  # noqa: PLC0415

    try:
        if args.format is not None:
            return formats.format_named(args.format).name
        if args.output not in (None, "-"):
            return formats.format_for(args.output).name
    except UnknownFormat as exc:
        msg = f"{exc}; give --format"
        raise UsageError(f"{PROG} graph: error: {msg}") from exc
    msg = "give --format, or an -o file whose suffix names the format"
    raise UsageError(f"{PROG} graph: error: {msg}")


def _to_stdout(content: str | bytes, format: Format) -> None:
    if format in _JSON:
        assert isinstance(content, str)
        write_json_text(content)
    elif isinstance(content, str):  # DOT and Mermaid, for display: escaped like any text
        out(content.removesuffix("\n"))
    else:
        write_bytes(content, xml=format in _XML)


def run_graph(args: argparse.Namespace) -> int:
    """Write the ecosystem in the chosen format, to a file or standard output."""
    from peerprod.analysis.report import analyse  # noqa: PLC0415
    from peerprod.errors import RenderError  # noqa: PLC0415
    from peerprod.graphs import formats  # noqa: PLC0415

    chosen = _chosen_format(args)
    label, eco = load_one(args.input)
    to_stdout = args.output in (None, "-")
    if to_stdout and chosen == "png" and sys.stdout is not None and sys.stdout.isatty():
        raise Failure("a PNG picture is binary; write it to a file with -o")
    try:
        # The file carries the verdicts, as attributes of the nodes they are about.
        content = formats.dumps(eco, chosen, report=analyse(eco))
    except RenderError as exc:
        raise Failure(str(exc)) from exc
    except UnicodeEncodeError as exc:
        msg = (
            f"{label}: cannot write {chosen}: the ecosystem holds text that is not valid "
            f"Unicode ({exc.reason} at {exc.start})"
        )
        raise Failure(msg) from exc
    if to_stdout:
        _to_stdout(content, chosen)
        return EXIT_OK
    write_file(args.output, content)
    out(f"wrote {args.output} ({chosen}, from {label})")
    return EXIT_OK
