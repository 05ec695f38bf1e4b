"""The extractor's configuration: which model, which topic taxonomy, and a digest of both.

Built once by each interface from its flags or environment and passed down, never read from the
environment here. It carries the taxonomy's text, not its path, so a Spark executor or a worker
process builds the very same extractor without reading the driver's files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from . import taxonomy

EXTRACTOR_VERSION = "0.1"  # the rules' version; raise it when a change of rules changes what is extracted


@dataclass(frozen=True)
class ExtractorConfig:
    model: str | None = None  # an installed spaCy package; None: the first of model.MODEL_NAMES installed
    topics: str | None = None  # a topics YAML path; None: the shipped Russia–Ukraine taxonomy
    topics_where: str = field(default="", compare=False)
    topics_text: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not self.topics_text:  # read once, here: a broken file fails before any article is read
            where, text = taxonomy.read(self.topics)
            object.__setattr__(self, "topics_where", where)
            object.__setattr__(self, "topics_text", text)

    @property
    def digest(self) -> str:
        """Changes when the model name or the taxonomy's text changes: keys per-process extractor caches."""
        raw = f"{self.model or ''}\x00{self.topics_text}".encode()
        return hashlib.sha256(raw).hexdigest()[:12]

    def taxonomy(self) -> taxonomy.Taxonomy:
        return taxonomy.parse(self.topics_text, self.topics_where)

    @property
    def version(self) -> str:
        """Stored with every article: the rules' version and the digest of model and taxonomy ('0.1+3f2a9c1b0d')."""
        return f"{EXTRACTOR_VERSION}+{self.digest[:10]}"

    def describe(self) -> dict[str, str | None]:
        """What the version stands for, as the ledger's ``extractors`` table keeps it."""
        return {"version": self.version, "rules": EXTRACTOR_VERSION, "model": self.model,
                "taxonomy": self.taxonomy().name, "taxonomy_source": self.topics_where}
