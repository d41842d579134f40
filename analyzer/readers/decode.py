"""Bytes to text: size limit, binary detection, encoding detection.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decoded directly; anything else goes to
charset-normalizer, which picks the most plausible legacy encoding (Latin-1, Windows-1252, ...).
"""

from __future__ import annotations

import codecs

from analyzer.errors import InputError

# The longest news features run to some 100 KB of text; 5 MB leaves room for HTML pages heavy with
# markup while keeping one article's analysis within a few hundred MB of memory. Larger inputs are
# refused with a clear error instead of being analysed slowly or exhausting memory.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024

# Documents people try first, told by their first bytes (a PDF need not hold a NUL byte): what
# they are, so the error can say what to do instead.
_DOCUMENT_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a Word .docx, an OpenDocument file or similar)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (Word .doc or similar)"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def check_size(path: str, size: int, limit: int | None = None) -> None:
    """Refuse an input over ``limit`` bytes (default :data:`MAX_ARTICLE_BYTES`)."""
    limit = MAX_ARTICLE_BYTES if limit is None else limit
    if size > limit:
        raise InputError(
            path, f"file is {size:,} bytes, over the {limit:,}-byte limit for one article"
        )


def decode_bytes(path: str, data: bytes) -> str:
    """Decode ``data`` read from ``path``; raise InputError for binary or undecodable input.

    Examples
    --------
    >>> decode_bytes("a.txt", "café".encode("cp1252"))
    'café'
    """
    text = decode_direct(path, data)
    return text if text is not None else _detect(path, data)


def decode_direct(path: str, data: bytes) -> str | None:
    """Decode ``data`` as its byte order mark or UTF-8 says; None when only detection can tell.

    What this decodes depends on nothing but the bytes; what the detector picks depends on the
    installed charset-normalizer too.

    Examples
    --------
    >>> decode_direct("a.txt", "café".encode("utf-8"))
    'café'
    >>> decode_direct("a.txt", "café".encode("cp1252")) is None
    True
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"broken {encoding} text: {exc.reason}") from None
    for magic, what in _DOCUMENT_MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"{what}, not text: save the article as plain text or HTML")
    if b"\x00" in data:
        raise InputError(path, "binary file (holds NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _detect(path: str, data: bytes) -> str:
    # Imported here: nearly all news is UTF-8, and the detector costs ~10 ms of start-up.
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(path, "not text in any encoding charset-normalizer recognises")
    # On a few bytes the detector's ranking is close to a coin toss (it reads "café" in cp1252
    # as Chinese). News outside UTF-8 is overwhelmingly Windows-1252 or Latin-1, so prefer
    # that reading whenever the detector finds it as clean as its favourite.
    western = next((m for m in matches if m.encoding in ("cp1252", "latin_1")), None)
    if western is not None and western.chaos <= best.chaos:
        return str(western)
    if best.coherence < 0.2:  # no language recognised in the detector's pick either
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return str(best)
        if all(ch.isprintable() or ch.isspace() for ch in text):
            return text
    return str(best)
