"""README and docs/*.md link only to what a clone has: no path outside the repository.

A relative link must resolve to a file or folder inside the repository root (checked on
disk, so a renamed file is noticed too); links with a scheme (https:, mailto:) and in-page
anchors are not paths. Inline links, reference definitions and autolinks are all read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*<?([^\s>]+)>?", re.MULTILINE)
AUTOLINK = re.compile(r"<([a-z][a-z0-9+.-]*:[^>\s]+)>", re.IGNORECASE)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def targets(text: str) -> list[str]:
    """Every link target written in a Markdown text, in pattern order."""
    return [m.group(1) for pattern in (INLINE, REFERENCE, AUTOLINK) for m in pattern.finditer(text)]


def outside(folder: Path, text: str) -> list[str]:
    """The targets in ``text`` (a page in ``folder``) that are paths to nothing in the repo."""
    found = []
    for target in targets(text):
        if SCHEME.match(target) or target.startswith("#"):
            continue
        resolved = (folder / target.split("#", 1)[0]).resolve()
        if not resolved.is_relative_to(ROOT) or not resolved.exists():
            found.append(target)
    return found


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_links_stay_inside_the_repository(page: Path) -> None:
    assert outside(page.parent, page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_no_mention_of_the_shared_folder(page: Path) -> None:
    assert "../shared" not in page.read_text(encoding="utf-8")


def test_the_docs_are_linked_from_the_readme() -> None:
    linked = set(targets((ROOT / "README.md").read_text(encoding="utf-8")))
    assert {"docs/ARCHITECTURE.md", "docs/SERVICES.md", "docs/SECURITY.md"} <= linked


def test_a_link_leaving_the_repository_or_to_nothing_is_found() -> None:
    text = (
        "[up](../../shared/ARCHITECTURE.md) [here](SERVICES.md#s1) [web](https://egov.kz)\n"
        "[gone](MISSING.md) [top](#top) <https://pki.gov.kz>\n"
        "[ref]: ../README.md\n"
        "[far]: ../../outside.md\n"
    )
    assert outside(ROOT / "docs", text) == [
        "../../shared/ARCHITECTURE.md",
        "MISSING.md",
        "../../outside.md",
    ]
