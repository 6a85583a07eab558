"""Visual regression of the printed forms (issue 20): every result kind's sample PDF, rasterised
by pdftoppm, against the committed reference images in ``tests/documents/reference/``.

A layout change shows as a failing test that names the page; when the change is meant, run
``QAQPA_UPDATE_REFERENCE_IMAGES=1 make test PYTEST_ARGS=tests/documents/test_documents_visual.py``
and look at the new images before committing them. The tolerance absorbs anti-aliasing
differences between poppler versions, not a moved line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from registry.results.render import render_pdf_layout
from testkit.samples import sample_documents
from tests.documents.documents_helpers import page_image

REFERENCE_DIR = Path(__file__).parent / "reference"
DPI = 50  # enough to see every line and column; small enough to commit
UPDATE = os.environ.get("QAQPA_UPDATE_REFERENCE_IMAGES") == "1"
# A page matches when at most this share of its pixels differ by more than a quarter of the
# grey scale: anti-aliasing moves a few edge pixels, a shifted line or column moves thousands.
MAX_CHANGED_SHARE = 0.004
CHANGED_LEVEL = 64
SAMPLES = sample_documents()


def _pages(name: str) -> list[Image.Image]:
    layout = render_pdf_layout(SAMPLES[name])
    return [page_image(layout.data, page, dpi=DPI) for page in range(1, layout.pages + 1)]


def _changed_share(image: Image.Image, reference: Image.Image) -> float:
    difference = ImageChops.difference(image.convert("L"), reference.convert("L"))
    histogram = difference.histogram()
    changed = sum(histogram[CHANGED_LEVEL:])
    return changed / (image.width * image.height)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_kind_looks_as_its_reference(name: str) -> None:
    pages = _pages(name)
    if UPDATE:
        REFERENCE_DIR.mkdir(exist_ok=True)
        for stale in REFERENCE_DIR.glob(f"{name}-p*.png"):
            stale.unlink()
        for number, image in enumerate(pages, start=1):
            image.save(REFERENCE_DIR / f"{name}-p{number}.png", optimize=True)
    references = sorted(REFERENCE_DIR.glob(f"{name}-p*.png"))
    assert references, f"no reference image for {name}: see the module docstring"
    assert len(pages) == len(references), f"{name}: {len(pages)} pages, reference has more/less"
    for number, image in enumerate(pages, start=1):
        reference = Image.open(REFERENCE_DIR / f"{name}-p{number}.png")
        assert image.size == reference.size, f"{name} page {number}: size changed"
        share = _changed_share(image, reference)
        assert share <= MAX_CHANGED_SHARE, f"{name} page {number}: {share:.2%} of pixels moved"
