"""The ``qaqpa`` command line: one click group, its commands grouped by who runs them.

Where the entry point lives: here, in the gateway, which may import ``registry`` and ``signing``
(the direction imports already point) and so mounts their groups directly.  The one command it
may not import is ``qaqpa worker``: nothing imports ``workers`` but the worker's own entry
point, so the worker command lives in ``workers/cli.py`` and this group names it by the string
``"workers.cli:worker"`` (:class:`gateway.cli_group.AudienceGroup` imports it when it is listed
or run; the string is data, not an import).  Moving the entry point into ``workers`` instead
would only turn the problem around: ``qaqpa run`` and ``qaqpa openapi export`` would make
``workers`` import ``gateway``.  A top-level CLI package is not an option: the top-level
packages are fixed.

``pki`` and ``statedb seed`` come from ``testkit`` (not in the wheel), where it exists.

The help's headings are the :data:`AUDIENCES` table; a command belongs to the audience of its
usual caller (``statedb`` is the administrators', though its ``seed`` is a developer's).  The
headings change only the help: every command keeps its path, options, output and exit codes.
"""

from __future__ import annotations

import math
from pathlib import Path

import click
import msgspec

from gateway.cli_errors import OutageExplained
from gateway.cli_group import Audience, AudienceGroup
from registry.cli_support import command_settings, serving_settings
from signing import VerificationPolicy
from signing.cli import PolicyDefaults, certs, document, signature

AUDIENCES = (
    Audience(
        "Operators (run the service, watch its work)",
        ("run", "worker", "db", "results", "deadlines", "exams", "audit", "webhooks"),
    ),
    Audience(
        "Administrators (accounts and reference data)",
        ("partners", "officers", "statedb", "calendar", "risk", "customs"),
    ),
    Audience(
        "Developers (documents, keys, signature checks)",
        ("openapi", "demo", "pki", "certs", "signature", "document"),
    ),
)
# Commands of packages the gateway does not import: name -> "module:attr".
LAZY_COMMANDS = {"worker": "workers.cli:worker"}


class QaqpaGroup(OutageExplained, AudienceGroup):
    """The ``qaqpa`` group: help by audience, and one line (exit 2) when a database is away."""


@click.group(cls=QaqpaGroup, audiences=AUDIENCES, lazy=LAZY_COMMANDS)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Qaqpa: e-services gateway and signing service."""
    from registry.domains import install

    install()  # the commands that take workflow actions run the services' hooks
    # The signing commands' defaults: the policy these settings build (read only by the
    # commands that verify, so that a bad variable does not stop the others).
    ctx.obj = PolicyDefaults(policy=_command_policy)


def _command_policy() -> VerificationPolicy:
    """The settings' verification policy; in the local environment without configured trust
    anchors, the local test PKI's root (``QAQPA_DATA_DIR/pki/trust``, which ``make run``
    builds) is the anchor, so ``qaqpa document verify`` checks local documents as they are."""
    settings = command_settings()
    policy = settings.verification_policy()
    local_trust = Path(settings.data_dir) / "pki" / "trust"
    if settings.env == "local" and not policy.trust_anchors and local_trust.is_dir():
        policy = msgspec.structs.replace(policy, trust_anchors=(str(local_trust),))
    return policy


@main.command()
@click.option("--host", help="Address to bind (default QAQPA_HOST).")
@click.option("--port", type=int, help="Port to bind (default QAQPA_PORT).")
@click.option("--workers", type=int, help="HTTP worker processes (default QAQPA_HTTP_WORKERS).")
def run(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the gateway with granian."""
    from granian.constants import Interfaces, Loops
    from granian.server import Server

    settings = serving_settings()  # before granian binds anything
    Server(
        "gateway.app:create_app",
        factory=True,
        interface=Interfaces.ASGI,
        address=host or settings.host,
        port=port or settings.port,
        workers=workers or settings.http_workers,
        # uvloop (a dependency): the event loop's own cost per request is about halved.
        loop=Loops.uvloop,
        log_access=False,  # the app logs each request with its request id
        # SIGTERM: in-flight requests finish, but an open event stream must not hold the
        # shutdown for its whole QAQPA_SSE_MAX_SECONDS (granian waits forever by default).
        workers_kill_timeout=max(1, math.ceil(settings.http_shutdown_grace_seconds)),
    ).serve()


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: head)."""
    from registry.migrate import upgrade

    upgrade(command_settings().database_url, revision)


@main.group()
def openapi() -> None:
    """The OpenAPI document."""


@openapi.command("export")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: openapi/openapi.json in the repository).",
)
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
    from registry.audit.cli import audit
    from registry.calendar.cli import calendar
    from registry.customs_release.cli import customs
    from registry.customs_release.risk.cli import risk
    from registry.declarant_certificate.cli import exams
    from registry.demo_cli import demo
    from registry.issuing.cli import results
    from registry.officers.cli import officers
    from registry.partners.cli import partners
    from registry.statedb.cli import statedb
    from registry.webhooks.cli import webhooks
    from registry.workflow.cli import deadlines

    groups = (
        partners,
        officers,
        statedb,
        calendar,
        risk,
        customs,
        results,
        deadlines,
        exams,
        audit,
        webhooks,
    )
    for group in (*groups, demo, certs, signature, document):
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
