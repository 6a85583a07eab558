"""A worker starts only if its functions are exactly the jobs of ``registry.outbox.Job``."""

from __future__ import annotations

import pytest

from registry.outbox import Job
from registry.settings import Settings
from workers.outbox import JobRegistrationError, check_job_names, registered_job_names
from workers.settings import WorkerSettings, worker_options


def test_the_worker_registers_every_job_and_nothing_else() -> None:
    names = registered_job_names(WorkerSettings.functions)
    assert set(names) == {job.value for job in Job}
    check_job_names(names)  # does not raise


def test_a_job_without_a_function_is_named() -> None:
    names = [job.value for job in Job if job is not Job.SIGN_RESULT]
    with pytest.raises(JobRegistrationError) as raised:
        check_job_names(names)
    assert str(raised.value) == "no worker function for Job sign_result"


def test_a_function_without_a_job_is_named() -> None:
    names = [*(job.value for job in Job), "hand_typed_job"]
    with pytest.raises(
        JobRegistrationError, match=r"^worker functions not in Job: hand_typed_job$"
    ):
        check_job_names(names)


def test_both_disagreements_are_reported_at_once() -> None:
    names = [*(job.value for job in Job if job is not Job.PING), "pong"]
    with pytest.raises(JobRegistrationError) as raised:
        check_job_names(names)
    assert str(raised.value) == (
        "no worker function for Job ping; worker functions not in Job: pong"
    )


def test_worker_options_refuse_a_worker_missing_a_job(monkeypatch: pytest.MonkeyPatch) -> None:
    functions = [f for f in WorkerSettings.functions if getattr(f, "__name__", "") != "ping"]
    assert len(functions) == len(WorkerSettings.functions) - 1
    monkeypatch.setattr(WorkerSettings, "functions", functions)
    with pytest.raises(JobRegistrationError, match="ping"):
        worker_options(Settings())
