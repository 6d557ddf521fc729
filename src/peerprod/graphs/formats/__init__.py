"""Graph files: GraphML, GEXF, node-link and Cytoscape.js JSON, Graphviz DOT, Mermaid, pictures.

A thin layer over :mod:`peerprod.graphs`, one module per format: every writer takes an
:class:`~peerprod.Ecosystem` (converted with :func:`~peerprod.graphs.to_graph`, with the
derived attributes of an optional ``report``) or a graph in that layout, and every
reader returns a :class:`networkx.MultiDiGraph` that :func:`~peerprod.graphs.from_graph`
turns back into an equal ecosystem. :data:`FORMATS` is the one table of formats: their
names, suffixes, writers, readers and what they need. :func:`read` and :func:`write`
choose the format by the file's suffix (:func:`format_for`).

Output is deterministic: the same ecosystem always gives byte-identical files (for a
given networkx and Graphviz), so research artefacts diff cleanly. :func:`write`
replaces a file only once the new content is complete, so a failure leaves the old
file as it was.

Reading is safe for files from untrusted sources. XML is parsed in one streaming pass
and any document type declaration is refused as it starts, so entities can neither
expand (the "billion laughs") nor load external files. Limits are checked before the
expensive work: input larger than ``max_bytes`` (:data:`MAX_BYTES` unless given) is
refused before it is parsed, with :class:`~peerprod.errors.GraphTooLarge`; elements or
values nested deeper than ``max_depth`` (:data:`MAX_DEPTH`) and integers longer than
``max_digits`` (:data:`MAX_DIGITS`) are refused as they are met. Text that is not valid
Unicode is refused at the door. Anything that is not a graph file of its format raises
:class:`~peerprod.errors.InvalidGraph`, listing every problem with its place.

XML cannot carry some characters (control characters other than tab and line feed; a
carriage return becomes a line feed). In GraphML and GEXF a text value that holds one
is written as ASCII JSON text under the attribute name with the ``:json`` suffix, which
:func:`~peerprod.graphs.from_graph` reads back exactly.

Example:
    >>> from peerprod import cases
    >>> from peerprod.graphs import from_graph
    >>> lego = cases.load("lego")
    >>> data = dumps_graphml(lego)
    >>> data == dumps_graphml(lego)
    True
    >>> from_graph(loads_graphml(data)) == lego
    True
    >>> [f.name for f in FORMATS.values() if f.readable]
    ['graphml', 'gexf', 'node-link', 'cytoscape']
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, TypeAlias

import attrs

from peerprod._convert import atomic_write
from peerprod.errors import GraphTooLarge, InvalidGraph, UnknownFormat
from peerprod.graphs.convert import from_graph
from peerprod.graphs.formats._common import MAX_BYTES, MAX_DEPTH, MAX_DIGITS
from peerprod.graphs.formats.cytoscape import dumps_cytoscape, loads_cytoscape
from peerprod.graphs.formats.dot import dumps_dot
from peerprod.graphs.formats.gexf import dumps_gexf, loads_gexf
from peerprod.graphs.formats.graphml import dumps_graphml, loads_graphml
from peerprod.graphs.formats.mermaid import dumps_mermaid
from peerprod.graphs.formats.node_link import NODE_LINK_KEYS, dumps_node_link, loads_node_link
from peerprod.graphs.formats.picture import dumps_png, dumps_svg, render

if TYPE_CHECKING:
    from collections.abc import Mapping

    import networkx as nx

    from peerprod.analysis.report import EcosystemReport
    from peerprod.graphs.formats._common import Input, Source
    from peerprod.model.ecosystem import Ecosystem

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "NODE_LINK_KEYS",
    "Format",
    "GraphFormat",
    "Reader",
    "Writer",
    "dumps",
    "dumps_cytoscape",
    "dumps_dot",
    "dumps_gexf",
    "dumps_graphml",
    "dumps_mermaid",
    "dumps_node_link",
    "dumps_png",
    "dumps_svg",
    "format_for",
    "format_named",
    "loads_cytoscape",
    "loads_gexf",
    "loads_graphml",
    "loads_node_link",
    "read",
    "read_graph",
    "render",
    "write",
]

Format: TypeAlias = Literal[
    "graphml", "gexf", "node-link", "cytoscape", "dot", "mermaid", "svg", "png"
]
"""The name of a graph file format."""


class Writer(Protocol):
    """Writes an ecosystem, or its graph, in one format."""

    def __call__(self, source: Source, /, *, report: EcosystemReport | None = None) -> str | bytes:
        """The file's content: text, or bytes for binary formats."""
        ...


class Reader(Protocol):
    """Reads one format into a graph, within the limits."""

    def __call__(
        self,
        data: Input,
        /,
        *,
        max_bytes: int | None = ...,
        max_depth: int = ...,
        max_digits: int = ...,
    ) -> nx.MultiDiGraph:
        """The graph the input holds, edges keyed by relation."""
        ...


@attrs.frozen(kw_only=True)
class GraphFormat:
    """One graph file format: its name, suffixes, writer, reader and needs.

    Example:
        >>> fmt = FORMATS["node-link"]
        >>> fmt.suffix, fmt.binary, fmt.readable, fmt.needs_graphviz
        ('.json', False, True, False)
    """

    name: Format
    """The format's name, as :func:`dumps` and :func:`write` take it."""
    suffixes: tuple[str, ...]
    """The file suffixes that name it, lower case, the usual one first."""
    binary: bool
    """Whether its writer gives :class:`bytes` (else :class:`str`, UTF-8 in files)."""
    description: str
    """What it is for, in a line."""
    dumps: Writer
    """The writer: ``dumps(source, *, report=None)``."""
    loads: Reader | None = None
    """The reader, for formats peerprod reads back; None for pictures and their text."""
    needs_graphviz: bool = False
    """Whether writing it runs Graphviz ``dot``."""
    aliases: tuple[str, ...] = ()
    """Other names :func:`format_named` accepts for it (the command line's ``json``)."""

    @property
    def suffix(self) -> str:
        """The usual suffix of its files."""
        return self.suffixes[0]

    @property
    def readable(self) -> bool:
        """Whether peerprod reads it back."""
        return self.loads is not None


FORMATS: Final[Mapping[str, GraphFormat]] = MappingProxyType(
    {
        f.name: f
        for f in (
            GraphFormat(
                name="graphml", suffixes=(".graphml",), binary=True, dumps=dumps_graphml,
                loads=loads_graphml, description="GraphML for Gephi, Cytoscape, yEd and igraph",
            ),
            GraphFormat(
                name="gexf", suffixes=(".gexf",), binary=True, dumps=dumps_gexf,
                loads=loads_gexf, description="GEXF 1.2 for Gephi",
            ),
            GraphFormat(
                name="node-link", suffixes=(".json",), binary=False, dumps=dumps_node_link,
                loads=loads_node_link, aliases=("json",),
                description="node-link JSON for networkx and D3",
            ),
            GraphFormat(
                name="cytoscape", suffixes=(".cyjs",), binary=False, dumps=dumps_cytoscape,
                loads=loads_cytoscape, description="Cytoscape.js JSON for Cytoscape",
            ),
            GraphFormat(
                name="dot", suffixes=(".dot", ".gv"), binary=False, dumps=dumps_dot,
                description="Graphviz DOT: layers as clusters",
            ),
            GraphFormat(
                name="mermaid", suffixes=(".mmd",), binary=False, dumps=dumps_mermaid,
                description="Mermaid flowcharts for code hosting sites and docs",
            ),
            GraphFormat(
                name="svg", suffixes=(".svg",), binary=True, dumps=dumps_svg,
                needs_graphviz=True, description="a picture drawn by Graphviz dot",
            ),
            GraphFormat(
                name="png", suffixes=(".png",), binary=True, dumps=dumps_png,
                needs_graphviz=True, description="the same picture, as a bitmap",
            ),
        )
    }
)  # fmt: skip
"""Every graph file format, by name, in the order the documentation lists them."""

_NAMED: Final = {name: f for f in FORMATS.values() for name in (f.name, *f.aliases)}
_SUFFIXES: Final = {suffix: f for f in FORMATS.values() for suffix in f.suffixes}


def format_named(name: str | GraphFormat) -> GraphFormat:
    """The format with that name (or alias); a :class:`GraphFormat` is returned as it is.

    Raises:
        UnknownFormat: no format has that name.

    Example:
        >>> format_named("json").name
        'node-link'
    """
    if isinstance(name, GraphFormat):
        return name
    found = _NAMED.get(name)
    if found is None:
        known = tuple(sorted(_NAMED))
        message = f"unknown graph format {name!r}; known formats: {', '.join(known)}"
        raise UnknownFormat(str(name), message, known=known)
    return found


def format_for(path: str | os.PathLike[str]) -> GraphFormat:
    """The format a file's suffix names (in any case); a bare suffix such as ``".gv"`` will do.

    Raises:
        UnknownFormat: the suffix names no format.

    Example:
        >>> format_for("linux.GraphML").name, format_for(".gv").name
        ('graphml', 'dot')
    """
    name = Path(path).name
    suffix = Path(path).suffix or (name if name.startswith(".") else "")
    found = _SUFFIXES.get(suffix.lower())
    if found is None:
        known = tuple(_SUFFIXES)
        told = f"the suffix {suffix!r}" if suffix else "a name without a suffix"
        message = (
            f"{os.fspath(path)}: cannot tell the format from {told}; "
            f"graph files end in {', '.join(known)}"
        )
        raise UnknownFormat(os.fspath(path), message, known=known)
    return found


def dumps(
    source: Source, format: str | GraphFormat, *, report: EcosystemReport | None = None
) -> str | bytes:
    """Write an ecosystem or its graph in any format, named as in :data:`FORMATS`.

    Text formats give :class:`str`; GraphML, GEXF and pictures give :class:`bytes`.

    Raises:
        UnknownFormat: ``format`` is not the name of a format.
        RenderError: a picture was asked for and Graphviz cannot draw it.
        InvalidValue: ``report`` was given with a graph, or does not describe ``source``.

    Example:
        >>> from peerprod import cases
        >>> dumps(cases.load("ikea"), "mermaid") == dumps_mermaid(cases.load("ikea"))
        True
    """
    return format_named(format).dumps(source, report=report)


def write(
    source: Source,
    path: str | os.PathLike[str],
    *,
    format: str | GraphFormat | None = None,
    report: EcosystemReport | None = None,
) -> None:
    """Write an ecosystem or its graph to a file in the format its suffix names.

    The file is replaced only once the new content is complete and on disk, so a
    failure leaves it as it was.

    Raises:
        UnknownFormat: the suffix names no format and ``format`` is not given.
        RenderError: a picture was asked for and Graphviz cannot draw it.
        OSError: the file cannot be written.

    Example:
        >>> import tempfile
        >>> from peerprod import cases
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write(cases.load("ikea"), f"{tmp}/ikea.gexf")
        ...     read(f"{tmp}/ikea.gexf") == cases.load("ikea")
        True
    """
    path = Path(path)
    chosen = format_for(path) if format is None else format_named(format)
    atomic_write(path, chosen.dumps(source, report=report))


def read_graph(
    path: str | os.PathLike[str],
    *,
    format: str | GraphFormat | None = None,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_DIGITS,
) -> nx.MultiDiGraph:
    """Read a GraphML, GEXF, node-link or Cytoscape.js file into a graph, without checking it.

    The file's size is checked before it is read, and XML is read as it streams from
    the file. Use :func:`read` for the ecosystem.

    Raises:
        GraphTooLarge: the file is larger than ``max_bytes``.
        InvalidGraph: the file is not a graph of its format, or breaks a limit;
            problems are prefixed with the file name.
        UnknownFormat: the format cannot be read, or cannot be told from the suffix.
        OSError: the file cannot be read.

    Example:
        >>> import tempfile
        >>> from peerprod import cases
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write(cases.load("ikea"), f"{tmp}/ikea.graphml")
        ...     read_graph(f"{tmp}/ikea.graphml", max_bytes=100)
        Traceback (most recent call last):
        ...
        peerprod.errors.GraphTooLarge: graph file too large (1 problem):
          ...ikea.graphml: ... bytes exceed the limit of 100 bytes; pass a larger max_bytes ...
    """
    path = Path(path)
    chosen = format_for(path) if format is None else format_named(format)
    if chosen.loads is None:
        known = tuple(f.name for f in FORMATS.values() if f.readable)
        message = f"{path}: peerprod cannot read {chosen.name} files; it reads {', '.join(known)}"
        raise UnknownFormat(chosen.name, message, known=known)
    limits: dict[str, Any] = {
        "max_bytes": max_bytes,
        "max_depth": max_depth,
        "max_digits": max_digits,
    }
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if max_bytes is not None and size > max_bytes:
            raise GraphTooLarge(str(path), size, max_bytes)
        try:
            return chosen.loads(stream, **limits)
        except GraphTooLarge as exc:
            # The file grew, or is a pipe whose size the file system does not know.
            raise GraphTooLarge(str(path), exc.size, exc.limit) from None
        except InvalidGraph as exc:
            raise exc.within(str(path)) from exc


def read(
    path: str | os.PathLike[str],
    *,
    format: str | GraphFormat | None = None,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_DIGITS,
) -> Ecosystem:
    """Read an ecosystem from a GraphML, GEXF, node-link or Cytoscape.js file.

    Raises:
        GraphTooLarge: the file is larger than ``max_bytes``.
        InvalidGraph: the file is not a graph of its format, breaks a limit, or is
            not a peerprod graph; every problem is listed with its file, node or edge.
        UnknownFormat: the format cannot be read, or cannot be told from the suffix.
        OSError: the file cannot be read.

    Example:
        >>> import tempfile
        >>> from peerprod import cases
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write(cases.load("linux"), f"{tmp}/linux.cyjs")
        ...     read(f"{tmp}/linux.cyjs") == cases.load("linux")
        True
    """
    graph = read_graph(
        path, format=format, max_bytes=max_bytes, max_depth=max_depth, max_digits=max_digits
    )
    try:
        return from_graph(graph)
    except InvalidGraph as exc:
        raise exc.within(os.fspath(path)) from exc
