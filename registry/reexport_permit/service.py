"""S8 (004): the re-export permit's catalogue entry — steps, terms, refusal grounds — and its
state machine.

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
    review_transitions,
    signature_transitions,
    signed_result_statuses,
)
from registry.catalogue.model import LocalizedText as T
from registry.catalogue.model import RefusalGround, ServiceDefinition, Step, Transition
from registry.reexport_permit.forms import ReexportPermitForm

REEXPORT_TRANSITIONS: tuple[Transition, ...] = (
    *moves(
        ("register", RECEIVED.code, "completeness_check", "system"),
        ("complete", "completeness_check", "interagency_requests", "executor"),
        ("refuse_review", "completeness_check", "signature", "executor", "result_refused"),
        ("answers_received", "interagency_requests", "risk_assessment", "system"),
    ),
    *review_transitions("risk_assessment"),
    # The signer returns the permit for rework with a reason: the risk assessment reopens.
    # Only a permit: a refusal may come from the completeness check or the risk assessment,
    # and one static target cannot say which step to reopen.
    *signature_transitions(prepared_in="result_preparation", return_to="risk_assessment"),
    *outcome_transitions("signed", SIGNING.code, ("system",)),
)


def _ground(number: int, code: str, kk: str, ru: str, en: str) -> RefusalGround:
    """Grounds keep the list's number in the code so that "ground 9" is unambiguous."""
    return RefusalGround(code=f"g{number:02d}_{code}", text=T(kk=kk, ru=ru, en=en))


REEXPORT_REFUSAL_GROUNDS = (
    _ground(
        1,
        "activity_prohibited",
        (
            "Қазақстан Республикасының заңдарында жеке немесе заңды тұлғалардың осы санаты үшін "
            "қызмет түрімен айналысуға тыйым салынуы"
        ),
        (
            "Запрет законами Республики Казахстан на занятие видом деятельности для данной "
            "категории физических или юридических лиц"
        ),
        "The laws of Kazakhstan prohibit this activity for this category of persons",
    ),
    _ground(
        2,
        "qualification_requirements_not_met",
        "Көрсетілетін қызметті алушы біліктілік талаптарына сәйкес келмесе",
        "Несоответствие услугополучателя квалификационным требованиям",
        "The applicant does not meet the qualification requirements",
    ),
    _ground(
        3,
        "negative_approval_or_expertise",
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
        ),
    ),
    _ground(
        4,
        "unreliable_documents",
        (
            "Өтініш беруші ұсынған құжаттардың және (немесе) оларда қамтылған деректердің "
            "(мәліметтердің) анық еместігі анықталуы"
        ),
        (
            "Установление недостоверности документов, представленных заявителем, и (или) данных "
            "(сведений), содержащихся в них"
        ),
        "The documents submitted, or the data in them, are found unreliable",
    ),
    _ground(
        5,
        "legal_requirements_not_met",
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
        ),
    ),
    _ground(
        6,
        "harm_to_state_interests",
        "Мемлекет мүдделеріне нұқсан келтіру немесе нұқсан келтіру қатері туындаған жағдайлар",
        "Нанесение ущерба или угроза нанесения ущерба интересам государства",
        "Harm, or a threat of harm, to the interests of the state",
    ),
    _ground(
        7,
        "international_obligations_breach",
        "Қазақстан Республикасының халықаралық міндеттемелерін бұзу",
        "Нарушение международных обязательств Республики Казахстан",
        "Breach of the international obligations of Kazakhstan",
    ),
    _ground(
        8,
        "negative_risk_assessment",
        "Тәуекелдерді бағалауды жүзеге асыру кезінде теріс шешім қабылдау",
        "Принятие отрицательного решения при проведении оценки рисков",
        "A negative decision of the risk assessment",
    ),
    _ground(
        9,
        "administrative_penalty",
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
        ),
    ),
    _ground(
        10,
        "criminal_conviction",
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
        ),
    ),
    _ground(
        11,
        "un_sanctions_applied",
        (
            "Өтініш берушіге соңғы бес жыл ішінде Біріккен Ұлттар Ұйымы Қауіпсіздік Кеңесінің "
            "санкциялары қолданылса"
        ),
        (
            "Применение к заявителю санкций Совета Безопасности Организации Объединённых Наций в "
            "течение последних пяти лет"
        ),
        "UN Security Council sanctions applied to the applicant within the last five years",
    ),
    _ground(
        12,
        "un_sanctions_breached",
        (
            "Өтініш беруші соңғы бес жыл ішінде Біріккен Ұлттар Ұйымы Қауіпсіздік Кеңесінің "
            "санкцияларын бұзса"
        ),
        (
            "Нарушение заявителем санкций Совета Безопасности Организации Объединённых Наций в "
            "течение последних пяти лет"
        ),
        "The applicant breached UN Security Council sanctions within the last five years",
    ),
    _ground(
        13,
        "court_suspension_or_ban",
        (
            "Өтініш берушіге қатысты лицензиялауға жататын қызметті немесе жекелеген қызмет "
            "түрлерін тоқтата тұру немесе оларға тыйым салу туралы заңды күшіне енген сот шешімі "
            "(үкімі) болуы"
        ),
        (
            "Наличие вступившего в законную силу решения (приговора) суда о приостановлении или "
            "запрещении деятельности или отдельных видов деятельности, подлежащих лицензированию"
        ),
        "A final court decision suspending or prohibiting the licensed activity",
    ),
    _ground(
        14,
        "court_licence_ban_for_debtor",
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
        ),
    ),
    _ground(
        15,
        "special_right_deprived",
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
        "A final court verdict depriving the applicant of the special right the service concerns",
    ),
    _ground(
        16,
        "no_personal_data_consent",
        (
            "Көрсетілетін қызметті алушының «Дербес деректер және оларды қорғау туралы» Заңның "
            "8-бабына сәйкес қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісімі "
            "болмауы"
        ),
        (
            "Отсутствие согласия услугополучателя на доступ к персональным данным ограниченного "
            "доступа в соответствии со статьёй 8 Закона «О персональных данных и их защите»"
        ),
        "No consent to access restricted personal data (Personal Data Law art. 8)",
    ),
)


def ground(number: int) -> RefusalGround:
    """Ground ``number`` of the rules' list (004 p.16)."""
    return next(g for g in REEXPORT_REFUSAL_GROUNDS if g.code.startswith(f"g{number:02d}_"))


NEGATIVE_ANSWER_GROUND = ground(3)  # a negative answer of an approving body
INCOMPLETE_GROUND = ground(5)  # materials not meeting the legal requirements (the documents)

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
