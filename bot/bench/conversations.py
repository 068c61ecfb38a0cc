"""The message mixes the simulated users send: short conversations, as people actually chat.

Each conversation starts with a greeting, asks a few questions and ends with thanks or a
goodbye; then the user starts a new session. Short sessions matter: Rasa reloads the whole
tracker on every turn, so one endless session per user would measure tracker growth instead
of a realistic load. Every message carries a ``kind`` so latency can be split per kind
(``question`` turns are the ones that reach retrieval).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """One user message and what kind of turn it is."""

    kind: str  # greeting | question | followup | thanks | goodbye | mood | answer
    text: str


ConversationSource = Callable[[random.Random], list[Message]]

GREETINGS = {
    "en": ["hello", "hi", "hey there", "salam", "good evening"],
    "ar": ["مرحبا", "السلام عليكم", "اهلا", "مساء الخير"],
}
THANKS = {"en": ["thanks", "thank you so much", "ok thanks"], "ar": ["شكرا", "شكرا جزيلا", "متشكر"]}
GOODBYES = {"en": ["bye", "goodbye"], "ar": ["مع السلامة", "الى اللقاء"]}
FOLLOWUPS = {"en": ["tell me more", "what is your source?"], "ar": ["قل لي المزيد", "ما مصدرك؟"]}
# Paraphrases, not the knowledge base's own wording: retrieval has to work for them.
QUESTIONS = {
    "en": [
        "Is it jihad to kill civilians?",
        "is blowing yourself up in a crowd allowed in islam",
        "What does jihad actually mean?",
        "Can a group call other Muslims kafir and then fight them?",
        "Do I have to give bayah to the new caliph?",
        "Should I travel to join the fighters in Syria?",
        "Is it halal to kidnap foreigners to get ransom?",
        "are journalists legit targets in a war?",
        "I did bad things with a group, is it too late for me to come back?",
        "Is voting in elections shirk?",
        "Does Islam force people to convert?",
        "Can I be friends with my Christian neighbour?",
        "Is the West at war with Islam?",
        "who is allowed to give a fatwa?",
    ],
    "ar": [
        "هل قتل المدنيين من الجهاد؟",
        "هل العمليات الانتحارية حلال؟",
        "ما معنى الجهاد في الاسلام؟",
        "هل يجوز تكفير المسلمين وقتالهم؟",
        "هل يجب علي مبايعة الخليفة؟",
        "هل اسافر للقتال في سوريا؟",
        "ما حكم خطف الرهائن؟",
        "هل يجوز قتل الصحفيين؟",
        "هل فات الاوان للرجوع بعد ما انضميت لجماعة؟",
        "هل الانتخابات حرام؟",
        "هل يجوز اجبار الناس على الاسلام؟",
        "هل صداقة غير المسلم حرام؟",
        "هل الغرب في حرب مع الاسلام؟",
        "من له حق الفتوى؟",
    ],
}

# The stock `rasa init` bot only knows the moodbot intents.
STOCK_GREETINGS = ["hello", "hi", "hey there", "good morning", "hey"]
STOCK_MOODS = ["I am feeling great", "perfect", "very sad", "I am unhappy", "extremely good"]
STOCK_ANSWERS = ["yes", "no", "of course", "not really", "indeed"]
STOCK_GOODBYES = ["bye", "goodbye", "see you around", "cu"]
STOCK_CHALLENGES = ["are you a bot?", "am I talking to a human?"]


def hiwar_conversation(rng: random.Random) -> list[Message]:
    """Greeting, two to four questions (sometimes a follow-up), then thanks or goodbye."""
    lang = rng.choice(("en", "ar"))
    messages = [Message("greeting", rng.choice(GREETINGS[lang]))]
    for question in rng.sample(QUESTIONS[lang], rng.randint(2, 4)):
        messages.append(Message("question", question))
        if rng.random() < 0.25:
            messages.append(Message("followup", rng.choice(FOLLOWUPS[lang])))
    closing = "thanks" if rng.random() < 0.7 else "goodbye"
    texts = THANKS if closing == "thanks" else GOODBYES
    messages.append(Message(closing, rng.choice(texts[lang])))
    return messages


def stock_conversation(rng: random.Random) -> list[Message]:
    """The moodbot's own flow: greet, mood, an answer, sometimes a bot challenge, goodbye."""
    messages = [
        Message("greeting", rng.choice(STOCK_GREETINGS)),
        Message("mood", rng.choice(STOCK_MOODS)),
        Message("answer", rng.choice(STOCK_ANSWERS)),
    ]
    if rng.random() < 0.3:
        messages.append(Message("challenge", rng.choice(STOCK_CHALLENGES)))
    messages.append(Message("goodbye", rng.choice(STOCK_GOODBYES)))
    return messages
