"""Reading the ledger, by subject: each module answers one kind of question with one ``Filters`` type.

Read queries never write and never import the extractor. Names load with their module on first use,
so a command that needs one subject does not import the others.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .actors import actor_detail, list_actors, list_merges
    from .articles import EXPORT_TABLES, article_detail, article_records, list_articles, table_rows
    from .claims import claim_detail, list_claims
    from .figures import list_figures
    from .filters import Columns, FilterError, Filters, actor_ids
    from .outlets import list_outlets, outlet_detail
    from .overview import summary
    from .positions import list_events, position_rows
    from .search import full_text_search
    from .statements import list_statements

__all__ = ["EXPORT_TABLES", "Columns", "FilterError", "Filters", "actor_detail", "actor_ids", "article_detail",
           "claim_detail", "list_claims",
           "article_records", "full_text_search", "list_actors", "list_articles", "list_events", "list_figures",
           "list_merges", "list_outlets", "list_statements", "outlet_detail", "position_rows", "summary", "table_rows"]
# where each name lives; no name is also a module's, so a loaded module never hides a function
HOME = {"actor_detail": "actors", "list_actors": "actors", "list_merges": "actors", "EXPORT_TABLES": "articles",
        "article_detail": "articles",
        "article_records": "articles", "list_articles": "articles", "table_rows": "articles",
        "list_figures": "figures", "Columns": "filters", "FilterError": "filters", "Filters": "filters",
        "actor_ids": "filters", "outlet_detail": "outlets", "list_outlets": "outlets", "summary": "overview",
        "list_events": "positions", "position_rows": "positions", "full_text_search": "search",
        "list_statements": "statements", "claim_detail": "claims", "list_claims": "claims"}


def __getattr__(name: str) -> Any:
    if name not in HOME:
        raise AttributeError(name)
    return getattr(import_module(f".{HOME[name]}", __name__), name)
