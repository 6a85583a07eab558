"""Exam tests reuse the workflow's officers and the in-process ``qaqpa`` runner."""

from __future__ import annotations

from tests.officers.conftest import cli
from tests.workflow.conftest import make_officer

__all__ = ["cli", "make_officer"]
