"""Refusing a signer's approval up front when it cannot be carried out (issue 16).

A signer's approval used to be accepted whatever happened next: with no key for the signer
in ``QAQPA_KEYSTORE`` the application stuck in ``signing``; with a revoked certificate the
``sign_result`` job burned its retries. Before the signer step's action is taken
(gateway/worklist/controller.py), :func:`check_signer_ready` refuses it with a 409:

* ``QAQPA_OFFICER_SIGNING=eds``: ``eds_signature_required`` -- the signer signs with their own
  key in a signing session (:mod:`.sessions`), which is also their approval;
* ``hsm``: ``signer_key_missing`` when the key store names no key for the signer's IIN, and
  ``signer_certificate_revoked`` / ``signer_certificate_invalid`` when that key's certificate
  is revoked, expired or not yet valid (signing's Verifier, as for applicants). When the
  revocation services cannot answer the approval goes ahead: the job retries them.

A gateway with no ``QAQPA_KEYSTORE`` at all does not know the workers' keys and checks
nothing here (the worker records ``keystore_missing``).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from registry.errors import DomainError, Kind
from registry.issuing.sessions import (
    SignerCertificateInvalidError,
    SignerCertificateRevokedError,
)
from registry.models import Application, WorkflowStep
from registry.settings import Settings
from registry.workflow.engine import definition_of
from signing import Code, Verifier

SYSTEM_ROLE = "system"  # the key store role of the provider's system key (never an officer's)


class SignerKeyMissingError(DomainError):
    code = "signer_key_missing"
    kind = Kind.CONFLICT


class EdsSignatureRequiredError(DomainError):
    code = "eds_signature_required"
    kind = Kind.CONFLICT


async def approves_for_signature(session: AsyncSession, task_id: int, action: str) -> bool:
    """Whether ``action`` on the task is a signer's approval (the ``signer_approval`` effect)."""
    step = await session.get(WorkflowStep, task_id)
    application = None if step is None else await session.get(Application, step.application_id)
    if application is None:
        return False  # decide() gives the task's own 404
    return any(
        t.effect == "signer_approval" and t.action == action and t.source == application.status
        for t in definition_of(application).transitions
    )


def _certificate(settings: Settings, iin: str, role: str) -> bytes | None:
    """The certificate of the key the worker would sign with (workers/jobs/signing.py);
    reads files (the key store's JSON, the PEM), so it runs in a thread."""
    config = settings.keystore_config()
    assert config is not None
    mine = [k for k in config.keys if k.iin == iin and k.role != SYSTEM_ROLE]
    wanted = [k for k in mine if k.role == role] or mine
    return Path(wanted[0].certificate).read_bytes() if wanted else None


async def check_signer_ready(settings: Settings, verifier: Verifier, iin: str, role: str) -> None:
    """Raise the 409 an approval by this signer (``iin``, account ``role``) would end in."""
    if settings.officer_signing == "eds":
        raise EdsSignatureRequiredError(
            "this deployment signs with the officer's own key: open a signing session "
            "(POST /v1/officer/results/{result_id}/signing-sessions)"
        )
    if not settings.keystore.strip():
        return
    certificate = await asyncio.to_thread(_certificate, settings, iin, role)
    if certificate is None:
        # The detail reaches the signer only: no IIN, no setting name, no path.
        raise SignerKeyMissingError("the deployment holds no signing key for your account")
    verdict = await verifier.check_certificate(certificate, purpose=None)
    if verdict.code == Code.REVOKED:
        raise SignerCertificateRevokedError("the certificate of your signing key is revoked")
    if verdict.code in (Code.EXPIRED, Code.NOT_YET_VALID):
        raise SignerCertificateInvalidError(
            f"the certificate of your signing key is not valid now ({verdict.code})"
        )
