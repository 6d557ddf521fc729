"""XML in one streaming pass: reading safely for the GraphML and GEXF readers; escaping.

The readers do not build a tree of the document: expat calls a handler for each
element as it parses, and the handler builds the graph directly, so memory holds the
graph and a small window of the input, never the whole document twice over (networkx's
readers build an ElementTree first, which costs tens of times the file's size).

Safety does not depend on the parser's defaults: a document type declaration is
refused as soon as it starts, before any entity in it is read, so entities can
neither expand (the "billion laughs") nor load external files; without one, any
entity other than XML's five is an error. Elements nested deeper than ``max_depth``
are refused as they open.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final
from xml.parsers import expat

from peerprod.errors import InvalidGraph, Problem
from peerprod.graphs.formats._common import chunks, invalid

if TYPE_CHECKING:
    from peerprod.graphs.formats._common import Input

DTD_REFUSED: Final = (
    "refused a document type declaration: graph files need none, and they can expand "
    "entities or load external files"
)

MAX_PROBLEMS: Final = 100
"""Stop reading after this many problems: enough to show what is wrong."""


class Handler:
    """Builds something from the events of one document; subclasses say what.

    ``start``, ``end`` and ``text`` are given to expat as they are, so they do the
    least work they can. Problems are collected with their line and column.
    """

    kind = "XML"
    """The name of the format, for messages."""

    def __init__(self, *, max_depth: int, max_digits: int) -> None:
        self.max_depth = max_depth
        self.max_digits = max_digits
        self.depth = 0
        self.problems: list[Problem] = []
        self.parser: Any = None

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        raise NotImplementedError

    def end(self, tag: str) -> None:
        raise NotImplementedError

    def text(self, data: str) -> None:
        raise NotImplementedError

    def where(self) -> str:
        """The current position in the document, as problems name it."""
        parser = self.parser
        return f"line {parser.CurrentLineNumber}, column {parser.CurrentColumnNumber + 1}"

    def problem(self, message: str, path: str | None = None) -> None:
        self.problems.append(Problem(path=self.where() if path is None else path, message=message))
        if len(self.problems) >= MAX_PROBLEMS:
            self.fail()

    def too_deep(self) -> None:
        """Refuse the element that opens below ``max_depth``."""
        self.problems.append(
            Problem(path=self.where(), message=f"elements nest deeper than {self.max_depth}")
        )
        self.fail()

    def fail(self) -> None:
        raise InvalidGraph(f"invalid {self.kind}", self.problems)

    def whole(self, text: str, name: str) -> int | None:
        """``text`` as a whole number, or None after reporting why it is not one."""
        if len(text) > self.max_digits:
            digits = sum(c.isdigit() for c in text)
            if digits > self.max_digits:
                self.problem(
                    f"{name}: an integer of {digits} digits; the limit is {self.max_digits}"
                )
                return None
        try:
            return int(text)
        except ValueError:
            self.problem(f"{name}: expected a whole number, got {shown(text)}")
            return None

    def number(self, text: str, name: str) -> float | None:
        """``text`` as a float, or None after reporting why it is not one."""
        try:
            return float(text)
        except ValueError:
            self.problem(f"{name}: expected a number, got {shown(text)}")
            return None


_ATTRIBUTE_ESCAPES: Final = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#09;",
    }
)
_TEXT_ESCAPES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_PLAIN: Final = re.compile('[^&<>"\r\n\t]*')


def attribute(text: str) -> str:
    """``text`` escaped for an attribute value, as ElementTree escapes it."""
    if _PLAIN.fullmatch(text) is not None:
        return text
    return text.translate(_ATTRIBUTE_ESCAPES)


def escaped(text: str) -> str:
    """``text`` escaped for character data, as ElementTree escapes it."""
    if "&" in text or "<" in text or ">" in text:
        return text.translate(_TEXT_ESCAPES)
    return text


def shown(text: str) -> str:
    """``text`` for a message, cut short if it is long."""
    return repr(text) if len(text) <= 60 else repr(text[:57] + "...")


def parse(data: Input, handler: Handler, *, max_bytes: int | None) -> None:
    """Feed ``data`` to expat, driving ``handler``; raise at the end if it found problems.

    Raises:
        GraphTooLarge: ``data`` is larger than ``max_bytes``.
        InvalidGraph: the input is not well-formed XML, declares a document type,
            uses an encoding expat cannot read, nests too deeply, or ``handler``
            found problems.
    """
    kind = handler.kind
    # Text is encoded as UTF-8 by chunks(); the parser must not believe a declaration
    # that says otherwise.
    parser = expat.ParserCreate("utf-8" if isinstance(data, str) else None, "}")
    handler.parser = parser
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.text

    def refuse(*_args: object) -> None:
        raise invalid(kind, DTD_REFUSED)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        for block in chunks(data, max_bytes, kind):
            parser.Parse(block, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        message = expat.errors.messages.get(exc.code, str(exc))
        raise invalid(kind, message, f"line {exc.lineno}, column {exc.offset + 1}") from None
    except InvalidGraph:
        raise
    except (LookupError, ValueError) as exc:
        # An encoding the declaration names but Python does not know, or a multi-byte
        # encoding expat cannot read through Python's codecs.
        raise invalid(kind, f"cannot read the encoding: {exc}") from None
    finally:
        handler.parser = None
    if handler.problems:
        handler.fail()
