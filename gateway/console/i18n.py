"""The console's words in Kazakh, Russian and English, and which language a request wants.

The officer's choice is remembered in the :data:`LANG_COOKIE` cookie (set by the language
switch); without it the browser's ``Accept-Language`` decides, and Kazakh, the state language,
when that names none of the three.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection

from gateway.problem_titles import LANGUAGES, Language

LANG_COOKIE = "qaqpa_lang"
DEFAULT: Language = "kk"

TEXTS: dict[str, dict[Language, str]] = {
    "console": {"kk": "Қызметкер консолі", "ru": "Консоль сотрудника", "en": "Officer console"},
    "login": {"kk": "Кіру", "ru": "Вход", "en": "Log in"},
    "login_eds": {
        "kk": "ЭЦҚ арқылы кіру (NCALayer)",
        "ru": "Войти с ЭЦП (NCALayer)",
        "en": "Log in with EDS (NCALayer)",
    },
    "login_hint": {
        "kk": "NCALayer іске қосылған болуы керек. Аутентификация кілтін таңдаңыз (AUTH).",
        "ru": "NCALayer должен быть запущен. Выберите ключ аутентификации (AUTH).",
        "en": "NCALayer must be running. Choose your authentication key (AUTH).",
    },
    "choose_role": {
        "kk": "Бірнеше есептік жазбаңыз бар. Рөлді таңдаңыз:",
        "ru": "У вас несколько учётных записей. Выберите роль:",
        "en": "You have several accounts. Choose the role:",
    },
    "ncalayer_unreachable": {
        "kk": "NCALayer-ге қосылу мүмкін болмады",
        "ru": "Не удалось подключиться к NCALayer",
        "en": "Could not reach NCALayer",
    },
    "cancelled": {
        "kk": "Қол қою тоқтатылды",
        "ru": "Подписание отменено",
        "en": "Signing cancelled",
    },
    "logout": {"kk": "Шығу", "ru": "Выход", "en": "Log out"},
    "worklist": {"kk": "Жұмыс тізімі", "ru": "Рабочий список", "en": "Worklist"},
    "admin": {"kk": "Басқару", "ru": "Управление", "en": "Administration"},
    "officers": {"kk": "Қызметкерлер", "ru": "Сотрудники", "en": "Officers"},
    "overdue_steps": {
        "kk": "Мерзімі өткен қадамдар",
        "ru": "Просроченные шаги",
        "en": "Overdue steps",
    },
    "service": {"kk": "Қызмет", "ru": "Услуга", "en": "Service"},
    "step": {"kk": "Қадам", "ru": "Шаг", "en": "Step"},
    "all": {"kk": "Барлығы", "ru": "Все", "en": "All"},
    "overdue_only": {"kk": "Тек мерзімі өткен", "ru": "Только просроченные", "en": "Overdue only"},
    "filter": {"kk": "Сүзу", "ru": "Фильтр", "en": "Filter"},
    "number": {"kk": "Нөмір", "ru": "Номер", "en": "Number"},
    "applicant": {"kk": "Өтініш беруші", "ru": "Заявитель", "en": "Applicant"},
    "due": {"kk": "Мерзімі", "ru": "Срок", "en": "Due"},
    "overdue": {"kk": "Мерзімі өтті", "ru": "Просрочено", "en": "Overdue"},
    "paused": {"kk": "Тоқтатылған", "ru": "Приостановлено", "en": "Paused"},
    "assignee": {"kk": "Орындаушы", "ru": "Исполнитель", "en": "Assignee"},
    "unassigned": {"kk": "Тағайындалмаған", "ru": "Не назначено", "en": "Unassigned"},
    "me": {"kk": "Мен", "ru": "Я", "en": "Me"},
    "claim": {"kk": "Алу", "ru": "Взять", "en": "Claim"},
    "assign": {"kk": "Тағайындау", "ru": "Назначить", "en": "Assign"},
    "open": {"kk": "Ашу", "ru": "Открыть", "en": "Open"},
    "no_tasks": {"kk": "Ашық тапсырмалар жоқ", "ru": "Открытых задач нет", "en": "No open tasks"},
    "refreshed": {"kk": "Жаңартылды", "ru": "Обновлено", "en": "Refreshed"},
    "file": {"kk": "Іс", "ru": "Дело", "en": "File"},
    "status": {"kk": "Мәртебе", "ru": "Статус", "en": "Status"},
    "received": {"kk": "Қабылданды", "ru": "Получено", "en": "Received"},
    "form": {"kk": "Өтінім нысаны", "ru": "Форма заявления", "en": "Application form"},
    "attachments": {"kk": "Қосымшалар", "ru": "Вложения", "en": "Attachments"},
    "declared_sha": {
        "kk": "Мәлімделген SHA-256",
        "ru": "Заявленный SHA-256",
        "en": "Declared SHA-256",
    },
    "verified": {"kk": "Тексерілді", "ru": "Проверено", "en": "Verified"},
    "mismatch": {"kk": "СӘЙКЕС ЕМЕС", "ru": "НЕ СОВПАДАЕТ", "en": "MISMATCH"},
    "download": {"kk": "Жүктеу", "ru": "Скачать", "en": "Download"},
    "signature": {
        "kk": "Өтініш берушінің қолтаңбасы",
        "ru": "Подпись заявителя",
        "en": "Applicant's signature",
    },
    "events": {"kk": "Оқиғалар тарихы", "ru": "История событий", "en": "Event history"},
    "deadlines": {"kk": "Мерзімдер", "ru": "Сроки", "en": "Deadlines"},
    "reasons": {
        "kk": "Күнтізбе негіздемесі",
        "ru": "Обоснование календаря",
        "en": "Calendar's reasons",
    },
    "agency_answers": {
        "kk": "Уәкілетті органдардың жауаптары",
        "ru": "Ответы уполномоченных органов",
        "en": "Agency answers",
    },
    "risk": {"kk": "Тәуекелдер дәлізі", "ru": "Коридор и риски", "en": "Corridor and risk rules"},
    "exams": {"kk": "Емтихан нәтижелері", "ru": "Результаты экзамена", "en": "Exam results"},
    "state_database": {
        "kk": "Мемлекеттік деректер қоры",
        "ru": "Проверка по госбазам",
        "en": "State-database check",
    },
    "found": {"kk": "Табылды", "ru": "Найден", "en": "Found"},
    "not_found": {"kk": "Табылмады", "ru": "Не найден", "en": "Not found"},
    "decision": {"kk": "Шешім", "ru": "Решение", "en": "Decision"},
    "action": {"kk": "Әрекет", "ru": "Действие", "en": "Action"},
    "grounds": {"kk": "Бас тарту негіздері", "ru": "Основания отказа", "en": "Refusal grounds"},
    "text": {"kk": "Мәтін", "ru": "Текст", "en": "Text"},
    "instructions": {
        "kk": "Негіздерді жою жөніндегі нұсқаулар",
        "ru": "Указания по устранению оснований",
        "en": "Instructions for removing the grounds",
    },
    "preview": {
        "kk": "Жобаны қарау (PDF)",
        "ru": "Просмотр проекта (PDF)",
        "en": "Preview draft (PDF)",
    },
    "submit_decision": {"kk": "Шешімді жіберу", "ru": "Отправить решение", "en": "Submit decision"},
    "draft_result": {"kk": "Нәтиже жобасы", "ru": "Проект результата", "en": "Draft result"},
    "results": {"kk": "Нәтижелер", "ru": "Результаты", "en": "Results"},
    "result": {"kk": "Нәтиже", "ru": "Результат", "en": "Result"},
    "to_sign": {
        "kk": "Сіздің қолыңызды күтуде",
        "ru": "Ожидают вашей подписи",
        "en": "Awaiting your signature",
    },
    "signing_area": {
        "kk": "Қол қою осы жерде болады",
        "ru": "Здесь будет подписание",
        "en": "Signing happens here",
    },
    "sign_eds": {
        "kk": "Менің ЭЦҚ-мен қол қою",
        "ru": "Подписать моей ЭЦП",
        "en": "Sign with my EDS",
    },
    "sign_hint": {
        "kk": "NCALayer екі рет сұрайды: PDF-ке және XML-ге. Қол қою кілтін (RSA/GOST) таңдаңыз.",
        "ru": "NCALayer спросит дважды: для PDF и для XML. Выберите ключ подписи (RSA/GOST).",
        "en": "NCALayer asks twice: for the PDF and for the XML. Choose your signing key.",
    },
    "signing_progress": {
        "kk": "Қол қойылуда…",
        "ru": "Идёт подписание…",
        "en": "Signing…",
    },
    "issued": {
        "kk": "Қол қойылды және берілді",
        "ru": "Подписано и выдано",
        "en": "Signed and issued",
    },
    "return_rework": {
        "kk": "Пысықтауға қайтару",
        "ru": "Вернуть на доработку",
        "en": "Return for rework",
    },
    "return_reason": {
        "kk": "Қайтару себебі (міндетті)",
        "ru": "Причина возврата (обязательно)",
        "en": "Reason for the return (required)",
    },
    "returned": {
        "kk": "Орындаушыға қайтарылды",
        "ru": "Возвращено исполнителю",
        "en": "Returned to the executor",
    },
    "sign_below": {
        "kk": "Төмендегі нәтиже жобасына қол қойыңыз немесе оны қайтарыңыз",
        "ru": "Подпишите проект результата ниже или верните его",
        "en": "Sign the draft result below or return it",
    },
    "no_task_here": {
        "kk": "Бұл іс бойынша сіздің рөліңізге ашық тапсырма жоқ",
        "ru": "Для вашей роли по этому делу открытой задачи нет",
        "en": "No open task of your role on this file",
    },
    "decided": {"kk": "Шешім қабылданды", "ru": "Решение принято", "en": "Decision taken"},
    "role": {"kk": "Рөл", "ru": "Роль", "en": "Role"},
    "name": {"kk": "Аты-жөні", "ru": "ФИО", "en": "Name"},
    "iin": {"kk": "ЖСН", "ru": "ИИН", "en": "IIN"},
    "services": {"kk": "Қызметтер", "ru": "Услуги", "en": "Services"},
    "certificate": {
        "kk": "Сертификат (PEM/DER)",
        "ru": "Сертификат (PEM/DER)",
        "en": "Certificate (PEM/DER)",
    },
    "create": {"kk": "Құру", "ru": "Создать", "en": "Create"},
    "deactivate": {"kk": "Өшіру", "ru": "Деактивировать", "en": "Deactivate"},
    "new_officer": {"kk": "Жаңа қызметкер", "ru": "Новый сотрудник", "en": "New officer"},
    "count": {"kk": "Саны", "ru": "Количество", "en": "Count"},
    "oldest_due": {"kk": "Ең ескі мерзім", "ru": "Самый ранний срок", "en": "Oldest due time"},
    "created": {"kk": "Құрылды", "ru": "Создан", "en": "Created"},
    # Officers' actions (the catalogue's transitions carry codes only).
    "action_approve": {"kk": "Мақұлдау", "ru": "Одобрить", "en": "Approve"},
    "action_refuse": {"kk": "Бас тарту", "ru": "Отказать", "en": "Refuse"},
    "action_complete": {
        "kk": "Құжаттар толық",
        "ru": "Документы полные",
        "en": "Documents complete",
    },
    "action_refuse_review": {
        "kk": "Әрі қарай қараудан бас тарту",
        "ru": "Отказ в дальнейшем рассмотрении",
        "en": "Refuse further review",
    },
    "action_submit": {
        "kk": "Қол қоюға жіберу",
        "ru": "Направить на подпись",
        "en": "Submit for signature",
    },
    "action_assign": {
        "kk": "Орындаушы тағайындау",
        "ru": "Назначить исполнителя",
        "en": "Assign an executor",
    },
    "action_issue": {"kk": "Беру", "ru": "Выдать", "en": "Issue"},
    "action_register_result": {
        "kk": "Нәтижені тіркеу",
        "ru": "Зарегистрировать результат",
        "en": "Register the result",
    },
    "action_reroute_release": {
        "kk": "Шығаруға бағыттау",
        "ru": "Направить на выпуск",
        "en": "Route to release",
    },
    "action_return": {"kk": "Қайтару", "ru": "Вернуть", "en": "Return"},
}


def language_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Language:
    """The cookie's language, else the first of kk/ru/en the browser accepts, else Kazakh."""
    chosen = connection.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    header = connection.headers.get("accept-language", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return DEFAULT


def translate(language: Language, key: str) -> str:
    texts = TEXTS.get(key)
    return key if texts is None else texts[language]
