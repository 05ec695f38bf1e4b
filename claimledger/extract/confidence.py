"""Every confidence value the extractor gives, in one table: how much each way of finding a record is trusted.

A statement's confidence is the value of the rule that found it times the factor of how its speaker was
named; a position's is the value of its evidence times ``POSITION_FACTOR``.
"""

from __future__ import annotations

from typing import Final, Literal

# the rule that found a statement candidate (see statements/)
Rule = Literal["cue", "cue_unattributed", "parenthetical", "according", "partial", "intro", "colon", "run",
               "dash", "dash_bare", "label"]
STATEMENT: Final[dict[Rule, float]] = {
    "cue": 0.85,  # 'X said that ...' with its subject
    "cue_unattributed": 0.4,  # a cue verb with no subject to name
    "parenthetical": 0.8,  # 'Currently, she noted, there are ...'
    "according": 0.85,  # 'according to X, ...'
    "partial": 0.75,  # a quoted phrase inside the writer's sentence
    "intro": 0.85,  # 'X said, "..."'
    "colon": 0.85,  # 'X told parliament: "..."'
    "run": 0.6,  # a quote with no cue of its own, continuing the run before it
    "dash": 0.85,  # '– ..., she said.'
    "dash_bare": 0.65,  # a dash paragraph with no attribution
    "label": 0.75,  # 'WALLACE: ...', 'Kallas: ...'
}
UNATTRIBUTED_CAP: Final = 0.4  # a statement nobody could be named for is never trusted more than this

# how the speaker was named
Naming = Literal["name", "pronoun", "relative", "role", "run", "paragraph"]
NAMING: Final[dict[Naming, float]] = {
    "name": 1.0,  # a name, or a phrase holding one
    "pronoun": 0.8,
    "relative": 0.8,  # 'who said', through its antecedent
    "role": 0.75,  # 'the minister', 'the institute'
    "run": 0.85,  # inherited from the statement before
    "paragraph": 0.7,  # the person the paragraph before is about
}

# evidence of a position that is not a statement
POSITION_ACT: Final = 0.6  # 'Ukraine has rejected ...'
POSITION_NOUN: Final = 0.5  # 'the EU's strategy of ...'
POSITION_FACTOR: Final = 0.9
