"""The result's lifecycle table: which step each stored status allows, and where it leads."""

from __future__ import annotations

import itertools
import re

import pytest
from sqlalchemy import CheckConstraint

from registry.issuing.lifecycle import TRANSITIONS, ResultStatus, Step, after, allows
from registry.models import Result

AWAITING = ResultStatus.AWAITING_SIGNATURE


def test_the_statuses_are_those_the_database_allows() -> None:
    table = Result.metadata.tables["results"]
    [check] = [c for c in table.constraints if c.name == "ck_results_known_status"]
    assert isinstance(check, CheckConstraint)
    allowed = re.findall(r"'([a-z_]+)'", str(check.sqltext))
    assert [status.value for status in ResultStatus] == allowed


@pytest.mark.parametrize(
    ("step", "target"),
    [
        (Step.APPROVE, AWAITING),
        (Step.FAIL, AWAITING),
        (Step.RETRY, AWAITING),
        (Step.SIGN, ResultStatus.SIGNED),
        (Step.CANCEL, ResultStatus.CANCELLED),
    ],
)
def test_a_result_awaiting_its_signature_allows_every_step(
    step: Step, target: ResultStatus
) -> None:
    assert after(AWAITING, step) is target
    assert after("awaiting_signature", step) is target  # as read from the database
    assert allows(AWAITING, step)


@pytest.mark.parametrize(
    ("status", "step"),
    list(itertools.product([ResultStatus.SIGNED, ResultStatus.CANCELLED], Step)),
)
def test_signed_and_cancelled_are_final(status: ResultStatus, step: Step) -> None:
    assert after(status, step) is None
    assert not allows(status.value, step)


def test_every_transition_starts_awaiting_its_signature() -> None:
    assert {source for source, _ in TRANSITIONS} == {AWAITING}
    assert len(TRANSITIONS) == len(Step)


def test_an_unknown_stored_status_is_an_error() -> None:
    with pytest.raises(ValueError, match="signing"):
        after("signing", Step.SIGN)  # the application's status, never a result's
