"""S1 result documents: the release decision, the refusal of release, the registration refusal.

Field keys follow registry/results/render/samples.py (``declaration_number``, ``customs_procedure``,
``corridor``, ``payments``, ``status``; the ``goods`` table), so the renderer lays them out as
the samples. The refusal of registration lists each control error with where it is and how to
fix it (table ``control_errors``).
"""

from __future__ import annotations

from typing import Any

from registry.catalogue.model import LocalizedText
from registry.results.builders import BuildContext, base_document
from registry.results.document import DocumentField, DocumentTable, Ground, ResultDocument
from registry.results.render.text import format_amount, format_quantity

SERVICE = "customs-release"
RELEASE = "customs_release"
RELEASE_REFUSAL = "customs_release_refusal"
REGISTRATION_REFUSAL = "registration_refusal"


def _lt(kk: str, ru: str, en: str) -> LocalizedText:
    return LocalizedText(kk=kk, ru=ru, en=en)


CORRIDORS = {
    "green": _lt("Жасыл", "Зелёный", "Green"),
    "blue": _lt("Көк", "Синий", "Blue"),
    "yellow": _lt("Сары", "Жёлтый", "Yellow"),
    "red": _lt("Қызыл", "Красный", "Red"),
}
TITLES = {
    RELEASE: _lt(
        "Тауарларды шығару туралы шешім",
        "Решение о выпуске товаров",
        "Decision on the release of goods",
    ),
    RELEASE_REFUSAL: _lt(
        "Тауарларды шығарудан дәлелді бас тарту",
        "Мотивированный отказ в выпуске товаров",
        "Motivated refusal of release of goods",
    ),
    REGISTRATION_REFUSAL: _lt(
        "Тауарларға арналған декларацияны тіркеуден бас тарту туралы хабарлама",
        "Уведомление об отказе в регистрации декларации на товары",
        "Notice of refusal to register a goods declaration",
    ),
}
STATUSES = {
    RELEASE: _lt(
        "Тауарларды шығаруға рұқсат етілді", "Выпуск товаров разрешён", "Release of goods permitted"
    ),
    RELEASE_REFUSAL: _lt(
        "Тауарларды шығарудан бас тартылды", "Выпуск товаров отказан", "Release of goods refused"
    ),
    REGISTRATION_REFUSAL: _lt(
        "Тіркеуден бас тартылды", "Отказано в регистрации", "Registration refused"
    ),
}


# The labels of the S1 documents' fields, by key (testkit's samples use them too).
FIELD_LABELS = {
    "declaration_number": _lt(
        "Тауарларға арналған декларацияның тіркеу нөмірі",
        "Регистрационный номер декларации на товары",
        "Goods declaration registration number",
    ),
    "customs_procedure": _lt("Кедендік рәсім", "Таможенная процедура", "Customs procedure"),
    "corridor": _lt(
        "Тәуекелдерді басқару жүйесінің дәлізі",
        "Коридор системы управления рисками",
        "Risk-management corridor",
    ),
    "payments": _lt(
        "Дербес шоттан есептен шығарылған төлемдер",
        "Платежи, списанные с лицевого счёта",
        "Payments written off",
    ),
    "post_clearance_audit": _lt(
        "Шығарғаннан кейінгі аудит", "Таможенный контроль после выпуска", "Post-clearance audit"
    ),
    "status": _lt("Декларацияның мәртебесі", "Статус декларации", "Declaration status"),
}


def labelled(key: str, value: str | LocalizedText) -> DocumentField:
    """Field ``key`` of an S1 document with its label."""
    return DocumentField(key=key, label=FIELD_LABELS[key], value=value)


def _column(key: str, label: LocalizedText, unit: str = "") -> DocumentField:
    return DocumentField(key=key, label=label, value=unit)


GOODS_COLUMNS = [
    _column("item", _lt("Тауар №", "№ товара", "Item")),
    _column("description", _lt("Тауардың сипаттамасы", "Описание товара", "Description")),
    _column("hs_code", _lt("ЕАЭО СЭҚ ТН коды", "Код ТН ВЭД ЕАЭС", "EAEU HS code")),
    _column("net_weight", _lt("Таза салмағы", "Вес нетто", "Net weight"), "кг / кг"),
    _column("customs_value", _lt("Кедендік құны", "Таможенная стоимость", "Customs value"), "KZT"),
]
ERROR_COLUMNS = [
    _column("no", _lt("№", "№", "No")),
    _column("code", _lt("Қате коды", "Код ошибки", "Error code")),
    _column("pointer", _lt("Баған", "Графа", "Where")),
    _column(
        "text",
        _lt(
            "Не дұрыс емес және қалай түзету керек",
            "Что неверно и как исправить",
            "What is wrong and how to fix it",
        ),
    ),
]


def _goods(form: dict[str, Any]) -> DocumentTable:
    rows = [
        {
            "item": str(item.get("item_number", "")),
            "description": str(item.get("description", "")),
            "hs_code": str(item.get("hs_code", "")),
            "net_weight": format_quantity(item.get("net_mass_kg", "")),
            "customs_value": format_amount(item.get("customs_value_kzt", "")),
        }
        for item in form.get("goods", [])
    ]
    return DocumentTable(
        key="goods",
        label=_lt("Декларацияланған тауарлар", "Задекларированные товары", "Declared goods"),
        columns=GOODS_COLUMNS,
        rows=rows,
    )


def _common_fields(context: BuildContext) -> list[DocumentField]:
    form = context.form
    procedure = f"{form.get('direction', '')} {form.get('customs_procedure_code', '')}"
    fields = [
        labelled("declaration_number", context.registration_number or ""),
        labelled("customs_procedure", procedure),
    ]
    corridor = context.data.get("corridor")
    if isinstance(corridor, str) and corridor in CORRIDORS:
        fields.append(labelled("corridor", CORRIDORS[corridor]))
    return fields


def _base(context: BuildContext, **values: Any) -> ResultDocument:
    return base_document(context, TITLES.get(context.kind, TITLES[RELEASE_REFUSAL]), **values)


def _status(kind: str) -> DocumentField:
    return labelled("status", STATUSES[kind])


def release_decision(context: BuildContext) -> ResultDocument:
    fields = _common_fields(context)
    fields.append(labelled("payments", f"{context.data.get('written_off', '0.00')} KZT"))
    if context.data.get("post_clearance_audit"):
        scheduled = _lt("Тағайындалды", "Назначен", "Scheduled")
        fields.append(labelled("post_clearance_audit", scheduled))
    fields.append(_status(RELEASE))
    return _base(context, fields=fields, tables=[_goods(context.form)], explanation=context.text)


def _grounds(context: BuildContext) -> list[Ground]:
    known = {ground.code: ground.text for ground in context.definition.refusal_grounds}
    return [Ground(code=code, text=known[code]) for code in context.grounds if code in known]


def refusal(context: BuildContext) -> ResultDocument:
    kind = context.kind if context.kind in STATUSES else RELEASE_REFUSAL
    fields = [*_common_fields(context), _status(kind)]
    tables = [_goods(context.form)]
    if kind == REGISTRATION_REFUSAL:
        fields = fields[1:]  # a refused declaration has no registration number
        errors = context.data.get("errors", [])
        tables.append(
            DocumentTable(
                key="control_errors",
                label=_lt(
                    "Форматтық-логикалық бақылау қателері",
                    "Ошибки форматно-логического контроля",
                    "Format-and-logic control errors",
                ),
                columns=ERROR_COLUMNS,
                rows=[
                    {
                        "no": str(index),
                        "code": str(error.get("code", "")),
                        "pointer": str(error.get("pointer", "")),
                        "text": " / ".join(
                            str(error.get("text", {}).get(lang, "")) for lang in ("kk", "ru")
                        ),
                    }
                    for index, error in enumerate(errors, 1)
                ],
            )
        )
    return _base(
        context,
        fields=fields,
        tables=tables,
        grounds=_grounds(context),
        explanation=context.text,
        instructions=context.instructions,
    )
