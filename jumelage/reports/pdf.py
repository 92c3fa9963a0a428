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


def _written(doc, texts: dict, extra: list, write) -> bytes:
    """The PDF of `doc`, laid out by `write(pdf, doc)`, with a font carrying exactly the
    characters of the document, its interface texts and `extra`."""
    characters = "".join({*"".join([*_strings(doc), *texts.values(), *extra])})
    with tempfile.TemporaryDirectory() as directory:
        pdf = ReportPDF(doc, texts, write_font(characters, Path(directory)))
        write(pdf, doc)
        return bytes(pdf.output())


def _trip(pdf: ReportPDF, doc: Document):
    _cover(pdf, doc)
    _body(pdf, doc)


def render(doc: Document) -> bytes:
    numbers = [*doc.chapters.values(), doc.schedule_number]
    return _written(doc, labels(), numbers, _trip)


def outcome_labels() -> dict[str, str]:
    """Every interface text of the outcome report's PDF, in the active language."""
    return {
        "partnership": _("Partnership"),
        "cycle": _("Cycle"),
        "report_date": _("Report date"),
        "figures": _("The figures"),
        "teams": _("The teams"),
        "city": _("City"),
        "theme": _("Theme"),
        "hosts": _("Hosted by"),
        "journey": _("Support journey"),
        "milestones": _("Milestones"),
        "outcomes": _("Outcomes"),
        "stage": _("Stage"),
        "date": _("Date"),
        "notes": _("Notes"),
        "evidence": _("Evidence"),
        "what": _("Outcome"),
        "value": _("Value"),
        "no_outcomes": _("No outcomes recorded yet."),
        "what_worked": _("What worked"),
        "recommendations": _("Recommendations"),
        "not_written": _("Not written yet."),
    }


def _widths(columns: int) -> tuple:
    """The first column names the row; the figures share the rest of the line."""
    if columns == 1:
        return (166,)
    first = 62 if columns > 2 else 100
    return (first, *[(166 - first) / (columns - 1)] * (columns - 1))


def _outcome_cover(pdf: ReportPDF, doc):
    label = pdf.labels
    pdf.add_page()
    pdf.set_y(60)
    pdf.set_font(HEADING, size=20)
    pdf.multi_cell(0, 11, doc.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(25)
    pdf.set_font(BODY, size=12)
    for key in ("partnership", "cycle", "report_date"):
        pdf.set_x(45)
        pdf.multi_cell(0, 9, f"{label[key]}: {getattr(doc, key)}", new_x="LMARGIN", new_y="NEXT")


def _team(pdf: ReportPDF, team):
    label = pdf.labels
    pdf.add_page()
    pdf.heading(team.number + team.name, size=13.5, space=0)
    facts = [(label["city"], team.side), (label["theme"], team.theme), (label["hosts"], team.hosts)]
    pdf.paragraphs("\n".join(f"{name}: {value}" for name, value in facts if value), size=9.5)
    pdf.heading(label["journey"], size=11.5, space=2)
    pdf.table((label["stage"], label["date"], label["notes"]), team.journey, (40, 30, 96))
    pdf.heading(label["milestones"], size=11.5, space=2)
    pdf.table((label["stage"], label["date"], label["evidence"]), team.milestones, (40, 30, 96))
    pdf.heading(label["outcomes"], size=11.5, space=2)
    if team.outcomes:
        pdf.table((label["what"], label["value"]), team.outcomes, (80, 86))
    else:
        pdf.paragraphs(label["no_outcomes"])


def _prose(pdf: ReportPDF, doc, number: int, key: str):
    label = pdf.labels
    pdf.heading(doc.heading(number, label[key]))
    written = [(text.whose, getattr(text, key)) for text in doc.texts if getattr(text, key)]
    if not written:
        pdf.paragraphs(label["not_written"])
    for whose, prose in written:
        pdf.heading(whose, size=11.5, space=2)
        pdf.paragraphs(prose)


def _outcome(pdf: ReportPDF, doc):
    label = pdf.labels
    _outcome_cover(pdf, doc)
    pdf.add_page()
    pdf.heading(doc.heading(1, label["figures"]), space=0)
    for figure in doc.figures:
        pdf.heading(figure.title, size=11.5, space=2)
        pdf.table(figure.header, figure.rows, _widths(len(figure.header)))
    pdf.heading(doc.heading(2, label["teams"]))
    for team in doc.teams:
        _team(pdf, team)
    pdf.add_page()
    _prose(pdf, doc, 3, "what_worked")
    _prose(pdf, doc, 4, "recommendations")


def render_outcome(doc) -> bytes:
    """The outcome report (reports.outcome.OutcomeDocument) as PDF, in the active language."""
    numbers = [*doc.chapters.values(), *(team.number for team in doc.teams)]
    tables = [dataclasses.replace(figure, svg="") for figure in doc.figures]
    return _written(dataclasses.replace(doc, figures=tables), outcome_labels(), numbers, _outcome)
