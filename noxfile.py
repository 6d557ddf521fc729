"""Task automation for peerprod: tests, lint, typecheck, docs, fuzzing and benchmarks.

``nox`` alone runs the default sessions: the tests on every supported Python that is
installed (nox skips the others and says so in its summary), then lint, typecheck and
docs on the Python that runs nox. CI (``.ci/run``) makes every version required with
``--error-on-missing-interpreters`` and also runs ``slow``, ``fuzz_ci`` and ``bench_ci``.

Every session that runs the library installs it as a built wheel, never from the source
tree, so a missing data file or ``py.typed`` fails here and not for users.
"""

from __future__ import annotations

import glob
import os

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "docs"]
nox.options.reuse_existing_virtualenvs = True
# A missing interpreter is skipped (nox reports it) unless CI is set in the environment
# or --error-on-missing-interpreters is given: nox's own default, kept on purpose.

PYTHONS = ["3.11", "3.12", "3.13"]


def _install_wheel(session: nox.Session, extras: str) -> None:
    wheel_dir = session.create_tmp()
    session.run("rm", "-rf", f"{wheel_dir}/dist", external=True)
    session.install("build")
    session.run("python", "-m", "build", "--wheel", "--outdir", f"{wheel_dir}/dist", ".")
    wheels = sorted(glob.glob(f"{wheel_dir}/dist/peerprod-*.whl"))
    session.install(f"{wheels[-1]}[{extras}]")


def _hypothesis(profile: str) -> dict[str, str]:
    return {"HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", profile)}


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite and the doctests with coverage, against the installed wheel.

    The property tests over whole ecosystems are left to the ``slow`` session.
    """
    _install_wheel(session, "test,numpy")
    session.run(
        "pytest",
        "--doctest-modules",
        "--pyargs",
        "peerprod",
        "tests",
        "-m",
        "not slow",
        "--cov=peerprod",
        "--cov-report=term-missing:skip-covered",
        "--cov-fail-under=95",
        *session.posargs,
        env=_hypothesis("ci"),
    )


@nox.session(python=None)
def slow(session: nox.Session) -> None:
    """Run the slow property tests: round trips and checks over whole ecosystems."""
    _install_wheel(session, "test,numpy")
    session.run("pytest", "tests", "-m", "slow", *session.posargs, env=_hypothesis("ci"))


@nox.session(python=None)
def fuzz(session: nox.Session) -> None:
    """Throw at least 10,000 hostile inputs at every loader and at the command line."""
    _install_wheel(session, "test")
    session.run("python", "-m", "tests.fuzz.run", "--inputs", "10000", *session.posargs)


@nox.session(python=None)
def fuzz_ci(session: nox.Session) -> None:
    """A small, seeded fuzz run: every target, a few hundred inputs, the same each time."""
    _install_wheel(session, "test")
    session.run(
        "python", "-m", "tests.fuzz.run", "--inputs", "300", "--seed", "0", *session.posargs
    )


@nox.session(python=None)
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=None)
def typecheck(session: nox.Session) -> None:
    """Type-check src, tests, benchmarks and this file with mypy --strict."""
    session.install("-e", ".[test,numpy]", "mypy>=1.11", "nox>=2024.4")
    session.run("mypy", "--strict")


@nox.session(python=None)
def docs(session: nox.Session) -> None:
    """Build the Sphinx documentation with warnings as errors, and run its doctests."""
    _install_wheel(session, "docs,test")
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "doctest", "docs", "docs/_build/doctest"
    )


@nox.session(python=None)
def bench(session: nox.Session) -> None:
    """Run the benchmarks and print time, peak memory and ratios."""
    _install_wheel(session, "bench")
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session(python=None)
def bench_ci(session: nox.Session) -> None:
    """Every benchmark at small sizes, as CI runs them, so that none of them can rot.

    Small sizes on a shared machine give noisy ratios: this session fails only when a
    benchmark does not run or finds a wrong result; ``nox -s bench`` is the measure.
    """
    _install_wheel(session, "bench")
    session.run("python", "benchmarks/run.py", "--quick", *session.posargs)
