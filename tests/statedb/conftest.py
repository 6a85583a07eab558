"""The in-process CLI fixture of the officer tests serves here too."""

from tests.officers.conftest import cli

__all__ = ["cli"]
