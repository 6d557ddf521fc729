"""The ``peerprod`` command line: classify, check, draw and validate ecosystems from a shell.

Commands: ``cases``, ``classify``, ``check``, ``license``, ``graph`` and ``validate``
(``peerprod --help`` and :doc:`/reference/cli`). Every command reads built-in cases by
name (``lego``, ``linux``; see ``peerprod cases``) or peerprod documents by file name
(``.toml`` or ``.json``; ``-`` reads standard input). Graph files written by
:mod:`peerprod.graphs` (``.graphml``, ``.gexf``, ``.cyjs``) are read too.

Errors are one message on standard error that names the file and the path into the
document, never a traceback: not for a closed or full standard output, a reader that
goes away (``peerprod cases | head -1``), nor a bug in peerprod, which gets one line
and :data:`EXIT_INTERNAL`. Text from documents is written with control characters
escaped, so no name can drive the terminal. Files named with ``-o`` are replaced only
once their new content is complete.

The exit status says how it went: :data:`EXIT_OK`, :data:`EXIT_INVALID`,
:data:`EXIT_USAGE`, :data:`EXIT_CLAIM_UNSUPPORTED`, :data:`EXIT_INTERNAL` or
:data:`EXIT_INTERRUPTED`.

Example:
    >>> main(["classify", "ikea", "--brief"])
    ikea: Flat-pack furniture
      structure: partial (no foundation); control index 0.048
    <BLANKLINE>
      ARRANGEMENT    RUNG               MODEL  INDEX
      ikea-assembly   3 do-it-yourself  none   0.048
    0
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

__all__ = [
    "EXIT_CLAIM_UNSUPPORTED",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "main",
]

EXIT_OK: Final = 0
"""The command did what was asked (for ``check``: the facts support the claim)."""
EXIT_INVALID: Final = 1
"""An input could not be read (a document, case name, file or license expression), or
the output could not be written (a file, a closed or full standard output); with
``--strict``, also a stated fact that the ecosystem's layers contradict (the output is
still written)."""
EXIT_USAGE: Final = 2
"""The command line itself is wrong: an unknown command or option, a missing or
malformed argument, or a graph format that cannot be told."""
EXIT_CLAIM_UNSUPPORTED: Final = 3
"""``peerprod check`` only: the facts of at least one arrangement do not support the
claimed rung. The verdict is still written, so a script can both gate on it and show it."""
EXIT_INTERNAL: Final = 70
"""peerprod itself failed: a bug, reported in one line with a request to report it
(70 is ``EX_SOFTWARE`` in BSD's ``sysexits.h``)."""
EXIT_INTERRUPTED: Final = 130
"""Interrupted with Ctrl-C (128 plus ``SIGINT``, as shells report it)."""

_STATUSES: Final = (
    (EXIT_OK, "success", False),
    (EXIT_INVALID, "invalid input: a document, case name, file or license expression\n"
     "       that cannot be read, or output that cannot be written; the message\n"
     "       names the file and the path into it", False),
    (EXIT_USAGE, "usage error: an unknown command or option, or a missing argument", False),
    (EXIT_CLAIM_UNSUPPORTED, "check: the facts do not support the claim, or cannot\n"
     "       without knowing more", True),
    (EXIT_INTERNAL, "internal error: a bug in peerprod; please report it", False),
    (EXIT_INTERRUPTED, "interrupted", False),
)  # fmt: skip
"""Each status, what it means in ``--help``, and whether only ``check`` gives it."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``peerprod`` command line.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` when None.

    Returns:
        The exit status, one of the ``EXIT_`` constants of this module.

    Example:
        >>> main(["check", "--claim", "7", "--arrangement", "lego-world", "lego"])
        lego-world: claimed rung 7 (sharing communities): supported, the facts give rung 7 (sharing communities) or higher
        0
        >>> main(["license", "GPL-2.0-only", "--json"]) == EXIT_OK  # doctest: +ELLIPSIS
        {
          "license": {
            "expression": "GPL-2.0-only",
        ...
        True
    """  # noqa: E501
    from peerprod.cli import _output  # noqa: PLC0415 - keeps importing peerprod.cli cheap

    try:
        status = _run(argv)
    except _output.UsageError as exc:
        _output.say(str(exc))
        status = EXIT_USAGE
    except _output.Failure as exc:
        _output.error(str(exc))
        if isinstance(exc, _output.OutputFailure):
            _silence_stdout()
        status = EXIT_INVALID
    except BrokenPipeError:
        # The reader went away (peerprod classify | head): not an error worth reporting.
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        _output.say("")
        return EXIT_INTERRUPTED
    except Exception as exc:  # the promise: no traceback, ever
        _output.error(_internal(exc))
        status = EXIT_INTERNAL
    return _flushed(status)


def _flushed(status: int) -> int:
    """Flush standard output now, so that a write error is reported, not left to exit."""
    from peerprod.cli import _output  # noqa: PLC0415

    try:
        _output.flush()
    except _output.OutputFailure as exc:
        _output.error(str(exc))
        _silence_stdout()
        return status or EXIT_INVALID
    except BrokenPipeError:
        _silence_stdout()
    return status


def _run(argv: Sequence[str] | None) -> int:
    from peerprod.cli._parser import build_parser  # noqa: PLC0415

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    handler: Callable[[Any], int] = args.handler
    return handler(args)


def _internal(exc: BaseException) -> str:
    from peerprod._version import __version__  # noqa: PLC0415

    detail = str(exc).split("\n", 1)[0]
    if len(detail) > 200:
        detail = detail[:197] + "..."
    what = type(exc).__name__ + (f": {detail}" if detail else "")
    return (
        f"internal error ({what}); this is a bug in peerprod {__version__}: "
        "please report it to the peerprod developers with the command and the input "
        "that caused it"
    )


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; when that cannot succeed (the reader has
    # gone, the disk is full), point the descriptor at devnull so the flush cannot fail
    # and print a traceback of its own. In-process callers' streams have no descriptor.
    stream = sys.stdout
    if stream is None:
        return
    try:
        import os  # noqa: PLC0415

        descriptor = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, descriptor)
        os.close(devnull)
    except (OSError, ValueError):
        pass
