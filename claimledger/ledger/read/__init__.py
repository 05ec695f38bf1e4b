"""Reading the ledger, by subject: each module answers one kind of question with one ``Filters`` type.

Read queries never write and never import the extractor, so a read command starts fast.
"""

from .actors import actor_detail, actors
from .articles import EXPORT_TABLES, article_detail, article_records, list_articles, table_rows
from .figures import figures
from .filters import Columns, FilterError, Filters, actor_ids
from .outlets import outlet_detail, outlets
from .overview import summary
from .positions import events, position_rows
from .search import search
from .statements import statements

__all__ = ["EXPORT_TABLES", "Columns", "FilterError", "Filters", "actor_detail", "actor_ids", "actors",
           "article_detail", "article_records", "events", "figures", "list_articles", "outlet_detail", "outlets",
           "position_rows", "search", "statements", "summary", "table_rows"]
