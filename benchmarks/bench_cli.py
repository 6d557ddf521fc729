"""The command line: a whole ``peerprod classify`` run against importing peerprod.

The goal (issue 13): classifying every built-in case from the command line costs at
most 1.5x a process that only imports peerprod, so the tables the command needs are
not rebuilt at every start. Both are whole processes of the same interpreter, run in
turns (A, B, A, B, ...) after a warm-up, and timed by the CPU time the operating
system charges them (user plus system), which a busy machine disturbs less than the
wall clock; the ratio is taken pair by pair.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from typing import Any

CLASSIFY = (sys.executable, "-m", "peerprod", "classify")
IMPORT = (sys.executable, "-c", "import peerprod")
GOAL = 1.5


def _cpu_seconds(argv: tuple[str, ...]) -> float:
    """The CPU time one run of ``argv`` took, its output thrown away."""
    before = os.times()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = os.times()
    return (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def run(sizes: tuple[int, ...] = (9,)) -> list[dict[str, Any]]:
    """One row for each command's time, and one for the ratio with its goal.

    Args:
        sizes: The number of rounds, as a one-item tuple (``--quick`` runs three).
    """
    (rounds,) = sizes
    for argv in (CLASSIFY, IMPORT):
        _cpu_seconds(argv)  # warm-up: the files are read and compiled once
    ours: list[float] = []
    base: list[float] = []
    for _ in range(rounds):
        ours.append(_cpu_seconds(CLASSIFY))
        base.append(_cpu_seconds(IMPORT))
    ratios = [a / b for a, b in zip(ours, base, strict=True)]
    return [
        _row("peerprod classify (all built-in cases), CPU ms", [t * 1000 for t in ours]),
        _row('python -c "import peerprod", CPU ms', [t * 1000 for t in base]),
        _row("classify / import", ratios, goal=GOAL),
    ]


def _row(measure: str, values: list[float], goal: float | None = None) -> dict[str, Any]:
    """One table row: min, median and max of ``values``, and the verdict on a goal."""
    median = statistics.median(values)
    return {
        "measure": measure,
        "min": min(values),
        "median": median,
        "max": max(values),
        "goal": "" if goal is None else f"<= {goal:g}",
        "result": "" if goal is None else ("PASS" if median <= goal else "FAIL"),
    }
