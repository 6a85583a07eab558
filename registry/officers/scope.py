"""What an officer account works on: the services it names and, for customs, the offices.

An executor of the precious-metals unit must not see, claim or decide a re-export task, and a
customs officer of one office must not decide another office's declarations. Each account
therefore lists service codes (the catalogue's) and customs office codes.

``*`` (:data:`ALL`) is an explicit "every service" / "every office": accounts created before
scoping existed got it from the migration and ``qaqpa officers create`` writes it when no
``--services`` is given, so nothing that worked stops working. An empty list grants nothing:
"all" is never inferred from the absence of an entry, so a mistake fails closed.

Office codes match as prefixes: customs office codes are hierarchical (a customs house's code
begins the codes of its posts), so ``50010`` covers ``50010100`` and ``50010200``. Offices
only narrow the services whose form names an office (``Service.office_field``: customs
declarations); other services have no office.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, false, or_, true
from sqlalchemy.orm import InstrumentedAttribute

from registry.errors import DomainError, Kind
from registry.officers.roles import ALL
from registry.workflow.actors import OfficerIdentity
from registry.workflow.services import installed

OFFICE_CODE = re.compile(r"^\d{2,8}$")


class InvalidScopeError(DomainError):
    """An unknown service code or a malformed office code."""

    code = "invalid_scope"
    kind = Kind.INVALID


class ScopedOfficer(Protocol):
    """An officer with its scope (the model row, or the gateway's authenticated view)."""

    @property
    def services(self) -> Sequence[str]: ...
    @property
    def offices(self) -> Sequence[str]: ...


class TaskOfficer(OfficerIdentity, ScopedOfficer, Protocol):
    """An officer acting on tasks: who they are (for the events and decisions) and the scope
    of their account (which tasks they see)."""


def parse_services(text: str, known: Sequence[str]) -> list[str]:
    """``all`` (or ``*``) or comma-separated service codes among ``known``, validated."""
    codes = [code.strip() for code in text.split(",") if code.strip()]
    if codes in (["all"], [ALL]):
        return [ALL]
    unknown = sorted(set(codes) - set(known))
    if unknown or not codes:
        raise InvalidScopeError(
            f"unknown services {unknown}; give 'all' or codes from: {', '.join(known)}"
        )
    return sorted(set(codes))


def parse_offices(text: str) -> list[str]:
    """``all`` (or ``*``) or comma-separated customs office codes (2-8 digit prefixes)."""
    codes = [code.strip() for code in text.split(",") if code.strip()]
    if codes in (["all"], [ALL]):
        return [ALL]
    bad = sorted(code for code in codes if not OFFICE_CODE.fullmatch(code))
    if bad or not codes:
        raise InvalidScopeError(f"office codes are 2-8 digits (a prefix covers its posts): {bad}")
    return sorted(set(codes))


def _office_fields() -> dict[str, str]:
    """Service code → the form field naming its office, for the services offices narrow."""
    return {
        code: service.office_field
        for code, service in installed().items()
        if service.office_field is not None
    }


def _office_of(form: dict[str, Any] | None, field: str) -> str | None:
    value = (form or {}).get(field)
    return value if isinstance(value, str) else None


def covers(officer: ScopedOfficer, service: str, form: dict[str, Any] | None) -> bool:
    """May ``officer`` work on an application of ``service`` with this ``form``?"""
    if ALL not in officer.services and service not in officer.services:
        return False
    field = _office_fields().get(service)
    if field is None or ALL in officer.offices:
        return True
    office = _office_of(form, field)
    return office is not None and any(office.startswith(code) for code in officer.offices)


def scope_clause(
    officer: ScopedOfficer,
    service: InstrumentedAttribute[str],
    form: InstrumentedAttribute[dict[str, Any]],
) -> ColumnElement[bool]:
    """The SQL form of :func:`covers`, over an application's service and form columns."""
    by_service: ColumnElement[bool] = (
        true() if ALL in officer.services else service.in_(list(officer.services))
    )
    if ALL in officer.offices:
        return by_service
    fields = _office_fields()
    by_office = [
        and_(
            service == code,
            or_(false(), *(form[field].astext.startswith(prefix) for prefix in officer.offices)),
        )
        for code, field in fields.items()
    ]
    return and_(by_service, or_(service.not_in(list(fields)), *by_office))
