"""S8 result documents: the permit (annex 4) and the motivated refusal (annex 3).

The permit carries every line of the annex-4 form: number (1), applicant (2), dispatch and
destination countries (3, 4), end user (5), basis (6), the goods with HS code, control-list
code, unit, quantity, currency and value (7–13, a table), agreed by (14), authority (15),
personal-data consent (16), special conditions (17), and the issue date, validity date and
signer (the document's ``issued_on``, ``valid_until`` and ``signer``, the last set when the
head approves it for signature). The decision data it needs (validity, the agreeing bodies) is
put into the decision by the approval check (registry.reexport_permit.hooks).

The refusal carries the annex-3 data: number, date, addressee with BIN/IIN, the application's
incoming number and date, the grounds, the signer; a refusal of *further review* (incomplete
application) names the missing documents as its first ground.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from registry.catalogue.model import LocalizedText
from registry.reexport_permit.agencies import agency_name
from registry.results.builders import BuildContext, base_document, cited_grounds
from registry.results.document import DocumentField, DocumentTable, Ground, Party, ResultDocument
from registry.results.render.text import format_quantity

REVIEW_REFUSAL = "refusal_of_review"  # decision data key: the refusal ends the review early
MISSING_DOCUMENTS = "missing_documents"


def _lt(kk: str, ru: str, en: str) -> LocalizedText:
    return LocalizedText(kk=kk, ru=ru, en=en)


PERMIT_TITLE = _lt(
    "Өзіндік ерекшелігі бар тауарларды эксаумақтық кері экспорттауға рұқсат",
    "Разрешение на экстерриториальный реэкспорт товаров, обладающих специфическими "
    "характеристиками",
    "Permit for extraterritorial re-export of goods with special characteristics",
)
REFUSAL_TITLE = _lt("Дәлелді бас тарту", "Мотивированный отказ", "Motivated refusal")
REVIEW_REFUSAL_TITLE = _lt(
    "Өтінішті одан әрі қараудан дәлелді бас тарту",
    "Мотивированный отказ в дальнейшем рассмотрении заявления",
    "Motivated refusal of further review of the application",
)
LABELS: dict[str, LocalizedText] = {
    "permit_number": _lt("1. Рұқсат №", "1. Разрешение №", "1. Permit No"),
    "applicant": _lt(
        "2. Өтініш білдіруші (заңды (тұрғылықты) мекен-жайы, телефон)",
        "2. Заявитель (юридический (фактический) адрес, телефон)",
        "2. Applicant (legal (actual) address, telephone)",
    ),
    "country_of_dispatch": _lt(
        "3. Жөнелтуші ел", "3. Страна отправления", "3. Country of dispatch"
    ),
    "country_of_destination": _lt(
        "4. Алушы ел", "4. Страна назначения", "4. Country of destination"
    ),
    "end_user": _lt(
        "5. Соңғы пайдаланушы (толық атауы, мекен-жайы, телефоны)",
        "5. Конечный пользователь (полное наименование, адрес, телефон)",
        "5. End user (full name, address, telephone)",
    ),
    "basis": _lt(
        "6. Рұқсатты сұрау салу үшін негіздеме (сыртқы сауда шарты (келісімшарт), № және қол "
        "қойылған күні)",
        "6. Основание для запроса разрешения (внешнеторговый договор (контракт), № и дата "
        "подписания)",
        "6. Basis for the request (foreign-trade contract, No and date of signature)",
    ),
    "agreed_by": _lt("14. Келісілді", "14. Согласовано", "14. Agreed by"),
    "authority": _lt(
        "15. Уәкілетті орган (құзырлы органның толық атауы)",
        "15. Уполномоченный орган (полное наименование компетентного органа)",
        "15. Authorised body (full name of the competent authority)",
    ),
    "personal_data_consent": _lt(
        "16. Дербес деректерді жинауға және өңдеуге, заңмен қорғалатын құпияны құрайтын "
        "мәліметтерді пайдалануға келісім",
        "16. Согласие на сбор и обработку персональных данных, использование сведений, "
        "составляющих охраняемую законом тайну",
        "16. Consent to the collection and processing of personal data",
    ),
    "special_conditions": _lt(
        "17. Рұқсаттың ерекше шарттары",
        "17. Особые условия разрешения",
        "17. Special conditions of the permit",
    ),
}
GOODS_LABEL = _lt(
    "7–13. Өзіндік ерекшелігі бар тауарлар",
    "7–13. Товары, обладающие специфическими характеристиками",
    "7-13. Goods with special characteristics",
)
GOODS_COLUMNS = [
    DocumentField(key=key, label=label, value="")
    for key, label in (
        ("name", _lt("Тауардың атауы", "Наименование товара", "Goods")),
        ("hs_code", _lt("ЕАЭО СЭҚ ТН коды", "Код ТН ВЭД ЕАЭС", "EAEU HS code")),
        (
            "control_list_code",
            _lt("Бақылау тізімі бойынша коды", "Код по контрольному списку", "Control-list code"),
        ),
        ("unit", _lt("Өлшем бірлігі", "Единица измерения", "Unit")),
        ("quantity", _lt("Саны", "Количество", "Quantity")),
        ("currency", _lt("Келісімшарт валютасы", "Валюта контракта", "Contract currency")),
        ("value", _lt("Құны", "Стоимость", "Value")),
    )
]
CONSENT_GIVEN = _lt(
    "Келісім берілді (өтініш берушінің ЭЦҚ-сымен куәландырылған)",
    "Согласие дано (удостоверено ЭЦП заявителя)",
    "Consent given (certified with the applicant's EDS)",
)
CONSENT_MISSING = _lt("Келісім берілмеген", "Согласие не дано", "Consent not given")
NO_SPECIAL_CONDITIONS = _lt("Жоқ", "Нет", "None")
INCOMPLETE = _lt(
    "Көрсетілетін қызметті алушының құжаттар топтамасын толық ұсынбауы: ",
    "Непредставление услугополучателем полного пакета документов: ",
    "Incomplete set of documents: ",
)


def _address(address: dict[str, Any]) -> str:
    keys = ("country", "postal_code", "region", "locality", "street", "building", "office")
    return ", ".join(str(address[key]) for key in keys if address.get(key))


def _party_line(party: dict[str, Any], *numbers: str) -> str:
    parts = [str(party.get("name", ""))]
    parts += [f"{key.upper().replace('_', ' ')} {party[key]}" for key in numbers if party.get(key)]
    if party.get("address"):
        parts.append(_address(party["address"]))
    if party.get("phone"):
        parts.append(f"тел. / tel. {party['phone']}")
    return ", ".join(parts)


def _addressee(context: BuildContext) -> Party:
    """The applicant as named in the application, with the form's address (annex 3)."""
    applicant = context.form.get("applicant", {})
    address = applicant.get("address") or {}
    return Party(
        name=context.applicant.name,
        iin=context.applicant.iin,
        bin=context.applicant.bin or applicant.get("branch_bin"),
        address=_address(address) or None,
        country=address.get("country"),
    )


def _basis(basis: dict[str, Any]) -> str:
    kind = "Келісімшарт / Контракт" if basis.get("kind") == "contract" else "Құжат / Документ"
    signed = date.fromisoformat(str(basis["signed_on"])).strftime("%d.%m.%Y")
    return f"{kind} № {basis['number']}, {signed}"


def _goods_rows(goods: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {
            "name": str(item["name"]),
            "hs_code": str(item["hs_code"]),
            "control_list_code": str(item["control_list_code"]),
            "unit": str(item["unit"]),
            "quantity": format_quantity(item["quantity"]),
            "currency": str(item["value"]["currency"]),
            "value": str(item["value"]["amount"]),
        }
        for item in goods
    ]


def _agreed_by(answers: list[dict[str, Any]]) -> LocalizedText:
    """Each agreeing body with its letter: "<name> (<date> № <number>)"."""
    parts: dict[str, list[str]] = {"kk": [], "ru": [], "en": []}
    for answer in answers:
        name = agency_name(str(answer["agency"]))
        letter = ", ".join(
            str(part)
            for part in (answer.get("document_date"), answer.get("document_number"))
            if part
        )
        suffix = f" ({letter})" if letter else ""
        for language, items in parts.items():
            items.append(getattr(name, language) + suffix)
    return LocalizedText(**{language: "; ".join(items) for language, items in parts.items()})


def _field(key: str, value: str | LocalizedText) -> DocumentField:
    return DocumentField(key=key, label=LABELS[key], value=value)


def permit(context: BuildContext) -> ResultDocument:
    form, data = context.form, context.data
    conditions = [c for c in (form.get("special_conditions"), data.get("special_conditions")) if c]
    fields = [
        _field("permit_number", context.number),
        _field("applicant", _party_line(form["applicant"], "bin", "branch_bin", "iin")),
        _field("country_of_dispatch", str(form["dispatch_country"])),
        _field("country_of_destination", str(form["destination_country"])),
        _field("end_user", _party_line(form["end_user"])),
        _field("basis", _basis(form["basis"])),
        _field("agreed_by", _agreed_by(list(data.get("agreed_by", [])))),
        _field("authority", context.definition.provider),
        _field(
            "personal_data_consent",
            CONSENT_GIVEN if form.get("personal_data_consent") else CONSENT_MISSING,
        ),
        _field(
            "special_conditions",
            "; ".join(str(c) for c in conditions) if conditions else NO_SPECIAL_CONDITIONS,
        ),
    ]
    return base_document(
        context,
        PERMIT_TITLE,
        addressee=_addressee(context),
        fields=fields,
        tables=[
            DocumentTable(
                key="goods",
                label=GOODS_LABEL,
                columns=GOODS_COLUMNS,
                rows=_goods_rows(list(form["goods"])),
                after="basis",  # boxes 7-13 between 6 and 14, as on the annex-4 form
            )
        ],
        explanation=context.text,
        valid_until=date.fromisoformat(str(data["valid_until"])),
    )


def refusal(context: BuildContext) -> ResultDocument:
    grounds = cited_grounds(context)
    missing = [str(item) for item in context.data.get(MISSING_DOCUMENTS, [])]
    if missing:
        listed = "; ".join(missing)
        grounds.insert(
            0,
            Ground(
                code="incomplete_documents",
                text=LocalizedText(
                    kk=INCOMPLETE.kk + listed, ru=INCOMPLETE.ru + listed, en=INCOMPLETE.en + listed
                ),
            ),
        )
    review = bool(context.data.get(REVIEW_REFUSAL))
    return base_document(
        context,
        REVIEW_REFUSAL_TITLE if review else REFUSAL_TITLE,
        addressee=_addressee(context),
        grounds=grounds,
        explanation=context.text,
        instructions=context.instructions,
    )
