"""Extract: a spaCy pipeline and pure functions from an article to its records."""

from .core import EXTRACTOR_VERSION, extract, extract_many

__all__ = ["EXTRACTOR_VERSION", "extract", "extract_many"]
