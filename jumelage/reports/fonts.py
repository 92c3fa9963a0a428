"""The report's font: Noto Sans TC from pip, cut down to the characters a report uses and
turned into TrueType outlines.

Why TrueType: fpdf2 embeds a CID-keyed CFF font (as Noto's OTF files are) through a custom
encoding CMap that pypdf and pdfminer cannot read back, so the text of such a PDF is not
extractable by common tools. Its TrueType path (Identity-H with a ToUnicode map) is read by
every viewer and extractor. Converting the few hundred glyphs of one report takes well under
a second, the whole font a minute, hence the subset first."""

import string
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from pylopdf_fonts_zh_tw import sans_path

# Always there, whatever the text: digits, Latin-1 and the punctuation of both scripts.
BASE_CHARACTERS = (
    string.printable
    + "".join(map(chr, range(0xA0, 0x100)))
    + "–—‘’“”…·•、，。：；！？（）「」『』《》〈〉"
)
MAX_ERROR = 1.0  # font units: how far a quadratic curve may stray from the cubic one
MAXP_ZEROES = (  # TrueType hinting limits: the converted outlines carry no hints
    "maxZones",
    "maxTwilightPoints",
    "maxStorage",
    "maxFunctionDefs",
    "maxInstructionDefs",
    "maxStackElements",
    "maxSizeOfInstructions",
    "maxComponentElements",
    "maxComponentDepth",
)


def _subset(characters: str) -> TTFont:
    font = TTFont(str(sans_path()))
    options = subset.Options()
    options.layout_features = []  # no shaping needed: no GSUB/GPOS tables to convert
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=BASE_CHARACTERS + characters)
    subsetter.subset(font)
    return font


def _glyf_table(font: TTFont):
    order, glyphs = font.getGlyphOrder(), font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        # TrueType contours turn the other way round from PostScript ones.
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    return glyf


def _as_truetype(font: TTFont) -> TTFont:
    glyf = _glyf_table(font)
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["glyf"], font["loca"] = glyf, newTable("loca")
    font.sfntVersion = "\x00\x01\x00\x00"
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for name in MAXP_ZEROES:
        setattr(maxp, name, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    post.glyphOrder = font.getGlyphOrder()
    return font


def write_font(characters: str, directory: Path) -> Path:
    """A TrueType file in `directory` holding every glyph `characters` need."""
    path = directory / "NotoSansTC-subset.ttf"
    _as_truetype(_subset(characters)).save(str(path))
    return path
