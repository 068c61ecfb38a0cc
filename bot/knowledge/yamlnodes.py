"""Reading YAML with line numbers, so every problem can name its line.

We compose YAML into nodes (which carry their position) instead of loading it into
plain Python values. Reading raw node text also sidesteps YAML 1.1 surprises: an
unquoted ``quran: 5:32`` would otherwise load as the number 332, ``country: NO`` as
false.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.knowledge.errors import Problem

NULL_TAG = "tag:yaml.org,2002:null"


def line_of(node: Node) -> int:
    """1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


def describe(node: Node) -> str:
    """What a scholar would call this node's shape."""
    if isinstance(node, MappingNode):
        return "a list of fields"
    if isinstance(node, SequenceNode):
        return "a list"
    return "empty" if node.tag == NULL_TAG else "text"


def in_path(path: str) -> str:
    """` in answer` when there is a parent path, nothing at the top level."""
    return f" in {path}" if path else ""


@dataclass
class FileReader:
    """Reads one knowledge file's nodes and collects its problems."""

    display: str
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        """Record an error at ``line``."""
        self.problems.append(Problem(self.display, line, message, "error"))

    def warn(self, line: int, message: str) -> None:
        """Record a warning at ``line``: worth fixing, never stops the loader."""
        self.problems.append(Problem(self.display, line, message, "warning"))

    def has_errors_since(self, count: int) -> bool:
        """True if an error was recorded after the first ``count`` problems."""
        return any(problem.is_error for problem in self.problems[count:])

    def compose(self, path: Path) -> Node | None:
        """The file's root node, or None after recording why it cannot be read."""
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            self.error(0, f"not UTF-8 text (byte {error.start}); save the file as UTF-8")
            return None
        except OSError as error:
            self.error(0, f"cannot be read ({error.strerror})")
            return None
        try:
            node = compose_yaml(text)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = int(mark.line) + 1 if mark is not None else 0
            self.error(line, yaml_error_message(error))
            return None
        except yaml.YAMLError as error:
            self.error(0, f"invalid YAML: {error}")
            return None
        if node is None:
            self.error(0, "the file is empty")
        return node

    def fields(
        self, node: Node, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Node] | None:
        """The key -> value nodes of a mapping; unknown, repeated and missing keys reported."""
        if not isinstance(node, MappingNode):
            where = path or "the file"
            self.error(line_of(node), f"{where} must be a list of fields, not {describe(node)}")
            return None
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in found:
                self.error(line_of(key_node), f'field "{key}" appears twice{in_path(path)}')
            elif key not in allowed:
                self.error(line_of(key_node), unknown_field_message(key, path, allowed))
            found[key] = value_node
        for key in required:
            if key not in found:
                self.error(line_of(node), f'missing field "{key}"{in_path(path)}')
        return {key: value for key, value in found.items() if key in allowed}

    def items(self, node: Node, path: str) -> list[Node] | None:
        """The item nodes of a list; an empty value counts as an empty list."""
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            return []
        if not isinstance(node, SequenceNode):
            self.error(line_of(node), f"{path} must be a list, not {describe(node)}")
            return None
        return list(node.value)

    def text(self, node: Node, path: str) -> str | None:
        """Non-empty text of a scalar, exactly as written (no YAML type guessing)."""
        if not isinstance(node, ScalarNode):
            self.error(line_of(node), f"{path} must be text, not {describe(node)}")
            return None
        value = str(node.value).strip()
        if node.tag == NULL_TAG or not value:
            self.error(line_of(node), f"{path} is empty")
            return None
        return value

    def whole_number(self, node: Node, path: str) -> int | None:
        """A whole number such as a year."""
        value = self.text(node, path)
        if value is None:
            return None
        if not re.fullmatch(r"\d+", value):
            self.error(line_of(node), f'{path} must be a whole number, not "{value}"')
            return None
        return int(value)

    def calendar_date(self, node: Node, path: str) -> date | None:
        """A calendar date written YYYY-MM-DD."""
        value = self.text(node, path)
        if value is None:
            return None
        try:
            if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.error(line_of(node), f'{path} must be a date written like 2026-12-06, not "{value}"')
        return None


def compose_yaml(text: str) -> Node | None:
    """Nodes via libyaml when present (15x faster); errors always from the pure-Python parser,
    so the messages scholars see do not depend on how PyYAML was installed."""
    fast_loader = getattr(yaml, "CSafeLoader", None)
    if fast_loader is not None:
        try:
            return yaml.compose(text, Loader=fast_loader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def yaml_error_message(error: yaml.MarkedYAMLError) -> str:
    """PyYAML's complaint, with the hint that fixes most of them."""
    if error.context == "expected a single document in the stream":
        return "invalid YAML (a second document starts here); keep one entry per file"
    return (
        f"invalid YAML ({error.problem or error.context}); check the indentation, "
        "colons and quotes on this line and the one above"
    )


def scalar_field(node: Node, key: str) -> str | None:
    """The raw text of ``key`` in a mapping node, if present (used before full validation)."""
    if not isinstance(node, MappingNode):
        return None
    for key_node, value_node in node.value:
        if key_node.value == key and isinstance(value_node, ScalarNode):
            return str(value_node.value)
    return None


def unknown_field_message(key: str, path: str, allowed: tuple[str, ...]) -> str:
    """`unknown field "answr"; did you mean "answer"?` — the suggestion only when close."""
    message = f'unknown field "{key}"{in_path(path)}'
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75)
    if close:
        return f'{message}; did you mean "{close[0]}"?'
    return f"{message}; allowed: {', '.join(allowed)}"
