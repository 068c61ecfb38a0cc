"""Referral to local programmes, listed from knowledge/initiatives.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from bot.dialogue.language import Lang
from bot.knowledge.model import Initiative

INTERNATIONAL = "*"


@dataclass(frozen=True)
class InitiativeList:
    """The programmes to show, and whether they are local to the asked country."""

    local: bool
    text: str


def format_initiative(initiative: Initiative, lang: Lang) -> str:
    """One bullet: the name in the user's language and every contact given."""
    name = initiative.name.get(lang) or initiative.name.get("en", "")
    contacts = [
        initiative.contact[key] for key in ("phone", "url", "email") if key in initiative.contact
    ]
    return f"• {name} — " + " — ".join(contacts)


def initiatives_for(
    initiatives: tuple[Initiative, ...], country: str | None, lang: Lang
) -> InitiativeList:
    """The country's programmes, else the international ones (empty text when none)."""
    local = [
        i
        for i in initiatives
        if country not in (None, INTERNATIONAL) and i.country == country.upper()
    ]
    chosen = local or [i for i in initiatives if i.country == INTERNATIONAL]
    return InitiativeList(bool(local), "\n".join(format_initiative(i, lang) for i in chosen))
