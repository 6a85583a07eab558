"""Valid example application documents — a contract other tools rely on.

:func:`example_application` returns, for any service code, a JSON-ready ``dict`` that passes
:func:`registry.forms.envelope.decode_application` (and so every ``validate_form``), with the
applicant's number set as asked. Tests, the ``qaqpa demo`` command, load tests and the browser
tests build their submissions from it, so a change here must keep every example valid.

Numbers: by default a legal-entity service gets the BIN 940140000385 and an individual's
service the IIN 871008401427 (both with correct checksums). The form's own party (declarant,
applicant, candidate) takes the same number, so the form agrees with the envelope. The number
is set as given even where the service does not accept that kind of applicant (a BIN for the
exam, S2): the catalogue's ``applicant_kinds`` is checked by the gateway, and tests need such
documents to exercise that refusal.

The customs declaration is deliberately low-risk: laptops and office desks from China, import
for domestic consumption (procedure 40), modest value, complete box-44 documents.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
from typing import Any

from registry.forms.services import FORMS

DEFAULT_IIN = "871008401427"
DEFAULT_BIN = "940140000385"
SECOND_IIN = "760212350620"

# Which services are applied for by an individual by default (the others by a legal entity).
_INDIVIDUAL_BY_DEFAULT = frozenset({"declarant-certificate"})

Json = dict[str, Any]


def _attachment(name: str, media_type: str, text: str) -> Json:
    content = text.encode("utf-8")
    return {
        "name": name,
        "media_type": media_type,
        "sha256": hashlib.sha256(content).hexdigest(),
        "content": base64.b64encode(content).decode("ascii"),
    }


def _numbers(iin: str | None, bin: str | None) -> Json:
    return {"iin": iin} if iin is not None else {"bin": bin}


def _astana(street: str, building: str, premises: str | None = None) -> Json:
    address: Json = {
        "country": "KZ",
        "postal_code": "010000",
        "region": "Астана қаласы",
        "locality": "Астана",
        "street": street,
        "building": building,
    }
    if premises is not None:
        address["premises"] = premises
    return address


def _almaty(street: str, building: str) -> Json:
    return {
        "country": "KZ",
        "postal_code": "050000",
        "region": "Алматы қаласы",
        "locality": "Алматы",
        "street": street,
        "building": building,
    }


def _customs_release(party: Json, name: str) -> tuple[Json, list[Json]]:
    attachments = [
        _attachment("contract.pdf", "application/pdf", "Контракт № HX-KZ-2025/031 от 14.01.2025"),
        _attachment("invoice.pdf", "application/pdf", "Инвойс № INV-25-0412 от 03.02.2025"),
        _attachment("cmr.pdf", "application/pdf", "CMR № 0457812 от 05.02.2025"),
    ]
    digest = {item["name"]: item["sha256"] for item in attachments}
    form: Json = {
        "direction": "IM",
        "customs_procedure_code": "40",
        "customs_office_code": "55201000",
        "declarant": {
            **party,
            "name": name,
            "address": _astana("Қабанбай батыр даңғылы", "17", "офис 304"),
            "phone": "+77172554433",
        },
        "consignor": {
            "name": "Shenzhen Huaxin Office Equipment Co., Ltd.",
            "address": {
                "country": "CN",
                "postal_code": "518000",
                "locality": "Shenzhen",
                "street": "Shennan Avenue",
                "building": "6008",
            },
        },
        "dispatch_country": "CN",
        "destination_country": "KZ",
        "delivery_terms": "DAP",
        "invoice_total": {"amount": "14400.00", "currency": "USD"},
        "goods": [
            {
                "item_number": 1,
                "description": (
                    "Портативтік компьютерлер (ноутбуктер), салмағы 10 кг-нан аспайтын / "
                    "Портативные компьютеры (ноутбуки) массой не более 10 кг"
                ),
                "hs_code": "8471300000",
                "origin_country": "CN",
                "quantity": 20,
                "unit_code": "796",
                "gross_mass_kg": 62.0,
                "net_mass_kg": 44.0,
                "invoice_value": {"amount": "12000.00", "currency": "USD"},
                "customs_value_kzt": "6180000.00",
            },
            {
                "item_number": 2,
                "description": (
                    "Кеңселік ағаш жазу үстелдері, биіктігі 80 см-ден аспайтын / "
                    "Столы письменные деревянные офисные высотой не более 80 см"
                ),
                "hs_code": "9403301100",
                "origin_country": "CN",
                "quantity": 10,
                "unit_code": "796",
                "gross_mass_kg": 410.0,
                "net_mass_kg": 380.0,
                "invoice_value": {"amount": "2400.00", "currency": "USD"},
                "customs_value_kzt": "1236000.00",
            },
        ],
        "documents": [
            {
                "code": "03011",
                "number": "HX-KZ-2025/031",
                "date": "2025-01-14",
                "sha256": digest["contract.pdf"],
                "attachment": "contract.pdf",
            },
            {
                "code": "04021",
                "number": "INV-25-0412",
                "date": "2025-02-03",
                "sha256": digest["invoice.pdf"],
                "attachment": "invoice.pdf",
            },
            {
                "code": "02015",
                "number": "0457812",
                "date": "2025-02-05",
                "sha256": digest["cmr.pdf"],
                "attachment": "cmr.pdf",
            },
        ],
        "payments": [
            {"type_code": "1010", "amount": {"amount": "20000.00", "currency": "KZT"}},
            {"type_code": "5010", "amount": {"amount": "889920.00", "currency": "KZT"}},
        ],
        "goods_location": _astana("Александр Пушкин көшесі", "166"),
        "warehouse_code": "KZ/14/0031",
    }
    return form, attachments


def _birth_date(iin: str) -> str:
    """The birth date an IIN encodes (YYMMDD + century digit), so the example agrees with it.

    Falls back to the default candidate's date when the number encodes none, or one that would
    make the candidate younger than 18 on the example's application date.
    """
    centuries = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}
    century = centuries.get(iin[6])
    try:
        if century is None:
            raise ValueError(iin)
        born = datetime.date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return "1987-10-08"
    return born.isoformat() if born <= datetime.date(2007, 3, 3) else "1987-10-08"


def _declarant_certificate(iin: str) -> tuple[Json, list[Json]]:
    attachments = [
        _attachment("diploma.pdf", "application/pdf", "Диплом ЖБ-Б № 0123456, 2009"),
    ]
    form: Json = {
        "candidate": {
            "surname": "Сейітқазиева",
            "given_name": "Әйгерім",
            "patronymic": "Болатқызы",
        },
        "iin": iin,
        "birth_date": _birth_date(iin),
        "identity_document": {
            "kind": "id_card",
            "number": "045612378",
            "issue_date": "2019-03-12",
            "issuer": "ҚР ІІМ / МВД РК",
        },
        "residence_address": _astana("Сарайшық көшесі", "34", "пәтер 56"),
        "education": {
            "institution": "Л.Н. Гумилев атындағы Еуразия ұлттық университеті",
            "graduation_year": 2009,
            "speciality": "Кеден ісі / Таможенное дело",
            "diploma_number": "ЖБ-Б 0123456",
        },
        "employer": '"Астана Офис Сервис" ЖШС',
        "position": "Сыртқы экономикалық қызмет жөніндегі маман",
        "revenue_body": "Астана қаласы бойынша Мемлекеттік кірістер департаменті",
        "exam_date": "2025-03-20",
        "supporting_documents": [
            {
                "title": "Жоғары білім туралы диплом / Диплом о высшем образовании",
                "number": "ЖБ-Б 0123456",
                "date": "2009-06-25",
                "attachment": "diploma.pdf",
                "sha256": attachments[0]["sha256"],
            }
        ],
        "application_date": "2025-03-03",
    }
    return form, attachments


def _pm_applicant(party: Json) -> Json:
    return {
        **party,
        "name": _holder_name("pm", party.get("iin")),
        "address": _almaty("Сүйінбай даңғылы", "263"),
        "phone": "+77272445566",
    }


_HEAD = {"surname": "Жұмабеков", "given_name": "Ерлан", "patronymic": "Серікұлы"}


def _pm_special_registration(party: Json) -> tuple[Json, list[Json]]:
    attachments = [_attachment("registration.pdf", "application/pdf", "Справка о гос. регистрации")]
    form: Json = {
        "applicant": _pm_applicant(party),
        "head": _HEAD,
        "state_registration": {
            "title": "Заңды тұлғаны мемлекеттік тіркеу туралы анықтама",
            "number": "10100123456789",
            "date": "2015-04-02",
            "attachment": "registration.pdf",
        },
        "activity_addresses": [_almaty("Сүйінбай даңғылы", "263")],
        "operations": ["refining", "purchase_and_sale"],
        "metals": ["gold", "silver"],
        "application_date": "2025-02-10",
    }
    return form, attachments


def _raw_goods() -> list[Json]:
    return [
        {
            "description": "Мыс концентраты / Медный концентрат",
            "hs_code": "2603000000",
            "mass_kg": 500000.0,
            "metal_contents": [
                {"metal": "gold", "grams_per_tonne": 3.2},
                {"metal": "silver", "grams_per_tonne": 41.0},
            ],
        }
    ]


def _assay_report() -> Json:
    return {
        "title": "Сынақ хаттамасы / Протокол испытаний",
        "number": "ПИ-2025/118",
        "date": "2025-01-28",
        "issuer": "Ұлттық минералдық шикізатты кешенді қайта өңдеу орталығы",
        "attachment": "assay.pdf",
    }


def _pm_extraction_feasibility(party: Json) -> tuple[Json, list[Json]]:
    attachments = [_attachment("assay.pdf", "application/pdf", "Протокол испытаний ПИ-2025/118")]
    form: Json = {
        "applicant": _pm_applicant(party),
        "head": _HEAD,
        "raw_goods": _raw_goods(),
        "source": "Ақтоғай кен орны / месторождение Актогай (Абай облысы)",
        "assay_report": _assay_report(),
        "application_date": "2025-02-10",
    }
    return form, attachments


def _pm_processing_infeasibility(party: Json) -> tuple[Json, list[Json]]:
    attachments = [
        _attachment("assay.pdf", "application/pdf", "Протокол испытаний ПИ-2025/118"),
        _attachment("tolling.pdf", "application/pdf", "Договор на переработку № TL-2025-07"),
    ]
    form: Json = {
        "applicant": _pm_applicant(party),
        "head": _HEAD,
        "raw_goods": _raw_goods(),
        "grounds": (
            "Қазақстандағы зауыттарда осы құрамдағы концентратты қайта өңдеу технологиясы жоқ / "
            "на заводах Казахстана нет технологии переработки концентрата такого состава"
        ),
        "processing_country": "CN",
        "processor": {
            "name": "Jiangxi Copper Smelting Co., Ltd.",
            "address": {
                "country": "CN",
                "locality": "Guixi",
                "street": "Yejin Avenue",
                "building": "15",
            },
        },
        "assay_report": _assay_report(),
        "contract": {
            "title": "Қайта өңдеуге шарт / Договор на переработку",
            "number": "TL-2025-07",
            "date": "2025-01-20",
            "attachment": "tolling.pdf",
        },
        "application_date": "2025-02-10",
    }
    return form, attachments


def _gold_bars() -> list[Json]:
    return [
        {
            "item_number": 1,
            "description": "Аффинирленген алтын құймалары / Слитки золота аффинированного",
            "hs_code": "7108120001",
            "metal": "gold",
            "form": "ingot",
            "fineness": 999.9,
            "gross_mass_kg": 12.5,
            "net_mass_kg": 12.44,
            "value": {"amount": "1050000.00", "currency": "USD"},
        }
    ]


def _pm_export_act(party: Json) -> tuple[Json, list[Json]]:
    attachments = [_attachment("contract.pdf", "application/pdf", "Контракт № GL-2025-003")]
    form: Json = {
        "applicant": _pm_applicant(party),
        "head": _HEAD,
        "consignee": {
            "name": "Valcambi SA",
            "address": {
                "country": "CH",
                "postal_code": "6828",
                "locality": "Balerna",
                "street": "Via Passeggiata",
                "building": "1",
            },
        },
        "destination_country": "CH",
        "contract": {"number": "GL-2025-003", "date": "2025-01-15", "attachment": "contract.pdf"},
        "goods": _gold_bars(),
        "application_date": "2025-02-10",
    }
    return form, attachments


def _pm_import_act(party: Json) -> tuple[Json, list[Json]]:
    attachments = [_attachment("contract.pdf", "application/pdf", "Контракт № SC-2025-011")]
    form: Json = {
        "applicant": _pm_applicant(party),
        "head": _HEAD,
        "consignor": {
            "name": "Emirates Gold DMCC",
            "address": {
                "country": "AE",
                "locality": "Dubai",
                "street": "Jumeirah Lakes Towers, Cluster O",
                "building": "Reef Tower",
            },
        },
        "dispatch_country": "AE",
        "origin_country": "AE",
        "contract": {"number": "SC-2025-011", "date": "2025-01-22", "attachment": "contract.pdf"},
        "goods": [
            {
                "item_number": 1,
                "description": "Күміс сынықтары / Лом серебра",
                "hs_code": "7112990000",
                "metal": "silver",
                "form": "scrap",
                "fineness": 925.0,
                "gross_mass_kg": 105.0,
                "net_mass_kg": 100.0,
                "value": {"amount": "85000.00", "currency": "USD"},
            }
        ],
        "application_date": "2025-02-10",
    }
    return form, attachments


def _reexport_permit(iin: str | None, bin: str | None) -> tuple[Json, list[Json]]:
    attachments = [
        _attachment("guarantee.pdf", "application/pdf", "End-use guarantee No. MOI/EC/2025/44"),
        _attachment("contract.pdf", "application/pdf", "Contract No. RX-2025-019 of 2025-01-30"),
    ]
    if iin is not None:
        applicant: Json = {"kind": "individual", "name": _holder_name("reexport", iin), "iin": iin}
        information: Json = {
            "identity_document": {
                "number": "N12345678",
                "issue_date": "2021-05-17",
                "issuer": "Ministry of Interior of the Republic of Uzbekistan",
            }
        }
    else:
        # A foreign legal entity with no BIN of its own gives its Kazakhstan branch's BIN.
        applicant = {
            "kind": "legal_entity",
            "name": _holder_name("reexport", None),
            "branch_bin": bin,
        }
        information = {"state_registration": {"number": "UZ-1129874", "date": "2012-09-04"}}
    applicant |= {
        "address": {
            "country": "UZ",
            "postal_code": "100000",
            "locality": "Tashkent",
            "street": "Amir Temur Avenue",
            "building": "107B",
        },
        "phone": "+998712345678",
    }
    information["previous_export_licence"] = {
        "number": "KZ-EXP-24-00871",
        "issue_date": "2024-06-11",
    }
    form: Json = {
        "addressee": (
            "Қазақстан Республикасы Индустрия және инфрақұрылымдық даму министрлігінің "
            "Индустриялық даму комитеті"
        ),
        "applicant": applicant,
        "dispatch_country": "UZ",
        "destination_country": "TR",
        "end_user": {
            "name": "Anadolu Telekom Sistemleri A.S.",
            "address": {
                "country": "TR",
                "postal_code": "06510",
                "locality": "Ankara",
                "street": "Mustafa Kemal Mahallesi, Dumlupinar Bulvari",
                "building": "266",
            },
            "phone": "+903122223344",
        },
        "basis": {"kind": "contract", "number": "RX-2025-019", "signed_on": "2025-01-30"},
        "goods": [
            {
                "name": (
                    "Шифрлау функциясы бар желілік маршрутизаторлар / Сетевые маршрутизаторы "
                    "с функцией шифрования"
                ),
                "hs_code": "8517620009",
                "control_list_code": "5A002.a.1",
                "unit": "шт",
                "quantity": 40,
                "value": {"amount": "96000.00", "currency": "USD"},
            }
        ],
        "signatory": {
            "name": {"surname": "Karimov", "given_name": "Rustam"},
            "position": "Director",
            "filled_on": "2025-02-12",
        },
        "information": information,
        "end_use_guarantee": {
            "title": "Importing country's end-use guarantee",
            "number": "MOI/EC/2025/44",
            "date": "2025-02-05",
            "issuer": "Republic of Türkiye Ministry of Trade",
            "attachment": "guarantee.pdf",
        },
        "contract_document": {
            "title": "Foreign-trade contract",
            "number": "RX-2025-019",
            "date": "2025-01-30",
            "attachment": "contract.pdf",
        },
        "personal_data_consent": True,
    }
    return form, attachments


def example_application(code: str, *, iin: str | None = None, bin: str | None = None) -> Json:
    """A valid application document for service ``code`` (JSON-ready dict).

    Raises ``KeyError`` for an unknown service and ``ValueError`` when both numbers are given.
    """
    if code not in FORMS:
        raise KeyError(code)
    if iin is not None and bin is not None:
        raise ValueError("give iin or bin, not both")
    if iin is None and bin is None:
        if code in _INDIVIDUAL_BY_DEFAULT:
            iin = DEFAULT_IIN
        else:
            bin = DEFAULT_BIN
    party = _numbers(iin, bin)
    if code == "customs-release":
        form, attachments = _customs_release(party, _holder_name("customs", iin))
    elif code == "declarant-certificate":
        form, attachments = _declarant_certificate(iin or DEFAULT_IIN)
    elif code == "pm-special-registration":
        form, attachments = _pm_special_registration(party)
    elif code == "pm-extraction-feasibility":
        form, attachments = _pm_extraction_feasibility(party)
    elif code == "pm-processing-infeasibility":
        form, attachments = _pm_processing_infeasibility(party)
    elif code == "pm-export-act":
        form, attachments = _pm_export_act(party)
    elif code == "pm-import-act":
        form, attachments = _pm_import_act(party)
    else:
        form, attachments = _reexport_permit(iin, bin)
    family = {"customs-release": "customs", "reexport-permit": "reexport"}.get(code, "pm")
    name = _holder_name("candidate" if code == "declarant-certificate" else family, iin)
    return {
        "service": code,
        "applicant": {
            **party,
            "name": name,
            "contacts": {"email": "office@example.kz", "phone": "+77172554433"},
        },
        "form": form,
        "attachments": attachments,
    }


def _holder_name(family: str, iin: str | None) -> str:
    """The applicant's name: a company for a BIN, a person (sole proprietor) for an IIN."""
    if family == "candidate":
        return "Сейітқазиева Әйгерім Болатқызы"
    if family == "reexport":
        return "Ivanov Pyotr Sergeyevich" if iin is not None else "Tashkent Electro Systems LLC"
    if iin is not None:
        return "ЖК Сейітқазиева Әйгерім Болатқызы"
    if family == "customs":
        return '"Астана Офис Сервис" ЖШС'
    return '"Altyn Refinery Almaty" ЖШС'
