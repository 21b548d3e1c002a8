"""The corpus: a SQLite store of articles and their analyses, deduplicated, searchable."""
