"""Every code a response can carry has kk, ru and en titles, and every title has a user.

The codes come from three places: the domain errors (every ``DomainError`` subclass, found by
importing all of ``registry``), the gateway's own ``Problem(...)`` raises (string literals, read
from the source with ``ast``) and the signing verdicts the verification problems carry.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import gateway
import registry
from gateway.problem_titles import LANGUAGES, TITLES
from gateway.problems import KIND_STATUSES, STATUS_CODES
from registry.errors import DomainError, Kind
from signing.result import Code

# What builds a problem in the gateway -> where its code is among the positional arguments
# (verification's ``_problem`` picks the status from the signing verdict it is given).
PROBLEM_BUILDERS = {"Problem": 1, "LocalizedProblem": 1, "_problem": 0}

# In TITLES though nothing raises it: the code of the former workflow errors' base class, never
# raised itself. Codes are a contract (never renamed or removed), so it stays listed here.
UNUSED_CONTRACT_CODES = {"workflow_error"}


def _domain_errors() -> list[type[DomainError]]:
    for module in pkgutil.walk_packages(registry.__path__, "registry."):
        importlib.import_module(module.name)
    found: list[type[DomainError]] = []
    pending = [DomainError]
    while pending:
        for subclass in pending.pop().__subclasses__():
            found.append(subclass)
            pending.append(subclass)
    return found


DOMAIN_ERRORS = _domain_errors()


def _problem_literals() -> set[str]:
    """The string codes passed to the problem builders in the gateway's source."""
    codes: set[str] = set()
    for path in Path(gateway.__path__[0]).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if isinstance(node.func, ast.Attribute):
                name = node.func.attr
            if name not in PROBLEM_BUILDERS:
                continue
            position = PROBLEM_BUILDERS[name]
            arguments = node.args[position : position + 1]
            arguments += [keyword.value for keyword in node.keywords if keyword.arg == "code"]
            codes |= {
                argument.value
                for argument in arguments
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
            }
    return codes


def _signing_verdicts() -> set[str]:
    return {code.value for code in Code if code is not Code.OK}


def test_the_walk_finds_the_domain_errors() -> None:
    names = {error.__name__ for error in DOMAIN_ERRORS}
    assert {"InvalidTransitionError", "CalendarError", "FormInvalidError"} <= names
    assert len(DOMAIN_ERRORS) > 40


@pytest.mark.parametrize("error", DOMAIN_ERRORS, ids=lambda error: error.__name__)
def test_every_domain_error_has_a_code_a_kind_and_titles(error: type[DomainError]) -> None:
    if not hasattr(error, "code"):  # a group's base (FormError): its subclasses have codes
        assert error.__subclasses__(), f"{error.__name__} has no code"
        return
    assert isinstance(error.kind, Kind)
    titles = TITLES.get(error.code, {})
    assert all(titles.get(language) for language in LANGUAGES), error.code


def test_every_kind_has_a_status() -> None:
    assert set(KIND_STATUSES) == set(Kind)


def test_every_code_the_gateway_raises_has_titles() -> None:
    raised = _problem_literals()
    assert {"not_ready", "document_unreadable", "no_signing_authority"} <= raised
    for code in raised | set(STATUS_CODES.values()) | _signing_verdicts():
        titles = TITLES.get(code, {})
        assert all(titles.get(language) for language in LANGUAGES), code


def test_every_title_has_a_user() -> None:
    used = (
        {error.code for error in DOMAIN_ERRORS if hasattr(error, "code")}
        | _problem_literals()
        | set(STATUS_CODES.values())
        | _signing_verdicts()
    )
    assert set(TITLES) - used == UNUSED_CONTRACT_CODES
