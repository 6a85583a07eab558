"""What the ``qaqpa`` commands of every package share: reading the settings, and refusing to
serve with settings production forbids.

It lives in ``registry`` because both entry points' packages sit above it: the gateway's
commands (``qaqpa run``) and the worker's (``qaqpa worker``) use it without importing each
other.
"""

from __future__ import annotations

import sys

import click

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
