"""The grounds for refusing the re-export permit (004 p.16), numbered as the rules list them.

A ground's code keeps its number (``g09_administrative_penalty``): "ground 9" in the rules, an
officer's note or a refusal is then unambiguous. :mod:`registry.reexport_permit.service` puts
the list in the catalogue entry; the hooks refuse automatically on the two named at the end.
"""

from __future__ import annotations

from registry.catalogue.model import LocalizedText as T
from registry.catalogue.model import RefusalGround


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
