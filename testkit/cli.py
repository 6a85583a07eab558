"""Developer commands: ``qaqpa pki init|hsm|serve|ncalayer|identities`` (the test PKI, an
NCALayer stand-in signing with its keys, the table of its identities), ``qaqpa demo submit``
(the demo application signed with a test key and posted) and ``qaqpa statedb seed``.

They exist for ``make run``, the tests and a developer's shell, and only in a development
checkout: the wheel ships no test PKI and no seed, so :func:`register` is called by
``gateway.cli`` only when this package can be imported.  Everything heavy is imported inside
the commands, so registering them costs ``qaqpa --help`` nothing.
"""

from __future__ import annotations

from pathlib import Path

import click


@click.group("pki")
def pki() -> None:
    """The NCA-shaped test PKI (TEST KEYS ONLY)."""


DEFAULT_PKI_DIR = Path(".data/pki")
DEFAULT_PKI_PORT = 8731
DEFAULT_HSM_DIR = Path(".data/softhsm")


@pki.command("init")
@click.argument(
    "directory", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_PKI_DIR
)
@click.option(
    "--port",
    type=int,
    default=DEFAULT_PKI_PORT,
    show_default=True,
    help="Port the URLs in the certificates will point at.",
)
def pki_init(directory: Path, port: int) -> None:
    """Generate keys, certomancer.yml, certificates and the trust anchor into DIRECTORY."""
    from testkit.pki.server import build_pki

    built = build_pki(directory, f"http://127.0.0.1:{port}", "http://127.0.0.1:9")
    click.echo(f"test PKI written to {built.directory} (trust anchors: {built.trust_dir})")


@pki.command("hsm")
@click.argument(
    "directory", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_PKI_DIR
)
@click.option(
    "--token-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_HSM_DIR,
    show_default=True,
    help="Where the SoftHSM2 token (and its softhsm2.conf) lives.",
)
def pki_hsm(directory: Path, token_dir: Path) -> None:
    """Put the test provider officers' keys on a SoftHSM2 token; print the environment.

    The output is shell ``export`` lines (SOFTHSM2_CONF, QAQPA_KEYSTORE, QAQPA_PKCS11_PIN)
    for the worker that signs documents.  TEST KEYS AND TEST PIN ONLY.
    """
    import shlex

    import msgspec

    from testkit.pki.keys import ensure_keys
    from testkit.pki.officers import init_provider_hsm, keystore_config

    ensure_keys(directory)
    hsm = init_provider_hsm(directory.resolve(), token_dir)
    config = msgspec.structs.replace(keystore_config(directory.resolve(), hsm), pin=None)
    for name, value in (
        *hsm.env().items(),
        ("QAQPA_KEYSTORE", msgspec.json.encode(config).decode()),
        ("QAQPA_PKCS11_PIN", hsm.pin),
    ):
        click.echo(f"export {name}={shlex.quote(value)}")


@pki.command("serve")
@click.argument(
    "directory", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_PKI_DIR
)
@click.option("--port", type=int, default=DEFAULT_PKI_PORT, show_default=True)
def pki_serve(directory: Path, port: int) -> None:
    """Rebuild the PKI with current dates and serve CRL/OCSP/TSA on 127.0.0.1:PORT."""
    from testkit.pki.server import TestPkiServer

    server = TestPkiServer(directory, port=port)
    built = server.start()
    click.echo(f"test PKI serving at {built.base_url} (trust anchors: {built.trust_dir})")
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@pki.command("ncalayer")
@click.argument(
    "directory", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_PKI_DIR
)
@click.option("--port", type=int, default=13579, show_default=True)
@click.option(
    "--label",
    default="provider-executor-auth",
    show_default=True,
    help="The test certificate (and key) every sign request uses: the key 'the user picks'.",
)
def pki_ncalayer(directory: Path, port: int, label: str) -> None:
    """An NCALayer stand-in on ws://127.0.0.1:PORT signing with a test key (console login)."""
    from testkit.ncalayer import NcaLayerStandIn

    if not (directory / "certs" / f"{label}.pem").exists():
        raise click.UsageError(f"no certificate {label!r} in {directory}/certs (run pki init)")
    stand_in = NcaLayerStandIn(directory, label, port=port).start()
    click.echo(f"NCALayer stand-in at {stand_in.url}, signing as {label}")
    try:
        stand_in.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stand_in.stop()


def _local_pki_dir() -> Path:
    """The test PKI ``make run`` serves: ``QAQPA_DATA_DIR/pki``."""
    from registry.settings import load_settings

    return Path(load_settings().data_dir) / "pki"


@pki.command("identities")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), required=False)
def pki_identities(directory: Path | None) -> None:
    """Print the test identities: applicants by kind and role, officers with keys, and what
    each broken certificate is for, with the certificate and key files of each (DIRECTORY:
    the test PKI, by default QAQPA_DATA_DIR/pki)."""
    from testkit.identities import identities_table

    click.echo(identities_table(directory or _local_pki_dir()))


@click.command("submit")
@click.argument("service")
@click.option("--url", metavar="URL", help="The gateway (default: http://QAQPA_HOST:QAQPA_PORT).")
@click.option(
    "--api-key", envvar="QAQPA_API_KEY", metavar="KEY",
    help="A partner's API key with the submit scope (default: $QAQPA_API_KEY).",
)  # fmt: skip
@click.option(
    "--pki", "pki_dir", type=click.Path(file_okay=False, path_type=Path),
    help="The local test PKI (default: QAQPA_DATA_DIR/pki).",
)  # fmt: skip
@click.option("--sign-only", is_flag=True, help="Print the signed body instead of posting it.")
def demo_submit(
    service: str, url: str | None, api_key: str | None, pki_dir: Path | None, sign_only: bool
) -> None:
    """Sign the demo application of SERVICE with the matching test applicant's key and post it.

    An individual's service is signed with ``individual-sign``, a legal entity's with
    ``legal-sign`` (the first head); the body is the detached-CMS shape. Prints the HTTP
    status, the answer and the status URL.
    """
    from testkit.demo import DemoError, post_submission, signed_demo_body

    try:
        body = signed_demo_body(service, pki_dir or _local_pki_dir())
    except DemoError as exc:
        raise click.UsageError(str(exc)) from exc
    if sign_only:
        click.echo(body)
        return
    if not api_key:
        raise click.UsageError("give --api-key or set QAQPA_API_KEY (qaqpa partners create)")
    try:
        status, answer, status_url = post_submission(body, api_key, url)
    except DemoError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(2) from exc
    click.echo(f"HTTP {status}")
    click.echo(answer)
    if status_url:
        click.echo(f"status: {status_url}")
    if status != 202:
        raise SystemExit(1)


@click.command("seed")
@click.option("--force", is_flag=True, help="Seed even when QAQPA_ENV=production.")
def statedb_seed(force: bool) -> None:
    """Load the test identities (replacing earlier copies of them; other rows stay)."""
    from registry.cli_support import print_json
    from registry.db import run_in_session
    from registry.settings import load_settings
    from testkit.seed import seed_state_database

    if load_settings().env == "production" and not force:
        raise click.UsageError("refusing to put test identities in a production database")
    print_json({"seeded": run_in_session(seed_state_database)})


def register(main: click.Group, statedb: click.Group) -> None:
    """Add the developer commands to the ``qaqpa`` group and its ``statedb`` group."""
    main.add_command(pki)
    statedb.add_command(statedb_seed)
    demo = main.commands.get("demo")
    if isinstance(demo, click.Group):
        demo.add_command(demo_submit)
