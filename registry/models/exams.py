"""S2 qualification exams: published sessions, admitted applicants and their scored answers.

A session is a place and a time with a number of seats (001 p.4: published at least once a
month) and the answer key the software scores against. An admission is one applicant's seat in
one session; once the executor records the answers it holds the score and, for a pass, the
certificate and badge numbers. The answer key never leaves the officers' side.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import ApplicationId, IinBin, NowByDefault, OfficerId, SerialId


class ExamSession(Base):
    __tablename__ = "exam_sessions"
    __table_args__ = (
        CheckConstraint("capacity > 0", name="positive_capacity"),
        # A protocol is drawn up when the exam is held, not before.
        CheckConstraint("(held_at IS NULL) = (protocol_number IS NULL)", name="protocol_when_held"),
        Index("ix_exam_sessions_starts_at", "starts_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    revenue_body: Mapped[str]
    address: Mapped[str]
    starts_at: Mapped[datetime]
    capacity: Mapped[int]
    answer_key: Mapped[list[str]]
    created_by: Mapped[OfficerId]
    created_at: Mapped[NowByDefault]
    held_at: Mapped[datetime | None]
    protocol_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    protocol_date: Mapped[date | None]


class ExamAdmission(Base):
    __tablename__ = "exam_admissions"
    __table_args__ = (
        # Scored together: answers, the counts, the percentage and the verdict.
        CheckConstraint(
            "(scored_at IS NULL) = (passed IS NULL) AND (passed IS NULL) = (score_percent IS NULL)",
            name="scored_together",
        ),
        CheckConstraint(
            "(certificate_number IS NULL) OR passed", name="certificate_only_when_passed"
        ),
        Index("ix_exam_admissions_session", "session_id"),
        # The retake rule looks up an applicant's failed exams.
        Index(
            "ix_exam_admissions_failed", "applicant_iin", postgresql_where=text("passed = false")
        ),
    )

    id: Mapped[SerialId]
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exam_sessions.id"))
    application_id: Mapped[ApplicationId] = mapped_column(unique=True)
    applicant_iin: Mapped[IinBin]
    applicant_name: Mapped[str]
    admitted_at: Mapped[datetime]
    admitted_by: Mapped[OfficerId]
    answers: Mapped[list[str] | None]
    correct: Mapped[int | None]
    total: Mapped[int | None]
    score_percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    passed: Mapped[bool | None]
    scored_at: Mapped[datetime | None]
    scored_by: Mapped[OfficerId | None]
    certificate_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    badge_number: Mapped[str | None] = mapped_column(String(32), unique=True)
