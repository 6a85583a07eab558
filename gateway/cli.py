"""The ``qaqpa`` command line: one click group; each package contributes its own groups."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from registry.settings import Settings, SettingsError, load_settings

# sysexits.h EX_CONFIG: the configuration, not the command line, is what is wrong.
EXIT_UNSAFE_CONFIG = 78


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc


def _serving_settings() -> Settings:
    """The settings of a serving process; exits (one line on stderr) if production forbids them."""
    from registry.production import refusal

    settings = _settings()
    refused = refusal(settings)
    if refused is not None:
        click.echo(refused, err=True)
        sys.exit(EXIT_UNSAFE_CONFIG)
    return settings


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """Qaqpa: e-services gateway and signing service."""
    from signing.cli import PolicyDefaults

    # The signing commands' defaults: the policy these settings build (read only by the
    # commands that verify, so that a bad variable does not stop the others).
    ctx.obj = PolicyDefaults(policy=lambda: _settings().verification_policy())


@main.command()
@click.option("--host", help="Address to bind (default QAQPA_HOST).")
@click.option("--port", type=int, help="Port to bind (default QAQPA_PORT).")
@click.option("--workers", type=int, help="HTTP worker processes (default QAQPA_HTTP_WORKERS).")
def run(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the gateway with granian."""
    from granian.constants import Interfaces
    from granian.server import Server

    settings = _serving_settings()  # before granian binds anything
    Server(
        "gateway.app:create_app",
        factory=True,
        interface=Interfaces.ASGI,
        address=host or settings.host,
        port=port or settings.port,
        workers=workers or settings.http_workers,
        log_access=False,  # the app logs each request with its request id
    ).serve()


@main.command()
@click.option("--check", is_flag=True, help="Exit 0 if a worker reported healthy recently.")
@click.option("--burst", is_flag=True, help="Run queued jobs, then exit.")
def worker(check: bool, burst: bool) -> None:
    """Run an arq worker (or check the health of running ones)."""
    from arq.worker import check_health, run_worker

    from gateway.logging import configure_logging
    from workers.settings import QUEUE_NAME, WorkerSettings, redis_settings, worker_options

    if check:  # a health probe serves nothing: no production check
        settings = _settings()
        sys.exit(
            check_health({"redis_settings": redis_settings(settings), "queue_name": QUEUE_NAME})
        )
    settings = _serving_settings()
    configure_logging(settings.log_level, json=settings.log_json)
    run_worker(WorkerSettings, burst=burst, **worker_options(settings))  # type: ignore[arg-type]


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: head)."""
    from registry.migrate import upgrade

    upgrade(_settings().database_url, revision)


@main.group()
def openapi() -> None:
    """The OpenAPI document."""


@openapi.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: openapi/openapi.json in the repository).")  # fmt: skip
@click.option("--stdout", "to_stdout", is_flag=True, help="Print instead of writing a file.")
def openapi_export(output: Path | None, to_stdout: bool) -> None:
    """Write the OpenAPI document generated from the app."""
    from gateway.openapi_document import DOCUMENT_PATH, render_openapi

    document = render_openapi()
    if to_stdout:
        click.echo(document, nl=False)
        return
    target = output or DOCUMENT_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document, encoding="utf-8")
    click.echo(f"wrote {target}", err=True)


def _register_groups() -> None:
    """Commands owned by the other packages."""
    from registry.calendar.cli import calendar
    from registry.customs.cli import customs
    from registry.customs.risk.cli import risk
    from registry.exams.cli import exams
    from registry.forms.cli import demo
    from registry.issuing.cli import results
    from registry.officers.cli import officers
    from registry.partners.cli import partners
    from registry.statedb.cli import statedb
    from registry.workflow.cli import deadlines
    from signing.cli import certs, document, signature

    for group in (
        partners, officers, statedb, deadlines, demo, calendar, certs, signature, document,
        exams, risk, results, customs,
    ):  # fmt: skip
        main.add_command(group)
    _register_developer_commands(statedb)


def _register_developer_commands(statedb: click.Group) -> None:
    """``pki init|hsm|serve`` and ``statedb seed``, where the development package exists.

    testkit (test keys, seeds) is not in the wheel: an installed gateway has no such commands,
    a development checkout has them unchanged.  Only testkit itself being absent is tolerated;
    any other import error inside it is a bug and surfaces.
    """
    try:
        from testkit.cli import register
    except ModuleNotFoundError as exc:
        if exc.name != "testkit":
            raise
        return
    register(main, statedb)


_register_groups()
