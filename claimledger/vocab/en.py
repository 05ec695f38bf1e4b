"""The English lexicon: every word list claimledger uses, grouped by the stage that reads it.

One module per language, as spaCy keeps ``lang/en/`` and textacy ``constants.REPORTING_VERBS``: a rule
never spells a word inline, so adding a language or a word is an edit here. Statements' cues cover
speech (say, tell), assertion (claim, insist), report (report, reveal), estimation (estimate,
calculate), argument (argue, suggest), warning and demand (warn, urge), denial (deny, reject) and
cognition when used to report a stated position (believe, think). Inference verbs ("imply",
"mean") and perception verbs ("see", "hear") are left out: they rarely carry an attribution.
"""

from __future__ import annotations

import re

from ..kinds import EventKind

# -- Mentions: titles dropped from the front of a name ---------------------------------------------------
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "president", "prime", "minister",
              "chancellor", "gen", "general", "col", "sen", "senator", "rep", "gov", "governor", "king",
              "queen", "pope", "lord", "lady", "mr.", "mrs.", "ms.", "dr."}

# -- Speakers: pronouns, honorifics and the role nouns that stand for people and organisations -----------
FEMALE = {"she", "her", "hers", "herself"}
MALE = {"he", "him", "his", "himself"}
PLURAL = {"they", "them", "their", "themselves"}
NEUTER = {"it", "its", "itself"}
RELATIVE = {"who", "which", "that", "whom"}
PRONOUNS = FEMALE | MALE | PLURAL | NEUTER
PERSONAL = frozenset({"she", "he", "her", "him"})  # pronouns that stand for one person, as subject or object
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it"})  # an act's subject that must be resolved to an actor
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "mrs": "f", "mrs.": "f",
                    "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f", "queen": "f"}
ROLE_STOP = {"the", "a", "an", "'s", "’s", "of", "former", "current", "then", "new", "top", "chief", "own"}
# role heads that stand for people, so a role noun subject can be matched to a person actor
PERSON_ROLES = set("""president minister chancellor leader diplomat envoy secretary spokesman spokeswoman
spokesperson director chief head premier governor senator mayor commander general ambassador official
negotiator adviser advisor king queen prince chairman chairwoman chair deputy foreign representative
analyst expert economist researcher professor author lawyer prosecutor judge politician dictator autocrat
strongman statesman lawmaker legislator""".split())
# role nouns that name an unnamed source more often than they point back to the person quoted last
GENERIC_ROLES = frozenset("analyst expert economist researcher official representative deputy author".split())
# nouns for a state's or organisation's institutions: the speaker is "<owner> <institution>"
INSTITUTIONS = set("""military army forces ministry government officials intelligence command staff office
prosecutor prosecutors authorities police navy service services presidency embassy parliament mission delegation
cabinet""".split())
# role heads that stand for organisations: 'the institute estimates ...'
ORG_ROLES = set("""institute institution tank ministry department agency company firm organisation organization group
government administration council commission committee office newspaper paper channel broadcaster network
union bank fund court party campaign center centre university foundation""".split())

# -- Statements: the verbs and nouns that introduce what someone said, claimed or reported ---------------
SPEECH_VERBS = frozenset("""
say tell state declare announce add remark comment note mention observe explain reply respond answer
retort quip joke shout whisper write tweet post blog testify recount recall recollect describe
reiterate reaffirm reassert restate repeat stress emphasize emphasise underline underscore highlight point insist
maintain remind imply downplay
assert aver affirm confirm acknowledge admit concede allow grant agree disagree concur
claim contend argue reason suggest propose posit hypothesize speculate predict forecast project
estimate calculate reckon figure count put gauge guess assess judge conclude find determine
report reveal disclose divulge leak publish show indicate signal hint
warn caution alert threaten vow pledge promise swear guarantee assure reassure
demand urge call press plead beg ask request appeal implore
deny dispute reject refute rebut dismiss contest challenge question doubt debunk ridicule deride mock
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
# verbs that are cues only right after a quote: '"...," Lukashenko continued.'
GOING_ON = frozenset({"continue", "conclude", "resume"})
# auxiliaries of speech that has not happened: 'will ask', 'could stress' (not statements, guideline 1)
HYPOTHETICAL = frozenset({"will", "'ll", "could", "might", "may", "should", "would", "can", "must", "shall"})
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
declaration declarations threats pledges vows promises assurance assurances appeal appeals
""".split())
# prepositional cues: "according to X", "in X's view", "per X"
ACCORDING = ("according to", "in the words of", "in the view of", "as reported by", "as stated by")
# phrasal cues kept whole as the cue span: "pointed out", "went on"
PARTICLES = frozenset("out on up about forward".split())
# the lower-case words inside a surname ('Ursula von der Leyen', 'Lula da Silva')
NAME_PARTICLES = frozenset("von van der den de da di du le la bin al el dos das del".split())
# small words an organisation's acronym skips: the 'Institute for the Study of War' is the ISW
ACRONYM_SKIPS = frozenset("of for the and on in at to de".split())
# words before a headline's colon that introduce the story, not its speaker: 'Analysis: ...', 'Live: ...'
HEADLINE_KICKERS = frozenset("""analysis opinion exclusive live watch explainer update updates breaking editorial
comment interview review video photos factbox timeline factcheck podcast newsletter latest""".split()) | {
    "fact check", "read more", "what we know"}
# nouns of speech acts that stand for unnamed speakers: 'there were reports of ...', 'there were accusations that'
REPORT_NOUNS = frozenset("""report accusation claim allegation warning call demand rumour rumor suggestion
assertion""".split())
# nouns that name words rather than claim them: 'emphasized the idea of a "swapping of territories"'
TERM_NOUNS = frozenset("idea notion concept term word words phrase slogan expression label".split())
# verbs whose subject performs the speech act their noun object names: 'has made threats to ...', 'issued a
# warning against ...' (the subject of 'rejected the notion of ...' made no notion)
VOICING_VERBS = frozenset("""make issue voice repeat renew reiterate express send deliver publish post release
announce lodge file level raise air put sound step""".split())
# private mental states: statements only for assessing sources ('analysts fear'), with quoted words, or as a
# participle of a speech event; 'Putin feels that ...', 'Germany fears ...' is the writer's narration (guideline 1)
MENTAL_VERBS = frozenset("believe think feel fear hope expect favour favor suspect worry".split())
# months and weekdays, for a date the tagger missed ('said in May that ...')
CALENDAR_WORDS = frozenset("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday""".split())
# verbs of a topic: a statement only through the quoted words they carry ('spoke about "militarization"')
TOPIC_CUES = frozenset("speak talk refer elaborate comment dwell reflect".split())
# words that open a sentence without being part of what was said: "But, she said, ..." (guideline 3)
OPENING_CONNECTIVES = frozenset("and but however yet so still meanwhile moreover nonetheless nevertheless".split())
# nouns that make a subject a source though it is not a name: "a study by CSIS suggests ..."
SOURCE_NOUNS = frozenset("""
study report survey poll polls analysis assessment estimate estimates paper research review investigation
statement document memo letter filing data figures intelligence briefing audit census article
""".split())
# documents with an author, whose words and counts are the author's: "a report by the UN rights office"
DOCUMENT_NOUNS = frozenset("""report study survey poll assessment analysis review investigation audit census paper
dossier data information figures statistics tally""".split())
# verbs that put a document out: "the ministry released a report"
PUBLISH_VERBS = frozenset("release publish issue produce compile prepare present unveil commission conduct "
                          "write submit deliver".split())
WH = {"what", "how", "why", "where", "when", "whether", "if", "who", "which"}
# verbs whose wh-clause is the reported question itself: 'asked whether the talks would resume'
QUESTION_CUES = frozenset("ask question wonder inquire enquire query".split())
# verbs that report a clause but do not govern a partial quote: 'put pressure on Russia by presenting a "plan"'
NO_PARTIAL = frozenset("""put figure count find determine show indicate signal know understand feel consider judge
project allow grant charge credit order direct decide add""".split())
META_NOUNS = CUE_NOUNS | {"figure", "number", "move", "sign", "step", "remark", "estimate", "account", "version"}
# directives and commissives report an infinitive: 'urged Europe to act', 'vowed to retaliate'
INFINITIVE_CUES = frozenset("""urge ask call press demand beg plead implore request instruct order tell advise warn
promise vow pledge threaten swear refuse decline agree offer propose encourage""".split())
# directives that are acts of authority, not statements: 'ordered the troops to withdraw' (guideline 1)
AUTHORITY = frozenset("order direct instruct allow".split())
# complements of speech acts are statements too (the guideline, 3): the verb is the cue, its complement the content
# verb + preposition: 'called for a ceasefire', 'warned against concessions', 'insisted on a vote'
PREP_CUES: dict[str, frozenset[str]] = {v: frozenset(p.split("/")) for v, p in (
    ("call", "for"), ("warn", "against/about/of"), ("caution", "against/about"), ("insist", "on"),
    ("push", "for"), ("appeal", "for"), ("argue", "for/against"), ("complain", "about/of"), ("plead", "for"),
    ("press", "for"), ("lobby", "for"), ("campaign", "for/against"), ("advocate", "for"), ("speak", "of"),
    ("hint", "at"), ("vouch", "for"), ("agitate", "for"), ("clamour", "for"), ("clamor", "for"))}
# verb + object + of/for: the object and its charge are the content ('accused Russia of stalling')
BLAME_CUES = frozenset("""accuse blame criticize criticise fault condemn denounce praise commend thank credit
ridicule deride mock dismiss slam blast decry""".split())
# verb + object + as/to: only the predicate is the content ('labeled him as a "predator"', 'likened X to Y')
LABEL_CUES = frozenset("label describe brand dub term characterize characterise portray depict liken compare".split())
# verb + noun object that carries the claim: 'stressed the need for ...', 'questioned Russia's sincerity'
OBJECT_CUES = frozenset("""demand propose suggest cite question emphasize emphasise stress underline underscore
highlight predict forecast""".split())
# what a report, study or survey does to its findings: 'the report documented 864 cases' (the object is content)
DOCUMENT_CUES = frozenset("document detail record list identify find show include describe mention note count".split())
# light verbs whose object is a stance noun: 'voiced skepticism over ...', 'expressed readiness to ...'
LIGHT_CUES = frozenset("express voice convey raise reiterate signal air echo".split())
# participles that characterize as part of a speech event: 'cautioned against X, viewing it as a manipulation'
VIEW_CUES = frozenset("view see regard".split())
STANCE_NOUNS = frozenset("""skepticism scepticism concern concerns doubt doubts readiness willingness frustration
hope hopes support opposition urgency need necessity intention intent regret confidence optimism pessimism fear
fears alarm anger outrage disappointment dismay satisfaction gratitude solidarity sympathy condolences interest
desire commitment determination criticism objection objections reservations disapproval approval preference
openness unwillingness reluctance resolve insistence demand demands wish""".split())

# -- Numbers: number words, scales, fractions, currencies and the qualifiers before a figure -------------
UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6,
          "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "trn": 1e12, "tn": 1e12}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "sixth": 1 / 6, "tenth": 0.1,
             "two-thirds": 2 / 3, "three-quarters": 0.75, "thirds": 1 / 3, "quarters": 0.25, "fifths": 0.2,
             "tenths": 0.1}
# counted in the plural, these are events or scores, not time: 'three rounds of talks', 'fell 500 points'
COUNTABLE_TIMES = frozenset({"round", "point", "session"})
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB", "¥": "JPY"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
                  "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP", "hryvnia": "UAH",
                  "hryvnias": "UAH", "hryvnas": "UAH", "uah": "UAH", "rouble": "RUB", "roubles": "RUB",
                  "ruble": "RUB", "rubles": "RUB", "rub": "RUB", "yen": "JPY", "yuan": "CNY", "crowns": "crowns",
                  "crown": "crowns", "kronor": "SEK", "zloty": "PLN", "zlotys": "PLN"}
QUALIFIERS = ["more than", "less than", "fewer than", "at least", "at most", "up to", "as many as", "as much as",
              "as few as", "close to", "nearly", "almost", "about", "around", "approximately", "roughly", "some",
              "over", "under", "just over", "just under", "upwards of", "an estimated", "estimated", "below",
              "above", "in excess of", "no fewer than", "no less than", "not more than", "roughly", "circa", "c."]

# -- Dates: months, weekdays and counts in relative dates ------------------------------------------------
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3, "a few": 3}
UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}

# -- Figures: what a number counts, and the words that make it no figure ---------------------------------
TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "time", "round",
              "term", "night", "weekend", "session", "stage", "phase", "point", "step"}
PEOPLE = {"people", "person", "soldier", "troop", "civilian", "man", "woman", "child", "refugee", "citizen",
          "resident", "casualty", "death", "fatality", "victim", "prisoner", "fighter", "serviceman", "servicemen",
          "personnel", "worker", "patient", "family", "ukrainian", "russian", "volunteer", "conscript", "recruit",
          "body", "inhabitant", "voter", "member", "student", "employee", "official", "officer", "pow", "captive"}
MEASURES = {
    "killed": {"kill", "die", "dead", "death", "fatality", "perish", "slay", "execute", "eliminate", "neutralise",
               "neutralize", "liquidate"},
    "wounded": {"wound", "injure", "injury", "wounded", "injured"},
    "missing": {"missing", "disappear", "vanish"},
    "casualties": {"casualty", "loss", "losses", "lose"},
    "displaced": {"displace", "flee", "refugee", "evacuate", "uproot", "displaced"},
    "captured": {"capture", "prisoner", "detain", "imprison", "pow", "captive", "exchange", "swap"},
    "spent": {"spend", "cost", "expenditure", "budget"},
    "pledged": {"pledge", "promise", "commit", "allocate", "earmark", "approve"},
    "received": {"receive", "get", "obtain"},
    "fired": {"fire", "launch", "shoot"},
    "aid": {"aid", "assistance", "support", "funding"},
    "destroyed": {"destroy", "destruction"},
    "damaged": {"damage"},
    "lost": set(),
}
MEASURE_OF = {w: m for m, ws in MEASURES.items() for w in ws}
PROJECTION = re.compile(r"\b(on track to|expected to|set to|projected|forecast|could (reach|rise|top|hit)|"
                        r"will (reach|rise|top|hit|exceed)|likely to (reach|rise|top))\b", re.I)
PERIOD_PREPS = {"since", "during", "over", "throughout", "in", "between", "from", "until", "through", "within"}
VAGUE = {"dozens", "hundreds", "thousands", "millions", "billions", "scores", "tens"}
# nouns that total what their 'of' phrase names: 'the number of soldiers killed', 'the death toll'
TOTAL_NOUNS = frozenset({"number", "total", "toll", "tally", "figure"})
# what a period after 'since' or 'during' may name when it names no date: 'since the invasion'
PERIOD_NOUNS = frozenset({"war", "invasion", "start", "conflict", "beginning", "fighting"})
CIVILIAN_NOUNS = frozenset({"civilian", "child", "resident", "inhabitant"})
SCALE_WORDS = frozenset({"million", "billion", "trillion", "thousand", "hundred"})

# -- Positions: acts and stands, the cues that oppose, negation and its scope ----------------------------
# acts that put an actor on a side: the verb's subject is the actor, its clause the evidence
ACT_VERBS = frozenset("""
reject oppose refuse deny dismiss criticize criticise condemn warn resist veto block denounce rebuff decry
support back endorse favor favour welcome demand insist push press pressure pressurize urge call seek want propose
offer float suggest emphasize emphasise stress advocate champion agree accept approve express pledge promise vow
impose adopt tighten lift ease issue prepare plan consider demand require see believe
provide supply send deliver donate ship transfer fund finance announce suspend
freeze seize confiscate ban halt pause withhold deploy station allocate commit threaten
""".split())
# nouns naming an actor's stand, with the actor as possessor: "the EU's strategy of ..."
ACT_NOUNS = frozenset("""
strategy plan proposal demand demands push call decision policy position idea insistence refusal rejection
offer opposition support warning package intention intent determination goal aim bid readiness willingness
""".split())
# objects that refer back to what was proposed: 'rejected the proposal'; and the words that proposed it
REFERRING = frozenset("proposal plan offer idea demand initiative suggestion ultimatum".split())
PROPOSING = frozenset("propose proposal offer suggest demand plan call".split())
# the documents a side proposes: 'the plan' the article gave an owner before is that owner's
PLANS = frozenset("plan proposal draft framework initiative blueprint".split())
# verbs that put a plan or proposal forward: their subject is its proponent ('Zelensky has put forward a plan')
PROPOSE_VERBS = frozenset("put present unveil propose submit table offer outline lay advance".split())
NEGATIVE_CUES = frozenset("""
reject oppose refuse deny dismiss criticize criticise condemn warn resist veto block denounce rebuff decry object
caution slam refusal rejection opposition warning criticism accuse blame chastise rebuke castigate berate
complain lament deplore
""".split())
NEGATORS = frozenset({"not", "n't", "no", "never", "nothing", "neither", "nor", "cannot", "without", "impossible"})
# a negated telling is no negated act: 'chose not to make public the weapons it sent', 'did not disclose how much'
UNTOLD = frozenset("disclose reveal publish specify detail comment elaborate publicise publicize".split())
DOUBLE = frozenset({"unless", "until"})  # "no peace unless X": X is wanted
AGAINST = re.compile(r"\b(against|unilateral(ly)?|at the expense of|dangers? of|risks? of|lash\w* out at|accus\w*|"
                     r"blam\w*|criticis\w*|criticiz\w*|condemn\w*|denounc\w*|reject\w*|oppos(e|es|ed|ing)\b|refus\w*|"
                     r"rul(e|es|ed|ing) out|dismiss\w*|veto\w*|block\w*|resist\w*|halt\w*|paus\w*|suspend\w*|"
                     r"den(y|ies|ied|ying)|cut\w* off|withh[oe]ld\w*|scrap\w*|cancel\w*|torpedo\w*|sabotag\w*|"
                     r"undermin\w*|"
                     r"obstruct\w*|complain\w*|lament\w*|deplor\w*|"
                     r"(a|the|no)\s+(\w+\s+)?(problem|mistake|obstacle)s?\s+(for|to|with|of|in))\b", re.I)
# ('not a problem for X to strike Russia': the evaluation and its negation cancel, the stance stays)
# undoing the topic, wherever it stands in the clause: "help Russia bypass Western sanctions"
UNDO = re.compile(r"\b(bypass\w*|evad\w*|circumvent\w*|get around|refrain\w* from|avoid\w*)\b", re.I)
# a negation reaches the topic phrase only within its clause: these end one clause and start the next
BOUNDARY = re.compile(r"[.;:,]\s|\s[–—]\s|\b(but|as|because|while|whereas|although|though|however)\b", re.I)
# a refusal the matched words hold ('Kyiv has refused to pull out of Donetsk'); halts and pauses are no refusal
REFUSED = re.compile(r"\b(refus\w*|reject\w*|rul(e|es|ed|ing) out|oppos(e|es|ed|ing)\b|resist\w*|veto\w*|"
                     r"den(y|ies|ied|ying)\b|block(s|ed|ing)?\b)", re.I)
# an evaluation after the thing that turns it down: 'troops in Ukraine would be legitimate targets'
REJECTED_AFTER = re.compile(r"\b(unacceptable|inadmissible|out of the question|(legitimate|fair) targets?|a red line|"
                            r"(a )?non-?starters?|a threat to|a provocation|a trap|rul(ed|e) out|tantamount to|"
                            r"(legitimi[sz]\w*|reward\w*|embolden\w*) ([\w'’-]+ ){0,4}(aggression|aggressor|invasion)|"
                            r"would (mark|mean|amount to|constitute|be seen as) ([\w'’-]+ ){0,3}(involvement|"
                            r"escalation|participation|declaration of war)|"
                            # the thing judged not to work, or to stand in the way of peace
                            r"counter-?productive|backfir\w*|futile|pointless|useless|(do|does|did|will) not work|"
                            r"(don['’]t|doesn['’]t|didn['’]t|won['’]t) work|(hinder|hamper|undermin|obstruct)\w* "
                            r"([\w'’-]+ ){0,3}(dialogue|talks|peace|diplomacy|negotiations))\b", re.I)
MODALS = frozenset({"must", "should", "ought", "shall"})  # "Russia must agree": someone's demand, not an act
OWNED = re.compile(r"\w+['’]s\s+(\w+\s+){0,2}$")  # "the Kremlin's true willingness to ...": the owner's stance

# words that name a news outlet or a poll: reporting and polling earn no position ('Washington Post-ABC News poll')
MEDIA_WORDS = frozenset("""news times post journal agency radio television tv herald gazette tribune press wire
reuters afp bloomberg cnn bbc nbc cbs abc poll survey newspaper magazine daily telegraph guardian welt zeitung
spiegel monde figaro izvestia kommersant tass ria interfax ukrinform unian belta pap twitter telegram facebook
instagram youtube tiktok ipsos gallup yougov axios levada""".split())
# seats that stand for their government in news copy ('the Kremlin said'), besides capitals (GeoNames)
SEATS = {"Kremlin": "Russia", "White House": "United States", "Downing Street": "United Kingdom",
         "Elysee": "France", "Élysée": "France", "Bankova": "Ukraine", "Zhongnanhai": "China",
         "Kiev": "Ukraine", "Peking": "China"}  # and the old spellings of capitals news still uses

# -- Events: the words that name a meeting, a round of talks, a summit or a call -------------------------
TRIGGERS: dict[str, EventKind] = {
    "meet": "meeting", "meeting": "meeting", "talk": "talks", "talks": "talks", "negotiation": "talks",
    "summit": "summit", "round": "talks", "call": "call", "phone": "call", "visit": "meeting",
    "host": "meeting", "gather": "meeting"}

# who stand for their state at a meeting: 'Ukrainian and Russian delegations', not 'a Ukrainian actor'
STATE_BODIES = frozenset("""delegation delegate side government team party official diplomat negotiator representative
envoy""".split())

# -- Queries: a reader's words for a quantity ------------------------------------------------------------
BOTH = {"both", "total", "combined", "overall", "all"}
QUERY_MEASURES = {"deaths": "killed", "dead": "killed", "died": "killed", "killed": "killed", "fatalities": "killed",
                  "casualties": "casualties", "losses": "casualties", "wounded": "wounded", "injured": "wounded",
                  "missing": "missing", "displaced": "displaced", "refugees": "displaced", "prisoners": "captured",
                  "captured": "captured", "spent": "spent", "spending": "spent", "cost": "spent", "costs": "spent",
                  "pledged": "pledged", "pledges": "pledged", "aid": "aid", "received": "received", "fired": "fired"}

# units a reader names in a quantity query ('Russian tanks lost')
QUERY_UNITS = frozenset("tanks drones aircraft jets helicopters missiles shells".split())

# participles of the measure verbs that do not take -ed: 'displacing' -> 'displaced', 'lose' -> 'lost'
IRREGULAR_PARTICIPLES = {"lose": "lost", "spend": "spent", "flee": "fled", "get": "got", "shoot": "shot", "pay": "paid",
                         "meet": "met"}

# East Slavic diminutives the English nickname lists lack: 'Volodya Zelensky' is Volodymyr Zelensky
SLAVIC_DIMINUTIVES = {"volodya": "vladimir volodymyr", "vova": "vladimir volodymyr", "sasha": "aleksandr oleksandr",
                      "dima": "dmitry dmytro", "seryozha": "sergei serhiy", "misha": "mikhail mykhailo",
                      "kolya": "nikolai mykola", "vanya": "ivan", "zhenya": "yevgeny yevhen", "petya": "pyotr petro",
                      "lyosha": "aleksei oleksiy", "tolya": "anatoly anatoliy", "yura": "yuri yuriy"}

# meetings: one only spoken of or called off, one still to come, a clause that says when another happens
UNREAL = frozenset("""possible potential hypothetical refusal refuse suppose supposed hope want cancel postpone call
rule possibility prospect chance idea urge invite readiness willingness ready willing offer propose proposal""".split())
AHEAD = frozenset("upcoming planned scheduled due expect plan schedule next coming prepare".split())
WHEN = frozenset("when while as once".split())
# a named venue a meeting is at: 'at the Lisbon Security Forum'
VENUES = frozenset("conference forum palace hall centre center house castle hotel airport base dialogue".split())
# verbs whose object is someone the subject faces: at a meeting, the object was there too
ADDRESSED = frozenset("""tell press urge ask thank assure brief greet welcome receive join inform congratulate
reassure persuade convince show hand give promise""".split())
# a forecast of another party's act is no act: 'would expect the EU to adopt sanctions'
FORECAST = frozenset("expect predict anticipate forecast".split())
# modals of a meeting that may or may not be: 'could meet', 'may come to the summit'
HEDGES = frozenset({"may", "might", "could"})
