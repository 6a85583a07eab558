"""``qaqpa statedb add-person|add-entity|show``: the local state-database stand-in.

Each command prints one JSON object (``statedb seed``, which loads the test identities, is a
developer command: :mod:`testkit.cli`). ``add-*`` add a record or replace the one under the
same number, which is also how an operator marks an entity liquidated or a person deceased.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from registry.cli_support import print_json
from registry.db import run_in_session
from registry.models import StateLegalEntity, StatePerson
from registry.models.statedb import ENTITY_STATUSES, PERSON_STATUSES
from registry.settings import load_settings
from registry.statedb.model import LegalEntity, Person
from registry.statedb.records import entity_from_row, person_from_row, put_entity, put_person
from signing import NumberCheck, check_bin, check_iin

R = TypeVar("R", Person, LegalEntity)


def _checked(number: str, kind: str) -> str:
    # QAQPA_TEST_PKI relaxes the check to "12 digits", as for applicants and officers.
    check = check_iin if kind == "IIN" else check_bin
    verdict = check(number, test_pki=load_settings().test_pki)
    if verdict is not NumberCheck.OK:
        raise click.BadParameter(f"not a valid {kind} ({verdict.value})", param_hint=kind.lower())
    return number


def _put(record: R, put: Callable[[AsyncSession, R], Awaitable[None]]) -> None:
    """Store ``record`` with ``put`` in one transaction and print it."""

    async def work(session: AsyncSession) -> None:
        await put(session, record)

    run_in_session(work)
    print_json(record)


@click.group()
def statedb() -> None:
    """The local state database of persons and legal entities."""


@statedb.command("add-person")
@click.option("--iin", required=True, metavar="N")
@click.option("--name", required=True, help="Full name.")
@click.option("--address", required=True, help="Registered address.")
@click.option("--status", type=click.Choice(PERSON_STATUSES), default="active", show_default=True)
def add_person(iin: str, name: str, address: str, status: str) -> None:
    """Add a person, or replace the one with this IIN."""
    fields = {"iin": _checked(iin, "IIN"), "name": name, "registered_address": address}
    _put(msgspec.convert({**fields, "status": status}, Person), put_person)


@statedb.command("add-entity")
@click.option("--bin", "bin_", required=True, metavar="N")
@click.option("--name", required=True, help="Registered name.")
@click.option("--address", required=True, help="Registered address.")
@click.option("--status", type=click.Choice(ENTITY_STATUSES), default="active", show_default=True)
def add_entity(bin_: str, name: str, address: str, status: str) -> None:
    """Add a legal entity, or replace the one with this BIN."""
    fields = {"bin": _checked(bin_, "BIN"), "name": name, "registered_address": address}
    _put(msgspec.convert({**fields, "status": status}, LegalEntity), put_entity)


@statedb.command("show")
@click.argument("number")
def show(number: str) -> None:
    """Print the person (by IIN) and legal entity (by BIN) registered under NUMBER."""

    async def work(session: AsyncSession) -> dict[str, object]:
        person = await session.get(StatePerson, number)
        entity = await session.get(StateLegalEntity, number)
        return {
            "person": None if person is None else person_from_row(person),
            "legal_entity": None if entity is None else entity_from_row(entity),
        }

    print_json(run_in_session(work))
