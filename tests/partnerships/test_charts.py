import datetime as dt
from types import SimpleNamespace

from jumelage.partnerships import charts
from jumelage.partnerships.timeline import shifted_template


class Stage(SimpleNamespace):
    def __str__(self):
        return self.label


def template_stages():
    return [
        Stage(label=str(kind.label), starts_on=begin, ends_on=end)
        for kind, begin, end in shifted_template(dt.date(2018, 7, 1))
    ]


def test_the_gantt_has_one_bar_per_stage_in_timeline_order():
    gantt = charts.gantt(template_stages(), dt.date(2019, 4, 10))
    assert [bar.label for bar in gantt.bars][:2] == ["Set the themes", "Set the hosting resources"]
    assert len(gantt.bars) == 11
    assert [bar.y for bar in gantt.bars] == sorted(bar.y for bar in gantt.bars)
    assert all(bar.x >= gantt.label_width for bar in gantt.bars)
    assert max(bar.x + bar.width for bar in gantt.bars) <= gantt.width


def test_bars_are_done_current_or_upcoming_around_today():
    gantt = charts.gantt(template_stages(), dt.date(2019, 4, 10))
    statuses = [bar.status for bar in gantt.bars]
    assert statuses[:3] == ["done", "done", "current"]
    assert set(statuses[3:]) == {""}


def test_the_today_line_is_drawn_only_inside_the_timeline():
    inside = charts.gantt(template_stages(), dt.date(2019, 4, 10))
    assert inside.bars[2].x <= inside.today_x <= inside.bars[2].x + inside.bars[2].width
    assert charts.gantt(template_stages(), dt.date(2025, 1, 1)).today_x is None


def test_ticks_fall_on_each_first_of_the_month_with_the_year_on_january_and_the_first():
    gantt = charts.gantt(template_stages(), dt.date(2019, 4, 10))
    days = [tick.day for tick in gantt.ticks]
    assert days[0] == dt.date(2018, 7, 1) and days[-1] == dt.date(2019, 11, 1)
    assert all(day.day == 1 for day in days)
    assert [tick.day for tick in gantt.ticks if tick.show_year] == [
        dt.date(2018, 7, 1),
        dt.date(2019, 1, 1),
    ]


def test_a_one_day_stage_stays_visible():
    day = dt.date(2019, 1, 1)
    gantt = charts.gantt(
        [
            Stage(label="Long", starts_on=day, ends_on=dt.date(2029, 1, 1)),
            Stage(label="Short", starts_on=day, ends_on=day),
        ],
        day,
    )
    assert gantt.bars[1].width >= 2


def test_no_stages_draw_no_chart():
    assert charts.gantt([], dt.date(2019, 1, 1)) is None
