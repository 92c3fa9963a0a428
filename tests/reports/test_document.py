import pytest
from django.utils import translation
from django.utils.translation import gettext

from jumelage.demo import trip
from jumelage.reports import document
from jumelage.reports.document import chapter_number, section_number

pytestmark = pytest.mark.django_db


def test_loading_the_visit_twice_changes_nothing(visit):
    trip.load({"taichung": visit.taichung, "toulouse": visit.toulouse}, {})
    report = document.report_for(trip.SLUG)
    assert report.sections.count() == 7


def test_the_delegation_table_lists_no_unit_title_and_name(visit):
    doc = document.build(document.report_for(trip.SLUG), "zh-hant")
    assert doc.delegation == [
        (1, "臺中市政府經濟發展局", "副局長", "李逸安"),
        (2, "財團法人商業發展研究院", "佐理研究員", "林鼎為"),
    ]


def test_the_itinerary_table_has_the_seed_rows_grouped_by_day(visit):
    with translation.override("zh-hant"):
        doc = document.build(document.report_for(trip.SLUG), "zh-hant")
        rows = [(day.date.day, row.time, row.activity) for day in doc.days for row in day.rows]
        taichung_time = gettext("%(city)s time") % {"city": "臺中"}
    assert [day.date.day for day in doc.days] == [15, 16, 17, 18, 19, 20, 21]
    assert len(rows) == len(trip.ITINERARY) == 14
    assert rows[0] == (15, f"10:25 ({taichung_time})", "桃園機場出發")
    assert rows[1][:2] == (15, "22:20")
    # Two mornings on the 18th keep the seed's order: La Cantine, then Village by CA.
    assert [row[2] for row in rows if row[0] == 18] == [
        "參訪育成中心 La Cantine",
        "參訪育成中心 Village by CA",
        "參訪物聯網新創育成中心 IOT Valley",
    ]


def test_the_report_reads_in_each_language(visit):
    report = document.report_for(trip.SLUG)
    titles = {lang: document.build(report, lang).sections[0].title for lang in ("en", "fr")}
    assert titles["en"].startswith("Meeting Bertrand Serp")
    assert titles["fr"].startswith("Rencontre avec Bertrand Serp")


def test_visits_are_numbered_after_the_schedule(visit):
    doc = document.build(document.report_for(trip.SLUG), "zh-hant")
    assert [section.number for section in doc.sections] == [
        "二、",
        "三、",
        "四、",
        "五、",
        "六、",
        "七、",
        "八、",
    ]
    assert doc.sections[0].photos[0].width == 640


def test_chapter_numbers_follow_each_language():
    assert [chapter_number(n, "zh-hant") for n in (1, 4, 5)] == ["壹、", "肆、", "伍、"]
    assert chapter_number(4, "fr") == "IV. "
    assert section_number(12, "zh-hant") == "十二、"
    assert section_number(3, "en") == "3. "
