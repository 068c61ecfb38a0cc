"""Problems found in knowledge files, as values a scholar can read.

Every problem names the file (relative to the parent of the knowledge folder, so
``knowledge/entries/foo.yaml``) and the line, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: `file:line: severity: message`. Line 0 means the whole file or folder."""

    file: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line > 0 else self.file
        return f"{where}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        """Errors fail validation and stop the loader; warnings never do."""
        return self.severity == "error"


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that make the knowledge unusable."""
    return [problem for problem in problems if problem.is_error]


class KnowledgeError(Exception):
    """The knowledge files have errors; ``problems`` lists each with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(str(problem) for problem in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the knowledge files:\n{shown}{more}")


class ScriptureError(LookupError):
    """A Qur'an reference that the verified source does not contain."""
