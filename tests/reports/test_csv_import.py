"""CSV uploads: every row validated before any is stored, errors name the line."""

from __future__ import annotations

import pytest

from bot.reports.csv_import import MAX_CSV_ROWS, parse_report_csv
from bot.reports.errors import InvalidReport


def test_rows_are_validated_and_reporter_ids_kept_apart() -> None:
    parsed = parse_report_csv("\ufeffurl,reporter_id\nhttps://t.me/a/1?utm_source=x,u-1\n".encode())
    assert [(data.url, reporter) for data, reporter in parsed][0] == ("https://t.me/a/1", "u-1")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"url\n" + b"https://t.me/a\n" * (MAX_CSV_ROWS + 1), "more than 500 rows"),
        (b"url,reporter_id\nhttps://t.me/a," + b"r" * 201 + b"\n", "csv line 2: reporter_id"),
        (b"url,text\nhttps://t.me/a,\n,\n", "csv line 3: url or text"),
    ],
)
def test_limits_and_empty_rows(body: bytes, message: str) -> None:
    with pytest.raises(InvalidReport, match=message):
        parse_report_csv(body)
