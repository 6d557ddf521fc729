"""Reading what a command line names: a built-in case, a file, or standard input.

The library is imported inside each function, so ``peerprod --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

from peerprod.cli._output import Failure, check_file_name

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peerprod.model.ecosystem import Ecosystem

__all__ = ["STDIN", "check_case", "load_all", "load_one"]

STDIN: Final = "<stdin>"
"""How standard input is named in messages and output."""

_DOCUMENT_SUFFIXES: Final = (".toml", ".json")


def _read_graph(spec: str, path: Path) -> Ecosystem:
    """A graph file in any format peerprod reads back, told by its suffix."""
    from peerprod.errors import UnknownFormat  # noqa: PLC0415 - keeps --help fast
    from peerprod.graphs import formats  # noqa: PLC0415

    try:
        found = formats.format_for(path)
    except UnknownFormat:
        found = None
    if found is None or not found.readable or found.suffix in _DOCUMENT_SUFFIXES:
        readable = [
            suffix
            for f in formats.FORMATS.values()
            if f.readable
            for suffix in f.suffixes
            if suffix not in _DOCUMENT_SUFFIXES
        ]
        msg = (
            f"{spec}: expected a peerprod document (.toml or .json) "
            f"or a graph file ({', '.join(readable)})"
        )
        raise Failure(msg)
    return formats.read(path)


def _is_case_name(spec: str) -> bool:
    return spec != "-" and not any(char in spec for char in "./\\")


def _unknown_case(name: str, *, hint: bool = True) -> Failure:
    from peerprod import cases  # noqa: PLC0415 - keeps --help fast

    msg = f"no built-in case named {name!r} (known: {', '.join(cases.names())})"
    if hint:
        msg += "; to read a file, give its name with .toml or .json"
    return Failure(msg)


def check_case(name: str) -> None:
    """Fail unless ``name`` is a built-in case."""
    from peerprod import cases  # noqa: PLC0415

    if name not in cases.names():
        raise _unknown_case(name, hint=False)


def _load(spec: str) -> Ecosystem:
    """The ecosystem a command-line input names: a built-in case, a file, or ``-``."""
    from peerprod import cases  # noqa: PLC0415
    from peerprod.errors import PeerprodError  # noqa: PLC0415

    if spec != "-" and not _is_case_name(spec):
        check_file_name(spec)
    try:
        if spec == "-":
            return _load_stdin()
        if _is_case_name(spec):
            if spec not in cases.names():
                raise _unknown_case(spec)
            return cases.load(spec)
        path = Path(spec)
        if path.suffix.lower() in _DOCUMENT_SUFFIXES:
            # Built-in cases ship built; only files need the document loader (and cattrs).
            from peerprod import documents  # noqa: PLC0415

            return documents.read(path)
        return _read_graph(spec, path)
    except PeerprodError as exc:
        raise Failure(str(exc)) from exc
    except UnicodeDecodeError as exc:
        msg = f"{STDIN if spec == '-' else spec}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        raise Failure(msg) from exc
    except OSError as exc:
        msg = f"{spec}: cannot read the file: {exc.strerror or exc}"
        raise Failure(msg) from exc


def _read_stdin() -> str:
    stream = sys.stdin
    if stream is None:
        raise Failure(f"{STDIN}: cannot read standard input: it is closed")
    binary = getattr(stream, "buffer", None)
    if binary is None:  # a text stream put in place of stdin, as tests do
        return stream.read()
    data: bytes = binary.read()
    return data.decode("utf-8")


def _load_stdin() -> Ecosystem:
    from peerprod import documents  # noqa: PLC0415
    from peerprod.errors import InvalidDocument  # noqa: PLC0415

    text = _read_stdin()
    try:
        # A document is JSON exactly when it is an object; TOML never starts with "{".
        if text.lstrip().startswith("{"):
            return documents.loads_json(text)
        return documents.loads_toml(text)
    except InvalidDocument as exc:
        raise exc.within(STDIN) from exc


def load_all(specs: Iterable[str]) -> list[tuple[str, Ecosystem]]:
    """Load every input, labelled for output, or fail with every error found at once."""
    loaded: list[tuple[str, Ecosystem]] = []
    errors: list[str] = []
    for spec in specs:
        try:
            loaded.append((STDIN if spec == "-" else spec, _load(spec)))
        except Failure as exc:
            errors.append(str(exc))
    if errors:
        raise Failure("\n".join(errors))
    return loaded


def load_one(spec: str) -> tuple[str, Ecosystem]:
    """Load one input, labelled for output."""
    [loaded] = load_all([spec])
    return loaded
