"""Canonical form of a reported link, so the same post reported twice is one case.

Tracking parameters (utm_*, fbclid, gclid, si, igshid, …), fragments, "www."/"m."
prefixes, default ports and trailing slashes are dropped; http becomes https;
youtu.be and twitter.com links are rewritten to their canonical hosts. Anything that
is not an http(s) link with a real host name is rejected with a readable reason.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from bot.reports.errors import InvalidUrl
from bot.store.models import URL_MAX

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
        "igshid", "igsh", "si", "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "ref_url",
        "feature", "pp", "is_from_webapp", "sender_device", "share_app_id", "mibextid", "rdid",
        "share_id", "__cft__", "__tn__", "_r", "_t", "s", "t",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "share_", "__cft__")
# "t" is a start time on YouTube (same video) but a tracking token on X; both dropped.
HOST_PREFIXES = ("www.", "m.", "mobile.", "vm.", "vt.", "web.")
PLATFORM_HOSTS: dict[str, str] = {
    "t.me": "telegram", "telegram.me": "telegram", "telegram.org": "telegram",
    "tiktok.com": "tiktok", "youtube.com": "youtube", "youtu.be": "youtube",
    "youtube-nocookie.com": "youtube", "x.com": "x", "twitter.com": "x",
    "facebook.com": "facebook", "fb.com": "facebook", "fb.watch": "facebook",
    "instagram.com": "instagram", "instagr.am": "instagram", "threads.net": "threads",
    "wa.me": "whatsapp", "whatsapp.com": "whatsapp", "snapchat.com": "snapchat",
    "discord.gg": "discord", "discord.com": "discord", "reddit.com": "reddit",
    "rumble.com": "rumble", "odysee.com": "odysee", "vk.com": "vk",
}  # fmt: skip
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalize_url(raw: str) -> str:
    """The canonical https form of ``raw``; raises InvalidUrl saying what is wrong."""
    text = raw.strip()
    if not text:
        raise InvalidUrl("url: empty")
    if len(text) > URL_MAX:
        raise InvalidUrl(f"url: {len(text)} characters; the limit is {URL_MAX}")
    if any(ch.isspace() for ch in text):
        raise InvalidUrl("url: contains spaces; send only the link")
    if "://" not in text and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", text, re.IGNORECASE):
        text = f"https://{text}"  # "t.me/channel" as people type it
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidUrl("url: not a web link (must start with http:// or https://)")
    host = _canonical_host(parts.hostname or "")
    host, path, query = _canonical_location(host, parts.path, parts.query)
    return urlunsplit(("https", host, path, query, ""))


def detect_platform(url: str | None) -> str | None:
    """The platform code for a (normalised or raw) URL's host; "website" for others."""
    if not url:
        return None
    host = (urlsplit(url if "://" in url else f"https://{url}").hostname or "").lower()
    host = _strip_prefixes(host)
    for known, platform in PLATFORM_HOSTS.items():
        if host == known or host.endswith("." + known):
            return platform
    return "website"


def _strip_prefixes(host: str) -> str:
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def _canonical_host(hostname: str) -> str:
    try:
        host = hostname.encode("idna").decode("ascii").lower().rstrip(".")
    except UnicodeError as error:
        raise InvalidUrl("url: the host name is not valid") from error
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels):
        raise InvalidUrl("url: needs a host name such as t.me or www.youtube.com")
    host = _strip_prefixes(host)
    return {"twitter.com": "x.com", "youtube-nocookie.com": "youtube.com"}.get(host, host)


def _canonical_location(host: str, path: str, query: str) -> tuple[str, str, str]:
    """Host, path and query with tracking dropped and one spelling for each character."""
    params = [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    path = quote(unquote(re.sub(r"/{2,}", "/", path)), safe=_PATH_SAFE).rstrip("/")
    if host == "youtu.be" and path.strip("/"):
        return "youtube.com", "/watch", urlencode(sorted([("v", path.strip("/")), *params]))
    return host, path, urlencode(sorted(params))
