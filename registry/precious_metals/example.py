"""Valid S3–S7 applications (see :mod:`registry.forms.examples`), one per service."""

from __future__ import annotations

from registry.forms.examples import Json, almaty, attachment, company_example

COMPANY = '"Altyn Refinery Almaty" ЖШС'


def _pm_applicant(party: Json, name: str) -> Json:
    return {
        **party,
        "name": name,
        "address": almaty("Сүйінбай даңғылы", "263"),
        "phone": "+77272445566",
    }


_HEAD = {"surname": "Жұмабеков", "given_name": "Ерлан", "patronymic": "Серікұлы"}


def _pm_special_registration(party: Json, name: str) -> tuple[Json, list[Json]]:
    attachments = [attachment("registration.pdf", "application/pdf", "Справка о гос. регистрации")]
    form: Json = {
        "applicant": _pm_applicant(party, name),
        "head": _HEAD,
        "state_registration": {
            "title": "Заңды тұлғаны мемлекеттік тіркеу туралы анықтама",
            "number": "10100123456789",
            "date": "2015-04-02",
            "attachment": "registration.pdf",
        },
        "activity_addresses": [almaty("Сүйінбай даңғылы", "263")],
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


def _pm_extraction_feasibility(party: Json, name: str) -> tuple[Json, list[Json]]:
    attachments = [attachment("assay.pdf", "application/pdf", "Протокол испытаний ПИ-2025/118")]
    form: Json = {
        "applicant": _pm_applicant(party, name),
        "head": _HEAD,
        "raw_goods": _raw_goods(),
        "source": "Ақтоғай кен орны / месторождение Актогай (Абай облысы)",
        "assay_report": _assay_report(),
        "application_date": "2025-02-10",
    }
    return form, attachments


def _pm_processing_infeasibility(party: Json, name: str) -> tuple[Json, list[Json]]:
    attachments = [
        attachment("assay.pdf", "application/pdf", "Протокол испытаний ПИ-2025/118"),
        attachment("tolling.pdf", "application/pdf", "Договор на переработку № TL-2025-07"),
    ]
    form: Json = {
        "applicant": _pm_applicant(party, name),
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


def _pm_export_act(party: Json, name: str) -> tuple[Json, list[Json]]:
    attachments = [attachment("contract.pdf", "application/pdf", "Контракт № GL-2025-003")]
    form: Json = {
        "applicant": _pm_applicant(party, name),
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


def _pm_import_act(party: Json, name: str) -> tuple[Json, list[Json]]:
    attachments = [attachment("contract.pdf", "application/pdf", "Контракт № SC-2025-011")]
    form: Json = {
        "applicant": _pm_applicant(party, name),
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


EXAMPLES = {
    "pm-special-registration": company_example(COMPANY, _pm_special_registration),
    "pm-extraction-feasibility": company_example(COMPANY, _pm_extraction_feasibility),
    "pm-processing-infeasibility": company_example(COMPANY, _pm_processing_infeasibility),
    "pm-export-act": company_example(COMPANY, _pm_export_act),
    "pm-import-act": company_example(COMPANY, _pm_import_act),
}
