"""Chart geometry for the dashboard's inline SVG: numbers in, rectangles out.

Only coordinates are computed here; the templates draw them, so every label passes
through Jinja's autoescape like any other text. No JavaScript library is needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.analytics.summary import DayCount

BAR_HEIGHT = 18
BAR_GAP = 6
LABEL_WIDTH = 190
PLOT_WIDTH = 360
DAY_PLOT_HEIGHT = 160
DAY_PLOT_WIDTH = 640
AXIS_HEIGHT = 22


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: its label, value and drawn width at row ``y``."""

    label: str
    value: int
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per label, scaled to the largest value."""

    bars: list[Bar]
    height: int
    width: int = LABEL_WIDTH + PLOT_WIDTH + 60
    label_width: int = LABEL_WIDTH


@dataclass(frozen=True)
class DayColumn:
    """One day: answers and abstentions side by side, bottoms on the axis."""

    label: str
    show_label: bool
    x: float
    bar_width: float
    answers: int
    answers_y: float
    answers_height: float
    abstentions: int
    abstentions_y: float
    abstentions_height: float


@dataclass(frozen=True)
class DayChart:
    """Answers vs abstentions per day, with the peak value for the axis label."""

    columns: list[DayColumn]
    peak: int
    plot_height: int = DAY_PLOT_HEIGHT
    width: int = DAY_PLOT_WIDTH
    height: int = DAY_PLOT_HEIGHT + AXIS_HEIGHT


def bar_chart(pairs: Sequence[tuple[str, int]]) -> BarChart:
    """Horizontal bars for (label, value) pairs, in the given order."""
    peak = max((value for _, value in pairs), default=0) or 1
    bars = [
        Bar(label, value, index * (BAR_HEIGHT + BAR_GAP), PLOT_WIDTH * value / peak)
        for index, (label, value) in enumerate(pairs)
    ]
    return BarChart(bars, max(len(bars) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT))


def day_chart(days: Sequence[DayCount]) -> DayChart:
    """Two bars per day; about eight day labels whatever the period length."""
    peak = max((max(day.answers, day.abstentions) for day in days), default=0)
    scale = DAY_PLOT_HEIGHT / (peak or 1)
    slot = DAY_PLOT_WIDTH / max(len(days), 1)
    bar = max(slot * 0.4, 1.0)
    every = max(len(days) // 8, 1)
    columns = []
    for index, day in enumerate(days):
        x = index * slot + slot * 0.1
        answers_h, abstentions_h = day.answers * scale, day.abstentions * scale
        columns.append(
            DayColumn(
                label=day.day.strftime("%d %b"),
                show_label=index % every == 0,
                x=x,
                bar_width=bar,
                answers=day.answers,
                answers_y=DAY_PLOT_HEIGHT - answers_h,
                answers_height=answers_h,
                abstentions=day.abstentions,
                abstentions_y=DAY_PLOT_HEIGHT - abstentions_h,
                abstentions_height=abstentions_h,
            )  # fmt: skip
        )
    return DayChart(columns, peak)
