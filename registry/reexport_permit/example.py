"""A valid S8 application (see :mod:`registry.forms.examples`)."""

from __future__ import annotations

from registry.forms.examples import DEFAULT_BIN, Example, ExampleSpec, Json, attachment


def applicant_name(iin: str | None) -> str:
    return "Ivanov Pyotr Sergeyevich" if iin is not None else "Tashkent Electro Systems LLC"


def example(iin: str | None, bin: str | None) -> Example:
    form, attachments = _form(iin, bin)
    return Example(form=form, attachments=attachments, applicant_name=applicant_name(iin))


EXAMPLE = ExampleSpec(example, default_bin=DEFAULT_BIN)


def _form(iin: str | None, bin: str | None) -> tuple[Json, list[Json]]:
    attachments = [
        attachment("guarantee.pdf", "application/pdf", "End-use guarantee No. MOI/EC/2025/44"),
        attachment("contract.pdf", "application/pdf", "Contract No. RX-2025-019 of 2025-01-30"),
    ]
    if iin is not None:
        applicant: Json = {"kind": "individual", "name": applicant_name(iin), "iin": iin}
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
            "name": applicant_name(None),
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
