"""``qaqpa partners create|revoke``: each prints one JSON object."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TypeVar

import click
from sqlalchemy.ext.asyncio import AsyncSession

from registry.cli_support import print_json, print_revocation
from registry.db import run_in_session
from registry.partners.repository import (
    MAX_WAREHOUSE_CODE,
    SCOPES,
    create_partner,
    revoke_partner,
)

T = TypeVar("T")


@click.group()
def partners() -> None:
    """Partner portals and their API keys."""


@partners.command("create")
@click.argument("name")
@click.option(
    "--scopes",
    default="submit,read",
    show_default=True,
    help=f"Comma-separated, from: {', '.join(SCOPES)}.",
)
@click.option(
    "--agency",
    "agency_code",
    metavar="CODE",
    default=None,
    help="The body an agency partner speaks for (required with the agency scope).",
)
@click.option(
    "--warehouse", metavar="CODE", help="Scope warehouse: its register number (S1 box 30)."
)
def create(name: str, scopes: str, agency_code: str | None, warehouse: str | None) -> None:
    """Create a partner; its API key is printed once and stored only hashed."""
    wanted = [scope.strip() for scope in scopes.split(",") if scope.strip()]
    unknown = sorted(set(wanted) - set(SCOPES))
    if unknown or not wanted:
        raise click.BadParameter(f"choose from {', '.join(SCOPES)}", param_hint="--scopes")
    if warehouse is not None and not 1 <= len(warehouse) <= MAX_WAREHOUSE_CODE:
        raise click.BadParameter(f"1 to {MAX_WAREHOUSE_CODE} characters", param_hint="--warehouse")
    if ("agency" in wanted) != (agency_code is not None):
        raise click.BadParameter(
            "give --agency CODE exactly with the agency scope", param_hint="--agency"
        )

    async def work(session: AsyncSession) -> dict[str, object]:
        partner, api_key = await create_partner(
            session, name, wanted, agency_code=agency_code, warehouse=warehouse
        )
        created: dict[str, object] = {
            "id": str(partner.id),
            "name": name,
            "scopes": partner.scopes,
            "agency_code": partner.agency_code,
            "api_key": api_key,
        }
        if warehouse is not None:
            created["warehouse"] = warehouse
        return created

    try:
        created = run_in_session(work)
    except ValueError as exc:  # a malformed or taken agency code
        raise click.BadParameter(str(exc), param_hint="--agency") from exc
    print_json(created)


@partners.command("revoke")
@click.argument("partner_id", type=click.UUID)
def revoke(partner_id: uuid.UUID) -> None:
    """Revoke a partner's API key (it stops working within the auth cache's lifetime)."""

    async def work(session: AsyncSession) -> datetime | None:
        return await revoke_partner(session, partner_id)

    print_revocation("partner", partner_id, run_in_session(work))
