"""Approving a result for its signature: four eyes, the signer on the document, ``sign_result``.

A service's signer step (the ``signer_approval`` effect, :mod:`registry.workflow.effects`) and a
complaint decision's signer (:mod:`registry.complaints.signature`) approve with
:func:`approve_for_signature`; results no signer reviews (customs decisions, automatic or by an
officer under control) are signed as soon as they exist: by the deciding officer's key when an
officer decided (:func:`signed_by_decider`), else by the provider's system key
(:func:`request_signing` alone). Both write the ``sign_result`` outbox row in the caller's
transaction: the worker (workers/jobs/signing.py) signs the result once it commits.

The caller holds the application locked and commits.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from registry.catalogue.model import LocalizedText
from registry.issuing.lifecycle import ResultStatus, Step, after
from registry.models import Result
from registry.outbox import Job, enqueue
from registry.results.document import DocumentSigner, ResultDocument
from registry.workflow.errors import FourEyesError

SIGNER_POSITIONS: dict[str, LocalizedText] = {
    "signer": LocalizedText(
        kk="Көрсетілетін қызметті берушінің уәкілетті басшысы",
        ru="Уполномоченный руководитель услугодателя",
        en="Authorised head of the provider",
    ),
    # S1: the customs officer who decided on a declaration under control (yellow, red).
    "decider": LocalizedText(
        kk="Кеден органының уәкілетті лауазымды адамы",
        ru="Уполномоченное должностное лицо таможенного органа",
        en="Authorised officer of the customs authority",
    ),
}


class ResultStateError(RuntimeError):
    """A lifecycle step on a result whose status refuses it: a caller skipped its check."""


def _advance(result: Result, step: Step) -> ResultStatus:
    status = after(result.status, step)
    if status is None:
        raise ResultStateError(f"result {result.id} is {result.status}: cannot {step}")
    return status


async def approve_for_signature(
    session: AsyncSession,
    result: Result,
    *,
    signer_id: uuid.UUID,
    name: str,
    iin: str,
    now: datetime,
) -> None:
    """The signer's approval: the signer on the document and the result, then ``sign_result``.

    Four eyes first: whoever prepared the result (the same officer, or the same person under
    another account: the same IIN) cannot sign it. The caller has checked that the result
    awaits its signature (each caller answers a refusal with its own error).
    """
    if result.prepared_by == signer_id or (
        result.prepared_by_iin is not None and result.prepared_by_iin == iin
    ):
        raise FourEyesError("whoever prepared a result cannot also sign it")
    _advance(result, Step.APPROVE)
    document = msgspec.convert(result.document, ResultDocument)
    signer = DocumentSigner(position=SIGNER_POSITIONS["signer"], name=name, iin=iin)
    result.document = msgspec.to_builtins(msgspec.structs.replace(document, signer=signer))
    result.signer_id = signer_id
    result.signer_iin = iin
    result.approved_for_signature_at = now
    await request_signing(session, result.id)


def signed_by_decider(result: Result, *, name: str, iin: str) -> None:
    """The officer who decided a result no signer reviews signs it (S1 under control: the
    regulation names the authorised officer); the caller then requests its signing.

    Only the document names them (with the ``decider`` position): the worker signs with the
    key of the document's signer when the result has no approving signer
    (:func:`registry.issuing.issue.claim`). ``signer_id``/``signer_iin`` stay for a second
    officer's approval: the database's four-eyes check keeps them apart from whoever prepared
    the result, while an officer's refusal under control is both prepared and signed by them.
    """
    document = msgspec.convert(result.document, ResultDocument)
    signer = DocumentSigner(position=SIGNER_POSITIONS["decider"], name=name, iin=iin)
    result.document = msgspec.to_builtins(msgspec.structs.replace(document, signer=signer))


async def request_signing(session: AsyncSession, result_id: uuid.UUID) -> None:
    """Outbox row for the worker's ``sign_result`` job (also for results the system approves,
    and for an operator's retry: a new row is a new arq job)."""
    await enqueue(session, Job.SIGN_RESULT, {"result_id": str(result_id)})


def cancel(result: Result) -> None:
    """The signer sent the result back: it will never be signed."""
    result.status = _advance(result, Step.CANCEL)
