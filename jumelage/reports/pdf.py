"""The trip report as PDF, written with fpdf2 and Noto Sans TC from pip: no system library
(Pango) and no system font needed, Chinese glyphs embedded and extractable."""

import dataclasses
import logging
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import WrapMode
from fpdf.fonts import FontFace

from jumelage.reports.document import Document
from jumelage.reports.fonts import write_font

BODY = HEADING = "noto"
INK, MUTED, RULE, SHADE = (29, 36, 51), (90, 99, 117), (190, 197, 210), (238, 241, 246)
PHOTO_MAX_WIDTH, PHOTO_MAX_HEIGHT = 120, 90  # millimetres

# fontTools reports every glyph it keeps at INFO: thousands of lines per report.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class ReportPDF(FPDF):
    def __init__(self, document: Document, labels: dict, font: Path):
        super().__init__(format="A4", unit="mm")
        self.labels = labels
        self.document = document
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=20)
        self.add_font(BODY, "", str(font))
        self.set_text_color(*INK)
        self.set_title(document.title)
        self.set_lang(document.language)
        self.set_creator("jumelage")
        # Chinese breaks between any two characters; Latin scripts between words.
        chinese = document.language == "zh-hant"
        self.wrap = WrapMode.CHAR if chinese else WrapMode.WORD
        # Justifying stretches spaces only: in Chinese it opens gaps around Latin words.
        self.align = "L" if chinese else "J"

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font(BODY, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"{self.document.title} · {self.page_no()}", align="C")
        self.set_text_color(*INK)

    # Building blocks

    def heading(self, text: str, size=15, space=6):
        self.ln(space)
        self.set_font(HEADING, size=size)
        self.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def paragraphs(self, text: str, size=10.5):
        self.set_font(BODY, size=size)
        for paragraph in filter(None, (line.strip() for line in text.splitlines())):
            self.multi_cell(
                0,
                size * 0.6,
                paragraph,
                align=self.align,
                new_x="LMARGIN",
                new_y="NEXT",
                wrapmode=self.wrap,
            )
            self.ln(1.5)

    def table(self, headings, rows, widths):
        self.set_font(BODY, size=9.5)
        style = FontFace(fill_color=SHADE)
        with super().table(
            col_widths=widths,
            headings_style=style,
            line_height=5.5,
            padding=1.5,
            borders_layout="HORIZONTAL_LINES",
            text_align="LEFT",
            repeat_headings=1,
            # Cells mix Chinese and Latin addresses: break at spaces, and inside a run
            # of Chinese (a "word" wider than the cell) between any two characters.
            wrapmode=WrapMode.WORD,
        ) as table:
            table.row(list(headings))
            for row in rows:
                table.row([str(cell) for cell in row])
        self.ln(3)

    def photo(self, photo):
        """At most PHOTO_MAX_WIDTH × PHOTO_MAX_HEIGHT, keeping its aspect, caption below."""
        ratio = photo.height / photo.width if photo.width else 0.75
        width = min(PHOTO_MAX_WIDTH, PHOTO_MAX_HEIGHT / ratio)
        height = width * ratio
        if self.get_y() + height + 12 > self.page_break_trigger:
            self.add_page()
        x = (self.w - width) / 2
        self.image(photo.path, x=x, y=self.get_y(), w=width, h=height)
        self.set_y(self.get_y() + height + 1.5)
        self.set_font(BODY, size=9)
        self.set_text_color(*MUTED)
        self.multi_cell(0, 5, photo.caption, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self.ln(3)


def labels() -> dict[str, str]:
    """Every interface text of the PDF, in the active language."""
    return {
        "authority": _("Authority"),
        "names": _("Names and titles"),
        "country": _("Country visited"),
        "period": _("Period"),
        "report_date": _("Report date"),
        "summary": _("Summary"),
        "delegation": _("Delegation"),
        "no": _("No."),
        "unit": _("Unit"),
        "title": _("Title"),
        "name": _("Name"),
        "purpose": _("Purpose"),
        "account": _("Account of the trip"),
        "schedule": _("Schedule of the visits"),
        "date": _("Date"),
        "time": _("Time"),
        "activity": _("Activity"),
        "place": _("Place"),
        "reflections": _("Reflections and benefits"),
        "recommendations": _("Recommendations"),
    }


def _cover(pdf: ReportPDF, doc: Document):
    label = pdf.labels
    pdf.add_page()
    pdf.set_y(60)
    pdf.set_font(HEADING, size=20)
    pdf.multi_cell(0, 11, doc.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(25)
    pdf.set_font(BODY, size=12)
    for key in ("authority", "names", "country", "period", "report_date"):
        if not getattr(doc, key):
            continue
        pdf.set_x(45)
        pdf.multi_cell(0, 9, f"{label[key]}: {getattr(doc, key)}", new_x="LMARGIN", new_y="NEXT")


def _itinerary_rows(doc: Document):
    for day in doc.days:
        for index, row in enumerate(day.rows):
            place = "\n".join(part for part in (row.place, row.address) if part)
            yield (day.label if index == 0 else "", row.time, row.activity, place)


def _body(pdf: ReportPDF, doc: Document):
    label = pdf.labels
    pdf.add_page()
    pdf.heading(label["summary"], space=0)
    pdf.paragraphs(doc.summary)
    pdf.heading(doc.heading(1, label["delegation"]))
    columns = (label["no"], label["unit"], label["title"], label["name"])
    pdf.table(columns, doc.delegation, (10, 80, 40, 36))
    pdf.heading(doc.heading(2, label["purpose"]))
    pdf.paragraphs(doc.purpose)
    pdf.heading(doc.heading(3, label["account"]))
    pdf.heading(doc.schedule_number + label["schedule"], size=12.5, space=2)
    columns = (label["date"], label["time"], label["activity"], label["place"])
    pdf.table(columns, list(_itinerary_rows(doc)), (28, 27, 53, 58))
    for section in doc.sections:
        _section(pdf, section)
    pdf.heading(doc.heading(4, label["reflections"]))
    pdf.paragraphs(doc.reflections)
    pdf.heading(doc.heading(5, label["recommendations"]))
    pdf.paragraphs(doc.recommendations)


def _section(pdf: ReportPDF, section):
    pdf.heading(section.number + section.title, size=12.5, space=4)
    if section.whom:
        pdf.set_font(BODY, size=9.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 5.5, section.whom, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.ln(1.5)
    pdf.paragraphs(section.discussion)
    for photo in section.photos:
        pdf.photo(photo)


def _strings(value):
    """Every text inside the document: the characters the font must carry."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for part in value:
            yield from _strings(part)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))


def render(doc: Document) -> bytes:
    texts = labels()
    numbers = [*doc.chapters.values(), doc.schedule_number]
    characters = "".join({*"".join([*_strings(doc), *texts.values(), *numbers])})
    with tempfile.TemporaryDirectory() as directory:
        pdf = ReportPDF(doc, texts, write_font(characters, Path(directory)))
        _cover(pdf, doc)
        _body(pdf, doc)
        return bytes(pdf.output())
