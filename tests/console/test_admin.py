"""Heads' pages: officers of their unit made from a certificate, deactivated; overdue steps."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Officer
from testkit.pki.server import BuiltPki
from tests.console.conftest import ProviderOfficer, RegisteredS8, iin_of, make_overdue
from tests.console.test_pages import _session

Client = AsyncTestClient[Litestar]
SERVICE = "reexport-permit"


def _upload(pki: BuiltPki, label: str, **fields: Any) -> dict[str, Any]:
    return {
        "files": {"certificate": (f"{label}.pem", pki.cert_path(label).read_bytes())},
        "data": {"role": "executor", **fields},
    }


async def test_a_head_creates_an_officer_from_the_certificate_and_deactivates_them(
    client: Client,
    pki: BuiltPki,
    provider_officer: ProviderOfficer,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await provider_officer("provider-head-auth", role="head", services=(SERVICE,))
    # The executor's earlier accounts are revoked, so the new one is the person's only one.
    async with sessions() as session, session.begin():
        await session.execute(
            update(Officer)
            .where(Officer.iin == iin_of("provider-executor-auth"), Officer.revoked_at.is_(None))
            .values(revoked_at=Officer.created_at)
        )
    login = await _session(client, pki, "provider-head-auth")
    csrf = {"X-CSRF-Token": login["csrf"]}

    page = await client.get("/officer/admin/officers")
    assert page.status_code == 200 and 'id="officer-form"' in page.text
    created = await client.post(
        "/officer/admin/officers", headers=csrf, **_upload(pki, "provider-executor")
    )
    assert created.status_code == 201, created.text
    officer = created.json()
    assert officer["iin"] == iin_of("provider-executor-auth")  # read from the certificate
    assert officer["name"] == "ОРЫНДАУШЫ ӘСЕЛ" and officer["services"] == [SERVICE]

    revoked = await client.post(
        "/officer/admin/officers", headers=csrf, **_upload(pki, "provider-revoked")
    )
    assert revoked.status_code == 422 and revoked.json()["verdict"] == "revoked"
    garbage = await client.post(
        "/officer/admin/officers",
        headers=csrf,
        files={"certificate": ("x.pem", b"not a certificate")},
        data={"role": "executor"},
    )
    assert garbage.status_code == 422 and garbage.json()["code"] == "officer_certificate_unreadable"
    peer = await client.post(
        "/officer/admin/officers", headers=csrf, **_upload(pki, "provider-executor", role="head")
    )
    assert peer.status_code == 403
    wider = await client.post(
        "/officer/admin/officers",
        headers=csrf,
        **_upload(pki, "provider-executor", services="customs-release"),
    )
    assert wider.status_code == 422 and wider.json()["code"] == "invalid_scope"
    no_csrf = await client.post("/officer/admin/officers", **_upload(pki, "provider-executor"))
    assert no_csrf.status_code == 403 and no_csrf.json()["code"] == "csrf_failed"

    listed = await client.get("/officer/admin/officers")
    assert f'data-officer="{officer["id"]}"' in listed.text
    out = await client.post(f"/officer/admin/officers/{officer['id']}/deactivate", headers=csrf)
    assert out.status_code == 200 and out.json()["revoked_at"]
    again = await client.post(f"/officer/admin/officers/{officer['id']}/deactivate", headers=csrf)
    assert again.status_code == 404 and again.json()["code"] == "officer_not_found"
    client.cookies.clear()


async def test_executors_may_not_open_admin_pages_and_heads_see_overdue_counts(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    provider_officer: ProviderOfficer,
    registered_s8: RegisteredS8,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    late = await registered_s8(await make_partner())
    await make_overdue(sessions, late, timedelta(days=2))
    await provider_officer("provider-executor-auth", services=(SERVICE,))
    await _session(client, pki, "provider-executor-auth")
    assert (await client.get("/officer/admin/overdue")).status_code == 403
    client.cookies.clear()
    await provider_officer("provider-head-auth", role="head", services=(SERVICE,))
    await _session(client, pki, "provider-head-auth")
    page = await client.get("/officer/admin/overdue")
    assert page.status_code == 200
    assert f'data-service="{SERVICE}" data-step="completeness_check"' in page.text
    client.cookies.clear()
