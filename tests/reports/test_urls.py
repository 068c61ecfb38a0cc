"""URL normalisation and platform detection: the same post is one case, junk is refused."""

from __future__ import annotations

import pytest

from bot.reports.errors import InvalidUrl
from bot.reports.urls import detect_platform, normalize_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "https://www.youtube.com/watch?v=abc&utm_source=x&si=1&feature=share",
            "https://youtube.com/watch?v=abc",
        ),
        ("youtu.be/abc?si=zz", "https://youtube.com/watch?v=abc"),
        ("http://twitter.com/user/status/1?s=20&t=xx", "https://x.com/user/status/1"),
        ("t.me/somechannel/12/", "https://t.me/somechannel/12"),
        (
            "https://m.facebook.com/page/posts/1?fbclid=AA#comments",
            "https://facebook.com/page/posts/1",
        ),
        ("https://www.instagram.com/p/XYZ/?igshid=abc&igsh=1", "https://instagram.com/p/XYZ"),
        ("https://vm.tiktok.com/ZM123/?_r=1&is_from_webapp=1", "https://tiktok.com/ZM123"),
        ("HTTPS://EXAMPLE.COM/Path?b=2&a=1&gclid=z", "https://example.com/Path?a=1&b=2"),
        ("https://example.com/مرحبا", "https://example.com/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7"),
        (
            "https://example.com/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7/",
            "https://example.com/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7",
        ),
        ("  https://user:pw@example.com:8443/x  ", "https://example.com/x"),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("javascript:alert(1)", "not a web link"),
        ("<script>alert(1)</script>", "not a web link"),
        ("'; DROP TABLE reports; --", "spaces"),
        ("not a url", "spaces"),
        ("http://localhost/x", "host name"),
        ("ftp://example.com/a", "not a web link"),
        ("https://" + "a" * 2050 + ".com", "limit is 2048"),
        ("", "empty"),
    ],
)
def test_non_urls_are_refused_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(InvalidUrl, match=reason):
        normalize_url(raw)


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://t.me/x", "telegram"),
        ("https://www.tiktok.com/@u/video/1", "tiktok"),
        ("https://youtu.be/abc", "youtube"),
        ("https://twitter.com/u", "x"),
        ("https://x.com/u", "x"),
        ("https://fb.watch/abc", "facebook"),
        ("https://www.instagram.com/p/1", "instagram"),
        ("https://chat.whatsapp.com/abc", "whatsapp"),
        ("https://discord.gg/abc", "discord"),
        ("https://example.org/post", "website"),
        (None, None),
    ],
)
def test_detect_platform(url: str | None, platform: str | None) -> None:
    assert detect_platform(url) == platform
