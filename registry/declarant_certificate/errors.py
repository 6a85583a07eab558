"""Why an exam action was not taken (domain errors: registry.errors)."""

from __future__ import annotations

from registry.errors import DomainError, Kind


class ExamSessionNotFoundError(DomainError):
    code = "exam_session_not_found"
    kind = Kind.NOT_FOUND


class ExamSessionInvalidError(DomainError):
    """A session that cannot be published (in the past, answer key unusable)."""

    code = "exam_session_invalid"
    kind = Kind.INVALID


class ExamSessionFullError(DomainError):
    code = "exam_session_full"
    kind = Kind.CONFLICT


class ExamSessionClosedError(DomainError):
    """Admission after the session started, or a second hold."""

    code = "exam_session_closed"
    kind = Kind.CONFLICT


class ExamNotHeldError(DomainError):
    """Answers before the exam took place (the session is not held yet)."""

    code = "exam_not_held"
    kind = Kind.CONFLICT


class ExamAdmissionNotFoundError(DomainError):
    code = "exam_admission_not_found"
    kind = Kind.NOT_FOUND


class ExamAnswersInvalidError(DomainError):
    code = "exam_answers_invalid"
    kind = Kind.INVALID
