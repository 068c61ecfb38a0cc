"""From a question to what the bot says: an answer, "did you mean", or an honest abstention.

Pure given the services: retrieval decides, the knowledge renders, this module shapes
the reply (text parts under the channel limit, references, buttons). Only the
``reply_to_*`` functions record: an answer served or an abstention is counted for the
analytics (no pseudonym), and an abstained question is queued for the scholars.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Literal

from bot.dialogue.language import Lang
from bot.dialogue.queue import record_unanswered
from bot.dialogue.services import Services, Store
from bot.dialogue.split import split_message
from bot.knowledge.model import Entry
from bot.knowledge.render import render_answer

logger = logging.getLogger(__name__)
ReplyKind = Literal["answer", "clarify", "abstain"]
MAX_RELATED = 3
FEEDBACK_LABELS: dict[str, dict[Lang, str]] = {
    "feedback_helpful": {"en": "👍 Helpful", "ar": "👍 مفيدة"},
    "feedback_not_helpful": {"en": "👎 Not helpful", "ar": "👎 غير مفيدة"},
}


@dataclass(frozen=True)
class Button:
    """A quick reply: what the user sees, and the payload Rasa receives when tapped."""

    title: str
    payload: str

    def as_dict(self) -> dict[str, str]:
        """The shape rasa_sdk's dispatcher expects."""
        return {"title": self.title, "payload": self.payload}


@dataclass(frozen=True)
class Reply:
    """What to say about one question."""

    kind: ReplyKind
    lang: Lang
    entry_id: str | None = None
    parts: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    # an abstention because the question is outside what the bot answers (prayer, family law…)
    out_of_scope: bool = False


def intent_payload(intent: str, **entities: str) -> str:
    """A Rasa payload such as ``/ask_question{"entry_id": "takfir"}``."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def entry_title(entry: Entry, lang: Lang) -> str:
    """A button title for an entry: its first phrasing in the user's language."""
    phrasings = entry.questions.get(lang) or entry.questions.get("en") or (entry.id,)
    return phrasings[0]


def answer_question(
    services: Services, question: str, lang: Lang, limit: int, strict: bool = False
) -> Reply:
    """Retrieval's decision on the question, shaped into a reply in ``lang``."""
    decision = services.searcher.decide(question, strict=strict)
    known = [c.entry_id for c in decision.candidates if c.entry_id in services.knowledge.by_id]
    if decision.kind == "answer" and known and known[0] == decision.candidates[0].entry_id:
        return answer_entry(services, known[0], lang, limit)
    if decision.kind == "clarify" and known:
        buttons = [_entry_button(services, entry_id, lang) for entry_id in known]
        return Reply("clarify", lang, buttons=buttons, candidates=known)
    candidates = [c.entry_id for c in decision.candidates]
    return Reply("abstain", lang, candidates=candidates, out_of_scope=bool(decision.out_of_scope))


def answer_entry(services: Services, entry_id: str, lang: Lang, limit: int) -> Reply:
    """The entry's answer and references in ``lang``, split for the channel, with feedback."""
    entry = services.knowledge.by_id.get(entry_id)
    if entry is None:
        return Reply("abstain", lang, candidates=[entry_id])
    try:
        rendered = render_answer(entry, lang, services.quran, services.settings.serves_drafts)
    except ValueError:
        logger.warning("entry %s is not servable in this profile", entry_id)
        return Reply("abstain", lang, candidates=[entry_id])
    parts = split_message(rendered.text, limit) + split_message(rendered.references_text, limit)
    buttons = [
        Button(labels[lang], intent_payload(intent, entry_id=entry_id))
        for intent, labels in FEEDBACK_LABELS.items()
    ]
    return Reply("answer", lang, entry_id, parts, buttons, [entry_id])


def related_buttons(services: Services, entry_id: str | None, lang: Lang) -> list[Button]:
    """Buttons for the entries related to the last answer that this profile may serve."""
    entry = services.knowledge.by_id.get(entry_id or "")
    if entry is None:
        return []
    servable = {e.id for e in services.knowledge.servable(services.settings.serves_drafts)}
    related = [rid for rid in entry.related if rid in servable][:MAX_RELATED]
    return [_entry_button(services, rid, lang) for rid in related]


def references_parts(services: Services, entry_id: str | None, lang: Lang, limit: int) -> list[str]:
    """The last answer's references in ``lang``, split for the channel (empty if none)."""
    entry = services.knowledge.by_id.get(entry_id or "")
    if entry is None:
        return []
    try:
        rendered = render_answer(entry, lang, services.quran, services.settings.serves_drafts)
    except ValueError:
        return []
    return split_message(rendered.references_text, limit)


def _entry_button(services: Services, entry_id: str, lang: Lang) -> Button:
    entry = services.knowledge.by_id[entry_id]
    return Button(entry_title(entry, lang), intent_payload("ask_question", entry_id=entry_id))


@dataclass(frozen=True)
class Asker:
    """Who asked and where: the pseudonymous sender, their channel and its length limit."""

    sender: str
    channel: str | None
    limit: int


def reply_to_question(
    services: Services,
    store: Store,
    question: str,
    lang: Lang,
    asker: Asker,
    entry_id: str | None = None,
) -> Reply:
    """Answer (or the chosen entry's answer); abstentions go to the scholars' queue."""
    if entry_id:
        reply = answer_entry(services, entry_id, lang, asker.limit)
    else:
        reply = answer_question(services, question, lang, asker.limit)
    record_reply(store, reply, question, asker)
    return reply


def reply_to_unclear(
    services: Services, store: Store, text: str, lang: Lang, asker: Asker
) -> Reply:
    """A low-confidence message: answered only when retrieval is sure (strict threshold).

    An abstention here is not queued: the user is asked to rephrase instead.
    """
    reply = answer_question(services, text, lang, asker.limit, strict=True)
    if reply.kind == "answer":
        record_reply(store, reply, text, asker)
    return reply


def record_reply(store: Store, reply: Reply, question: str, asker: Asker) -> None:
    """Count a served answer or an abstention; queue an abstained question for the scholars."""
    if reply.kind == "answer" and reply.entry_id:
        store.analytics.answer(reply.entry_id, reply.lang, asker.channel)
    elif reply.kind == "abstain":
        store.analytics.abstention(reply.lang, asker.channel)
        if question.strip():
            try:
                record_unanswered(
                    store, sender=asker.sender, question=question, lang=reply.lang,
                    channel=asker.channel, candidates=reply.candidates,
                    kind="out_of_scope" if reply.out_of_scope else "abstained",
                )  # fmt: skip
            except Exception:  # the honest "I don't know" must still reach the user
                logger.exception("abstained question not queued")
