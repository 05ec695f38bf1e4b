"""Errors per area, each carrying what went wrong, where, and how to fix it.

The CLI prints ``str(error)`` as one line; nothing here should ever surface as a traceback.
"""

from __future__ import annotations


def size_text(n: float) -> str:
    """Bytes as people read them, in one unit system (binary, like the limits): '10.0 MiB', '512 KiB'."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} bytes"


class ClaimledgerError(Exception):
    """Base error: ``where`` names the file, URL or database; ``fix`` says what to do about it."""

    exit_code = 1  # what the CLI exits with; 2 for usage errors

    def __init__(self, where: str, problem: str, fix: str = "") -> None:
        self.where, self.problem, self.fix = where, problem, fix
        super().__init__(str(self))

    def __str__(self) -> str:
        msg = f"{self.where}: {self.problem}"
        return f"{msg} (fix: {self.fix})" if self.fix else msg

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        """Picklable as it was made: an error raised in a worker process reaches its parent whole."""
        return type(self), (self.where, self.problem, self.fix)


class IngestError(ClaimledgerError):
    """A source that cannot be read as an article; ingest reports it and goes on."""


class FetchError(IngestError):
    """A URL or feed that could not be fetched or is not allowed."""


class LedgerError(ClaimledgerError):
    """The database cannot be opened, migrated or written."""


class ModelError(ClaimledgerError):
    """The spaCy model is missing or unusable."""
