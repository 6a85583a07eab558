"""The ``qaqpa`` command line's answer to a database or Redis that is away: one line, in the
user's language, with the hint, and exit code 2 -- never a traceback of the driver.

Imports are lazy: the drivers' modules would slow every ``qaqpa --help``. The language is
the locale's (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``kk_KZ.UTF-8`` -> kk,
``ru_RU.UTF-8`` -> ru, English otherwise), as a command line's messages go.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import click

from gateway.problem_titles import Language

EXIT_UNAVAILABLE = 2

UNREACHABLE: dict[str, dict[Language, str]] = {
    "postgresql": {
        "en": "cannot reach PostgreSQL at {where} — is the stack running? set QAQPA_DATABASE_URL",
        "ru": "нет связи с PostgreSQL по адресу {where} — запущен ли стек? "
        "задайте QAQPA_DATABASE_URL",
        "kk": "{where} мекенжайындағы PostgreSQL-ге қосылу мүмкін емес — стек іске қосылған ба? "
        "QAQPA_DATABASE_URL орнатыңыз",
    },
    "redis": {
        "en": "cannot reach Redis at {where} — is the stack running? set QAQPA_REDIS_URL",
        "ru": "нет связи с Redis по адресу {where} — запущен ли стек? задайте QAQPA_REDIS_URL",
        "kk": "{where} мекенжайындағы Redis-ке қосылу мүмкін емес — стек іске қосылған ба? "
        "QAQPA_REDIS_URL орнатыңыз",
    },
}


def cli_language(environ: Mapping[str, str] | None = None) -> Language:
    """kk, ru or en from the locale variables (the first one set wins, as for gettext)."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            primary = value.split("_")[0].split(".")[0].lower()
            return primary if primary in ("kk", "ru") else "en"  # type: ignore[return-value]
    return "en"


def _database_where(url: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return f"{parsed.host or '127.0.0.1'}:{parsed.port or 5432}"


def _redis_where(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or '127.0.0.1'}:{parts.port or 6379}"


def _is_redis(exc: BaseException) -> bool:
    from redis.exceptions import RedisError

    current: BaseException | None = exc
    while current is not None:
        if isinstance(current, RedisError):
            return True
        current = current.__cause__ or current.__context__
    return False


def unreachable_message(exc: BaseException, environ: Mapping[str, str] | None = None) -> str:
    """The one line for an outage ``exc``: which service, where, and what to do."""
    from registry.settings import SettingsError, load_settings

    try:
        settings = load_settings(environ)
    except SettingsError:
        settings = load_settings({})
    service = "redis" if _is_redis(exc) else "postgresql"
    url = settings.redis_url if service == "redis" else settings.database_url
    where = _redis_where(url) if service == "redis" else _database_where(url)
    return UNREACHABLE[service][cli_language(environ)].format(where=where)


class OutageExplained(click.Group):
    """A group whose commands, when PostgreSQL or Redis is away, print one line and exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            # Imported here: the drivers' modules would slow every `qaqpa --help`.
            from registry.outages import is_outage

            if not is_outage(exc):
                raise
            click.echo(unreachable_message(exc), err=True)
            ctx.exit(EXIT_UNAVAILABLE)
