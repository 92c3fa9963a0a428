"""The trip report as PDF, written with fpdf2 and Noto Sans/Serif TC from pip: no system
library (Pango) and no system font needed, Chinese glyphs embedded and extractable."""

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace
from pylopdf_fonts_zh_tw import sans_path, serif_path

from jumelage.reports.document import Document

BODY, HEADING = "body", "heading"
INK, MUTED, RULE, SHADE = (29, 36, 51), (90, 99, 117), (190, 197, 210), (238, 241, 246)
PHOTO_MAX_WIDTH, PHOTO_MAX_HEIGHT = 120, 90  # millimetres


class ReportPDF(FPDF):
    def __init__(self, document: Document):
        super().__init__(format="A4", unit="mm")
        self.document = document
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=20)
        self.add_font(BODY, "", str(sans_path()))
        self.add_font(HEADING, "", str(serif_path()))
        self.set_text_color(*INK)
        self.set_title(document.title)
        self.set_lang(document.language)
        self.set_creator("jumelage")

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
            self.multi_cell(0, size * 0.6, paragraph, new_x="LMARGIN", new_y="NEXT")
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


def _cover(pdf: ReportPDF, doc: Document):
    pdf.add_page()
    pdf.set_y(60)
    pdf.set_font(HEADING, size=20)
    pdf.multi_cell(0, 11, doc.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(25)
    facts = [
        (_("Authority"), doc.authority),
        (_("Names and titles"), doc.names),
        (_("Country visited"), doc.country),
        (_("Period"), doc.period),
        (_("Report date"), doc.report_date),
    ]
    pdf.set_font(BODY, size=12)
    for label, value in facts:
        pdf.set_x(45)
        pdf.multi_cell(0, 9, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")


def _itinerary_rows(doc: Document):
    for day in doc.days:
        for index, row in enumerate(day.rows):
            place = "\n".join(part for part in (row.place, row.address) if part)
            yield (day.label if index == 0 else "", row.time, row.activity, place)


def _body(pdf: ReportPDF, doc: Document):
    pdf.add_page()
    pdf.heading(_("Summary"), space=0)
    pdf.paragraphs(doc.summary)
    pdf.heading(doc.heading(1, _("Delegation")))
    pdf.table((_("No."), _("Unit"), _("Title"), _("Name")), doc.delegation, (10, 80, 40, 36))
    pdf.heading(doc.heading(2, _("Purpose")))
    pdf.paragraphs(doc.purpose)
    pdf.heading(doc.heading(3, _("Account of the trip")))
    pdf.heading(doc.schedule_number + _("Schedule of the visits"), size=12.5, space=2)
    pdf.table(
        (_("Date"), _("Time"), _("Activity"), _("Place")),
        list(_itinerary_rows(doc)),
        (28, 27, 53, 58),
    )
    for section in doc.sections:
        _section(pdf, section)
    pdf.heading(doc.heading(4, _("Reflections and benefits")))
    pdf.paragraphs(doc.reflections)
    pdf.heading(doc.heading(5, _("Recommendations")))
    pdf.paragraphs(doc.recommendations)


def _section(pdf: ReportPDF, section):
    pdf.heading(section.number + section.title, size=12.5, space=4)
    if section.whom:
        pdf.set_font(BODY, size=9.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 5.5, section.whom, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.ln(1.5)
    pdf.paragraphs(section.discussion)
    for photo in section.photos:
        pdf.photo(photo)


def render(doc: Document) -> bytes:
    pdf = ReportPDF(doc)
    _cover(pdf, doc)
    _body(pdf, doc)
    return bytes(pdf.output())
