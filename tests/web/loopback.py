"""Run an ASGI app (fake Rasa, fake Bot API, the gateway) with uvicorn on a loopback port."""

from bot.process.loopback import serve

__all__ = ["serve"]
