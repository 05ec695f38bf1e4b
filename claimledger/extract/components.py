"""claimledger's spaCy components, registered by name.

Components only annotate the Doc (``doc._.*``); turning annotations into records is the job of the
pure functions in ``core``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .actors import find_mentions
from .events import find_events
from .figures import find_figures
from .positions import find_positions
from .speakers import Resolver
from .statements import find_statements
from .taxonomy import load as load_taxonomy

for _name in ("cl_mentions", "cl_statements", "cl_roles", "cl_gender", "cl_figures", "cl_resolver", "cl_positions",
              "cl_events"):
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


def article_context(doc: Doc) -> tuple[list[tuple[int, int]], str | None]:
    """Body ranges and publication date, put on the Doc by ``core`` before the pipeline runs."""
    ctx = doc.user_data.get("claimledger") or {}
    return ctx.get("body") or [(0, len(doc.text))], ctx.get("published")


@Language.component("claimledger_statements")
def statements(doc: Doc) -> Doc:
    body, published = article_context(doc)
    resolver = Resolver(doc, doc._.cl_mentions or [])
    doc._.cl_statements = find_statements(doc, body, published, resolver)
    doc._.cl_roles = {k: sorted(v) for k, v in resolver.roles.items()}
    doc._.cl_gender = dict(resolver.gender)
    doc._.cl_resolver = resolver  # the positions and events stages resolve actors the same way
    return doc


@Language.component("claimledger_figures")
def figures(doc: Doc) -> Doc:
    body, published = article_context(doc)
    doc._.cl_figures = find_figures(doc, body, published, doc._.cl_statements or [])
    return doc


@Language.factory("claimledger_positions", default_config={"topics": ""})
def make_positions(nlp: Language, name: str, topics: str) -> Callable[[Doc], Doc]:
    """Stances on the taxonomy's topics; ``topics`` is a YAML path ('' = $CLAIMLEDGER_TOPICS or the shipped one)."""
    taxonomy = load_taxonomy(topics or None)

    def positions(doc: Doc) -> Doc:
        body, _ = article_context(doc)
        resolver = doc._.cl_resolver or Resolver(doc, doc._.cl_mentions or [])
        doc._.cl_positions = find_positions(doc, doc._.cl_statements or [], resolver, taxonomy, body)
        return doc

    return positions


@Language.component("claimledger_events")
def events(doc: Doc) -> Doc:
    body, published = article_context(doc)
    resolver = doc._.cl_resolver or Resolver(doc, doc._.cl_mentions or [])
    doc._.cl_events = find_events(doc, resolver, body, published)
    doc._.cl_resolver = None  # not needed past the pipeline; keeps Docs light
    return doc
