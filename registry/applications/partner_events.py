"""What a partner sees of an application's events: codes and applicant-facing texts only.

The event log is the system's record and keeps what operators need: a ``signing_failed``
event's ``detail`` may name the officer's IIN, the key store setting or an exception
("no signing key for officer 760212350620 in QAQPA_KEYSTORE"), and ``result_signed`` names
the signer's IIN. None of that is the applicant's business, and the partner relays the feed to
applicants: the partner-facing views (:mod:`registry.applications.views`, the JSON feed, the
SSE stream and a status document's last events) pass every event's data through
:func:`partner_data` first. It works on read, so events recorded before it are covered too.

The partner's ``hash`` stays the stored one; partners never held the actor, so they could not
recompute the chain from the feed before either.
"""

from __future__ import annotations

from typing import Any

# Event kinds whose data partners see only in part, and the keys they keep.
_SIGNING_EVENTS = frozenset({"signing_failed", "signing_retried"})
_SIGNING_KEYS = ("result_id", "number", "reason")
# Keys no partner sees in any event: officers' identities and free-form technical text.
_HIDDEN_KEYS = frozenset(
    {"signer_iin", "officer_iin", "prepared_by_iin", "error", "exception", "return_reason"}
)

SIGNING_DELAYED: dict[str, str] = {
    "kk": "Нәтиже шешілді; оның электрондық цифрлық қолтаңбасы кешіктірілді және мүмкіндігінше "
    "тез қойылады.",
    "ru": "Решение принято; его электронная цифровая подпись задерживается и будет добавлена "
    "в ближайшее время.",
    "en": "The result is decided; its electronic signature is delayed and will be added as "
    "soon as possible.",
}
"""The applicant-facing text of ``signing_failed`` whatever the cause (``reason`` keeps the
stable code): ``detail`` in English as before, ``texts`` in kk/ru/en."""


def partner_data(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The event's data as a partner may see it."""
    if kind in _SIGNING_EVENTS:
        shown = {key: data[key] for key in _SIGNING_KEYS if key in data}
        if kind == "signing_failed":
            shown["detail"] = SIGNING_DELAYED["en"]
            shown["texts"] = dict(SIGNING_DELAYED)
        return shown
    if _HIDDEN_KEYS.isdisjoint(data):
        return data
    return {key: value for key, value in data.items() if key not in _HIDDEN_KEYS}
