"""When something was said: date expressions resolved against the article's publication date.

Returns ISO strings at the precision the text gives: "2025", "2025-01" or "2025-01-29".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3, "a few": 3}
UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}


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


def _year_for(month: int, pub: date | None, explicit: str | None, rel: str | None) -> int | None:
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
    # a bare month in a news report is the latest such month not after publication
    return pub.year if month <= pub.month else pub.year - 1


def resolve(expr: str, published: str | None) -> str | None:
    """One date expression (a spaCy DATE entity or similar) to an ISO date string, or None."""
    s = " ".join(expr.lower().replace(",", " ").split())
    pub = parse_published(published)
    rel = next((r for r in ("last year", "this year", "next year") if r in s), None)
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r")\b\.?(?:\s+(\d{4}))?", s) or \
        re.search(r"\b(" + "|".join(MONTHS) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:\s+(\d{4}))?", s)
    if m:
        a, b, year = m.groups()
        day, mon = (int(a), MONTHS[b]) if a.isdigit() else (int(b), MONTHS[a])
        y = _year_for(mon, pub, year, rel)
        if y is None:
            return None
        try:
            return date(y, mon, day).isoformat()
        except ValueError:
            return None
    m = re.search(r"\b(" + "|".join(MONTHS) + r")\b\.?(?:\s+(?:of\s+)?(\d{4}))?", s)
    if m and not re.search(r"\bmay\b", s) or (m and m.group(1) == "may" and m.group(2)):
        y = _year_for(MONTHS[m.group(1)], pub, m.group(2), rel)
        return f"{y:04d}-{MONTHS[m.group(1)]:02d}" if y else None
    m = re.search(r"\b(19|20)\d\d\b", s)
    if m and not re.search(r"\d{4}\s*[-–]\s*\d", s):
        return m.group(0)
    if pub is None:
        return None
    if re.search(r"\btoday\b|\btonight\b|\bthis (morning|afternoon|evening)\b", s):
        return pub.isoformat()
    if "yesterday" in s or "last night" in s:
        return (pub - timedelta(days=1)).isoformat()
    m = re.search(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few|\d+)"
                  r"\s+(day|week|month|year)s?\s+ago\b", s)
    if m:
        n = int(m[1]) if m[1].isdigit() else NUMBERS[m[1]]
        d = pub - relativedelta(**{UNITS[m[2]]: n})
        return d.isoformat() if m[2] in ("day", "week") else (d.strftime("%Y-%m") if m[2] == "month" else
                                                               d.strftime("%Y-%m"))
    for wd, idx in WEEKDAYS.items():
        if re.search(rf"\b{wd}\b", s):
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
    if rel == "this year" or "earlier this year" in s:
        return str(pub.year)
    if rel == "last year":
        return str(pub.year - 1)
    return None
