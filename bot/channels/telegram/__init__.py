"""Telegram channel (python-telegram-bot 22): webhook behind the gateway, or polling.

Owns turning Telegram updates into Rasa turns and Rasa's answers into Telegram
messages. Users are known to Rasa only by their pseudonym; the raw Telegram id
stays inside this package. Import-free so ``python -m bot.channels.telegram`` is cheap.
"""
