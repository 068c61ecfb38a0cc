"""The fake Telegram Bot API, for the channel tests.

It ships in ``bot.outreach.fake_bot_api`` (``hiwar bench broadcast`` delivers to it);
this module re-exports it so the tests keep one import path and one implementation.
"""

from bot.outreach.fake_bot_api import BOT_USER, STRING_PARAMS, Call, FakeBotApi

__all__ = ["BOT_USER", "STRING_PARAMS", "Call", "FakeBotApi"]
