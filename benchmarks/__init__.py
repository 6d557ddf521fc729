"""peerprod's benchmarks, run by ``nox -s bench``."""
