"""Task automation for peerprod: tests, lint, typecheck, docs and benchmarks.

Every session installs the project as a built wheel, never from the source
tree, so a missing data file or ``py.typed`` fails here and not for users.
"""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "docs"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

PYTHONS = ["3.11", "3.12", "3.13"]


def _install_wheel(session: nox.Session, extras: str) -> None:
    wheel_dir = session.create_tmp()
    session.run("rm", "-rf", f"{wheel_dir}/dist", external=True)
    session.install("build")
    session.run("python", "-m", "build", "--wheel", "--outdir", f"{wheel_dir}/dist", ".")
    wheels = sorted(__import__("glob").glob(f"{wheel_dir}/dist/peerprod-*.whl"))
    session.install(f"{wheels[-1]}[{extras}]")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite with coverage against the installed wheel."""
    _install_wheel(session, "test,numpy")
    session.run(
        "pytest",
        "--doctest-modules",
        "--pyargs",
        "peerprod",
        "tests",
        "--cov=peerprod",
        "--cov-report=term-missing:skip-covered",
        "--cov-fail-under=95",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "ci"},
    )


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python="3.11")
def typecheck(session: nox.Session) -> None:
    """Type-check src, tests, benchmarks and this file with mypy --strict."""
    session.install("-e", ".[test,numpy]", "mypy>=1.11", "nox>=2024.4")
    session.run("mypy", "--strict")


@nox.session(python="3.11")
def docs(session: nox.Session) -> None:
    """Build the Sphinx documentation with warnings as errors, and run its doctests."""
    _install_wheel(session, "docs,test")
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "doctest", "docs", "docs/_build/doctest"
    )


@nox.session(python="3.11")
def bench(session: nox.Session) -> None:
    """Run the benchmarks and print time, peak memory and ratios."""
    _install_wheel(session, "bench")
    session.run("python", "benchmarks/run.py", *session.posargs)
