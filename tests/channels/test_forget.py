"""forget_sender deletes exactly one sender's rows from Rasa's `events` table."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from bot.channels.forget import forget_sender
from bot.settings import Settings


def _events_table(settings: Settings) -> tuple[sa.Engine, sa.Table]:
    engine = sa.create_engine(settings.tracker_store_url)
    table = sa.Table("events", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("sender_id", sa.String(255)), sa.Column("data", sa.Text))  # fmt: skip
    table.metadata.create_all(engine)
    return engine, table


def test_deletes_only_that_senders_events(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path)
    engine, table = _events_table(settings)
    with engine.begin() as connection:
        connection.execute(
            table.insert(),
            [{"sender_id": "a", "data": "{}"}] * 3 + [{"sender_id": "b", "data": "{}"}],
        )
    assert forget_sender(settings, "a") == 3
    with engine.connect() as connection:
        assert [row.sender_id for row in connection.execute(sa.select(table.c.sender_id))] == ["b"]
    assert forget_sender(settings, "a") == 0
    engine.dispose()


def test_without_a_tracker_table_nothing_happens(tmp_path: Path) -> None:
    assert forget_sender(Settings(var_dir=tmp_path), "a") == 0
