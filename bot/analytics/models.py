"""The analytics table: one row per answer, abstention or feedback vote, dated to the day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base

ENTRY_ID_MAX = 100


class AnalyticsEvent(Base):
    """An anonymous usage event; the day (not the time) keeps it unlinkable to a conversation."""

    __tablename__ = "analytics_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(16))  # answer | abstention | feedback
    entry_id: Mapped[str | None] = mapped_column(String(ENTRY_ID_MAX), index=True)
    helpful: Mapped[bool | None] = mapped_column(Boolean)
    language: Mapped[str | None] = mapped_column(String(8))
    channel: Mapped[str | None] = mapped_column(String(32))
