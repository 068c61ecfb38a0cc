"""Chart geometry: bars scale to the largest value, days get both series and sparse labels."""

from __future__ import annotations

from datetime import date, timedelta

from bot.analytics.summary import DayCount
from bot.web.admin.charts import DAY_PLOT_HEIGHT, PLOT_WIDTH, bar_chart, day_chart


def test_bars_scale_to_the_peak() -> None:
    chart = bar_chart([("ar", 10), ("en", 5), ("mixed", 0)])
    assert [bar.width for bar in chart.bars] == [PLOT_WIDTH, PLOT_WIDTH / 2, 0]
    assert [bar.y for bar in chart.bars] == [0, 24, 48]
    assert bar_chart([]).bars == []


def test_day_chart_puts_bar_bottoms_on_the_axis() -> None:
    start = date(2026, 12, 1)
    days = [DayCount(start + timedelta(days=i), answers=i, abstentions=1) for i in range(30)]
    chart = day_chart(days)
    assert chart.peak == 29
    last = chart.columns[-1]
    assert last.answers_height == DAY_PLOT_HEIGHT and last.answers_y == 0
    assert all(c.abstentions_y + c.abstentions_height == DAY_PLOT_HEIGHT for c in chart.columns)
    assert 7 <= sum(column.show_label for column in chart.columns) <= 10


def test_an_empty_period_draws_flat_bars() -> None:
    chart = day_chart([DayCount(date(2026, 12, 1))])
    assert chart.peak == 0 and chart.columns[0].answers_height == 0
