"""The blocks the printed form is drawn with: its font and styles, wrapped lines, section
headings, and data tables whose columns are measured to their words.

:mod:`registry.results.render.pdf` lays a result document out with these: the order of its
parts, the header, the label/value rows and the signature block are there.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from registry.catalogue.model import LocalizedText
from registry.results.document import DocumentTable
from registry.results.render import text as t

FONT_DIR = Path(__file__).parent / "fonts"
FONT = "dejavu"
LABEL_STYLE = FontFace(family=FONT, emphasis="", size_pt=7.5, color=(70, 70, 70))
VALUE_STYLE = FontFace(family=FONT, emphasis="", size_pt=9, color=(0, 0, 0))
HEADER_STYLE = FontFace(family=FONT, emphasis="B", size_pt=8, fill_color=(235, 235, 235))
CELL_STYLE = FontFace(family=FONT, emphasis="", size_pt=8, color=(0, 0, 0))


def lines(pdf: FPDF, width: float, height: float, text: str, align: str = "L") -> None:
    """Wrapped text that leaves the cursor at the left margin of the next line."""
    pdf.multi_cell(width, height, text, align=align, new_x="LMARGIN", new_y="NEXT")


def heading(pdf: FPDF, label: LocalizedText) -> None:
    """A section's bilingual heading, never alone at the foot of a page."""
    if pdf.will_page_break(14):
        pdf.add_page()
    pdf.set_font(FONT, "B", 10)
    lines(pdf, 0, 5, t.bilingual(label, " / "))
    pdf.ln(1)


def data_table(pdf: FPDF, table: DocumentTable) -> None:
    """A data table (goods, missing documents): bilingual column headers, one row per item."""
    heading(pdf, table.label)
    headers = []
    for column in table.columns:
        unit = t.value_text(column.value)
        label = t.bilingual(column.label)
        headers.append(f"{label}\n({unit})" if unit else label)
    cells = [[item.get(column.key, "") for column in table.columns] for item in table.rows]
    with pdf.table(
        col_widths=column_weights(headers, cells, pdf),
        headings_style=HEADER_STYLE,
        text_align="LEFT",
        v_align="TOP",
        line_height=4,
        padding=1,
        repeat_headings=1,
    ) as grid:
        header = grid.row()
        for title in headers:
            header.cell(title)
        for values in cells:
            row = grid.row()
            for value in values:
                row.cell(value, style=CELL_STYLE)
    pdf.ln(3)


def column_weights(headers: list[str], cells: list[list[str]], pdf: FPDF) -> tuple[float, ...]:
    """Column widths in mm: each at least its longest word, so a code never wraps and a header
    wraps only between words; the room left goes to the columns with long text.

    Measured in the fonts the table draws with (bold 8 pt headers, 8 pt cells) plus the cell
    padding. Should the words not fit the page side by side, the widths shrink in proportion
    (fpdf2 then splits words: better than text off the page).
    """
    padding = 2 * 1.0 + 0.6  # the table's padding on both sides, and a hair for rounding
    minimum, wanted = [], []
    for index, heading in enumerate(headers):
        column = [row[index] for row in cells]
        pdf.set_font(FONT, "B", 8)
        head_words = [pdf.get_string_width(word) for word in heading.split()]
        pdf.set_font(FONT, "", 8)
        cell_words = [pdf.get_string_width(word) for text in column for word in text.split()]
        lines = [pdf.get_string_width(text) for text in column]
        minimum.append(max([*head_words, *cell_words, 4.0]) + padding)
        wanted.append(max([*lines, 0.0]) + padding)
    spare = pdf.epw - sum(minimum)
    if spare <= 0:
        return tuple(minimum)
    extra = [max(want - least, 0.0) for want, least in zip(wanted, minimum, strict=True)]
    total = sum(extra) or float(len(extra))
    share = [(e if sum(extra) else 1.0) / total for e in extra]
    return tuple(least + spare * part for least, part in zip(minimum, share, strict=True))
