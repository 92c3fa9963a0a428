"""Every uploaded file goes through `checked_upload` before anything keeps it: the one place
that decides what a file is and whether it is safe to store and hand to other people.

- Its type is what its bytes say (filetype), never its name or the browser's word: an HTML
  or SVG page named `.pdf` is refused.
- Size (UPLOAD_MAX_BYTES), pages of a PDF (UPLOAD_MAX_PDF_PAGES) and pixels of an image
  (UPLOAD_MAX_IMAGE_PIXELS) have limits, each refused with a message that says which.
- A PDF that runs anything (JavaScript, launch actions) or carries other files (embedded
  files, attachments, rich media, XFA forms) is refused: the person saves it again without
  them ("print to PDF" does), and reviewers never open a file that acts by itself.
- An office document with macros is refused.
- An image is re-encoded from its pixels: EXIF (GPS position, camera, dates) and every
  other metadata chunk are left behind; its orientation is applied first.
- The name is cleaned (no folders, no control characters, a length limit) and ends with
  the extension of the type found; storage uses random names anyway (the models).

Downloads are served with safe headers by `core.middleware.DownloadHeadersMiddleware`.
"""

import io
import re
import unicodedata
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
ZIP_TYPES = {mime for mime, extension in EXTENSIONS.items() if extension[0] in "dpxo"}
# What makes a PDF act or carry other files. Names are compared decoded (pypdf reads
# `/J#61vaScript` as `/JavaScript`).
# An opening action or a field's actions are walked like the rest: going to a page is fine.
PDF_ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/RichMedia", "/XFA"}
PDF_ACTIVE_VALUES = {"/JavaScript", "/Launch", "/FileAttachment", "/RichMedia", "/EmbeddedFile"}
PDF_ACTIVE_VALUES |= {"/ImportData", "/SubmitForm", "/Movie", "/Sound", "/GoToE"}
# The same names in the raw bytes, for what a broken file hides from the parser.
PDF_ACTIVE_BYTES = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")
PDF_OBJECT_STREAM = re.compile(rb"/ObjStm\b")
PDF_RAW_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
# Beyond this many objects a PDF is refused rather than walked.
PDF_MAX_OBJECTS = 200_000
# Word, Excel and PowerPoint macros, OpenDocument macros, ActiveX controls.
OFFICE_MACROS = re.compile(r"vbaProject\.bin$|^Basic/|^Scripts/|/activeX/", re.IGNORECASE)
NAME_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def checked_upload(uploaded, accepted: set[str], kinds: str):
    """The upload, checked and cleaned, with `detected_type` set; ValidationError (its
    message for the person) when it cannot be accepted. `accepted` are MIME types as
    detected from content; `kinds` names them for the message."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("This file is %(size)s; files may be at most %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    data = _read_all(uploaded)
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in accepted:
        raise ValidationError(
            _("This file's content is not of an accepted type (%(kinds)s), whatever its name.")
            % {"kinds": kinds},
            code="wrong_type",
        )
    mime = kind.mime
    if mime == "application/pdf":
        _check_pdf(data)
    elif mime in IMAGE_FORMATS:
        data = _reencoded(data, IMAGE_FORMATS[mime])
    elif mime in ZIP_TYPES:
        _check_office(data)
    cleaned = SimpleUploadedFile(safe_name(uploaded.name, mime), data, content_type=mime)
    cleaned.detected_type = mime
    return cleaned


def _read_all(uploaded) -> bytes:
    uploaded.seek(0)
    data = b"".join(uploaded.chunks())
    uploaded.seek(0)
    return data


def safe_name(name: str, mime: str) -> str:
    """The name without folders or characters a file system or a header would misread,
    at most 120 characters, ending with the extension of the type found."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = NAME_UNSAFE.sub("-", stem).strip(" .-")[:100] or "file"
    return f"{stem}.{EXTENSIONS.get(mime, 'bin')}"


def _refused_pdf(message):
    return ValidationError(message, code="unsafe_pdf")


def _check_pdf(data: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _refused_pdf(_("This PDF is protected by a password: upload it without one."))
        pages = len(reader.pages)
        active = _pdf_is_active(reader) or PDF_ACTIVE_BYTES.search(data)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        pages, active = _pdf_read_raw(data)
    limit = settings.UPLOAD_MAX_PDF_PAGES
    if pages > limit:
        raise ValidationError(
            _("This PDF has %(pages)s pages; files may have at most %(limit)s.")
            % {"pages": pages, "limit": limit},
            code="too_many_pages",
        )
    if active:
        raise _refused_pdf(
            _(
                "This PDF holds scripts, actions or embedded files, which are not accepted. "
                "Save it again as a plain PDF (for example with “Print to PDF”) and upload that."
            )
        )


def _pdf_read_raw(data: bytes) -> tuple[int, bool]:
    """Pages and activity of a PDF the parser gave up on, from its bytes. Viewers rebuild
    such a file from the objects they find in it, which its bytes show unless they are
    packed in object streams: a broken file with those is refused as unreadable."""
    if PDF_OBJECT_STREAM.search(data):
        raise _refused_pdf(
            _("This PDF could not be read: save or export it again, then upload the new file.")
        )
    return len(PDF_RAW_PAGE.findall(data)), bool(PDF_ACTIVE_BYTES.search(data))


def _pdf_is_active(reader) -> bool:
    """Whether any object reachable from the trailer makes the PDF act or carry files."""
    seen: set[tuple[int, int]] = set()
    pending = [reader.trailer]
    walked = 0
    while pending:
        item = pending.pop()
        walked += 1
        if walked > PDF_MAX_OBJECTS:
            return True
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if PDF_ACTIVE_KEYS & set(item.keys()):
                return True
            kinds = {str(item.get("/S")), str(item.get("/Subtype"))}
            if kinds & PDF_ACTIVE_VALUES:
                return True
            pending.extend(value for name, value in item.items() if name != "/Parent")
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return False


def _reencoded(data: bytes, image_format: str) -> bytes:
    """The image drawn again from its pixels, without any of its metadata."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > settings.UPLOAD_MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _(
                        "This image is %(width)s × %(height)s pixels; images may have at most "
                        "%(limit)s million pixels."
                    )
                    % {
                        "width": width,
                        "height": height,
                        "limit": settings.UPLOAD_MAX_IMAGE_PIXELS // 1_000_000,
                    },
                    code="too_big",
                )
            image.load()
            upright = ImageOps.exif_transpose(image)
            options = {}
            if image_format == "JPEG":
                upright = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright
                options = {"quality": 90, "optimize": True}
            elif "transparency" in upright.info:
                options = {"transparency": upright.info["transparency"]}
            pixels = Image.new(upright.mode, upright.size)
            if upright.mode == "P":
                pixels.putpalette(upright.getpalette())
            pixels.paste(upright)
            output = io.BytesIO()
            pixels.save(output, format=image_format, **options)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This image could not be read: save or export it again, then upload the new file."),
            code="unreadable",
        ) from error
    return output.getvalue()


def _check_office(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as document:
            entries = document.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise ValidationError(
            _("This document could not be read: save it again, then upload the new file."),
            code="unreadable",
        ) from error
    if sum(entry.file_size for entry in entries) > 20 * settings.UPLOAD_MAX_BYTES:
        raise ValidationError(_("This document unpacks to too much data."), code="too_big")
    if any(OFFICE_MACROS.search(entry.filename) for entry in entries):
        raise ValidationError(
            _("This document holds macros, which are not accepted: save it without them."),
            code="macros",
        )
