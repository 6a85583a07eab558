"""One realistic result document of every kind, as the workflow must fill them in.

The integration tests render and sign these, and they are the model of what each decision has to
provide: the S8 permit carries every line of annex 4 of the re-export rules (order No 355 of
16.05.2023), the motivated refusal every element of annex 3, the receipt of refusal to accept
documents the list of annex 2. Names, numbers and IIN/BIN are invented but well-formed (12
digits); addresses and authorities are real places and real bodies.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

from registry.catalogue.model import LocalizedText
from registry.customs_release.documents import CORRIDORS as CUSTOMS_CORRIDORS
from registry.customs_release.documents import GOODS_COLUMNS as CUSTOMS_GOODS_COLUMNS
from registry.customs_release.documents import STATUSES as CUSTOMS_STATUSES
from registry.customs_release.documents import TITLES as CUSTOMS_TITLES
from registry.customs_release.documents import labelled as customs_field
from registry.results.document import (
    DocumentField,
    DocumentSigner,
    DocumentTable,
    Ground,
    Party,
    ResultDocument,
)

SAMPLE_NAMESPACE = uuid.UUID("6f0f4e0a-6a0e-4c1e-9a43-5a3b1c7e2d10")
ALMATY = timezone(timedelta(hours=5))
DEFAULT_BASE_URL = "https://qaqpa.example.kz"

KIDR = LocalizedText(
    kk="Қазақстан Республикасы Индустрия және инфрақұрылымдық даму министрлігінің "
    "Индустриялық даму комитеті",
    ru="Комитет индустриального развития Министерства индустрии и инфраструктурного "
    "развития Республики Казахстан",
    en="Committee for Industrial Development, Ministry of Industry and Infrastructure "
    "Development of the Republic of Kazakhstan",
)
KIDPB = LocalizedText(
    kk="Қазақстан Республикасы Индустрия және инфрақұрылымдық даму министрлігінің "
    "Индустриялық даму және өнеркәсіптік қауіпсіздік комитеті",
    ru="Комитет индустриального развития и промышленной безопасности Министерства индустрии "
    "и инфраструктурного развития Республики Казахстан",
    en="Committee for Industrial Development and Industrial Safety of the Republic of Kazakhstan",
)
DGD_ALMATY_REGION = LocalizedText(
    kk="Қазақстан Республикасы Қаржы министрлігі Мемлекеттік кірістер комитетінің "
    "Алматы облысы бойынша Мемлекеттік кірістер департаменті",
    ru="Департамент государственных доходов по Алматинской области Комитета государственных "
    "доходов Министерства финансов Республики Казахстан",
    en="State Revenue Department for Almaty Region, State Revenue Committee",
)
DGD_ASTANA = LocalizedText(
    kk="Қазақстан Республикасы Қаржы министрлігі Мемлекеттік кірістер комитетінің "
    "Астана қаласы бойынша Мемлекеттік кірістер департаменті",
    ru="Департамент государственных доходов по городу Астане Комитета государственных "
    "доходов Министерства финансов Республики Казахстан",
    en="State Revenue Department for Astana, State Revenue Committee",
)
GOV4C_ALMATY = LocalizedText(
    kk="«Азаматтарға арналған үкімет» мемлекеттік корпорациясы» коммерциялық емес акционерлік "
    "қоғамының Алматы қаласы бойынша филиалы",
    ru="Филиал некоммерческого акционерного общества «Государственная корпорация «Правительство "
    "для граждан» по городу Алматы",
    en="State Corporation 'Government for Citizens', Almaty branch",
)

KIDR_HEAD = DocumentSigner(
    position=LocalizedText(
        kk="Индустриялық даму комитеті төрағасының орынбасары",
        ru="Заместитель председателя Комитета индустриального развития",
        en="Deputy Chairman of the Committee for Industrial Development",
    ),
    name="Әбдіқалықов Ерғали Нұрланұлы",
    iin="780415300123",
)
CUSTOMS_OFFICER = DocumentSigner(
    position=LocalizedText(
        kk="«Қорғас – Шығыс қақпасы» кеден бекетінің бас маманы",
        ru="Главный специалист таможенного поста «Хоргос – Восточные ворота»",
        en="Chief specialist, customs post 'Khorgos - Eastern Gate'",
    ),
    name="Сейітқалиева Гүлнұр Болатқызы",
    iin="900722400456",
)
DGD_HEAD = DocumentSigner(
    position=LocalizedText(
        kk="Астана қаласы бойынша Мемлекеттік кірістер департаментінің басшысы",
        ru="Руководитель Департамента государственных доходов по городу Астане",
        en="Head of the State Revenue Department for Astana",
    ),
    name="Жұмабеков Қанат Серікұлы",
    iin="750301300789",
)
KIDPB_HEAD = DocumentSigner(
    position=LocalizedText(
        kk="Бағалы металдар басқармасының басшысы",
        ru="Руководитель управления драгоценных металлов",
        en="Head of the Precious Metals Division",
    ),
    name="Оспанова Әйгерім Талғатқызы",
    iin="850910401234",
)

EXPORTER = Party(
    name="Tashkent Optical Systems LLC / ООО «Ташкент Оптикал Системс»",
    bin="211140900317",
    address="Өзбекстан Республикасы, 100084, Ташкент қ., Амир Темур к-сі, 107Б / Республика "
    "Узбекистан, 100084, г. Ташкент, ул. Амира Темура, 107Б",
    country="UZ",
)
DECLARANT = Party(
    name="«Қазтехимпорт» ЖШС / ТОО «Казтехимпорт»",
    bin="150440012345",
    address="Алматы қ., Медеу ауданы, Достық даңғылы, 188, 050051 / г. Алматы, Медеуский "
    "район, проспект Достык, 188, 050051",
    country="KZ",
)
SPECIALIST = Party(
    name="Нұрғалиева Айгүл Қайратқызы",
    iin="920614450321",
    address="Астана қ., Есіл ауданы, Қабанбай батыр даңғылы, 53, 41-пәтер / г. Астана, район "
    "Есиль, проспект Кабанбай батыра, 53, кв. 41",
    country="KZ",
)
REFINERY = Party(
    name="«Тау-Кен Алтын» ЖШС / ТОО «Тау-Кен Алтын»",
    bin="120940018765",
    address="Астана қ., Алматы ауданы, Тәуелсіздік даңғылы, 23 / г. Астана, район Алматы, "
    "проспект Тауелсиздик, 23",
    country="KZ",
)


def _lt(kk: str, ru: str, en: str) -> LocalizedText:
    return LocalizedText(kk=kk, ru=ru, en=en)


def _field(key: str, label: LocalizedText, value: str | LocalizedText) -> DocumentField:
    return DocumentField(key=key, label=label, value=value)


def _column(key: str, label: LocalizedText, unit: str = "") -> DocumentField:
    return DocumentField(key=key, label=label, value=unit)


def _ids(name: str) -> tuple[uuid.UUID, uuid.UUID]:
    """Stable result and application ids for a sample, so renders are reproducible."""
    return uuid.uuid5(SAMPLE_NAMESPACE, f"result:{name}"), uuid.uuid5(
        SAMPLE_NAMESPACE, f"application:{name}"
    )


def _verify(base_url: str, result_id: uuid.UUID) -> str:
    return f"{base_url.rstrip('/')}/v1/documents/{result_id}/verify"


GOODS_COLUMNS = [
    _column("name", _lt("Тауардың атауы", "Наименование товара", "Goods")),
    _column("hs_code", _lt("ЕАЭО СЭҚ ТН коды", "Код ТН ВЭД ЕАЭС", "EAEU HS code")),
    _column(
        "control_list_code",
        _lt("Бақылау тізімі бойынша коды", "Код по контрольному списку", "Control-list code"),
    ),
    _column("unit", _lt("Өлшем бірлігі", "Единица измерения", "Unit")),
    _column("quantity", _lt("Саны", "Количество", "Quantity")),
    _column("currency", _lt("Келісімшарт валютасы", "Валюта контракта", "Contract currency")),
    _column("value", _lt("Құны", "Стоимость", "Value")),
]


def reexport_permit(base_url: str = DEFAULT_BASE_URL) -> ResultDocument:
    """S8: annex 4, every line (1-17) of the permit form."""
    result_id, application_id = _ids("reexport_permit")
    number = "KZ47REX00000318"
    return ResultDocument(
        id=result_id,
        kind="reexport_permit",
        service="reexport-permit",
        title=_lt(
            "Өзіндік ерекшелігі бар тауарларды эксаумақтық кері экспорттауға рұқсат",
            "Разрешение на экстерриториальный реэкспорт товаров, обладающих специфическими "
            "характеристиками",
            "Permit for extraterritorial re-export of goods with special characteristics",
        ),
        number=number,
        issued_on=date(2026, 11, 23),
        provider=KIDR,
        addressee=EXPORTER,
        application_id=application_id,
        application_number="ЗТ-2026-04127",
        application_date=date(2026, 10, 8),
        fields=[
            _field("permit_number", _lt("1. Рұқсат №", "1. Разрешение №", "1. Permit No"), number),
            _field(
                "applicant",
                _lt(
                    "2. Өтініш білдіруші (заңды (тұрғылықты) мекен-жайы, телефон)",
                    "2. Заявитель (юридический (фактический) адрес, телефон)",
                    "2. Applicant (legal (actual) address, telephone)",
                ),
                "Tashkent Optical Systems LLC, Өзбекстан Республикасы, Ташкент қ., Амир Темур "
                "к-сі, 107Б; тел. +998 71 238 45 17",
            ),
            _field(
                "country_of_dispatch",
                _lt("3. Жөнелтуші ел", "3. Страна отправления", "3. Country of dispatch"),
                _lt("Өзбекстан Республикасы", "Республика Узбекистан", "Republic of Uzbekistan"),
            ),
            _field(
                "country_of_destination",
                _lt("4. Алушы ел", "4. Страна назначения", "4. Country of destination"),
                _lt("Әзербайжан Республикасы", "Азербайджанская Республика", "Azerbaijan"),
            ),
            _field(
                "end_user",
                _lt(
                    "5. Соңғы пайдаланушы (толық атауы, мекен-жайы, телефоны)",
                    "5. Конечный пользователь (полное наименование, адрес, телефон)",
                    "5. End user (full name, address, telephone)",
                ),
                "Azersu Monitoring OJSC, AZ1025, Bakı ş., Xətai r-nu, Yusif Səfərov k., 27; "
                "tel. +994 12 490 33 12",
            ),
            _field(
                "basis",
                _lt(
                    "6. Рұқсатты сұрау салу үшін негіздеме (сыртқы сауда шарты (келісімшарт), № "
                    "және қол қойылған күні)",
                    "6. Основание для запроса разрешения (внешнеторговый договор (контракт), № и "
                    "дата подписания)",
                    "6. Basis for the request (foreign-trade contract, No and date of signature)",
                ),
                "Келісімшарт / Контракт № TOS-AZM/2026-17, 14.09.2026",
            ),
            _field(
                "agreed_by",
                _lt("14. Келісілді", "14. Согласовано", "14. Agreed by"),
                _lt(
                    "Қазақстан Республикасы Ұлттық қауіпсіздік комитеті (06.11.2026 "
                    "№ 21/4-3318 хат); Қазақстан Республикасы Сыртқы істер министрлігі "
                    "(12.11.2026 № 13-2/7751 хат)",
                    "Комитет национальной безопасности Республики Казахстан (письмо от "
                    "06.11.2026 № 21/4-3318); Министерство иностранных дел Республики "
                    "Казахстан (письмо от 12.11.2026 № 13-2/7751)",
                    "National Security Committee (letter 21/4-3318 of 06.11.2026); Ministry of "
                    "Foreign Affairs (letter 13-2/7751 of 12.11.2026)",
                ),
            ),
            _field(
                "authority",
                _lt(
                    "15. Уәкілетті орган (құзырлы органның толық атауы)",
                    "15. Уполномоченный орган (полное наименование компетентного органа)",
                    "15. Authorised body (full name of the competent authority)",
                ),
                KIDR,
            ),
            _field(
                "personal_data_consent",
                _lt(
                    "16. Дербес деректерді жинауға және өңдеуге, заңмен қорғалатын құпияны "
                    "құрайтын мәліметтерді пайдалануға келісім",
                    "16. Согласие на сбор и обработку персональных данных, использование "
                    "сведений, составляющих охраняемую законом тайну",
                    "16. Consent to the collection and processing of personal data",
                ),
                _lt(
                    "Келісім берілді (өтініш берушінің ЭЦҚ-сымен куәландырылған)",
                    "Согласие дано (удостоверено ЭЦП заявителя)",
                    "Consent given (certified with the applicant's EDS)",
                ),
            ),
            _field(
                "special_conditions",
                _lt(
                    "17. Рұқсаттың ерекше шарттары",
                    "17. Особые условия разрешения",
                    "17. Special conditions of the permit",
                ),
                _lt(
                    "Тауарды үшінші елдерге уәкілетті органның келісімінсіз қайта экспорттауға "
                    "тыйым салынады; соңғы пайдаланушы тауардың жеткізілгенін 30 күн ішінде "
                    "растайды.",
                    "Реэкспорт товара в третьи страны без согласия уполномоченного органа "
                    "запрещён; конечный пользователь подтверждает доставку товара в течение 30 "
                    "дней.",
                    "No re-export to third countries without the authority's consent; the end "
                    "user confirms delivery within 30 days.",
                ),
            ),
        ],
        tables=[
            DocumentTable(
                key="goods",
                label=_lt(
                    "7–13. Өзіндік ерекшелігі бар тауарлар",
                    "7–13. Товары, обладающие специфическими характеристиками",
                    "7-13. Goods with special characteristics",
                ),
                columns=GOODS_COLUMNS,
                rows=[
                    {
                        "name": "Тепловизиялық камера / Тепловизионная камера ТК-640М",
                        "hs_code": "8525893000",
                        "control_list_code": "6A003.b.4.b",
                        "unit": "дана / шт. (796)",
                        "quantity": "12",
                        "currency": "USD",
                        "value": "186 000,00",
                    },
                    {
                        "name": "Инфрақызыл детектор модулі / Модуль ИК-детектора МД-17",
                        "hs_code": "9027500000",
                        "control_list_code": "6A002.a.3.f",
                        "unit": "дана / шт. (796)",
                        "quantity": "40",
                        "currency": "USD",
                        "value": "64 400,00",
                    },
                ],
                after="basis",  # boxes 7-13 between 6 and 14, as on the annex-4 form
            )
        ],
        valid_until=date(2027, 11, 23),
        signer=KIDR_HEAD,
        verify_url=_verify(base_url, result_id),
        decided_at=datetime(2026, 11, 23, 11, 40, tzinfo=ALMATY),
    )


def motivated_refusal(base_url: str = DEFAULT_BASE_URL) -> ResultDocument:
    """S8: annex 3, the motivated refusal of further review."""
    result_id, application_id = _ids("motivated_refusal")
    return ResultDocument(
        id=result_id,
        kind="motivated_refusal",
        service="reexport-permit",
        title=_lt("Дәлелді бас тарту", "Мотивированный отказ", "Motivated refusal"),
        number="ДБТ-2026-0092",
        issued_on=date(2026, 10, 13),
        provider=KIDR,
        addressee=EXPORTER,
        application_id=application_id,
        application_number="ЗТ-2026-04127",
        application_date=date(2026, 10, 8),
        grounds=[
            Ground(
                code="incomplete_documents",
                text=_lt(
                    "Көрсетілетін қызметті алушының құжаттар топтамасын толық ұсынбауы: "
                    "импорттаушы елдің кепілдік міндеттемесі ұсынылмаған.",
                    "Непредставление услугополучателем полного пакета документов: не "
                    "представлено гарантийное обязательство страны-импортёра.",
                    "Incomplete set of documents: the importing country's guarantee is missing.",
                ),
            ),
            Ground(
                code="unreliable_documents",
                text=_lt(
                    "Көрсетілетін қызметті алушы ұсынған құжаттардың және (немесе) олардағы "
                    "деректердің (мәліметтердің) анық еместігі анықталды.",
                    "Установлена недостоверность документов, представленных услугополучателем, "
                    "и (или) данных (сведений), содержащихся в них.",
                    "The documents or the data in them were found to be unreliable.",
                ),
            ),
        ],
        explanation="Қазақстан Республикасы Индустрия және инфрақұрылымдық даму министрлігінің "
        "Индустриялық даму комитеті Сіздің 08.10.2026 жылғы № ЗТ-2026-04127 өтінішіңізді қарап, "
        "жоғарыда көрсетілген негіздер бойынша өтінішті одан әрі қараудан бас тартатынын "
        "хабарлайды. / Комитет индустриального развития, рассмотрев Ваше заявление от "
        "08.10.2026 № ЗТ-2026-04127, сообщает об отказе в дальнейшем рассмотрении заявления по "
        "указанным основаниям.",
        signer=KIDR_HEAD,
        verify_url=_verify(base_url, result_id),
        decided_at=datetime(2026, 10, 13, 16, 5, tzinfo=ALMATY),
    )


def refusal_to_accept(base_url: str = DEFAULT_BASE_URL) -> ResultDocument:
    """S8: annex 2, the State Corporation's receipt listing the missing documents."""
    result_id, application_id = _ids("refusal_to_accept")
    return ResultDocument(
        id=result_id,
        kind="refusal_to_accept",
        service="reexport-permit",
        title=_lt(
            "Құжаттарды қабылдаудан бас тарту туралы қолхат",
            "Расписка об отказе в приёме документов",
            "Receipt of refusal to accept documents",
        ),
        number="ҚБТ-02-2026-1184",
        issued_on=date(2026, 9, 30),
        provider=GOV4C_ALMATY,
        addressee=Party(
            name="Мирзаев Шерзод Рустамович (Tashkent Optical Systems LLC өкілі / представитель)",
            iin="880312300654",
            address="Алматы қ., Абай даңғылы, 52, 14-пәтер / г. Алматы, пр. Абая, 52, кв. 14",
        ),
        application_id=application_id,
        application_number="ГК-02-2026-1184",
        application_date=date(2026, 9, 30),
        fields=[
            _field(
                "department",
                _lt("Филиал бөлімі", "Отдел филиала", "Branch department"),
                _lt(
                    "№ 2 бөлім, Алматы қ., Бостандық ауданы, Тимирязев к-сі, 42",
                    "Отдел № 2, г. Алматы, Бостандыкский район, ул. Тимирязева, 42",
                    "Department 2, 42 Timiryazev St, Almaty",
                ),
            ),
            _field(
                "service_name",
                _lt("Мемлекеттік көрсетілетін қызмет", "Государственная услуга", "Service"),
                _lt(
                    "Өзіндік ерекшелігі бар тауарлардың эксаумақтық кері экспортына рұқсат беру",
                    "Выдача разрешения на экстерриториальный реэкспорт товаров, обладающих "
                    "специфическими характеристиками",
                    "Permit for extraterritorial re-export of dual-use goods",
                ),
            ),
            _field(
                "legal_basis",
                _lt("Құқықтық негіз", "Правовое основание", "Legal basis"),
                _lt(
                    "«Мемлекеттік көрсетілетін қызметтер туралы» Қазақстан Республикасы "
                    "Заңының 20-бабының 2-тармағы",
                    "Пункт 2 статьи 20 Закона Республики Казахстан «О государственных услугах»",
                    "Law on State Services, article 20 paragraph 2",
                ),
            ),
            _field(
                "copies",
                _lt("Даналар саны", "Количество экземпляров", "Copies"),
                _lt(
                    "2 дана, әр тарап үшін бір-бірден",
                    "2 экземпляра, по одному для каждой стороны",
                    "2, one for each party",
                ),
            ),
            _field(
                "executor",
                _lt("Орындаушы", "Исполнитель", "Executor"),
                "Төлеуғазиева Мәдина Асқарқызы",
            ),
            _field("executor_phone", _lt("Телефон", "Телефон", "Telephone"), "+7 727 355 12 40"),
        ],
        tables=[
            DocumentTable(
                key="missing_documents",
                label=_lt(
                    "Жоқ құжаттардың атауы",
                    "Наименование отсутствующих документов",
                    "Missing documents",
                ),
                columns=[
                    _column("no", _lt("№", "№", "No")),
                    _column("document", _lt("Құжат", "Документ", "Document")),
                ],
                rows=[
                    {
                        "no": "1",
                        "document": "Импорттаушы елдің кепілдік міндеттемесі / Гарантийное "
                        "обязательство страны-импортёра",
                    },
                    {
                        "no": "2",
                        "document": "Сыртқы сауда шарты (келісімшарт) / Внешнеторговый договор "
                        "(контракт)",
                    },
                    {
                        "no": "3",
                        "document": "Мәліметтер нысаны (2-қосымша) / Форма сведений (приложение 2)",
                    },
                ],
            )
        ],
        signer=DocumentSigner(
            position=_lt(
                "Мемлекеттік корпорация қызметкері",
                "Работник Государственной корпорации",
                "State Corporation employee",
            ),
            name="Төлеуғазиева Мәдина Асқарқызы",
            iin="950228400987",
        ),
        verify_url=_verify(base_url, result_id),
    )


def _declaration_rows() -> list[dict[str, str]]:
    return [
        {
            "item": "1",
            "description": "Сорғы агрегаттары / Агрегаты насосные, ЦНС 60-132",
            "hs_code": "8413708100",
            "net_weight": "2 460,000",
            "customs_value": "18 745 200,00",
        },
        {
            "item": "2",
            "description": "Электр қозғалтқыштары / Электродвигатели асинхронные, 45 кВт",
            "hs_code": "8501526000",
            "net_weight": "1 120,500",
            "customs_value": "6 310 800,00",
        },
    ]


def customs_release(base_url: str = DEFAULT_BASE_URL) -> ResultDocument:
    """S1: the decision to release goods declared by an electronic declaration."""
    result_id, application_id = _ids("customs_release")
    return ResultDocument(
        id=result_id,
        kind="customs_release",
        service="customs-release",
        title=CUSTOMS_TITLES["customs_release"],
        number="ШШ-50512-2026-07731",
        issued_on=date(2026, 11, 20),
        provider=DGD_ALMATY_REGION,
        addressee=DECLARANT,
        application_id=application_id,
        application_number="50512/201126/0007731",
        application_date=date(2026, 11, 20),
        fields=[
            customs_field("declaration_number", "50512/201126/0007731"),
            customs_field(
                "customs_procedure",
                _lt(
                    "ИМ 40 — ішкі тұтыну үшін шығару",
                    "ИМ 40 — выпуск для внутреннего потребления",
                    "IM 40 - release for domestic consumption",
                ),
            ),
            customs_field("corridor", CUSTOMS_CORRIDORS["green"]),
            customs_field("payments", "4 872 640,00 KZT"),
            customs_field("status", CUSTOMS_STATUSES["customs_release"]),
            _field(
                "warehouse",
                _lt(
                    "Уақытша сақтау қоймасы",
                    "Склад временного хранения",
                    "Temporary storage warehouse",
                ),
                "«Қорғас Логистик» ЖШС УСҚ / СВХ ТОО «Хоргос Логистик», № KZ/14/0031",
            ),
        ],
        tables=[
            DocumentTable(
                key="goods",
                label=_lt("Шығарылған тауарлар", "Выпущенные товары", "Released goods"),
                columns=CUSTOMS_GOODS_COLUMNS,
                rows=_declaration_rows(),
            )
        ],
        signer=CUSTOMS_OFFICER,
        verify_url=_verify(base_url, result_id),
        decided_at=datetime(2026, 11, 20, 14, 52, tzinfo=ALMATY),
    )


def customs_release_refusal(base_url: str = DEFAULT_BASE_URL) -> ResultDocument:
    """S1: the motivated refusal of release, with the reasons and how to remove them."""
    result_id, application_id = _ids("customs_release_refusal")
    return ResultDocument(
        id=result_id,
        kind="customs_release_refusal",
        service="customs-release",
        title=CUSTOMS_TITLES["customs_release_refusal"],
        number="ШБТ-50512-2026-00418",
        issued_on=date(2026, 11, 21),
        provider=DGD_ALMATY_REGION,
        addressee=DECLARANT,
        application_id=application_id,
        application_number="50512/211126/0007802",
        application_date=date(2026, 11, 21),
        fields=[
            customs_field("declaration_number", "50512/211126/0007802"),
            customs_field("corridor", CUSTOMS_CORRIDORS["red"]),
            customs_field("status", CUSTOMS_STATUSES["customs_release_refusal"]),
        ],
        tables=[
            DocumentTable(
                key="goods",
                label=_lt(
                    "Декларацияланған тауарлар", "Задекларированные товары", "Declared goods"
                ),
                columns=CUSTOMS_GOODS_COLUMNS,
                rows=_declaration_rows(),
            )
        ],
        grounds=[
            Ground(
                code="permit_missing",
                text=_lt(
                    "Тарифтік емес реттеу шараларының сақталуын растайтын рұқсат құжаты "
                    "ұсынылмаған (2-тауар).",
                    "Не представлен разрешительный документ, подтверждающий соблюдение мер "
                    "нетарифного регулирования (товар № 2).",
                    "No permit confirming non-tariff measures (item 2).",
                ),
            ),
            Ground(
                code="payments_not_written_off",
                text=_lt(
                    "Дербес шотта кедендік баждар мен салықтарды төлеуге қаражат жеткіліксіз.",
                    "На лицевом счёте недостаточно средств для уплаты таможенных пошлин и налогов.",
                    "Insufficient funds on the personal account for duties and taxes.",
                ),
            ),
        ],
        explanation="Құжаттық бақылау барысында 44-бағанда көрсетілген сәйкестік сертификаты "
        "жарамсыз деп танылды. / В ходе документального контроля сертификат соответствия, "
        "указанный в графе 44, признан недействительным.",
        instructions="1) 2-тауарға сәйкестік сертификатын ұсыныңыз және оны 44-бағанда "
        "көрсетіңіз / представьте сертификат соответствия на товар № 2 и укажите его в графе "
        "44; 2) дербес шотты 1 215 300,00 KZT сомаға толықтырыңыз / пополните лицевой счёт на "
        "1 215 300,00 KZT; 3) декларацияны қайта беріңіз / подайте декларацию повторно.",
        signer=CUSTOMS_OFFICER,
        verify_url=_verify(base_url, result_id),
        decided_at=datetime(2026, 11, 21, 17, 20, tzinfo=ALMATY),
    )


def registration_refusal(base_url: str = DEFAULT_BASE_URL) -> ResultDocument:
    """S1: refusal to register a goods declaration (Customs Code art. 288 p.4)."""
    result_id, application_id = _ids("registration_refusal")
    return ResultDocument(
        id=result_id,
        kind="registration_refusal",
        service="customs-release",
        title=CUSTOMS_TITLES["registration_refusal"],
        number="ТБТ-50512-2026-00093",
        issued_on=date(2026, 11, 19),
        provider=DGD_ALMATY_REGION,
        addressee=DECLARANT,
        application_id=application_id,
        application_number="ВХ-50512-2026-118230",
        application_date=date(2026, 11, 19),
        grounds=[
            Ground(
                code="not_authorised_declarant",
                text=_lt(
                    "Декларация декларант болып табылмайтын тұлғамен берілген "
                    "(Кодекстің 288-бабы 4-тармағы).",
                    "Декларация подана лицом, не являющимся декларантом (пункт 4 статьи 288 "
                    "Кодекса).",
                    "Declaration filed by a person who is not the declarant (art. 288 p.4).",
                ),
            ),
        ],
        explanation="Декларацияға кеден өкілінің ЭЦҚ-сымен қол қойылған, бірақ кеден өкілімен "
        "жасалған шарт туралы мәліметтер көрсетілмеген. / Декларация подписана ЭЦП таможенного "
        "представителя, но сведения о договоре с таможенным представителем не указаны.",
        instructions="54-бағанда кеден өкілімен жасалған шарттың нөмірі мен күнін көрсетіп, "
        "декларацияны қайта беріңіз. / Укажите в графе 54 номер и дату договора с таможенным "
        "представителем и подайте декларацию повторно.",
        signer=CUSTOMS_OFFICER,
        verify_url=_verify(base_url, result_id),
        decided_at=datetime(2026, 11, 19, 10, 34, tzinfo=ALMATY),
    )


def declarant_certificate(base_url: str = DEFAULT_BASE_URL) -> ResultDocument:
    """S2: qualification certificate of a customs declaration specialist."""
    result_id, application_id = _ids("declarant_certificate")
    return ResultDocument(
        id=result_id,
        kind="declarant_certificate",
        service="declarant-certificate",
        title=_lt(
            "Кедендік декларациялау жөніндегі маманның біліктілік аттестаты",
            "Квалификационный аттестат специалиста по таможенному декларированию",
            "Qualification certificate of a customs declaration specialist",
        ),
        number="0214/2026",
        issued_on=date(2026, 11, 16),
        provider=DGD_ASTANA,
        addressee=SPECIALIST,
        application_id=application_id,
        application_number="01-14/2026-0887",
        application_date=date(2026, 11, 2),
        fields=[
            _field(
                "certificate_number",
                _lt("Аттестат нөмірі", "Номер аттестата", "Certificate number"),
                "0214/2026",
            ),
            _field(
                "badge_number",
                _lt("Төсбелгі нөмірі", "Номер нагрудного знака", "Badge number"),
                "АС-0214",
            ),
            _field(
                "exam_protocol",
                _lt(
                    "Емтихан хаттамасының нөмірі мен күні",
                    "Номер и дата протокола экзамена",
                    "Exam protocol number and date",
                ),
                "№ 17, 11.11.2026",
            ),
            _field(
                "exam_score",
                _lt("Емтихан нәтижесі", "Результат экзамена", "Exam result"),
                "84 % (84 / 100)",
            ),
        ],
        valid_until=date(2031, 11, 16),
        signer=DGD_HEAD,
        verify_url=_verify(base_url, result_id),
        decided_at=datetime(2026, 11, 16, 15, 10, tzinfo=ALMATY),
    )


def pm_certificate(base_url: str = DEFAULT_BASE_URL) -> ResultDocument:
    """S3: certificate of special registration of an operator with precious metals."""
    result_id, application_id = _ids("pm_certificate")
    return ResultDocument(
        id=result_id,
        kind="pm_certificate",
        service="pm-special-registration",
        title=_lt(
            "Бағалы металдармен операцияларды жүзеге асыратын заңды тұлғаларды арнайы тіркеу "
            "туралы анықтама",
            "Справка о специальной регистрации юридических лиц, осуществляющих операции с "
            "драгоценными металлами",
            "Certificate of special registration (precious metals)",
        ),
        number="АТ-0458-2026",
        issued_on=date(2026, 11, 12),
        provider=KIDPB,
        addressee=REFINERY,
        application_id=application_id,
        application_number="ЕЛ-2026-11-00352",
        application_date=date(2026, 11, 6),
        fields=[
            _field(
                "registration_number",
                _lt("Тіркеу нөмірі", "Регистрационный номер", "Registration number"),
                "ҚР-БМ-0458",
            ),
            _field(
                "activities",
                _lt("Қызмет түрлері", "Виды деятельности", "Activities"),
                _lt(
                    "Бағалы металдарды аффинаждау; құймалар өндіру",
                    "Аффинаж драгоценных металлов; производство слитков",
                    "Refining of precious metals; bar production",
                ),
            ),
            _field(
                "metals",
                _lt("Бағалы металдар", "Драгоценные металлы", "Metals"),
                _lt("Алтын, күміс", "Золото, серебро", "Gold, silver"),
            ),
        ],
        signer=KIDPB_HEAD,
        verify_url=_verify(base_url, result_id),
    )


def _conclusion(
    name: str,
    service: str,
    title: LocalizedText,
    number: str,
    verdict: LocalizedText,
    base_url: str,
) -> ResultDocument:
    result_id, application_id = _ids(name)
    return ResultDocument(
        id=result_id,
        kind="pm_conclusion",
        service=service,
        title=title,
        number=number,
        issued_on=date(2026, 11, 17),
        provider=KIDPB,
        addressee=REFINERY,
        application_id=application_id,
        application_number="ЕЛ-2026-11-00371",
        application_date=date(2026, 11, 10),
        fields=[
            _field("conclusion", _lt("Қорытынды", "Заключение", "Conclusion"), verdict),
            _field(
                "raw_material",
                _lt("Шикізат тауары", "Сырьевой товар", "Raw goods"),
                _lt(
                    "Мыс концентраты, 2 400 т",
                    "Медный концентрат, 2 400 т",
                    "Copper concentrate, 2,400 t",
                ),
            ),
        ],
        tables=[
            DocumentTable(
                key="metal_content",
                label=_lt(
                    "Бағалы металдардың құрамы",
                    "Содержание драгоценных металлов",
                    "Precious-metal content",
                ),
                columns=[
                    _column("metal", _lt("Металл", "Металл", "Metal")),
                    _column("content", _lt("Құрамы", "Содержание", "Content"), "г/т"),
                    _column("mass", _lt("Массасы", "Масса", "Mass"), "кг"),
                ],
                rows=[
                    {"metal": "Алтын / Золото (Au)", "content": "3,8", "mass": "9,120"},
                    {"metal": "Күміс / Серебро (Ag)", "content": "41,5", "mass": "99,600"},
                ],
            )
        ],
        signer=KIDPB_HEAD,
        verify_url=_verify(base_url, result_id),
    )


def _act(
    name: str,
    service: str,
    title: LocalizedText,
    number: str,
    country: LocalizedText,
    base_url: str,
) -> ResultDocument:
    result_id, application_id = _ids(name)
    return ResultDocument(
        id=result_id,
        kind="pm_act",
        service=service,
        title=title,
        number=number,
        issued_on=date(2026, 11, 18),
        provider=KIDPB,
        addressee=REFINERY,
        application_id=application_id,
        application_number="ЕЛ-2026-11-00390",
        application_date=date(2026, 11, 13),
        fields=[
            _field(
                "counterparty_country",
                _lt("Контрагент елі", "Страна контрагента", "Counterparty country"),
                country,
            ),
            _field(
                "contract", _lt("Келісімшарт", "Контракт", "Contract"), "№ TKA-2026/44, 02.10.2026"
            ),
        ],
        tables=[
            DocumentTable(
                key="items",
                label=_lt(
                    "Бақылаудан өткен бұйымдар", "Проконтролированные изделия", "Items controlled"
                ),
                columns=[
                    _column("name", _lt("Атауы", "Наименование", "Name")),
                    _column("fineness", _lt("Сынамасы", "Проба", "Fineness")),
                    _column("mass", _lt("Массасы", "Масса", "Mass"), "г"),
                    _column("value", _lt("Құны", "Стоимость", "Value"), "KZT"),
                ],
                rows=[
                    {
                        "name": "Алтын құйма / Слиток золота",
                        "fineness": "999,9",
                        "mass": "12 441,6",
                        "value": "487 350 000,00",
                    },
                    {
                        "name": "Күміс құйма / Слиток серебра",
                        "fineness": "999,0",
                        "mass": "31 103,5",
                        "value": "16 420 000,00",
                    },
                ],
            )
        ],
        signer=KIDPB_HEAD,
        verify_url=_verify(base_url, result_id),
    )


def applicant_not_found(base_url: str = DEFAULT_BASE_URL) -> ResultDocument:
    """Any service: the state databases do not know the applicant (003, 5-рәсім)."""
    result_id, application_id = _ids("applicant_not_found")
    return ResultDocument(
        id=result_id,
        kind="applicant_not_found",
        service="pm-special-registration",
        title=_lt(
            "Мәліметтерді алу мүмкін емес екені туралы хабарлама",
            "Уведомление о невозможности получения сведений",
            "Notice: applicant data cannot be obtained",
        ),
        number="ХБ-2026-0311",
        issued_on=date(2026, 11, 9),
        provider=KIDPB,
        addressee=Party(
            name="«Алтын Ғасыр Металл» ЖШС / ТОО «Алтын Гасыр Металл»", bin="261140099999"
        ),
        application_id=application_id,
        application_number="ЕЛ-2026-11-00361",
        application_date=date(2026, 11, 9),
        grounds=[
            Ground(
                code="applicant_not_found",
                text=_lt(
                    "Өтініш берушінің БСН бойынша «Заңды тұлғалар» мемлекеттік деректер "
                    "қорынан мәліметтер алынбады.",
                    "Сведения по БИН заявителя не получены из государственной базы данных "
                    "«Юридические лица».",
                    "No record for the applicant's BIN in the legal-entities database.",
                ),
            )
        ],
        instructions="БСН-нің дұрыстығын тексеріп, өтінішті қайта беріңіз. / Проверьте "
        "правильность БИН и подайте заявление повторно.",
        signer=KIDPB_HEAD,
        verify_url=_verify(base_url, result_id),
    )


def complaint_decision(base_url: str = DEFAULT_BASE_URL) -> ResultDocument:
    """S8: decision on a complaint about the service (reviewed within 5 working days)."""
    result_id, application_id = _ids("complaint_decision")
    return ResultDocument(
        id=result_id,
        kind="complaint_decision",
        service="reexport-permit",
        title=_lt(
            "Шағымды қарау нәтижелері бойынша шешім",
            "Решение по результатам рассмотрения жалобы",
            "Decision on a complaint",
        ),
        number="Ш-2026-0027",
        issued_on=date(2026, 10, 20),
        provider=KIDR,
        addressee=EXPORTER,
        application_id=application_id,
        application_number="ЗТ-2026-04127",
        application_date=date(2026, 10, 8),
        fields=[
            _field(
                "complaint",
                _lt("Шағымның нөмірі мен күні", "Номер и дата жалобы", "Complaint"),
                "№ ШҚ-2026-0027, 14.10.2026",
            ),
            _field(
                "appealed_decision",
                _lt("Шағымданған шешім", "Обжалуемое решение", "Appealed decision"),
                "Дәлелді бас тарту / Мотивированный отказ № ДБТ-2026-0092, 13.10.2026",
            ),
            _field(
                "decision",
                _lt("Шешім", "Решение", "Decision"),
                _lt(
                    "Шағым қанағаттандырылды, өтініш қайта қарауға жіберілді",
                    "Жалоба удовлетворена, заявление направлено на повторное рассмотрение",
                    "Complaint upheld; the application is reviewed again",
                ),
            ),
        ],
        explanation="Кепілдік міндеттемесі өтінішке 08.10.2026 қоса берілген, бірақ тіркеу "
        "кезінде ескерілмеген. / Гарантийное обязательство было приложено к заявлению "
        "08.10.2026, но не учтено при регистрации.",
        signer=KIDR_HEAD,
        verify_url=_verify(base_url, result_id),
    )


def sample_documents(base_url: str = DEFAULT_BASE_URL) -> dict[str, ResultDocument]:
    """Every sample, by a stable name (the kind, or kind plus service for S4-S7)."""
    documents = [
        reexport_permit(base_url),
        motivated_refusal(base_url),
        refusal_to_accept(base_url),
        customs_release(base_url),
        customs_release_refusal(base_url),
        registration_refusal(base_url),
        declarant_certificate(base_url),
        pm_certificate(base_url),
        applicant_not_found(base_url),
        complaint_decision(base_url),
    ]
    samples = {document.kind: document for document in documents}
    samples["pm_conclusion_extraction"] = _conclusion(
        "pm_conclusion_extraction",
        "pm-extraction-feasibility",
        _lt(
            "Шикізат тауарларынан бағалы металдарды Қазақстан Республикасының аумағында "
            "өнеркәсіптік өндірудің экономикалық орындылығы мен мүмкіндігі туралы қорытынды",
            "Заключение об экономической целесообразности и возможности промышленного "
            "извлечения драгоценных металлов из сырьевых товаров на территории Республики "
            "Казахстан",
            "Conclusion on feasibility of extracting precious metals in Kazakhstan",
        ),
        "ҚОР-0771-2026",
        _lt(
            "Өнеркәсіптік өндіру экономикалық тұрғыдан орынды және мүмкін",
            "Промышленное извлечение экономически целесообразно и возможно",
            "Industrial extraction is feasible",
        ),
        base_url,
    )
    samples["pm_conclusion_processing"] = _conclusion(
        "pm_conclusion_processing",
        "pm-processing-infeasibility",
        _lt(
            "Құрамында бағалы металдар бар шикізат тауарларын Қазақстан Республикасында қайта "
            "өңдеудің экономикалық орынсыздығы немесе мүмкін еместігі туралы қорытынды",
            "Заключение об экономической нецелесообразности или невозможности переработки "
            "сырьевых товаров, содержащих драгоценные металлы, в Республике Казахстан",
            "Conclusion on infeasibility of processing in Kazakhstan",
        ),
        "ҚОР-0772-2026",
        _lt(
            "Қазақстан Республикасында қайта өңдеу экономикалық тұрғыдан орынсыз",
            "Переработка в Республике Казахстан экономически нецелесообразна",
            "Processing in Kazakhstan is not economically feasible",
        ),
        base_url,
    )
    samples["pm_act_export"] = _act(
        "pm_act_export",
        "pm-export-act",
        _lt(
            "Бағалы металдарды, олардың сынықтары мен қалдықтарын Кеден одағына мүше емес "
            "елдерге әкету кезіндегі мемлекеттік бақылау және құндық бағалау актісі",
            "Акт государственного контроля и стоимостной оценки при вывозе драгоценных "
            "металлов, их лома и отходов в страны, не входящие в Таможенный союз",
            "Act of state control and value appraisal on export of precious metals",
        ),
        "АКТ-Э-0193-2026",
        _lt("Швейцария Конфедерациясы", "Швейцарская Конфедерация", "Switzerland"),
        base_url,
    )
    samples["pm_act_import"] = _act(
        "pm_act_import",
        "pm-import-act",
        _lt(
            "Бағалы металдарды, олардың сынықтары мен қалдықтарын Кеден одағына мүше емес "
            "елдерден әкелу кезіндегі мемлекеттік бақылау актісі",
            "Акт государственного контроля при ввозе драгоценных металлов, их лома и отходов "
            "из стран, не входящих в Таможенный союз",
            "Act of state control on import of precious metals",
        ),
        "АКТ-И-0088-2026",
        _lt("Біріккен Араб Әмірліктері", "Объединённые Арабские Эмираты", "UAE"),
        base_url,
    )
    return samples
