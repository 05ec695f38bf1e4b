"""The ledger schema (SQLAlchemy Core). Alembic migrations in ``migrations/`` create and evolve it.

Every extracted row carries character offsets into ``articles.text``.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy import true as sa_true

metadata = MetaData()

outlets = Table(
    "outlets", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("domain", String(200)),
    Column("country", String(8)),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("identity", String(64), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("author", Text),
    Column("published", String(32), index=True),
    Column("language", String(16)),
    Column("country", String(8)),
    Column("outlet_id", Integer, ForeignKey("outlets.id")),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("minhash", LargeBinary),
    Column("extractor_version", String(16)),  # "0.1+<digest>": the rules and the taxonomy (see extractors)
    Column("ingested_at", DateTime, nullable=False),
)

# every configuration that stored articles: which rules, model and taxonomy a version string stands for,
# so a ledger can tell which articles a change of taxonomy left stale
extractors = Table(
    "extractors", metadata,
    Column("version", String(16), primary_key=True),
    Column("rules", String(16), nullable=False),
    Column("model", String(100)),
    Column("taxonomy", String(200), nullable=False),
    Column("taxonomy_source", Text),
    Column("first_used", DateTime, nullable=False),
)

article_links = Table(
    "article_links", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("other_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # identical | near_duplicate | syndicated
    Column("similarity", Float, nullable=False),
    UniqueConstraint("article_id", "other_id"),
)

article_bands = Table(
    "article_bands", metadata,
    Column("band", String(24), nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
)

segments = Table(
    "segments", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
)

actors = Table(
    "actors", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    Column("slug", String(300), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("gender", String(10)),
    # kept by every write (added to, never recounted under concurrency) so lists sort on an index
    Column("statement_count", Integer, nullable=False, default=0, server_default="0"),
    Column("mention_count", Integer, nullable=False, default=0, server_default="0"),
    Column("external_id", String(64)),  # a Wikidata QID, say, from the user's actor file; exports carry it
    # minister of X: the actor's organisation or state (no foreign key: SQLite cannot add one in place;
    # merges repoint it, see actors.merge_actors)
    Column("affiliation_id", Integer),
)

aliases = Table(
    "aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("alias", String(300), nullable=False),
    Column("key", String(300), nullable=False, unique=True),
    # a person's full name, for matching other spellings of it (vocab.names.person_name)
    Column("given", String(200)),
    Column("surname", String(200), index=True),
    Column("sound", String(60), index=True),
    Column("seen", Integer, nullable=False, default=0, server_default="0"),  # articles naming the actor so
)

# every automatic or file-made merge, with its reason: what 'actors --merges' lists and '--unmerge' undoes
actor_merges = Table(
    "actor_merges", metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(300), nullable=False),  # the spelling or actor merged in
    Column("aliases", Text, nullable=False),  # JSON list of the alias names that moved with it
    Column("kind", String(20)),  # the merged-in actor's kind before the merge
    Column("reason", String(200), nullable=False),
    Column("made_by", String(10), nullable=False),  # 'rules' or 'file'
    Column("undone", Boolean, nullable=False, default=False, server_default="0"),
)

actor_roles = Table(
    "actor_roles", metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(300), nullable=False),
    # where the role is said first: the evidence a reader can open
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="SET NULL")),
    Column("start", Integer),
    Column("end", Integer),
    UniqueConstraint("actor_id", "role"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", String(300), nullable=False),
    Column("label", String(20), nullable=False),
)

statements = Table(
    "statements", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), index=True),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("parts", Text),  # JSON [[start, end], ...]: a discontinuous content's pieces (see types.Statement)
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_text", String(300)),
    Column("speaker_name", String(300)),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue", String(200)),
    Column("kind", String(10), nullable=False),
    Column("said_on", String(32), index=True),
    Column("confidence", Float, nullable=False),
    Column("utterance", String(24)),  # the words' key: copies of one utterance share it (see copies.py)
    Column("claim_id", Integer, index=True),  # the claim this appearance belongs to (see claims.py)
    Column("variant", String(12)),  # how its wording differs from the claim's: changed | added | dropped | negation
    Column("first_copy", Boolean, nullable=False, default=True, server_default=sa_true()),  # its utterance's first
)

utterances = Table(
    "utterances", metadata,  # one row per thing an actor said, however many articles carry it
    Column("id", Integer, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(24), nullable=False),
    UniqueConstraint("actor_id", "key", name="uq_utterances_actor_key"),
)

figures = Table(
    "figures", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("statement_id", Integer, ForeignKey("statements.id")),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", String(300), nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("approx", String(40)),
    Column("unit", String(40)),
    Column("counted", Text),
    Column("group", String(40)),
    Column("measure", String(40)),
    Column("period", String(200)),
    Column("claimant_actor_id", Integer, ForeignKey("actors.id"), index=True),
    Column("claimant_name", String(300)),
    Column("as_of", String(32)),
    Column("projection", Boolean, nullable=False, default=False),
    Column("quantity", String(120), index=True),  # group|measure|unit class: what lines figures up
    Column("kind", String(12)),  # count | money | percent | measure | rate
    Column("rate", String(20)),  # 'per day'
    Column("converts", Integer),  # the ordinal, in the same article, of the figure a conversion restates
    Column("claim_id", Integer, index=True),
    Column("variant", String(12)),  # 'value': not the number the claim first appeared with
)

# one thing one actor said (or one figure they gave), however many articles carried it; kept on write
claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(10), nullable=False),  # statement | figure
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("quantity", String(120)),  # a figure claim's quantity key
    Column("text", Text, nullable=False),  # the canonical wording: the longest direct form, or the first figure
    Column("canonical_id", Integer, nullable=False),  # the statement or figure that wording is
    Column("first_id", Integer, nullable=False),  # the first appearance
    Column("first_article_id", Integer, nullable=False),
    Column("first_date", String(32), index=True),
    Column("last_date", String(32)),
    Column("appearances", Integer, nullable=False, default=1, server_default="1"),
    Column("articles", Integer, nullable=False, default=1, server_default="1"),
    Column("outlets", Integer, nullable=False, default=1, server_default="1"),
    Column("variants", Integer, nullable=False, default=0, server_default="0"),
)

claim_marks = Table(
    "claim_marks", metadata,  # the fingerprints a new wording finds its claim by (see wording.py)
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("actor_id", Integer, nullable=False),
    Column("mark", BigInteger, nullable=False),
    UniqueConstraint("claim_id", "mark", name="uq_claim_marks"),
)

positions = Table(
    "positions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), index=True),
    Column("actor_name", String(300), nullable=False),
    Column("topic", String(100), nullable=False, index=True),
    Column("stance", String(10), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("statement_id", Integer, ForeignKey("statements.id")),
    Column("said_on", String(32), index=True),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("participants", Text, nullable=False),  # JSON list of canonical actor names
    Column("place", String(200)),
    Column("date", String(32), index=True),
)

tallies = Table(
    "tallies", metadata,  # counts kept on write, so the overview never counts a large table (see tallies.py)
    Column("scope", String(16), primary_key=True),  # rows | outlet | country | bare | segment | extractor | said
    Column("key", String(200), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

outlet_quotes = Table(
    "outlet_quotes", metadata,  # per outlet (or country, for articles without one): each actor's utterances
    Column("scope", String(8), primary_key=True),  # outlet | country
    Column("key", String(200), primary_key=True),
    Column("actor_id", Integer, primary_key=True),  # 0: statements with no speaker
    Column("n", Integer, nullable=False),
)

outlet_utterances = Table(
    "outlet_utterances", metadata,  # which utterances an outlet has counted: a copy in one outlet counts once
    Column("scope", String(8), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("actor_id", Integer, primary_key=True),
    Column("utterance", String(24), primary_key=True),
)

contested = Table(
    "contested", metadata,  # the quantities sources disagree on, recomputed per quantity after it changes
    Column("quantity", String(120), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("spread", Float, nullable=False),
    Column("entry", Text, nullable=False),  # JSON: what analysis.figures.contested_entries gives
)

contested_dirty = Table(
    "contested_dirty", metadata,  # quantities whose figures changed since their contested rows were computed
    Column("quantity", String(120), primary_key=True),
)

Index("ix_statements_actor_said", statements.c.actor_id, statements.c.said_on)
Index("ix_statements_utterance", statements.c.utterance, statements.c.actor_id)
Index("ix_statements_article_actor", statements.c.article_id, statements.c.actor_id)  # 'does it quote X'?
Index("ix_statements_first_actor", statements.c.actor_id, statements.c.first_copy, statements.c.said_on)
Index("ix_statements_first_said", statements.c.first_copy, statements.c.said_on)
Index("ix_actors_counts", actors.c.statement_count, actors.c.mention_count)
Index("ix_figures_as_of", figures.c.as_of)
Index("ix_figures_claimant_as_of", figures.c.claimant_actor_id, figures.c.as_of, figures.c.id)  # an actor's page
Index("ix_figures_quantity_as_of", figures.c.quantity, figures.c.as_of, figures.c.id)  # compare reads in order
Index("ix_claims_actor", claims.c.actor_id, claims.c.kind, claims.c.quantity)
Index("ix_claims_rank", claims.c.outlets, claims.c.articles)  # lists read backwards along these: no sort
Index("ix_claims_actor_rank", claims.c.actor_id, claims.c.outlets, claims.c.articles, claims.c.id)  # one speaker's
Index("ix_claims_variants", claims.c.variants, claims.c.outlets)
Index("ix_claim_marks_lookup", claim_marks.c.actor_id, claim_marks.c.mark)
Index("ix_outlet_quotes_rank", outlet_quotes.c.scope, outlet_quotes.c.key, outlet_quotes.c.n)
Index("ix_outlet_quotes_actor", outlet_quotes.c.actor_id, outlet_quotes.c.n)
Index("ix_contested_spread", contested.c.spread)
