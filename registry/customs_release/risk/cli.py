"""``qaqpa risk rules list|add|disable`` and ``qaqpa risk lanes list|set``: one JSON document on
stdout each (a list for ``list``, the changed object otherwise); errors go to stderr, exit 1."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TypeVar

import click
import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from registry.cli_support import cli_actor, print_json
from registry.customs_release.risk.errors import (
    RiskLaneInvalidError,
    RiskRuleExistsError,
    RiskRuleInvalidError,
    RiskRuleNotFoundError,
)
from registry.customs_release.risk.model import CORRIDORS, FORMS_OF_CONTROL
from registry.customs_release.risk.repository import (
    RULE_KINDS,
    NewRule,
    add_rule,
    disable_rule,
    list_lanes,
    list_rules,
    set_lane,
)
from registry.db import run_in_session

T = TypeVar("T")
_RATE = click.FloatRange(0, 1)


def _run(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    try:
        return run_in_session(work)
    except (
        RiskRuleInvalidError,
        RiskRuleExistsError,
        RiskRuleNotFoundError,
        RiskLaneInvalidError,
    ) as error:
        click.echo(f"{error.code}: {error.detail}", err=True)
        raise SystemExit(1) from error


@click.group()
def risk() -> None:
    """Risk management: selectivity rules and corridor lanes."""


@risk.group()
def rules() -> None:
    """Selectivity rules (each names a corridor and forms of control)."""


@rules.command("list")
@click.option("--active", is_flag=True, help="Only the rules the selection applies.")
def rules_list(active: bool) -> None:
    """Print the rules as a JSON list, by code."""
    print_json(_run(lambda session: list_rules(session, active_only=active)))


@rules.command("add")
@click.argument("code")
@click.option("--kind", required=True, type=click.Choice(RULE_KINDS))
@click.option("--value", help="HS prefix, country code or BIN/IIN the rule compares with.")
@click.option("--corridor", required=True, type=click.Choice(CORRIDORS))
@click.option(
    "--form",
    "forms",
    multiple=True,
    type=click.Choice(FORMS_OF_CONTROL),
    help="A form of control (repeat for several).",
)
@click.option("--description", required=True, help="Why the rule exists.")
def rules_add(
    code: str, kind: str, value: str | None, corridor: str, forms: tuple[str, ...], description: str
) -> None:
    """Add rule CODE (active at once)."""
    rule = msgspec.convert(
        {
            "code": code,
            "kind": kind,
            "value": value,
            "corridor": corridor,
            "forms_of_control": list(forms),
            "description": description,
        },
        NewRule,
    )
    print_json(_run(lambda session: add_rule(session, rule, actor=cli_actor())))


@rules.command("disable")
@click.argument("code")
def rules_disable(code: str) -> None:
    """Stop applying rule CODE (it stays listed, inactive)."""
    print_json(_run(lambda session: disable_rule(session, code, actor=cli_actor())))


@risk.group()
def lanes() -> None:
    """Lane parameters per corridor (ASYCUDA: expected rate, minimum random rate)."""


@lanes.command("list")
def lanes_list() -> None:
    """Print the four lanes as a JSON list."""
    print_json(_run(list_lanes))


@lanes.command("set")
@click.argument("corridor", type=click.Choice(CORRIDORS))
@click.option("--expected", required=True, type=_RATE, help="Expected share, 0..1.")
@click.option("--min-random", required=True, type=_RATE, help="Minimum random share, 0..1.")
@click.option(
    "--form",
    "forms",
    multiple=True,
    type=click.Choice(FORMS_OF_CONTROL),
    help="Forms of control of a random selection (repeat; omit to keep).",
)
def lanes_set(corridor: str, expected: float, min_random: float, forms: tuple[str, ...]) -> None:
    """Set CORRIDOR's rates."""
    print_json(
        _run(
            lambda session: set_lane(
                session,
                corridor,
                expected_rate=Decimal(str(expected)),
                min_random_rate=Decimal(str(min_random)),
                default_forms=list(forms) if forms else None,
                actor=cli_actor(),
            )
        )
    )
