"""Full-text search over the library and the reader's notes: the index and the query language.

``SearchIndex`` (index.py) is the way in; ``query.py`` is the language a
reader types; ``results.py`` what comes back.
"""

from briefing.search.cache import cache_path
from briefing.search.index import SearchCancelled, SearchIndex, SearchUnavailable
from briefing.search.query import QueryError, parse
from briefing.search.results import SearchHit, SearchResults

__all__ = [
    "QueryError",
    "SearchCancelled",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "SearchUnavailable",
    "cache_path",
    "parse",
]
