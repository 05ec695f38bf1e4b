"""When something was said: date expressions resolved against the article's publication date.

Returns ISO strings at the precision the text gives: "2025", "2025-01" or "2025-01-29".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..vocab.en import MONTHS, NUMBERS, UNITS, WEEKDAYS


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _year_for(month: int, pub: date | None, explicit: str | None, rel: str | None, ahead: bool = False) -> int | None:
    if explicit:
        return int(explicit)
    if pub is None:
        return None
    if rel == "last year":
        return pub.year - 1
    if rel == "next year":
        return pub.year + 1
    if rel == "this year":
        return pub.year
    if rel == "last":  # 'last December', said in April: the December before
        return pub.year if month < pub.month else pub.year - 1
    if rel == "next":
        return pub.year if month > pub.month else pub.year + 1
    if ahead:  # 'the summit in June', still to come: the next June
        return pub.year if month >= pub.month else pub.year + 1
    # a bare month in a news report is the latest such month not after publication
    return pub.year if month <= pub.month else pub.year - 1


def resolve(expr: str, published: str | None, ahead: bool = False) -> str | None:
    """One date expression (a spaCy DATE entity or similar) to an ISO date string, or None; ``ahead``: the
    clause speaks of what will happen, so a bare weekday is the coming one."""
    s = " ".join(expr.lower().replace(",", " ").split())
    pub = parse_published(published)
    rel = next((r for r in ("last year", "this year", "next year") if r in s), None)
    if rel is None and (m := re.search(r"\b(last|next|this)\s+(?:" + "|".join(MONTHS) + r")\b", s)):
        rel = "this year" if m[1] == "this" else m[1]  # the word before a month says which one
    found, value = _calendar(s, pub, rel, ahead)
    if found:
        return value
    if pub is None:
        return None
    return _relative(s, pub, rel, ahead)


def _calendar(s: str, pub: date | None, rel: str | None, ahead: bool = False) -> tuple[bool, str | None]:
    """A day, a month or a year the text names; (False, None) when it names none of them."""
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r")\b\.?(?:\s+(\d{4}))?", s) or \
        re.search(r"\b(" + "|".join(MONTHS) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:\s+(\d{4}))?", s)
    if m:
        a, b, year = m.groups()
        day, mon = (int(a), MONTHS[b]) if a.isdigit() else (int(b), MONTHS[a])
        y = _year_for(mon, pub, year, rel, ahead)
        if y is None:
            return True, None
        try:
            return True, date(y, mon, day).isoformat()
        except ValueError:
            return True, None
    m = re.search(r"\b(" + "|".join(MONTHS) + r")\b\.?(?:\s+(?:of\s+)?(\d{4}))?", s)
    # 'in May', 'last May', not 'may rise'
    may_month = re.search(r"\b(?:in|since|until|by|from|of|early|late|mid-?|last|next|this)\s+may\b", s)
    if m and not re.search(r"\bmay\b", s) or (m and m.group(1) == "may" and (m.group(2) or may_month)):
        y = _year_for(MONTHS[m.group(1)], pub, m.group(2), rel, ahead)
        return True, (f"{y:04d}-{MONTHS[m.group(1)]:02d}" if y else None)
    m = re.search(r"\b(19|20)\d\d\b", s)
    if m and not re.search(r"\d{4}\s*[-–]\s*\d", s):
        return True, m.group(0)
    return False, None


SAME_DAY = re.compile(r"\b(today|tonight|this (morning|afternoon|evening))\b", re.I)  # the publication day


def _relative(s: str, pub: date, rel: str | None, ahead: bool = False) -> str | None:
    """'yesterday', 'two weeks ago', 'on Monday', 'last month' against the publication date."""
    if SAME_DAY.search(s):
        return pub.isoformat()
    if "yesterday" in s or "last night" in s:
        return (pub - timedelta(days=1)).isoformat()
    m = re.search(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few|\d+)"
                  r"\s+(day|week|month|year)s?\s+ago\b", s)
    if m:
        n = int(m[1]) if m[1].isdigit() else NUMBERS[m[1]]
        d = pub - relativedelta(**{UNITS[m[2]]: n})
        return d.isoformat() if m[2] in ("day", "week") else d.strftime("%Y-%m")
    for wd, idx in WEEKDAYS.items():
        if re.search(rf"\b{wd}\b", s):
            if ahead or re.search(r"\b(next|coming)\b", s):
                fwd = (idx - pub.weekday()) % 7  # 'will meet on Monday', written on a Monday: that day
                return (pub + timedelta(days=fwd or (7 if re.search(r"\bnext\b", s) else 0))).isoformat()
            back = (pub.weekday() - idx) % 7
            if "last" in s and back == 0:
                back = 7
            return (pub - timedelta(days=back)).isoformat()
    if re.search(r"\b(earlier|later|late|early)? ?this month\b", s):
        return pub.strftime("%Y-%m")
    if "last month" in s:
        return (pub - relativedelta(months=1)).strftime("%Y-%m")
    if "last week" in s:
        return (pub - timedelta(days=7)).isoformat()
    if re.search(r"\b(next|coming) month\b", s):
        return (pub + relativedelta(months=1)).strftime("%Y-%m")
    if re.search(r"\b(next|coming) week\b", s):
        return (pub + timedelta(days=7)).isoformat()
    if rel == "this year" or "earlier this year" in s:
        return str(pub.year)
    if rel == "last year":
        return str(pub.year - 1)
    return None
