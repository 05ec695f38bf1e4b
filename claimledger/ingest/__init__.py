"""Ingest: any article source to ``Article`` records with metadata and marked segments."""

from .sources import IngestOptions, read_sources

__all__ = ["IngestOptions", "read_sources"]
