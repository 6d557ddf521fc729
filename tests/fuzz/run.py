"""Drive every fuzz target in tests/fuzz/targets_*.py and report what happened.

Each ``targets_<area>.py`` defines ``TARGETS``, a list of ``(name, make_input, call)``:
``make_input(rng)`` makes one hostile input from a :class:`random.Random`, and
``call(input)`` runs a loader (or the command line) on it. A call may return anything
or raise a :class:`~peerprod.errors.PeerprodError`; these are the expected outcomes,
counted as ``ok`` and ``error``. The unexpected ones fail the run:

``crash``
    any other exception;
``hang``
    a call that runs longer than ``--timeout`` seconds (5 by default);
``memory``
    a call that raises the process's peak resident memory past ``--memory`` MiB (512
    by default) above what it held when the run began, or runs out of the address
    space the run allows (``--memory`` times four above the start, so that a runaway
    input fails here instead of swapping the machine).

Input ``i`` of target ``t`` is made from ``random.Random(f"{seed}:{t}:{i}")``, so
``--seed S --targets t --start i --inputs 1`` replays exactly one input; every finding
is printed with that command. Usage::

    python -m tests.fuzz.run                       # 10,000 inputs a target, a fresh seed
    python -m tests.fuzz.run --inputs 300 --seed 0 # what CI runs
    python -m tests.fuzz.run --targets cli. --list # the targets whose name has "cli."
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import resource
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Final, NoReturn

import attrs

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterator, Sequence
    from types import FrameType

    Target = tuple[str, Callable[[random.Random], object], Callable[[object], object]]

HERE: Final = Path(__file__).resolve().parent
EXPECTED: Final = ("ok", "error")
UNEXPECTED: Final = ("crash", "hang", "memory")
_KIB: Final = 1024


class _Hang(BaseException):
    """Raised into a call that overran its time; a BaseException, so no loader catches it."""


def discover(patterns: Sequence[str] = ()) -> list[Target]:
    """Every target of every targets_*.py module, in module then list order."""
    root = str(HERE.parent.parent)
    if root not in sys.path:  # run as a script rather than with -m
        sys.path.insert(0, root)
    found: list[Target] = []
    for path in sorted(HERE.glob("targets_*.py")):
        module = importlib.import_module(f"tests.fuzz.{path.stem}")
        found.extend(module.TARGETS)
    names = [name for name, _, _ in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SystemExit(f"fuzz targets named twice: {', '.join(duplicates)}")
    if patterns:
        found = [t for t in found if any(p in t[0] for p in patterns)]
    return found


@attrs.define
class Finding:
    """One unexpected outcome, with what it takes to replay it."""

    target: str
    index: int
    outcome: str
    detail: str
    shown_input: str


@attrs.define
class Tally:
    """The outcomes of one target's run."""

    target: str
    counts: dict[str, int] = attrs.Factory(lambda: dict.fromkeys((*EXPECTED, *UNEXPECTED), 0))
    findings: list[Finding] = attrs.Factory(list)
    seconds: float = 0.0
    slowest: float = 0.0

    @property
    def inputs(self) -> int:
        """How many inputs were thrown at the target."""
        return sum(self.counts.values())

    @property
    def unexpected(self) -> int:
        """How many outcomes were crashes, hangs or memory blow-ups."""
        return sum(self.counts[o] for o in UNEXPECTED)


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _shown(value: object, limit: int = 300) -> str:
    try:
        text = repr(value)
    except Exception as exc:
        text = f"<unprintable {type(value).__name__}: {exc!r}>"
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def _first_line(exc: BaseException) -> str:
    text = "".join(traceback.format_exception_only(exc)).strip().splitlines()
    where = traceback.extract_tb(exc.__traceback__)
    place = f" at {Path(where[-1].filename).name}:{where[-1].lineno}" if where else ""
    return ((text[0] if text else type(exc).__name__) + place)[:400]


class _Watchdog:
    """Ends the process if a call never returns, even from C code that ignores signals."""

    def __init__(self, grace: float) -> None:
        self.grace = grace
        self.current: tuple[str, int, float] | None = None
        self.replay = ""
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> NoReturn:
        while True:
            time.sleep(0.5)
            current = self.current
            if current is not None and time.monotonic() - current[2] > self.grace:
                name, index, _ = current
                sys.stderr.write(
                    f"\nFUZZ HANG: {name} input {index} has run for over {self.grace:.0f} s "
                    f"and cannot be interrupted; replay: {self.replay}\n"
                )
                sys.stderr.flush()
                os._exit(3)


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _limit_address_space(extra_bytes: int) -> None:
    # A hard stop well above the stated bound: a runaway input raises MemoryError here
    # (reported as "memory") instead of taking the shared machine's memory.
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = size + extra_bytes
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft == resource.RLIM_INFINITY or soft > wanted:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (OSError, ValueError):
        pass


def run_target(
    target: Target,
    *,
    seed: str,
    start: int,
    inputs: int,
    timeout: float,
    memory_kib: int,
    baseline_kib: int,
    watchdog: _Watchdog,
) -> Tally:
    """Throw ``inputs`` inputs at one target and count the outcomes."""
    import random

    from peerprod.errors import PeerprodError

    name, make_input, call = target
    tally = Tally(target=name)
    began = time.monotonic()
    for index in range(start, start + inputs):
        made = make_input(random.Random(f"{seed}:{name}:{index}"))
        before = _peak_kib()
        watchdog.replay = replay_command(seed, name, index)
        watchdog.current = (name, index, time.monotonic())
        clock = time.monotonic()
        outcome, detail = "ok", ""
        try:
            with _deadline(timeout):
                call(made)
        except PeerprodError:
            outcome = "error"
        except _Hang:
            outcome, detail = "hang", f"still running after {timeout:g} s"
        except MemoryError as exc:
            outcome, detail = "memory", f"MemoryError: {exc}"
        except Exception as exc:
            outcome, detail = "crash", _first_line(exc)
        finally:
            watchdog.current = None
        took = time.monotonic() - clock
        tally.slowest = max(tally.slowest, took)
        after = _peak_kib()
        if outcome in EXPECTED and after > before and after - baseline_kib > memory_kib:
            outcome = "memory"
            detail = f"peak memory rose to {(after - baseline_kib) // _KIB} MiB above the start"
        tally.counts[outcome] += 1
        if outcome in UNEXPECTED:
            tally.findings.append(Finding(name, index, outcome, detail, _shown(made)))
    tally.seconds = time.monotonic() - began
    return tally


def replay_command(seed: str, name: str, index: int) -> str:
    """The command that replays one input."""
    return f"python -m tests.fuzz.run --seed {seed} --targets '{name}' --start {index} --inputs 1"


def _report(tallies: Sequence[Tally], seed: str, shown: int) -> None:
    width = max([len("target"), *(len(t.target) for t in tallies)])
    columns = ("inputs", *EXPECTED, *UNEXPECTED)
    print(f"{'target'.ljust(width)}  " + "  ".join(f"{c:>7}" for c in columns) + "  seconds")
    for t in tallies:
        cells = [t.inputs, *(t.counts[c] for c in (*EXPECTED, *UNEXPECTED))]
        print(
            f"{t.target.ljust(width)}  "
            + "  ".join(f"{c:>7}" for c in cells)
            + f"  {t.seconds:7.1f}"
        )
    for t in tallies:
        for finding in t.findings[:shown]:
            print(f"\n{finding.outcome.upper()} {finding.target} input {finding.index}")
            print(f"  {finding.detail}")
            print(f"  input: {finding.shown_input}")
            print(f"  replay: {replay_command(seed, finding.target, finding.index)}")
        if len(t.findings) > shown:
            print(f"\n... and {len(t.findings) - shown} more findings for {t.target}")
    total = sum(t.inputs for t in tallies)
    bad = sum(t.unexpected for t in tallies)
    print(f"\n{len(tallies)} targets, {total} inputs, {bad} unexpected outcomes (seed {seed})")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the fuzz targets; 0 when every outcome was expected, 1 otherwise."""
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.run", description=__doc__)
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per target")
    parser.add_argument("--seed", default=None, help="replays a run; default: a fresh one")
    parser.add_argument("--start", type=int, default=0, help="index of the first input")
    parser.add_argument(
        "--targets", action="append", default=[], metavar="TEXT", help="names containing TEXT"
    )
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds a call may take")
    parser.add_argument("--memory", type=int, default=512, help="MiB a call may add to the peak")
    parser.add_argument("--show", type=int, default=5, help="findings printed per target")
    parser.add_argument("--list", action="store_true", help="list the targets and stop")
    args = parser.parse_args(argv)

    targets = discover(args.targets)
    if args.list:
        for name, _, _ in targets:
            print(name)
        return 0
    if not targets:
        print("no fuzz targets match", file=sys.stderr)
        return 1
    seed = args.seed if args.seed is not None else str(time.time_ns() % 1_000_000_007)
    memory_kib = args.memory * _KIB
    _limit_address_space(4 * args.memory * _KIB * _KIB)
    watchdog = _Watchdog(grace=max(4 * args.timeout, 30.0))
    baseline = _peak_kib()
    print(
        f"fuzzing {len(targets)} targets with {args.inputs} inputs each, seed {seed}; "
        f"limits: {args.timeout:g} s and {args.memory} MiB a call",
        flush=True,
    )
    tallies = []
    for target in targets:
        tally = run_target(
            target,
            seed=seed,
            start=args.start,
            inputs=args.inputs,
            timeout=args.timeout,
            memory_kib=memory_kib,
            baseline_kib=baseline,
            watchdog=watchdog,
        )
        tallies.append(tally)
        print(
            f"  {tally.target}: {tally.inputs} inputs, {tally.unexpected} unexpected, "
            f"{tally.seconds:.1f} s (slowest call {tally.slowest:.2f} s)",
            flush=True,
        )
    print()
    _report(tallies, seed, args.show)
    return 1 if any(t.unexpected for t in tallies) else 0


if __name__ == "__main__":
    raise SystemExit(main())
