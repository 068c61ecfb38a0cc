"""Case reference numbers: short enough to read over the phone, too many to guess.

"HW-" + 8 characters from a 31-letter alphabet without 0/O, 1/I/L (≈ 8.5 × 10^11
values, ~40 bits from ``secrets``): with a million cases a guess hits one in ~850,000.
Lookups accept any case and an optional dash in the middle ("hw-abcd-efgh").
"""

from __future__ import annotations

import re
import secrets

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8
_PATTERN = re.compile(rf"^HW-?([{REFERENCE_ALPHABET}]{{4}})-?([{REFERENCE_ALPHABET}]{{4}})$")


def new_reference() -> str:
    """A fresh random reference such as HW-7KQ2MZ9P."""
    return "HW-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def canonical_reference(text: str) -> str | None:
    """The stored spelling of a reference typed by a person, or None if it cannot be one."""
    match = _PATTERN.match(text.strip().upper())
    return f"HW-{match.group(1)}{match.group(2)}" if match else None
