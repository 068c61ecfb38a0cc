"""Channels: how people reach Rasa (website gateway, Telegram) and what they share.

Owns the pseudonym of every sender, the Rasa HTTP client, "forget me", the Telegram
application and the Rasa-side input channel. Must stay import-free here: Rasa's own
environment imports ``bot.channels.rasa_connector`` and nothing else of ours.
"""
