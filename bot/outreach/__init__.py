"""Opt-in outreach: subscribers, scheduled counter-messages, one-off campaigns, delivery.

Owns the ``outreach_*`` tables and the broadcast path to Telegram (rate-limited,
restart-safe). Reads counter-messages from ``bot.knowledge``; talks to Telegram only
through ``sender.TelegramSender``. Must not touch the dialogue or the reports tables.
"""
