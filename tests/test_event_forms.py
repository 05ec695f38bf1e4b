"""Who met, where and when, in the forms news writes them: groups, pronouns, the speaker's own 'I', states by
their adjective, appositions, and a date the sentence before gives (sentences of our own, none from ../shared)."""

from __future__ import annotations

import pytest
from conftest import extract

from claimledger.types import Article

FORMS = [
    # (paragraph, participants the event must have exactly, place, date); published on Wednesday 2026-02-04
    ("G7 leaders met in Bavaria to discuss the war.", {"G7"}, "Bavaria", None),
    ('"I met President Ana Ruiz in Lisbon today," Chancellor Olaf Brenner said.', {"Olaf Brenner", "Ana Ruiz"},
     "Lisbon", "2026-02-04"),
    ("Ukrainian and Russian delegations met again in Istanbul.", {"Ukraine", "Russia"}, "Istanbul", None),
    ("The two leaders, Ana Ruiz and Olaf Brenner, met at the Palace of Nations.", {"Ana Ruiz", "Olaf Brenner"},
     "the Palace of Nations", None),
    ("On Monday, Chinese President Xi Jinping welcomed French President Emmanuel Macron. Xi and Macron met for "
     "three hours, officials said.", {"Xi Jinping", "Emmanuel Macron"}, None, "2026-02-02"),
    ("NATO and EU officials are meeting in Brussels on Monday.", {"NATO", "EU"}, "Brussels", "2026-02-09"),
    ("Foreign ministers of the Nordic Council will meet in Oslo on Wednesday.", None, "Oslo", "2026-02-04"),
    ("President Ana Ruiz will travel to the upcoming summit in Lisbon in January.", None, "Lisbon", "2027-01"),
    ("British Prime Minister Keir Starmer visited Kyiv on Monday.", {"Keir Starmer"}, "Kyiv", "2026-02-02"),
    ("Officials held the Tehran meetings behind closed doors.", set(), "Tehran", None),
    ("Foreign ministers met in Oslo, months after Russia launched its invasion in February.", None, "Oslo", None),
    # a time the clause it dates is still to come: the coming day or month, whatever tense the meeting has
    ("The debate will go on on Friday in Lisbon, when Ana Ruiz meets Chancellor Olaf Brenner.",
     {"Ana Ruiz", "Olaf Brenner"}, "Lisbon", "2026-02-06"),
    ("Next month Portugal will host a summit of the Nordic Council in Lisbon.", None, "Lisbon", "2026-03"),
    ("Few thought Ana Ruiz would go to the summit in Lisbon in June.", None, "Lisbon", "2026-06"),
    ("Few thought Ana Ruiz would go to the Brics summit in June.", None, None, "2026-06"),  # a bloc is no place
    # the person a title is in apposition with, not the title's owner; a counterpart by the state it names
    ("France's president Emmanuel Macron met his German counterpart in Paris on Monday.",
     {"Emmanuel Macron", "Germany"}, "Paris", "2026-02-02"),
    ("Emmanuel Macron hosted Olaf Scholz for talks in Paris on Monday.", {"Emmanuel Macron", "Olaf Scholz"},
     "Paris", "2026-02-02"),
    # 'last' and 'next' before a month say which one, whatever the clause
    ("Ana Ruiz said the talks began in Lisbon last December, and that they would go on.", None, "Lisbon", "2025-12"),
    ("Ana Ruiz and Olaf Brenner plan to hold a summit in Lisbon next March.", None, "Lisbon", "2026-03"),
    ("Ana Ruiz and Olaf Brenner held a summit in Lisbon last May.", None, "Lisbon", "2025-05"),
    # a relative clause keeps its own past whatever the clause it hangs on will do
    ("Ana Ruiz, who met Olaf Brenner in Lisbon on Monday, will travel to Oslo next week.", None, "Lisbon",
     "2026-02-02"),
    # 'would' is a future when it is reported; in a main clause it is a past habit
    ("Ana Ruiz said that she would meet Olaf Brenner in Lisbon in June.", None, "Lisbon", "2026-06"),
    ("As young envoys, Ana Ruiz and Olaf Brenner would meet in Lisbon in June.", None, "Lisbon", "2025-06"),
    # a meeting in a phrase of another verb: its subject met; what it did to its object is no meeting
    ("During the talks in Lisbon on Monday, Chancellor Olaf Brenner accused Ana Ruiz of lying.", {"Olaf Brenner"},
     "Lisbon", "2026-02-02"),
    ("Chancellor Olaf Brenner spoke to reporters following a day of meetings in Lisbon.", {"Olaf Brenner"},
     "Lisbon", None),
    # the group a participle meeting describes; a time of the publication day
    ("On Monday, EU leaders meeting in Lisbon vowed to ramp up sanctions.", {"EU"}, "Lisbon", "2026-02-02"),
    ("In his phone call with the Velorian leader this afternoon, Chancellor Olaf Brenner warned of hunger.", None, None,
     "2026-02-04"),
    # 'they' who met are the people the sentence before joins as its subject
    ("President Ana Ruiz and Chancellor Olaf Brenner flew to Oslo on Thursday. They met again in the harbour "
     "district on Friday.", {"Ana Ruiz", "Olaf Brenner"}, None, "2026-01-30"),
    # a country that hosts is where; the talks it hosts say who met; a named venue a meeting is at
    ("Belarus has hosted three rounds of talks between Russia and Ukraine.", {"Russia", "Ukraine"}, "Belarus", None),
    ("Ana Ruiz met privately with Olaf Brenner at the Lisbon Security Forum in January.", {"Ana Ruiz", "Olaf Brenner"},
     "the Lisbon Security Forum", "2026-01"),
]


@pytest.mark.parametrize("paragraph", [
    "The mayor invited Chancellor Olaf Brenner to visit Lisbon next spring.",  # asked for, not held
    "Chancellor Olaf Brenner visited a fish market near the harbour.",  # a place of no meeting, no one met
    "Chancellor Olaf Brenner had no plans to meet Ana Ruiz in Lisbon.",  # denied
    "Ana Ruiz may come to the summit in Lisbon in June.",  # hedged: may or may not be
])
def test_no_meeting(paragraph: str) -> None:
    text = f"Talks\n\nThe two governments have been at odds since March.\n\n{paragraph}\n"
    assert extract(Article(text=text, published="2026-02-04")).events == []


@pytest.mark.parametrize("paragraph,who,place,day", FORMS, ids=[f[0][:40] for f in FORMS])
def test_who_met_where_and_when(paragraph: str, who: set[str] | None, place: str | None, day: str | None) -> None:
    text = f"Talks\n\nThe Velorian and Ostmark governments have been at odds since March.\n\n{paragraph}\n"
    events = extract(Article(text=text, published="2026-02-04T09:00:00Z")).events
    assert len(events) == 1, events
    event = events[0]
    if who is not None:
        assert set(event.participants) == who, event
    assert (event.place, event.date) == (place, day), event


def test_us_is_the_country_and_we_outside_a_quote_is_no_one() -> None:
    """'US' in capitals is the country, not the pronoun 'us'; 'we' in the article's own voice names no one."""
    text = "Talks\n\nUS envoys met Velorian officials in Geneva on Monday.\n"
    [event] = extract(Article(text=text, published="2026-02-04")).events
    assert event.place == "Geneva" and event.date == "2026-02-02" and "US" in event.participants
    text = "Talks\n\nAs we reported, Chancellor Olaf Brenner met Ana Ruiz in Lisbon on Monday.\n"
    [event] = extract(Article(text=text, published="2026-02-04")).events
    assert event.place == "Lisbon" and len(event.participants) == len(set(event.participants)) <= 2
