"""Uploads are judged by their bytes, kept within limits, refused when they would act
(PDF scripts, embedded files, macros) and cleaned (images re-encoded without EXIF, names
cleaned); downloads are served inert. The calls and the follow-up go through one check."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, HttpResponse
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from PIL import Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from jumelage.calls import services as call_services
from jumelage.calls.enums import FILE_KIND_MIME_TYPES, FileKind
from jumelage.core.middleware import DownloadHeadersMiddleware
from jumelage.core.uploads import checked_upload, safe_name
from jumelage.followup.forms import MilestoneForm

DOCUMENTS = FILE_KIND_MIME_TYPES[FileKind.DOCUMENT]
PDF_ONLY = FILE_KIND_MIME_TYPES[FileKind.PDF]


def pdf(pages=1, script=None, attachment=None, open_at_first_page=False) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    if script:
        action = {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(script),
        }
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(
            DictionaryObject(action)
        )
    if open_at_first_page:
        destination = [writer.pages[0].indirect_reference, NameObject("/Fit")]
        writer._root_object[NameObject("/OpenAction")] = ArrayObject(destination)
    if attachment:
        writer.add_attachment("payload.txt", attachment)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def upload(data, name="deck.pdf", accepted=DOCUMENTS):
    return checked_upload(SimpleUploadedFile(name, data), accepted, "PDF")


def refusal(data, name="deck.pdf", accepted=DOCUMENTS) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        upload(data, name, accepted)
    return refused.value


def test_a_plain_pdf_is_accepted_as_it_is():
    data = pdf(pages=3)
    cleaned = upload(data)
    assert cleaned.detected_type == "application/pdf"
    assert cleaned.read() == data


def test_a_pdf_that_opens_at_its_first_page_is_accepted():
    assert upload(pdf(open_at_first_page=True)).detected_type == "application/pdf"


def test_a_pdf_with_javascript_is_refused():
    assert refusal(pdf(script="app.alert('hello')")).code == "unsafe_pdf"


def test_a_pdf_with_an_embedded_file_is_refused():
    assert refusal(pdf(attachment=b"another file")).code == "unsafe_pdf"


def test_a_pdf_hiding_javascript_in_an_encoded_name_is_refused():
    data = pdf(script="app.alert(1)").replace(b"/JavaScript", b"/J#61vaScript")
    assert refusal(data).code == "unsafe_pdf"


def test_a_broken_pdf_naming_a_script_is_refused():
    data = b"%PDF-1.4\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF\n"
    assert refusal(data).code == "unsafe_pdf"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "deck.pdf"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "a.pdf"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "deck.png"),
        (b"MZ\x90\x00 a program", "deck.pdf"),
    ],
)
def test_a_page_or_program_named_like_a_document_is_refused(data, name):
    assert refusal(data, name).code == "wrong_type"


def test_a_file_over_the_size_limit_says_so(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    error = refusal(pdf() + b"\n" * 2048)
    assert error.code == "too_big"
    assert "1.0\xa0KB" in error.messages[0]


def test_a_pdf_over_the_page_limit_says_so(settings):
    settings.UPLOAD_MAX_PDF_PAGES = 2
    error = refusal(pdf(pages=3))
    assert error.code == "too_many_pages"
    assert "3" in error.messages[0] and "2" in error.messages[0]
    assert upload(pdf(pages=2)).detected_type == "application/pdf"


def photo_with_position() -> bytes:
    image = Image.new("RGB", (40, 20), "teal")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x0112] = 6  # taken on its side: shown turned a quarter
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (43.0, 36.0, 15.0)
    gps[3], gps[4] = "E", (1.0, 26.0, 38.0)
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return output.getvalue()


def test_an_image_comes_back_re_encoded_without_its_exif_location():
    original = photo_with_position()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    cleaned = upload(original, "IMG_0001.JPG").read()
    assert cleaned != original
    image = Image.open(io.BytesIO(cleaned))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert b"Exif" not in cleaned and b"Camera maker" not in cleaned
    # The orientation was applied to the pixels before the EXIF went.
    assert image.size == (20, 40)


def test_a_png_loses_its_text_chunks_and_keeps_its_pixels():
    image = Image.new("RGBA", (8, 8), (10, 20, 30, 128))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at 12 rue du Taur")
    output = io.BytesIO()
    image.save(output, "PNG", pnginfo=info)
    cleaned = upload(output.getvalue(), "shot.png").read()
    assert b"rue du Taur" not in cleaned
    again = Image.open(io.BytesIO(cleaned))
    assert again.getpixel((3, 3)) == (10, 20, 30, 128)


def test_an_image_over_the_pixel_limit_says_so(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 100
    output = io.BytesIO()
    Image.new("RGB", (20, 20)).save(output, "PNG")
    assert refusal(output.getvalue(), "big.png").code == "too_big"


def office(*extra: str) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as document:
        document.writestr("[Content_Types].xml", "<Types/>")
        document.writestr("word/document.xml", "<w:document/>")
        for name in extra:
            document.writestr(name, "x")
    return output.getvalue()


def test_an_office_document_with_macros_is_refused():
    assert upload(office(), "plan.docx").detected_type.endswith("wordprocessingml.document")
    assert refusal(office("word/vbaProject.bin"), "plan.docx").code == "macros"


@pytest.mark.parametrize(
    ("name", "mime", "kept"),
    [
        ("../../etc/passwd.pdf", "application/pdf", "passwd.pdf"),
        ("C:\\Users\\me\\deck.PDF", "application/pdf", "deck.pdf"),
        ("photo.exe", "image/jpeg", "photo.jpg"),
        ("a\r\nSet-Cookie: x=1.pdf", "application/pdf", "a-Set-Cookie- x=1.pdf"),
        ("簡報.pdf", "application/pdf", "簡報.pdf"),
        ("...", "application/pdf", "file.pdf"),
        ("x" * 300 + ".pdf", "application/pdf", "x" * 100 + ".pdf"),
    ],
)
def test_file_names_are_never_trusted(name, mime, kept):
    assert safe_name(name, mime) == kept


def test_downloads_are_served_inert():
    middleware = DownloadHeadersMiddleware(
        lambda request: FileResponse(io.BytesIO(b"%PDF"), as_attachment=True, filename="a.pdf")
    )
    response = middleware(None)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    page = DownloadHeadersMiddleware(lambda request: HttpResponse("page"))(None)
    assert "Content-Security-Policy" not in page


@pytest.mark.django_db
def test_a_download_of_the_site_carries_the_headers(client, world):
    client.force_login(world.users.alice)
    response = client.get(reverse("accounts:data_export"))
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("deck", "settings_change"),
    [
        (b"<html><script>alert(1)</script></html>", {}),
        (pdf(pages=3), {"UPLOAD_MAX_PDF_PAGES": 2}),
        (pdf() + b"\n" * 4096, {"UPLOAD_MAX_BYTES": 2048}),
        (pdf(script="app.alert(1)"), {}),
    ],
)
def test_a_refused_file_loses_nothing_else_of_the_draft(world, settings, deck, settings_change):
    for name, value in settings_change.items():
        setattr(settings, name, value)
    alice = world.users.alice
    application = call_services.start_application(alice, world.call_tc, "en")
    result = call_services.save_application(
        alice,
        application.pk,
        {"team_name": "Kept whatever the file", "contact_name": "Alice"},
        MultiValueDict({"pitch_deck": [SimpleUploadedFile("deck.pdf", deck)]}),
    )
    assert "pitch_deck" in result.errors
    application.refresh_from_db()
    assert application.team_name == "Kept whatever the file"
    assert application.contact_name == "Alice"
    assert not application.attachments.exists()


def test_the_follow_up_evidence_goes_through_the_same_check():
    html = SimpleUploadedFile("evidence.pdf", b"<!doctype html><html></html>")
    form = MilestoneForm({"reached_on": "2020-03-01", "evidence": "Pilot"}, {"evidence_file": html})
    assert not form.is_valid()
    assert "evidence_file" in form.errors
    photo = SimpleUploadedFile("pilot.jpg", photo_with_position())
    form = MilestoneForm({"reached_on": "2020-03-01", "evidence": ""}, {"evidence_file": photo})
    assert form.is_valid(), form.errors
    assert b"Exif" not in form.cleaned_data["evidence_file"].read()
