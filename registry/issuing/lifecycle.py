"""A result's stored status and the steps of its lifecycle, as one transition table.

The ``results.status`` column holds one of three values (its check constraint, migration 0005,
allows exactly these): a result is created ``awaiting_signature`` and leaves that status once,
to ``signed`` (the worker stored its signed documents) or to ``cancelled`` (the signer sent it
back). Approval, a failure and an operator's retry happen while it awaits its signature; they
leave traces elsewhere (the signer and ``approved_for_signature_at`` on the row, the outbox
row of ``sign_result``, the ``signing_failed`` / ``signing_retried`` events), not in the status.

This module imports nothing of the registry: the workflow engine and the models' readers use
the enum without depending on the rest of issuing.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class ResultStatus(StrEnum):
    """The stored status of a result (``results.status``); values are never renamed."""

    AWAITING_SIGNATURE = "awaiting_signature"
    SIGNED = "signed"
    CANCELLED = "cancelled"


class Step(StrEnum):
    """What can happen to a result on its way to being issued."""

    APPROVE = "approve"  # the signer (or, with no signer step, the system) requests its signature
    SIGN = "sign"  # the worker stores its signed PDF and XML
    FAIL = "fail"  # signing failed in a way running the job again will not fix
    RETRY = "retry"  # an operator requests its signature again
    CANCEL = "cancel"  # the signer sends it back for rework


_AWAITING = ResultStatus.AWAITING_SIGNATURE

TRANSITIONS: Mapping[tuple[ResultStatus, Step], ResultStatus] = MappingProxyType(
    {
        (_AWAITING, Step.APPROVE): _AWAITING,
        (_AWAITING, Step.FAIL): _AWAITING,
        (_AWAITING, Step.RETRY): _AWAITING,
        (_AWAITING, Step.SIGN): ResultStatus.SIGNED,
        (_AWAITING, Step.CANCEL): ResultStatus.CANCELLED,
    }
)
"""(status, step) -> the status after it; a pair missing here is refused (signed and cancelled
results are final)."""


def after(status: str, step: Step) -> ResultStatus | None:
    """The status ``step`` leaves a result of ``status`` in; None when ``step`` is refused."""
    return TRANSITIONS.get((ResultStatus(status), step))


def allows(status: str, step: Step) -> bool:
    """Whether ``step`` may happen to a result of ``status``."""
    return after(status, step) is not None
