"""A report as a file: PDF, or HTML that stands alone (styles and photos inside): the trip
report and the outcome report."""

import base64
import dataclasses

import filetype
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from jumelage.reports import document, outcome, pdf

FORMATS = ("pdf", "html")


def _inline(photo):
    with open(photo.path, "rb") as file:
        content = file.read()
    kind = filetype.guess(content)
    mime = kind.mime if kind else "image/jpeg"
    return dataclasses.replace(
        photo, src=f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"
    )


def _styles(*names) -> str:
    parts = []
    for name in names:
        with open(finders.find(f"jumelage/css/{name}"), encoding="utf-8") as file:
            parts.append(file.read())
    return "\n".join(parts)


def _standalone(doc, body: str, styles=("report.css",)) -> bytes:
    """One HTML file that stands alone: `body` (a document template) with its styles."""
    context = {"doc": doc, "css": _styles(*styles), "body": body}
    with translation.override(doc.language):
        html = render_to_string("reports/standalone.html", context)
    return html.encode("utf-8")


def standalone_html(doc) -> bytes:
    doc.sections = [
        dataclasses.replace(section, photos=[_inline(photo) for photo in section.photos])
        for section in doc.sections
    ]
    return _standalone(doc, "reports/_document.html")


def trip_report(slug: str, language: str, output_format: str) -> bytes:
    doc = document.build(document.report_for(slug), language)
    if output_format == "pdf":
        with translation.override(language):
            return pdf.render(doc)
    return standalone_html(doc)


def outcome_report(cycle, language: str, output_format: str) -> bytes:
    """The cycle's outcome report as PDF, or as HTML that stands alone (charts inside)."""
    doc = outcome.build(cycle, language)
    if output_format == "pdf":
        with translation.override(language):
            return pdf.render_outcome(doc)
    return _standalone(doc, "reports/_outcome_document.html", ("report.css", "charts.css"))
