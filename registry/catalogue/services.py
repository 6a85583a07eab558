"""The eight services as data, in the order S1–S8 (rendered in docs/SERVICES.md).

Kazakh texts are taken from the seed regulations (000–004); Russian and English are
translations kept close to the official wording. Where a seed is silent (the customs Standard's
release term, S1–S7 refusal grounds beyond the regulation's conditions) the ``term_note`` or
the ground's text says what the entry rests on.
"""

from __future__ import annotations

import msgspec

from registry.catalogue.flows.customs_release import CUSTOMS_STATUSES, CUSTOMS_TRANSITIONS
from registry.catalogue.flows.declarant_certificate import (
    DECLARANT_TRANSITIONS,
    declarant_statuses,
)
from registry.catalogue.flows.precious_metals import PM_TRANSITIONS, pm_statuses
from registry.catalogue.flows.reexport_permit import REEXPORT_TRANSITIONS, reexport_statuses
from registry.catalogue.model import LocalizedText as T
from registry.catalogue.model import RefusalGround, ServiceDefinition, Step
from registry.forms.customs_release import CustomsReleaseForm
from registry.forms.declarant_certificate import DeclarantCertificateForm
from registry.forms.pm_export_act import PmExportActForm
from registry.forms.pm_extraction_feasibility import PmExtractionFeasibilityForm
from registry.forms.pm_import_act import PmImportActForm
from registry.forms.pm_processing_infeasibility import PmProcessingInfeasibilityForm
from registry.forms.pm_special_registration import PmSpecialRegistrationForm
from registry.forms.reexport_permit import ReexportPermitForm

# --- S1 customs-release (000, 002) ---------------------------------------------------------

CUSTOMS_RELEASE = ServiceDefinition(
    code="customs-release",
    names=T(
        kk=(
            "Электрондық құжат түрінде тауарларға арналған декларацияларды пайдалана отырып "
            "тауарларды кедендік тазарту және шығару"
        ),
        ru=(
            "Таможенная очистка и выпуск товаров с использованием деклараций на товары в форме "
            "электронного документа"
        ),
        en="Customs clearance and release of goods by electronic goods declaration",
    ),
    provider=T(
        kk=(
            "Қазақстан Республикасы Қаржы министрлігінің Мемлекеттік кірістер департаменттері мен "
            "кедендер"
        ),
        ru=(
            "Департаменты государственных доходов и таможни Министерства финансов Республики "
            "Казахстан"
        ),
        en="State Revenue departments and customs of the Ministry of Finance of Kazakhstan",
    ),
    regulation="000, 002",
    applicant_kinds=("individual", "legal_entity"),
    form=CustomsReleaseForm,
    form_schema="CustomsReleaseForm",
    registration_term="2 working-hours",
    steps=(
        Step(
            code="registration",
            names=T(
                kk=(
                    "ЭҚ-ны ақпараттық жүйеде және тауарларға арналған декларацияларды тіркеу "
                    "журналында тіркеу"
                ),
                ru=(
                    "Регистрация ДТ в информационной системе и в журнале регистрации деклараций на"
                    " товары"
                ),
                en="Register the declaration in the system and the declaration journal",
            ),
            role="executor",
            term="2 working-hours",
            term_note=(
                "000 p.5(1), p.8(1): «екі сағаттан аспайтын мерзімде»; or refuse (Customs Code "
                "art. 288 p.4)."
            ),
        ),
        Step(
            code="automated_control",
            names=T(
                kk=(
                    "Автоматтандырылған бақылау: СЭҚ ТН коды, құны, жеңілдіктер, тыйымдар мен "
                    "шектеулер"
                ),
                ru=(
                    "Автоматизированный контроль: код ТН ВЭД, стоимость, льготы, запреты и "
                    "ограничения"
                ),
                en="Automated control: HS code, value, benefits, prohibitions and restrictions",
            ),
            role="system",
            term=None,
            term_note="002 p.2; runs inside the release term.",
        ),
        Step(
            code="risk_assessment",
            names=T(
                kk="Тәуекелдерді басқару жүйесі (ТБЖ): дәлізді тағайындау",
                ru="Система управления рисками (СУР): назначение коридора",
                en="Risk management system: corridor (green, yellow, blue, red)",
            ),
            role="system",
            term=None,
            term_note="002 p.3: green = automatic release; others assign forms of control.",
        ),
        Step(
            code="payment_write_off",
            names=T(
                kk="Кедендік төлемдер мен салықтарды дербес шоттан есептен шығаруды тексеру",
                ru="Проверка списания таможенных платежей и налогов с лицевого счёта",
                en="Check the write-off of duties and taxes from the personal account",
            ),
            role="system",
            term=None,
            term_note="000 p.8(2), 002 p.4.",
        ),
        Step(
            code="release_decision",
            names=T(
                kk="Тауарларды шығару туралы шешім не шығарудан дәлелді бас тарту",
                ru="Решение о выпуске товаров либо мотивированный отказ в выпуске",
                en="Decision to release the goods, or motivated refusal of release",
            ),
            role="executor",
            term="4 working-hours",
            term_note=(
                "000 p.5(3): «Стандарттың 4-тармағында белгіленген мерзімде»; the Standard is not "
                "among the seeds. 4 hours from registration is the EAEU Customs Code art. 119 p.1 "
                "limit — confirm against the Standard."
            ),
        ),
    ),
    total_term=None,
    total_term_note=(
        "The release term of the Standard p.4 (not in the seeds): see release_decision."
    ),
    pausable=False,
    result_document=T(
        kk="Тауарларды шығару туралы шешім («тауарларды шығаруға рұқсат берілді» мәртебесі бар ЭҚ)",
        ru="Решение о выпуске товаров (ДТ со статусом «выпуск товаров разрешён»)",
        en="Decision to release the goods (declaration with status 'release permitted')",
    ),
    refusal_grounds=(
        RefusalGround(
            code="registration_conditions_not_met",
            text=T(
                kk=(
                    "«Қазақстан Республикасындағы кеден ісі туралы» Кодекстің 288-бабының "
                    "4-тармағында көзделген шарттардың сақталмауы (ЭҚ-ны тіркеуден бас тарту)"
                ),
                ru=(
                    "Несоблюдение условий, предусмотренных пунктом 4 статьи 288 Кодекса «О "
                    "таможенном деле в Республике Казахстан» (отказ в регистрации ДТ)"
                ),
                en="Conditions of Customs Code art. 288 p.4 not met (registration refused)",
            ),
        ),
        RefusalGround(
            code="release_conditions_not_met",
            text=T(
                kk="Стандарттың 10-тармағында көрсетілген тауарларды шығарудың шарттары сақталмауы",
                ru="Несоблюдение условий выпуска товаров, указанных в пункте 10 Стандарта",
                en="Conditions of release in the Standard p.10 not met (release refused)",
            ),
        ),
        RefusalGround(
            code="paper_permits_required",
            text=T(
                kk=(
                    "Тарифтік емес реттеуді растайтын рұқсат құжаттары Мемлекеттік кірістер "
                    "комитетінің ақпараттық жүйелерінде жоқ, қағаз түрінде ұсынылуы тиіс"
                ),
                ru=(
                    "Разрешительные документы нетарифного регулирования отсутствуют в "
                    "информационных системах Комитета государственных доходов и должны быть "
                    "представлены на бумаге"
                ),
                en=(
                    "Non-tariff permits are not in the revenue committee's systems and must be "
                    "presented on paper"
                ),
            ),
        ),
    ),
    journal=T(
        kk="Тауарларға арналған декларацияларды тіркеу журналы",
        ru="Журнал регистрации деклараций на товары",
        en="Goods-declaration registration journal",
    ),
    # The declaration commits the declarant's money (duties, taxes, the advance-payment
    # write-off), which is what NCA's financial-signer role exists for.
    signing_roles=("first_head", "signer", "finance_signer"),
)
# The state machine: registry.catalogue.flows.customs_release.
CUSTOMS_RELEASE = msgspec.structs.replace(
    CUSTOMS_RELEASE, statuses=CUSTOMS_STATUSES, transitions=CUSTOMS_TRANSITIONS
)

# --- S2 declarant-certificate (001) --------------------------------------------------------

DECLARANT_CERTIFICATE = ServiceDefinition(
    code="declarant-certificate",
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
        RefusalGround(
            code="exam_failed",
            text=T(
                kk="Біліктілік емтиханында дұрыс жауаптардың саны 60 пайыздан аз",
                ru="Количество правильных ответов на квалификационном экзамене менее 60 процентов",
                en="Fewer than 60 % correct answers in the qualification exam",
            ),
        ),
        RefusalGround(
            code="reapplication_too_early",
            text=T(
                kk="Алғашқы тестілеу өткен сәттен бастап бір ай өтпей қайта жүгіну",
                ru="Повторное обращение ранее одного месяца с момента первого тестирования",
                en="Repeated application earlier than one month after the first test",
            ),
        ),
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
# The state machine: registry.catalogue.flows.declarant_certificate.
DECLARANT_CERTIFICATE = msgspec.structs.replace(
    DECLARANT_CERTIFICATE,
    statuses=declarant_statuses(DECLARANT_CERTIFICATE.steps),
    transitions=DECLARANT_TRANSITIONS,
)

# --- S3–S7 precious metals (003) -----------------------------------------------------------

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
    RefusalGround(
        code="applicant_data_unavailable",
        text=T(
            kk=(
                "ЖТ МД / ЗТ МД-да көрсетілетін қызметті алушының деректері жоқ, деректерді алу "
                "мүмкін емес"
            ),
            ru="Данные услугополучателя отсутствуют в ГБД ФЛ / ГБД ЮЛ, получение данных невозможно",
            en=(
                "The applicant's data are not in the state databases of individuals / legal "
                "entities"
            ),
        ),
    ),
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
            # The rule for portal applications: accepting them (15 min for paper) and
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
        statuses=pm_statuses(steps),
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

# --- S8 reexport-permit (004) --------------------------------------------------------------


def _ground(number: int, code: str, kk: str, ru: str, en: str) -> RefusalGround:
    """Grounds keep the list's number in the code so that "ground 9" is unambiguous."""
    return RefusalGround(code=f"g{number:02d}_{code}", text=T(kk=kk, ru=ru, en=en))


REEXPORT_REFUSAL_GROUNDS = (
    _ground(1, "activity_prohibited",
        (
            "Қазақстан Республикасының заңдарында жеке немесе заңды тұлғалардың осы санаты үшін "
            "қызмет түрімен айналысуға тыйым салынуы"
        ),
        (
            "Запрет законами Республики Казахстан на занятие видом деятельности для данной "
            "категории физических или юридических лиц"
        ),
        "The laws of Kazakhstan prohibit this activity for this category of persons"),
    _ground(2, "qualification_requirements_not_met",
        "Көрсетілетін қызметті алушы біліктілік талаптарына сәйкес келмесе",
        "Несоответствие услугополучателя квалификационным требованиям",
        "The applicant does not meet the qualification requirements"),
    _ground(3, "negative_approval_or_expertise",
        (
            "Уәкілетті мемлекеттік органның мемлекеттік қызмет көрсету үшін қажетті келісімі "
            "туралы сұрау салуға берілген теріс жауап, сондай-ақ сараптаманың, зерттеудің не "
            "тексерудің теріс қорытындысы"
        ),
        (
            "Отрицательный ответ уполномоченного государственного органа на запрос о согласовании,"
            " а также отрицательное заключение экспертизы, исследования либо проверки"
        ),
        (
            "Negative answer of an approving state body, or a negative expert, research or "
            "inspection conclusion"
        )),
    _ground(4, "unreliable_documents",
        (
            "Өтініш беруші ұсынған құжаттардың және (немесе) оларда қамтылған деректердің "
            "(мәліметтердің) анық еместігі анықталуы"
        ),
        (
            "Установление недостоверности документов, представленных заявителем, и (или) данных "
            "(сведений), содержащихся в них"
        ),
        "The documents submitted, or the data in them, are found unreliable"),
    _ground(5, "legal_requirements_not_met",
        (
            "Көрсетілетін қызметті алушының және (немесе) ұсынылған материалдардың, объектілердің,"
            " деректердің және мәліметтердің Қазақстан Республикасының нормативтік құқықтық "
            "актілерінде белгіленген талаптарға сәйкес келмеуі"
        ),
        (
            "Несоответствие услугополучателя и (или) представленных материалов, объектов, данных и"
            " сведений требованиям нормативных правовых актов Республики Казахстан"
        ),
        (
            "The applicant or the materials, objects, data submitted do not meet the requirements "
            "of the law"
        )),
    _ground(6, "harm_to_state_interests",
        "Мемлекет мүдделеріне нұқсан келтіру немесе нұқсан келтіру қатері туындаған жағдайлар",
        "Нанесение ущерба или угроза нанесения ущерба интересам государства",
        "Harm, or a threat of harm, to the interests of the state"),
    _ground(7, "international_obligations_breach",
        "Қазақстан Республикасының халықаралық міндеттемелерін бұзу",
        "Нарушение международных обязательств Республики Казахстан",
        "Breach of the international obligations of Kazakhstan"),
    _ground(8, "negative_risk_assessment",
        "Тәуекелдерді бағалауды жүзеге асыру кезінде теріс шешім қабылдау",
        "Принятие отрицательного решения при проведении оценки рисков",
        "A negative decision of the risk assessment"),
    _ground(9, "administrative_penalty",
        (
            "Рұқсат алуға өтініш берілгенге дейін бір жыл ішінде өтініш берушіге қатысты өзіндік "
            "ерекшелігі бар тауарларды бақылау саласындағы заңнаманы бұзғаны үшін әкімшілік жаза "
            "қолданылса"
        ),
        (
            "Применение к заявителю в течение года до подачи заявления административного взыскания"
            " за нарушение законодательства в области контроля специфических товаров"
        ),
        (
            "An administrative penalty for export-control violations within the year before the "
            "application"
        )),
    _ground(10, "criminal_conviction",
        (
            "Рұқсат алуға өтініш берілгенге дейін бір жыл ішінде өтініш берушіге қатысты өзіндік "
            "ерекшелігі бар тауарларды бақылау саласында қылмыстық құқық бұзушылық жасағаны үшін "
            "соттың айыптау үкімі шығарылса немесе ҚПК 35-бабының бірінші бөлігі 3), 4), 9), 10), "
            "12) тармақтарының немесе 36-бабының негізінде қылмыстық жауаптылықтан босатылса"
        ),
        (
            "Обвинительный приговор суда в отношении заявителя за уголовное правонарушение в "
            "области контроля специфических товаров в течение года до подачи заявления либо "
            "освобождение от уголовной ответственности по п. 3), 4), 9), 10), 12) части первой "
            "статьи 35 или статье 36 УПК"
        ),
        (
            "A criminal conviction in the field (or release from liability on the listed Criminal "
            "Procedure Code grounds) within the year before the application"
        )),
    _ground(11, "un_sanctions_applied",
        (
            "Өтініш берушіге соңғы бес жыл ішінде Біріккен Ұлттар Ұйымы Қауіпсіздік Кеңесінің "
            "санкциялары қолданылса"
        ),
        (
            "Применение к заявителю санкций Совета Безопасности Организации Объединённых Наций в "
            "течение последних пяти лет"
        ),
        "UN Security Council sanctions applied to the applicant within the last five years"),
    _ground(12, "un_sanctions_breached",
        (
            "Өтініш беруші соңғы бес жыл ішінде Біріккен Ұлттар Ұйымы Қауіпсіздік Кеңесінің "
            "санкцияларын бұзса"
        ),
        (
            "Нарушение заявителем санкций Совета Безопасности Организации Объединённых Наций в "
            "течение последних пяти лет"
        ),
        "The applicant breached UN Security Council sanctions within the last five years"),
    _ground(13, "court_suspension_or_ban",
        (
            "Өтініш берушіге қатысты лицензиялауға жататын қызметті немесе жекелеген қызмет "
            "түрлерін тоқтата тұру немесе оларға тыйым салу туралы заңды күшіне енген сот шешімі "
            "(үкімі) болуы"
        ),
        (
            "Наличие вступившего в законную силу решения (приговора) суда о приостановлении или "
            "запрещении деятельности или отдельных видов деятельности, подлежащих лицензированию"
        ),
        "A final court decision suspending or prohibiting the licensed activity"),
    _ground(14, "court_licence_ban_for_debtor",
        (
            "Сот орындаушысының ұсынуы негізінде сот өтініш беруші-борышкерге лицензия беруге "
            "уақытша тыйым салуы"
        ),
        (
            "Временный запрет суда на выдачу лицензии заявителю-должнику на основании "
            "представления судебного исполнителя"
        ),
        (
            "A court's temporary ban, on a bailiff's motion, on licences for the applicant as a "
            "debtor"
        )),
    _ground(15, "special_right_deprived",
        (
            "Көрсетілетін қызметті алушыға қатысты соттың заңды күшіне енген үкімінің болуы, оның "
            "негізінде көрсетілетін қызметті алушы мемлекеттік көрсетілетін қызметті алумен "
            "байланысты арнаулы құқығынан айырылуы"
        ),
        (
            "Наличие вступившего в законную силу приговора суда, на основании которого "
            "услугополучатель лишён специального права, связанного с получением государственной "
            "услуги"
        ),
        "A final court verdict depriving the applicant of the special right the service concerns"),
    _ground(16, "no_personal_data_consent",
        (
            "Көрсетілетін қызметті алушының «Дербес деректер және оларды қорғау туралы» Заңның "
            "8-бабына сәйкес қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісімі "
            "болмауы"
        ),
        (
            "Отсутствие согласия услугополучателя на доступ к персональным данным ограниченного "
            "доступа в соответствии со статьёй 8 Закона «О персональных данных и их защите»"
        ),
        "No consent to access restricted personal data (Personal Data Law art. 8)"),
)  # fmt: skip

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
# The state machine is built from the steps above (registry.catalogue.flows.reexport_permit).
REEXPORT_PERMIT = msgspec.structs.replace(
    REEXPORT_PERMIT,
    statuses=reexport_statuses(REEXPORT_PERMIT.steps),
    transitions=REEXPORT_TRANSITIONS,
)

DEFINITIONS: tuple[ServiceDefinition, ...] = (
    CUSTOMS_RELEASE,
    DECLARANT_CERTIFICATE,
    PM_SPECIAL_REGISTRATION,
    PM_EXTRACTION_FEASIBILITY,
    PM_PROCESSING_INFEASIBILITY,
    PM_EXPORT_ACT,
    PM_IMPORT_ACT,
    REEXPORT_PERMIT,
)
