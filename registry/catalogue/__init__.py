"""The shape of a service's catalogue entry, shared by every domain.

A service's definition (statuses, steps, terms, refusal grounds, the state machine) lives in
its domain package; :mod:`registry.domains` puts them together as ``CATALOGUE``. Their shape
and the term conventions ("0 working-days" = the day of receipt) are in
:mod:`registry.catalogue.model`, the statuses every flow shares in
:mod:`registry.catalogue.flows`.
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

__all__ = [
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
    "public_service",
]
