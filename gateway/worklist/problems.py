"""Workflow errors as problem responses (the error's ``code`` is the problem's)."""

from __future__ import annotations

from gateway.problems import Problem
from registry.workflow.errors import WorkflowError


def problem_from(error: WorkflowError) -> Problem:
    extra = {key: value for key, value in error.extra.items() if value is not None}
    return Problem(error.status, error.code, error.detail, extra=extra or None)
