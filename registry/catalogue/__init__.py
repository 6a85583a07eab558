"""The shape of a service's catalogue entry, shared by every domain.

A service's definition (statuses, steps, terms, refusal grounds, the state machine) lives in
its domain package; :mod:`registry.domains` puts them together as ``CATALOGUE``. Their shape
and the term conventions ("0 working-days" = the day of receipt) are in
:mod:`registry.catalogue.model`, the statuses every flow shares in
:mod:`registry.catalogue.flow`.

Kazakh texts of the entries are taken from the seed regulations (000–004); Russian and English
are translations kept close to the official wording. Where a seed is silent (the customs
Standard's release term, S1–S7 refusal grounds beyond the regulation's conditions) the
``term_note`` or the ground's text says what the entry rests on.
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
