"""Who the fuzz run calls as: nobody, a partner, and one officer of each role.

Each identity is made the way an operator makes one, by the ``qaqpa`` command line against
the throw-away stack's database: ``qaqpa partners create`` for the partner's API key and
``qaqpa officers create`` for each officer's ``qo_`` token.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from registry.officers.roles import ALL_OFFICER_ROLES

QAQPA = str(Path(sys.executable).with_name("qaqpa"))
# A valid IIN (check digit right) for every officer account.
OFFICER_IIN = "800101300006"


@dataclass(frozen=True)
class Identity:
    name: str
    token: str | None  # the bearer token; None calls without authentication

    def headers(self) -> list[str]:
        return [] if self.token is None else ["-H", f"Authorization: Bearer {self.token}"]


def _qaqpa(env: Mapping[str, str], *args: str) -> dict[str, object]:
    done = subprocess.run(
        [QAQPA, *args], env=dict(env), capture_output=True, text=True, check=False, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(f"qaqpa {args[0]} {args[1]}: {done.stderr.strip()}")
    found = json.loads(done.stdout)
    if not isinstance(found, dict):
        raise RuntimeError(f"qaqpa {args[0]} {args[1]}: unexpected output")
    return found


def create_identities(env: Mapping[str, str]) -> list[Identity]:
    """Nobody, a partner with the scopes that need no agency or warehouse, each officer role."""
    partner = _qaqpa(env, "partners", "create", "fuzz", "--scopes", "submit,read,payments")
    found = [Identity("anonymous", None), Identity("partner", str(partner["api_key"]))]
    for role in ALL_OFFICER_ROLES:
        officer = _qaqpa(
            env,
            "officers",
            "create",
            "--role",
            role,
            "--iin",
            OFFICER_IIN,
            "--name",
            f"Fuzz {role}",
        )
        found.append(Identity(f"officer:{role}", str(officer["token"])))
    return found
