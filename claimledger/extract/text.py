"""A parsed Doc's text, joined once: spaCy rebuilds ``Doc.text`` from every token on each access, which
made the rules after the parse cost as much as the parse itself."""

from __future__ import annotations

from spacy.tokens import Doc


def text_of(doc: Doc) -> str:
    text = doc.user_data.get("claimledger_text")
    if text is None:
        text = doc.user_data["claimledger_text"] = doc.text
    return text
