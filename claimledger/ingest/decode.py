"""Bytes to text: the one place that decides what a readable article file is."""

from __future__ import annotations

import re
from typing import NamedTuple

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


class Decoded(NamedTuple):
    text: str
    note: str | None  # what was assumed or replaced, for a warning line; None when the bytes were clean


CONFIDENT_CHAOS = 0.05  # charset-normalizer's mess ratio under which its guess is trusted
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes, where: str, declared: str | None = None) -> Decoded:
    """Strictly UTF-8 (or the declared charset) first. Bytes that are not: a confident guess of another
    encoding, said in the note; else UTF-8 with U+FFFD for what cannot be read, the note naming the first
    bad byte. Never silent mojibake: UTF-8 with a few broken bytes is not re-read as cp1252."""
    if looks_binary(data):
        raise IngestError(where, "binary file, not text", "pass text, HTML, JSON Lines or WARC files")
    for enc in ("utf-8-sig", declared):
        if not enc:
            continue
        try:
            return Decoded(normalise_newlines(data.decode(enc)), None)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if not _UTF8_MULTIBYTE.search(data):  # no UTF-8 in it at all: another 8-bit encoding
        guess = confident_guess(data)
        if guess is not None:
            note = str(IngestError(where, f"not UTF-8; read as {guess[0]}",
                                   "re-save the file as UTF-8 if its accents look wrong"))
            return Decoded(normalise_newlines(guess[1]), note)
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    note = str(IngestError(where, f"not valid UTF-8 at byte {first_bad}; {bad} undecodable byte sequence(s) stored "
                                  "as U+FFFD", "re-save the file as UTF-8"))
    return Decoded(normalise_newlines(text), note)


def confident_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading when every clean candidate reads the bytes the same way. When clean
    candidates disagree (short texts often fit cp775 as well as cp1252), windows-1252, the HTML standard's
    default for undeclared bytes, if it is one of them; else no guess."""
    clean = [m for m in from_bytes(data) if m.chaos <= CONFIDENT_CHAOS]
    if not clean:
        return None
    if len({str(m) for m in clean}) == 1:
        return clean[0].encoding, str(clean[0])
    if any("cp1252" in m.could_be_from_charset for m in clean):
        return "cp1252", data.decode("cp1252", errors="replace")
    return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
