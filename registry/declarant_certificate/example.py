"""A valid S2 application (see :mod:`registry.forms.examples`); applied for by an individual.

The number is set as given even as a BIN (the exam is for individuals only): the catalogue's
``applicant_kinds`` is checked by the gateway, and tests need such documents for that refusal.
"""

from __future__ import annotations

import datetime

from registry.forms.examples import (
    DEFAULT_IIN,
    Example,
    ExampleSpec,
    Json,
    astana,
    attachment,
)

CANDIDATE = "Сейітқазиева Әйгерім Болатқызы"


def example(iin: str | None, bin: str | None) -> Example:
    form, attachments = _form(iin or DEFAULT_IIN)
    return Example(form=form, attachments=attachments, applicant_name=CANDIDATE)


EXAMPLE = ExampleSpec(example, default_iin=DEFAULT_IIN)


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


def _form(iin: str) -> tuple[Json, list[Json]]:
    attachments = [
        attachment("diploma.pdf", "application/pdf", "Диплом ЖБ-Б № 0123456, 2009"),
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
        "residence_address": astana("Сарайшық көшесі", "34", "пәтер 56"),
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
