"""peerprod documents: an ecosystem as plain data, JSON or TOML, and back.

A document is a table with a ``format`` version number and the fields of an
:class:`~peerprod.Ecosystem`; :mod:`~peerprod.documents.converter` holds the
one cattrs converter, :mod:`~peerprod.documents.io` the loaders and writers,
:mod:`~peerprod.documents.limits` what the loaders accept.
"""

from peerprod.documents.converter import REGISTRARS, Registrar, make_converter
from peerprod.documents.io import (
    FORMAT_VERSION,
    MAX_NESTING,
    MIGRATIONS,
    Migration,
    dump,
    dumps_json,
    dumps_toml,
    load,
    loads_json,
    loads_toml,
    read,
    write,
)
from peerprod.documents.limits import DEFAULT_LIMITS, Limits

__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT_VERSION",
    "MAX_NESTING",
    "MIGRATIONS",
    "REGISTRARS",
    "Limits",
    "Migration",
    "Registrar",
    "dump",
    "dumps_json",
    "dumps_toml",
    "load",
    "loads_json",
    "loads_toml",
    "make_converter",
    "read",
    "write",
]
