"""Independent readers of the rendered PDF: poppler's pdftotext/pdftoppm, pypdf, zxing-cpp.

Nothing here shares code with the renderer, so a test passes only when a third-party tool finds
in the PDF what the document says.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import zxingcpp
from PIL import Image

from registry.catalogue.model import LocalizedText

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} (poppler-utils) is required: apt-get install -y poppler-utils"
    return path


def pdf_text(pdf: bytes) -> str:
    """pdftotext -raw: the text in content-stream order (a cell's lines stay together)."""
    result = subprocess.run(
        [_tool("pdftotext"), "-raw", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


FOOTER_PREFIXES = ("Бет / Страница", "Құжатты тексеру / Проверка документа")


def body_text(text: str) -> str:
    """The text without the page footers, which interrupt a paragraph that spans two pages."""
    lines = text.replace("\f", "\n").splitlines()
    return "\n".join(line for line in lines if not line.startswith(FOOTER_PREFIXES))


def squash(text: str) -> str:
    """Text without any whitespace, so that line wrapping does not matter when comparing."""
    return re.sub(r"\s+", "", text)


def page_image(pdf: bytes, page: int, dpi: int = 150) -> Image.Image:
    """One page (1-based) rasterised by pdftoppm, in grey levels."""
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "in.pdf"
        source.write_bytes(pdf)
        result = subprocess.run(
            [
                _tool("pdftoppm"),
                "-r",
                str(dpi),
                "-gray",
                "-f",
                str(page),
                "-l",
                str(page),
                str(source),
            ],
            capture_output=True,
            check=True,
        )
    image = Image.open(io.BytesIO(result.stdout))
    image.load()
    return image


def qr_texts(image: Image.Image) -> list[str]:
    return [
        barcode.text
        for barcode in zxingcpp.read_barcodes(image)
        if barcode.format == zxingcpp.BarcodeFormat.QRCode
    ]


def both(text: LocalizedText) -> list[str]:
    return [text.kk, text.ru]
