"""The console's words in Kazakh, Russian and English, and which language a request wants.

The officer's choice is remembered in the :data:`LANG_COOKIE` cookie (set by the language
switch); without it the browser's ``Accept-Language`` decides, and Kazakh, the state language,
when that names none of the three.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
from litestar.connection import ASGIConnection

from gateway.problem_titles import LANGUAGES, Language

LANG_COOKIE = "qaqpa_lang"
DEFAULT: Language = "kk"

# The words live in texts.json (key -> {"kk", "ru", "en"}): a table of data, not code.
TEXTS: dict[str, dict[Language, str]] = msgspec.json.decode(
    (Path(__file__).parent / "texts.json").read_bytes(), type=dict[str, dict[Language, str]]
)


def language_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Language:
    """The cookie's language, else the first of kk/ru/en the browser accepts, else Kazakh."""
    chosen = connection.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    header = connection.headers.get("accept-language", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return DEFAULT


def translate(language: Language, key: str) -> str:
    texts = TEXTS.get(key)
    return key if texts is None else texts[language]
