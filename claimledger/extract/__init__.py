"""Extract: articles to records, through a spaCy parse and a chain of pure stages (``chain``).

``ExtractorConfig`` imports no model; ``Extractor`` and ``extract_many`` load spaCy on first use, so a
read command that imports the package to name a configuration stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import EXTRACTOR_VERSION, ExtractorConfig

if TYPE_CHECKING:
    from .extractor import Extractor, extract_many, extractor_for

__all__ = ["EXTRACTOR_VERSION", "Extractor", "ExtractorConfig", "extract_many", "extractor_for"]


def __getattr__(name: str) -> Any:
    if name in ("Extractor", "extract_many", "extractor_for"):
        from . import extractor

        return getattr(extractor, name)
    raise AttributeError(name)
