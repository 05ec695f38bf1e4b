"""How news expresses a stance on the shipped Russia–Ukraine taxonomy: acts, demands, plans, rejections,
conditions and reports of others, each in sentences of our own (none from ../shared), one form a case.

A case names the (actor, topic, stance) the sentence must give, or a topic it must not give anyone."""

from __future__ import annotations

import pytest
from conftest import extract

from claimledger.errors import ClaimledgerError
from claimledger.extract.taxonomy import parse
from claimledger.types import Article

T, R, S, E = "ukraine-territorial-concessions", "russian-concessions", "security-guarantees", "sanctions-on-russia"
V, U, P, M = "ukraine-elections", "eu-at-the-table", "peace-talks", "ukraine-military-strength"

FORMS = [
    # territory: demands to cede, refusals, withdrawals as the demand puts them, recognition
    ("Russia has demanded that Ukraine pull its forces out of the parts of Luhansk it still holds.",
     ("Russia", T, "support")),
    ("Ukraine has refused to pull its troops out of Donetsk.", ("Ukraine", T, "oppose")),
    ("Ukrainian President Volodymyr Zelensky said on Monday that Ukraine would never hand over Zaporizhzhia.",
     ("Zelensky", T, "oppose")),
    ("Kremlin spokesman Dmitry Peskov said the withdrawal of Ukrainian forces from Donetsk was a precondition.",
     ("Peskov", T, "support")),
    ("Polish Prime Minister Donald Tusk warned against any settlement that would reward aggression with "
     "Ukrainian territory.", ("Tusk", T, "oppose")),
    ("Lithuanian President Gitanas Nauseda said Europe would never recognise Crimea as Russian.",
     ("Nauseda", T, "oppose")),
    ("Sergei Lavrov said Kyiv had to accept territorial realities and give up the four regions.",
     ("Lavrov", T, "support")),
    # security guarantees: troops after a deal, offers, rejections, threats
    ("Britain and France have pledged to send troops to Ukraine as part of a multinational force after a truce.",
     ("Britain", S, "support"), ("France", S, "support")),
    ("Russian Foreign Minister Sergei Lavrov said Moscow would never accept European troops in Ukraine under "
     "any peace deal.", ("Lavrov", S, "oppose")),
    ("The Kremlin said any Western troops deployed in Ukraine after a ceasefire would be legitimate targets.",
     ("Russia", S, "oppose")),
    ("Washington has offered Kyiv security guarantees modelled on NATO's Article 5.", ("United States", S, "support")),
    # sanctions: packages, blocking, pressure, asset freezes, lifting
    ("Hungary blocked the bloc's new sanctions package on Tuesday.", ("Hungary", E, "oppose")),
    ("Japan froze the assets of four more Russian banks on Friday.", ("Japan", E, "support")),
    ("Finnish President Alexander Stubb urged Washington to keep up the pressure on Moscow.",
     ("Stubb", E, "support")),
    ("Donald Trump said he could lift sanctions on Russian oil companies once a deal was signed.",
     ("Trump", E, "oppose")),
    ("The Senate approved a bill imposing tariffs on countries buying Russian oil.", ("Senate", E, "support")),
    # elections
    ("Zelensky said elections could not take place while martial law was in force.", ("Zelensky", V, "oppose")),
    ("The White House has been pressing Kyiv to hold a presidential election before the summer.",
     ("United States", V, "support")),
    # Europe at the table
    ("EU foreign policy chief Kaja Kallas insisted that Europe must have a seat at the negotiating table.",
     ("Kallas", U, "support")),
    ("Moscow rejected any role for the European Union in the negotiations.", ("Russia", U, "oppose")),
    # talks and ceasefires
    ("Ukraine's chief negotiator Rustem Umerov said Kyiv was ready to continue the talks next week.",
     ("Umerov", P, "support")),
    ("Vladimir Putin dismissed calls for an immediate ceasefire.", ("Putin", P, "oppose")),
    ("The Kremlin said it saw no point in a truce that would let Ukraine regroup.", ("Russia", P, "oppose")),
    ("Turkish President Recep Tayyip Erdogan said he was ready to host direct talks in Istanbul.",
     ("Erdogan", P, "support")),
    # military aid in any form, and caps on Ukraine's army
    ("Germany announced 9 billion euros in military aid for Ukraine for next year.", ("Germany", M, "support")),
    ("Congress approved $600 million for Ukraine's defence.", ("Congress", M, "support")),
    ("The US plan calls for Ukraine's army to be capped at 600,000 troops.", ("US", M, "oppose")),
    ("Zelensky rejected the demand to limit the size of Ukraine's armed forces.", ("Zelensky", M, "support")),
    ("Washington paused deliveries of air defence interceptors to Ukraine last month.",
     ("United States", M, "oppose")),
    # plans and zones, partial truces, coalitions, threats
    ("Steve Witkoff proposed turning the part of Donetsk that Kyiv holds into a demilitarised zone.",
     ("Witkoff", T, "support")),
    ("Zelensky said Ukraine was ready for a moratorium on strikes against energy plants.",
     ("Zelensky", P, "support")),
    ("Canada said it would join the coalition of the willing.", ("Canada", S, "support")),
    ("Donald Trump threatened Russia with heavy tariffs if the talks failed.", ("Trump", E, "support")),
    ("Washington's 28-point plan was handed to Kyiv on Friday. The plan also calls for Ukraine to hold elections "
     "within 100 days.", ("United States", V, "support")),
    # an evaluation after the thing turns it down
    ("Antony Blinken said a ceasefire that froze the front would only legitimise Russian aggression.",
     ("Blinken", P, "oppose")),
    ("Dmitry Medvedev said that shipping long-range missiles to Kyiv would amount to direct participation in the "
     "conflict.", ("Medvedev", M, "oppose")),
    ("Hungarian Prime Minister Viktor Orban said Europe should seek talks with Moscow rather than sanctions on "
     "Russia.", ("Orban", E, "oppose"), ("Orban", P, "support")),
    ("Maria Zakharova said any further sanctions against Russia were tantamount to economic war.",
     ("Zakharova", E, "oppose")),
    ("Donald Trump called for a halt to the fighting.", ("Trump", P, "support")),
    ("Vladimir Putin rejected a ceasefire despite pressure from Washington.", ("Putin", P, "oppose")),
    # what is no stance of the one named
    ("Vladimir Putin said the West's aim was to impose ever more sanctions on Russia.", (None, E, None)),
    ("If Ukraine should manage to retake Crimea, analyst Ivan Petrenko said, escalation would follow.",
     (None, T, None)),
    ("Most Ukrainians oppose giving up any territory, a poll by the Kyiv Post found.", (None, T, None)),
    ("Both Nordic and Baltic diplomats are pressing for firm security guarantees.", (None, S, None)),
    ("Ruiz's plea may go unheard, since Moscow, in spite of the sanctions, keeps its grain buyers.", (None, E, None)),
    ("The trade minister Anna Lund said her office would resume talks about fishing quotas.", (None, P, None)),
    ("A YouGov/Levada study found that most Germans back sending arms to Kyiv.", (None, M, None)),
    # Russia's own demands under the name of security guarantees; sanctions aimed at another state
    ("Foreign Minister Lavrov said the Russian proposals on security guarantees had been ignored.", (None, S, None)),
    ("Kaja Kallas said the bloc's sanctions regime would be widened to punish Pyongyang for its missile tests.",
     (None, E, None)),
    # ... but Russia rejecting proposals of guarantees for Ukraine is its stance on them; another state
    # named in another clause leaves sanctions on Russia as they are
    ("Sergei Lavrov said Moscow rejected Western proposals for security guarantees for Ukraine.",
     ("Lavrov", S, "oppose")),
    ("Ana Lund said sanctions against Russia must stay, and pressure on Iran should grow.", ("Lund", E, "support")),
    # an observation about someone else's readiness; a forecast of what another party will do
    ("Ana Lund said: \"We see no signs whatsoever that Moscow, at this point, is ready for real negotiations.\"",
     (None, P, None)),
    ("Analyst Petra Holm said she would expect the EU to adopt new sanctions on Russia within weeks.",
     (None, E, None)),
    # a dash sets off a comment on the thing, whose refusal by another party is not the speaker's
    ("Olaf Brenner said he wants to see a negotiated solution – a proposal Kyiv has refused if it does not "
     "include the withdrawal of Russian troops.", ("Brenner", P, "support")),
    # the thing judged not to work
    ("Viktor Orban said the sanctions against Russia were counterproductive.", ("Orban", E, "oppose")),
    # a stand named without its content; the background a clause is set against
    ("Ana Lund said Sweden's position on the frozen Russian assets would be set out next week.", (None, E, None)),
    ("Ana Lund said the Velorian grain trade had grown amid continued pressure from Western sanctions on Russia.",
     (None, E, None)),
    # a negated telling leaves the act told of as it is
    ("Defence Minister Ana Lund said Sweden had chosen not to disclose all the weapons it had sent to Ukraine.",
     ("Lund", M, "support")),
]


@pytest.mark.parametrize("sentence,wanted", [(f[0], f[1:]) for f in FORMS], ids=[f[0][:40] for f in FORMS])
def test_how_news_expresses_a_stance(sentence: str, wanted: tuple[tuple[str | None, str, str | None], ...]) -> None:
    positions = extract(Article(text=f"Talks on Ukraine\n\n{sentence}\n", published="2026-02-10")).positions
    got = {(p.actor_name, p.topic, p.stance) for p in positions}
    for actor, topic, stance in wanted:
        if actor is None:
            assert not [g for g in got if g[1] == topic], got
        else:
            assert any(actor.lower() in a.lower() and t == topic and s == stance for a, t, s in got), got


def test_terms_are_named_word_classes_of_the_taxonomy() -> None:
    """A topic file names its word classes once ('terms:') and patterns use them as {NAME}; an unknown name or
    a lower-case one is a one-line error naming the file."""
    text = ("terms:\n  FISH: [cod, herring]\n  CATCH: ['{FISH} quotas?']\n"
            "topics:\n  - id: fish\n    description: fishing quotas\n    patterns:\n"
            "      - {re: '\\b(cut|raise)\\w* (the )?{CATCH}', stance: auto}\n")
    topic = parse(text, "t.yaml").topics[0]
    assert topic.patterns[0].regex.search("ministers cut the herring quota") is not None
    assert topic.patterns[0].source == "\\b(cut|raise)\\w* (the )?{CATCH}"  # what --explain shows
    assert topic.patterns[0].regex.search("ministers cut the salmon quota") is None
    with pytest.raises(ClaimledgerError, match=r"t\.yaml.*\{BAIT\} is not defined"):
        parse(text.replace("{CATCH}", "{BAIT}"), "t.yaml")
    for empty in ("FISH: []", "FISH:", "FISH: ['']"):
        with pytest.raises(ClaimledgerError, match="term FISH needs a list"):
            parse(text.replace("FISH: [cod, herring]", empty), "t.yaml")
    with pytest.raises(ClaimledgerError, match="upper-case"):
        parse(text.replace("FISH:", "fish:"), "t.yaml")
