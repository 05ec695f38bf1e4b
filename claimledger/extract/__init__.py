"""Extract: articles to records, through a spaCy parse and a chain of pure stages (``chain``).

Importing the package, or building an ``Extractor``, loads no model: spaCy loads with the first parse,
so a read-only server that holds an extractor stays light.
"""

from .config import EXTRACTOR_VERSION, ExtractorConfig
from .extractor import Extractor, extract_many, extractor_for

__all__ = ["EXTRACTOR_VERSION", "Extractor", "ExtractorConfig", "extract_many", "extractor_for"]
