"""Problems found in a site's sources: values collected during a build, printed by the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a line in that file's own coordinates (1-based)."""

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


def count_errors(problems: Iterable[Problem]) -> int:
    return sum(problem.severity == "error" for problem in problems)


def error(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, message, "error")


def warning(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, message, "warning")


class SourceError(ValueError):
    """A problem in a file's text, found by a function that is not told which file it reads
    (decoding, front matter, the values in it): the line, in the file's own coordinates, and
    the message. The caller, who knows the file, turns it into a Problem with `problem`."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message

    def problem(self, path: str) -> Problem:
        return error(path, self.line, self.message)

    def __reduce__(self):  # pickled with its line, not only its text
        return type(self), (self.line, self.message)


class BuildFailed(Exception):
    """Raised by the build when any source has an error; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{count_errors(problems)} error(s)")
        self.problems = problems

    def __reduce__(self):  # raised in worker processes too: keep the problems, not only the text
        return BuildFailed, (self.problems,)


def failure_report(problems: list[Problem], outcome: str) -> str:
    """Every problem on its own line, then a summary: 'build failed: 2 error(s); <outcome>'."""
    errors = count_errors(problems)
    return "\n".join([*map(str, problems), f"build failed: {errors} error(s); {outcome}"])
