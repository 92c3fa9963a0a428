"""A participant's agenda as a one-page PDF, drawn with fpdf2.

The house's PDF font (Noto Sans TC cut to the characters used and turned into TrueType, so
the text can be read back) is made in `reports.fonts`, which sits after matchmaking in the
timeline. Matchmaking cannot import it, so it names a registry, `FONTS`, that reports fills
from its AppConfig.ready() with its font writer: the agenda's layout stays here beside the
other agenda views, the font stays in one place, and no import runs up the timeline."""

import tempfile
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import WrapMode
from fpdf.fonts import FontFace

from jumelage.core import moments
from jumelage.core.registry import Registry
from jumelage.matchmaking.enums import MeetingState

# Entries: callables (characters: str, directory: Path) -> Path of a TrueType font file.
FONTS = Registry("the font writer matchmaking's PDFs draw with")
FONT = "body"
SHADE = (238, 241, 246)
WIDTHS = (42, 74, 50)  # mm: when, with whom, where (A4 less 17 mm margins)


class NoFont(LookupError):
    """No font writer registered (the reports app is not installed)."""


def _font_writer():
    for writer in FONTS:
        return writer
    raise NoFont


def rows(me, meetings) -> list[tuple[str, str, str, str]]:
    """(when, with whom, where, status) for each of `me`'s live meetings, in time order."""
    zone = me.session.timezone
    found = []
    for meeting in meetings:
        if meeting.state == MeetingState.CANCELLED:
            continue
        when = _("not yet scheduled")
        if meeting.slot_id is not None:
            start = moments.weekday_and_clock(meeting.slot.starts_at, zone)
            when = f"{start}–{moments.clock(meeting.slot.ends_at, zone)}"
        others = ", ".join(p.name for p in meeting.parties.all() if p.pk != me.pk)
        found.append((when, others, _where(meeting), meeting.get_state_display()))
    return found


def _where(meeting) -> str:
    if meeting.place is None:
        return ""
    parts = [meeting.place.name]
    if meeting.slot_id is not None and meeting.slot.venue and not meeting.place.is_virtual:
        parts.append(meeting.slot.venue.name)
    if meeting.place.link:
        parts.append(meeting.place.link)
    return ", ".join(parts)


def render(me, meetings, language: str) -> bytes:
    """The agenda of `me` in `language` (the active translation)."""
    lines = rows(me, meetings)
    title = _("Agenda of %(name)s") % {"name": me.name}
    headings = (_("When"), _("With"), _("Where"))
    note = _("Times in %(zone)s.") % {"zone": _zone(me.session)}
    texts = [title, me.session.title, note, *headings, *(c for line in lines for c in line)]
    characters = "".join(set("".join(texts)))
    with tempfile.TemporaryDirectory() as directory:
        pdf = _page(_font_writer()(characters, Path(directory)), language, title)
        _write(pdf, title, me.session.title, note, headings, lines)
        return bytes(pdf.output())


def _zone(session) -> str:
    first = session.slots.first()
    return moments.zone_name(first.starts_at, session.timezone) if first else session.timezone


def _page(font: Path, language: str, title: str) -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(17, 17, 17)
    pdf.set_auto_page_break(True, margin=17)
    pdf.add_font(FONT, "", str(font))
    pdf.set_title(title)
    pdf.set_lang(language)
    pdf.set_creator("jumelage")
    pdf.add_page()
    return pdf


def _write(pdf, title, session, note, headings, lines):
    # Chinese breaks between any two characters; Latin scripts between words.
    wrap = WrapMode.CHAR if pdf.lang == "zh-hant" else WrapMode.WORD
    pdf.set_font(FONT, size=17)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT", wrapmode=wrap)
    pdf.set_font(FONT, size=11)
    pdf.multi_cell(0, 6, f"{session} · {note}", new_x="LMARGIN", new_y="NEXT", wrapmode=wrap)
    pdf.ln(4)
    pdf.set_font(FONT, size=9.5)
    layout = pdf.table(
        col_widths=WIDTHS,
        headings_style=FontFace(fill_color=SHADE),
        line_height=5.5,
        padding=1.5,
        borders_layout="HORIZONTAL_LINES",
        text_align="LEFT",
        repeat_headings=1,
        wrapmode=WrapMode.WORD,
    )
    with layout as table:
        table.row(headings)
        for when, others, where, status in lines:
            table.row((when, others, f"{where} · {status}" if where else status))
    if not lines:
        pdf.ln(3)
        pdf.cell(0, 6, _("No meeting yet."))
