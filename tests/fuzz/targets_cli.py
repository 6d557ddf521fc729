"""Fuzz targets for the command line: hostile files, arguments and streams.

The promise under test: whatever the input, ``peerprod`` exits 0, 1, 2 or 3 with at
most one error message and no traceback, never writes a raw control character from a
document, and a failed ``-o`` leaves the old file as it was. An internal error (exit
70) is a finding too: it means a loader or a command raised something it should not.

Most inputs run in process through :func:`peerprod.cli.main`, with the standard
streams replaced: captured (a UTF-8 text stream over bytes, as a real one), closed,
full from the first byte or after a few, or a pipe whose reader has gone. About one in
a hundred inputs of ``cli.streams`` runs as a real subprocess of the installed console
script, with its descriptors really closed, ``/dev/full`` or a pipe that ``head``
closes early.

Each call raises :class:`CliFinding` (an ``AssertionError``) when the promise is broken,
so the harness counts it as a crash, with the reason.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import tomli_w

from peerprod import cases, documents
from peerprod.cli import EXIT_INTERNAL, main
from peerprod.graphs import formats

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterator

__all__ = ["TARGETS"]

_ALLOWED: Final = frozenset({0, 1, 2, 3})
# What must never reach standard output or error raw (tabs and newlines may).
_RAW: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_ODD: Final = (
    "\x1b[31m",
    "\x1b]0;owned\x07",
    "\x9b2J",
    "\u202e",
    "\ud800",
    "\udcff",
    "\x00",
    "\r",
    "\t",
    "\u2028",
    "\ufeff",
    "e\u0301",
    "\U0001f600",
    "東京",
)
_COMMANDS: Final = (
    ("validate",),
    ("classify",),
    ("classify", "--brief"),
    ("classify", "--json"),
    ("check", "--claim", "5"),
    ("check", "--claim", "peer production", "--json"),
    ("graph", "-f", "dot"),
    ("graph", "-f", "mermaid"),
    ("graph", "-f", "json"),
    ("graph", "-f", "cytoscape"),
    ("graph", "-f", "graphml"),
    ("graph", "-f", "gexf"),
)
_FORMATS_BY_SUFFIX: Final = {".graphml": "graphml", ".gexf": "gexf", ".cyjs": "cytoscape"}


class CliFinding(AssertionError):
    """The command line broke its promise on an input."""


# --- making inputs ---------------------------------------------------------------------


@functools.cache
def _documents() -> tuple[dict[str, Any], ...]:
    return tuple(documents.dump(cases.load(name)) for name in cases.names())


@functools.cache
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="peerprod-fuzz-cli-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _odd_text(rng: random.Random) -> str:
    parts = [rng.choice(_ODD) for _ in range(rng.randrange(1, 4))]
    return rng.choice(("", "Name ", "x")) + "".join(parts)


_SIMPLE_HOSTILE: Final[tuple[Any, ...]] = (
    None,
    True,
    -1,
    1e308 * 10,
    float("nan"),
    "community",
    "nothing",
    "organizer",
    "commons",
)


def _hostile_value(rng: random.Random) -> Any:
    roll = rng.randrange(8)
    if roll == 0:
        return _odd_text(rng)
    if roll == 1:
        return rng.choice([[], {}, [[[[["deep"]]]]]])
    if roll == 2:
        return 10 ** rng.randrange(1, 400)
    if roll == 3:
        return "x" * rng.randrange(1, 5000)
    return rng.choice(_SIMPLE_HOSTILE)


def _nodes(value: Any, found: list[tuple[Any, Any]]) -> None:
    if isinstance(value, dict):
        for key in value:
            found.append((value, key))
            _nodes(value[key], found)
    elif isinstance(value, list):
        for index in range(len(value)):
            found.append((value, index))
            _nodes(value[index], found)


def _mutated_document(rng: random.Random) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps(rng.choice(_documents())))
    for _ in range(rng.randrange(0, 4)):
        places: list[tuple[Any, Any]] = []
        _nodes(doc, places)
        container, key = rng.choice(places)
        roll = rng.random()
        if roll < 0.6:
            container[key] = _hostile_value(rng)
        elif roll < 0.75 and isinstance(container, dict):
            del container[key]
        elif roll < 0.85 and isinstance(container, dict):
            container[_odd_text(rng)] = _hostile_value(rng)
        elif isinstance(container, list):
            container.append(json.loads(json.dumps(container[key])))  # a duplicate
        else:
            container[key] = _odd_text(rng)
    return doc


def _text_of(rng: random.Random, doc: dict[str, Any]) -> tuple[str, bytes]:
    """A suffix and the document's bytes, perhaps garbled."""
    if rng.random() < 0.5:
        suffix = ".json"
        text = json.dumps(doc, ensure_ascii=rng.random() < 0.5, allow_nan=True)
    else:
        suffix = ".toml"
        try:
            text = tomli_w.dumps(doc)
        except Exception:
            text = "\n".join(f"{k} = {json.dumps(v)}" for k, v in doc.items())
    data = text.encode("utf-8", "surrogatepass")
    return suffix, _garbled(rng, data)


def _garbled(rng: random.Random, data: bytes) -> bytes:
    roll = rng.random()
    if roll < 0.5 or not data:
        return data
    buffer = bytearray(data)
    if roll < 0.65:
        for _ in range(rng.randrange(1, 8)):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    elif roll < 0.75:
        del buffer[rng.randrange(len(buffer)) :]
    elif roll < 0.85:
        at = rng.randrange(len(buffer))
        buffer[at:at] = rng.choice([b"1" * 5000, b"[" * 3000, b"\xff\xfe", b"\x00", b"{{{{"])
    elif roll < 0.93:
        return data.decode("utf-8", "replace").encode(rng.choice(["utf-16", "latin-1"]), "replace")
    else:
        return b"a" + b".a" * rng.randrange(100, 3000) + b" = 1\n"  # dotted keys
    return bytes(buffer)


def _graph_bytes(rng: random.Random) -> tuple[str, bytes]:
    suffix = rng.choice(list(_FORMATS_BY_SUFFIX))
    eco = cases.load(rng.choice(cases.names()))
    content = formats.dumps(eco, _FORMATS_BY_SUFFIX[suffix])
    data = content.encode("utf-8") if isinstance(content, str) else content
    return suffix, _garbled(rng, data)


@attrs.frozen
class Streams:
    """What the standard streams are during one run."""

    stdin: bytes | None = b""
    """The bytes on standard input, or None for a closed one."""
    stdout: str = "capture"
    """``capture``, ``closed``, ``full``, ``full-later`` or ``broken``."""
    stderr_closed: bool = False


@attrs.frozen
class Run:
    """One command line to run, the files it needs, and how."""

    argv: tuple[str, ...]
    files: tuple[tuple[str, bytes], ...] = ()
    """(name in a fresh folder, content); ``{NAME}`` in argv is that file's path."""
    streams: Streams = Streams()
    old_output: str | None = None
    """The name of an -o target that exists before the run, and must survive a failure."""
    real: bool = False
    """Run the console script as a subprocess instead of main() in process."""


def documents_on_files(rng: random.Random) -> Run:
    """A command on a hostile document or graph file."""
    if rng.random() < 0.8:
        suffix, data = _text_of(rng, _mutated_document(rng))
    else:
        suffix, data = _graph_bytes(rng)
    name = f"doc{suffix}" if rng.random() < 0.9 else f"{_odd_text(rng)}{suffix}"
    command = rng.choice(_COMMANDS)
    argv = (*command, "{0}")
    old = None
    if command[0] == "graph" and rng.random() < 0.3:
        old = "old" + rng.choice([".graphml", ".json", ".dot", ".mmd", ".gexf", ".cyjs"])
        argv = ("graph", "{0}", "-o", "{1}")
    return Run(argv=argv, files=((name, data),), old_output=old)


def documents_on_stdin(rng: random.Random) -> Run:
    """A command on a hostile document read from standard input."""
    _, data = _text_of(rng, _mutated_document(rng))
    roll = rng.random()
    stdin: bytes | None = data
    if roll < 0.05:
        stdin = None
    elif roll < 0.1:
        stdin = b""
    elif roll < 0.15:
        stdin = b"\xff\xfe\x00garbage"
    return Run(argv=(*rng.choice(_COMMANDS), "-"), streams=Streams(stdin=stdin))


_WORDS: Final = (
    "cases",
    "classify",
    "check",
    "license",
    "graph",
    "validate",
    "--json",
    "--brief",
    "--all",
    "--claim",
    "--arrangement",
    "--terms",
    "--holder",
    "--format",
    "-f",
    "-o",
    "--output",
    "--help",
    "--version",
    "-",
    "--",
    "lego",
    "linux",
    "ikea",
    "nope",
    "8",
    "11",
    "co-design",
    "MIT",
    "GPL-2.0-only",
    "WITH",
    "OR",
    "(",
    "cla_company",
    "business",
    "dot",
    "png",
    "x.toml",
    "x.json",
    "x.graphml",
    "/",
    ".",
    "",
)


def argument_soup(rng: random.Random) -> Run:
    """Any words in any order, some of them hostile text."""
    argv = tuple(
        _odd_text(rng) if rng.random() < 0.1 else rng.choice(_WORDS)
        for _ in range(rng.randrange(0, 7))
    )
    if argv and argv[0] in ("graph", "check") and "-o" not in argv and rng.random() < 0.5:
        argv = (*argv, "-f", "dot")
    return Run(argv=argv, streams=Streams(stdin=b"{}" if "-" in argv else b""))


def hostile_streams(rng: random.Random) -> Run:
    """A good or bad command whose standard streams are closed, full or broken."""
    command = rng.choice(
        [
            ("cases",),
            ("cases", "lego"),
            ("cases", "--json"),
            ("classify",),
            ("classify", "--json", "linux"),
            ("check", "--claim", "8", "lego"),
            ("license", "GPL-2.0-only", "--json"),
            ("graph", "linux", "-f", "graphml"),
            ("validate", "-"),
            ("validate", "nope"),
            ("classify", "--colour"),
        ]
    )
    stdout = rng.choice(["capture", "closed", "full", "full-later", "broken"])
    stdin = None if rng.random() < 0.3 else cases.text("ikea").encode("utf-8")
    streams = Streams(stdin=stdin, stdout=stdout, stderr_closed=rng.random() < 0.1)
    return Run(argv=command, streams=streams, real=rng.random() < 0.01)


# --- running them ----------------------------------------------------------------------


class _Limited(io.RawIOBase):
    """A descriptor-less sink that fails once ``room`` bytes are written."""

    def __init__(self, room: int, error: OSError) -> None:
        self.room = room
        self.error = error
        self.taken = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        if len(chunk) > self.room:
            raise self.error
        self.room -= len(chunk)
        self.taken += chunk
        return len(chunk)


def _stdout_for(kind: str) -> tuple[io.TextIOWrapper | None, _Limited | None]:
    if kind == "closed":
        return None, None
    room = {"capture": 1 << 62, "full": 0, "full-later": 200, "broken": 0}[kind]
    error = (
        BrokenPipeError(errno.EPIPE, "Broken pipe")
        if kind == "broken"
        else OSError(errno.ENOSPC, "No space left on device")
    )
    sink = _Limited(room, error)
    # Like a real stdout: strict UTF-8, with a small buffer so errors come mid-way.
    return io.TextIOWrapper(io.BufferedWriter(sink, 64), encoding="utf-8"), sink


@contextlib.contextmanager
def _swapped(streams: Streams) -> Iterator[tuple[_Limited | None, io.StringIO]]:
    saved = (sys.stdin, sys.stdout, sys.stderr)
    stdout, sink = _stdout_for(streams.stdout)
    stderr = io.StringIO()
    stdin = None if streams.stdin is None else io.TextIOWrapper(io.BytesIO(streams.stdin))
    sys.stdin, sys.stdout = stdin, stdout
    sys.stderr = None if streams.stderr_closed else stderr
    try:
        yield sink, stderr
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        if stdout is not None and sink is not None:
            # Let what main() left in the buffer drain, so closing cannot fail later.
            sink.room, sink.error = 1 << 62, OSError(errno.EIO, "unused")
            mark = len(sink.taken)
            with contextlib.suppress(Exception):
                stdout.close()
            del sink.taken[mark:]


def _argv(run: Run, folder: Path) -> list[str]:
    paths = [str(folder / name) for name, _ in run.files]
    if run.old_output is not None:
        paths.append(str(folder / run.old_output))
    places = {f"{{{index}}}": path for index, path in enumerate(paths)}
    return [places.get(a, a) for a in run.argv]


def _check(status: int, out: str, err: str) -> None:
    if status == EXIT_INTERNAL:
        raise CliFinding(f"internal error: {err.strip()[:300]}")
    if status not in _ALLOWED:
        raise CliFinding(f"exit status {status}: {err.strip()[:300]}")
    if "Traceback" in err or "Exception ignored" in err:
        raise CliFinding(f"a traceback on stderr: {err.strip()[-300:]}")
    for where, text in (("stdout", out), ("stderr", err)):
        raw = _RAW.search(text)
        if raw is not None:
            raise CliFinding(f"raw {raw.group()!r} on {where}: {text[:200]!r}")


def _in_process(run: Run, folder: Path) -> None:
    argv = _argv(run, folder)
    with _swapped(run.streams) as (sink, stderr):
        status = main(argv)
    out = "" if sink is None else sink.taken.decode("utf-8", "replace")
    if argv[:1] == ["graph"] and "png" in argv:
        out = ""  # a picture's bytes are not text
    _check(status, out, stderr.getvalue())


def _real(run: Run, folder: Path) -> None:
    script = shutil.which("peerprod", path=os.pathsep.join([str(Path(sys.executable).parent)]))
    if script is None:
        raise CliFinding("the peerprod console script is not installed beside python")
    redirect = {
        "capture": "",
        "closed": ">&-",
        "full": "> /dev/full",
        "full-later": "> /dev/full",
        "broken": "| head -c 1 > /dev/null",
    }[run.streams.stdout]
    stdin = "<&-" if run.streams.stdin is None else ""
    stderr = "2>&-" if run.streams.stderr_closed else ""
    command = f'set -o pipefail; "$0" "$@" {stdin} {stderr} {redirect}'
    done = subprocess.run(
        ["bash", "-c", command, script, *_argv(run, folder)],
        cwd=folder,
        input=run.streams.stdin or b"",
        capture_output=True,
        timeout=30,
        check=False,
    )
    _check(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode())


def call(made: object) -> object:
    """Run one command line and check the command line's promise."""
    assert isinstance(made, Run)
    folder = Path(tempfile.mkdtemp(dir=_folder()))
    # Relative names in hostile arguments (-o x.toml) land in the run's own folder.
    previous = Path.cwd()
    os.chdir(folder)
    try:
        for name, data in made.files:
            with contextlib.suppress(OSError, ValueError):  # a hostile file name
                (folder / name).write_bytes(data)
        old = None if made.old_output is None else folder / made.old_output
        if old is not None:
            old.write_bytes(b"the old content")
        if made.real:
            _real(made, folder)
        else:
            _in_process(made, folder)
        if old is not None:
            content = old.read_bytes()
            if content != b"the old content" and not content:
                raise CliFinding(f"-o left {old.name} empty")
            leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".partial")]
            if leftovers:
                raise CliFinding(f"-o left temporary files: {leftovers}")
    finally:
        os.chdir(previous)
        shutil.rmtree(folder, ignore_errors=True)
    return None


TARGETS: list[tuple[str, Callable[[random.Random], object], Callable[[object], object]]] = [
    ("cli.files", documents_on_files, call),
    ("cli.stdin", documents_on_stdin, call),
    ("cli.argv", argument_soup, call),
    ("cli.streams", hostile_streams, call),
]
"""(name, make one hostile input from a seeded Random, run it through the command line)."""
