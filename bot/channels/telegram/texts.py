"""Fixed bilingual texts the Telegram channel answers by itself, without Rasa.

When the user's language is unknown both languages are shown, Arabic first.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["ar", "en"] | None

ABOUT = {
    "ar": (
        "أنا «حوار»، مساعد آلي يديره المركز. أجيب من قاعدة معارف يكتبها ويراجعها علماء، "
        "ولا أُصدر فتاوى. لا أحفظ اسمك ولا رقمك؛ تُحفظ محادثتك باسم مستعار لمدة محدودة. "
        "لحذفها أرسل /forget."
    ),
    "en": (
        "I'm Hiwar, an automated assistant run by the centre. I answer from a knowledge base "
        "written and reviewed by scholars, and I never issue rulings. I don't keep your name or "
        "number; your conversation is stored under a pseudonym for a limited time. "
        "To delete it, send /forget."
    ),
}
HELP = {
    "ar": (
        "اكتب سؤالك بكلماتك، بالعربية أو الإنجليزية. الأوامر:\n"
        "/about من أنا · /privacy الخصوصية · /forget حذف محادثتك\n"
        "/report الإبلاغ عن محتوى تحريضي · /language تغيير اللغة\n"
        "/subscribe رسائل دورية · /unsubscribe إيقافها"
    ),
    "en": (
        "Ask your question in your own words, in Arabic or English. Commands:\n"
        "/about who I am · /privacy privacy · /forget delete your conversation\n"
        "/report report incitement · /language change language\n"
        "/subscribe regular messages · /unsubscribe stop them"
    ),
}
TEXT_ONLY = {
    "ar": "عذرًا، أستطيع قراءة الرسائل النصية فقط. اكتب سؤالك من فضلك.",
    "en": "Sorry, I can only read text messages. Please type your question.",
}
EDITED = {
    "ar": "لا أقرأ الرسائل المعدَّلة؛ أرسل النص الجديد في رسالة جديدة من فضلك.",
    "en": "I don't read edited messages; please send the new text as a new message.",
}
TOO_LONG = {
    "ar": "رسالتك طويلة جدًا (الحد {limit} حرف). اختصر سؤالك من فضلك.",
    "en": "Your message is too long (the limit is {limit} characters). Please shorten it.",
}
UNAVAILABLE = {
    "ar": "المساعد غير متاح مؤقتًا، حاول مرة أخرى بعد قليل من فضلك.",
    "en": "The assistant is temporarily unavailable, please try again in a moment.",
}
EXPIRED_BUTTON = {
    "ar": "انتهت صلاحية هذا الزر. اكتب سؤالك من جديد من فضلك.",
    "en": "This button has expired. Please ask again.",
}


def localized(text: dict[str, str], lang: Lang, **values: object) -> str:
    """The text in the user's language, or Arabic then English when unknown."""
    if lang in ("ar", "en"):
        return text[lang].format(**values)
    return "\n\n".join(text[code].format(**values) for code in ("ar", "en"))


def language_of(language_code: str | None) -> Lang:
    """Telegram's IETF language tag mapped to the bot's languages, or None."""
    code = (language_code or "").lower()
    if code.startswith("ar"):
        return "ar"
    if code.startswith("en"):
        return "en"
    return None
