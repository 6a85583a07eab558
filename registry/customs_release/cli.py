"""``qaqpa customs preferences list|add``: the box-36 classifier of preferences.

One JSON document on stdout each (a list for ``list``, the added code for ``add``); errors go
to stderr with exit 1, as ``qaqpa risk`` does.
"""

from __future__ import annotations

import click
from sqlalchemy.ext.asyncio import AsyncSession

from registry.catalogue.model import LocalizedText
from registry.cli_support import cli_actor, print_json
from registry.customs_release.preferences import (
    PreferenceExistsError,
    PreferenceView,
    add_preference,
    list_preferences,
)
from registry.db import run_in_session


@click.group()
def customs() -> None:
    """S1 customs reference data."""


@customs.group()
def preferences() -> None:
    """The classifier of preferences for customs payments (box 36)."""


@preferences.command("list")
def preferences_list() -> None:
    """Print the known preference codes as a JSON list, by code."""
    print_json(run_in_session(list_preferences))


@preferences.command("add")
@click.argument("code")
@click.option("--name-kk", required=True, help="The name in Kazakh.")
@click.option("--name-ru", required=True, help="The name in Russian (as in the classifier).")
@click.option("--name-en", required=True, help="The name in English.")
@click.option(
    "--exempts/--no-exempts",
    required=True,
    help="Whether the assessment charges nothing for the payment it is claimed for.",
)
@click.option("--source", required=True, help="The act and item the code comes from.")
def preferences_add(
    code: str, name_kk: str, name_ru: str, name_en: str, exempts: bool, source: str
) -> None:
    """Add CODE to the classifier (a declaration claiming it still goes to an officer)."""
    name = LocalizedText(kk=name_kk, ru=name_ru, en=name_en)

    async def work(session: AsyncSession) -> PreferenceView:
        return await add_preference(
            session, code, name, exempts=exempts, source=source, actor=cli_actor()
        )

    try:
        added = run_in_session(work)
    except (PreferenceExistsError, ValueError) as error:
        code = error.code if isinstance(error, PreferenceExistsError) else "invalid"
        click.echo(f"{code}: {error}", err=True)
        raise SystemExit(1) from error
    print_json(added)
