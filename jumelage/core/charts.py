"""Charts as SVG drawn on the server by pygal, each with the table of its figures.

The SVG is inlined in the page: its labels stay text (translated, selectable, read by
screen readers through the chart's <title> and <desc>) and it needs no JavaScript. pygal's
own <style> and <script> are taken out and so are its style attributes, so the chart obeys
the site's Content-Security-Policy (styles from our own files only): it is coloured by
`static/jumelage/css/charts.css`. The table behind each chart is also what its CSV and
XLSX exports hold."""

import sys
from dataclasses import dataclass, field

import pygal
from django.utils.safestring import mark_safe
from pygal.style import Style

# pygal hooks a legacy finder into the import system for its map plugins (we use none):
# every later import would then warn that it has no find_spec(). Take it out again.
sys.meta_path[:] = [
    finder for finder in sys.meta_path if not isinstance(finder, pygal.PluginImportFixer)
]

WIDTH = 800
HEIGHT = 340
ROW_HEIGHT = 34  # a horizontal bar chart grows with its rows so each label stays legible
SUMMARY_ROWS = 12  # how many rows the <desc> spells out before it only counts them
DROPPED = {"style", "script"}
FONT = 15  # px in the chart's units, the same as charts.css: pygal lays the labels out by it
STYLE = Style(
    label_font_size=FONT,
    major_label_font_size=FONT,
    legend_font_size=FONT,
    value_font_size=FONT,
    title_font_size=FONT + 2,
)


@dataclass(frozen=True)
class Chart:
    """A chart and its figures: `header` names the columns of `rows` (label first)."""

    key: str
    title: str
    header: list
    rows: list
    svg: str = ""
    notes: list = field(default_factory=list)

    @property
    def table(self) -> list[list]:
        return [self.header, *self.rows]


def _local(tag) -> str:
    return str(tag).rsplit("}", 1)[-1]


def summary(header, rows) -> str:
    """The chart's figures in one sentence, for the SVG's <desc>."""
    names = header[1:]
    parts = []
    for row in rows[:SUMMARY_ROWS]:
        values = ", ".join(f"{name} {value}" for name, value in zip(names, row[1:], strict=False))
        parts.append(f"{row[0]}: {values}")
    if len(rows) > SUMMARY_ROWS:
        parts.append("…")
    return "; ".join(parts)


def _accessible(key, title, description):
    """An xml filter: drop what the CSP refuses and the JS-only tooltips, name the chart."""

    def apply(root):
        parents = {child: parent for parent in root.iter() for child in parent}
        for node in list(root.iter()):
            node.attrib.pop("style", None)
            dropped = _local(node.tag) in DROPPED
            if dropped or "tooltip-overlay" in node.get("class", ""):
                parents[node].remove(node)
        heading = next(node for node in root if _local(node.tag) == "title")
        heading.text, heading.attrib["id"] = title, f"{key}-title"
        desc = root.makeelement("desc", {"id": f"{key}-desc"})
        desc.text = description
        root.insert(list(root).index(heading) + 1, desc)
        root.attrib.update(
            {"id": f"chart-{key}", "role": "img", "aria-labelledby": f"{key}-title {key}-desc"}
        )
        return root

    return apply


def _config(height, **options) -> dict:
    return {
        "style": STYLE,
        "js": [],
        "css": [],
        "disable_xml_declaration": True,
        "no_prefix": True,
        "classes": ["pygal-chart", "chart"],
        "width": WIDTH,
        "height": height,
        "show_legend": False,
        "legend_at_bottom": True,
        "print_values": False,
        "margin": 12,
        "spacing": 10,
        "truncate_label": -1,
        "truncate_legend": -1,
        "no_data_text": "",
        **options,
    }


def _text_width(text: str) -> float:
    """Roughly how wide `text` is drawn: Chinese characters are a full em, Latin ones about
    0.6 em, which is all pygal assumes when it makes room for the labels."""
    return sum(FONT if ord(char) >= 0x2E80 else FONT * 0.6 for char in text)


def _room_for_labels(labels) -> int:
    """The left margin a horizontal chart needs beyond pygal's own estimate."""
    widest = max(
        (_text_width(str(label)) - len(str(label)) * FONT * 0.6 for label in labels), default=0
    )
    return int(widest) + 12


def _whole_numbers(series, stacked) -> dict:
    """Counts get whole-number ticks (pygal would tick 0.1, 0.2… up to a peak of 1)."""
    values = [value for values in series.values() for value in values if value is not None]
    if not values or any(not isinstance(value, int) for value in values):
        return {}
    if stacked:
        peak = max((sum(column) for column in zip(*series.values(), strict=True)), default=0)
    else:
        peak = max(values)
    if peak > 10:
        return {}
    return {"y_labels": list(range(0, max(peak, 1) + 1))}


def _render(chart_class, labels, series, config, accessible) -> str:
    chart = chart_class(**config)
    chart.add_xml_filter(accessible)
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), [float(value) if value is not None else None for value in values])
    return mark_safe(chart.render())


def _table(label_title, labels, series) -> tuple[list, list]:
    header = [str(label_title), *[str(name) for name in series]]
    rows = [
        [str(label), *[values[index] for values in series.values()]]
        for index, label in enumerate(labels)
    ]
    return header, rows


def bars(
    key: str,
    title: str,
    label_title: str,
    labels: list,
    series: dict,
    *,
    horizontal=False,
    stacked=False,
    description="",
    notes=(),
    **options,
) -> Chart:
    """A bar chart of `series` ({name: values, one per label}); several series stand side
    by side (or on top of each other when `stacked`) and get a legend."""
    header, rows = _table(label_title, labels, series)
    kind = {
        (False, False): pygal.Bar,
        (True, False): pygal.HorizontalBar,
        (False, True): pygal.StackedBar,
        (True, True): pygal.HorizontalStackedBar,
    }[(horizontal, stacked)]
    height = max(HEIGHT // 2, 80 + ROW_HEIGHT * len(labels) * max(1, len(series) // 2))
    room = {"margin_left": _room_for_labels(labels)} if horizontal else {}
    config = _config(
        height if horizontal else HEIGHT,
        show_legend=len(series) > 1,
        **room,
        **_whole_numbers(series, stacked),
        **options,
    )
    if not labels:
        return Chart(key, title, header, rows, "", list(notes))
    svg = _render(
        kind, labels, series, config, _accessible(key, title, description or summary(header, rows))
    )
    return Chart(key, title, header, rows, svg, list(notes))


def daily(
    key: str,
    title: str,
    label_title: str,
    days: list,
    series: dict,
    *,
    day_label,
    description="",
    notes=(),
    **options,
) -> Chart:
    """Counts per day: a label on about six of the days (all of them stay in the table)."""
    step = max(1, len(days) // 6)
    labels = [day_label(day) for day in days]
    major = [
        label for index, label in enumerate(labels) if index % step == 0 or index == len(labels) - 1
    ]
    return bars(
        key,
        title,
        label_title,
        labels,
        series,
        stacked=len(series) > 1,
        x_labels_major=major,
        show_minor_x_labels=False,
        x_label_rotation=0,
        description=description,
        notes=notes,
        **options,
    )
