import datetime as dt
import re

from jumelage.calls.charts import submissions_per_day
from jumelage.core import charts


def test_a_bar_chart_keeps_its_labels_as_text_and_names_itself():
    chart = charts.bars("themes", "Themes", "Theme", ["IoT", "智慧城市"], {"Taichung": [3, 4]})
    assert ">智慧城市</text>" in chart.svg
    assert '<title id="themes-title">Themes</title>' in chart.svg
    assert 'aria-labelledby="themes-title themes-desc"' in chart.svg
    assert "IoT: Taichung 3; 智慧城市: Taichung 4" in chart.svg


def test_the_svg_carries_no_script_no_style_and_no_tooltip():
    chart = charts.bars("a", "A", "X", ["x", "y"], {"One": [1, 2], "Two": [2, 1]}, stacked=True)
    assert not re.search(r"<script|<style|style=|tooltip-overlay", chart.svg)


def test_the_table_behind_the_chart_has_a_column_per_series():
    chart = charts.bars("b", "B", "Step", ["a", "b"], {"One": [1, 2], "Two": [3, 4]})
    assert chart.table == [["Step", "One", "Two"], ["a", 1, 3], ["b", 2, 4]]


def test_no_labels_draw_no_chart_but_keep_the_header():
    chart = charts.bars("c", "C", "Theme", [], {"Taichung": []})
    assert chart.svg == "" and chart.table == [["Theme", "Taichung"]]


def test_submissions_per_day_has_one_row_a_day_and_today_apart():
    first = dt.date(2019, 4, 1)
    counts = {first: 2, dt.date(2019, 4, 3): 5}
    chart = submissions_per_day(counts, first, dt.date(2019, 4, 5), dt.date(2019, 4, 3))
    assert len(chart.rows) == 5
    assert [row[1:] for row in chart.rows[:3]] == [[2, 0], [0, 0], [0, 5]]
    assert "7" in chart.title


def test_submissions_per_day_after_the_call_is_a_single_series():
    first = dt.date(2019, 4, 1)
    chart = submissions_per_day({first: 1}, first, dt.date(2019, 4, 2), dt.date(2020, 1, 1))
    assert chart.header[1:] == ["Submissions"]
