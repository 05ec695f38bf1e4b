"""Bytes to text: the one place that decides what a readable article file is."""

from __future__ import annotations

from charset_normalizer import from_bytes

from ..errors import IngestError, size_text


def check_size(where: str, size: int, max_bytes: int) -> None:
    if size == 0:
        raise IngestError(where, "empty file", "remove it or write the article text into it")
    if max_bytes and size > max_bytes:
        raise IngestError(
            where,
            f"too large for one article ({size_text(size)} > {size_text(max_bytes)})",
            "split it into one file per article, or raise the limit with --max-bytes",
        )


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(8, len(head) // 50)


def decode(data: bytes, where: str, declared: str | None = None) -> str:
    """UTF-8 first, then the declared charset, then a detected one; newlines as Python's open() reads them."""
    if looks_binary(data):
        raise IngestError(where, "binary file, not text", "pass text, HTML, JSON Lines or WARC files")
    text: str | None = None
    for enc in ("utf-8-sig", declared):
        if not enc:
            continue
        try:
            text = data.decode(enc)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        best = from_bytes(data).best()
        if best is None:
            raise IngestError(where, "not valid UTF-8 and no other encoding fits", "re-save the file as UTF-8")
        text = str(best)
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
