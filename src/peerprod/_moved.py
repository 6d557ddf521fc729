"""Old module paths, kept importable after the package was laid out by concept.

Until the layout by concept, every module sat in one flat folder
(``peerprod.ladder``, ``peerprod.graph_io``, ...). Code written against those
paths keeps working: importing one gives a module that hands on the names of
its new home (or homes) and warns once with a :class:`DeprecationWarning`
naming them. :data:`MOVED` is the one table of what went where.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["MOVED", "MOVED_NAMES", "install", "moved_names"]

MOVED: Final[dict[str, tuple[str, ...]]] = {
    "peerprod.actors": ("peerprod.model.actors",),
    "peerprod.arrangement": ("peerprod.model.arrangement",),
    "peerprod.commons": ("peerprod.model.commons",),
    "peerprod.ecosystem": ("peerprod.model.ecosystem",),
    "peerprod.funding": ("peerprod.model.funding",),
    "peerprod.governance": ("peerprod.model.governance", "peerprod.classify.coalitions"),
    "peerprod.graph": (
        "peerprod.graphs.convert",
        "peerprod.graphs.layout",
        "peerprod.graphs._compat",  # the old analyses, which also accept a graph
        "peerprod.analysis",
    ),
    "peerprod.graph_io": ("peerprod.graphs.formats",),
    "peerprod.ladder": (
        "peerprod.classify.ladder",
        "peerprod.classify.verdicts",
        "peerprod.classify.advice",
        "peerprod.classify.control",
        "peerprod.classify.batch",
    ),
    "peerprod.layers": ("peerprod.model.layers",),
    "peerprod.partner_state": ("peerprod.model.partner_state",),
    "peerprod.platform": ("peerprod.model.platform",),
    "peerprod.production": ("peerprod.classify.production", "peerprod.classify.verdicts"),
    "peerprod.serialization": ("peerprod.documents",),
}
"""Each old module path, and the modules that now hold its names, searched in order."""

MOVED_NAMES: Final[dict[str, dict[str, str]]] = {
    "peerprod": {
        "Relation": "peerprod.documents.migrate",
        "ValueCapture": "peerprod.documents.migrate",
    },
    "peerprod.licenses.expression": {
        "LicenseMapRow": "peerprod.licenses.mapping",
        "known_ids": "peerprod.licenses.mapping",
        "license_map_rows": "peerprod.licenses.mapping",
        "license_map_version": "peerprod.licenses.mapping",
    },
    "peerprod.licenses": {
        "TermsVerdict": "peerprod.classify.terms",
        "classify_terms": "peerprod.classify.terms",
    },
    "peerprod.classify.ladder": {
        "Advice": "peerprod.classify.advice",
        "Change": "peerprod.classify.advice",
        "RealityCheck": "peerprod.classify.verdicts",
        "Reason": "peerprod.classify.verdicts",
        "RungVerdict": "peerprod.classify.verdicts",
        "advise": "peerprod.classify.advice",
        "check_claim": "peerprod.classify.verdicts",
        "classify_encoded": "peerprod.classify.batch",
        "classify_rung": "peerprod.classify.verdicts",
        "classify_rungs": "peerprod.classify.batch",
        "control_index": "peerprod.classify.control",
        "control_terms": "peerprod.classify.control",
        "encode": "peerprod.classify.batch",
        "rung_of": "peerprod.classify.verdicts",
    },
    "peerprod.classify.production": {
        "ModelVerdict": "peerprod.classify.verdicts",
        "classify_model": "peerprod.classify.verdicts",
        "model_of": "peerprod.classify.verdicts",
    },
}
"""Names that left a module that still exists, and the module that holds each now."""


class _Forwarder(types.ModuleType):
    """A module whose names are looked up in the modules that now hold them."""

    def __init__(self, name: str, homes: Sequence[str]) -> None:
        super().__init__(name, f"Moved: see {', '.join(homes)}.")
        self._homes = tuple(homes)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        for home in self._homes:
            # The module's own names only: a name a home forwards in turn is found in
            # the home that holds it, without a second warning.
            found = vars(importlib.import_module(home))
            if name in found:
                return found[name]
        msg = f"module {self.__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)

    def __dir__(self) -> list[str]:
        names: set[str] = set()
        for home in self._homes:
            names.update(getattr(importlib.import_module(home), "__all__", ()))
        return sorted(names)


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        # Appended to sys.meta_path, so asked only after no real module was found.
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        homes = MOVED[spec.name]
        warnings.warn(
            f"{spec.name} has moved to {', '.join(homes)}; "
            "import from there, or from peerprod itself",
            DeprecationWarning,
            stacklevel=2,
        )
        return _Forwarder(spec.name, homes)

    def exec_module(self, module: types.ModuleType) -> None:
        pass


def _exported(name: str, value: object) -> bool:
    top = sys.modules.get("peerprod")
    return (
        top is not None and name in getattr(top, "__all__", ()) and (vars(top).get(name) is value)
    )


def moved_names(module_name: str) -> Callable[[str], object]:
    """A module ``__getattr__`` that finds the names that left ``module_name``, and warns.

    Example:
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     moved_names("peerprod.licenses")("classify_terms").__module__
        'peerprod.classify.terms'
    """
    moved = MOVED_NAMES.get(module_name, {})

    def find(name: str) -> object:
        home = moved.get(name)
        if home is None:
            msg = f"module {module_name!r} has no attribute {name!r}"
            raise AttributeError(msg)
        value = getattr(importlib.import_module(home), name)
        also = ", or from peerprod itself" if _exported(name, value) else ""
        warnings.warn(
            f"{module_name}.{name} has moved to {home}; import it from there{also}",
            DeprecationWarning,
            stacklevel=2,
        )
        return value

    return find


def install() -> None:
    """Make the old module paths importable (once; called by ``import peerprod``)."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.append(_Finder())
