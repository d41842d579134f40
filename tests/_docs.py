"""Build a Document from a sentence written in a test."""

from __future__ import annotations

from analyzer.document import Article, Document, Metadata, build_document


def doc_of(text: str, *, published: str | None = None, **meta: object) -> Document:
    return build_document(Article("t", "t.txt", text, Metadata(published=published, **meta)))
