"""A blind reviewer's files keep their content and lose the metadata that names people."""

import io
import zipfile

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter

from jumelage.review.scrub import scrubbed

AUTHOR = "Quentin Zephyr"


def _pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": AUTHOR, "/Title": "Zephyrine pitch"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _jpeg_with_artist() -> bytes:
    image = Image.new("RGB", (16, 16), "teal")
    exif = image.getexif()
    exif[0x013B] = AUTHOR  # Artist
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _png_with_author() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", AUTHOR)
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _docx_with_creator() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as document:
        document.writestr("[Content_Types].xml", "<Types/>")
        document.writestr("docProps/core.xml", f"<cp:coreProperties><dc:creator>{AUTHOR}")
        document.writestr("word/document.xml", "<w:document>Our robots</w:document>")
    return out.getvalue()


CASES = [
    ("application/pdf", _pdf_with_author),
    ("image/jpeg", _jpeg_with_artist),
    ("image/png", _png_with_author),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _docx_with_creator),
]


@pytest.mark.parametrize(("content_type", "make"), CASES, ids=[c[0] for c in CASES])
def test_the_author_is_gone(content_type, make):
    original = make()
    assert AUTHOR.encode() in original
    assert AUTHOR.encode() not in scrubbed(original, content_type)


def test_a_pdf_keeps_its_pages():
    assert len(PdfReader(io.BytesIO(scrubbed(_pdf_with_author(), "application/pdf"))).pages) == 1


def test_an_image_keeps_its_pixels():
    with Image.open(io.BytesIO(scrubbed(_png_with_author(), "image/png"))) as image:
        assert image.size == (16, 16) and image.getpixel((0, 0)) == (0, 128, 128)


def test_an_office_document_keeps_its_text():
    kind = CASES[3][0]
    with zipfile.ZipFile(io.BytesIO(scrubbed(_docx_with_creator(), kind))) as document:
        assert document.read("word/document.xml") == b"<w:document>Our robots</w:document>"


def test_a_file_that_cannot_be_cleaned_is_not_given_back():
    assert scrubbed(b"%PDF-broken", "application/pdf") is None


def test_a_type_without_a_known_cleaner_is_not_given_back():
    assert scrubbed(b"GIF89a", "image/gif") is None


def test_plain_text_carries_no_metadata_and_comes_back_as_it_is():
    assert scrubbed(b"Our robots", "text/plain") == b"Our robots"
