"""The officers the harnesses drive results with (``make soak``, ``make chaos``): a head, an
executor and a signer for every service and office. The signer is the provider head of the test
PKI, whose key the loopback stack's worker holds (scripts/loopstack.py), so the results it
approves are signed by the worker with a server-held key, as under ``make run``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from registry.db import create_engine, session_factory
from registry.officers.repository import create_officer
from signing.numbers import check_digit
from testkit.pki.config import PROVIDER_HEAD_IIN

SIGNER_NAME = "БАСШЫБАЕВ ҚАНАТ"  # as on the provider-head test certificate


def _iin(first_eleven: str) -> str:
    return first_eleven + str(check_digit(first_eleven))


HEAD_IIN, EXECUTOR_IIN = _iin("75020250001"), _iin("85030350002")


@dataclass
class Officers:
    """Their bearer headers (and the executor's id, which a head assigns work to)."""

    head: dict[str, str]
    executor: dict[str, str]
    executor_id: uuid.UUID
    signer: dict[str, str]


async def make_officers(database_url: str) -> Officers:
    engine = create_engine(database_url, pool_size=1)
    made = {}
    try:
        for role, iin, name in (
            ("head", HEAD_IIN, "Harness Head"),
            ("executor", EXECUTOR_IIN, "Harness Executor"),
            ("signer", PROVIDER_HEAD_IIN, SIGNER_NAME),
        ):
            async with session_factory(engine)() as session, session.begin():
                officer, token = await create_officer(
                    session, role, iin, name, services=("*",), offices=("*",)
                )
            made[role] = (officer.id, {"Authorization": f"Bearer {token}"})
    finally:
        await engine.dispose()
    return Officers(made["head"][1], made["executor"][1], made["executor"][0], made["signer"][1])
