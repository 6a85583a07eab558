"""The officer roles as a type, so that Structs and OpenAPI list exactly the table's roles.

The model's tuple and its CHECK constraint (registry/models/officers.py) are built from this
type; migration 0004 keeps its own frozen copy.
"""

from __future__ import annotations

from typing import Literal, get_args

OfficerRole = Literal["clerk", "head", "unit_head", "executor", "signer", "authority"]

ALL_OFFICER_ROLES: tuple[OfficerRole, ...] = get_args(OfficerRole)

# In an account's service or office list: every service / every office (registry.officers.scope).
ALL = "*"
