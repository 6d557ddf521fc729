"""What the JSON graph formats share: writing one item a line, and checking a document's shape."""

from __future__ import annotations

import json
import re
from json import encoder as _encoder
from typing import TYPE_CHECKING, Any, Final

from peerprod._convert import nesting_problem
from peerprod.errors import Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = ["encode", "escape_surrogates", "items", "shape_problems"]

_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _encoder_function() -> Callable[[object], str]:
    # One C encoder, made once and used for every item: json.dumps makes a new one per
    # call, which costs more than encoding a small table.
    make = getattr(_encoder, "c_make_encoder", None)
    basestring = getattr(_encoder, "c_encode_basestring", None)
    if make is None or basestring is None:  # pragma: no cover - not CPython
        return json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode

    def default(value: object) -> object:
        msg = f"Object of type {type(value).__name__} is not JSON serializable"
        raise TypeError(msg)

    # As json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")) makes it.
    items = make({}, default, basestring, None, ": ", ", ", False, False, True)

    def encode(value: object) -> str:
        return "".join(items(value, 0))

    return encode


encode: Final = _encoder_function()
"""Encode one value as compact JSON text (``", "`` and ``": "`` separators, not ASCII)."""


def items(
    head: Mapping[str, Any],
    lists: Iterable[tuple[str, Iterable[object]]],
    *,
    under: str | None = None,
) -> str:
    """A JSON object: ``head``'s members, then each named list with one item a line.

    The lists are members of the object, or of an object of their own named ``under``.
    The items are encoded one by one as they come, so no second copy of the graph's
    data is built; the text stays diff-friendly (one node or edge a line).
    """
    parts = ["{", encode(dict(head))[1:-1]]
    if under is not None:
        parts.append(f", {encode(under)}: {{")
    for index, (name, values) in enumerate(lists):
        encoded = [encode(value) for value in values]
        body = "\n" + ",\n".join(encoded) + "\n" if encoded else ""
        separator = "" if under is not None and index == 0 else ", "
        parts.append(f"{separator}{encode(name)}: [{body}]")
    parts.append("}}\n" if under is not None else "}\n")
    return escape_surrogates("".join(parts))


def escape_surrogates(text: str) -> str:
    r"""JSON text with any lone surrogate written as its ``\uXXXX`` escape.

    A lone surrogate is no character and UTF-8 cannot encode it; the escape reads
    back as the same string, and the text can be written to a file.
    """
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def shape_problems(
    data: object,
    lists: Mapping[str, Mapping[str, tuple[type, ...]]],
    *,
    max_depth: int,
    prefix: str = "",
    wrapped: bool = False,
) -> list[Problem]:
    """Check that ``data`` has the named lists of tables with the required keys.

    ``lists`` maps each list's name to the keys its tables must have and their types;
    a key whose types include ``type(None)`` may be missing. ``wrapped`` tables sit
    under a ``data`` key of each item, as in Cytoscape.js. Values nested deeper than
    ``max_depth`` (counting from the document) are refused.
    """
    if not isinstance(data, dict):
        return [Problem(path=prefix or "$", message="expected a JSON object")]
    problems: list[Problem] = []
    # Depth counts objects and arrays: the document, the list, the item (and its data).
    depth = 3 + prefix.count(".") + wrapped
    limit = max_depth - depth
    for name, required in lists.items():
        found = data.get(name, [])
        if not isinstance(found, list):
            problems.append(Problem(path=prefix + name, message="expected a list"))
            continue
        for index, item in enumerate(found):
            where = f"{prefix}{name}[{index}]"
            table = item.get("data") if wrapped and isinstance(item, dict) else item
            if not isinstance(table, dict):
                problems.append(Problem(path=where, message="expected a JSON object"))
                continue
            if limit < 0:
                message = f"nested deeper than {max_depth} levels"
                problems.append(Problem(path=where, message=message))
                return problems
            for key, kinds in required.items():
                value = table.get(key)
                if not isinstance(value, kinds) or isinstance(value, bool):
                    expected = " or ".join(k.__name__ for k in kinds if k is not type(None))
                    message = f"expected a {expected}"
                    problems.append(Problem(path=f"{where}.{key}", message=message))
            for key, value in table.items():
                if isinstance(value, dict | list):
                    deep = nesting_problem(value, limit)
                    if deep is not None:
                        message = f"nested deeper than {max_depth} levels"
                        problems.append(Problem(path=f"{where}.{key}", message=message))
    return problems
