"""The bilingual lexicon: the English/Norwegian termbase, stopwords, abbreviations and compound parts."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import Stemmer

LANGUAGES = ("en", "nb")
WORD_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_⁰¹²³⁴⁵⁶⁷⁸⁹]+")  # "Trøndelag¹": a footnote marker is no letter

NB_STOPWORDS = frozenset("""
og i jeg det at en et den til er som på de med han av ikke der så var meg seg men ett har om vi min
mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv her
alle vil bli ble blitt kunne inn når være vært kom noen noe ville dere deres kun ja etter ned skulle
denne for deg si sine sitt mot å meget hvorfor dette disse hvordan ingen din ditt blir samme
hvilken hvilke hvilket slik mellom vår hver hvem hvis både bare enn fordi før mange også siden
mye får fikk få gjør gjorde gjort må måtte bør burde mer flere mest flest pr per ca dvs mht osv eks bl
sånn ene hos henne hennes ho dei eg ein eit ikkje kva kven korleis vart hatt tatt
ifølge gikk går gått hele helt heller derfor dermed altså likevel imidlertid ganske veldig egentlig faktisk
allerede igjen blant mens samt hvert hvers enhver ethvert slikt utenom unntatt bortsett foruten
""".split())

EN_STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers him his how i if in into is it its just me more most my no nor not now of off
on once only or other our out over same she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where which while
who whom why will with would you your also may might must shall us much many get got did per
whose according actually really simply basically exactly anyway indeed among amongst within upon
towards toward onto via despite since though although unless whether till apart aside besides except every
didn doesn don isn aren wasn weren wouldn couldn shouldn hasn haven hadn mustn needn ll ve re like
""".split())

STOPWORDS = NB_STOPWORDS | EN_STOPWORDS
# Negation words: no concept of a question, but indexed as one term in both languages, so that a termbase phrase
# holding one ("ønsket ikke å delta videre": dropped out) is said only by a sentence that negates.
NEGATIONS = frozenset({"ikke", "not", "never", "aldri"})
NEGATION_TERM = "ikke"

# Words that only one of the languages uses, for telling short questions apart.
NB_MARKERS = frozenset("""
og er hva hvem hvor hvordan hvorfor når hvilke hvilken hvilket ikke det som av på til med fra om var
ble blir har hadde kan skal må vil den de et en jeg vi seg sin sitt noe hvis eller også etter mellom
hos mye mange fikk får bør kunne ville være gjør gjorde skulle dette disse alle
""".split())
EN_MARKERS = frozenset("""
the is are was were what who how when why which where did do does of and in on with from about could
would should much many it this that they their there be been has have had an or not can will
""".split())

# Abbreviation -> (case_sensitive, Norwegian expansion, English expansion). Case-sensitive ones are
# ordinary words when written in lower case ("in", "ti" = ten, "ink").
ABBREVIATIONS: dict[str, tuple[bool, str, str]] = {
    "IN": (True, "Innovasjon Norge", "Innovation Norway"),
    "NH": (True, "næringshage", "business garden"),
    "INK": (True, "inkubator", "incubator"),
    "BIO": (True, "bedriftsintern opplæring", "in-company training"),
    "TI": (True, "Thams Innovasjon", "Thams Innovasjon"),
    "PI": (True, "virkemiddel", "policy instrument"),
    "DT": (True, "digital transformasjon", "digital transformation"),
    "KI": (True, "kunstig intelligens", "artificial intelligence"),
    "AI": (True, "kunstig intelligens", "artificial intelligence"),
    "TFK": (False, "Trøndelag fylkeskommune", "Trøndelag County Council"),
    "FOU": (False, "forskning og utvikling", "research and development"),
    "DMI": (False, "digital modenhetsindikator", "digital maturity indicator"),
    "SMB": (False, "små og mellomstore bedrifter", "small and medium-sized enterprises"),
    "SME": (False, "små og mellomstore bedrifter", "small and medium-sized enterprises"),
    "SMES": (False, "små og mellomstore bedrifter", "small and medium-sized enterprises"),
    "REGUT": (False, "regionale utviklingsmidler", "regional development funds"),
    "IKT": (False, "informasjonsteknologi", "information technology"),
    "ICT": (False, "informasjonsteknologi", "information technology"),
    "RNH": (False, "Rørosregionen Næringshage", "Rørosregionen business garden"),
    "NNH": (False, "Nasjonalparken Næringshage", "Nasjonalparken business garden"),
    "INAM": (False, "Innovasjon Namdal", "Innovasjon Namdal"),
    "EØS": (False, "Det europeiske økonomiske samarbeidsområdet", "European Economic Area"),
}

# Parts Norwegian compounds in the documents are built from; the termbase's one-word Norwegian
# terms are added to these at load time.
COMMON_PARTS = frozenset("""
tilskudd ramme kompetanse forløp løp næring hage inkubator fylke kommune styring gruppe prosjekt eier
leder deltaker bedrift avgift kurs egen andel innsats betaling finansiering plan modell budsjett
kostnad innovasjon selskap fag partner miljø utvikling arena møte plass trinn digital modenhet
indikator test søknad prosess ordning støtte midler mobilisering ressurs små mikro stor bransje verdi
kjede øko system kunnskap grunnlag løft heving bygging program pilot hoved regut bio sluttrapport
slutt resultat mål oppnåelse setting evaluering erfaring punkt konsulent time timer hjelp tid bistand
veiledning rådgivning rådgiver bærekraft klima avtrykk fotavtrykk skifte grønn pandemi korona
produksjon industri teknologi automasjon tjeneste tilbud terskel forretning reiseliv havbruk landbruk
handel bygg anlegg kultur medlem utfordring bilde spørre undersøkelse samling workshop introduksjon
spesialisering oppstart opplæring bank student universitet forskning artikkel sak nummer behandler
behandling arkiv fremlegg utvalg vedtak tildeling tilsagn beløp rest ekstra unntak regel verk data
sikkerhet cyber nett side salg jobb lønnsomhet effekt kvalitet dokumentasjon leverandør under ansatt
daglig bestiller behov case studie kartlegging lokal nasjonal offentlig virkemiddel apparat aktør
policy verdiskaping omstilling samfunn refusjon strategi handling region rapport mobiliserings
kompetansehevings kunnskaps møteplass finansierings kostnads deltaker deltakende forskning oppgave
master intern kurstilbud kunde marked føring markedsføring reise tema casestudie samarbeid partnerskap
virksomhet organisasjon administrasjon koordinator periode plattform prosjektleder styre robot total
""".split())

_STEMMERS = {"nb": Stemmer.Stemmer("norwegian"), "en": Stemmer.Stemmer("english")}

# Words Snowball stems onto an unrelated word: "delta" (take part) is not "delt" (divided), and
# "varighet" (duration) not "var" (was); or not onto their own ("årene"). They get the stem of their family instead.
STEM_EXCEPTIONS: dict[str, dict[str, str]] = {
    "nb": {"delta": "deltak", "deltar": "deltak", "varighet": "varig", "varigheten": "varig", "varig": "varig",
           # Snowball leaves a stem this short alone: "årene" stays "åren", never "år".
           "året": "år", "årets": "år", "årene": "år", "åra": "år", "årenes": "år"},
    "en": {},
}


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """Snowball stem of a lower-case word; for Norwegian also the agent-noun endings Snowball leaves
    (deltaker / deltakere / deltakerne all become "deltak") and a final -s it strips from the bare word."""
    if word[0].isdigit():
        return word
    if word in STEM_EXCEPTIONS[language]:
        return STEM_EXCEPTIONS[language][word]
    stemmed = _STEMMERS[language].stemWord(word)
    if language == "nb":
        if stemmed.endswith("s") and _STEMMERS["nb"].stemWord(stemmed) == stemmed[:-1]:
            stemmed = stemmed[:-1]  # "innsatsen" -> "innsats" -> "innsat", as "innsats" itself
        for suffix in ("ern", "er"):
            if stemmed.endswith(suffix) and len(stemmed) - len(suffix) >= 4:
                return stemmed[: -len(suffix)]
    return stemmed


def phrase_key(phrase: str, language: str) -> tuple[str, ...]:
    """How a phrase is matched: its words' stems, stopwords kept."""
    return tuple(stem(word, language) for word in WORD_RE.findall(normalise(phrase)))


@dataclass(frozen=True)
class Concept:
    en: tuple[str, ...]
    nb: tuple[str, ...]
    note: str = ""

    def phrases(self, language: str) -> tuple[str, ...]:
        return self.en if language == "en" else self.nb


# Marks a concept's index term ("§12"), which no word of a text can be.
CONCEPT_MARK = "§"


class Termbase:
    """Concepts indexed by the stem key of every alternative, per language."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.concepts = concepts
        self._index: dict[str, dict[tuple[str, ...], list[Concept]]] = {lang: {} for lang in LANGUAGES}
        for concept in concepts:
            for lang in LANGUAGES:
                for phrase in concept.phrases(lang):
                    entries = self._index[lang].setdefault(phrase_key(phrase, lang), [])
                    if concept not in entries:
                        entries.append(concept)
        self._words = {
            lang: frozenset(w for c in concepts for p in c.phrases(lang) for w in WORD_RE.findall(normalise(p)))
            for lang in LANGUAGES
        }
        self.longest = max((len(key) for index in self._index.values() for key in index), default=1)
        self._keys: dict[Concept, str] = {}
        for i, concept in enumerate(concepts):
            self._keys.setdefault(concept, f"{CONCEPT_MARK}{i}")

    def key(self, concept: Concept) -> str:
        """The concept's index term: the same in both languages, so that a phrase of one finds the other's."""
        return self._keys[concept]

    def lookup(self, key: tuple[str, ...], language: str) -> list[Concept]:
        return self._index[language].get(key, [])

    def expand(self, term_or_phrase: str, source_language: str) -> list[tuple[str, str]]:
        """(target language, phrase) for every rendering of the phrase's concepts in the other language."""
        target = other_language(source_language)
        found: list[tuple[str, str]] = []
        for concept in self.lookup(phrase_key(term_or_phrase, source_language), source_language):
            found.extend((target, phrase) for phrase in concept.phrases(target) if (target, phrase) not in found)
        return found

    def words(self, language: str) -> frozenset[str]:
        """Every lower-case word of the language's phrases."""
        return self._words[language]

    def nb_words(self) -> frozenset[str]:
        """Norwegian phrases that are single words."""
        return frozenset(normalise(p) for c in self.concepts for p in c.nb if WORD_RE.fullmatch(p))


def other_language(language: str) -> str:
    return "en" if language == "nb" else "nb"


def parse_termbase(text: str) -> list[Concept]:
    """Rows of `en<TAB>nb<TAB>note` after a header; alternatives separated by `|`."""
    concepts = []
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t") + ["", ""]
        en, nb = (tuple(p.strip() for p in col.split("|") if p.strip()) for col in columns[:2])
        if not en or not nb:
            raise ValueError(f"termbase line {number}: needs an English and a Norwegian column: {line!r}")
        concepts.append(Concept(en=en, nb=nb, note=columns[2].strip()))
    return concepts


@functools.lru_cache(maxsize=8)
def load_termbase(path: Path | None = None) -> Termbase:
    if path is None:
        text = resources.files("assistant").joinpath("data/termbase.tsv").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return Termbase(parse_termbase(text))
