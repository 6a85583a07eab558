"""A valid S1 application (see :mod:`registry.forms.examples`): a deliberately low-risk
declaration — laptops and office desks from China, import for domestic consumption (procedure
40), modest value, complete box-44 documents."""

from __future__ import annotations

from registry.forms.examples import Json, astana, attachment, company_example

COMPANY = '"Астана Офис Сервис" ЖШС'


def _form(party: Json, name: str) -> tuple[Json, list[Json]]:
    attachments = [
        attachment("contract.pdf", "application/pdf", "Контракт № HX-KZ-2025/031 от 14.01.2025"),
        attachment("invoice.pdf", "application/pdf", "Инвойс № INV-25-0412 от 03.02.2025"),
        attachment("cmr.pdf", "application/pdf", "CMR № 0457812 от 05.02.2025"),
    ]
    digest = {item["name"]: item["sha256"] for item in attachments}
    form: Json = {
        "direction": "IM",
        "customs_procedure_code": "40",
        "customs_office_code": "55201000",
        "declarant": {
            **party,
            "name": name,
            "address": astana("Қабанбай батыр даңғылы", "17", "офис 304"),
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
        "goods_location": astana("Александр Пушкин көшесі", "166"),
        "warehouse_code": "KZ/14/0031",
    }
    return form, attachments


EXAMPLE = company_example(COMPANY, _form)
