"""Sphinx configuration for the peerprod documentation.

Build with warnings as errors, as CI does::

    sphinx-build -W --keep-going -b html docs docs/_build/html
    sphinx-build -W --keep-going -b doctest docs docs/_build/doctest

Tables, pictures, API pages and command output are generated from the installed
peerprod at build time by the local extension in ``_ext/peerprod_docs.py``.
Pictures need Graphviz's ``dot`` on the PATH.
"""

from __future__ import annotations

import sys
from pathlib import Path

import peerprod

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "peerprod"
author = "The peerprod developers"
copyright = "the peerprod developers"
release = peerprod.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "sphinx.ext.graphviz",
    "myst_parser",
    "peerprod_docs",
]

source_suffix = {".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []
default_role = "any"
nitpicky = False

# -- autodoc and napoleon ----------------------------------------------------------------------

autodoc_default_options = {
    "members": True,
    "member-order": "bysource",
    "show-inheritance": True,
}
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
python_maximum_signature_line_length = 88
python_use_unqualified_type_names = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_include_init_with_doc = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

# -- doctest ------------------------------------------------------------------------------------

# Docstring examples are run by pytest in their modules; the extension shows them
# without running them again. The pages' own examples run here.
doctest_default_flags = (
    __import__("doctest").ELLIPSIS
    | __import__("doctest").NORMALIZE_WHITESPACE
    | __import__("doctest").DONT_ACCEPT_TRUE_FOR_1
)
doctest_global_setup = f"""
import contextlib as _contextlib
import os as _os
import shutil as _shutil
import tempfile as _tempfile
from pathlib import Path as _Path

_DOCS = _Path({str(DOCS)!r})
_HOME = _Path.cwd()


def _enter_copy_of(folder=None):
    # Examples write files: they run in a scratch copy of their folder, never in docs/.
    scratch = _Path(_tempfile.mkdtemp(prefix="peerprod-doctest-"))
    if folder is not None:
        _shutil.copytree(_DOCS / folder, scratch, dirs_exist_ok=True)
    _os.chdir(scratch)
    return scratch


def _leave_copy(scratch):
    _os.chdir(_HOME)
    _shutil.rmtree(scratch, ignore_errors=True)
"""

# -- pictures -----------------------------------------------------------------------------------

graphviz_output_format = "svg"

# -- myst (the changelog is Markdown) ------------------------------------------------------------

myst_heading_anchors = 2

# -- HTML ---------------------------------------------------------------------------------------

html_theme = "alabaster"
html_title = f"peerprod {release}"
html_static_path = ["_static"]
html_css_files = ["peerprod.css"]
html_theme_options = {
    "description": "Who really holds control? Peer production after Michel Bauwens, as data.",
    "fixed_sidebar": True,
    "show_relbars": True,
    "page_width": "1180px",
    "body_max_width": "none",
}
