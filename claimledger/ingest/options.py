"""How to read sources: the options every reader takes, importable without any reader's libraries."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FetchOptions:
    allow_private: bool = False
    timeout: float = 20.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_items: int = 200


@dataclass
class IngestOptions:
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    allow_private: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    fetch: FetchOptions = field(default_factory=FetchOptions)
