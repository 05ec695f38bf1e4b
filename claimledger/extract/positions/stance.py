"""Whether a matched topic phrase is the actor's stance, and which way: negation, cues, conditions."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ...types import Stance
from ...vocab.en import (
    ACT_NOUNS,
    AGAINST,
    BOUNDARY,
    DOUBLE,
    FORECAST,
    NEGATIVE_CUES,
    NEGATORS,
    OWNED,
    REFUSED,
    REJECTED_AFTER,
    UNDO,
    UNTOLD,
)
from ...vocab.names import demonym, state_of_seat
from ..taxonomy import PatternStance, Topic

# the speaker's own
OTHERS_AIM = re.compile(r"\b[A-Z][\w.]*['’]s\s+(\w+\s+)?(goal|aim|plan|intention|strategy|purpose|desire|objective|"
                        r"pretext|agenda)s?\b|\b(goal|aim|purpose|intention|objective)\s+(was|is|has been)\s+to\b|"
                        # a forecast of what another party will do: 'would expect the EU to enforce ...'
                        r"\b(" + "|".join(v + r"\w*" for v in sorted(FORECAST)) +
                        r")\s+(the\s+)?[A-Z][\w.]*(\s+[A-Z][\w.]*)?\s+to\b")
# ... or of another party's readiness: 'Moscow was ready to negotiate', said by someone else, is Moscow's
OTHERS_READY = re.compile(r"\b(?!(?:It|He|She|They|We|I|This|That|There)\b)([A-Z][\w.’'-]+)\s+"
                          r"(is|was|were|are|has been|had been|remains|remained)\s+(still\s+|not\s+|also\s+)*$")
# the match sits in a clause the sentence concedes before making its claim: 'Although arms are flowing to Kyiv, ...'
CONCEDED = re.compile(r"\b(although|though|even if|even when|despite|whereas)\b[^,;.]*$", re.I)
# the match is what would happen on a condition: 'if Ukraine should manage to take back Crimea, ...'
SUPPOSED = re.compile(r"\b(if|whether)\b[^,;.]*$", re.I)
# the thing is what the speaker wants less: 'needs air defence more than reconstruction money'
PREFERRED = re.compile(r"\b(rather than|instead of|more than|in place of)\s+$", re.I)
# a stand named but not given ('Germany's position on the frozen assets'), or the background a clause is set
# against ('amid continued pressure from Western sanctions'): no stance either way
LABELLED = re.compile(r"\b(position|stance|views?|attitude|approach)\s+(on|towards?|regarding|about)\s+"
                      r"(the\s+)?(\w+\s+){0,3}$|(^|,\s*|\s)amid\b[^,;.]*$", re.I)
IN_SPITE = re.compile(r"\b(despite|in spite of|regardless of|notwithstanding)\b", re.I)
# ... or a time the clause is dated by: 'since the sanctions were imposed', 'before the talks began'
DATED_BY = re.compile(r"\b(since|after|before|when)\s+(the|a|an|this|its|their|western|new)\b[^,;.]*$", re.I)
# an observation that something is not happening is no stance on it: 'there are no signs of a withdrawal'
OBSERVED = re.compile(r"\b(no|any|little)\s+(signs?|evidence|indications?|traces?)(\s+whatsoever|\s+at all)?"
                      r"\s+(of|that)\s+(?:(?!\b(?:but|and|while|whereas)\b)[^.;:]){0,60}$", re.I)


def _others(before: str, speaker: str, roles: set[str]) -> bool:
    """A speaker's account of another party's aim or readiness, not a stance of the speaker's own; 'Kyiv was
    ready', said by Ukraine's negotiator (``roles``: the speaker's titles in the article), is his side's."""
    ready = OTHERS_READY.search(before)
    if OTHERS_AIM.search(before):
        return True
    if ready is None or ready.group(1).lower() in speaker.lower():
        return False
    party = state_of_seat(ready.group(1)) or ready.group(1)
    return not any(w in role for role in roles for w in (party, demonym(party)))


def _owned(evidence: str, at: int) -> bool:
    """"the Kremlin's true willingness to negotiate": the owner's stand, not the actor's; "blocked the EU's new
    sanctions package" is the actor's act on the owner's thing."""
    owned = OWNED.search(evidence[max(0, at - 60):at])
    if owned is None:
        return False
    words = re.findall(r"\w+", owned.group(0).split(None, 1)[-1] if " " in owned.group(0).strip() else "")
    words += re.findall(r"\w+", evidence[at:at + 30])[:1]
    return any(w.lower() in ACT_NOUNS or w.lower().rstrip("s") in ACT_NOUNS for w in words)


def no_stance(evidence: str, at: int, actor: str, speaker_roles: set[str] | None, end: int | None = None) -> bool:
    """The words before the match make it no stance of the actor's: an owner's stand, a concession, an
    observation, a condition, or (``speaker_roles`` given: a statement) another party's aim or readiness."""
    before = evidence[:at]
    if IN_SPITE.search(evidence, at, end or at):  # 'as Russia - despite sanctions - has ties': a concession
        return True
    if _owned(evidence, at) or CONCEDED.search(before) or OBSERVED.search(before) or SUPPOSED.search(before) or (
            DATED_BY.search(before)) or LABELLED.search(before):
        return True
    return speaker_roles is not None and _others(before[before.rfind(". ") + 1:], actor, speaker_roles)


def match(topic: Topic, text: str) -> tuple[int, int, PatternStance] | None:
    if any(u.search(text) for u in topic.unless):
        return None
    for p in topic.patterns:
        m = p.regex.search(text)
        if m:
            return m.start(), m.end(), p.stance
    return None


def _negations(tokens: list[Token]) -> int:
    n = sum(1 for t in tokens if (t.dep_ == "neg" or t.lower_ in NEGATORS) and not _untold(t))
    if n and any(t.lower_ in DOUBLE for t in tokens):
        n += 1
    return n


def _untold(neg: Token) -> bool:
    """The negation denies a telling, not the act told of: 'did not disclose the weapons it sent'."""
    verb = neg.head
    return verb.lemma_.lower() in UNTOLD or verb.lemma_.lower() == "make" and any(
        c.lower_ == "public" for c in verb.children)


def clause(evidence: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of the evidence around a match up to the clause boundaries on either side."""
    left = max((m.end() for m in BOUNDARY.finditer(evidence, 0, start)), default=0)
    # the clause the match starts in: a long pattern may run on past ", and it will not ..."
    right = next((m.start() for m in BOUNDARY.finditer(evidence, start + 1)), len(evidence))
    return left, max(right, min(end, right))


def judge(fixed: PatternStance, cue: str | None, tokens: list[Token], before_match: str, matched: str = "",
            after_match: str = "") -> Stance:
    """``tokens``: the clause around the match; ``before_match`` and ``after_match``: its words either side."""
    flips = _negations(tokens)
    negative = inside = False
    if cue:
        stem = re.escape(cue[:-1] if len(cue) > 4 else cue)
        negative, inside = cue.lower() in NEGATIVE_CUES, bool(re.search(rf"\b{stem}", matched, re.I))
        if negative and not inside:
            flips += 1  # the cue says it once: 'cautioned against X', 'accused X of' are no double negatives
        before_match = re.sub(rf"\b{stem}\w*(\s+\w+ly)?(\s+(against|of|for|out))?\b", "", before_match, count=1,
                              flags=re.I)
    if AGAINST.search(before_match) or PREFERRED.search(before_match):
        flips += 1
    if fixed == "auto" and (REFUSED.search(matched) or negative and inside):
        flips += 1  # 'Kyiv has refused to pull out of Donetsk': the refusal inside the matched words
    if UNDO.search(before_match + " " + matched):
        flips += 1
    if REJECTED_AFTER.search(after_match):
        flips += 1  # 'foreign troops in Ukraine would be legitimate targets'
    base: Stance = "oppose" if fixed == "oppose" else "support"  # 'auto' is support unless flipped
    if flips % 2:
        return "oppose" if base == "support" else "support"
    return base
