"""The FastAPI gateway: chat API, widget and demo page, health, Telegram webhook.

Owns HTTP concerns only (validation, rate limits, error codes, static files); a
conversation turn itself is ``bot.channels.conversation``. Must not talk to Rasa's
database or hold conversation state.
"""
