"""Draw a ``Chart`` as an inline SVG line chart: steps over time, a 0 to 100 axis, marked dates.

The tool draws it itself (no charting library, no script): the lines are step paths, since
each value holds from its date until the next; the peers' median is dashed, so that the two
lines differ by more than their colour, and each line is labelled at its end.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from sanctions_gap.render.document import Chart, Series

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 40, 150, 14, 42
"""Margins: room for the axis labels on the left, the lines' labels on the right."""
LABEL_GAP = 15
"""The least vertical distance between two end labels."""


def _num(value: float) -> str:
    """A coordinate with one decimal at most: short, and the same on every machine."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class _Frame:
    """The mapping of dates and values to the chart's coordinates."""

    def __init__(self, chart: Chart) -> None:
        self.start = chart.start.toordinal()
        self.span = max(1, chart.end.toordinal() - self.start)
        self.top = chart.top
        self.width = WIDTH - LEFT - RIGHT
        self.height = HEIGHT - TOP - BOTTOM

    def x(self, date: dt.date) -> float:
        return LEFT + (date.toordinal() - self.start) / self.span * self.width

    def y(self, value: float) -> float:
        return TOP + (self.top - value) / self.top * self.height


def _path(series: Series, frame: _Frame, end: dt.date) -> str:
    """Steps: along at each value until the next date, then up or down to the next value."""
    parts: list[str] = []
    drawing = False
    points = series.points
    for i, (date, value) in enumerate(points):
        until = points[i + 1][0] if i + 1 < len(points) else end
        if value is None:
            drawing = False
            continue
        y = _num(frame.y(value))
        if drawing:
            parts.append(f"V{y}")
        else:
            parts.append(f"M{_num(frame.x(date))} {y}")
            drawing = True
        parts.append(f"H{_num(frame.x(until))}")
    return "".join(parts)


def _axes(chart: Chart, frame: _Frame) -> list[str]:
    bottom = TOP + frame.height
    right = LEFT + frame.width
    out = []
    for share in (0, 25, 50, 75, 100):
        value = share * chart.top / 100
        y = _num(frame.y(value))
        out.append(f'<line class="grid" x1="{LEFT}" x2="{right}" y1="{y}" y2="{y}"/>')
        out.append(
            f'<text class="minor" x="{LEFT - 6}" y="{y}" dy="4" text-anchor="end">'
            f"{_num(value)}</text>"
        )
    first = chart.start.year + (chart.start > dt.date(chart.start.year, 1, 1))
    years = list(range(first, chart.end.year + 1))
    if len(years) < 3:  # a short span: its first and last dates instead of the years
        for date, anchor in ((chart.start, "start"), (chart.end, "end")):
            out.append(
                f'<text class="minor" x="{_num(frame.x(date))}" y="{bottom + 18}" '
                f'text-anchor="{anchor}">{date.isoformat()}</text>'
            )
        years = []
    step = 1 if len(years) <= 14 else 2
    for year in years[::step]:
        x = _num(frame.x(dt.date(year, 1, 1)))
        out.append(f'<line class="axis" x1="{x}" x2="{x}" y1="{bottom}" y2="{bottom + 5}"/>')
        out.append(
            f'<text class="minor" x="{x}" y="{bottom + 18}" text-anchor="middle">{year}</text>'
        )
    out.append(f'<line class="axis" x1="{LEFT}" x2="{right}" y1="{bottom}" y2="{bottom}"/>')
    return out


def _end_labels(chart: Chart, frame: _Frame) -> list[str]:
    """Each line's name and last value at its end, pushed apart where they would overlap."""
    ends: list[tuple[float, int, str]] = []
    for position, series in enumerate(chart.series):
        last = next((v for _, v in reversed(series.points) if v is not None), None)
        if last is not None:
            ends.append((frame.y(last), position, f"{series.name} {last:.1f}"))
    ends.sort()
    placed: list[tuple[float, int, str]] = []
    for y, position, text in ends:
        lowest = placed[-1][0] + LABEL_GAP if placed else y
        placed.append((max(y, lowest), position, text))
    x = LEFT + frame.width + 8
    return [
        f'<text class="end e{position}" x="{x}" y="{_num(y)}" dy="4">{escape(text)}</text>'
        for y, position, text in placed
    ]


def _marks(chart: Chart, frame: _Frame) -> list[str]:
    """A short tick under the time axis for each marked date, its label on hover."""
    bottom = TOP + frame.height
    if not chart.marks:
        return []
    label = (
        f'<text class="minor" x="{LEFT + frame.width + 8}" y="{bottom + 34}">'
        f"{escape(chart.marks_label)}</text>"
    )
    return [label] + [
        f'<line class="mark" x1="{_num(frame.x(m.date))}" x2="{_num(frame.x(m.date))}" '
        f'y1="{bottom + 24}" y2="{bottom + 36}"><title>{escape(m.label)}</title></line>'
        for m in chart.marks
    ]


def line_chart(chart: Chart, ident: str) -> str:
    """The chart as an ``<svg>`` element; ``ident`` makes the ids of its title and desc unique."""
    frame = _Frame(chart)
    lines = [
        f'<path class="s{position}" d="{_path(series, frame, chart.end)}">'
        f"<title>{escape(series.name)}</title></path>"
        for position, series in enumerate(chart.series)
    ]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.desc)}</desc>'
    )
    body = [*_axes(chart, frame), *_marks(chart, frame), *lines, *_end_labels(chart, frame)]
    return head + "\n" + "\n".join(body) + "\n</svg>"
