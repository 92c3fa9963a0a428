"""The trip report as plain data, in the structure of a Taiwanese official-trip report
(公務出國報告): cover, summary, delegation, purpose, itinerary, one section per visit,
reflections and benefits, recommendations. The HTML page and the PDF both render it."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from jumelage.core import moments
from jumelage.exchange import itinerary
from jumelage.exchange.queries import items_of, travellers_of
from jumelage.reports.models import TripReport, VisitPhoto, VisitSection

CHINESE_DIGITS = "零一二三四五六七八九十"
CHINESE_CAPITALS = "零壹貳參肆伍陸柒捌玖拾"


@dataclass(frozen=True)
class Photo:
    pk: int
    path: str
    width: int
    height: int
    caption: str
    src: str = ""  # a data: URI when the HTML must stand alone


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    whom: str
    discussion: str
    photos: list


@dataclass
class Document:
    language: str
    title: str
    authority: str
    names: str
    country: str
    period: str
    report_date: str
    summary: str
    purpose: str
    reflections: str
    recommendations: str
    delegation: list  # (no., unit, title, name)
    days: list  # exchange.itinerary.Day
    sections: list = field(default_factory=list)

    @property
    def chapters(self) -> dict[int, str]:
        return {number: chapter_number(number, self.language) for number in range(1, 6)}

    @property
    def schedule_number(self) -> str:
        return section_number(1, self.language)

    def heading(self, number: int, text: str) -> str:
        return f"{chapter_number(number, self.language)}{text}"


def _chinese(number: int, digits: str) -> str:
    if number <= 10:
        return digits[number]
    tens, units = divmod(number, 10)
    head = digits[10] if tens == 1 else digits[tens] + digits[10]
    return head + (digits[units] if units else "")


def chapter_number(number: int, language: str) -> str:
    """壹、 in Chinese, I. elsewhere: the report's first level of headings."""
    if language == "zh-hant":
        return _chinese(number, CHINESE_CAPITALS) + "、"
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    return f"{romans[number - 1]}. "


def section_number(number: int, language: str) -> str:
    """一、 in Chinese, 1. elsewhere: the second level."""
    if language == "zh-hant":
        return _chinese(number, CHINESE_DIGITS) + "、"
    return f"{number}. "


def _period(start: dt.date, end: dt.date) -> str:
    return _("%(start)s to %(end)s") % {
        "start": moments.day(start),
        "end": moments.day(end),
    }


def report_for(slug: str) -> TripReport:
    return TripReport.objects.select_related(
        "delegation__side__partnership", "delegation__host_side", "delegation__cycle"
    ).get(delegation__slug=slug)


def _photos(section) -> list[Photo]:
    return [
        Photo(photo.pk, photo.image.path, photo.width, photo.height, photo.caption)
        for photo in section.photos.all()
    ]


def _sections(report, language) -> list[Section]:
    # The itinerary is the first part of the account of the trip; visits follow it.
    photos = Prefetch("photos", queryset=VisitPhoto.objects.order_by("order", "id"))
    sections = VisitSection.objects.filter(report=report).prefetch_related(photos)
    return [
        Section(
            section_number(number, language),
            section.title,
            section.whom,
            section.discussion,
            _photos(section),
        )
        for number, section in enumerate(sections, start=2)
    ]


def build(report: TripReport, language: str) -> Document:
    """The report's content in `language` (modeltranslation falls back where one is empty)."""
    delegation = report.delegation
    with translation.override(language):
        travellers = travellers_of(delegation)
        return Document(
            language=language,
            title=report.title,
            authority=report.authority or delegation.side.organisation,
            names=report.names,
            country=report.country or delegation.host_side.city,
            period=_period(delegation.starts_on, delegation.ends_on),
            report_date=moments.day(report.report_date) if report.report_date else "",
            summary=report.summary,
            purpose=report.purpose,
            reflections=report.reflections,
            recommendations=report.recommendations,
            delegation=[(t.order, t.unit, t.title, t.name) for t in travellers],
            days=itinerary.days(delegation, items_of(delegation)),
            sections=_sections(report, language),
        )
