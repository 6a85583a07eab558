"""S3–S7 (003): the five precious-metals services' catalogue entries and their e-licensing
chain, the same for all five.

received ─register→ assignment ─assign→ review ─approve/refuse→ result_preparation ─submit→
signature ─approve→ signing ─signed→ result_registration ─register_result→ issue ─issue→
issued | refused. An applicant the state databases do not know gets the ``applicant_not_found``
notice: received ─refuse_not_found→ signature (no executor involved; 003 5-рәсім). The signer
may send a prepared result back to review (``return``), which cancels it.
"""

from __future__ import annotations

from registry.catalogue.flow import (
    SIGNING,
    issue_transitions,
    moves,
    review_transitions,
    signature_transitions,
    signed_result_statuses,
)
from registry.catalogue.model import LocalizedText as T
from registry.catalogue.model import RefusalGround, ServiceDefinition, Step, Transition
from registry.precious_metals.forms.export_act import PmExportActForm
from registry.precious_metals.forms.extraction_feasibility import PmExtractionFeasibilityForm
from registry.precious_metals.forms.import_act import PmImportActForm
from registry.precious_metals.forms.processing_infeasibility import PmProcessingInfeasibilityForm
from registry.precious_metals.forms.special_registration import PmSpecialRegistrationForm

PM_TRANSITIONS: tuple[Transition, ...] = (
    *moves(
        ("register", "received", "assignment", "system"),
        ("refuse_not_found", "received", "signature", "system", "result_refused"),
        ("assign", "assignment", "review", "head", "executor_assigned"),
    ),
    *review_transitions("review"),
    *signature_transitions(prepared_in="result_preparation", return_to="review", return_when=None),
    *moves(
        ("signed", SIGNING.code, "result_registration", "system"),
        ("register_result", "result_registration", "issue", "clerk"),
    ),
    *issue_transitions("issue"),
)

PM_PROVIDER = T(
    kk=(
        "Қазақстан Республикасы Инвестициялар және даму министрлігінің Индустриялық даму және "
        "өнеркәсіптік қауіпсіздік комитеті"
    ),
    ru=(
        "Комитет индустриального развития и промышленной безопасности Министерства по инвестициям "
        "и развитию Республики Казахстан"
    ),
    en=(
        "Committee for Industrial Development and Industrial Safety, Ministry for Investment and "
        "Development"
    ),
)

NOT_FOUND_GROUND = RefusalGround(
    code="applicant_data_unavailable",
    text=T(
        kk=(
            "ЖТ МД / ЗТ МД-да көрсетілетін қызметті алушының деректері жоқ, деректерді алу "
            "мүмкін емес"
        ),
        ru="Данные услугополучателя отсутствуют в ГБД ФЛ / ГБД ЮЛ, получение данных невозможно",
        en=("The applicant's data are not in the state databases of individuals / legal entities"),
    ),
)

PM_REFUSAL_GROUNDS = (
    RefusalGround(
        code="requirements_not_met",
        text=T(
            kk=(
                "Көрсетілетін қызметті алушының біліктілік талаптарына және мемлекеттік қызметті "
                "көрсетуге арналған негіздемелерге сәйкес келмеуі"
            ),
            ru=(
                "Несоответствие услугополучателя квалификационным требованиям и основаниям для "
                "оказания государственной услуги"
            ),
            en=(
                "The applicant does not meet the qualification requirements and grounds for the "
                "service"
            ),
        ),
    ),
    NOT_FOUND_GROUND,
)


def _pm_steps(review_term: str, result: T) -> tuple[Step, ...]:
    """The eight procedures common to S3–S7 (003 p.5); only the review term differs."""
    return (
        Step(
            code="registration",
            names=T(
                kk="Өтінімді қабылдау және тіркеу нөмірі мен күнін бере отырып тіркеу",
                ru="Приём и регистрация заявки с присвоением номера и даты",
                en="Accept the application and register it with number and date",
            ),
            role="clerk",
            # The issue's rule for portal applications: accepting them (15 min for paper) and
            # processing and placing them on the portal (1 hour) happen within 1 working hour.
            term="1 working-hours",
            term_note=(
                "003 p.5(1)-(2): registration with number and date (15 min on paper) and "
                "processing and placement on the portal (1 hour), one step for portal applications."
            ),
        ),
        Step(
            code="assignment",
            names=T(
                kk="Жауапты бөлімшені және орындаушыны анықтау",
                ru="Определение ответственного подразделения и исполнителя",
                en="Assign the responsible unit and executor",
            ),
            role="head",
            term="2 working-hours",
            term_note="003 p.5(3).",
        ),
        Step(
            code="review",
            names=T(
                kk="Жауапты орындаушының өтінімді қарастыруы",
                ru="Рассмотрение заявки ответственным исполнителем",
                en="Review by the responsible executor",
            ),
            role="executor",
            term=review_term,
            term_note="003 p.5(4).",
        ),
        Step(
            code="result_preparation",
            names=T(
                kk=f"{result.kk}: дайындау және бөлімше басшылығына келісуге енгізу",
                ru=f"{result.ru}: подготовка и внесение на согласование руководству подразделения",
                en=f"{result.en}: prepare and submit to the unit head",
            ),
            role="executor",
            term="1 working-hours",
            term_note="003 p.5(5).",
        ),
        Step(
            code="signature",
            names=T(
                kk="Құрылымдық бөлімше басшылығының қол қоюы",
                ru="Подписание руководством структурного подразделения",
                en="Signature by the head of the structural unit",
            ),
            role="signer",
            term="1 working-hours",
            term_note="003 p.5(6).",
        ),
        Step(
            code="result_registration",
            names=T(
                kk="Қол қойылған нәтижені кеңседе тіркеу",
                ru="Регистрация подписанного результата в канцелярии",
                en="Register the signed result in the office",
            ),
            role="clerk",
            term="1 working-hours",
            term_note="003 p.5(7).",
        ),
        Step(
            code="issue",
            names=T(
                kk="Нәтижені қызмет алушыға ұсыну",
                ru="Выдача результата услугополучателю",
                en="Hand the result to the applicant",
            ),
            role="clerk",
            term="1 working-hours",
            term_note="003 p.5(8).",
        ),
    )


def _pm_service(
    code: str, *, names: T, form: type, form_schema: str, review_term: str, result: T
) -> ServiceDefinition:
    steps = _pm_steps(review_term, result)
    return ServiceDefinition(
        code=code,
        names=names,
        provider=PM_PROVIDER,
        regulation="003 (repealed 2020; kept as the process model)",
        applicant_kinds=("individual", "legal_entity"),
        form=form,
        form_schema=form_schema,
        # A portal application is not the paper one the office registers in 15 minutes:
        # it is processed and placed on the portal within 1 working hour (003, step 2).
        registration_term="1 working-hours",
        steps=steps,
        total_term=None,
        total_term_note="003 gives step terms only; the review term dominates.",
        pausable=False,
        result_document=result,
        refusal_grounds=PM_REFUSAL_GROUNDS,
        statuses=signed_result_statuses(steps),
        transitions=PM_TRANSITIONS,
    )


PM_SPECIAL_REGISTRATION = _pm_service(
    "pm-special-registration",
    names=T(
        kk=(
            "Құрамында бағалы металдар бар шикізат тауарлары мен олардан жасалған бұйымдарды "
            "қоспағанда, бағалы металдармен операцияларды жүзеге асыратын заңды тұлғалар мен дара "
            "кәсіпкерлерді арнайы есепке қою туралы анықтама беру"
        ),
        ru=(
            "Выдача справки о постановке на специальный учёт юридических лиц и индивидуальных "
            "предпринимателей, осуществляющих операции с драгоценными металлами, за исключением "
            "сырьевых товаров, содержащих драгоценные металлы, и изделий из них"
        ),
        en=(
            "Certificate of special registration of legal entities and sole proprietors operating "
            "with precious metals"
        ),
    ),
    form=PmSpecialRegistrationForm,
    form_schema="PmSpecialRegistrationForm",
    review_term="4 calendar-days",
    result=T(
        kk="Арнайы есепке қою туралы анықтама",
        ru="Справка о постановке на специальный учёт",
        en="Certificate of special registration",
    ),
)

PM_EXTRACTION_FEASIBILITY = _pm_service(
    "pm-extraction-feasibility",
    names=T(
        kk=(
            "Қазақстан Республикасында шикізат тауарларынан бағалы металдарды өнеркәсіптік алудың "
            "экономикалық орындылығы (орынсыздығы) және мүмкіндігі (мүмкін еместігі) туралы "
            "қорытынды беру"
        ),
        ru=(
            "Выдача заключения об экономической целесообразности (нецелесообразности) и "
            "возможности (невозможности) промышленного извлечения драгоценных металлов из сырьевых"
            " товаров в Республике Казахстан"
        ),
        en=(
            "Conclusion on the feasibility of industrial extraction of precious metals from raw "
            "goods in Kazakhstan"
        ),
    ),
    form=PmExtractionFeasibilityForm,
    form_schema="PmExtractionFeasibilityForm",
    review_term="6 calendar-days",
    result=T(
        kk=(
            "Бағалы металдарды өнеркәсіптік алудың экономикалық орындылығы және мүмкіндігі туралы "
            "қорытынды"
        ),
        ru=(
            "Заключение об экономической целесообразности и возможности промышленного извлечения "
            "драгоценных металлов"
        ),
        en="Conclusion on the feasibility of industrial extraction of precious metals",
    ),
)

PM_PROCESSING_INFEASIBILITY = _pm_service(
    "pm-processing-infeasibility",
    names=T(
        kk=(
            "Қазақстан Республикасының аумағында құрамында бағалы металдар бар шикізат тауарларын "
            "қайта өңдеудің экономикалық орынсыздығы немесе мүмкін еместігі туралы қорытынды беру"
        ),
        ru=(
            "Выдача заключения об экономической нецелесообразности или невозможности переработки "
            "сырьевых товаров, содержащих драгоценные металлы, на территории Республики Казахстан"
        ),
        en=(
            "Conclusion on the infeasibility of processing raw goods containing precious metals in"
            " Kazakhstan"
        ),
    ),
    form=PmProcessingInfeasibilityForm,
    form_schema="PmProcessingInfeasibilityForm",
    review_term="6 calendar-days",
    result=T(
        kk=(
            "Шикізат тауарларын қайта өңдеудің экономикалық орынсыздығы немесе мүмкін еместігі "
            "туралы қорытынды"
        ),
        ru=(
            "Заключение об экономической нецелесообразности или невозможности переработки сырьевых"
            " товаров"
        ),
        en="Conclusion on the infeasibility of processing raw goods in Kazakhstan",
    ),
)

PM_EXPORT_ACT = _pm_service(
    "pm-export-act",
    names=T(
        kk=(
            "Экспорты лицензияның негізінде (лицензиясыз) жүзеге асырылатын бағалы металдарды "
            "(олардан жасалған бұйымдары қоспағанда), бағалы металдардың сынықтарын және "
            "қалдықтарын Кеден одағына кірмейтін елдерге Қазақстан Республикасының аумағынан әкету"
            " кезінде мемлекеттік бақылау және құнын бағалау актісін беру"
        ),
        ru=(
            "Выдача акта государственного контроля и оценки стоимости при вывозе с территории "
            "Республики Казахстан в страны, не входящие в Таможенный союз, драгоценных металлов "
            "(за исключением изделий из них), лома и отходов драгоценных металлов, экспорт которых"
            " осуществляется на основании лицензии (без лицензии)"
        ),
        en=(
            "Act of state control and value appraisal on export of precious metals, scrap and "
            "waste outside the Customs Union"
        ),
    ),
    form=PmExportActForm,
    form_schema="PmExportActForm",
    review_term="4 calendar-days",
    result=T(
        kk="Мемлекеттік бақылау және құнын бағалау актісі",
        ru="Акт государственного контроля и оценки стоимости",
        en="Act of state control and value appraisal",
    ),
)

PM_IMPORT_ACT = _pm_service(
    "pm-import-act",
    names=T(
        kk=(
            "Экспорты лицензияның негізінде (лицензиясыз) жүзеге асырылатын бағалы металдарды "
            "(олардан жасалған бұйымдарды қоспағанда) бағалы металдардың сынықтарын және "
            "қалдықтарын Кеден одағына кірмейтін елдерден Қазақстан Республикасының аумағына әкелу"
            " кезінде мемлекеттік бақылау актісін беру"
        ),
        ru=(
            "Выдача акта государственного контроля при ввозе на территорию Республики Казахстан из"
            " стран, не входящих в Таможенный союз, драгоценных металлов (за исключением изделий "
            "из них), лома и отходов драгоценных металлов"
        ),
        en=(
            "Act of state control on import of precious metals, scrap and waste from outside the "
            "Customs Union"
        ),
    ),
    form=PmImportActForm,
    form_schema="PmImportActForm",
    review_term="4 calendar-days",
    result=T(
        kk="Мемлекеттік бақылау актісі",
        ru="Акт государственного контроля",
        en="Act of state control",
    ),
)
