"""A trip report as a file: PDF, or HTML that stands alone (styles and photos inside)."""

import base64
import dataclasses

import filetype
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from jumelage.reports import document, pdf

FORMATS = ("pdf", "html")


def _inline(photo):
    with open(photo.path, "rb") as file:
        content = file.read()
    kind = filetype.guess(content)
    mime = kind.mime if kind else "image/jpeg"
    return dataclasses.replace(
        photo, src=f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"
    )


def standalone_html(doc) -> bytes:
    doc.sections = [
        dataclasses.replace(section, photos=[_inline(photo) for photo in section.photos])
        for section in doc.sections
    ]
    with open(finders.find("jumelage/css/report.css"), encoding="utf-8") as file:
        css = file.read()
    with translation.override(doc.language):
        html = render_to_string("reports/standalone.html", {"doc": doc, "css": css})
    return html.encode("utf-8")


def trip_report(slug: str, language: str, output_format: str) -> bytes:
    doc = document.build(document.report_for(slug), language)
    if output_format == "pdf":
        with translation.override(language):
            return pdf.render(doc)
    return standalone_html(doc)
