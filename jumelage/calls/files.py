"""An application's file as a download, for whoever the calling view has let read it, and
the file's text, read once, for the checks that must know what it says."""

import io
import logging
import re
import zipfile

from django.http import FileResponse
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from jumelage.calls.enums import TextState

logger = logging.getLogger(__name__)

PLAIN_TEXT_TYPES = {"text/plain", "text/csv", "text/markdown"}
OFFICE_PREFIXES = ("application/vnd.openxmlformats", "application/vnd.oasis")
# The XML that ends a paragraph, a line or a cell of an office document: a word break.
OFFICE_BREAKS = re.compile(r"</(?:w:p|a:p|text:p|text:h)>|<(?:w:br|w:tab|text:tab)\b[^>]*>")
XML_TAG = re.compile(r"<[^>]+>")
XML_ATTRIBUTE = re.compile(r'="([^"]*)"')
# The document properties (author, company): left out, blind review serves the file
# without them (review.scrub).
OFFICE_PROPERTIES = ("docProps/", "meta.xml")


def download(attachment, filename=None, content=None) -> FileResponse:
    """The stored file, or `content` in its place (a copy without its metadata), under
    `filename` or the name it was uploaded with."""
    return FileResponse(
        attachment.file.open("rb") if content is None else io.BytesIO(content),
        as_attachment=True,
        filename=filename or attachment.original_name,
        content_type=attachment.content_type,
    )


def text_of(attachment) -> str | None:
    """What the file says (its text, the links it holds), or None when it cannot be read:
    an image, a scan, an encrypted or broken file. Read once and kept on the row."""
    if not attachment.text_state:
        text = _read(attachment)
        attachment.text = text or ""
        attachment.text_state = TextState.UNREADABLE if text is None else TextState.READ
        attachment.save(update_fields=["text", "text_state"])
    return attachment.text if attachment.text_state == TextState.READ else None


def _read(attachment) -> str | None:
    reader = _reader(attachment.content_type)
    if reader is None:
        return None
    try:
        with attachment.file.open("rb") as stored:
            return reader(stored.read())
    except (PyPdfError, zipfile.BadZipFile, UnicodeDecodeError, OSError, ValueError, KeyError):
        logger.warning("Could not read the text of attachment %s", attachment.pk)
        return None


def _reader(content_type):
    if content_type == "application/pdf":
        return _pdf_text
    if content_type in PLAIN_TEXT_TYPES:
        return lambda data: data.decode("utf-8")
    if content_type.startswith(OFFICE_PREFIXES):
        return _office_text
    return None


def _pdf_text(data: bytes) -> str | None:
    """Every page's text and link targets; a PDF with pages but no text is a scan."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return None
    parts = []
    for page in reader.pages:
        parts.append(page.extract_text() or "")
        parts += _links(page)
    parts += [item.title for item in _outline(reader.outline)]
    text = "\n".join(parts)
    return text if text.strip() else None


def _links(page) -> list[str]:
    links = []
    for annotation in page.get("/Annots") or []:
        action = annotation.get_object().get("/A") or {}
        if "/URI" in action:
            links.append(str(action["/URI"]))
    return links


def _outline(items):
    for item in items:
        if isinstance(item, list):
            yield from _outline(item)
        else:
            yield item


def _office_text(data: bytes) -> str:
    """The text of every XML part (links and other attribute values included), its
    paragraphs kept apart."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as document:
        for name in document.namelist():
            if name.endswith((".xml", ".rels")) and not name.startswith(OFFICE_PROPERTIES):
                xml = document.read(name).decode("utf-8", errors="replace")
                parts.append(XML_TAG.sub("", OFFICE_BREAKS.sub("\n", xml)))
                parts += XML_ATTRIBUTE.findall(xml)
    return "\n".join(parts)
