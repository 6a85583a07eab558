"""Which bodies a complete re-export application is sent to, from the settings.

The export-control agencies (``QAQPA_EXPORT_CONTROL_AGENCIES``) each answer whether they agree;
the foreign ministry (``QAQPA_FOREIGN_MINISTRY_AGENCY``) confirms the importing country's
guarantee (004 p.13). A code is also the ``agency_code`` of the agency's partner account
(scope ``agency``; never its display name): that is how an answer is tied to the body that
gave it. Read from the
environment when the requests go out, so the gateway and the worker agree without wiring.
"""

from __future__ import annotations

import msgspec

from registry.catalogue.model import LocalizedText
from registry.settings import Settings, SettingsError, load_settings

KNOWN_AGENCIES: dict[str, LocalizedText] = {
    "knb": LocalizedText(
        kk="Қазақстан Республикасы Ұлттық қауіпсіздік комитеті",
        ru="Комитет национальной безопасности Республики Казахстан",
        en="National Security Committee of the Republic of Kazakhstan",
    ),
    "mod": LocalizedText(
        kk="Қазақстан Республикасы Қорғаныс министрлігі",
        ru="Министерство обороны Республики Казахстан",
        en="Ministry of Defence of the Republic of Kazakhstan",
    ),
    "mfa": LocalizedText(
        kk="Қазақстан Республикасы Сыртқы істер министрлігі",
        ru="Министерство иностранных дел Республики Казахстан",
        en="Ministry of Foreign Affairs of the Republic of Kazakhstan",
    ),
    "energy": LocalizedText(
        kk="Қазақстан Республикасы Энергетика министрлігі",
        ru="Министерство энергетики Республики Казахстан",
        en="Ministry of Energy of the Republic of Kazakhstan",
    ),
}


class AgencyConfig(msgspec.Struct, frozen=True, kw_only=True):
    agencies: tuple[str, ...]
    foreign_ministry: str
    simulate: bool


def agency_config(settings: Settings | None = None) -> AgencyConfig:
    """The configured bodies; at least one agency and a foreign ministry are required."""
    settings = settings or load_settings()
    codes = tuple(
        dict.fromkeys(c.strip() for c in settings.export_control_agencies.split(",") if c.strip())
    )
    ministry = settings.foreign_ministry_agency.strip()
    if not codes:
        raise SettingsError("QAQPA_EXPORT_CONTROL_AGENCIES: name at least one agency")
    if not ministry:
        raise SettingsError("QAQPA_FOREIGN_MINISTRY_AGENCY: must not be empty")
    return AgencyConfig(
        agencies=codes, foreign_ministry=ministry, simulate=settings.simulate_agencies
    )


def agency_name(code: str) -> LocalizedText:
    """The body's full name for documents; an unknown code stands for itself."""
    return KNOWN_AGENCIES.get(code, LocalizedText(kk=code, ru=code, en=code))
