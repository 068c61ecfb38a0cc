"""The cached action-result validator behaves exactly like Rasa's own (run in the Rasa env).

Its speed is measured by `hiwar bench e2e`, not here."""

from __future__ import annotations

import subprocess

from bot.settings import PROJECT_ROOT

RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"

CHECK = """
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
action = RemoteAction("action_x", None)
good = {"events": [{"event": "slot", "name": "a", "value": 1}], "responses": [{"text": "hi"}]}
bad = {"events": "not a list", "responses": []}
def outcome(result):
    try:
        return action._validate_action_result(result)
    except ValidationError as error:
        return error.message
original = [outcome(good), outcome(bad)]
from bot.channels.rasa_connector import HiwarInput
HiwarInput.from_credentials({})
assert RemoteAction._validate_action_result.__module__ == "bot.channels.rasa_speedups"
assert [outcome(good), outcome(bad)] == original, ([outcome(good), outcome(bad)], original)
print("same behaviour")
"""


def test_channel_installs_a_validator_with_rasas_exact_behaviour() -> None:
    completed = subprocess.run(
        [str(RASA_PYTHON), "-c", CHECK], cwd=PROJECT_ROOT, capture_output=True, text=True,
        env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"}, timeout=300,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout.strip().endswith("same behaviour")
