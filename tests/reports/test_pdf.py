"""The demo's trip report as a file: its text is extracted back and checked."""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from jumelage.demo import trip
from jumelage.demo.data import pick

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    """The PDF's text without whitespace: line breaks fall anywhere in a table cell."""
    reader = PdfReader(io.BytesIO(pdf))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _generate(tmp_path, lang, fmt="pdf") -> bytes:
    output = tmp_path / f"report.{fmt}"
    call_command(
        "report",
        "trip",
        trip.SLUG,
        "--lang",
        lang,
        "--format",
        fmt,
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    return output.read_bytes()


@pytest.mark.parametrize("lang", ["zh-hant", "fr", "en"])
def test_the_pdf_holds_the_names_every_itinerary_row_and_every_visit(visit, tmp_path, lang):
    pdf = _generate(tmp_path, lang)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for spec in trip.TRAVELLERS:
        assert _squeezed(pick(spec["name"], lang)) in text
    for _day, _when, _zone, activity, place, *_rest in trip.ITINERARY:
        assert _squeezed(pick(activity, lang)) in text
        assert _squeezed(pick(place, lang)) in text
    for title, *_rest in trip.SECTIONS:
        assert _squeezed(pick(title, lang)) in text


def test_the_chinese_pdf_embeds_its_font(visit, tmp_path):
    reader = PdfReader(io.BytesIO(_generate(tmp_path, "zh-hant")))
    fonts = reader.pages[1]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert any(name.endswith("NotoSansTC") for name in names)
    descendant = next(iter(fonts.values())).get_object()["/DescendantFonts"][0].get_object()
    assert "/FontFile2" in descendant["/FontDescriptor"]  # TrueType outlines, subset


def test_the_html_stands_alone_with_its_photos(visit, tmp_path):
    html = _generate(tmp_path, "fr", "html").decode()
    assert "<style>" in html and "trip-report" in html
    assert html.count('src="data:image/jpeg;base64,') == 8
    assert "Rencontre avec Bertrand Serp" in html


def test_an_unknown_trip_is_a_clear_error(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no-such-trip"):
        call_command("report", "trip", "no-such-trip", "--output", str(tmp_path / "x.pdf"))


def test_photos_keep_their_aspect(visit, tmp_path):
    """Each image is drawn by a `w 0 0 h x y cm` matrix: its ratio is the photo's."""
    reader = PdfReader(io.BytesIO(_generate(tmp_path, "en")))
    drawn = []
    for page in reader.pages:
        content = page.get_contents().get_data().decode("latin-1")
        drawn += re.findall(r"([\d.]+) 0 0 ([\d.]+) [\d.]+ [\d.]+ cm\s*/I", content)
    sizes = [
        (width, height) for *_rest, photos in trip.SECTIONS for _c, width, height, _rgb in photos
    ]
    assert len(drawn) == len(sizes) == 8
    for (width, height), (drawn_width, drawn_height) in zip(sizes, drawn, strict=True):
        assert float(drawn_width) / float(drawn_height) == pytest.approx(width / height, rel=0.01)
