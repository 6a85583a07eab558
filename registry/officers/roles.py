"""The officer roles as a type, so that Structs and OpenAPI list exactly the table's roles.

:data:`registry.models.officers.OFFICER_ROLES` (the CHECK constraint) and this type must name
the same roles; a test holds them together.
"""

from __future__ import annotations

from typing import Literal

OfficerRole = Literal["clerk", "head", "unit_head", "executor", "signer"]

ALL_OFFICER_ROLES: tuple[OfficerRole, ...] = ("clerk", "head", "unit_head", "executor", "signer")
