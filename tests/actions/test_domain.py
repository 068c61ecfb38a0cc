"""The domain and the action package agree, and every response exists in both languages."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from rasa_sdk.executor import ActionExecutor

from bot.settings import PROJECT_ROOT

ARABIC_VARIATION = [{"type": "slot", "name": "language", "value": "ar"}]


def test_every_response_has_an_arabic_variation_and_an_english_default(
    domain: dict[str, Any],
) -> None:
    for name, variations in domain["responses"].items():
        arabic = [v for v in variations if v.get("condition") == ARABIC_VARIATION]
        default = [v for v in variations if "condition" not in v]
        assert len(arabic) == 1 and len(default) == 1, name
        assert len(arabic[0].get("buttons", [])) == len(default[0].get("buttons", [])), name


def test_domain_actions_are_exactly_the_registered_ones(domain: dict[str, Any]) -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(domain["actions"]) == set(executor.actions)


def _responses_named_in(directory: Path) -> set[str]:
    names = set()
    for path in directory.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith("utter_")
            ):
                names.add(node.value)
    return names


def test_every_response_an_action_sends_is_in_the_domain(domain: dict[str, Any]) -> None:
    assert _responses_named_in(PROJECT_ROOT / "actions") <= set(domain["responses"])


def test_every_form_slot_has_a_question(domain: dict[str, Any]) -> None:
    for form in domain["forms"].values():
        for slot in form["required_slots"]:
            assert f"utter_ask_{slot}" in domain["responses"], slot
