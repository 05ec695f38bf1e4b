"""Statement forms on our own fictional examples: each form the issue names, with its speaker and date."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, default_extractor, extract

from claimledger.ingest import read_sources
from claimledger.ingest.sources import IngestOptions, finish
from claimledger.types import Article, Statement


def statements_of(path: Path) -> tuple[Article, list[Statement]]:
    [art] = [a for a in read_sources([str(path)]) if isinstance(a, Article)]
    return art, extract(art).statements


def find(sts: list[Statement], words: str) -> Statement:
    hits = [s for s in sts if words in s.content.text]
    assert len(hits) == 1, (words, [s.content.text for s in sts])
    return hits[0]


@pytest.fixture(scope="module")
def demands() -> tuple[Article, list[Statement]]:
    return statements_of(EXAMPLES / "harbour-gazette" / "2025-03-04-sandoval-demands.txt")


def test_dash_paragraphs_with_and_without_attribution(demands: tuple[Article, list[Statement]]) -> None:
    art, sts = demands
    bare = find(sts, "The Tarn Valley is not for sale")
    assert (bare.kind, bare.speaker_name) == ("direct", "Mira Sandoval")
    tail = find(sts, "We have offered a ceasefire three times")
    assert tail.speaker and tail.speaker.text == "she" and tail.speaker_name == "Mira Sandoval"
    assert not tail.content.text.endswith("she said") and tail.cue and tail.cue.text == "said"


def test_reported_speech_nominal_cue_and_according_to(demands: tuple[Article, list[Statement]]) -> None:
    _, sts = demands
    rej = find(sts, "Velorian forces are losing ground")
    assert rej.kind == "indirect" and rej.cue and rej.cue.text == "rejected claims"
    acc = find(sts, "nearly 12,000 Velorian soldiers have been killed")
    assert acc.cue and acc.cue.text == "According to" and acc.speaker_name == "Mira Sandoval"
    est = find(sts, "Ostmark has lost more than 40,000 troops")
    assert est.speaker and est.speaker.text == "She" and est.speaker_name == "Mira Sandoval"


def test_partial_quote_is_mixed(demands: tuple[Article, list[Statement]]) -> None:
    _, sts = demands
    part = find(sts, "slow, but not hopeless")
    assert part.kind == "mixed" and part.speaker_name == "Mira Sandoval"
    assert part.content.text == "slow, but not hopeless"  # quotation marks excluded


def test_said_on_from_the_text_and_the_publication_date(demands: tuple[Article, list[Statement]]) -> None:
    art, sts = demands
    assert art.published == "2025-03-04"
    monday = find(sts, "Ostmark must withdraw its artillery")
    assert monday.said_on == "2025-03-03"  # "on Monday" before a Tuesday publication
    losses, lsts = statements_of(EXAMPLES / "harbour-gazette" / "2025-03-11-losses.txt")
    ago = find(lsts, "8,000 Velorian soldiers had died")
    assert ago.said_on == "2024-03" and ago.speaker_name == "Mira Sandoval"  # "who a year ago claimed"
    feb = find(lsts, "9,000 of its soldiers had been killed")
    assert feb.said_on == "2025-02-05"  # "On February 5 this year"


def test_colon_introduced_and_interrupted_quotes() -> None:
    _, sts = statements_of(EXAMPLES / "valley-courier" / "2025-03-05-vaal-rejects.html")
    colon = find(sts, "We will not withdraw a single battalion")
    assert colon.kind == "direct" and colon.speaker_name == "Henrik Vaal"
    assert "Peace needs two signatures" in colon.content.text  # the quote runs over two sentences
    _, sts = statements_of(EXAMPLES / "valley-courier" / "2025-03-12-talks-in-brenna.html")
    # an interrupted quote is one statement per quoted stretch (the guideline, 3): the second has the
    # first's speaker and no cue of its own, and neither content holds the cue or the speaker
    first, second = find(sts, "Nobody left the room"), find(sts, "We will meet again in April")
    assert first is not second and first.speaker_name == second.speaker_name == "Tomas Lindqvist"
    assert first.cue and first.cue.text == "told" and second.cue is None
    assert "Lindqvist" not in first.content.text + second.content.text and "told" not in second.content.text


def test_sources_that_are_not_people() -> None:
    _, sts = statements_of(EXAMPLES / "harbour-gazette" / "2025-03-11-losses.txt")
    study = find(sts, "between 30,000 and 45,000 soldiers")
    assert study.speaker_name == "Institute for Conflict Accounting"
    inst = find(sts, "210,000 people have been displaced")
    assert inst.speaker and inst.speaker.text == "The institute"
    assert inst.speaker_name == "Institute for Conflict Accounting"


def test_unresolvable_pronoun_stays_empty() -> None:
    text = "The storm hit the coast on Monday.\nShe said that the harbour would reopen soon.\n"
    art = finish(Article(text=text, source="x.txt"), IngestOptions())
    [st] = extract(art).statements
    assert st.speaker and st.speaker.text == "She" and st.speaker_name is None and st.confidence <= 0.4


def test_non_body_lines_yield_no_statements(demands: tuple[Article, list[Statement]]) -> None:
    art, sts = demands
    for s in sts:
        assert "READ ALSO" not in art.text[max(0, s.content.start - 12):s.content.end]


OPENING = "“\"„«‘'"
CLOSING = "”\"“»’'"


def test_spans_fall_on_token_boundaries_and_quotes_fill_their_marks() -> None:
    """Every content, speaker, cue and part begins where a token begins and ends where one ends; a direct quote
    is the whole text between its marks (less the writer's trailing comma), never a mark itself."""
    checked = quoted = 0
    for path in sorted(EXAMPLES.rglob("*")):
        if path.suffix not in (".txt", ".html", ".jsonl"):
            continue
        for art in read_sources([str(path)]):
            assert isinstance(art, Article)
            doc = default_extractor().nlp.make_doc(art.text)
            starts, ends = {t.idx for t in doc}, {t.idx + len(t.text) for t in doc}
            for s in extract(art).statements:
                spans = [(s.content.start, s.content.end), *s.parts]
                spans += [(x.start, x.end) for x in (s.speaker, s.cue) if x is not None]
                for a, b in spans:
                    assert a in starts and b in ends, (path.name, art.text[a:b])
                    checked += 1
                text = s.content.text
                assert text == text.strip() and text[:1] not in OPENING[:2] and text[-1:] not in CLOSING[:1]
                for a, b in s.parts or [(s.content.start, s.content.end)]:
                    before = art.text[a - 1] if a else ""
                    if s.kind != "direct" or before not in OPENING:
                        continue
                    close = art.text.find(CLOSING[OPENING.index(before)], b)
                    between = art.text[b:close]
                    assert close >= 0 and between in ("", ",", "."), (path.name, art.text[a:b][-40:], between)
                    quoted += 1
    assert checked > 150 and quoted >= 8


def test_extract_is_pure() -> None:
    art, first = statements_of(EXAMPLES / "harbour-gazette" / "2025-03-18-aid.txt")
    before = (art.text, list(art.segments))
    again = extract(art).statements
    assert [s.to_dict() for s in first] == [s.to_dict() for s in again]
    assert (art.text, list(art.segments)) == before


COMPLEMENTS = [  # (sentence, content, cue): the guideline's complements of speech acts, in sentences of ours
    ("Mayor Greta Lund called for an immediate reopening of the harbour.", "an immediate reopening of the harbour",
     "called for"),
    ("Mayor Greta Lund urged the ferry company to restore the winter timetable.",
     "the ferry company to restore the winter timetable", "urged"),
    ("Mayor Greta Lund accused the port authority of hiding the damage reports.",
     "the port authority of hiding the damage reports", "accused"),
    ("Mayor Greta Lund warned against rebuilding the breakwater too quickly.",
     "rebuilding the breakwater too quickly", "warned against"),
    ("Mayor Greta Lund voiced skepticism over the insurers' willingness to pay.",
     "skepticism over the insurers' willingness to pay", "voiced"),
    ("Mayor Greta Lund likened the storm to the great flood of 1953.", "the great flood of 1953", "likened"),
    ("Mayor Greta Lund said that the harbour would reopen on Friday.", "the harbour would reopen on Friday", "said"),
]


@pytest.mark.parametrize("sentence, content, cue", COMPLEMENTS)
def test_complements_of_speech_acts_are_statements(sentence: str, content: str, cue: str) -> None:
    art = finish(Article(text=f"Velm harbour\n{sentence}\n", source="x.txt"), IngestOptions())
    [st] = [s for s in extract(art).statements if s.content.start > len("Velm harbour")]
    assert (st.content.text, st.cue.text if st.cue else None, st.speaker_name) == (content, cue, "Greta Lund")


@pytest.mark.parametrize("sentence", [
    "Mayor Greta Lund did not call for a reopening of the harbour.",  # negated: no speech act
    "Mayor Greta Lund rejected the plan.",  # rejecting a bare object is an act
    "The storm was likened to the great flood of 1953.",  # nobody likened it
    "Mayor Greta Lund expressed the parcels to Velm.",  # a light verb without a stance noun
])
def test_complements_need_a_speech_act_with_a_speaker(sentence: str) -> None:
    art = finish(Article(text=f"Velm harbour\n{sentence}\n", source="x.txt"), IngestOptions())
    assert [s.content.text for s in extract(art).statements] == []


def _statements(text: str) -> list[Statement]:
    return extract(finish(Article(text=text, source="x.txt", published="2025-03-04"), IngestOptions())).statements


def test_dash_quotes_closed_by_a_dash_attribution() -> None:
    """Translated copy closes a dash quote with ' - said X' and glues the next sentence or quote on."""
    sts = _statements("Velm harbour\n\nMayor Greta Lund spoke to reporters on Monday.\n\n"
                      "- The harbour will reopen on Friday. Nobody will be charged for the repairs - said Lund.She "
                      "also said that the ferry would run again.\n\n"
                      "Asked about the insurers, she was blunt.- They have waited too long - said Lund.\n")
    first = next(s for s in sts if s.content.text.startswith("The harbour will reopen"))
    assert first.content.text.endswith("for the repairs") and first.speaker_name == "Greta Lund"
    assert first.cue and first.cue.text == "said" and first.kind == "direct"
    assert any(s.content.text == "the ferry would run again" for s in sts)
    glued = next(s for s in sts if s.content.text.startswith("They have waited"))
    assert glued.content.text == "They have waited too long" and glued.speaker_name == "Greta Lund"


def test_a_role_noun_right_after_a_named_speaker_is_that_person() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund said on Monday that the harbour would reopen on Friday.\n\n"
                      "The politician added that the repairs would cost nearly 2 million euros.\n\n"
                      "The Ostmark president said that the border would stay closed.\n")
    added = next(s for s in sts if "repairs" in s.content.text)
    assert added.speaker_name == "Greta Lund"
    other = next(s for s in sts if "border" in s.content.text)
    assert other.speaker_name != "Greta Lund"  # a role the person is not known to hold names someone else


@pytest.mark.parametrize("sentence, content", [
    ("Mayor Greta Lund said that the ferry would stop at Kessel, a town on the northern shore.",
     "the ferry would stop at Kessel"),  # a gloss on the last noun is the writer's
    ("Mayor Greta Lund said the storm was \"a disaster for the town\" — using the words of her predecessor.",
     "the storm was \"a disaster for the town\""),  # so is a participle aside after a dash
    ("Mayor Greta Lund said that one boat was sunk and two more damaged near the pier.",
     "one boat was sunk and two more damaged near the pier"),  # coordination the parse cuts short
    ("Mayor Greta Lund said one boat was sunk and two more damaged in Kessel harbour, which together with Velm "
     "makes up the northern port.", "one boat was sunk and two more damaged in Kessel harbour"),  # a place glossed
    ("Mayor Greta Lund said the storm had destroyed the pier, leaving the fishermen without a harbour.",
     "the storm had destroyed the pier, leaving the fishermen without a harbour"),  # a participle goes on
    ("Mayor Greta Lund said on the radio the pier would reopen in May.", "the pier would reopen in May"),
])
def test_reported_clause_boundaries(sentence: str, content: str) -> None:
    [st] = _statements(f"Velm harbour\n\n{sentence}\n")
    assert st.content.text == content


def test_a_participle_speaks_for_the_doer_of_its_verb() -> None:
    sts = _statements("Velm harbour\n\nThe Velm council issued a statement declaring that the harbour would reopen "
                      "on Friday.\n\nMayor Greta Lund responded by saying that the repairs were finished.\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [
        ("the harbour would reopen on Friday", "Velm council"), ("the repairs were finished", "Greta Lund")]


@pytest.mark.parametrize("sentence", [
    "Mayor Greta Lund will say on Friday that the harbour is open again.",
    "Mayor Greta Lund could stress that the repairs are finished.",
    "If Mayor Greta Lund warned that the harbour was unsafe, the ferries would stop.",
])
def test_speech_that_has_not_happened_is_no_statement(sentence: str) -> None:
    assert _statements(f"Velm harbour\n\n{sentence}\n") == []


def test_a_sentence_with_quoted_words_goes_on_paraphrasing_the_speaker_before_it() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund said on Monday that the harbour would reopen on Friday.\n\n"
                      "The ferries are \"running at a loss\" on every route, and the town cannot pay for them.\n\n"
                      "The weather was \"mild\" all week.\n\nLater that week the storm returned.\n\n"
                      "Much later, the ferries were \"late again\" on a Friday.\n")
    cont = [s for s in sts if s.cue is None]
    assert [(s.kind, s.speaker_name, s.content.text[:24]) for s in cont] == [
        ("mixed", "Greta Lund", "The ferries are \"running")]  # one quoted word, or no source nearby: not a statement


def test_a_report_speaks_its_findings() -> None:
    sts = _statements("Velm harbour\n\nThe Institute for Conflict Accounting published a study on Monday.\n\n"
                      "The study documented 40 sunken boats in the inner harbour.\n\n"
                      "The crew documented the damage with photographs.\n")
    # the study speaks (a crew's documenting is an act); the place the parse hangs on the verb stays outside
    assert [(s.content.text, s.speaker.text if s.speaker else None) for s in sts] == [("40 sunken boats", "The study")]


def test_a_quote_followed_by_its_cue_and_the_quote_after_it() -> None:
    """'"A," X continued. "B."': A credited through the verb after it, B through A (two statements)."""
    sts = _statements("Lund visits Velm\n\nMayor Greta Lund met fishermen in Velm on Tuesday.\n\n"
                      "\"Saying all this, I am thinking about the storm,\" Greta Lund continued. \"Everything we do, "
                      "we do to prevent another flood. I do not believe the sea will calm.\"\n")
    assert [(s.content.text[:20], s.speaker_name, s.cue.text if s.cue else None) for s in sts] == [
        ("Saying all this, I a", "Greta Lund", "continued"), ("Everything we do, we", "Greta Lund", None)]


def test_reported_questions_and_poll_findings() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund asked whether the ferries would run on Sunday.\n\n"
                      "Mayor Greta Lund knows what the storm cost.\n\n"
                      "The latest poll shows most residents want the harbour rebuilt.\n")
    assert [s.content.text for s in sts] == ["whether the ferries would run on Sunday",
                                             "most residents want the harbour rebuilt"]


def test_relative_clause_reports_with_a_long_speaker_name() -> None:
    sts = _statements("Velm harbour\n\nThe council blamed the storm, which the town mayor Greta Lund said had "
                      "caused \"unprecedented damage.\"\n\nMayor Ole Brandt reaffirmed that the ferries would run.\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [
        ("had caused \"unprecedented damage.\"", "Greta Lund"), ("the ferries would run", "Ole Brandt")]


def test_a_coordinated_second_report_is_its_own_statement() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund said she wanted to see the harbour rebuilt and accused the "
                      "insurers of delaying the payments.\n")
    assert [s.content.text for s in sts] == ["she wanted to see the harbour rebuilt",
                                             "the insurers of delaying the payments"]


def test_a_claim_noun_with_its_source_after_it() -> None:
    sts = _statements("Velm harbour\n\nTalks stalled amid concerns from Mayor Greta Lund that the ferry company is "
                      "considering selling its boats.\n\n"
                      "The council repeated the claims that the mayor made in March.\n")
    assert [(s.content.text, s.speaker_name, s.cue.text if s.cue else None) for s in sts] == [
        ("the ferry company is considering selling its boats", "Greta Lund", "concerns")]


def test_a_headline_label_with_a_topic_names_its_speaker() -> None:
    sts = _statements("Greta Lund about the ferries: They will run again in spring\n\n"
                      "Mayor Greta Lund spoke in Velm on Monday.\n")
    assert [(s.content.text, s.speaker_name, s.cue.text if s.cue else None) for s in sts] == [
        ("They will run again in spring", "Greta Lund", "about the ferries:")]


def test_a_wire_dateline_is_not_part_of_the_claim() -> None:
    sts = _statements("Velm harbour\n\nVELM, 4 March (Coast Wire) - The harbour will reopen on Friday, Mayor Greta "
                      "Lund said.\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [("The harbour will reopen on Friday", "Greta Lund")]


def test_a_speaker_phrase_keeps_a_proper_name_apposition_whatever_its_entity_label() -> None:
    """'The harbour chief, Greta Lund, said': the tagger may label the name a place; it is still the apposition."""
    from spacy.tokens import Doc

    from claimledger.extract.statements.syntax import phrase

    words = ["The", "harbour", "chief", ",", "Greta", "Lund", ",", "said", "it", "."]
    heads = [2, 2, 7, 2, 5, 2, 2, 7, 7, 7]
    deps = ["det", "compound", "nsubj", "punct", "compound", "appos", "punct", "ROOT", "dobj", "punct"]
    pos = ["DET", "NOUN", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB", "PRON", "PUNCT"]
    spaces = [True, True, False, True, True, False, True, True, False, False]
    doc = Doc(default_extractor().nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
              ents=["O", "O", "O", "O", "B-PERSON", "B-GPE", "O", "O", "O", "O"])
    assert phrase(doc[2]).text == "The harbour chief, Greta Lund"


def test_a_report_named_just_before_or_qualified_by_the_verb_speaks_too() -> None:
    sts = _statements("Velm harbour\n\nThe study covers the winter of 2024. It also documents 40 sunken boats in "
                      "the inner harbour.\n\nThe institute published a report detailing the damage to the "
                      "breakwater.\n\nThe crew documented the damage with photographs.\n")
    assert [(s.content.text, s.speaker.text if s.speaker else None) for s in sts] == [
        ("40 sunken boats", "It"), ("the damage to the breakwater", "a report")]


@pytest.mark.parametrize("sentence, content, cue", [
    ('Mayor Greta Lund urged fishermen "not to give up" on the northern quays this winter.',
     'fishermen "not to give up" on the northern quays this winter', "urged"),
    ('Mayor Greta Lund accused the port authority of "playing games" with the dredging budget.',
     'the port authority of "playing games" with the dredging budget', "accused"),
    ('Mayor Greta Lund vowed to "rebuild every pier" before the summer season.',
     'to "rebuild every pier" before the summer season', "vowed"),
])
def test_a_partial_quote_inside_a_complement_makes_the_whole_complement_mixed(sentence: str, content: str,
                                                                              cue: str) -> None:
    [st] = [s for s in _statements(f"Velm harbour\n\n{sentence}\n") if "quays" in s.content.text or
            "budget" in s.content.text or "pier" in s.content.text]
    assert (st.content.text, st.kind, st.speaker_name, st.cue.text if st.cue else None) == (
        content, "mixed", "Greta Lund", cue)


def test_a_label_or_a_topic_keeps_only_the_quoted_words() -> None:
    sts = _statements('Velm harbour\n\nMayor Greta Lund spoke about "the silting of the harbour" on Monday.\n')
    assert [(s.content.text, s.kind) for s in sts] == [("the silting of the harbour", "mixed")]


def test_a_cue_set_off_by_commas_reports_the_whole_sentence_around_it() -> None:
    sts = _statements("Velm harbour\n\nBut, Lund cautioned, even when the storms ended last spring, the dredgers "
                      "did not return.\n\nThe pier could reopen in May, but only after an inspection, said Lund.\n")
    assert [s.content.text for s in sts] == [
        "even when the storms ended last spring, the dredgers did not return",
        "The pier could reopen in May, but only after an inspection"]


def test_a_short_quote_with_its_cue_is_direct() -> None:
    sts = _statements('Velm harbour\n\nHarbour master Greta Lund spoke to the crews. "Patience wins storms," she '
                      "remarked.\n")
    assert [(s.content.text, s.kind, s.speaker_name) for s in sts] == [("Patience wins storms,", "direct",
                                                                        "Greta Lund")]  # the quote's comma


def test_a_pronoun_goes_to_a_person_whose_given_name_agrees() -> None:
    """Nothing in the text says 'Ms': the given name does, and 'she' passes over the man named last."""
    sts = _statements("Velm harbour\n\nNatalia Brandt, the harbour engineer, met Tomas Keller on Monday. Keller "
                      "said the pier was sound. She added that the breakwater needed repairs.\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [
        ("the pier was sound", "Tomas Keller"), ("the breakwater needed repairs", "Natalia Brandt")]


def test_a_quote_over_several_paragraphs_is_one_statement_per_paragraph() -> None:
    sts = _statements("Velm harbour\n\nHarbour master Greta Lund told the council: “The dredgers are booked for "
                      "May and the pier will open in June.\n\n“After that, the ferries will run twice a day.”\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [
        ("The dredgers are booked for May and the pier will open in June.", "Greta Lund"),
        ("After that, the ferries will run twice a day.", "Greta Lund")]


def test_a_second_report_after_a_comma_is_its_own_statement() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund said the pier had held up well, as she warned of the "
                      "risks the spring tides pose to the breakwater.\n\nThe harbour master said the quays were "
                      "safe, but warned crews should stay ashore on Friday.\n")
    texts = [s.content.text for s in sts]
    assert "the pier had held up well" in texts and "the quays were safe" in texts
    assert "the risks the spring tides pose to the breakwater" in texts


def test_a_named_event_in_quotes_is_no_statement_and_the_clause_before_the_cue_is() -> None:
    sts = _statements('Velm harbour\n\nThe ferries will run again in May, Mayor Greta Lund said at the festival '
                      '"Harbour Lights Forever" on Sunday.\n')
    assert [(s.content.text, s.speaker_name) for s in sts] == [("The ferries will run again in May", "Greta Lund")]


def test_a_speech_verb_joined_to_a_reported_clause_is_the_reporters() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund said that there are some good ideas in the plan but "
                      "accused the port authority of ignoring the fishermen.\n\nLund likened the new quay to what "
                      "was built in Kessel.\n")
    assert [(s.content.text, s.speaker_name, s.cue.text if s.cue else None) for s in sts] == [
        ("there are some good ideas in the plan", "Greta Lund", "said"),
        ("the port authority of ignoring the fishermen", "Greta Lund", "accused"),
        ("what was built in Kessel", "Greta Lund", "likened")]


def test_a_participle_after_a_reported_clause_is_the_reporters() -> None:
    sts = _statements("Velm harbour\n\nThe port authority said that the dredgers in the outer basin were there to "
                      "clear the channel, suggesting they would not leave before June.\n\nThe Velm embassy said the "
                      "ferry had arrived.\n")
    assert [(s.content.text, s.speaker.text if s.speaker else None) for s in sts] == [
        ("the dredgers in the outer basin were there to clear the channel", "The port authority"),
        ("they would not leave before June", "The port authority"), ("the ferry had arrived", "The Velm embassy")]


def test_a_day_named_for_a_speech_event_carries_to_what_the_speaker_goes_on_to_say() -> None:
    sts = _statements('Velm harbour\n\nOn Thursday, Mayor Greta Lund said the pier would reopen in May, although '
                      'she added that the ferry would wait. "We are ready," she told reporters.\n\nTomas Keller said '
                      'the quay was safe. He added that "the storms are over."\n')
    got = [(s.content.text, s.kind, s.said_on) for s in sts]
    assert got == [("the pier would reopen in May", "indirect", "2025-02-27"),
                   ("the ferry would wait", "indirect", "2025-02-27"), ("We are ready,", "direct", "2025-02-27"),
                   ("the quay was safe", "indirect", "2025-03-04"), ("the storms are over.", "mixed", "2025-03-04")]


def test_a_hyphenated_word_is_not_cut_at_its_hyphen() -> None:
    from claimledger.extract.statements.candidate import word_end

    text = "urged Velm to de-escalate now, a well-known - and tired - phrase"
    assert text[:word_end(text, text.index("-escalate"))].endswith("de-escalate")
    assert word_end(text, text.index(" - and")) == text.index(" - and")  # a spaced dash is a break


def test_a_quote_signed_after_a_dash_is_the_signers() -> None:
    sts = _statements("Velm voices\n\nReaders told us what they think of the pier.\n\n”The pier is the heart of "
                      "this town. We need it back.” ― Sonya Lind, Velm\n\n“Nobody asked the fishermen what they "
                      "want.”― Tomas Keller, Kessel\n")
    assert [(s.content.text, s.speaker_name, s.kind) for s in sts] == [
        ("The pier is the heart of this town. We need it back.", "Sonya Lind", "direct"),
        ("Nobody asked the fishermen what they want.", "Tomas Keller", "direct")]


@pytest.mark.parametrize("sentence, content, speaker", [
    ("As Mayor Greta Lund stressed, the northern quay stays closed until May.",
     "the northern quay stays closed until May", "Greta Lund"),
    ("This week, according to Mayor Greta Lund, the dredgers began work on the outer basin.",
     "the dredgers began work on the outer basin", "Greta Lund"),
    ("There were also accusations that the port authority had hidden the damage.",
     "the port authority had hidden the damage", None),
    ("The harbour will not be sold - said Greta Lund.", "The harbour will not be sold", "Greta Lund"),
    ("Mayor Greta Lund credits the fishermen with saving the pier.", "the fishermen with saving the pier",
     "Greta Lund"),
])
def test_asides_mid_sentence_sources_and_unnamed_reports(sentence: str, content: str, speaker: str | None) -> None:
    sts = _statements(f"Velm harbour\n\n{sentence}\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [(content, speaker)]


def test_a_dash_list_of_the_writers_is_not_a_quote() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund said the town had signed three harbour treaties.\n\n"
                      "– Treaty of Kessel (1905). Velm gave up the northern quay.\n\n"
                      "– We will never sell the harbour, she said.\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [
        ("the town had signed three harbour treaties", "Greta Lund"),
        ("We will never sell the harbour", "Greta Lund")]


def test_a_paraphrase_goes_on_only_from_the_statement_right_before_it() -> None:
    sts = _statements('Velm harbour\n\nMayor Greta Lund said the pier would reopen in May. The dredgers arrived '
                      'on Monday. The crews worked through the night. Their boats flew a "harbour first" flag.\n\n'
                      'The town was founded by a "Grand Harbour Company" of traders.\n')
    assert [s.content.text for s in sts] == ["the pier would reopen in May"]


def test_another_report_in_a_relative_clause_is_not_the_first_speakers() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund said the pier would reopen in May, which the harbour master "
                      "Tomas Keller said was too late.\n")
    assert ("the pier would reopen in May", "Greta Lund") in [(s.content.text, s.speaker_name) for s in sts]


@pytest.mark.parametrize("sentence, content", [
    ("Mayor Greta Lund cautioned against the town selling the northern quay to investors.",
     "the town selling the northern quay to investors"),  # a gerund the parser hangs on the verb
    ("Mayor Greta Lund issued a warning against the notion of the town selling its harbour.",
     "the notion of the town selling its harbour"),  # a speech noun with 'against'
    ("Mayor Greta Lund condemned the closure as a betrayal of the fishermen.", "a betrayal of the fishermen"),
    ("Mayor Greta Lund talked about the town's plans to rebuild the pier by May.",
     "the town's plans to rebuild the pier by May"),  # a topic that carries a claim
    ('Mayor Greta Lund elaborated on the need for "fast and fair" repairs to the pier.',
     'the need for "fast and fair" repairs to the pier'),
    ('Mayor Greta Lund stressed the idea of a "harbour for everyone."', "harbour for everyone."),  # a term
    ("Mayor Greta Lund hinted at new repairs if the storms return.", "new repairs if the storms return"),
    ("Mayor Greta Lund pressed the council to approve the repairs before May.",
     "the council to approve the repairs before May"),  # a directive, not an act of authority
    ("Mayor Greta Lund criticized the fact that the ferries still run late.", "the ferries still run late"),
    ("Mayor Greta Lund echoed concerns about the safety of the pier.", "concerns about the safety of the pier"),
    ("Mayor Greta Lund called for new dredgers to clear the channel.", "new dredgers to clear the channel"),
    ("Mayor Greta Lund stressed the need for repairs when it comes to the northern quay.",
     "the need for repairs when it comes to the northern quay"),
])
def test_complement_forms(sentence: str, content: str) -> None:
    sts = _statements(f"Velm harbour\n\n{sentence}\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [(content, "Greta Lund")]


def test_an_order_is_an_act_not_a_statement() -> None:
    assert _statements("Velm harbour\n\nMayor Greta Lund ordered the crews to close the northern quay.\n") == []


def test_a_participle_that_characterizes_within_a_speech_event() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund warned against selling the quay, viewing it as a gift to "
                      "investors.\n\nMayor Greta Lund sees no future for the ferry.\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [
        ("selling the quay", "Greta Lund"), ("a gift to investors", "Greta Lund")]


def test_nested_reports_and_a_name_after_its_description() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund said the pier had been repaired, Agence France-Presse "
                      "reported.\n\nThe Velm news agency Coast-Wire said the ferry was late.\n")
    got = [(s.content.text, s.speaker_name) for s in sts]
    assert ("Mayor Greta Lund said the pier had been repaired", "Agence France-Presse") in got
    assert ("the pier had been repaired", "Greta Lund") in got
    assert [s.speaker_name for s in sts if s.content.text == "the ferry was late"] in (["Coast-Wire"],
                                                                                         ["Coast - Wire"])


def test_a_quoted_clause_after_a_colon_and_a_role_with_a_nationality() -> None:
    sts = _statements('Velm harbour\n\nMayor Greta Lund met the crews on Monday.\n\nNext, the Velmish mayor spoke '
                      'about "the silting of the harbour": "dredging must start before the spring tides."\n')
    assert [(s.content.text, s.kind, s.speaker_name) for s in sts] == [
        ("the silting of the harbour", "mixed", "Greta Lund"),
        ("dredging must start before the spring tides.", "direct", "Greta Lund")]


def test_rejecting_a_notion_and_the_writers_comment_are_no_statements() -> None:
    sts = _statements("Velm harbour\n\nThe council has rejected the notion of selling the harbour to investors.\n\n"
                      "Mayor Greta Lund said the pier would reopen in May, a statement that underlined the town's "
                      "plan of rebuilding the quay.\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [("the pier would reopen in May", "Greta Lund")]


def test_one_claim_with_two_cues_of_one_speaker_is_one_statement() -> None:
    sts = _statements("Velm harbour\n\nMayor Greta Lund spoke on Monday. If the storms return, she said, the pier "
                      "may close again for the whole winter, she said.\n")
    assert [s.content.text for s in sts] == ["the pier may close again for the whole winter"]


def test_a_concession_the_parser_hung_on_the_cue_and_an_adjectives_infinitive() -> None:
    sts = _statements("Velm harbour\n\nThe pier should be ready for the summer, although it is still hard to "
                      "believe that the dredgers will finish in time, Mayor Greta Lund said at a meeting.\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [
        ("The pier should be ready for the summer, although it is still hard to believe that the dredgers will "
         "finish in time", "Greta Lund")]


def test_a_statement_takes_the_day_of_the_scene_its_speaker_was_last_the_subject_of() -> None:
    sts = _statements("Velm harbour\n\nThe harbour master Greta Lund presented the plan to the council on Wednesday. "
                      "She said the pier would reopen in May.\n\nTomas Keller said the quay was safe.\n")
    assert [(s.content.text, s.said_on) for s in sts] == [("the pier would reopen in May", "2025-02-26"),
                                                          ("the quay was safe", "2025-03-04")]


def test_a_date_on_a_participle_of_the_cue_or_a_month_the_tagger_missed() -> None:
    sts = _statements("Velm harbour\n\nSpeaking to reporters in Velm on Wednesday, Mayor Greta Lund said the pier "
                      "would reopen.\n\nTomas Keller said in February that the quay was safe.\n")
    assert [(s.content.text, s.said_on) for s in sts] == [("the pier would reopen", "2025-02-26"),
                                                          ("the quay was safe", "2025-02")]


def test_a_role_named_just_before_the_person() -> None:
    sts = _statements("Velm harbour\n\nVeloria's prime minister has told the BBC there will be no deal if the valley "
                      "is lost. Speaking on Wednesday, Prime Minister Anna Berg said the talks would resume.\n")
    assert [s.speaker_name for s in sts] == ["Anna Berg", "Anna Berg"]


def test_a_headline_label_names_a_speaker_the_article_names() -> None:
    sts = _statements("Lund: the pier must reopen before May\n\nHarbour master Greta Lund said the dredgers had "
                      "arrived.\n")
    assert [(s.content.text, s.speaker_name) for s in sts][0] == ("the pier must reopen before May", "Greta Lund")


@pytest.mark.parametrize("sentence, content, speaker", [
    ("Mayor Greta Lund ridiculed such claims as idle talk from the mainland.", "idle talk from the mainland",
     "Greta Lund"),
    ("The closure was denounced as a betrayal of the fishermen.", "a betrayal of the fishermen", None),
    ("Mayor Greta Lund debunked the idea that the pier had collapsed.", "the pier had collapsed", "Greta Lund"),
])
def test_characterizing_denials_and_passive_speech_acts(sentence: str, content: str, speaker: str | None) -> None:
    sts = _statements(f"Velm harbour\n\n{sentence}\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [(content, speaker)]


def test_a_dash_attribution_with_a_place_before_the_name() -> None:
    sts = _statements("Velm harbour\n\n- The crews, as you can see, are ready - said after the meeting in Kessel "
                      "harbour master Greta Lund.\n")
    assert [(s.content.text, s.speaker_name) for s in sts] == [("The crews, as you can see, are ready",
                                                                "Greta Lund")]


def test_a_pronoun_after_a_quote_is_the_person_the_sentence_before_is_about() -> None:
    sts = _statements('Velm harbour\n\nMayor Greta Lund said the pier would reopen in May.\n\nTomas Keller, the '
                      'chairman of the fishermen, addressed the crowd from the quay. "We will be back at sea by '
                      'June," he said.\n')
    assert [s.speaker_name for s in sts] == ["Greta Lund", "Tomas Keller"]


def test_according_to_ends_at_the_comma_before_the_clause_subject() -> None:
    """'According to the agency X, the Union and 30 other countries have pledged aid': the parse runs the source
    on into the subject; the source ends at the comma, the clause is the content."""
    from conftest import extract

    from claimledger.ingest.sources import IngestOptions, finish
    from claimledger.types import Article

    text = "According to the Velorian news agency Tarnpress, the Union and over 30 other countries have pledged aid.\n"
    ex = extract(finish(Article(text=text, source="t.txt", published="2025-03-10"), IngestOptions()))
    (st,) = ex.statements
    assert st.speaker_name == "Tarnpress" and st.content.text.startswith("the Union and over 30")
    assert ex.figures[0].claimant_name == "Tarnpress"


@pytest.mark.parametrize("sentence, speaker", [
    ("Chancellor Ilse Vogel and other officials said that the bridge would reopen in May.\n", "Ilse Vogel"),
    ("Both Ostmark and Velmian officials said that the bridge would reopen in May.\n", None),
    ("The Harbour Council and its lawyers said that the bridge would reopen in May.\n", "Harbour Council"),
])
def test_a_name_joined_to_a_group_of_officials(sentence: str, speaker: str | None) -> None:
    """A named person beside 'other officials' still speaks; a name that only qualifies the officials
    ('Ostmark and Velmian officials') is an unnamed group, which is no one's voice."""
    art = finish(Article(text=sentence, source="x.txt"), IngestOptions())
    [st] = extract(art).statements
    assert st.speaker_name == speaker, st
