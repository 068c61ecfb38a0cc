"""Names of countries and platforms in Arabic and English, mapped to canonical codes.

One table serves the NLU lookup tables (``nlu_data/*/entities.yml`` must agree with it,
a test checks) and the free-text fallbacks the forms use when the entity extractor
misses a name glued to an Arabic prefix ("بمصر", "للسعودية").
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bot.retrieval.normalize import normalize_arabic

COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "EG": ("egypt", "مصر"),
    "SA": ("saudi arabia", "saudi", "ksa", "السعودية", "المملكة العربية السعودية"),
    "AE": ("uae", "emirates", "united arab emirates", "الامارات", "الإمارات"),
    "JO": ("jordan", "الاردن", "الأردن"),
    "LB": ("lebanon", "لبنان"),
    "SY": ("syria", "سوريا", "سورية"),
    "IQ": ("iraq", "العراق"),
    "MA": ("morocco", "المغرب"),
    "DZ": ("algeria", "الجزائر"),
    "TN": ("tunisia", "تونس"),
    "LY": ("libya", "ليبيا"),
    "KW": ("kuwait", "الكويت"),
    "QA": ("qatar", "قطر"),
    "BH": ("bahrain", "البحرين"),
    "OM": ("oman", "عمان", "عُمان"),
    "YE": ("yemen", "اليمن"),
    "SD": ("sudan", "السودان"),
    "PS": ("palestine", "فلسطين"),
    "SO": ("somalia", "الصومال"),
    "MR": ("mauritania", "موريتانيا"),
    "TR": ("turkey", "turkiye", "تركيا"),
    "PK": ("pakistan", "باكستان"),
    "NG": ("nigeria", "نيجيريا"),
    "ID": ("indonesia", "اندونيسيا", "إندونيسيا"),
    "MY": ("malaysia", "ماليزيا"),
    "GB": ("uk", "united kingdom", "britain", "england", "بريطانيا", "المملكة المتحدة"),
    "FR": ("france", "فرنسا"),
    "DE": ("germany", "المانيا", "ألمانيا"),
    "US": ("usa", "united states", "america", "امريكا", "أمريكا", "الولايات المتحدة"),
    "CA": ("canada", "كندا"),
    "AU": ("australia", "استراليا", "أستراليا"),
    "IE": ("ireland", "ايرلندا", "أيرلندا"),
    "NL": ("netherlands", "holland", "هولندا"),
    "BE": ("belgium", "بلجيكا"),
    "SE": ("sweden", "السويد"),
}

PLATFORM_NAMES: dict[str, tuple[str, ...]] = {
    "telegram": ("telegram", "tg", "تيليجرام", "تلغرام", "تليجرام", "تلجرام"),
    "tiktok": ("tiktok", "tik tok", "تيك توك", "تيكتوك"),
    "youtube": ("youtube", "yt", "يوتيوب", "اليوتيوب"),
    "x": ("x", "twitter", "تويتر", "اكس", "إكس"),
    "facebook": ("facebook", "fb", "فيسبوك", "فيس بوك", "الفيس"),
    "instagram": ("instagram", "insta", "ig", "انستغرام", "انستقرام", "انستا"),
    "whatsapp": ("whatsapp", "واتساب", "واتس"),
    "snapchat": ("snapchat", "snap", "سناب", "سناب شات"),
    "discord": ("discord", "ديسكورد"),
}

_PLATFORM_HOSTS = {
    "t.me": "telegram", "telegram.me": "telegram", "telegram.org": "telegram",
    "tiktok.com": "tiktok", "youtube.com": "youtube", "youtu.be": "youtube",
    "x.com": "x", "twitter.com": "x", "facebook.com": "facebook", "fb.com": "facebook",
    "fb.watch": "facebook", "instagram.com": "instagram", "wa.me": "whatsapp",
    "whatsapp.com": "whatsapp", "snapchat.com": "snapchat", "discord.gg": "discord",
    "discord.com": "discord",
}  # fmt: skip

# Single-letter Arabic prefixes (and, by, for, so, the) that glue to a following name.
_ARABIC_PREFIXES = ("وب", "ول", "وال", "بال", "لل", "فال", "و", "ب", "ل", "ف")
URL_PATTERN = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|me|be|tv|io|ly|gg|co|info)(?:/\S*)?",
    re.IGNORECASE,
)


def _normalise(text: str) -> str:
    return normalize_arabic(text).lower()


def _name_index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_normalise(name): code for code, names in table.items() for name in names}


def _candidates(text: str) -> list[str]:
    """Word n-grams (longest first), each also with a glued Arabic prefix removed."""
    words = re.findall(r"[\w']+", _normalise(text))
    grams = [" ".join(words[i : i + n]) for n in (3, 2, 1) for i in range(len(words) - n + 1)]
    stripped = [
        gram[len(prefix) :]
        for gram in grams
        for prefix in _ARABIC_PREFIXES
        if gram.startswith(_normalise(prefix)) and len(gram) - len(prefix) >= 3
    ]
    return grams + stripped


def find_country(text: str) -> str | None:
    """ISO code of the first country named in the text, in either language."""
    index = _name_index(COUNTRY_NAMES)
    return next((index[c] for c in _candidates(text) if c in index), None)


def find_platform(text: str) -> str | None:
    """Canonical platform named in the text (or in a link inside it)."""
    url = extract_url(text)
    if url and (from_url := platform_from_url(url)):
        return from_url
    index = _name_index(PLATFORM_NAMES)
    return next((index[c] for c in _candidates(text) if c in index), None)


def canonical_platform(value: str) -> str:
    """A platform code for an extracted entity value; unknown names pass through."""
    return _name_index(PLATFORM_NAMES).get(_normalise(value.strip()), value.strip().lower())


def extract_url(text: str) -> str | None:
    """The first link-looking token in the text, without trailing punctuation."""
    match = URL_PATTERN.search(text)
    return match.group(0).rstrip(".,;:!?)»\"'") if match else None


def platform_from_url(url: str) -> str | None:
    """The platform a link points to, from its host name."""
    host = urlsplit(url if "://" in url else f"https://{url}").hostname or ""
    host = host.removeprefix("www.").removeprefix("m.").removeprefix("vm.")
    return _PLATFORM_HOSTS.get(host)
