"""The vendored TrueType fonts, parsed once per process and handed to each PDF as a fresh copy.

``FPDF.add_font`` parses the font file every time: it opens it with fontTools and reads the
character map and the advance width and glyph id of each of DejaVu's ~6,000 characters, about
45 ms for the two fonts, the same every time. :func:`add_font` parses each file once per
process (a *template*) and registers, in each document, a copy of the template that shares only
what fpdf2 never writes to after parsing.

What a document does to its font (fpdf2 2.8, ``fpdf.fonts.TTFFont`` and ``fpdf.output``):

* records every glyph it draws in ``subset`` (a :class:`fpdf.fonts.SubsetMap`), notes missing
  characters in ``missing_glyphs`` and the largest size in ``biggest_size_pt``; ``cw`` is a
  ``defaultdict`` that grows when a width is looked up for a character the font lacks;
* at output, subsets ``ttfont`` *in place* (fontTools' subsetter) down to the glyphs it used,
  then closes it, and turns ``desc`` into the PDF font descriptor object (assigning its object
  number, name and font file).

So every copy gets its own ``subset``, ``missing_glyphs``, ``cw``, ``desc`` and a fontTools
``TTFont`` of its own, opened lazily on bytes prepared once per process (:func:`_embeddable`);
the parsed character map, glyph ids and metrics are shared read-only. Nothing mutable is shared
between documents, so renders in several threads at once (the worker renders in
``asyncio.to_thread``) cannot see each other's glyphs. The output is byte for byte what
``add_font`` produces (checked by the tests).

What stays per document is the subsetting itself: fontTools decompiles the tables it keeps
(``cmap``, ``hmtx``, ``glyf``) of each copy and compiles the subset, because the subset is the
document's own.

The copy depends on the attribute list of fpdf2's ``TTFFont``. If an fpdf2 upgrade changes it,
:func:`add_font` falls back to plain ``FPDF.add_font`` (correct, only slower) and a test fails
so that the lists below are reviewed.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

# Attributes fixed once the font is parsed, shared by every copy: plain values, and the
# character map and glyph ids, which fpdf2 only reads after parsing.
_SHARED = frozenset(
    {
        "type",
        "name",
        "glyph_ids",
        "sp",
        "ss",
        "up",
        "ut",
        "ttffile",
        "fontkey",
        "emphasis",
        "scale",
        "cmap",
        "unicode_range",
        "palette_index",
        "is_compressed",
        "is_cff",
        "is_cid_keyed",
        "is_symbol",
        "cff_ros",
        "collection_font_number",
    }
)
# Attributes a document changes: each copy gets its own (see _copy_for).
_PER_DOCUMENT = frozenset(
    {
        "i",
        "ttfont",
        "subset",
        "missing_glyphs",
        "biggest_size_pt",
        "cw",
        "desc",
        "_hbfont",
        "color_font",
    }
)


def supported() -> bool:
    """Whether this fpdf2's ``TTFFont`` has exactly the attributes this module knows."""
    return set(TTFFont.__slots__) == _SHARED | _PER_DOCUMENT


# Tables fpdf2 2.8 drops from every font it embeds (fpdf/output.py, _add_fonts). fontTools'
# subsetter still decompiles GSUB, GPOS and GDEF before dropping them, so the copies are opened
# on the file without them. ``kern`` goes too when there is a GPOS table: the subsetter drops it
# then (``Options.legacy_kern`` is off).
_DROPPED_AT_OUTPUT = (
    "FFTM",
    "GDEF",
    "GPOS",
    "GSUB",
    "MATH",
    "hdmx",
    "meta",
    "sbix",
    "CBDT",
    "CBLC",
    "EBDT",
    "EBLC",
    "EBSC",
    "SVG ",
    "CPAL",
    "COLR",
)


@dataclass(frozen=True)
class _Parsed:
    """One font file parsed once: the template font, its glyph order, the bytes to embed from."""

    template: TTFFont
    glyph_order: tuple[str, ...]
    data: bytes


# (path, family, style) -> the parsed font, or None for a font this module does not copy.
_parsed: dict[tuple[Path, str, str], _Parsed | None] = {}
_lock = threading.Lock()


def _parse(family: str, style: str, path: Path) -> _Parsed | None:
    """The parsed font, or None when it is left to fpdf2 (see _parse_file)."""
    key = (path, family, style)
    if key not in _parsed:
        with _lock:
            if key not in _parsed:
                _parsed[key] = _parse_file(family, style, path)
    return _parsed[key]


def _parse_file(family: str, style: str, path: Path) -> _Parsed | None:
    if path.suffix.lower() != ".ttf":
        return None  # collections and WOFF take other paths in fpdf2; none is used here
    scratch = FPDF()
    scratch.add_font(family, style, str(path))
    (template,) = scratch.fonts.values()
    assert isinstance(template, TTFFont)
    glyph_order = tuple(template.ttfont.getGlyphOrder())
    template.close()  # the copies open their own TTFont; release the file
    if template.color_font is not None or template.is_cff:
        return None  # Type 3 color glyphs keep per-document state; CFF is not used here
    return _Parsed(template=template, glyph_order=glyph_order, data=_embeddable(path))


def _embeddable(path: Path) -> bytes:
    """The font file without the tables fpdf2 drops when it embeds a subset.

    ``post`` becomes format 3 (no glyph names): the subsetter writes format 3 anyway, and the
    copies get the glyph order from the template instead of decoding 6,000 names each time.
    The embedded subsets are byte for byte the same.
    """
    font = TTFont(path, recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    kern_dropped = "GPOS" in font
    for tag in (*_DROPPED_AT_OUTPUT, *(("kern",) if kern_dropped else ())):
        if tag in font:
            del font[tag]
    font["post"].formatType = 3.0
    buffer = BytesIO()
    font.save(buffer)
    font.close()
    return buffer.getvalue()


def _copy_for(pdf: FPDF, parsed: _Parsed) -> TTFFont:
    """A font for one document: shares the parsed tables, owns everything a render changes."""
    template = parsed.template
    font = TTFFont.__new__(TTFFont)
    for name in _SHARED:
        if hasattr(template, name):  # fpdf2 declares unicode_range but may leave it unset
            setattr(font, name, getattr(template, name))
    font.i = len(pdf.fonts) + 1
    font.ttfont = TTFont(BytesIO(parsed.data), recalcTimestamp=False, lazy=True)
    font.ttfont.setGlyphOrder(list(parsed.glyph_order))
    font.cw = copy.copy(template.cw)  # a defaultdict: the copy keeps the default width
    font.desc = copy.copy(template.desc)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None  # HarfBuzz, created on first use (text shaping is not used here)
    font.color_font = None
    font.subset = SubsetMap(font)
    return font


def add_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """``pdf.add_font(family, style, path)``, without parsing the file again."""
    parsed = _parse(family, style, path) if supported() else None
    if parsed is None:
        pdf.add_font(family, style, str(path))
        return
    fontkey = parsed.template.fontkey
    if fontkey in pdf.fonts:
        raise ValueError(f"font {fontkey!r} is already in this document")
    pdf.fonts[fontkey] = _copy_for(pdf, parsed)
