"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

import lxml.etree
import lxml.html
import trafilatura

from analyzer.errors import InputError
from analyzer.readers.metadata import parse_published

# Dates only from the page's own metadata, never guessed from the text or the file's age:
# a wrong publication date would resolve every relative date in the article wrongly.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def extract_html(path: str, markup: str) -> tuple[str, dict[str, object]]:
    """Return the article text of an HTML page and the metadata the page declares.

    Examples
    --------
    >>> page = "<html><head><title>Hi</title></head><body><article><p>" + "Word " * 40
    >>> text, meta = extract_html("p.html", page + "</p></article></body></html>")
    >>> text.split()[:2], meta["title"]
    (['Word', 'Word'], 'Hi')
    """
    if not markup.strip():
        raise InputError(path, "file is empty")
    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken pages
        raise InputError(path, f"HTML could not be parsed ({type(exc).__name__})") from None
    text = (doc.text if doc is not None else None) or ""
    if not text.strip():
        raise InputError(path, "no article text found in the HTML page")
    if _only_links(markup, text):
        raise InputError(path, "no article text found in the HTML page (only navigation links)")
    meta: dict[str, object] = {
        "title": doc.title,
        "author": doc.author,
        "outlet": doc.sitename,
        "url": doc.url,
    }
    if doc.date:
        try:
            meta["published"] = parse_published(doc.date)
        except ValueError:
            pass  # a page date we cannot read is treated as missing, not guessed
    return text, meta


def _only_links(markup: str, text: str) -> bool:
    """Whether every line of the extracted ``text`` is the text of a link or of a navigation
    block of the page: a page of menus and no article, which the extractor returns as text
    ("Home", "News", "Sport") when it finds nothing else."""
    lines = {line.strip() for line in text.splitlines()} - {""}
    try:
        tree = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return False
    links = {" ".join(el.text_content().split()) for el in tree.iter("a", "nav")}
    return {" ".join(line.split()) for line in lines} <= links
