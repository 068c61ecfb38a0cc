"""Outreach: subscribers, encrypted Telegram addresses, deliveries, campaigns and their audit.

Revision ID: 0003_outreach
Revises: 0002_analytics
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision = "0003_outreach"
down_revision = "0002_analytics"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outreach_campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=3), nullable=False),
        sa.Column("text_ar", sa.Text(), nullable=True),
        sa.Column("text_en", sa.Text(), nullable=True),
        sa.Column("entry_id", sa.String(length=100), nullable=True),
        sa.Column("scheduled_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_campaigns")),
    )
    with op.batch_alter_table("outreach_campaigns", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outreach_campaigns_scheduled_at"), ["scheduled_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outreach_campaigns_status"), ["status"], unique=False)

    op.create_table(
        "outreach_subscribers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=128), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("frequency", sa.String(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("next_due_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("created_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("unsubscribed_at", bot.store.models.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_subscribers")),
        sa.UniqueConstraint("pseudonym", "channel", name=op.f("uq_outreach_subscribers_pseudonym")),
    )
    with op.batch_alter_table("outreach_subscribers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outreach_subscribers_next_due_at"), ["next_due_at"], unique=False
        )

    op.create_table(
        "outreach_telegram_addresses",
        sa.Column("pseudonym", sa.String(length=128), nullable=False),
        sa.Column("chat_id_encrypted", sa.Text(), nullable=False),
        sa.Column("updated_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("pseudonym", name=op.f("pk_outreach_telegram_addresses")),
    )
    op.create_table(
        "outreach_campaign_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["outreach_campaigns.id"],
            name=op.f("fk_outreach_campaign_audit_campaign_id_outreach_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_campaign_audit")),
    )
    with op.batch_alter_table("outreach_campaign_audit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outreach_campaign_audit_campaign_id"), ["campaign_id"], unique=False
        )

    op.create_table(
        "outreach_campaign_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", bot.store.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["outreach_campaigns.id"],
            name=op.f("fk_outreach_campaign_deliveries_campaign_id_outreach_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["outreach_subscribers.id"],
            name=op.f("fk_outreach_campaign_deliveries_subscriber_id_outreach_subscribers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_campaign_deliveries")),
        sa.UniqueConstraint(
            "campaign_id", "subscriber_id", name=op.f("uq_outreach_campaign_deliveries_campaign_id")
        ),
    )
    with op.batch_alter_table("outreach_campaign_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outreach_campaign_deliveries_status"), ["status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_outreach_campaign_deliveries_subscriber_id"),
            ["subscriber_id"],
            unique=False,
        )

    op.create_table(
        "outreach_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", bot.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", bot.store.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["outreach_subscribers.id"],
            name=op.f("fk_outreach_deliveries_subscriber_id_outreach_subscribers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_deliveries")),
        sa.UniqueConstraint(
            "subscriber_id", "message_id", name=op.f("uq_outreach_deliveries_subscriber_id")
        ),
    )
    with op.batch_alter_table("outreach_deliveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outreach_deliveries_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outreach_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outreach_deliveries_status"))

    op.drop_table("outreach_deliveries")
    with op.batch_alter_table("outreach_campaign_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outreach_campaign_deliveries_subscriber_id"))
        batch_op.drop_index(batch_op.f("ix_outreach_campaign_deliveries_status"))

    op.drop_table("outreach_campaign_deliveries")
    with op.batch_alter_table("outreach_campaign_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outreach_campaign_audit_campaign_id"))

    op.drop_table("outreach_campaign_audit")
    op.drop_table("outreach_telegram_addresses")
    with op.batch_alter_table("outreach_subscribers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outreach_subscribers_next_due_at"))

    op.drop_table("outreach_subscribers")
    with op.batch_alter_table("outreach_campaigns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outreach_campaigns_status"))
        batch_op.drop_index(batch_op.f("ix_outreach_campaigns_scheduled_at"))

    op.drop_table("outreach_campaigns")
