"""The verification QR code, drawn as vector squares so it stays sharp at any zoom.

segno encodes the URL (error correction level M, the smallest version that fits); the dark
modules are painted as filled rectangles, one per horizontal run, on a white quiet zone of four
modules. Vector drawing keeps the output byte-for-byte deterministic (no image encoder) and
lets a scanner read a printout at any resolution.
"""

from __future__ import annotations

import segno
from fpdf import FPDF

QUIET_ZONE = 4  # modules of white border that ISO/IEC 18004 requires around the symbol


def qr_matrix(url: str) -> list[list[bool]]:
    """The symbol's modules (True = dark), without the quiet zone."""
    code = segno.make(url, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix]


def dark_runs(row: list[bool]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            runs.append((start, index - start))
            start = None
    return runs


def draw_qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR code for ``url`` in the square (x, y, size) in the document's units."""
    matrix = qr_matrix(url)
    modules = len(matrix) + 2 * QUIET_ZONE
    step = size / modules
    with pdf.local_context(fill_color=(255, 255, 255)):
        pdf.rect(x, y, size, size, style="F")
    with pdf.local_context(fill_color=(0, 0, 0)):
        for row_index, row in enumerate(matrix):
            top = y + (row_index + QUIET_ZONE) * step
            for start, length in dark_runs(row):
                left = x + (start + QUIET_ZONE) * step
                pdf.rect(left, top, length * step, step, style="F")
