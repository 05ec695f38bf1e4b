"""Cut an article's text into pieces at every record boundary, so records show in place.

Records overlap (a figure inside a quote, a speaker inside a partial quote), so the text is cut
at every start and end and each piece carries the classes of all records covering it. The pieces
are plain data; the template escapes their text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# the innermost, most specific record answers a click on a piece
PRIORITY = {"figure": 0, "speaker": 1, "cue": 1, "content": 2}


@dataclass
class Piece:
    text: str
    classes: list[str] = field(default_factory=list)
    rec: str | None = None  # id of the record a click shows: "s12" or "f3"
    anchor: str | None = None  # set on the piece where a statement's content begins


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # speaker | cue | content | figure | muted
    rec: str | None = None
    extra: str | None = None


def marks_for(article: dict[str, Any]) -> list[Mark]:
    text_len = len(article["text"])
    marks: list[Mark] = []
    for s in article["statements"]:
        rec = f"s{s['id']}"
        marks.append(Mark(s["content_start"], s["content_end"], "content", rec, s["kind"]))
        if s["speaker_start"] is not None and s["speaker_end"] is not None:
            marks.append(Mark(s["speaker_start"], s["speaker_end"], "speaker", rec))
        if s["cue_start"] is not None and s["cue_end"] is not None:
            marks.append(Mark(s["cue_start"], s["cue_end"], "cue", rec))
    for f in article["figures"]:
        marks.append(Mark(f["start"], f["end"], "figure", f"f{f['id']}"))
    for seg in article["segments"]:
        if seg["kind"] != "body":
            marks.append(Mark(seg["start"], seg["end"], "muted", None, seg["kind"]))
    return [m for m in marks if 0 <= m.start < m.end <= text_len]


def pieces(text: str, marks: list[Mark]) -> list[Piece]:
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    anchored: set[str] = set()
    out: list[Piece] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        piece = Piece(text[a:b])
        recs = []
        for m in active:
            cls = m.kind if m.kind != "muted" else f"muted seg-{m.extra}"
            if m.kind == "content" and m.extra:
                cls += f" kind-{m.extra}"
            piece.classes.append(cls)
            if m.rec:
                recs.append((PRIORITY[m.kind], m.end - m.start, m.rec))
            if m.kind == "content" and m.rec and m.rec not in anchored:
                anchored.add(m.rec)
                piece.anchor = piece.anchor or m.rec
        if recs:
            piece.rec = min(recs)[2]
        piece.classes = sorted(set(" ".join(piece.classes).split()))
        out.append(piece)
    return out
