"""What the graph file formats share: limits, the source of a writer, errors, edge keys."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, BinaryIO, Final, TypeAlias

from peerprod.errors import GraphTooLarge, InvalidGraph, InvalidValue, Problem
from peerprod.graphs.convert import _adjacency_order, _parts
from peerprod.graphs.layout import JSON_SUFFIX
from peerprod.model.ecosystem import Ecosystem

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    import networkx as nx

    from peerprod.analysis.report import EcosystemReport

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "Input",
    "Source",
    "add_edge",
    "add_node",
    "check_size",
    "chunks",
    "invalid",
    "keyed",
    "parts_of",
    "read_all",
    "share",
    "xml_safe",
]

MAX_BYTES: Final = 64 * 1024 * 1024
"""The default limit on the size of a graph file a reader accepts: 64 MiB.

A reader needs at most 8 times a file's size in memory, plus 256 KiB (the graph it
builds is most of it; see the reference of the graph format), so the default keeps a
read within about half a GiB. Every reader
takes ``max_bytes`` to change it, or ``None`` to lift it for files you trust.
"""

MAX_DEPTH: Final = 64
"""The default limit on how deeply a graph file nests: elements in XML, objects and arrays in JSON.

A peerprod graph file nests at most six levels deep; nested graphs and groups of
nodes add a few. Deeper input is refused before it is built, so hostile nesting
cannot exhaust the stack or the memory.
"""

MAX_DIGITS: Final = 4300
"""The default limit on the digits of an integer in a graph file (Python's own).

Converting a longer number to an integer takes time that grows with the square of
its length, so longer ones are refused before they are converted.
"""

Source: TypeAlias = "Ecosystem | nx.MultiDiGraph"
"""What a writer writes: an ecosystem, or a graph in the layout of ``to_graph``."""

Input: TypeAlias = "str | bytes | BinaryIO"
"""What a reader reads: text, bytes, or a binary file open for reading."""

CHUNK: Final = 1 << 20


Parts: TypeAlias = tuple[
    "Mapping[str, Any]",
    "Iterable[tuple[Any, Mapping[str, Any]]]",
    "Iterable[tuple[Any, Any, Any, Mapping[str, Any]]]",
]
"""What a writer writes: the graph attributes, the nodes and the edges, in networkx's order."""


def parts_of(source: Source, report: EcosystemReport | None) -> Parts:
    """The graph attributes, nodes and edges a writer writes, whatever the source.

    For an ecosystem they come straight from the conversion, without building a
    networkx graph first, in the order the graph of :func:`~peerprod.graphs.to_graph`
    would give them, so the file is the same either way.
    """
    if isinstance(source, Ecosystem):
        attributes, nodes, edges = _parts(source, report)
        return attributes, nodes, _adjacency_order(nodes, edges)
    if report is not None:
        message = "applies to an Ecosystem; a graph carries its derived attributes already"
        raise InvalidValue("report", type(source).__name__, message)
    return source.graph, source.nodes(data=True), source.edges(keys=True, data=True)


def invalid(kind: str, message: str, path: str = "$") -> InvalidGraph:
    """An InvalidGraph with one problem, for input that is not a graph of its format."""
    return InvalidGraph(f"invalid {kind}", [Problem(path=path, message=message)])


def check_size(data: str | bytes, max_bytes: int | None) -> None:
    """Refuse input longer than ``max_bytes``, before it is parsed."""
    if max_bytes is not None and len(data) > max_bytes:
        raise GraphTooLarge("$", len(data), max_bytes)


def chunks(data: Input, max_bytes: int | None, kind: str) -> Iterator[bytes]:
    """The bytes of ``data`` in pieces, refusing more than ``max_bytes`` as they arrive.

    Text is encoded as UTF-8 first; text that UTF-8 cannot encode (a lone surrogate)
    is not valid Unicode and is refused.
    """
    if isinstance(data, str):
        data = encoded(data, kind)
    if isinstance(data, bytes | bytearray | memoryview):
        check_size(data, max_bytes)
        view = memoryview(data)
        for start in range(0, len(view), CHUNK):
            yield bytes(view[start : start + CHUNK])
        return
    total = 0
    while block := data.read(CHUNK):
        total += len(block)
        if max_bytes is not None and total > max_bytes:
            raise GraphTooLarge("$", total, max_bytes)
        yield block


def read_all(data: Input, max_bytes: int | None) -> bytes | str:
    """All of ``data`` (read from a file, up to one byte past the limit), size checked."""
    if isinstance(data, str | bytes):
        check_size(data, max_bytes)
        return data
    block: bytes = data.read() if max_bytes is None else data.read(max_bytes + 1)
    check_size(block, max_bytes)
    return block


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def check_unicode(text: str, kind: str) -> None:
    """Refuse text that is not valid Unicode: it holds a lone surrogate."""
    found = _SURROGATE.search(text)
    if found is not None:
        message = (
            f"not valid Unicode: {found.group()!r} at character {found.start()} is a lone surrogate"
        )
        raise invalid(kind, message)


def encoded(text: str, kind: str) -> bytes:
    """``text`` as UTF-8, refusing text that is not valid Unicode."""
    check_unicode(text, kind)
    return text.encode("utf-8")


class _TooLong(Exception):
    def __init__(self, digits: int) -> None:
        self.digits = digits


def load_json(data: str | bytes, kind: str, max_digits: int) -> Any:
    """Parse JSON text, refusing what is not JSON, nests too deeply, or has too long integers.

    Syntax errors are located by line and column.
    """
    import json  # noqa: PLC0415

    def whole(text: str) -> int:
        if len(text) > max_digits and len(text.lstrip("-")) > max_digits:
            raise _TooLong(len(text.lstrip("-")))
        return int(text)

    try:
        return json.loads(data, parse_int=whole)
    except json.JSONDecodeError as exc:
        raise invalid(kind, exc.msg, f"line {exc.lineno}, column {exc.colno}") from None
    except _TooLong as exc:
        message = f"an integer of {exc.digits} digits; the limit is {max_digits}"
        raise invalid(kind, message) from None
    except UnicodeDecodeError as exc:
        raise invalid(kind, f"not UTF-8: {exc.reason} at byte {exc.start}") from None
    except RecursionError:
        raise invalid(kind, "nested too deeply") from None
    except ValueError as exc:  # an integer longer than Python itself converts
        raise invalid(kind, str(exc)) from None


def keyed(
    source: object,
    target: object,
    key: object,
    data: Mapping[str, Any],
    *,
    position: int,
    graph: Any,
) -> object:
    """The key of an edge read from a file: its relation, as ``to_graph`` keys edges.

    A relation already used between the same two nodes keeps the file's own key, or
    failing that its position, so that ``from_graph`` can point at every copy.
    """
    for candidate in (data.get("relation"), key, f"#{position}"):
        if isinstance(candidate, str | int) and not graph.has_edge(source, target, candidate):
            return candidate
    return f"#{position}"  # pragma: no cover - the position is unique


SHARED: Final = 24
"""The longest text value a reader keeps once however often it repeats."""


def share(table: dict[str, Any], shared: dict[str, str]) -> dict[str, Any]:
    """``table`` with each short text value replaced by the one copy kept in ``shared``.

    Kinds, relations and currencies repeat on every node or edge; one copy of each
    keeps a large graph several times smaller.
    """
    for name, value in table.items():
        if type(value) is str and len(value) <= SHARED:
            table[name] = shared.setdefault(value, value)
    return table


# Attribute names that networkx's add_node and add_edge take for their own arguments.
_NODE_ARGUMENT: Final = "node_for_adding"
_EDGE_ARGUMENTS: Final = frozenset({"key", "u_for_edge", "v_for_edge"})


def add_node(graph: nx.MultiDiGraph, node: Any, data: dict[str, Any]) -> None:
    """Add a node with its attributes, whatever they are named."""
    if _NODE_ARGUMENT in data:
        graph.add_nodes_from([(node, data)])
    else:
        graph.add_node(node, **data)


def add_edge(
    graph: nx.MultiDiGraph,
    source: Any,
    target: Any,
    key: Any,
    data: dict[str, Any],
    *,
    position: int,
) -> None:
    """Add an edge read from a file, keyed by :func:`keyed`, whatever its attributes are named."""
    key = keyed(source, target, key, data, position=position, graph=graph)
    if _EDGE_ARGUMENTS.isdisjoint(data):
        graph.add_edge(source, target, key, **data)
    else:
        graph.add_edges_from([(source, target, key, data)])


_XML_UNSAFE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")


def xml_unsafe(text: str) -> bool:
    """Whether ``text`` holds a character XML 1.0 cannot carry as it is."""
    return _XML_UNSAFE.search(text) is not None


def xml_safe(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Move text that XML cannot carry into ASCII JSON, under the ``:json`` name.

    Returns ``data`` itself when nothing needs to move, which is nearly always.
    """
    import json  # noqa: PLC0415 - only for the rare text that needs it

    if not any(isinstance(v, str) and _XML_UNSAFE.search(v) for v in data.values()):
        return data
    out: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, str) and _XML_UNSAFE.search(value) is not None:
            if name.endswith(JSON_SUFFIX):
                # Already JSON: re-encoded as ASCII, which XML always carries.
                out[name] = json.dumps(json.loads(value), ensure_ascii=True, separators=(",", ":"))
            else:
                out[name + JSON_SUFFIX] = json.dumps(value, ensure_ascii=True)
        else:
            out[name] = value
    return out


def xml_label(text: str) -> str:
    """A display label XML can carry: characters it cannot are replaced (labels are not read)."""
    return _XML_UNSAFE.sub("\ufffd", text)


def label(node: object, data: Mapping[str, Any]) -> str:
    """The display label of a node: its name, or its key."""
    name = data.get("name")
    return name if isinstance(name, str) else str(node)
