"""Errors that iorkg reports to its users, each with the exit code the command uses."""

from __future__ import annotations

from pathlib import Path


class IorkgError(Exception):
    """Base class of the problems iorkg reports in plain words."""

    exit_code = 1


class InputError(IorkgError):
    """Input that cannot be read: names the file, line and column, and what was expected."""

    exit_code = 2

    def __init__(self, path: str | Path | None, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.message = message
        super().__init__(self.describe())

    def describe(self) -> str:
        """The location and the message, as `file:line:column: message`."""
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class EnvironmentProblem(IorkgError):
    """Something the machine lacks (Java, a server binary, a package)."""

    exit_code = 3
