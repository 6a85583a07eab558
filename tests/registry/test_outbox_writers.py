"""Outbox rows are written in one module: ``registry/outbox.py`` (``enqueue``).

The walk covers the runtime packages and scripts. Tests write rows of their own lanes' job
names directly, and bench/bench_intake.py's pgbench script replays intake's SQL to measure the
database alone; neither is scanned.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("registry", "gateway", "workers", "signing", "scripts")
WRITER = Path("registry/outbox.py")
MODEL = "OutboxMessage"
RAW_INSERT = re.compile(r"\binsert\s+into\s+outbox\b", re.IGNORECASE)


def _is_model(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == MODEL) or (
        isinstance(node, ast.Attribute) and node.attr == MODEL
    )


def _callee(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def outbox_writes(source: str) -> list[int]:
    """Lines that construct an outbox row or insert into the outbox table."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            (
                isinstance(node, ast.Call)
                and (
                    _is_model(node.func)  # OutboxMessage(...), for session.add
                    or (_callee(node).endswith("insert") and node.args and _is_model(node.args[0]))
                )
            )
            or (
                isinstance(node, ast.Attribute)
                and node.attr == "__table__"
                and _is_model(node.value)
            )
            or (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and RAW_INSERT.search(node.value)
            )
        ):
            lines.append(node.lineno)
    return sorted(lines)


def test_the_walk_finds_every_way_of_writing_a_row() -> None:
    source = """
session.add(OutboxMessage(job="x", payload={}))
session.add(models.OutboxMessage(job="x", payload={}))
await session.execute(insert(OutboxMessage).values(job="x"))
await session.execute(pg_insert(models.OutboxMessage).values(job="x"))
await session.execute(OutboxMessage.__table__.insert())
await session.execute(text("INSERT INTO outbox (id, job) VALUES (:i, :j)"))
await session.execute(select(OutboxMessage.id).where(OutboxMessage.job == "x"))
await session.execute(update(OutboxMessage).values(sent_at=now))
"""
    assert outbox_writes(source) == [2, 3, 4, 5, 6, 7]


def test_only_registry_outbox_writes_outbox_rows() -> None:
    found = {
        f"{path.relative_to(ROOT)}:{line}"
        for package in SCANNED
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.relative_to(ROOT) != WRITER
        for line in outbox_writes(path.read_text(encoding="utf-8"))
    }
    assert found == set(), "write outbox rows with registry.outbox.enqueue"
    assert outbox_writes((ROOT / WRITER).read_text(encoding="utf-8")), "the writer moved?"
