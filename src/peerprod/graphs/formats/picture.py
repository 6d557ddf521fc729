"""Pictures drawn by Graphviz ``dot``: SVG and PNG, from the DOT that :mod:`.dot` writes.

Graphviz is an optional dependency: install it from your system's packages
(``apt-get install graphviz`` on Debian and Ubuntu, ``brew install graphviz`` on macOS).
Pictures are written, not read.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING, Literal

from peerprod.errors import RenderError, UnknownFormat
from peerprod.graphs.formats.dot import dumps_dot

if TYPE_CHECKING:
    from peerprod.analysis.report import EcosystemReport
    from peerprod.graphs.formats._common import Source

__all__ = ["dumps_png", "dumps_svg", "render"]


def render(
    source: Source,
    *,
    report: EcosystemReport | None = None,
    format: Literal["svg", "png"] = "svg",
    dot: str = "dot",
    timeout: float = 60.0,
) -> bytes:
    """Draw an ecosystem with Graphviz ``dot`` (see :func:`dumps_dot` for the look).

    Graphviz is an optional dependency: install it from your system's
    packages (``apt-get install graphviz`` on Debian and Ubuntu).

    Args:
        source: An ecosystem, or a graph in the layout of :func:`~peerprod.graphs.to_graph`.
        report: For an ecosystem, the report whose results become derived attributes.
        format: ``"svg"`` or ``"png"``.
        dot: The name or path of the ``dot`` program.
        timeout: Seconds to wait for ``dot``.

    Returns:
        The picture.

    Raises:
        RenderError: ``dot`` is not installed, timed out or failed.
        UnknownFormat: ``format`` is neither ``"svg"`` nor ``"png"``.

    Example:
        >>> from peerprod import cases
        >>> render(cases.load("ikea"), dot="no-such-dot")
        Traceback (most recent call last):
        ...
        peerprod.errors.RenderError: Graphviz 'no-such-dot' was not found on PATH; ...
    """
    if format not in ("svg", "png"):
        msg = f"format must be 'svg' or 'png', not {format!r}"
        raise UnknownFormat(str(format), msg, known=("svg", "png"))
    program = shutil.which(dot)
    if program is None:
        msg = (
            f"Graphviz {dot!r} was not found on PATH; install Graphviz to draw pictures "
            "(Debian and Ubuntu: apt-get install graphviz), or write DOT with dumps_dot"
        )
        raise RenderError(msg)
    try:
        done = subprocess.run(
            [program, f"-T{format}"],
            input=dumps_dot(source, report=report).encode("utf-8", "replace"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        msg = f"Graphviz dot took longer than {timeout} seconds"
        raise RenderError(msg) from exc
    if done.returncode != 0:
        msg = f"Graphviz dot failed ({done.returncode}): {done.stderr.decode(errors='replace')}"
        raise RenderError(msg.strip())
    picture: bytes = done.stdout
    return picture


def dumps_svg(source: Source, *, report: EcosystemReport | None = None) -> bytes:
    """Draw an SVG picture with Graphviz: :func:`render` with ``format="svg"``.

    Raises:
        RenderError: ``dot`` is not installed, timed out or failed.
    """
    return render(source, report=report, format="svg")


def dumps_png(source: Source, *, report: EcosystemReport | None = None) -> bytes:
    """Draw a PNG picture with Graphviz: :func:`render` with ``format="png"``.

    Raises:
        RenderError: ``dot`` is not installed, timed out or failed.
    """
    return render(source, report=report, format="png")
