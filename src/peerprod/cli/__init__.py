"""The peerprod command line.

Commands: ``cases``, ``classify``, ``check``, ``license``, ``graph`` and ``validate``.
"""

from peerprod.cli._app import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "main"]
