"""``qaqpa officers create|revoke|list``: each prints one JSON object on stdout.

``create`` prints ``{"id", "role", "iin", "name", "services", "offices", "token"}`` and nothing
else on stdout: other tools parse it. The token is shown this once; the database keeps only
its SHA-256.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import click
from sqlalchemy.ext.asyncio import AsyncSession

from registry.cli_support import print_json, print_revocation
from registry.db import run_in_session
from registry.models import Officer
from registry.models.officers import OFFICER_ROLES
from registry.officers.repository import (
    InvalidOfficerError,
    create_officer,
    list_officers,
    revoke_officer,
    validate_officer,
)
from registry.officers.scope import InvalidScopeError, parse_offices, parse_services
from registry.settings import load_settings
from registry.workflow.services import installed

_ROLE = click.Choice(OFFICER_ROLES)


@click.group()
def officers() -> None:
    """Officers of the provider and their access tokens."""


@officers.command("create")
@click.option("--role", required=True, type=_ROLE, help="The account's one role.")
@click.option("--iin", required=True, metavar="N", help="The officer's IIN (12 digits).")
@click.option("--name", required=True, help="Full name, as on the officer's certificate.")
# "all" is written out rather than implied by an empty list: omitting the option keeps the
# behaviour accounts had before scoping, and an empty scope in the table grants nothing.
@click.option(
    "--services",
    "services_text",
    default="all",
    show_default=True,
    help="Comma-separated service codes the account works on, or 'all'.",
)
@click.option(
    "--offices",
    "offices_text",
    default="all",
    show_default=True,
    help="Customs office codes (2-8 digit prefixes) for customs-release, or 'all'.",
)
def create(role: str, iin: str, name: str, services_text: str, offices_text: str) -> None:
    """Create an officer; its token is printed once and stored only hashed."""
    # QAQPA_TEST_PKI relaxes the IIN check exactly as it does for applicants.
    test_pki = load_settings().test_pki
    try:
        validate_officer(role, iin, name, test_pki=test_pki)
        services, offices = (
            parse_services(services_text, list(installed())),
            parse_offices(offices_text),
        )
    except (InvalidOfficerError, InvalidScopeError) as exc:
        raise click.UsageError(str(exc)) from exc

    async def work(session: AsyncSession) -> dict[str, object]:
        officer, token = await create_officer(
            session, role, iin, name, test_pki=test_pki, services=services, offices=offices
        )
        return _listed(officer, with_dates=False) | {"token": token}

    print_json(run_in_session(work))


@officers.command("revoke")
@click.argument("officer_id", type=click.UUID)
def revoke(officer_id: uuid.UUID) -> None:
    """Revoke an officer's token (it stops working within the gateway's auth cache lifetime)."""

    async def work(session: AsyncSession) -> datetime | None:
        return await revoke_officer(session, officer_id)

    print_revocation("officer", officer_id, run_in_session(work))


def _listed(officer: Officer, *, with_dates: bool = True) -> dict[str, object]:
    listed: dict[str, object] = {
        "id": str(officer.id),
        "role": officer.role,
        "iin": officer.iin,
        "name": officer.name,
        "services": officer.services,
        "offices": officer.offices,
    }
    if with_dates:
        listed |= {"created_at": officer.created_at, "revoked_at": officer.revoked_at}
    return listed


@officers.command("list")
@click.option("--role", type=_ROLE, help="Only officers of this role.")
@click.option("--all", "include_revoked", is_flag=True, help="Include revoked accounts.")
def list_(role: str | None, include_revoked: bool) -> None:
    """List officers as {"officers": [...]} (never their tokens, which are not stored)."""

    async def work(session: AsyncSession) -> list[dict[str, object]]:
        found = await list_officers(session, role, include_revoked=include_revoked)
        return [_listed(officer) for officer in found]

    print_json({"officers": run_in_session(work)})
