"""``qaqpa demo``: print example documents.

``qaqpa demo application CODE [--iin N | --bin N]`` writes one JSON object — a valid application
document for service CODE — to stdout, so scripts can pipe it into curl or a signing tool. The
gateway registers the group with ``main.add_command(demo)``.
"""

from __future__ import annotations

import re
import sys

import click


@click.group()
def demo() -> None:
    """Example documents for trying the services."""


@demo.command("application")
@click.argument("code")
@click.option("--iin", metavar="N", help="Applicant IIN (12 digits).")
@click.option("--bin", "bin_", metavar="N", help="Applicant BIN (12 digits).")
def application(code: str, iin: str | None, bin_: str | None) -> None:
    """Print a valid application document for service CODE."""
    import msgspec

    from registry.domains import FORMS, example_application

    if iin is not None and bin_ is not None:
        raise click.UsageError("give --iin or --bin, not both")
    for option, number in (("--iin", iin), ("--bin", bin_)):
        # Pattern only: tests want examples with numbers whose checksum is deliberately wrong.
        if number is not None and re.fullmatch(r"[0-9]{12}", number) is None:
            raise click.BadParameter("12 digits expected", param_hint=option)
    if code not in FORMS:
        click.echo(f"unknown service {code!r}; known: {', '.join(FORMS)}", err=True)
        sys.exit(2)
    document = example_application(code, iin=iin, bin=bin_)
    click.echo(msgspec.json.encode(document).decode("utf-8"))
