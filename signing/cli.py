"""Command line: ``qaqpa certs check``, ``qaqpa signature verify``, ``qaqpa document verify``
(signed PDF/XML -> :class:`signing.report.DocumentReport` as JSON).

Contract (other tools rely on it): each verification prints exactly one JSON object -- the
:class:`signing.result.VerificationResult` -- on stdout and exits 0 when valid, 1 when not
(unreadable input is a verdict too: ``malformed``, exit 1), and 2 on usage errors (click's
convention, also used for unreadable trust configuration).  Defaults come from the policy the
mounting program hands in (:class:`PolicyDefaults`; ``qaqpa`` builds it from its ``QAQPA_*``
settings); options override them.  Without ``--offline`` CRLs and OCSP are fetched from the
URLs in the certificates.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

import click
import msgspec

from signing.policy import VerificationPolicy
from signing.result import KeyPurpose, VerificationResult, to_json
from signing.trust import TrustConfigError
from signing.verify import Verifier

F = TypeVar("F", bound=Callable[..., Any])

_file = click.Path(exists=True, dir_okay=False, path_type=Path)
_file_or_dir = click.Path(exists=True, path_type=Path)


@dataclass(frozen=True)
class PolicyDefaults:
    """Where the commands' default verification policy comes from.

    signing reads no environment: the program that mounts these groups puts one of these in
    click's context object (``qaqpa`` does, from its settings). A callable, so that only the
    commands that verify read the settings. Without one the defaults are the policy's own.
    """

    policy: Callable[[], VerificationPolicy]


def _default_policy() -> VerificationPolicy:
    defaults = click.get_current_context().find_object(PolicyDefaults)
    return defaults.policy() if defaults is not None else VerificationPolicy()


def _parse_at(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO-8601 time: {value}") from exc
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class CheckOptions:
    """The options every certificate and signature check takes (:func:`common_options`)."""

    trust: tuple[Path, ...]
    intermediates: tuple[Path, ...]
    crls: tuple[Path, ...]
    ocsp_responses: tuple[Path, ...]
    at: datetime | None
    expect_iin: str | None
    expect_bin: str | None
    offline: bool
    test_pki: bool

    def policy(self) -> VerificationPolicy:
        """The default policy with these options over it (intermediates go to the check)."""
        return _policy(self.trust, (), self.offline, self.test_pki)

    def evidence(self) -> dict[str, Any]:
        """The keyword arguments the Verifier's checks take: expected numbers, time, files."""
        return {
            "expect_iin": self.expect_iin,
            "expect_bin": self.expect_bin,
            "at": self.at,
            "intermediates": _read_all(self.intermediates),
            "crls": _read_all(self.crls),
            "ocsp_responses": _read_all(self.ocsp_responses),
        }


def common_options(func: F) -> F:
    """Adds the check options; the command receives them as one ``checks: CheckOptions``."""

    @functools.wraps(func)
    def command(**kwargs: Any) -> Any:
        names = [f.name for f in dataclasses.fields(CheckOptions)]
        checks = CheckOptions(**{name: kwargs.pop(name) for name in names})
        return func(checks=checks, **kwargs)

    options = [
        click.option(
            "--trust",
            "trust",
            multiple=True,
            type=_file_or_dir,
            help="Trust anchor file or directory (repeatable).",
        ),
        click.option(
            "--intermediates",
            multiple=True,
            type=_file,
            help="Intermediate CA certificates (repeatable).",
        ),
        click.option("--crl", "crls", multiple=True, type=_file, help="CRL file (repeatable)."),
        click.option(
            "--ocsp-response",
            "ocsp_responses",
            multiple=True,
            type=_file,
            help="OCSP response file (repeatable).",
        ),
        click.option("--at", "at", callback=_parse_at, help="Validation time, ISO-8601."),
        click.option("--expect-iin", help="IIN declared in the request."),
        click.option("--expect-bin", help="BIN declared in the request."),
        click.option("--offline", is_flag=True, help="Use only the files given; never fetch."),
        click.option("--test-pki", is_flag=True, help="Accept NCA test IIN/BIN numbers."),
    ]
    decorated: Callable[..., Any] = command
    for option in reversed(options):
        decorated = option(decorated)
    return cast(F, decorated)


def _policy(
    trust: tuple[Path, ...], intermediates: tuple[Path, ...], offline: bool, test_pki: bool
) -> VerificationPolicy:
    """The default policy with the command's options applied over it."""
    return with_options(
        _default_policy(),
        trust=trust,
        intermediates=intermediates,
        offline=offline,
        test_pki=test_pki,
    )


def with_options(
    policy: VerificationPolicy,
    *,
    trust: tuple[Path, ...] = (),
    intermediates: tuple[Path, ...] = (),
    offline: bool = False,
    test_pki: bool = False,
) -> VerificationPolicy:
    """``policy`` with the options given: trust anchors replace its own, intermediates add to
    them, the flags switch on."""
    overrides: dict[str, Any] = {}
    if trust:
        overrides["trust_anchors"] = tuple(str(p) for p in trust)
    if intermediates:
        overrides["intermediates"] = (*policy.intermediates, *(str(p) for p in intermediates))
    if offline:
        overrides["offline"] = True
    if test_pki:
        overrides["test_pki"] = True
    return msgspec.structs.replace(policy, **overrides)


def _run(policy: VerificationPolicy, call: Callable[[Verifier], Any]) -> None:
    async def main() -> VerificationResult:
        async with Verifier(policy) as verifier:
            result: VerificationResult = await call(verifier)
            return result

    try:
        result = asyncio.run(main())
    except TrustConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(to_json(result).decode())
    sys.exit(0 if result.valid else 1)


def _read_all(paths: tuple[Path, ...]) -> list[bytes]:
    return [p.read_bytes() for p in paths]


@click.group("certs")
def certs() -> None:
    """Certificate checks."""


@certs.command("check")
@click.argument("cert", type=_file)
@common_options
@click.option("--purpose", type=click.Choice(["sign", "auth"]), default="sign", show_default=True)
def check(cert: Path, checks: CheckOptions, purpose: str) -> None:
    """Check CERT (PEM or DER): trust, validity, revocation, key usage, IIN/BIN."""
    data = cert.read_bytes()
    evidence = checks.evidence()

    def call(verifier: Verifier) -> Any:
        key_purpose: KeyPurpose = "auth" if purpose == "auth" else "sign"
        return verifier.check_certificate(data, purpose=key_purpose, **evidence)

    _run(checks.policy(), call)


@click.group("signature")
def signature() -> None:
    """Signature verification."""


@signature.command("verify")
@click.option("--document", type=_file, help="Signed bytes of a detached signature.")
@click.option("--signature", "signature_file", type=_file, help="Detached CMS (.p7s).")
@click.option("--cms", "cms_file", type=_file, help="Attached CMS.")
@click.option("--xml", "xml_file", type=_file, help="XML with an enveloped signature.")
@common_options
def verify(
    document: Path | None,
    signature_file: Path | None,
    cms_file: Path | None,
    xml_file: Path | None,
    checks: CheckOptions,
) -> None:
    """Verify (--document + --signature | --cms | --xml)."""
    detached = document is not None or signature_file is not None
    chosen = sum([detached, cms_file is not None, xml_file is not None])
    if chosen != 1:
        raise click.UsageError("give exactly one of --document/--signature, --cms or --xml")
    if detached and (document is None or signature_file is None):
        raise click.UsageError("--document and --signature go together")
    kwargs = checks.evidence()

    def call(verifier: Verifier) -> Any:
        if xml_file is not None:
            return verifier.verify_xml(xml_file.read_bytes(), **kwargs)
        if cms_file is not None:
            return verifier.verify_cms(cms_file.read_bytes(), None, **kwargs)
        assert document is not None and signature_file is not None
        return verifier.verify_cms(signature_file.read_bytes(), document.read_bytes(), **kwargs)

    _run(checks.policy(), call)


@click.group("document")
def document() -> None:
    """Signed documents (PAdES PDF, XAdES XML)."""


@document.command("verify")
@click.argument("file", type=_file)
@click.option(
    "--trust",
    "trust",
    multiple=True,
    type=_file_or_dir,
    help="Trust anchor file or directory (repeatable; default: QAQPA_TRUST_ANCHORS).",
)
@click.option("--no-fetch", is_flag=True, help="Never fetch CRL/OCSP; use embedded data only.")
def document_verify(file: Path, trust: tuple[Path, ...], no_fetch: bool) -> None:
    """Verify every signature of FILE (PDF or XML); print the report as JSON.

    Exit 0 when the document is valid, 1 when not, 2 on unreadable input or trust.
    """
    import logging

    from lxml import etree

    from signing.documents import UnreadableDocumentError, sniff, verify_document
    from signing.trust import load_certificates
    from signing.xmldsig import safe_parser

    # pyHanko logs each failed check (with a traceback) on top of the report we print.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    try:
        defaults = _default_policy()
        anchors = load_certificates(trust or defaults.trust_anchors)
    except (TrustConfigError, ValueError, OSError) as exc:
        raise click.UsageError(f"trust anchors: {exc}") from exc
    if not anchors:
        raise click.UsageError("no trust anchors: give --trust or set QAQPA_TRUST_ANCHORS")
    data = file.read_bytes()
    try:
        if sniff(data) == "xml":  # malformed XML is bad input, not a verdict
            etree.fromstring(data, parser=safe_parser())
        # The deployment's policy: QAQPA_CRL_FILES, the URL rewrites and QAQPA_OFFLINE hold
        # here as for POST /v1/verify.
        report = asyncio.run(verify_document(data, anchors, allow_fetching=not no_fetch,
                                             test_pki=defaults.test_pki,
                                             policy=defaults))  # fmt: skip
    except (UnreadableDocumentError, etree.XMLSyntaxError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    click.echo(msgspec.json.encode(report).decode())
    sys.exit(0 if report.valid else 1)
