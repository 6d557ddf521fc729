"""Pausing Python's cyclic garbage collector while many frozen values are built.

Kept apart from the conversion helpers so that classification, which builds many
small values too, can use it without importing cattrs.
"""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off, then restore its prior state."""
    # Building a large document or report allocates hundreds of thousands of
    # frozen values, none of which can form a reference cycle; the collector
    # would run full passes that free nothing and make the work superlinear.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
