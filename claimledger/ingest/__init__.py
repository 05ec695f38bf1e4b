"""Ingest: any article source to ``Article`` records with metadata and marked segments.

``IngestOptions`` imports nothing heavy; the readers (trafilatura, warcio, httpx) load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .options import FetchOptions, IngestOptions

if TYPE_CHECKING:
    from .sources import read_sources

__all__ = ["FetchOptions", "IngestOptions", "read_sources"]


def __getattr__(name: str) -> Any:
    if name == "read_sources":
        from .sources import read_sources

        return read_sources
    raise AttributeError(name)
