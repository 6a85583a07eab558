"""S2 (001): the qualification certificate of a customs declaration specialist, as data.

received ─register→ head_review ─approve→ unit_head_review ─assign→ exam_preparation
─admit→ exam_scheduled ─exam_held→ exam_results ─pass→ certificate_preparation ─submit→
signature ─approve→ signing ─signed→ issue ─issue→ issued | refused.

Refusals, where 001 allows them:

* at registration, automatically: a candidate who failed an exam less than one month before
  (001 p.6(5)) — ``refuse_retake`` straight to the signer (ground ``reapplication_too_early``);
* at ``exam_preparation`` the executor reviews the documents (p.9(4)): ``refuse`` with
  ``documents_incomplete`` or ``requirements_not_met``;
* at ``exam_results`` the software's score decides: under 60 % is ``fail`` (``exam_failed``).

The head and the unit head only forward the application (p.9(2), p.9(3) give them no
refusal). ``admit``, ``exam_held``, ``pass`` and ``fail`` are the exam module's transitions
(role ``system``): an officer takes them through ``/v1/officer/exam-sessions`` — which
reserves the seat, draws up the protocol or scores the answers in the same transaction — and
never through the generic decisions endpoint, which would skip those facts. The events still
name the officer. The result of a pass is built when the score is recorded (it carries the
certificate and badge numbers). The signer may ``return`` the certificate to its preparation,
and the executor's refusal at ``exam_preparation`` to that review; refusals the software
decided (``fail``, ``refuse_retake``) have nobody to rework them and are not returnable.
"""

from __future__ import annotations

import msgspec

from registry.catalogue.flow import (
    ISSUED,
    RECEIVED,
    REFUSED,
    SIGNING,
    issue_transitions,
    moves,
    refusal_returns,
    signature_transitions,
    step_statuses,
)
from registry.catalogue.model import LocalizedText as T
from registry.catalogue.model import RefusalGround, ServiceDefinition, Status, Step, Transition
from registry.declarant_certificate.forms import DeclarantCertificateForm

SERVICE = "declarant-certificate"

EXAM_SCHEDULED = Status(
    code="exam_scheduled",
    names=T(
        kk="Біліктілік емтиханына жіберілді, емтиханды күтуде",
        ru="Допущен к квалификационному экзамену, ожидает экзамена",
        en="Admitted to the qualification exam, waiting for it",
    ),
)


def declarant_statuses(steps: tuple[Step, ...]) -> tuple[Status, ...]:
    """Every status in flow order: a step's status is open while the step is (registration is
    intake's), with the wait for the exam and the signing in between."""
    by_code = {status.code: status for status in step_statuses(steps, skip=("registration",))}
    order = (
        "head_review",
        "unit_head_review",
        "exam_preparation",
        EXAM_SCHEDULED.code,
        "exam_results",
        "certificate_preparation",
        "signature",
        SIGNING.code,
        "issue",
    )
    known = {**by_code, EXAM_SCHEDULED.code: EXAM_SCHEDULED, SIGNING.code: SIGNING}
    return (RECEIVED, *(known[code] for code in order), ISSUED, REFUSED)


DECLARANT_TRANSITIONS: tuple[Transition, ...] = (
    *moves(
        ("register", "received", "head_review", "system"),
        ("refuse_retake", "received", "signature", "system", "result_refused"),
        ("approve", "head_review", "unit_head_review", "head"),
        ("assign", "unit_head_review", "exam_preparation", "unit_head", "executor_assigned"),
        ("refuse", "exam_preparation", "signature", "executor", "result_refused"),
        ("admit", "exam_preparation", EXAM_SCHEDULED.code, "system"),
        ("exam_held", EXAM_SCHEDULED.code, "exam_results", "system"),
        ("pass", "exam_results", "certificate_preparation", "system", "result_approved"),
        ("fail", "exam_results", "signature", "system", "result_refused"),
    ),
    # The signer returns the certificate for rework with a reason: its preparation reopens.
    *signature_transitions(
        prepared_in="certificate_preparation", return_to="certificate_preparation"
    ),
    # The executor's refusal after reviewing the documents (p.9(4)) goes back to that review.
    # Refusals the software decided (the exam score, a retake too early) have no one to rework
    # them: they are not returnable.
    *refusal_returns("exam_preparation"),
    *moves(("signed", SIGNING.code, "issue", "system")),
    *issue_transitions("issue"),
)

EXAM_FAILED_GROUND = RefusalGround(
    code="exam_failed",
    text=T(
        kk="Біліктілік емтиханында дұрыс жауаптардың саны 60 пайыздан аз",
        ru="Количество правильных ответов на квалификационном экзамене менее 60 процентов",
        en="Fewer than 60 % correct answers in the qualification exam",
    ),
)

TOO_EARLY_GROUND = RefusalGround(
    code="reapplication_too_early",
    text=T(
        kk="Алғашқы тестілеу өткен сәттен бастап бір ай өтпей қайта жүгіну",
        ru="Повторное обращение ранее одного месяца с момента первого тестирования",
        en="Repeated application earlier than one month after the first test",
    ),
)

DECLARANT_CERTIFICATE = ServiceDefinition(
    code=SERVICE,
    names=T(
        kk="Кедендік декларациялау жөніндегі маманның біліктілік аттестатын беру",
        ru="Выдача квалификационного аттестата специалиста по таможенному декларированию",
        en="Qualification certificate of a customs declaration specialist",
    ),
    provider=T(
        kk=(
            "Мемлекеттік кірістер комитетінің облыстар, Астана және Алматы қалалары және кеден "
            "бойынша аумақтық органдары"
        ),
        ru=(
            "Территориальные органы Комитета государственных доходов по областям, городам Астана и"
            " Алматы и таможни"
        ),
        en="Territorial bodies of the State Revenue Committee (regions, Astana, Almaty, customs)",
    ),
    regulation="001",
    applicant_kinds=("individual",),
    form=DeclarantCertificateForm,
    form_schema="DeclarantCertificateForm",
    registration_term="1 working-hours",
    steps=(
        Step(
            code="registration",
            names=T(
                kk="Өтінішті тіркеу", ru="Регистрация заявления", en="Register the application"
            ),
            role="clerk",
            term="1 working-hours",
            term_note=(
                "001 p.6(1), p.9(1); at the counter documents are accepted in 10 minutes (p.6 1st "
                "item 1)."
            ),
        ),
        Step(
            code="head_review",
            names=T(kk="Басшының қарауы", ru="Рассмотрение руководителем", en="Review by the head"),
            role="head",
            term="3 working-hours",
            term_note="001 p.9(2).",
        ),
        Step(
            code="unit_head_review",
            names=T(
                kk="Құрылымдық бөлімше басшысының қарауы",
                ru="Рассмотрение руководителем структурного подразделения",
                en="Review by the head of the structural unit",
            ),
            role="unit_head",
            term="3 working-hours",
            term_note="001 p.9(3).",
        ),
        Step(
            code="exam_preparation",
            names=T(
                kk="Құжаттарды қарау және біліктілік емтиханын ұйымдастыру",
                ru="Рассмотрение документов и организация квалификационного экзамена",
                en="Review the documents and organise the qualification exam",
            ),
            role="executor",
            term="2 working-days",
            term_note="001 p.6(4), p.9(4): from receipt of the application.",
        ),
        Step(
            code="exam_results",
            names=T(
                kk="Біліктілік емтиханының қорытындысын шығару (60 пайыз және одан жоғары)",
                ru="Подведение итогов квалификационного экзамена (60 % и более)",
                en="Summarise the exam results (pass mark 60 %)",
            ),
            role="executor",
            term="1 working-days",
            term_note="001 p.9(5).",
        ),
        Step(
            code="certificate_preparation",
            names=T(
                kk="Біліктілік аттестаты мен бейджді дайындау",
                ru="Подготовка квалификационного аттестата и бейджа",
                en="Prepare the certificate and the badge",
            ),
            role="executor",
            term="3 working-days",
            term_note="001 p.9(6): from the protocol signed by the head and the exam officials.",
        ),
        Step(
            code="signature",
            names=T(
                kk="Басшының қол қоюы",
                ru="Подписание руководителем",
                en="Signature by the head (or deputy)",
            ),
            role="signer",
            term="7 working-hours",
            term_note="001 p.9(7).",
        ),
        Step(
            code="issue",
            names=T(
                kk="Нәтижені тіркеу және беру",
                ru="Регистрация и выдача результата",
                en="Register and hand over the result",
            ),
            role="clerk",
            term="1 working-hours",
            term_note="001 p.9(8); p.6(6) says 50 minutes for the journal entry and hand-over.",
        ),
    ),
    total_term="5 working-days",
    total_term_note="001 p.6(5): certificate issued no later than 5 working days after the exam.",
    pausable=False,
    result_document=T(
        kk="Кедендік декларациялау жөніндегі маманның біліктілік аттестаты",
        ru="Квалификационный аттестат специалиста по таможенному декларированию",
        en="Qualification certificate of a customs declaration specialist",
    ),
    refusal_grounds=(
        RefusalGround(
            code="documents_incomplete",
            text=T(
                kk="Стандарттың 9-тармағында көрсетілген құжаттардың толық ұсынылмауы",
                ru="Непредставление полного пакета документов, указанных в пункте 9 Стандарта",
                en="The documents of the Standard p.9 are not all presented",
            ),
        ),
        EXAM_FAILED_GROUND,
        TOO_EARLY_GROUND,
        RefusalGround(
            code="requirements_not_met",
            text=T(
                kk=(
                    "Көрсетілетін қызметті алушының біліктілік талаптарына және негіздемелерге "
                    "сәйкес келмеуі"
                ),
                ru="Несоответствие услугополучателя квалификационным требованиям и основаниям",
                en="The applicant does not meet the qualification requirements and grounds",
            ),
        ),
    ),
    journal=T(
        kk="Кедендік декларациялау жөніндегі маманның біліктілік аттестатын, бейджін беру журналы",
        ru=(
            "Журнал выдачи квалификационных аттестатов, бейджей специалистов по таможенному "
            "декларированию"
        ),
        en="Journal of certificates and badges of customs declaration specialists",
    ),
)
# The state machine: registry.declarant_certificate.service.
DECLARANT_CERTIFICATE = msgspec.structs.replace(
    DECLARANT_CERTIFICATE,
    statuses=declarant_statuses(DECLARANT_CERTIFICATE.steps),
    transitions=DECLARANT_TRANSITIONS,
)
