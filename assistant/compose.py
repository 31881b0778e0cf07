"""What kind of fact a question asks for, whether a sentence holds one, and where a list a sentence
introduces continues."""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.concepts import last_question_start
from ingest.segment import sentence_spans

# "What did a small firm have to pay?", "hva måtte bedriftene betale?": a sum; "what did they pay for?" asks for a thing,
# "hva må vi betale for å delta?" (to take part) for a sum again.
_WHAT_PAID = r"(?:what\s+(?:\S+\s+){1,6}?pa(?:y|ys|id)|hva\s+(?:\S+\s+){0,4}?betal(?:e|er|te|t))\b(?!\s+for\b(?!\s+å\b))"
_NUMBER_Q = re.compile(r"\b(how\s+(much|many|large|big|long|high|often)|what\s+(share|percentage|amount|sum|rate|number)|"
                       r"hvor\s+(mye|mange|stor|store|stort|lang|høy|høyt|ofte)|hvilken\s+(andel|sum|sats)|hva\s+kostet|antall|"
                       r"\w*beløp\w*|amount|maximum|minimum|prosent\w*|percent\w*|andel\w*|\w*budsjett\w*|\w*budget\w*|"
                       r"cost\w*|kost\w*|rate|sats(?!ing|et\b|e\b|a\b)\w*|\w+(?<!inn)sats(?:en|er|ene)?|timepris\w*|"
                       r"pris|price|maksimal\w*|average|gjennomsnitt\w*|score|" + _WHAT_PAID + r")\b", re.IGNORECASE)
# "What was the company's annual revenue?": a figure, though no word of _NUMBER_Q asks for one.
_REVENUE_Q = re.compile(r"\b(?:what|hva|hvor\s+(?:stor|høy))\s+(?:was|were|is|are|var|er|ble)\s+(?:\S+\s+){0,3}?"
                        r"(?:revenue|turnover|omsetning\w*)\b", re.IGNORECASE)
# "When"/"når" asks for a time only as the question word; inside a question it joins clauses ("how did Trinn 1
# run when the pandemic came?", "who signed up when the project started?").
_WHEN_Q = re.compile(r"(^\W*|[,;:]\s*|\b(and|og)\s+)(when|når)\b|\b(what\s+year|which\s+year|hvilket\s+år|dato|date|"
                     r"deadline|\w*frist\w*|since\s+when|fra\s+når)\b", re.IGNORECASE)
# "Which of the innovation companies ...?", "hvilke av dem ...?", "which two companies ...?": a choice among named
# things asks for their names.
_NAME_Q = re.compile(r"\b(hva\s+heter|what\s+is\s+the\s+name|who\s+is|who\s+was|hvem\s+er|hvem\s+var|"
                     r"contact\s+person|kontaktperson|named?|(?<!-)called|kalles|kalt|"
                     r"which\s+(?:ones?\s+)?of\s+(?:the|them|these|those)|hvilke[nt]?\s+av\s+(?:de|dem|disse)|"
                     r"which\s+(?:two|three|four|five|[2-9])\s+\w+|hvilke\s+(?:to|tre|fire|fem|[2-9])\s+\w+)\b",
                     re.IGNORECASE)
# "Which innovation companies pulled out?", "hvilke bedrifter deltok?": organisations that did something are named;
# "which companies can apply?" asks who may, a kind of company.
_WHICH_ORGS = re.compile(r"\b(?:which|hvilke[nt]?)\s+(?!(?:kinds?|types?|sorts?|typer?|slags)\b)(?:\w+\s+)?"
                         r"(?:compan(?:y|ies)|firms?|business(?:es)?|organi[sz]ations?|incubators?|business\s+gardens?|"
                         r"partners?|bedrift(?:er|ene)?|\w*selskap(?:et|er|ene)?|næringshage(?:n|r|ne)?|"
                         r"inkubator(?:en|er|ene)?|organisasjon(?:en|er|ene)?|aktør(?:en|er|ene)?|partnere?)\b", re.IGNORECASE)
_MAY = re.compile(r"\b(?:can|could|may|might|should|must|kan|kunne|får|må|skal|bør)\b", re.IGNORECASE)
# A question for a person in a role (the leader, the contact) is answered by a person's name only.
_PERSON_Q = re.compile(r"\b(hva\s+heter|hvem\s+(er|var)|who\s+(is|was)|name\s+of|navnet\s+på)\s+(\S+\s+){0,3}?"
                       r"(\w*leder\w*|leader|chair\w*|\w*manager|kontaktperson\w*|contact\s+person|\w*direktør\w*|"
                       r"director|ceo|sjef\w*|head|representant(?:en)?|representative|"
                       r"koordinator\w*|coordinator|rådgiver\w*|advis[eo]r|(?<!per\s)person(?:en)?)\b", re.IGNORECASE)
# The documents describe a finished programme; a question about the present or the future (this year's
# deadline, the next meeting, today's rate) is not settled by them even when the topic is.
# "The next step" or "neste trinn" is a stage of the programme as it ran, not something upcoming.
_STAGE_NOUN = r"(?:steps?|stages?|phases?|levels?|trinn\w*|steg\w*|fase\w*|nivå\w*)\b"
NEXT_STAGE = re.compile(rf"\b(?:next|neste)\s+{_STAGE_NOUN}", re.IGNORECASE)
_CURRENT_Q = re.compile(rf"\b(this\s+year|(?:next|neste)(?!\s+{_STAGE_NOUN})|upcoming|current(ly)?|today|nowadays|"
                        r"i\s+år|kommende|nåværende|gjeldende|for\s+tiden|i\s+dag)\b",
                        re.IGNORECASE)
# The unit a question names: a sentence with a figure of another unit does not answer it.
# "How many hours/months ...?" asks for a duration, not a count.
_DURATION_WORDS = r"(?:hours|days|weeks|months|years|timer|dager|uker|måneder|mnd|år)"
_UNITS = (
    ("hourly", re.compile(r"\b(hourly|per\s+hour|an\s+hour|timepris\w*|timesats\w*|pr\.?\s+time|per\s+time|"
                          r"i\s+timen)\b", re.IGNORECASE)),
    ("percent", re.compile(r"\b(what|how\s+(big|large)\s+a|hvilken|hvor\s+(stor|store))\s+(share|andel|proportion)\b|"
                           r"\bhvor\s+stor\s+del(?:en)?\b|"
                           r"\b(percentage|prosent\w*|percent|prosentsats\w*)\b|%|"
                           r"\b(divided|split|shared|distributed|fordelt|fordeles|fordelte|delt|deles)\s+(between|among|"
                           r"mellom|på)\b", re.IGNORECASE)),
    ("currency", re.compile(r"\b(kroner|kr|nok|euro|eur|penger|money|beløp\w*|\w*budsjett\w*|\w*budget\w*|"
                            r"cost\w*|kost\w*|pris|price|invest\w*|omsetning\w*|turnover|revenue|spen[dt]\w*|expen\w*|"
                            r"utgift\w*)\b|€", re.IGNORECASE)),
    ("duration", re.compile(r"\b(how\s+long|hvor\s+lenge|hvor\s+lang\s+tid|(how\s+many|hvor\s+mange)\s+"
                            + _DURATION_WORDS + r")\b", re.IGNORECASE)),
    ("count", re.compile(r"\b(how\s+many|hvor\s+mange|antall|what\s+number|(?<!\ba\s)number\s+of)\b(?!\s+"
                         + _DURATION_WORDS + r"\b)", re.IGNORECASE)),
)

# "How much funding", "hvor stort tilskudd", "how much did each company pay": a grant or a payment is given as a sum or
# as a share of the costs, never as a count
# ("7 regional business gardens" is no answer to "how much Interreg funding did the county receive?").
_FUNDING_Q = re.compile(r"\b(how\s+(much|big|large)|hvor\s+(mye|stort?|store))\s+(\S+\s+){0,3}?"
                        r"(funding|funds?|grants?|financ\w*|subsid\w*|tilskudd\w*|midl\w*|"
                        r"finansier\w*|bevilg\w*|tilsagn\w*|\w*betal\w*|pay|pays|paid|paying|fees?|\w*avgift\w*|"
                        r"egenandel\w*)\b|\b" + _WHAT_PAID, re.IGNORECASE)

# A question that names the currency it wants the figure in ("how much in kroner?") is answered only by a figure
# written with one: a bare "12 000" may be a fee in kroner, but it may as well be a count.
_IN_CURRENCY = re.compile(r"\b(in|i|how\s+many|hvor\s+mange|antall)\s+(kroner|(?-i:NOK)|euros?|(?-i:EUR))\b", re.IGNORECASE)

_YEAR = re.compile(r"\b(19|20)\d\d\b")
# Months and seasons, written out or abbreviated with a full stop; words that only begin like one ("mainly",
# "market", "decided", "design") are not dates, nor are English "may" and "fall" or Norwegian "vår" (our) alone.
_MONTH = re.compile(r"\b(?i:januar[y]?|februar[y]?|mars|march|april|mai|juni?e?|juli|july|august|september|"
                    r"oktober|october|november|desember|december|(?:jan|feb|mar|apr|aug|sept?|okt|oct|nov|des|dec)\.)"
                    r"(?!\w)|\bMay\b|\b(?i:høsten|høst|våren|sommeren|sommer|vinteren|vinter|autumn|spring|summer|"
                    r"winter)\b|\b(?i:vår|fall)\s+(?:19|20)?\d\d\b|\d{1,2}\.\d{1,2}\.")
_FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"  # "⅔ av budsjettpostene inngår i fase 1"
# A figure may have its unit written onto it ("2t", "10t", "3mnd", "50kr"), or a footnote marker ("4 500 000²").
_FIGURE = re.compile(r"(?<![\w.,])\d+(?:[ .,]\d{3})*(?:[.,]\d+)?(?!(?!(?:t|h|mnd|kr|min)\b)[^\W⁰¹²³⁴⁵⁶⁷⁸⁹])|["
                     + _FRACTIONS + "]")
# A number right after one of these words is a label (Trinn 2, Tabell 1, Covid-19, utviklingsfase 2), not a figure;
# the short ones only as words of their own ("handel 5" is no "del 5", "news 3" no "WS 3").
_LABEL = re.compile(r"(trinn|step|steg|stage|fase|phase|action|tiltak|tabell|table|vedlegg|annex|fig\w*|kapittel|"
                    r"chapter|page|covid-?|industri|industry|punkt|workshop|"
                    r"(?<![^\W\d_])(?:side|s\.|p\.|nr\.?|no\.|del|part|ws)|sak)"
                    r":?\s*(\d+\s*(/|-|–|,|og|and|or|eller)\s*)*$", re.IGNORECASE)
# A small number right after an acronym is a label too ("INAM 2", "ACTION 3"), unless the acronym is a currency;
# "SUM 1 200 000" and "TOTALT 450" are figures.
_ACRONYM_LABEL = re.compile(r"(?<![\w-])(?!(?:NOK|MNOK|EUR|USD|KR)\b)[A-ZÆØÅ]{2,}[ \u00a0]?$")
_LIST_NUMBER = re.compile(r"[.)]\s")
_DAY_MONTH = re.compile(r"(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])")
_DATE_YEAR = re.compile(r"\.(19|20)?\d\d(?!\d)")
_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,3}")
_TITLE = re.compile(r"\s+(?!(?:Mill|Mrd|Kr|Kroner|Euro|Prosent)\w*\b)[A-ZÆØÅ][a-zæøå]")
_DAY = re.compile(r"0?[1-9]|[12]\d|3[01]")
_DAY_GAP = re.compile(r"\.?\s+")  # between a day and its month: "16. februar", "16 February"
_CURRENCY = re.compile(r"(kr\.?|nok|eur|€)\s*$|^\s*(kr\b|nok\b|eur\b|euro|€|,-|mill|mio|mrd|millioner|million)", re.IGNORECASE)
_PERCENT = re.compile(r"^\s*(%|prosent|percent)", re.IGNORECASE)
_HOURLY = re.compile(r"^\s*(kr\.?|nok|eur|€)?\s*(/\s*(time|t|h|hour)\b|pr\.?\s+time|per\s+(time|hour)|i\s+timen|an\s+hour)",
                     re.IGNORECASE)
_DURATION = re.compile(r"^\s*(mnd|måned\w*|months?|år|years?|uker?|weeks?|dager|days?|timers?|hours?|t)\b", re.IGNORECASE)
_WORDED_DURATION = re.compile(
    r"\b(?:ett|ei|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|halvannet|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve)\s+(?:år|måneder|uker|dager|timer|years|months|weeks|days|hours)\b",
    re.IGNORECASE)
# A count written in words: "hundre", "a dozen", or a small number before what it counts ("five business gardens",
# "åtte bedrifter"). English "one", Norwegian "en", "ett", "to", "tre" (wood), "fire" (fire), "ni" and "ti" are too
# often something else.
_NUMBER_WORDS = re.compile(r"\b(hundre|tusen|hundred|thousand|dozen|dusin)\b|"
                           r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                           r"fem|seks|sju|syv|åtte|(?-i:ni|ti)|elleve|tolv)\s+(?!(?:of|av|prosent|percent|per)\b)[^\W\d_]{3,}",
                           re.IGNORECASE)
# A stage's or a phase's name: "Trinn 2 Videregående", "Trinn 3; «Prosjekt»", "Trinn 1. Introduksjon".
_STAGE_NAME = re.compile(r"\b(?i:trinn|stage|step|steg|fase|phase)\s*\d+\s*[;:.,]?\s*(«|[A-ZÆØÅ][a-zæøå]{3,})")
_QUOTED_NAME = re.compile(r"«[A-ZÆØÅ][^»]{1,40}»")
_NAME = re.compile(r"(?<=[\w,;(]\s)[A-ZÆØÅ][a-zæøåé]+(?:\s+[A-ZÆØÅ][a-zæøåé]+)+")
_PERSON = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|PhD)\.?\s+(?:Mr\.?\s+)?[A-ZÆØÅ][a-zæøåé]+|"
                     r"(?<![\w.])[A-ZÆØÅ][a-zæøåé]+\s+[A-ZÆØÅ][a-zæøåé]{2,}(?:\s+[A-ZÆØÅ][a-zæøåé]+)?")
# Words that make a capitalised pair an organisation or a place, not a person.
_NOT_PERSON = re.compile(r"\b(Innovasjon|Norge|Norway|Trøndelag|Universit\w*|University|Næringshage\w*|County|Council|"
                         r"Interreg|Europe|Industri|Industry|Kommune|Fylkeskommune|Nord|Digital\w*|Foto|Tabell|Vedlegg|"
                         r"Sluttrapport|Rapport|Trinn|Programa|Portugal|Germany|Central|Cluster|Smart\w*|Skills|Action|"
                         r"Inkubator|Klynge|Forum|Katapult|Solutions|AS|Board|Advisory|Adviser|Senior|Project|Manager|Director|"
                         r"Transformation|Group|Gruppe|Prosjekt|Styre\w*|Leder|Café|Cafe|Regional|Study|Studie)\b|"
                         r"\b[A-ZÆØÅ][a-zæøå]{2,}[A-ZÆØÅ]")  # DigiBest, SmartCity: brands


# A question for an e-mail address or a phone number is answered by one, stated about whom it asks.
_CONTACT_Q = re.compile(r"\b(e-?mail\w*|e-?post\w*|phone\w*|telephone\w*|telefon\w*|mobil(?:nummer|nr)\w*|"
                        r"contact\s+details|kontaktinfo\w*|kontaktopplysning\w*)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w.,])(?:\+\d{2}\s?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}(?![\w.,])|(?<![\w.,])\d{3}\s\d{2}\s\d{3}(?![\w.,])")


# "... a workshop without it costing us anything?", "uten at det koster oss noe": no figure is asked for.
_FREE_OF_COST = re.compile(r"\b(?:uten\s+(?:at\s+det\s+|å\s+)?kost\w*(?:\s+\w+){0,2}|without\s+(?:it\s+|any\s+)?"
                           r"cost\w*(?:\s+\w+){0,2}|free\s+of\s+charge|at\s+no\s+cost)", re.IGNORECASE)

# "When budgeting their own hours, what hourly rate could they use?": an opening "when" clause sets the scene; the
# question is asked after the comma.
_WHEN_CLAUSE = re.compile(r"^\W*(when|når)\b[^,?]*,\s*(what|which|how|who|why|where|hva|hvilke\w*|hvor\w*|hvem|hvorfor)\b",
                          re.IGNORECASE)


# Statements before the question proper: sentences ending in a full stop before a question opening on a question word
# ("... paid. Why didn't that happen?"; "4,5 mill. NOK var", "St. Olavs" and "... deadline. Can you help?" go on).
_SCENE = re.compile(r"(?:[^.!?]*[.!]\s+(?=[A-ZÆØÅ]))+(?=(?:hva|hvem|hvor|når|hvilke\w*|hvordan|hvorfor|what|who|how|when|"
                    r"which|where|why)\b)", re.IGNORECASE)


def asked_type(question: str) -> str | None:
    """"contact", "person", "name", "when", "number" or None (reasons, descriptions, lists)."""
    if scene := _SCENE.match(question):
        # "Innovation Norway was to cover half of what the companies paid. Why didn't that happen?": a statement
        # before the question sets the scene; the question proper says what it asks for.
        question = question[scene.end():]
    if _CONTACT_Q.search(question):
        return "contact"
    if _PERSON_Q.search(question):
        return "person"
    if _NAME_Q.search(question):
        return "name"
    if _WHEN_Q.search(question) and not _WHEN_CLAUSE.search(question):
        return "when"
    priced = _FREE_OF_COST.sub(" ", question)
    if _REVENUE_Q.search(priced) or (_NUMBER_Q.search(priced) and not _asks_a_thing(priced)
                                     and not _asks_yes_or_no(priced)):
        return "number"
    if _WHICH_ORGS.search(question) and not _MAY.search(question):
        return "name"  # a figure or a date asked beside the organisations ("and what did they pay?") comes first
    return None


# "Would Proneo join if the incubators had to cover half the costs?", "Kan vi få dekket kostnadene?": a question put
# with a verb first asks yes or no; its cost words say what it is about, unless it also asks "how much" or more.
_POLAR = re.compile(r"(?:would|will|can|could|did|does|do|is|are|was|were|has|have|had|should|may|might|must|kan|kunne|"
                    r"vil|ville|skal|skulle|får|fikk|er|var|har|hadde|må|måtte|ble|blir)\b", re.IGNORECASE)
_HOW_MUCH = re.compile(r"\b(?:how\s+(?:much|many|big|large|high|expensive)|hvor\s+(?:mye|mange|stor|store|høy|høyt|dyr\w*))\b",
                       re.IGNORECASE)


# A question word after the verb makes it an indirect question ("Can you tell me what the course cost?").
_WH = re.compile(r"\b(?:what|which|how|who|when|where|hva|hvilke\w*|hvor\w*|hvem|når)\b", re.IGNORECASE)


def _asks_yes_or_no(question: str) -> bool:
    asked = question[last_question_start(question):].lstrip(" \"'«“")
    # "Is it a good idea to charge them, and what kind of price has worked?" asks for a price in its second part, and
    # "What was the budget? Was it enough?" in its first question.
    return (bool(_POLAR.match(asked)) and not _HOW_MUCH.search(question) and not _WH.search(asked)
            and not asks_several(question) and not question_parts(question))


# "What legal clearance did the county need to cover half of our costs?": the question asks for the thing its
# "what"/"which" names; a cost or price word further on says what the thing is for, not that a figure is asked.
_THING_Q = re.compile(r"(?:^|[.?!:]\s+)(?:what|which|hvilke[nt]?|hva\s+slags|hva\s+for\s+(?:en|et|ei))\s+"
                      r"(?:kind|type|sort|form)?(?:\s+of)?\s*([^\W\d_]+)", re.IGNORECASE)
_COST_WORD = re.compile(r"^(cost\w*|kost\w*|pris|price|\w*budsjett\w*|\w*budget\w*)$", re.IGNORECASE)
# Words after "what" that ask for a figure themselves, or a verb ("what did it cost?", "hva kostet").
_FIGURE_OR_VERB = re.compile(r"^(share|percentage|amount|sum|rate|number|proportion|part|portion|fee|fees|price|"
                             r"prices|cost|costs|budget|year|andel|prosent\w*|sats|beløp\w*|kostnad\w*|budsjett\w*|"
                             r"avgift\w*|år|did|does|do|was|were|is|are|has|have|had|will|would|can|could|should|"
                             r"must|var|er|ble|har|hadde|kan|kunne|skal|skulle|vil|ville|må|måtte)$", re.IGNORECASE)


def _asks_a_thing(question: str) -> bool:
    """Whether "what"/"which" asks for a named thing and the only figure words are costs or prices beyond it."""
    things = list(_THING_Q.finditer(question))
    thing = things[-1] if things else None  # the last sentence's: "We are an incubator. What clearance ...?"
    if thing is None or _FIGURE_OR_VERB.match(thing.group(1)) or asks_several(question):
        return False
    cues = list(_NUMBER_Q.finditer(question))
    return all(_COST_WORD.match(c.group()) and c.start() > thing.end() for c in cues)


# "How much of the (training) cost is covered?", "hvor stor del av kostnadene": a share of a cost, not a sum of money.
_SHARE_OF_COST = re.compile(r"\b(how\s+much|what\s+(part|portion|proportion)|hvor\s+mye|hvor\s+stor\s+del|hvilken\s+del)"
                            r"\s+(of|av)\s+(the|their|its|our|my|your|a|de|den|det|sine|våre|mine)?\s*"
                            r"(?:[^\W\d_]+\s+)?(costs?|expenses?|kostnad\w*|utgift\w*)\b", re.IGNORECASE)


def asked_unit(question: str) -> str | None:
    """The unit a figure must have to answer the question ("hourly", "percent", "currency", "kroner" (a
    figure written with its currency), "funding" (a sum or a share), "duration", "count"), or None when any
    figure may."""
    if _SHARE_OF_COST.search(question):
        return "percent"
    units = [unit for unit, pattern in _UNITS if pattern.search(question)]
    if not units and _FUNDING_Q.search(question):
        return "funding"
    if "currency" in units and set(units) <= {"currency", "count"} and _IN_CURRENCY.search(question):
        return "kroner"  # "hvor mange kroner" asks for a sum written in kroner, not for a count
    # A question asking two things ("how long did it run and what did it cost?") takes any figure.
    return units[0] if len(units) == 1 else None


_QUESTION_WORD = r"(?:hva|hvem|hvor|når|hvilke\w*|hvordan|hvorfor|what|who|how|when|which|where|why)"
_SEVERAL_Q = re.compile(rf"(,|\b(og|and))\s+({_QUESTION_WORD})\b", re.IGNORECASE)


# A second question after the first ("Who signed off on them? Which organisations were in that group?", "Who decides
# — and which organisations sit there?").
_NEXT_Q = re.compile(rf"(?<=[?])\s+(?=\S)|\s+[—–]\s+(?=(?:and\s+|og\s+)?{_QUESTION_WORD}\b)", re.IGNORECASE)
MIN_PART_WORDS = 3  # "Why?" or "and how?" alone asks nothing of its own


def question_parts(question: str) -> list[str]:
    """The parts of a question asking several things, each on its own ("What is CaseSys", "and who made it?"); empty
    when it asks one thing."""
    cuts = sorted({0, len(question), *(m.start() for m in _SEVERAL_Q.finditer(question)),
                   *(m.end() for m in _NEXT_Q.finditer(question))})
    parts = [question[a:b].strip(" ,—–") for a, b in pairwise(cuts)]
    parts = [p for p in parts if len(re.findall(r"[^\W\d_]+", p)) >= MIN_PART_WORDS]
    return parts if len(parts) >= 2 else []


def asks_several(question: str) -> bool:
    """Whether the question asks two things ("what did it cost, and who pays?"): a sentence answering one
    part then matches only part of it."""
    return bool(_SEVERAL_Q.search(question))


_ASKING = {"number": (_NUMBER_Q, _REVENUE_Q), "when": (_WHEN_Q,)}


def asking_clause(question: str, kind: str | None) -> tuple[int, int] | None:
    """Where the part of a question asking two things that asks for the figure or date stands ("Hva lagde
    studentene for Otretek, og hvor mye ble arbeidet effektivisert?": from "og hvor mye"); None when the question
    asks one thing, or the asking words stand in no single part."""
    cuts = [0, *(m.start() for m in _SEVERAL_Q.finditer(question)), len(question)]
    if len(cuts) < 3 or kind not in _ASKING:
        return None
    parts = [(a, b) for a, b in pairwise(cuts)
             if any(p.search(question, a, b) for p in _ASKING[kind])]
    return parts[0] if len(parts) == 1 else None


# "Next" seen from a document's own time: "when was the strategy to be revised next?", "når skulle den revideres
# neste gang?" asks what a document said, not about anything after it. A present or future verb anywhere ("when is
# the next meeting?", "hvor mye kan vi søke om neste år?") keeps it a question about now.
_FORWARD_ONLY = re.compile(r"^(?:next|neste|kommende|upcoming)$", re.IGNORECASE)
_THEN = re.compile(r"\b(?:skulle|was|were|planned|planla|planlagt)\b", re.IGNORECASE)
_NOW = re.compile(r"\b(?:is|are|will|can|am|er|kan|blir|vil|skal)\b", re.IGNORECASE)


def asks_current(question: str) -> bool:
    cues = [m.group() for m in _CURRENT_Q.finditer(question)]
    if cues and all(_FORWARD_ONLY.match(c) for c in cues) and _THEN.search(question) and not _NOW.search(question):
        return False
    return bool(cues)


def _key(number: str) -> str:
    return re.sub(r"[ .,]", "", number)


def labels_number(word: str) -> bool:
    """Whether a number after the word is a label ("Trinn", "stage", "Tabell"), not a figure."""
    return bool(_LABEL.fullmatch(word.strip()))


def given_numbers(question: str) -> frozenset[str]:
    """The numbers the question itself states ("fra 350 000", "the 20-minute film"): they are not its answer. A
    label's number (Trinn 2/3, Industri 4.0) is left out: a sentence's labels are no figures anyway, and "2t" may
    answer a question about stage 2."""
    digits = frozenset(_key(m.group()) for m in re.finditer(r"\d+(?:[ .,]\d+)*", question)
                       if not _LABEL.search(question, max(0, m.start() - 14), m.start()))
    # "færre enn ti ansatte", "fewer than ten employees": written out, the number is given all the same.
    return digits | {WORDED_NUMBERS[m.group(1).lower()] for m in _GIVEN_WORD.finditer(question)}


# Numbers written out, in both languages. "to" (two, and the preposition) and "en"/"ei" (one, and the article) are left
# out; each reader picks the ones it can trust.
WORDED_NUMBERS = {w: str(n) for n, ws in enumerate([
    (), ("one", "én", "ett"), ("two",), ("three", "tre"), ("four", "fire"), ("five", "fem"), ("six", "seks"),
    ("seven", "sju", "syv"), ("eight", "åtte"), ("nine", "ni"), ("ten", "ti"), ("eleven", "elleve"),
    ("twelve", "tolv")]) for w in ws}
# A question gives a number written out before what it counts; "tre", "fire", "one" and "ett" are too often other words.
_GIVEN_WORD = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fem|seks|sju|syv|åtte|"
                         r"(?-i:ni|ti)|elleve|tolv)\s+(?!(?:of|av|prosent|percent|per)\b)[^\W\d_]{3,}", re.IGNORECASE)


def figures(sentence: str, *, given: frozenset[str] = frozenset(), with_start: bool = False) -> list[tuple]:
    """The figures in a sentence as (number, text before, text after[, start]), without labels (Trinn 2,
    Covid-19) and without the numbers in `given`."""
    out = []
    for m in _FIGURE.finditer(sentence):
        before, after = sentence[max(0, m.start() - 14) : m.start()], sentence[m.end() : m.end() + 14]
        if _LABEL.search(sentence, max(0, m.start() - 14), m.start()) or _key(m.group()) in given:
            continue
        if _ACRONYM_LABEL.search(before) and re.fullmatch(r"\d{1,2}", m.group()):
            continue
        if _DAY_MONTH.fullmatch(m.group()) and _DATE_YEAR.match(after):
            continue  # a date ("i møte 24.05.2022"), not a figure
        if _DAY.fullmatch(m.group()) and (gap := _DAY_GAP.match(after)) and _MONTH.match(after, gap.end()):
            continue  # a day of a month ("den 16. februar", "on 16 February"), not a figure
        line_start = not sentence[: m.start()].strip() or sentence[: m.start()].endswith("\n")
        if line_start and (_LIST_NUMBER.match(after) or (_SECTION_NUMBER.fullmatch(m.group()) and _TITLE.match(after))):
            continue  # a list item's or a section's number ("9. Krav til deltakerbedrifter:", "3.3 Evaluering"), no figure
        out.append((m.group(), before, after, m.start()) if with_start else (m.group(), before, after))
    return out


def figure_class(number: str, before: str, after: str) -> str:
    """"percent", "currency" or "" for a bare figure."""
    if _PERCENT.match(after) or number in _FRACTIONS:
        return "percent"
    if _with_currency(before, after):
        return "currency"
    return ""


def _with_currency(before: str, after: str) -> bool:
    """Whether a figure is written with its currency ("kr 600 000", "12 000 kr", "4,5 mill.")."""
    return bool(_CURRENCY.search(before) or _CURRENCY.match(after))


def figure_has_unit(number: str, before: str, after: str, unit: str | None) -> bool:
    if number in _FRACTIONS:
        return unit in (None, "percent")
    if unit == "percent":
        return bool(_PERCENT.match(after))
    if unit == "hourly":
        return bool(_HOURLY.match(after))
    if unit == "duration":
        return bool(_DURATION.match(after))
    if unit == "kroner":
        return _with_currency(before, after)
    if unit == "currency":
        return _with_currency(before, after) or (
            len(_key(number)) >= 4 and not _YEAR.fullmatch(number) and not _PERCENT.match(after))
    if unit == "count":
        return not _YEAR.fullmatch(number) and not _PERCENT.match(after)
    if unit == "funding":
        return figure_has_unit(number, before, after, "currency") or bool(_PERCENT.match(after))
    return not _YEAR.fullmatch(number)


def holds(sentence: str, kind: str | None, *, unit: str | None = None, given: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence holds a fact of the asked kind: a year, month or season for "when"; a figure (not
    a year, not a label, not one the question gives) of the asked unit for "number"; a proper name for
    "name", a person's name for "person"; an e-mail address or a phone number for "contact"."""
    if kind == "when":
        return bool(_MONTH.search(sentence) or any(y.group() not in given for y in _YEAR.finditer(sentence)))
    if kind == "number":
        if unit == "count" and _NUMBER_WORDS.search(sentence):
            return True
        if unit in ("duration", None) and _WORDED_DURATION.search(sentence):
            return True  # "forlenget med tre år"
        return any(figure_has_unit(n, b, a, unit) for n, b, a in figures(sentence, given=given))
    if kind == "name":
        return bool(_NAME.search(sentence) or _STAGE_NAME.search(sentence) or _QUOTED_NAME.search(sentence))
    if kind == "person":
        return any(not _NOT_PERSON.search(m.group()) for m in _PERSON.finditer(sentence))
    if kind == "contact":
        return bool(_EMAIL.search(sentence) or _PHONE.search(sentence))
    return True


def introduces_list(sentence: str) -> bool:
    return sentence.rstrip().endswith(":")


_ITEM = re.compile(r"^\s*(?:[-•*–·▪]|\d{1,2}[.)]|[a-z][.)])\s*\S")


# A short remark in brackets after a sentence, on its line: "... over en periode på 3 år. (50 stk pr NH/INK)".
_REMARK = re.compile(r"\([^()\n]{1,60}\)[.;]?")


def with_remarks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans with a bracketed remark after a sentence on its line joined to that sentence (it qualifies
    it, and says nothing alone)."""
    units: list[tuple[int, int]] = []
    for start, end in spans:
        if units and _REMARK.fullmatch(text, start, end) and "\n" not in text[units[-1][1] : start]:
            units[-1] = (units[-1][0], end)
        else:
            units.append((start, end))
    return units


def list_lines(text: str, start: int, *, limit: int = 12) -> tuple[list[tuple[int, int]], bool]:
    """Spans of the list items (numbered, lettered or bulleted units) that follow text[start:], and whether
    the list may go on past the text's end. Wrapped item lines stay one item; the list ends at the first
    unit that is not an item."""
    spans: list[tuple[int, int]] = []
    for s, e in with_remarks(text, sentence_spans(text, start)):
        if not _ITEM.match(text[s:e]):
            return spans, False
        spans.append((s, e))
        if len(spans) >= limit:
            return spans, False
    return spans, bool(spans)
