"""Crisis: the helplines shown in the fixed response, and flagging the conversation.

The wording around the helplines is fixed in the domain (utter_crisis); this module
only picks which lines to list. It never consults retrieval.
"""

from __future__ import annotations

import logging

from bot.dialogue.language import Lang
from bot.dialogue.queue import record_unanswered
from bot.dialogue.services import Store
from bot.knowledge.model import Helpline

logger = logging.getLogger(__name__)
INTERNATIONAL = "*"
# Shown only if no helpline file is loaded: never leave a person in crisis with nothing.
NO_HELPLINES: dict[Lang, str] = {
    "en": "• Your local emergency number (112 or 911 in many countries)",
    "ar": "• رقم الطوارئ المحلي في بلدك (112 أو 911 في كثير من البلدان)",
}


def helplines_for(helplines: tuple[Helpline, ...], country: str | None) -> list[Helpline]:
    """The country's helplines first, then the international ones."""
    local = [line for line in helplines if country and line.country == country.upper()]
    international = [line for line in helplines if line.country == INTERNATIONAL]
    return local + international


def format_helpline(line: Helpline, lang: Lang) -> str:
    """One bullet: name, phone, link and hours, whichever exist."""
    details = [part for part in (line.phone, line.url, line.hours) if part]
    return f"• {line.name.get(lang) or line.name.get('en', '')} — " + " — ".join(details)


def helplines_text(helplines: tuple[Helpline, ...], country: str | None, lang: Lang) -> str:
    """The bullet list inserted into the crisis response."""
    lines = helplines_for(helplines, country)
    if not lines:
        return NO_HELPLINES[lang]
    return "\n".join(format_helpline(line, lang) for line in lines)


def flag_crisis(
    store: Store, *, sender: str, message: str, lang: str | None, channel: str | None
) -> None:
    """Queue the conversation for a human's follow-up (review queue, kind "crisis")."""
    logger.warning("crisis flagged for sender %s…", sender[:8])
    record_unanswered(
        store, sender=sender, question=message or "(crisis)", lang=lang, channel=channel,
        kind="crisis",
    )  # fmt: skip


def crisis_suspected(intent_ranking: list[dict]) -> bool:
    """True when "crisis" is one of the two best intents of a low-confidence message.

    Below the fallback threshold a missed crisis is the worst error: such a message
    gets the crisis response rather than retrieval or "please rephrase".
    """
    names = [item.get("name") for item in intent_ranking if item.get("name") != "nlu_fallback"]
    return "crisis" in names[:2]
