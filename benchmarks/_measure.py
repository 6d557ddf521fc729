"""Timing and peak-memory helpers shared by the benchmarks."""

from __future__ import annotations

import gc
import time
import tracemalloc
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")


def best_time(func: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs, in seconds; the minimum is the least noisy estimate."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(func: Callable[[], T]) -> tuple[T, int]:
    """Run ``func`` once under tracemalloc; return its result and the peak bytes it allocated."""
    gc.collect()
    tracemalloc.start()
    try:
        result = func()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def print_table(title: str, rows: list[dict[str, object]]) -> None:
    """Print rows of equal keys as an aligned text table."""
    if not rows:
        return
    headers = list(rows[0])
    cells = [[_fmt(row[h]) for h in headers] for row in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    print(f"\n{title}")
    print("  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True)))
    for line in cells:
        print("  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)))


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
