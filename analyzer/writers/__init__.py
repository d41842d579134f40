"""Writers turn ArticleResults into files: results.jsonl, HTML pages, SQLite."""
