"""Verdicts as JSON, by the documents' converter, from whatever fields the types have.

The verdict types are attrs classes; the converter writes each field, and each public
property after them (``met``, ``holds``, ``kind``...), so the JSON follows the types as
they change and is never written by hand. Enumerations are written by their wire value,
as in documents (a rung by its number).
"""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
import cattrs.gen

from peerprod.documents import make_converter

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["plain"]


def _properties(cls: type) -> list[str]:
    """The public properties of a class, base classes first, in the order written."""
    names: dict[str, None] = {}
    for klass in reversed(cls.__mro__):
        for name, member in vars(klass).items():
            if isinstance(member, property | functools.cached_property) and not name.startswith(
                "_"
            ):
                names[name] = None
    return list(names)


def _hook(cls: type, converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    fields: Callable[[Any], dict[str, Any]] = cattrs.gen.make_dict_unstructure_fn(
        cls, converter, _cattrs_omit_if_default=False
    )
    derived = _properties(cls)

    def unstructure(value: Any) -> dict[str, Any]:
        data: dict[str, Any] = fields(value)
        for name in derived:
            data[name] = converter.unstructure(getattr(value, name))
        return data

    return unstructure


@functools.cache
def _converter() -> cattrs.Converter:
    converter = make_converter()
    converter.register_unstructure_hook_factory(
        lambda cls: inspect.isclass(cls) and attrs.has(cls), lambda cls: _hook(cls, converter)
    )
    return converter


def plain(value: object) -> Any:
    """A verdict (or a tuple of them) as plain data for :func:`json.dumps`.

    Example:
        >>> from peerprod.classify.terms import classify_terms
        >>> from peerprod.licenses import ContributionTerms, classify_license
        >>> verdict = classify_terms(classify_license("MIT"), ContributionTerms.DCO)
        >>> data = plain(verdict)
        >>> data["kind"], data["sharecropping"]
        ('commons', False)
    """
    return _converter().unstructure(value)
