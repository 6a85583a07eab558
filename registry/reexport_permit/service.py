"""S8 (004): the re-export permit's catalogue entry — steps, terms, refusal grounds (listed in
:mod:`registry.reexport_permit.grounds`) — and its state machine.

received ─register→ completeness_check ─complete→ interagency_requests ─answers_received→
risk_assessment ─approve/refuse→ result_preparation ─submit→ signature ─approve→ signing
─signed→ issued | refused.

* ``refuse_review`` (completeness_check → signature): the motivated refusal of further review
  (annex 3) for an incomplete application; it is signed by the head (the signer role), so it
  skips risk assessment and preparation.
* ``complete`` sends one request per export-control agency and the importer's guarantee to the
  foreign ministry, and pauses the clock (registry.reexport_permit.hooks).
* ``answers_received`` is the system's move once every agency has answered; the risk
  assessment (5 working days) starts then. Approval also needs the guarantee confirmed, which
  resumes the clock; until then the paused time does not count against the step or the total.
"""

from __future__ import annotations

import msgspec

from registry.catalogue.flow import (
    RECEIVED,
    SIGNING,
    moves,
    outcome_transitions,
    refusal_returns,
    review_transitions,
    signature_transitions,
    signed_result_statuses,
)
from registry.catalogue.model import LocalizedText as T
from registry.catalogue.model import ServiceDefinition, Step, Transition
from registry.reexport_permit.forms import ReexportPermitForm
from registry.reexport_permit.grounds import REEXPORT_REFUSAL_GROUNDS

REEXPORT_TRANSITIONS: tuple[Transition, ...] = (
    *moves(
        ("register", RECEIVED.code, "completeness_check", "system"),
        ("complete", "completeness_check", "interagency_requests", "executor"),
        ("refuse_review", "completeness_check", "signature", "executor", "result_refused"),
        ("answers_received", "interagency_requests", "risk_assessment", "system"),
    ),
    *review_transitions("risk_assessment"),
    # The signer returns the permit for rework with a reason: the risk assessment reopens.
    *signature_transitions(prepared_in="result_preparation", return_to="risk_assessment"),
    # A refusal goes back to the step that decided it: the completeness check (the refusal of
    # further review, annex 3) or the risk assessment.
    *refusal_returns("completeness_check", "risk_assessment"),
    *outcome_transitions("signed", SIGNING.code, ("system",)),
)


REEXPORT_PERMIT = ServiceDefinition(
    code="reexport-permit",
    names=T(
        kk="Өзіндік ерекшелігі бар тауарлардың эксаумақтық кері экспортына рұқсат беру",
        ru="Выдача разрешения на экстерриториальный реэкспорт специфических товаров",
        en="Permit for extraterritorial re-export of goods with special characteristics",
    ),
    provider=T(
        kk=(
            "Қазақстан Республикасы Индустрия және инфрақұрылымдық даму министрлігінің "
            "Индустриялық даму комитеті"
        ),
        ru=(
            "Комитет индустриального развития Министерства индустрии и инфраструктурного развития "
            "Республики Казахстан"
        ),
        en="Industrial Development Committee, Ministry of Industry and Infrastructure Development",
    ),
    regulation="004",
    applicant_kinds=("individual", "legal_entity"),
    form=ReexportPermitForm,
    form_schema="ReexportPermitForm",
    registration_term="0 working-days",
    steps=(
        Step(
            code="registration",
            names=T(
                kk="Құжаттарды келіп түскен күні қабылдау және тіркеу",
                ru="Приём и регистрация документов в день их поступления",
                en="Accept and register the documents on the day of receipt",
            ),
            role="clerk",
            term="0 working-days",
            term_note=(
                "004 p.11: the day of receipt; after 17:00, on weekends or holidays the next "
                "working day (annex 1 line 7)."
            ),
        ),
        Step(
            code="completeness_check",
            names=T(
                kk="Ұсынылған құжаттардың толықтығын тексеру",
                ru="Проверка полноты представленных документов",
                en=(
                    "Check completeness; if incomplete, motivated refusal of further review (annex"
                    " 3)"
                ),
            ),
            role="executor",
            term="2 working-days",
            term_note="004 p.12; the refusal is signed with the EDS of the head or acting head.",
        ),
        Step(
            code="interagency_requests",
            names=T(
                kk=(
                    "Бақылау жүйесінің мемлекеттік органдарына сұрау салу және кепілдік "
                    "міндеттемесін СІМ-ге растауға жіберу"
                ),
                ru=(
                    "Запросы в государственные органы системы контроля и направление гарантийного "
                    "обязательства в МИД на подтверждение"
                ),
                en=(
                    "Request the export-control bodies; send the guarantee to the Foreign Ministry"
                    " for confirmation"
                ),
            ),
            role="executor",
            term=None,
            term_note=(
                "004 p.13–14; the answers' timing is set by Government decree No. 283; the total "
                "term pauses while the guarantee or foreign information is being confirmed (p.10)."
            ),
        ),
        Step(
            code="risk_assessment",
            names=T(
                kk="Тәуекелдерді бағалау",
                ru="Оценка рисков",
                en="Risk assessment",
            ),
            role="executor",
            term="5 working-days",
            term_note="004 p.13: from the answers of the export-control bodies.",
        ),
        Step(
            code="result_preparation",
            names=T(
                kk="Рұқсатты (4-қосымша) немесе дәлелді бас тартуды дайындау",
                ru="Подготовка разрешения (приложение 4) или мотивированного отказа",
                en="Prepare the permit (annex 4) or a motivated refusal",
            ),
            role="executor",
            term=None,
            term_note="004 p.15; inside the 30-working-day total.",
        ),
        Step(
            code="signature",
            names=T(
                kk="Басшының не оның орнындағы адамның ЭЦҚ-мен қол қоюы",
                ru="Подписание ЭЦП руководителя либо лица, его замещающего",
                en="EDS signature of the head or acting head",
            ),
            role="signer",
            term=None,
            term_note="004 p.15; inside the 30-working-day total.",
        ),
    ),
    total_term="30 working-days",
    total_term_note=(
        "004 p.10: excluding the time to confirm the importing country's guarantee or "
        "information from foreign bodies; the permit is issued after the confirmation arrives."
    ),
    pausable=True,
    result_document=T(
        kk="Өзіндік ерекшелігі бар тауарлардың эксаумақтық кері экспортына рұқсат (1 жыл)",
        ru="Разрешение на экстерриториальный реэкспорт специфических товаров (1 год)",
        en="Permit for extraterritorial re-export (valid 1 year, capped by its documents)",
    ),
    refusal_grounds=REEXPORT_REFUSAL_GROUNDS,
)
# The state machine is built from the steps above.
REEXPORT_PERMIT = msgspec.structs.replace(
    REEXPORT_PERMIT,
    statuses=signed_result_statuses(REEXPORT_PERMIT.steps),
    transitions=REEXPORT_TRANSITIONS,
)
SERVICE = REEXPORT_PERMIT.code
