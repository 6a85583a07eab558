"""Format-and-logic control of a goods declaration before registration (S1 step 1).

:func:`control_declaration` returns every :class:`ControlError` it finds; an empty list means the
declaration may be registered, a non-empty one is the motivated refusal of registration (each
error says what is wrong and how to fix it, in kk/ru/en, and points into the form).

Intake has already decoded the form (shapes, patterns, positive numbers) and run the form's own
cross-field checks; this control repeats the cheap value checks anyway, because a form built in
code skips msgspec's validation, and adds what needs reference data:

* ``hs_code_format`` / ``hs_code_unknown``: 10 digits whose first 6 are an HS 2022 subheading or
  that extend a national subheading (:mod:`registry.customs_release.nomenclature`).
* ``value_not_positive``: quantities, masses, invoice values, customs values, payments > 0.
* ``net_mass_exceeds_gross``: net mass (box 38) <= gross mass (box 35).
* ``currency_mismatch``: every item's invoice currency is the box-22 currency.
* ``invoice_total_mismatch``: the box-22 total is the sum of the items' invoice values.
* ``customs_value_inconsistent``: see :data:`CUSTOMS_VALUE_SPREAD`.
* ``currency_unknown`` / ``country_unknown``: ISO 4217 and ISO 3166-1 codes that exist.
* ``permit_missing``: prohibitions and restrictions (:class:`registry.models.PermitRequirement`).
* ``attachment_missing`` / ``document_item_unknown``: box-44 references that resolve.
* ``preference_unknown``: a box-36 code the classifier of preferences does not know
  (:mod:`registry.customs_release.preferences`; intake refuses it too, but the classifier may
  change).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from decimal import Decimal, InvalidOperation

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.catalogue.model import LocalizedText
from registry.customs_release.forms import CustomsReleaseForm, GoodsItem
from registry.customs_release.nomenclature import (
    country_known,
    currency_known,
    hs_code_known,
    national_subheadings,
)
from registry.customs_release.preferences import ClaimedPreference, classifier, unknown_claims
from registry.models import PermitRequirement

# "Consistent" customs value: the customs value (box 45, tenge) is the invoice price converted at
# one exchange rate, plus additions (freight and insurance to the border, ...) and minus
# deductions apportioned to the items. So every item's implied rate (tenge of customs value per
# unit of invoice currency) must be within a factor of CUSTOMS_VALUE_SPREAD of the declaration's
# rate: 1 for an invoice in tenge, otherwise the total customs value over the invoice total. A
# factor of 2 admits heavy, cheap goods whose freight doubles their value, and still catches a
# misplaced decimal point or a value typed against the wrong item.
CUSTOMS_VALUE_SPREAD = Decimal(2)


class ControlError(msgspec.Struct, frozen=True, kw_only=True):
    """One reason the declaration cannot be registered: a stable ``code``, an RFC 6901 ``pointer``
    into the form, and a ``text`` (kk/ru/en) saying what is wrong and how to fix it."""

    code: str
    pointer: str
    text: LocalizedText


def _error(code: str, pointer: str, *, kk: str, ru: str, en: str) -> ControlError:
    return ControlError(code=code, pointer=pointer, text=LocalizedText(kk=kk, ru=ru, en=en))


async def control_declaration(
    session: AsyncSession, form: CustomsReleaseForm, attachment_names: Collection[str]
) -> list[ControlError]:
    """Every control error of ``form``; ``attachment_names`` are the application's attachments.

    Reads the national-subheadings and permit tables in ``session``; writes nothing.
    """
    national = await national_subheadings(session)
    permits = (
        await session.scalars(
            select(PermitRequirement)
            .where(PermitRequirement.active)
            .order_by(PermitRequirement.hs_prefix, PermitRequirement.id)
        )
    ).all()
    errors = [
        error for index, item in enumerate(form.goods) for error in _hs_code(index, item, national)
    ]
    errors += _positive_values(form)
    errors += _masses(form)
    errors += _invoice(form)
    errors += _customs_values(form)
    errors += _currencies(form)
    errors += _countries(form)
    errors += _permits(form, permits)
    errors += _box44_references(form, attachment_names)
    if any(item.preferences for item in form.goods):
        errors += [
            _unknown_preference(claim) for claim in unknown_claims(form, await classifier(session))
        ]
    return errors


def _unknown_preference(claim: ClaimedPreference) -> ControlError:
    code = claim.code
    return _error(
        "preference_unknown",
        claim.pointer,
        kk=f"{code!r} жеңілдік коды ЕАЭО-ның кедендік төлемдер бойынша жеңілдіктер "
        "сыныптауышында жоқ; 36-бағанда сыныптауыштағы кодты көрсетіңіз немесе жеңілдікті алып "
        "тастаңыз.",
        ru=f"Кода льготы {code!r} нет в классификаторе льгот по уплате таможенных платежей "
        "ЕАЭС; укажите в графе 36 код из классификатора или уберите льготу.",
        en=f"The preference code {code!r} is not in the EAEU classifier of preferences for "
        "customs payments; declare a code of the classifier in box 36 or drop the preference.",
    )


def _hs_code(index: int, item: GoodsItem, national: frozenset[str]) -> Iterator[ControlError]:
    pointer = f"/goods/{index}/hs_code"
    code = item.hs_code
    if len(code) != 10 or not code.isascii() or not code.isdigit():
        yield _error(
            "hs_code_format",
            pointer,
            kk=f"Тауар коды {code!r} 10 цифрдан тұруы керек (ЕАЭО СЭҚ ТН); кодты толық көрсетіңіз.",
            ru=f"Код товара {code!r} должен состоять из 10 цифр (ТН ВЭД ЕАЭС); укажите полный код.",
            en=f"HS code {code!r} must be 10 digits (EAEU TN VED); declare the full code.",
        )
    elif not hs_code_known(code, national):
        yield _error(
            "hs_code_unknown",
            pointer,
            kk=f"{code} кодының алғашқы 6 цифры ({code[:6]}) ҮЖ 2022 номенклатурасында жоқ; "
            "тауарды қолданыстағы кодпен сыныптаңыз.",
            ru=f"Первые 6 цифр кода {code} ({code[:6]}) отсутствуют в номенклатуре ГС 2022; "
            "классифицируйте товар по действующему коду.",
            en=f"The first 6 digits of {code} ({code[:6]}) are not an HS 2022 subheading; "
            "classify the goods under a code in force.",
        )


def _amount(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _not_positive(pointer: str, shown: object) -> ControlError:
    return _error(
        "value_not_positive",
        pointer,
        kk=f"Мән {shown} оң сан болуы керек; нақты мәнді көрсетіңіз.",
        ru=f"Значение {shown} должно быть положительным числом; укажите фактическое значение.",
        en=f"The value {shown} must be a positive number; declare the actual value.",
    )


def _positive_values(form: CustomsReleaseForm) -> list[ControlError]:
    errors: list[ControlError] = []
    total = _amount(form.invoice_total.amount)
    if total is None or total <= 0:
        errors.append(_not_positive("/invoice_total/amount", form.invoice_total.amount))
    for index, item in enumerate(form.goods):
        base = f"/goods/{index}"
        for field in ("quantity", "gross_mass_kg", "net_mass_kg"):
            measured: float = getattr(item, field)
            if not measured > 0:  # also refuses NaN
                errors.append(_not_positive(f"{base}/{field}", measured))
        for pointer, text in (
            (f"{base}/invoice_value/amount", item.invoice_value.amount),
            (f"{base}/customs_value_kzt", item.customs_value_kzt),
        ):
            value = _amount(text)
            if value is None or value <= 0:
                errors.append(_not_positive(pointer, text))
    for index, payment in enumerate(form.payments):
        value = _amount(payment.amount.amount)
        if value is None or value <= 0:
            errors.append(_not_positive(f"/payments/{index}/amount/amount", payment.amount.amount))
    return errors


def _masses(form: CustomsReleaseForm) -> list[ControlError]:
    return [
        _error(
            "net_mass_exceeds_gross",
            f"/goods/{index}/net_mass_kg",
            kk=f"Нетто салмағы ({item.net_mass_kg} кг) брутто салмағынан ({item.gross_mass_kg} кг) "
            "аспауы керек; 35 және 38-бағандарды тексеріңіз.",
            ru=f"Вес нетто ({item.net_mass_kg} кг) не может превышать вес брутто "
            f"({item.gross_mass_kg} кг); проверьте графы 35 и 38.",
            en=f"Net mass ({item.net_mass_kg} kg) cannot exceed gross mass "
            f"({item.gross_mass_kg} kg); check boxes 35 and 38.",
        )
        for index, item in enumerate(form.goods)
        if item.net_mass_kg > item.gross_mass_kg
    ]


def _invoice(form: CustomsReleaseForm) -> list[ControlError]:
    currency = form.invoice_total.currency
    errors: list[ControlError] = []
    total = Decimal(0)
    for index, item in enumerate(form.goods):
        if item.invoice_value.currency != currency:
            errors.append(
                _error(
                    "currency_mismatch",
                    f"/goods/{index}/invoice_value/currency",
                    kk=f"Тауардың фактуралық құны {item.invoice_value.currency} валютасында, ал "
                    f"22-бағанның валютасы {currency}; барлық тауарларды бір валютада көрсетіңіз.",
                    ru=f"Фактурная стоимость товара указана в {item.invoice_value.currency}, а "
                    f"валюта графы 22 — {currency}; укажите все товары в одной валюте.",
                    en=f"The item's invoice value is in {item.invoice_value.currency} but box 22 "
                    f"is in {currency}; declare every item in the box-22 currency.",
                )
            )
        total += _amount(item.invoice_value.amount) or Decimal(0)
    declared = _amount(form.invoice_total.amount)
    if not errors and declared is not None and total != declared:
        errors.append(
            _error(
                "invoice_total_mismatch",
                "/invoice_total/amount",
                kk=f"22-бағандағы жалпы сома ({declared}) тауарлардың фактуралық құнының "
                f"қосындысына ({total}) тең болуы керек.",
                ru=f"Общая сумма по счёту в графе 22 ({declared}) должна равняться сумме "
                f"фактурных стоимостей товаров ({total}).",
                en=f"The box-22 invoice total ({declared}) must equal the sum of the items' "
                f"invoice values ({total}).",
            )
        )
    return errors


def _customs_values(form: CustomsReleaseForm) -> list[ControlError]:
    """Items whose implied rate strays from the declaration's (see CUSTOMS_VALUE_SPREAD)."""
    currency = form.invoice_total.currency
    pairs: list[tuple[int, Decimal, Decimal]] = []
    for index, item in enumerate(form.goods):
        invoice = _amount(item.invoice_value.amount)
        customs = _amount(item.customs_value_kzt)
        if item.invoice_value.currency != currency or invoice is None or customs is None:
            return []  # reported by the other checks; no rate to compare with
        if invoice <= 0 or customs <= 0:
            return []
        pairs.append((index, invoice, customs))
    if currency == "KZT":
        reference = Decimal(1)
    else:
        customs_total = sum((c for _, _, c in pairs), Decimal(0))
        reference = customs_total / sum((i for _, i, _ in pairs), Decimal(0))
    errors: list[ControlError] = []
    for index, invoice, customs in pairs:
        rate = customs / invoice
        if reference / CUSTOMS_VALUE_SPREAD <= rate <= reference * CUSTOMS_VALUE_SPREAD:
            continue
        low, high = (
            invoice * reference / CUSTOMS_VALUE_SPREAD,
            invoice * reference * CUSTOMS_VALUE_SPREAD,
        )
        band = f"{low:.2f}–{high:.2f}"
        errors.append(
            _error(
                "customs_value_inconsistent",
                f"/goods/{index}/customs_value_kzt",
                kk=f"Кедендік құн ({customs} теңге) фактуралық құнға ({invoice} {currency}) "
                f"сәйкес емес: күтілетін аралық {band} теңге; 45-бағанды тексеріңіз.",
                ru=f"Таможенная стоимость ({customs} тенге) не согласуется с фактурной "
                f"({invoice} {currency}): ожидается {band} тенге; проверьте графу 45.",
                en=f"The customs value ({customs} KZT) does not agree with the invoice value "
                f"({invoice} {currency}): expected {band} KZT; check box 45.",
            )
        )
    return errors


def _currencies(form: CustomsReleaseForm) -> list[ControlError]:
    found = [("/invoice_total/currency", form.invoice_total.currency)]
    found += [
        (f"/goods/{index}/invoice_value/currency", item.invoice_value.currency)
        for index, item in enumerate(form.goods)
    ]
    found += [
        (f"/payments/{index}/amount/currency", payment.amount.currency)
        for index, payment in enumerate(form.payments)
    ]
    return [
        _error(
            "currency_unknown",
            pointer,
            kk=f"{code!r} — ISO 4217 валюта коды емес; әріптік кодты көрсетіңіз (мысалы, USD).",
            ru=f"{code!r} — не код валюты ISO 4217; укажите буквенный код (например, USD).",
            en=f"{code!r} is not an ISO 4217 currency code; declare the letter code (e.g. USD).",
        )
        for pointer, code in found
        if not currency_known(code)
    ]


def _countries(form: CustomsReleaseForm) -> list[ControlError]:
    found = [
        ("/declarant/address/country", form.declarant.address.country),
        ("/consignor/address/country", form.consignor.address.country),
        ("/dispatch_country", form.dispatch_country),
        ("/destination_country", form.destination_country),
    ]
    found += [
        (f"/goods/{index}/origin_country", item.origin_country)
        for index, item in enumerate(form.goods)
    ]
    if form.goods_location is not None:
        found.append(("/goods_location/country", form.goods_location.country))
    return [
        _error(
            "country_unknown",
            pointer,
            kk=f"{code!r} — ISO 3166-1 ел коды емес; екі әріпті кодты көрсетіңіз (мысалы, CN).",
            ru=f"{code!r} — не код страны ISO 3166-1; укажите двухбуквенный код (например, CN).",
            en=f"{code!r} is not an ISO 3166-1 country code; declare the 2-letter code (e.g. CN).",
        )
        for pointer, code in found
        if not country_known(code)
    ]


def _permits(
    form: CustomsReleaseForm, permits: Collection[PermitRequirement]
) -> list[ControlError]:
    errors: list[ControlError] = []
    for index, item in enumerate(form.goods):
        for permit in permits:
            if permit.direction not in (None, form.direction):
                continue
            if not item.hs_code.startswith(permit.hs_prefix):
                continue
            if any(
                document.code == permit.document_code
                and (not document.item_numbers or item.item_number in document.item_numbers)
                for document in form.documents
            ):
                continue
            name = permit.document_name
            errors.append(
                _error(
                    "permit_missing",
                    f"/goods/{index}/hs_code",
                    kk=f"{permit.hs_prefix} кодымен басталатын тауарларға 44-бағанда "
                    f"{permit.document_code} «{name['kk']}» құжаты қажет; құжатты осы тауарға "
                    "сілтеп қосыңыз.",
                    ru=f"Для товаров с кодом, начинающимся на {permit.hs_prefix}, в графе 44 "
                    f"нужен документ {permit.document_code} «{name['ru']}»; добавьте его со "
                    "ссылкой на этот товар.",
                    en=f"Goods under HS {permit.hs_prefix} need box-44 document "
                    f"{permit.document_code} ({name['en']}); add it, referring to this item.",
                )
            )
    return errors


def _box44_references(
    form: CustomsReleaseForm, attachment_names: Collection[str]
) -> list[ControlError]:
    attached = set(attachment_names)
    items = {item.item_number for item in form.goods}
    errors: list[ControlError] = []
    for index, document in enumerate(form.documents):
        if document.attachment not in attached:
            errors.append(
                _error(
                    "attachment_missing",
                    f"/documents/{index}/attachment",
                    kk=f"{document.code} құжаты {document.attachment!r} тіркемесіне сілтейді, ол "
                    "өтінімде жоқ; сканерленген көшірмені тіркеңіз.",
                    ru=f"Документ {document.code} ссылается на вложение {document.attachment!r}, "
                    "которого нет в заявке; приложите скан-копию.",
                    en=f"Document {document.code} refers to attachment {document.attachment!r}, "
                    "which the application does not contain; attach the scan.",
                )
            )
        for position, number in enumerate(document.item_numbers):
            if number in items:
                continue
            errors.append(
                _error(
                    "document_item_unknown",
                    f"/documents/{index}/item_numbers/{position}",
                    kk=f"{document.code} құжаты жоқ {number}-тауарға сілтейді; 32-бағандағы "
                    "тауар нөмірін көрсетіңіз.",
                    ru=f"Документ {document.code} ссылается на несуществующий товар № {number}; "
                    "укажите номер товара из графы 32.",
                    en=f"Document {document.code} refers to goods item {number}, which does not "
                    "exist; use an item number from box 32.",
                )
            )
    return errors
