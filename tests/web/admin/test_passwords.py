"""Password hashes: scrypt with per-hash salt and cost, constant-time check, the CLI helper."""

from __future__ import annotations

import pytest

from bot.web.admin import passwords
from bot.web.admin.passwords import hash_password, verify_password

FAST = 2**10


def test_hash_round_trip_with_a_fresh_salt_each_time() -> None:
    first, second = hash_password("s3cret", n=FAST), hash_password("s3cret", n=FAST)
    assert first != second and first.startswith("scrypt$1024$8$1$")
    assert verify_password("s3cret", first) and verify_password("s3cret", second)
    assert not verify_password("S3cret", first)


@pytest.mark.parametrize(
    "stored",
    ["", "plain", "scrypt$1024$8$1$salt", "md5$1$1$1$AA==$AA==", "scrypt$x$8$1$AA==$AA==",
     "scrypt$4194304$8$1$AA==$AA==", "scrypt$1024$8$1$@@$AA=="],
)  # fmt: skip
def test_malformed_or_costly_hashes_never_match(stored: str) -> None:
    assert not verify_password("anything", stored)


def test_empty_and_huge_passwords_are_refused() -> None:
    with pytest.raises(ValueError):
        hash_password("")
    assert not verify_password("x" * 2000, hash_password("x", n=FAST))


def test_main_prints_a_hash_after_two_matching_prompts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["pw", "pw"])
    monkeypatch.setattr(passwords.getpass, "getpass", lambda prompt: next(answers))
    monkeypatch.setattr(passwords, "hash_password", lambda pw: hash_password(pw, n=FAST))
    assert passwords.main() == 0
    assert verify_password("pw", capsys.readouterr().out.strip())


def test_main_refuses_different_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["one", "two"])
    monkeypatch.setattr(passwords.getpass, "getpass", lambda prompt: next(answers))
    assert passwords.main() == 1
