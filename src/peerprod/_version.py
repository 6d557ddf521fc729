"""The single source of peerprod's version number."""

__version__ = "0.1.0.dev0"
