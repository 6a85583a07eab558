"""The officer roles as a type, so that Structs and OpenAPI list exactly the table's roles.

The model's tuple and its CHECK constraint (registry/models/officers.py) are built from this
type; migrations 0004 and 0019 keep their own frozen copies.
"""

from __future__ import annotations

from typing import Literal, get_args

# ``authority``: an officer of the authorised quality-control body, who decides the complaints
# addressed to it (registry/complaints/levels.py); not a provider's role, so no head manages it.
OfficerRole = Literal["clerk", "head", "unit_head", "executor", "signer", "authority"]

ALL_OFFICER_ROLES: tuple[OfficerRole, ...] = get_args(OfficerRole)

# In an account's service or office list: every service / every office (registry.officers.scope).
ALL = "*"
