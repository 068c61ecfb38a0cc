"""Operations schema: cases, submissions, audit log, feed, focal points, outbox, review queue.

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "focal_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("webhook_url", sa.String(length=2048), nullable=True),
        sa.Column("webhook_secret", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_focal_points")),
        sa.UniqueConstraint("name", name=op.f("uq_focal_points_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_focal_points_token_hash")),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("dedupe_key", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("platform", sa.String(length=32), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("reference", name=op.f("uq_reports_reference")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_reports_dedupe_key")),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_status"), ["status"], unique=False)

    op.create_table(
        "review_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("pseudonym", sa.String(length=128), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("candidates", sa.String(length=500), nullable=True),
        sa.Column("notify_opt_in", sa.Boolean(), nullable=False),
        sa.Column("entry_id", sa.String(length=100), nullable=True),
        sa.Column("linked_at", bot.store.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column("notified_at", bot.store.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_questions")),
    )
    with op.batch_alter_table("review_questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_questions_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_review_questions_entry_id"), ["entry_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_review_questions_pseudonym"), ["pseudonym"], unique=False
        )

    op.create_table(
        "feed_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("created_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_feed_events_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_events")),
    )
    with op.batch_alter_table("feed_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_events_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_feed_events_report_id"), ["report_id"], unique=False)

    op.create_table(
        "report_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=False),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_audit_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_audit")),
    )
    with op.batch_alter_table("report_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_audit_report_id"), ["report_id"], unique=False)

    op.create_table(
        "report_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("reporter_pseudonym", sa.String(length=128), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("alias_reference", sa.String(length=16), nullable=True),
        sa.Column("created_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_submissions_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_submissions")),
        sa.UniqueConstraint("alias_reference", name=op.f("uq_report_submissions_alias_reference")),
    )
    with op.batch_alter_table("report_submissions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_submissions_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_submissions_report_id"), ["report_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_submissions_reporter_pseudonym"),
            ["reporter_pseudonym"],
            unique=False,
        )

    op.create_table(
        "webhook_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("focal_point_id", sa.Integer(), nullable=False),
        sa.Column("feed_event_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", bot.store.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_event_id"],
            ["feed_events.id"],
            name=op.f("fk_webhook_outbox_feed_event_id_feed_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["focal_point_id"],
            ["focal_points.id"],
            name=op.f("fk_webhook_outbox_focal_point_id_focal_points"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_outbox")),
        sa.UniqueConstraint(
            "focal_point_id", "feed_event_id", name=op.f("uq_webhook_outbox_focal_point_id")
        ),
    )
    with op.batch_alter_table("webhook_outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_webhook_outbox_delivered_at"), ["delivered_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_webhook_outbox_focal_point_id"), ["focal_point_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_webhook_outbox_next_attempt_at"), ["next_attempt_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("webhook_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_outbox_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_webhook_outbox_focal_point_id"))
        batch_op.drop_index(batch_op.f("ix_webhook_outbox_delivered_at"))

    op.drop_table("webhook_outbox")
    with op.batch_alter_table("report_submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_submissions_reporter_pseudonym"))
        batch_op.drop_index(batch_op.f("ix_report_submissions_report_id"))
        batch_op.drop_index(batch_op.f("ix_report_submissions_created_at"))

    op.drop_table("report_submissions")
    with op.batch_alter_table("report_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_audit_report_id"))

    op.drop_table("report_audit")
    with op.batch_alter_table("feed_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_events_report_id"))
        batch_op.drop_index(batch_op.f("ix_feed_events_country"))

    op.drop_table("feed_events")
    with op.batch_alter_table("review_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_questions_pseudonym"))
        batch_op.drop_index(batch_op.f("ix_review_questions_entry_id"))
        batch_op.drop_index(batch_op.f("ix_review_questions_created_at"))

    op.drop_table("review_questions")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_status"))
        batch_op.drop_index(batch_op.f("ix_reports_country"))

    op.drop_table("reports")
    op.drop_table("focal_points")
