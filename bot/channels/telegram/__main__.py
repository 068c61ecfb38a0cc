"""Entry point for `hiwar run`'s Telegram child process (polling mode)."""

from __future__ import annotations

import logging
import sys

from bot.channels.telegram.polling import run_polling_forever
from bot.outreach.channel_requests import channel_request_handler
from bot.settings import get_settings
from bot.store.engine import build_session_factory


def main() -> int:
    """Read settings once, configure logging, then poll (or exit quietly)."""
    settings = get_settings()
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    sessions = build_session_factory(settings)
    return run_polling_forever(settings, channel_request_handler(settings, sessions))


if __name__ == "__main__":
    sys.exit(main())
