"""Dashboard passwords: scrypt hashes with their own parameters and salt, checked in constant time.

A stored hash reads ``scrypt$<n>$<r>$<p>$<salt_b64>$<hash_b64>``, so the cost can be
raised later without invalidating older hashes. An operator creates one with
``python -m bot.web.admin.passwords`` (prompts twice, prints the hash) and puts
``name: "role:<hash>"`` into ``HIWAR_WEB__ADMIN_USERS``.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import sys

SCHEME = "scrypt"
# OWASP's scrypt minimum (N=2^17, r=8, p=1) costs 128 MiB and ~0.2 s per check.
DEFAULT_N, DEFAULT_R, DEFAULT_P = 2**17, 8, 1
SALT_BYTES = 16
KEY_BYTES = 32
MAX_PASSWORD_CHARS = 1024  # refuses a megabyte "password" sent to burn CPU
_MAX_N = 2**20


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    memory = 128 * n * r * p + 2 * 1024 * 1024
    return hashlib.scrypt(
        password.encode(), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=KEY_BYTES
    )


def hash_password(
    password: str, *, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P
) -> str:
    """A new salted scrypt hash of ``password`` in the stored format."""
    if not password or len(password) > MAX_PASSWORD_CHARS:
        raise ValueError(f"password: 1 to {MAX_PASSWORD_CHARS} characters")
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(password, salt, n, r, p)
    encode = base64.b64encode
    return f"{SCHEME}${n}${r}${p}${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        cost = int(n), int(r), int(p)
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except ValueError:
        return False
    if scheme != SCHEME or not 1 < cost[0] <= _MAX_N or min(cost) < 1 or not password:
        return False
    if len(password) > MAX_PASSWORD_CHARS:
        return False
    return hmac.compare_digest(_scrypt(password, salt, *cost), expected)


def main() -> int:
    """Prompt for a password twice and print its hash (for HIWAR_WEB__ADMIN_USERS)."""
    password = getpass.getpass("New dashboard password: ")
    if password != getpass.getpass("Repeat it: "):
        print("The two passwords differ.", file=sys.stderr)
        return 1
    try:
        print(hash_password(password))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
