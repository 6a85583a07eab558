"""The service catalogue: one declarative definition per service.

``CATALOGUE`` maps service code → :class:`ServiceDefinition` in the order S1–S8 (which
docs/SERVICES.md follows); :func:`get_service` looks one up; :func:`public_catalogue` is what
``GET /v1/services`` shows. The definitions themselves are data in
:mod:`registry.catalogue.services`; their shape and the term conventions ("0 working-days" =
the day of receipt) are in :mod:`registry.catalogue.model`.
"""

from __future__ import annotations

from registry.catalogue.model import (
    TERM_PATTERN,
    ApplicantKind,
    LocalizedText,
    PublicService,
    RefusalGround,
    Role,
    ServiceDefinition,
    SigningRole,
    Step,
    Term,
    public_service,
)
from registry.catalogue.services import DEFINITIONS

CATALOGUE: dict[str, ServiceDefinition] = {
    definition.code: definition for definition in DEFINITIONS
}


def get_service(code: str) -> ServiceDefinition | None:
    """The definition of service ``code``, or None if there is no such service."""
    return CATALOGUE.get(code)


def public_catalogue() -> list[PublicService]:
    """Every service's public view, in catalogue order."""
    return [public_service(definition) for definition in CATALOGUE.values()]


__all__ = [
    "CATALOGUE",
    "TERM_PATTERN",
    "ApplicantKind",
    "LocalizedText",
    "PublicService",
    "RefusalGround",
    "Role",
    "ServiceDefinition",
    "SigningRole",
    "Step",
    "Term",
    "get_service",
    "public_catalogue",
    "public_service",
]
