"""``POST /v1/applications``: accept a signed application, or refuse it with a clear code.

The path, in order (cheap checks first, so bad input never costs a signature check):
1. the partner is authenticated, holds ``submit`` and is within its rate limit (guard);
2. the body is JSON of one of the three submission shapes (415 / 400 otherwise);
3. an earlier answer under the same ``Idempotency-Key`` is replayed (or 422 on a different
   body); without the header the key is the body's hash, so a blind retry is safe too;
4. the signature and certificate are verified by ``signing`` (purpose sign, revocation
   hard-fail by default, the applicant's IIN/BIN expected in the certificate; a legal
   entity's signer holds an NCA role the service's ``signing_roles`` accept);
5. the signed application JSON is decoded into the service's form Struct, its IIN/BIN
   checksums and attachments' declared sha256 checked;
6. receipt time and registration due time come from the calendar;
7. everything is written in one transaction (registry), and 202 goes back with Location.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.applications.submission import (
    SignedSubmission,
    SubmissionRequest,
    SubmissionShapeError,
    signed_submission,
)
from gateway.applications.verification import (
    ApplicantCheck,
    SubmissionVerifier,
    claimed_applicant,
)
from gateway.auth import AuthenticatedPartner
from gateway.problems import Problem, ProblemDocument
from gateway.responses import encoded_json
from registry.applications.intake import (
    NewApplication,
    NewAttachment,
    StoredAnswer,
    store_submission,
    stored_answer,
)
from registry.applications.status_tokens import new_token as new_status_token
from registry.calendar.registration import registration_times
from registry.customs_release.forms import CustomsReleaseForm
from registry.customs_release.preferences import unknown_preference_problems
from registry.domains import FORMS, get_service
from registry.forms.envelope import DecodedApplication, decode_application
from registry.ids import uuid7
from registry.resources import Resources

IDEMPOTENCY_HEADER = "idempotency-key"
MAX_IDEMPOTENCY_KEY = 255


class Accepted(msgspec.Struct, frozen=True, omit_defaults=True):
    """The answer to an accepted submission (replayed as is for retries).

    ``status_token`` is in the first answer only: the stored answer a retry replays leaves it
    out, because only the token's hash is kept (the partner issues another with
    ``POST /v1/applications/{id}/status-tokens``).
    """

    id: uuid.UUID
    service: str
    status: str
    received_at: datetime
    registration_due_at: datetime
    status_url: str
    # Read-only, for the applicant's app: this application's status, events and documents.
    status_token: str | None = None


async def require_json(connection: ASGIConnection[Any, Any, Any, Any], _: object) -> None:
    """Guard: the body is declared as JSON (415 otherwise), before anything parses it."""
    media_type = connection.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise Problem(415, "unsupported_media_type", "send the submission as application/json")


def _problem_spec(codes: str) -> ResponseSpec:
    return ResponseSpec(
        ProblemDocument,
        description=f"Problem codes: {codes}",
        media_type="application/problem+json",
        generate_examples=False,
    )


def _validation(errors: list[dict[str, str]], detail: str = "") -> Problem:
    return Problem(400, "validation_error", detail, extra={"errors": errors})


def _attachments(decoded: DecodedApplication) -> list[NewAttachment]:
    # decode_application has checked the base64 and each declared sha256.
    return [
        NewAttachment(item.name, item.media_type, item.sha256, base64.b64decode(item.content))
        for item in decoded.attachments
    ]


def _replay(answer: StoredAnswer, request_sha256: str) -> Response[Any]:
    if answer.request_sha256 != request_sha256:
        raise Problem(
            422,
            "idempotency_conflict",
            "this Idempotency-Key was first used with a different body",
        )
    accepted = msgspec.json.decode(answer.body, type=Accepted)
    return encoded_json(
        answer.body,
        status_code=answer.status_code,
        headers={"Location": accepted.status_url, "Idempotent-Replayed": "true"},
    )


SUBMIT_RESPONSES = {
    400: _problem_spec("validation_error, bad_request (not JSON), malformed, xml_mixed_content"),
    413: _problem_spec("payload_too_large"),
    415: _problem_spec("unsupported_media_type"),
    422: _problem_spec(
        "unknown_service, applicant_mismatch, no_signing_authority, idempotency_conflict, "
        "or a signing verdict: "
        "malformed, unsupported_algorithm, weak_algorithm, untrusted, expired, not_yet_valid, "
        "revoked, revocation_unknown, signature_invalid, wrong_key_usage, invalid_iin, "
        "invalid_bin, iin_mismatch, bin_mismatch"
    ),
}


async def submit_application(
    request: Request[Any, Any, State],
    resources: Resources,
    state: State,
    partner: AuthenticatedPartner,
    data: SubmissionRequest,
) -> Response[Accepted]:
    """The whole intake path (see the module docstring); the controller routes to it."""
    # `data` documents the body in OpenAPI; the exact bytes are what idempotency hashes.
    body = await request.body()
    request_sha256 = hashlib.sha256(body).hexdigest()
    key = request.headers.get(IDEMPOTENCY_HEADER) or f"body:{request_sha256}"
    if len(key) > MAX_IDEMPOTENCY_KEY:
        raise _validation([{"pointer": "", "message": "Idempotency-Key is too long"}])
    intake_engine: AsyncEngine = state.intake_engine
    # One pooled connection for the lookup and the store, without an ORM session around it.
    async with intake_engine.connect() as connection:
        earlier = await stored_answer(connection, partner.id, key)
        if earlier is not None:
            return _replay(earlier, request_sha256)
        try:
            submission = signed_submission(data)
        except SubmissionShapeError as exc:
            raise _validation([{"pointer": exc.pointer, "message": exc.message}]) from exc
        verifier: SubmissionVerifier = state.submission_verifier
        document, decoded, verified = await _verified_application(verifier, submission)
        await _check_reference_data(resources, decoded)
        accepted, new, status_token = _new_application(
            partner, submission, document, decoded, verified
        )
        response_body = msgspec.json.encode(accepted)
        winner = await store_submission(
            connection,
            new,
            idempotency_key=key,
            request_sha256=request_sha256,
            status_code=202,
            response_body=response_body,
        )
    if winner is not None:
        return _replay(winner, request_sha256)
    first_answer = msgspec.json.encode(msgspec.structs.replace(accepted, status_token=status_token))
    return encoded_json(first_answer, status_code=202, headers={"Location": accepted.status_url})


def _new_application(
    partner: AuthenticatedPartner,
    submission: SignedSubmission,
    document: bytes,
    decoded: DecodedApplication,
    verified: ApplicantCheck,
) -> tuple[Accepted, NewApplication, str]:
    """The 202 answer, the rows to store (timed by the calendar from now) and the applicant's
    status token, which only the first answer carries (its hash is stored)."""
    received_at = datetime.now(UTC)
    service = get_service(decoded.service)
    assert service is not None, "decode_application refuses unknown services"
    times = registration_times(received_at, service.registration_term)
    application_id = uuid7()
    accepted = Accepted(
        id=application_id,
        service=decoded.service,
        status="received",
        received_at=received_at,
        registration_due_at=times.due.astimezone(UTC),  # one time format: UTC with Z
        status_url=f"/v1/applications/{application_id}",
    )
    status_token, status_token_hash = new_status_token()
    new = NewApplication(
        id=accepted.id,
        partner_id=partner.id,
        service=decoded.service,
        applicant_iin=decoded.applicant.iin,
        applicant_bin=decoded.applicant.bin,
        applicant_name=decoded.applicant.name,
        signature_format=submission.format,
        signed_document=submission.signed_data,
        signature=submission.signature,
        document_sha256=hashlib.sha256(document).hexdigest(),
        form=msgspec.to_builtins(decoded.form),
        signer=msgspec.to_builtins(verified.identity),
        received_at=received_at,
        counts_from=times.counts_from,
        registration_due_at=times.due,
        attachments=_attachments(decoded),
        status_token_hash=status_token_hash,
    )
    return accepted, new, status_token


async def _verified_application(
    verifier: SubmissionVerifier, submission: SignedSubmission
) -> tuple[bytes, DecodedApplication, ApplicantCheck]:
    """Decode, then verify against the applicant the document names.

    A detached document is readable as it came; the other shapes carry it inside the signed
    structure, extracted once here. Nothing decoded is stored unless the verification passes.
    Returns the signed application bytes, the decoded application and the signer. A document
    that does not decode raises a FormError, reported by the problem plugin (gateway.problems).
    """
    content = submission.document
    if content is None:
        content = await verifier.signed_content(submission)
    # The signature is judged before anything inside the document is trusted or reported: a
    # tampered document whose change breaks a form rule is `signature_invalid`, not a form
    # error. Only the applicant's numbers are read first (the certificate must carry them).
    claimed = claimed_applicant(content)
    result = await verifier.verify_signature(submission, claimed.iin, claimed.bin)
    decoded = decode_application(content, FORMS)
    service = get_service(decoded.service)
    assert service is not None, "decode_application refuses unknown services"
    verified = verifier.check_applicant(
        submission, result, content, decoded.applicant, service.signing_roles
    )
    return content, decoded, verified


async def _check_reference_data(resources: Resources, decoded: DecodedApplication) -> None:
    """Checks of the form against reference tables (400 ``validation_error`` like the form's
    own): S1's box-36 preference codes, so a made-up code never reaches the assessment."""
    if not isinstance(decoded.form, CustomsReleaseForm):
        return
    async with resources.sessions() as session:
        problems = await unknown_preference_problems(session, decoded.form)
    if problems:
        errors = [{"pointer": f"/form{pointer}", "message": text} for pointer, text in problems]
        raise _validation(errors, "the application document is not valid")
