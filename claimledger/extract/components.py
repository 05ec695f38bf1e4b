"""claimledger's spaCy components, registered by name.

Components only annotate the Doc (``doc._.*``); turning annotations into records is the job of the
pure functions in ``core``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .actors import find_mentions

for _name in ("cl_mentions",):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("claimledger_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and dash-introduced quotes stand alone."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("claimledger_actors")
def actors(doc: Doc) -> Doc:
    doc._.cl_mentions = find_mentions(doc)
    return doc
