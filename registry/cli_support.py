"""What the ``qaqpa`` commands of every package share: reading the settings, refusing to
serve with settings production forbids, printing one JSON document, naming who made a change.

It lives in ``registry`` because both entry points' packages sit above it: the gateway's
commands (``qaqpa run``) and the worker's (``qaqpa worker``) use it without importing each
other.
"""

from __future__ import annotations

import getpass
import sys
import uuid
from datetime import datetime

import click
import msgspec

from registry.production import refusal
from registry.settings import Settings, SettingsError, load_settings

# sysexits.h EX_CONFIG: the configuration, not the command line, is what is wrong.
EXIT_UNSAFE_CONFIG = 78


def command_settings() -> Settings:
    """The settings, or a usage error (exit 2, the message on stderr) naming what is wrong."""
    try:
        return load_settings()
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc


def serving_settings() -> Settings:
    """The settings of a serving process; exits (one line on stderr) if production forbids them."""
    settings = command_settings()
    refused = refusal(settings)
    if refused is not None:
        click.echo(refused, err=True)
        sys.exit(EXIT_UNSAFE_CONFIG)
    return settings


def print_json(value: object) -> None:
    """``value`` as one line of JSON on stdout: the output other tools parse."""
    click.echo(msgspec.json.encode(value).decode())


def print_revocation(kind: str, revoked_id: uuid.UUID, revoked_at: datetime | None) -> None:
    """``{"id", "revoked_at"}``, or (nothing was active to revoke) a line on stderr and exit 1."""
    if revoked_at is None:
        click.echo(f"no active {kind} {revoked_id}", err=True)
        raise SystemExit(1)
    print_json({"id": str(revoked_id), "revoked_at": revoked_at})


def cli_actor() -> str:
    """Who the audit trail names for a change made from the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:  # no login name in a bare container
        return "cli"
