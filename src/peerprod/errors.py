"""The exceptions peerprod raises.

Every exception derives from :class:`PeerprodError`, so one ``except`` clause
catches them all, and from the builtin that best describes the failure
(:class:`ValueError` for bad input), so code written against plain Python
keeps working. Errors about documents and ecosystems carry every problem found,
each with its location, instead of stopping at the first one.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Self

__all__ = [
    "DocumentTooLarge",
    "GraphTooLarge",
    "IntegrityError",
    "InvalidDocument",
    "InvalidGraph",
    "InvalidValue",
    "LicenseError",
    "PeerprodError",
    "Problem",
    "ProblemsError",
    "RenderError",
    "UnknownFormat",
    "UnsupportedVersion",
    "UnwritableDocument",
]


class PeerprodError(Exception):
    """The root of every exception peerprod raises on purpose."""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a document or an ecosystem, and where it is.

    Example:
        >>> str(Problem(path="actors[3].kind", message="'corp' is not one of 'business', ..."))
        "actors[3].kind: 'corp' is not one of 'business', ..."
    """

    path: str
    """Where the problem is: a path into the document such as ``actors[3].kind``,
    a ``line N, column M`` position for syntax errors, or ``$`` for the whole."""
    message: str
    """What is wrong, naming the offending value where there is one."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidValue(PeerprodError, ValueError):
    """A single field of a domain value was given a value it cannot hold.

    Raised by the validators of the domain classes at construction.

    Example:
        >>> from peerprod import Actor, ActorKind
        >>> Actor(id="", kind=ActorKind.COMMUNITY, name="x")
        Traceback (most recent call last):
        ...
        peerprod.errors.InvalidValue: id: must be a non-empty identifier ..., got ''
    """

    def __init__(self, field: str, value: object, message: str) -> None:
        self.field = field
        """The name of the offending field."""
        self.value = value
        """The value that was rejected, exactly as given."""
        self.message = message
        """What is wrong with it."""
        shown = value.value if isinstance(value, enum.Enum) else value
        super().__init__(f"{field}: {message}, got {shown!r}")


class ProblemsError(PeerprodError, ValueError):
    """Base of the errors that report several located problems at once."""

    def __init__(self, summary: str, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        """Every problem found, in document order."""
        self.summary = summary
        """A one-line description of what failed."""
        super().__init__(self._message())

    def _message(self) -> str:
        count = len(self.problems)
        lines = [f"{self.summary} ({count} problem{'s' * (count != 1)}):"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)

    def within(self, source: str) -> Self:
        """The same error, with every problem located in ``source`` (a file name, say).

        Example:
            >>> error = InvalidDocument("invalid peerprod document",
            ...                         [Problem(path="actors[0].kind", message="unknown")])
            >>> print(error.within("eco.toml"))
            invalid peerprod document in eco.toml (1 problem):
              eco.toml: actors[0].kind: unknown
        """
        located = type(self).__new__(type(self))
        located.__dict__.update(self.__dict__)
        located.problems = tuple(
            Problem(path=f"{source}: {p.path}", message=p.message) for p in self.problems
        )
        located.summary = f"{self.summary} in {source}"
        located.args = (located._message(),)
        return located


class IntegrityError(ProblemsError):
    """An :class:`~peerprod.Ecosystem` whose parts do not fit together.

    Raised at construction when ids are duplicated or a reference names an id
    that does not exist or has the wrong kind. Lists every such problem.
    """


class InvalidDocument(ProblemsError):
    """A peerprod document (a dict, JSON or TOML text) that cannot be loaded.

    Lists every problem with its path in the document, for example
    ``actors[3].kind: 'corp' is not one of 'community', ...``.
    """


class UnsupportedVersion(InvalidDocument):
    """A document written for a format version this peerprod cannot read."""


class DocumentTooLarge(InvalidDocument):
    """A document over one of the loader's limits, refused before the work the limit protects.

    Too many bytes or entities, nesting too deep, or a number with too many
    digits (see :class:`peerprod.documents.Limits`). Pass larger limits to load a
    document you trust.

    Example:
        >>> from peerprod import documents
        >>> try:
        ...     documents.loads_json("[" * 100 + "]" * 100)
        ... except DocumentTooLarge as exc:
        ...     print(exc.limit, exc.allowed)
        max_depth 32
    """

    def __init__(self, problem: Problem, *, limit: str, allowed: int) -> None:
        self.limit = limit
        """The name of the :class:`~peerprod.documents.Limits` field that was exceeded."""
        self.allowed = allowed
        """The value of that limit."""
        super().__init__("document over a limit", [problem])


class UnwritableDocument(ProblemsError):
    """An ecosystem that cannot be written where asked.

    Its text is not valid Unicode (a name holding a lone surrogate, which no
    file encoding can hold), or the file name has no known suffix. Nothing is
    written: a file already there keeps its content.
    """


class LicenseError(PeerprodError, ValueError):
    """A license expression that cannot be read, or that names terms peerprod cannot classify.

    Raised by :func:`~peerprod.licenses.classify_license` for text that is not an SPDX
    license expression, and by :meth:`License.from_spdx <peerprod.licenses.License.from_spdx>`
    when the expression does not settle one kind. It carries the expression, what is wrong,
    where (a 0-based character offset, when there is one) and close matches for an unknown id.

    Example:
        >>> from peerprod.licenses import classify_license
        >>> classify_license("MIT / Apache-2.0")
        Traceback (most recent call last):
        ...
        peerprod.errors.LicenseError: license expression 'MIT / Apache-2.0': unexpected character '/' at position 4
    """  # noqa: E501

    def __init__(
        self,
        expression: str,
        detail: str,
        *,
        position: int | None = None,
        suggestions: Iterable[str] = (),
    ) -> None:
        self.expression = expression
        """The expression, exactly as given."""
        self.detail = detail
        """What is wrong with it."""
        self.position = position
        """The 0-based character offset of the problem in :attr:`expression`, if there is one."""
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        """Known license ids close to an unknown one, best first."""
        shown = expression if len(expression) <= 60 else expression[:57] + "..."
        message = f"license expression {shown!r}: {detail}"
        if position is not None:
            message += f" at position {position}"
        if self.suggestions:
            message += f" (did you mean {' or '.join(repr(s) for s in self.suggestions)}?)"
        super().__init__(message)


class InvalidGraph(ProblemsError):
    """A graph, or a graph file, that does not describe a peerprod ecosystem.

    Raised by :func:`peerprod.graphs.from_graph` and the readers of
    :mod:`peerprod.graphs`. Lists every problem with the graph attribute,
    node or edge it concerns, for example
    ``edges['ibm', 'eclipse', 'member_of'].weight: expected a number, got 'x'``.
    """


class GraphTooLarge(InvalidGraph):
    """A graph file larger than the reader's size limit, refused before it is parsed."""

    def __init__(self, source: str, size: int, limit: int) -> None:
        self.size = size
        """The size of the input in bytes (at least, for a stream that was cut off)."""
        self.limit = limit
        """The limit in bytes that it exceeds."""
        message = (
            f"{size} bytes exceed the limit of {limit} bytes; "
            "pass a larger max_bytes if you trust this file"
        )
        super().__init__("graph file too large", [Problem(path=source, message=message)])


class UnknownFormat(PeerprodError, ValueError):
    """A graph file format that peerprod does not know, or cannot do what was asked with.

    Raised when a format name is unknown, a file's suffix names no format, or a
    format is asked to read although it can only be written (DOT, Mermaid, pictures).

    Example:
        >>> from peerprod.graphs.formats import format_for
        >>> format_for("ecosystem.txt")
        Traceback (most recent call last):
        ...
        peerprod.errors.UnknownFormat: ecosystem.txt: cannot tell the format from the suffix '.txt'; graph files end in .graphml, .gexf, .json, ...
    """  # noqa: E501

    def __init__(self, asked: str, message: str, *, known: Iterable[str] = ()) -> None:
        self.asked = asked
        """What was asked for: a format name, a suffix, or a file name."""
        self.known: tuple[str, ...] = tuple(known)
        """What would have been accepted in its place."""
        super().__init__(message)


class RenderError(PeerprodError, RuntimeError):
    """A picture of an ecosystem could not be drawn.

    Graphviz ``dot`` is not installed, timed out, or reported an error; the
    message says which, with what ``dot`` printed.
    """
