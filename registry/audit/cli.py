"""``qaqpa audit verify [APPLICATION_ID | --all]``: check the event hash chains.

Prints one JSON object, ``{"checked", "intact", "broken": [{"application_id",
"first_bad_event": {"event_id", "seq", "reason"}}]}`` (reason: ``seq`` a gap or repeat,
``prev_hash`` a broken link, ``hash`` altered content). Exit 0 when every chain checked holds,
1 when one is broken, 2 when APPLICATION_ID has no events (or neither it nor ``--all`` is
given).
"""

from __future__ import annotations

import sys
import uuid

import click

from registry.cli_support import print_json


@click.group()
def audit() -> None:
    """Checks over the record itself."""


@audit.command("verify")
@click.argument("application_id", type=click.UUID, required=False)
@click.option("--all", "every", is_flag=True, help="Check every application's chain.")
def verify(application_id: uuid.UUID | None, every: bool) -> None:
    """Recompute the hash chain of APPLICATION_ID's events (or of all); exit 1 if broken."""
    from registry.audit.chains import verify_chains
    from registry.db import run_in_session

    if (application_id is None) != every:  # exactly one of the two
        raise click.UsageError("give an APPLICATION_ID or --all (not both)")
    report = run_in_session(lambda session: verify_chains(session, application_id))
    print_json(report)
    if application_id is not None and report.checked == 0:
        click.echo(f"no events for application {application_id}", err=True)
        sys.exit(2)
    sys.exit(1 if report.broken else 0)
