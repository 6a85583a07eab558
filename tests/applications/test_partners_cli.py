"""`qaqpa partners create|revoke` (a contract): one JSON object; the key works, then stops."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from litestar import Litestar
from litestar.testing import AsyncTestClient

from registry.settings import Settings

QAQPA = str(Path(sys.executable).with_name("qaqpa"))


def _qaqpa(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QAQPA_DATABASE_URL": settings.database_url}
    return subprocess.run(
        [QAQPA, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


async def test_create_prints_a_working_key_and_revoke_ends_it(
    client: AsyncTestClient[Litestar], settings: Settings
) -> None:
    created = _qaqpa(settings, "partners", "create", "eGov portal", "--scopes", "read")
    assert created.returncode == 0, created.stderr
    partner = json.loads(created.stdout)
    assert set(partner) == {"id", "name", "scopes", "agency_code", "api_key"}
    assert partner["scopes"] == ["read"] and partner["agency_code"] is None
    headers = {"Authorization": f"Bearer {partner['api_key']}"}
    assert (await client.get("/v1/applications", headers=headers)).status_code == 200

    revoked = _qaqpa(settings, "partners", "revoke", partner["id"])
    assert revoked.returncode == 0, revoked.stderr
    assert json.loads(revoked.stdout)["id"] == partner["id"]
    again = _qaqpa(settings, "partners", "revoke", partner["id"])
    assert again.returncode == 1


def test_an_agency_partner_names_its_unique_agency_code(settings: Settings) -> None:
    code = f"cli-{uuid.uuid4().hex[:8]}"
    missing = _qaqpa(settings, "partners", "create", "knb", "--scopes", "agency")
    assert missing.returncode == 2 and "--agency" in missing.stderr
    stray = _qaqpa(settings, "partners", "create", "portal", "--agency", code)
    assert stray.returncode == 2  # a code only goes with the agency scope
    created = _qaqpa(settings, "partners", "create", "knb", "--scopes", "agency", "--agency", code)
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["agency_code"] == code
    taken = _qaqpa(settings, "partners", "create", "knb", "--scopes", "agency", "--agency", code)
    assert taken.returncode == 2 and "belongs to" in taken.stderr
    assert _qaqpa(settings, "partners", "revoke", json.loads(created.stdout)["id"]).returncode == 0
    successor = _qaqpa(
        settings, "partners", "create", "KNB", "--scopes", "agency", "--agency", code
    )
    assert successor.returncode == 0, successor.stderr  # revoking freed the code


def test_unknown_scope_is_a_usage_error(settings: Settings) -> None:
    result = _qaqpa(settings, "partners", "create", "x", "--scopes", "admin")
    assert result.returncode == 2
    assert "scopes" in result.stderr


async def test_a_revoked_key_is_refused_once_the_cache_expires(
    settings: Settings, pg_url: str
) -> None:
    from gateway.app import create_app

    created = json.loads(_qaqpa(settings, "partners", "create", "short-lived").stdout)
    _qaqpa(settings, "partners", "revoke", created["id"])
    # A fresh process (empty auth cache) sees the revocation at once.
    async with AsyncTestClient(app=create_app(settings)) as fresh:
        response = await fresh.get(
            "/v1/applications", headers={"Authorization": f"Bearer {created['api_key']}"}
        )
    assert response.status_code == 401
