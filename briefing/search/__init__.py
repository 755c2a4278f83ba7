"""Full-text search over the library and notes: the index and the query language."""
