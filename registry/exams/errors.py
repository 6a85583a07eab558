"""Why an exam action was not taken: workflow errors, so the gateway maps them the same way."""

from __future__ import annotations

from registry.workflow.errors import WorkflowError


class ExamSessionNotFoundError(WorkflowError):
    code = "exam_session_not_found"
    status = 404


class ExamSessionInvalidError(WorkflowError):
    """A session that cannot be published (in the past, answer key unusable)."""

    code = "exam_session_invalid"
    status = 422


class ExamSessionFullError(WorkflowError):
    code = "exam_session_full"


class ExamSessionClosedError(WorkflowError):
    """Admission after the session started, or a second hold."""

    code = "exam_session_closed"


class ExamNotHeldError(WorkflowError):
    """Answers before the exam took place (the session is not held yet)."""

    code = "exam_not_held"


class ExamAdmissionNotFoundError(WorkflowError):
    code = "exam_admission_not_found"
    status = 404


class ExamAnswersInvalidError(WorkflowError):
    code = "exam_answers_invalid"
    status = 422
