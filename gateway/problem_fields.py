"""Per-field messages (``errors[].message``) in kk, ru and en: a table of patterns.

Field messages come from msgspec (the body's types), from the submission's shape checks and
from the form rules. Each pattern below matches one kind of English message and says it in
the three languages, with the message's own names and numbers put back; a message no pattern
knows keeps its English text (the form rules' own messages, which name the rule).
"""

from __future__ import annotations

import re
from typing import Any

from gateway.problem_titles import Language

# (English message pattern, templates by language; ``{name}`` is the pattern's named group).
FIELD_MESSAGES: tuple[tuple[re.Pattern[str], dict[Language, str]], ...] = (
    (
        re.compile(r"^unknown service '(?P<service>[^']*)'$"),
        {
            "en": "unknown service '{service}'",
            "ru": "неизвестная услуга «{service}»",
            "kk": "белгісіз қызмет «{service}»",
        },
    ),
    (
        re.compile(r"^JSON is malformed: (?P<what>.+) \(byte (?P<byte>\d+)\)$"),
        {
            "en": "JSON is malformed: {what} (byte {byte})",
            "ru": "некорректный JSON: {what} (байт {byte})",
            "kk": "JSON дұрыс емес: {what} ({byte}-байт)",
        },
    ),
    (
        re.compile(r"^Input data was truncated$"),
        {
            "en": "Input data was truncated",
            "ru": "JSON обрывается до конца значения",
            "kk": "JSON мәні аяқталмай үзіледі",
        },
    ),
    (
        re.compile(r"^Object missing required field `(?P<field>[^`]+)`$"),
        {
            "en": "Object missing required field `{field}`",
            "ru": "Отсутствует обязательное поле `{field}`",
            "kk": "Міндетті `{field}` өрісі жоқ",
        },
    ),
    (
        re.compile(r"^Object contains unknown field `(?P<field>[^`]+)`$"),
        {
            "en": "Object contains unknown field `{field}`",
            "ru": "Неизвестное поле `{field}`",
            "kk": "Белгісіз `{field}` өрісі",
        },
    ),
    (
        re.compile(r"^Expected `(?P<expected>[^`]+)`, got `(?P<got>[^`]+)`$"),
        {
            "en": "Expected `{expected}`, got `{got}`",
            "ru": "Ожидался тип `{expected}`, получен `{got}`",
            "kk": "`{expected}` түрі күтілді, `{got}` алынды",
        },
    ),
    (
        re.compile(r"^Expected `(?P<type>[^`]+)` of length (?P<op>[<>]=) (?P<n>\d+)$"),
        {
            "en": "Expected `{type}` of length {op} {n}",
            "ru": "Ожидалась длина {op} {n}",
            "kk": "Ұзындығы {op} {n} болуы керек",
        },
    ),
    (
        re.compile(r"^Expected `(?P<type>[^`]+)` (?P<op>[<>]=?) (?P<n>[-0-9.e]+)$"),
        {
            "en": "Expected `{type}` {op} {n}",
            "ru": "Ожидалось значение {op} {n}",
            "kk": "Мәні {op} {n} болуы керек",
        },
    ),
    (
        re.compile(r"^Expected `str` matching regex (?P<regex>.+)$"),
        {
            "en": "Expected `str` matching regex {regex}",
            "ru": "Значение не соответствует шаблону {regex}",
            "kk": "Мән {regex} үлгісіне сәйкес емес",
        },
    ),
    (
        re.compile(r"^Invalid enum value (?P<value>.+)$"),
        {
            "en": "Invalid enum value {value}",
            "ru": "Недопустимое значение {value}",
            "kk": "Жарамсыз мән {value}",
        },
    ),
    (
        re.compile(r"^Invalid (?P<what>RFC 3339 encoded datetime|ISO 8601 date|ISO 8601 .+)$"),
        {
            "en": "Invalid {what}",
            "ru": "Некорректная дата или время ({what})",
            "kk": "Күн немесе уақыт дұрыс емес ({what})",
        },
    ),
    (
        re.compile(r"^not valid base64$"),
        {
            "en": "not valid base64",
            "ru": "некорректный base64",
            "kk": "base64 дұрыс емес",
        },
    ),
    (
        re.compile(r"^send exactly one of: document \+ signature, cms, xml$"),
        {
            "en": "send exactly one of: document + signature, cms, xml",
            "ru": "отправьте ровно одно из: document + signature, cms, xml",
            "kk": "тек біреуін жіберіңіз: document + signature, cms, xml",
        },
    ),
    (
        re.compile(r"^document and signature go together$"),
        {
            "en": "document and signature go together",
            "ru": "document и signature передаются вместе",
            "kk": "document пен signature бірге жіберіледі",
        },
    ),
    (
        re.compile(r"^Idempotency-Key is too long$"),
        {
            "en": "Idempotency-Key is too long",
            "ru": "Idempotency-Key слишком длинный",
            "kk": "Idempotency-Key тым ұзын",
        },
    ),
    (
        re.compile(r"^the (?:request|document) is nested too deeply$"),
        {
            "en": "the request is nested too deeply",
            "ru": "слишком глубокая вложенность",
            "kk": "ұя салу тым терең",
        },
    ),
)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _filled(template: str, groups: dict[str, str]) -> str:
    # Not str.format: a template may hold JSON braces of its own.
    return _PLACEHOLDER.sub(lambda name: groups.get(name[1], name[0]), template)


def localized_field_message(message: str, language: Language) -> str:
    """``message`` said in ``language``, or as it is when no pattern knows it."""
    for pattern, templates in FIELD_MESSAGES:
        match = pattern.match(message)
        if match is not None:
            return _filled(templates[language], match.groupdict())
    return message


def localized_errors(errors: list[Any], language: Language) -> list[Any]:
    """A problem's ``errors`` with each entry's ``message`` in ``language``."""
    return [
        {**error, "message": localized_field_message(error["message"], language)}
        if isinstance(error, dict) and isinstance(error.get("message"), str)
        else error
        for error in errors
    ]


# A body that is the application document itself, not a signed submission of it.
UNSIGNED_APPLICATION: dict[Language, str] = {
    "en": (
        "This is an unsigned application document. Sign its exact bytes with the applicant's "
        'EDS (NCALayer, CMS) and send {"document": base64 of the bytes, "signature": base64 of '
        'the detached CMS}, or {"cms": attached CMS} or {"xml": signed XML}; locally, '
        "`qaqpa demo submit SERVICE --sign-only` prints such a body."
    ),
    "ru": (
        "Это неподписанный документ заявки. Подпишите его байты ЭЦП заявителя (NCALayer, CMS) "
        'и отправьте {"document": base64 байтов, "signature": base64 отсоединённой CMS}, '
        'или {"cms": присоединённая CMS}, или {"xml": подписанный XML}; локально пример тела '
        "выводит `qaqpa demo submit SERVICE --sign-only`."
    ),
    "kk": (
        "Бұл қол қойылмаған өтінім құжаты. Оның байттарына өтініш берушінің ЭЦҚ-мен "
        '(NCALayer, CMS) қол қойып, {"document": байттардың base64, "signature": бөлек CMS '
        'base64} немесе {"cms": біріктірілген CMS} немесе {"xml": қол қойылған XML} '
        "жіберіңіз; жергілікті түрде мысалды `qaqpa demo submit SERVICE --sign-only` шығарады."
    ),
}
FIELD_MESSAGES += (
    (re.compile("^" + re.escape(UNSIGNED_APPLICATION["en"]) + "$"), UNSIGNED_APPLICATION),
)


# The form rules' own messages (registry/<domain>/forms.py, the envelope, the classifiers):
# English text -> (ru, kk).
FORM_RULES: dict[str, tuple[str, str]] = {
    "a legal entity gives its bin or its branch_bin": (
        "юридическое лицо указывает БИН или БИН филиала",
        "заңды тұлға БСН-ін немесе филиалының БСН-ін көрсетеді",
    ),
    "a legal entity has no iin": ("у юридического лица нет ИИН", "заңды тұлғада ЖСН жоқ"),
    "all goods are valued in the one contract currency": (
        "все товары оцениваются в одной валюте контракта",
        "барлық тауар келісімшарттың бір валютасында бағаланады",
    ),
    "an email or a phone is required": (
        "нужен e-mail или телефон",
        "e-mail немесе телефон қажет",
    ),
    "an export declaration is dispatched from KZ": (
        "экспортная декларация — отправление из KZ",
        "экспорттық декларация — KZ-тен жөнелту",
    ),
    "an import declaration's destination is KZ": (
        "назначение импортной декларации — KZ",
        "импорттық декларацияның баратын жері — KZ",
    ),
    "an individual gives an iin, not a bin": (
        "физическое лицо указывает ИИН, а не БИН",
        "жеке тұлға БСН емес, ЖСН көрсетеді",
    ),
    "attachment names must be unique": (
        "имена вложений должны быть уникальными",
        "тіркеме атаулары қайталанбауы керек",
    ),
    "does not match the content": ("не совпадает с содержимым", "мазмұнға сәйкес емес"),
    "expires before the document's date": (
        "срок истекает раньше даты документа",
        "мерзімі құжат күнінен бұрын бітеді",
    ),
    "give either iin or bin, not both": (
        "укажите ИИН или БИН, но не оба",
        "ЖСН немесе БСН көрсетіңіз, екеуін бірге емес",
    ),
    "iin or bin is required": ("нужен ИИН или БИН", "ЖСН немесе БСН қажет"),
    "issued after the application date": (
        "выдан после даты заявления",
        "өтініш күнінен кейін берілген",
    ),
    "issued after the application": ("выдан после заявления", "өтініштен кейін берілген"),
    "must be the document named in box 6": (
        "должен быть документом, указанным в графе 6",
        "6-бағанда аталған құжат болуы керек",
    ),
    "must differ from the dispatch country": (
        "должна отличаться от страны отправления",
        "жөнелтуші елден өзгеше болуы керек",
    ),
    "net mass exceeds gross mass": (
        "масса нетто больше массы брутто",
        "нетто салмағы брутто салмағынан артық",
    ),
    "one preference per payment type": (
        "одна преференция на вид платежа",
        "төлем түріне бір преференция",
    ),
    "re-export goes to a third country, not KZ": (
        "реэкспорт идёт в третью страну, не в KZ",
        "реэкспорт KZ-ке емес, үшінші елге жүреді",
    ),
    "re-export starts outside Kazakhstan": (
        "реэкспорт начинается за пределами Казахстана",
        "реэкспорт Қазақстаннан тыс басталады",
    ),
    "required for a legal entity": (
        "обязательно для юридического лица",
        "заңды тұлға үшін міндетті",
    ),
    "required for an individual": (
        "обязательно для физического лица",
        "жеке тұлға үшін міндетті",
    ),
    "the exam date cannot precede the application date": (
        "дата экзамена не может быть раньше даты заявления",
        "емтихан күні өтініш күнінен бұрын болмайды",
    ),
}
FORM_RULE_PATTERNS: tuple[tuple[re.Pattern[str], dict[Language, str]], ...] = (
    (
        re.compile(r"^a repeated application is possible from (?P<day>.+)$"),
        {
            "en": "a repeated application is possible from {day}",
            "ru": "повторное заявление возможно с {day}",
            "kk": "қайта өтініш {day} бастап мүмкін",
        },
    ),
    (
        re.compile(r"^must equal the sum of the items' invoice values \((?P<total>.+)\)$"),
        {
            "en": "must equal the sum of the items' invoice values ({total})",
            "ru": "должно равняться сумме фактурных стоимостей товаров ({total})",
            "kk": "тауарлардың фактуралық құнының сомасына тең болуы керек ({total})",
        },
    ),
    (
        re.compile(r"^no attachment named '(?P<name>.+)'$"),
        {
            "en": "no attachment named '{name}'",
            "ru": "нет вложения «{name}»",
            "kk": "«{name}» тіркемесі жоқ",
        },
    ),
    (
        re.compile(r"^differs from attachment '(?P<name>.+)'$"),
        {
            "en": "differs from attachment '{name}'",
            "ru": "не совпадает с вложением «{name}»",
            "kk": "«{name}» тіркемесімен сәйкес емес",
        },
    ),
    (
        re.compile(r"^procedure (?P<code>\S+) is an (?P<kind>export|import) procedure$"),
        {
            "en": "procedure {code} is an {kind} procedure",
            "ru": "процедура {code} относится к другому направлению ({kind})",
            "kk": "{code} рәсімі басқа бағытқа жатады ({kind})",
        },
    ),
    (
        re.compile(r"^the candidate must be at least (?P<years>\d+)$"),
        {
            "en": "the candidate must be at least {years}",
            "ru": "кандидату должно быть не меньше {years} лет",
            "kk": "үміткер кемінде {years} жаста болуы керек",
        },
    ),
    (
        re.compile(r"^there is no goods item (?P<number>\d+)$"),
        {
            "en": "there is no goods item {number}",
            "ru": "нет товара с номером {number}",
            "kk": "{number} нөмірлі тауар жоқ",
        },
    ),
    (
        re.compile(
            r"^'(?P<code>[^']*)' is not a code of the classifier of preferences \(box 36\)$"
        ),
        {
            "en": "'{code}' is not a code of the classifier of preferences (box 36)",
            "ru": "«{code}» нет в классификаторе преференций (графа 36)",
            "kk": "«{code}» преференциялар жіктеуішінде жоқ (36-баған)",
        },
    ),
)
FIELD_MESSAGES += tuple(
    (re.compile("^" + re.escape(en) + "$"), {"en": en, "ru": ru, "kk": kk})
    for en, (ru, kk) in FORM_RULES.items()
)
FIELD_MESSAGES += FORM_RULE_PATTERNS
