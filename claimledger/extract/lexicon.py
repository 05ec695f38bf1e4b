"""Cue lexicon: the verbs and nouns that introduce what someone said, claimed or reported.

Covers speech (say, tell), assertion (claim, insist), report (report, reveal), estimation (estimate,
calculate), argument (argue, suggest), warning and demand (warn, urge), denial (deny, reject) and
cognition when used to report a stated position (believe, think). Inference verbs ("imply",
"mean") and perception verbs ("see", "hear") are left out: they rarely carry an attribution.
"""

from __future__ import annotations

SPEECH_VERBS = frozenset("""
say tell state declare announce add remark comment note mention observe explain reply respond answer
retort quip joke shout whisper write tweet post blog testify recount recall recollect describe
reiterate repeat stress emphasize emphasise underline underscore highlight point insist maintain
assert aver affirm confirm acknowledge admit concede allow grant agree disagree concur
claim contend argue reason suggest propose posit hypothesize speculate predict forecast project
estimate calculate reckon figure count put gauge guess assess judge conclude find determine
report reveal disclose divulge leak publish show indicate signal hint
warn caution alert threaten vow pledge promise swear guarantee assure reassure
demand urge call press plead beg ask request appeal implore
deny dispute reject refute rebut dismiss contest challenge question doubt
complain lament bemoan protest object criticize criticise condemn denounce decry accuse charge blame allege
praise hail welcome applaud credit thank
believe think feel expect hope fear worry suspect consider know understand
inform brief notify advise counsel teach
boast brag confess apologize apologise
specify clarify elaborate detail outline summarize summarise
decide order instruct direct
insinuate
mutter murmur exclaim cry yell scream mourn
quote cite paraphrase
recommend advocate endorse support oppose favour favor
attest certify verify
anticipate envisage envision
proclaim pronounce profess opine editorialize
label brand dub term characterize characterise portray depict express voice
""".split())

# verbs that report only with a clausal complement, never with a bare object ("she put the cup down")
NEEDS_CLAUSE = frozenset("""put figure count find determine show indicate signal consider know understand feel
find judge project call press order direct decide advise counsel allow grant charge credit thank praise hail
welcome applaud support oppose favour favor endorse advocate recommend recall describe label brand dub term
characterize characterise portray depict express voice""".split())

# nouns whose "that"-clause is a reported statement: "rejects claims that ...", "her view that ..."
CUE_NOUNS = frozenset("""
claim claims statement assertion allegation allegations notion idea suggestion argument view belief
contention insistence warning warnings report reports estimate estimates assessment conclusion finding
findings promise pledge vow threat demand demands denial remarks comment comments message announcement
admission confession prediction forecast projection fear fears hope hopes concern concerns accusation
accusations charge charges complaint theory position stance opinion verdict testimony rumour rumor
""".split())

# prepositional cues: "according to X", "in X's view", "per X"
ACCORDING = ("according to", "in the words of", "in the view of", "as reported by", "as stated by")

# phrasal cues kept whole as the cue span: "pointed out", "went on"
PARTICLES = frozenset("out on up about forward".split())

# nouns that make a subject a source though it is not a name: "a study by CSIS suggests ..."
SOURCE_NOUNS = frozenset("""
study report survey poll analysis assessment estimate estimates paper research review investigation
statement document memo letter filing data figures intelligence briefing audit census article
""".split())

LEXICON_SIZE = len(SPEECH_VERBS) + len(CUE_NOUNS) + len(ACCORDING)
