"""Hiwar's Rasa custom actions: thin classes over the functions in ``bot.dialogue``.

Each module holds one flow's actions. An action reads the tracker, calls one
function of ``bot/``, and dispatches the result; the wording lives in the domain.
"""
