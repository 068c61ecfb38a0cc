"""Bulk reports from partners as CSV: a header row, then one report per line.

The whole file is checked before anything is stored, so a partner fixing line 40
re-sends the file without creating 39 duplicates' worth of confusion. Errors name
the line (counting the header as line 1) and the field.
"""

from __future__ import annotations

import csv
import io

from bot.reports.errors import InvalidReport
from bot.reports.intake import ReportInput, validate_report

CSV_FIELDS = ("url", "text", "platform", "country", "description", "language", "reporter_id")
MAX_CSV_ROWS = 500
REPORTER_ID_MAX = 200


def parse_report_csv(raw: bytes) -> list[tuple[ReportInput, str | None]]:
    """Validated reports with each row's partner user id (still raw: pseudonymise it)."""
    rows = _read_rows(raw)
    parsed = []
    for number, row in enumerate(rows, start=2):
        cells = {key: (value or None) for key, value in row.items()}
        reporter_id = cells.pop("reporter_id", None)
        try:
            if reporter_id and len(reporter_id) > REPORTER_ID_MAX:
                raise InvalidReport(f"reporter_id: the limit is {REPORTER_ID_MAX} characters")
            parsed.append((validate_report(**cells, reporter_pseudonym=None), reporter_id))
        except InvalidReport as error:
            raise InvalidReport(f"csv line {number}: {error}") from error
    return parsed


def _read_rows(raw: bytes) -> list[dict[str, str]]:
    """Rows as dicts with every known column present (missing columns are empty)."""
    try:
        reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), strict=True)
        header = list(reader.fieldnames or [])
        if not header or set(header) - set(CSV_FIELDS) or not {"url", "text"} & set(header):
            raise InvalidReport(f"csv header: expected columns from {', '.join(CSV_FIELDS)}")
        rows = []
        for number, row in enumerate(reader, start=2):
            if None in row or None in row.values():
                raise InvalidReport(f"csv line {number}: wrong number of fields")
            if number > MAX_CSV_ROWS + 1:
                raise InvalidReport(f"csv: more than {MAX_CSV_ROWS} rows; split the file")
            rows.append({key: row.get(key, "") for key in CSV_FIELDS})
    except (UnicodeDecodeError, csv.Error) as error:
        raise InvalidReport(
            f"csv: not a readable UTF-8 CSV file ({type(error).__name__})"
        ) from error
    if not rows:
        raise InvalidReport("csv: no rows after the header")
    return rows
