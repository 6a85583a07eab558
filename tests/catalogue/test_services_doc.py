"""docs/SERVICES.md says what the catalogue holds (run `make docs` after changing a service)."""

from __future__ import annotations

import pytest

from registry.domains import CATALOGUE
from registry.services_doc import DOCUMENT_PATH, MARKER, intro_of, render


def test_committed_page_matches_the_catalogue() -> None:
    committed = DOCUMENT_PATH.read_text(encoding="utf-8")
    assert committed == render(intro_of(committed)), "docs/SERVICES.md is stale: run `make docs`"


def test_every_service_has_its_section() -> None:
    page = DOCUMENT_PATH.read_text(encoding="utf-8")
    for number, code in enumerate(CATALOGUE, start=1):
        assert f"## S{number} `{code}`" in page


def test_the_introduction_is_kept_and_the_rest_regenerated() -> None:
    page = render("# Intro\n\nHand-written.\n")
    assert page.startswith("# Intro\n\nHand-written.\n\n" + MARKER)
    assert intro_of(page) == "# Intro\n\nHand-written.\n\n"
    assert render(intro_of(page)) == page


def test_a_page_without_the_marker_is_refused() -> None:
    with pytest.raises(ValueError, match="no generated part"):
        intro_of("# Services\n")
