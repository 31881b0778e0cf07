import bm25s
import numpy as np
import pytest

from assistant.analysis import (
    concept_terms,
    detect_language,
    gloss,
    index_terms,
    index_units,
    query_concepts,
    query_terms,
    query_terms_by_language,
    query_units,
    split_compound,
    translate_query,
)
from assistant.compounds import compound_renderings, known_parts
from assistant.concepts import asks_only, phrase_stems
from assistant.phrases import name_runs
from assistant.termbase import stem

# English questions and the Norwegian sentence (from the final report and the scheme description) that answers them.
EN_TO_NB = [
    ("How much did the county contribute?", "Finansieringen fra fylkeskommunen var på 4,5 mill. NOK."),
    ("Who can apply for the grant?",
     "Programmet har tilknyttet en tilskuddsordning for SIVA sine næringshager og inkubatorer i Trøndelag på totalt NOK 4,5 mill."),
    ("What did companies pay to take part in stage 2?",
     "Kursavgiften ble vesentlig høyere for bedriftene (kr 10-12 000 pr bedrift)."),
    ("Who made the final decision on the applications?",
     "Styringsgruppa sluttbehandlet søknader fra innovasjonsselskapene når prosjektforslagene forelå."),
    ("Why was an ESA exemption needed?",
     "For å kunne finansiere innovasjonsselskapene med inntil 50% var det nødvendig med et ESA-unntak."),
    ("How many companies completed stage 2/3?", "Totalt 47 bedrifter fullførte Trinn 2/3."),
    ("What was the maximum grant for stage 2 and 3?",
     "Tilskudd på 50% til NH/INK begrenset oppad til 450 000 NOK samlet for Trinn 2 og 3."),
    ("How many consultant hours did each company get?",
     "5-6 workshops skulle gjennomføres pr innovasjonsselskap, og hver bedrift fikk 10 timer konsulenthjelp."),
    ("How did the pandemic affect stage 1?", "Pandemien satte premisene for gjennomføringen av Trinn 1."),
    ("Who was the project owner?",
     "Trøndelag fylkeskommune er prosjekteier, og delfinansierer prosjektet i samarbeid med Innovasjon Norge."),
    ("What share of internal training did the BIO funds cover?",
     "Introduksjonen av BIO-midler spilte også inn i forbindelse med rekruttering, ettersom bedriftene gjennom disse "
     "fikk tilgang til svært god finansiering (60%) for intern digital opplæring."),
    ("Who sat on the steering group?",
     "Her var leder av styringsgruppa og et styremedlem fra Trøndelag fylkeskommune, 1 representant for SIVA og 1 fra "
     "Innovasjon Norge."),
    ("What was the goal for the number of small businesses?", "Økt digital utviklingskompetanse for 400 småbedrifter i fylket."),
    ("What was the hardest part about mobilisation of companies?",
     "Mobilisering av bedrifter var den mest utfordrende delen av prosjektet."),
    ("How much equity was left after the project?",
     "Etter gjennomført prosjekt har Industri 4.0 Trøndelag en positiv egenkapital på NOK 1 849 000."),
    ("How much could each business garden apply for in the introduction phase?",
     "Dvs. hvert næringshage/inkubatormiljø vil kunne søke om inntil 350.000 i støtte for denne fasen."),
    ("What hourly rate was used for the companies' own effort?", "Egeninnsatsen kan ta utgangspunkt i 500 kr/time."),
]

# Norwegian questions and the English sentence (action plan, Interreg article) that answers them.
NB_TO_EN = [
    ("Hvor mange euro av budsjettet finansierte fylkeskommunen?",
     "The project's budget amounts to € 1,4 Mio., of which € 450.000 EUR are financed by the County Authority."),
    ("Hva er twin transition?",
     "A solution was to approach digital transformation as one of the twins in Twin Transition, the other being sustainability."),
    ("Hvem har ansvaret for å gjennomføre trinn 2 og 3?",
     "That means to develop content and run the Industry 4.0 Trøndelag project step 2 and 3 during the autumn -22. "
     "The business gardens and incubators are responsible partners for executing this action."),
    ("Hvorfor kan ikke bønder få støtte?",
     "We need to find an arrangement with farmers' organisations, because they are not eligible for receiving funding "
     "from regional funds."),
    ("Hvor mange mikrobedrifter skulle få økt digital kompetanse?",
     "Increase the level of digital competence in 400 micro and small companies."),
    ("Hva kostet forskningen i handling 2?", "Costs: 50-60 000 EUR (Estimate) for the research on small businesses."),
]

# Other real sentences, so that ranking is a test and not a formality.
DISTRACTORS_NB = [
    "Prosjektet var delt opp i tre trinn: 1. Introduksjon, 2. Videregående, og 3 Prosjekt.",
    "Mottatte søknader vil bli evaluert av et eksternt Advisory Board før de behandles av fylkeskommunen.",
    "Innovasjonsselskapene er den viktigste ressursen i dette prosjektet.",
    "Fagpartnerne ble valgt av hvert innovasjonsselskap, og leid inn for å holde workshops.",
    "Det grønne skiftet er driveren, og teknologi er muliggjøreren for å oppnå bærekraftige bedrifter.",
    "Trinn 1 ble gjennomført hovedsakelig som Teamsbaserte workshops.",
    "Hovedutvalg næring bevilger 4,5 mill. kroner til hovedprosjekt Industri 4.0 Trøndelag for 3 år.",
    "Bedriftene må engasjeres gjennom å betale en kursavgift av en størrelse som gjør at de oppfatter at dette er verdifullt.",
    "Det ble i forprosjektet lagt opp til at Innovasjon Norge (IN) skulle finansiere 50% av bedriftenes deltakelse.",
    "Rørosregionen Næringshage har etablert et økosystem for småbedrifter innenfor reiselivsnæringen.",
    "Samspill med BIO-ordningen fungerer delvis godt, men må formaliseres.",
    "Nord Universitets rapport viser at mange småbedrifter mangler ressurser og kompetanse.",
]
DISTRACTORS_EN = [
    "Since 2005, in Norway, the Trøndelag County Council's policies are prioritising the digitalisation of the economy.",
    "The peer review for Norway, Trøndelag in 2021 confirmed our thoughts about including farmers as a new target group.",
    "Time frame for all actions will be during 2022-2024.",
    "Eistein Guldseth, Project Manager on behalf of Trøndelag County Council in those projects.",
    "Both good practices were studied by staff and stakeholders of Trøndelag during a peer review visit.",
]

SENTENCES = (
    [(sentence, "nb") for _, sentence in EN_TO_NB] + [(s, "nb") for s in DISTRACTORS_NB]
    + [(sentence, "en") for _, sentence in NB_TO_EN] + [(s, "en") for s in DISTRACTORS_EN]
)


@pytest.fixture(scope="module")
def index():
    retriever = bm25s.BM25()
    retriever.index([index_terms(text, language=language) for text, language in SENTENCES], show_progress=False)
    return retriever


def rank_of(index, question: str, answer: str) -> int:
    scores = np.zeros(len(SENTENCES))
    for term, weight in query_terms(question).items():
        scores += weight * index.get_scores([term])
    order = list(np.argsort(-scores, kind="stable"))
    return order.index([text for text, _ in SENTENCES].index(answer)) + 1


@pytest.mark.parametrize(("question", "sentence"), EN_TO_NB)
def test_english_questions_share_terms_with_norwegian_answers(question, sentence):
    assert set(query_terms(question)) & set(index_terms(sentence, language="nb"))


@pytest.mark.parametrize(("question", "sentence"), NB_TO_EN)
def test_norwegian_questions_share_terms_with_english_answers(question, sentence):
    assert set(query_terms(question)) & set(index_terms(sentence, language="en"))


@pytest.mark.parametrize(("question", "sentence"), EN_TO_NB + NB_TO_EN)
def test_the_answer_ranks_top_3_in_a_bm25_index_of_corpus_sentences(index, question, sentence):
    assert rank_of(index, question, sentence) <= 3


AMOUNTS = ["450 000", "450.000", "450000 kr", "kr 450 000", "NOK 450 000", "450 000,-", "450,000"]
MILLIONS = ["4,5 mill.", "4.5 million", "4,5 millioner", "de 4,5 millionene", "4,5 mill. kroner", "NOK 4.5 millions", "4 500 000", "€ 4,5 Mio."]
PERCENTS = ["50 %", "50%", "50 prosent", "50 percent", "50 per cent"]


@pytest.mark.parametrize(("forms", "term"), [(AMOUNTS, "450000"), (MILLIONS, "4500000"), (PERCENTS, "50%")])
@pytest.mark.parametrize("language", ["nb", "en", "und"])
def test_numbers_in_any_form_share_a_canonical_term(forms, term, language):
    for form in forms:
        assert term in index_terms(f"Tilskudd {form} totalt", language=language), form
        assert term in query_terms(f"Is it {form}?"), form


def test_other_numbers_keep_their_shape():
    terms = index_terms("Industri 4.0 Trøndelag, kapittel 2.1.6, 15.01.2025, år 2019 2020", language="nb")
    assert {"4.0", "2.1.6", "15.01.2025", "2019", "2020"} <= set(terms)


def test_a_range_borrows_the_scale_of_its_upper_end():
    assert {"10000", "12000"} <= set(index_terms("kr 10-12 000 pr bedrift", language="nb"))
    assert {"50%", "60%"} <= set(index_terms("50-60 %", language="nb"))


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("tilskuddsrammen", ["tilskudd", "ramme"]),
        ("kompetanseforløpene", ["kompetanse", "forløp"]),
        ("næringshagene", ["næring", "hage"]),
        ("fylkeskommunens", ["fylke", "kommune"]),
        ("innovasjonsselskapene", ["innovasjon", "selskap"]),
        ("deltakerbedrifter", ["deltaker", "bedrift"]),
        ("styringsgruppa", ["styring", "gruppe"]),
        ("småbedriftene", ["små", "bedrift"]),
    ],
)
def test_compounds_add_their_parts_and_keep_the_whole_word(word, parts):
    terms = index_terms(word, language="nb")
    assert stem(word, "nb") in terms
    for part in parts:
        assert stem(part, "nb") in terms


def test_words_that_are_no_compounds_are_left_alone():
    assert split_compound("prosjekt") == ()
    assert split_compound("gjennomføring") == ()


def test_terms_are_lower_case_nfc_and_keep_norwegian_letters():
    terms = index_terms("Bæ\u0301rekraft og GRØNT skifte i Trøndelag", language="nb")
    assert "trøndelag" in terms and "grønt" in terms
    assert all(term == term.lower() for term in terms)
    assert "og" not in terms and "i" not in terms


def test_english_chunks_drop_stopwords_and_stem():
    assert index_terms("The business gardens and the incubators", language="en") == ["busi", "garden", "incub"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IN finansierte deltakelsen", "innovasjon"),
        ("NH/INK", "næringshag"),
        ("NH/INK", "inkubator"),
        ("TFK var prosjekteier", "fylkeskommun"),
        ("FoU-miljøene", "forskning"),
        ("DMI ble målt", "modenhetsindikator"),
        ("SMB i Trøndelag", "mellomstor"),
        ("REGUT midler", "utviklingsmidl"),
        ("Regutmidler", "utviklingsmidl"),
        ("BIO-midler", "opplæring"),
        ("bio-midlene", "opplæring"),
    ],
)
def test_abbreviations_are_expanded(text, expected):
    assert expected in index_terms(text, language="nb")


def test_lower_case_in_is_not_innovation_norway():
    assert "innov" not in index_terms("Companies in the region", language="en")
    assert "innov" in index_terms("Funding from IN", language="en")


NB_QUERIES = [
    "Hvem bestemmer?", "Hva er BIO-midler?", "Hvor mye kostet prosjektet?", "Hvem kan søke?", "Når startet trinn 2?",
    "Hvorfor ble Advisory Board avviklet?", "Hva er REGUT?", "Kursavgift trinn 2", "Hvor mange bedrifter deltok?",
    "Hva var målet med prosjektet?", "Hvem var prosjekteier?", "Fikk bedriftene konsulenthjelp?", "tilskudd til næringshager",
    "Hva skjedde under pandemien?", "Budsjett for Industri 4.0", "Hva er ESA-unntak?", "Hvordan gikk mobiliseringen?",
    "Hvilke erfaringer gjorde fylkeskommunen?", "Hva betalte bedriftene?", "Var det et tak på tilskuddet?",
]
EN_QUERIES = [
    "Who decides on applications?", "What is REGUT?", "How much did the county contribute?", "Who can apply for the grant?",
    "What did companies pay to take part in stage 2?", "When did stage 2 start?", "What is twin transition?",
    "Who was the project owner?", "How many companies took part?", "What are BIO funds?", "course fee stage 2",
    "What was the budget?", "Why was the advisory board dropped?", "grants for business gardens",
    "What happened during the pandemic?", "Is there a cap on the grant?", "What are the lessons learned?",
    "How was mobilisation done?", "Which incubators took part?", "What is the ESA exemption?",
]


@pytest.mark.parametrize("query", NB_QUERIES)
def test_detects_norwegian_queries(query):
    assert detect_language(query) == "nb"


@pytest.mark.parametrize("query", EN_QUERIES)
def test_detects_english_queries(query):
    assert detect_language(query) == "en"


def test_query_weights_own_terms_above_the_other_stemming_and_expansions():
    weights = query_terms("What did companies pay to take part in stage 2?")
    assert weights["compani"] == weights["2"] == 1.0
    assert 0 < weights["kursavgift"] < 1.0
    assert 0 < weights["trinn"] < 1.0
    # English "take" is not Norwegian "tak" (cap), and a phrase the termbase renders is not searched as written.
    assert weights.get("tak", 0.0) < 1.0 and "maksimum" not in weights


def test_translate_query_glosses_known_phrases():
    assert translate_query("Hva er BIO-midler?") == "what is BIO funds?"
    assert "regionale utviklingsmidler" in translate_query("What is REGUT?")
    assert "fylkeskommune" in translate_query("How much did the county contribute?")
    assert "steering group" in translate_query("Hvem satt i styringsgruppa?")


def test_a_function_word_is_only_ever_itself():
    # "vår" (our) is no spring, "nå" (now) no "nådde", "further" no advanced stage; "IT" is still the abbreviation.
    concepts = [c.text for c in query_concepts("Kan vår bedrift søke om BIO-midler nå?")]
    assert "vår" not in concepts and "nå" not in concepts and "BIO-midler" in concepts
    assert "further" not in [c.text for c in query_concepts("What further support did the companies get?")]
    assert "IT" in [c.text for c in query_concepts("Hva koster IT-kurset?")]
    assert translate_query("Kan vår bedrift søke nå?") == "can company apply?"


def test_what_the_question_sets_aside_weighs_little():
    # "Apart from Industri 4.0 Trøndelag, which other project ...": a passage naming it is no better for that.
    from assistant.concepts import EXCLUDED_EMPHASIS

    emphasis = {c.text: c.emphasis for c in query_concepts(
        "Apart from Industri 4.0 Trøndelag, which other project came out of Skills+?")}
    assert emphasis["Industri 4.0 Trøndelag"] == EXCLUDED_EMPHASIS < 1 and emphasis["Skills"] == 1
    emphasis = {c.text: c.emphasis for c in query_concepts("Hvilke prosjekter kom i tillegg til Folkeverksted, og når?")}
    assert emphasis["Folkeverksted"] == EXCLUDED_EMPHASIS
    # Only the name set aside, not the rest of the question after it.
    emphasis = {c.text: c.emphasis for c in query_concepts("Which companies besides Proneo took part in stage 2?")}
    assert emphasis["Proneo"] == EXCLUDED_EMPHASIS and emphasis["took part"] == emphasis["stage 2"] == 1


def test_the_words_asking_for_a_duration_are_no_concepts():
    # "hvor lang tid" asks as "hvor mange" does: passages about "lengder" or "lang tidshorisont" are no better.
    assert [c.text for c in query_concepts("Over hvor lang tid skal bedriftene få opplæring?")] == [
        "bedriftene", "opplæring"]
    assert "long" not in [c.text for c in query_concepts("How long did the pre-project run?")]


def test_the_word_for_a_kind_after_what_or_which_is_no_concept():
    assert [c.text for c in query_concepts("Which new type of business did the county want?")] == [
        "new", "business", "county", "want"]
    assert "slags" not in [c.text for c in query_concepts("Hva slags støtte fikk bedriftene?")]
    assert "types" in [c.text for c in query_concepts("The report lists three types of support.")]


def test_the_words_of_a_phrase_joining_clauses_are_no_concepts():
    # "in order to" says nothing of orders, "i forhold til" nothing of conditions.
    concepts = [c.text for c in query_concepts("What must a firm deliver in order to be allowed on to stage 2?")]
    assert "order" not in concepts and "deliver" in concepts
    assert "forhold" not in [c.text for c in query_concepts("Hva var kostnaden i forhold til budsjettet?")]
    assert "order" in [c.text for c in query_concepts("Who placed the order for the robot?")]


def test_a_hedge_on_the_asked_figure_is_no_concept():
    # "roughly how much" asks for a figure: a passage saying "omkring" or "rundt" is no better for it.
    assert "roughly" not in [c.text for c in query_concepts("Roughly how much did the course cost?")]
    assert "omtrent" not in [c.text for c in query_concepts("Hvor mange deltok omtrent?")]


def test_what_happened_to_asks_about_what_follows():
    # "what happened to X" asks what became of X: a passage saying "skjedde" is no better for it.
    assert [c.text for c in query_concepts("Hva skjedde med introduksjonstrinnet?")] == ["introduksjonstrinnet"]
    assert "happened" not in [c.text for c in query_concepts("What happened to the intro stage?")]
    assert "happened" in [c.text for c in query_concepts("What happened at the workshop?")]
    # "i så fall" is "in that case"; "that case study" is a study all the same.
    assert "fall" not in [c.text for c in query_concepts("Hvor mye tid skulle i så fall brukes?")]
    assert "case study" in [c.text for c in query_concepts("What did they find in that case study?")]
    # and the words framing the question are not searched by their concept either
    assert not set(query_terms_by_language("What happened to the intro stage?")["nb"]) & set(
        concept_terms("Arrangementet fant sted i Trondheim.", language="nb"))


def test_a_capital_opening_a_sentence_is_no_name():
    kinds = {c.text: c.kind for c in query_concepts("The students built a robot. Briefly, what did it cost for Otretek?")}
    assert kinds["Briefly"] == "word" and kinds["Otretek"] == "name"


def test_a_capitalised_word_written_with_a_plus_is_a_name_not_a_common_word():
    # "Skills+" is the programme, not skills (kompetanse); "skills" in lower case still is.
    named = {c.text: c.kind for c in query_concepts("Hva sier Skills+-saken om finansieringen?")}
    assert named.get("Skills") == "name"
    common = {c.text: c.kind for c in query_concepts("Which digital skills did the companies need?")}
    assert common.get("skills") == "word"


def test_a_words_analysis_is_done_once():
    # What keeps indexing fast (timed in `python -m evals.latency`): each word is stemmed and split once, then cached.
    from assistant.analysis import _word_units

    chunk = " ".join(sentence for sentence, _ in SENTENCES)[:1000]
    first = index_terms(chunk, language="nb")
    misses = _word_units.cache_info().misses
    assert index_terms(chunk, language="nb") == first
    assert _word_units.cache_info().misses == misses


def test_query_terms_by_language_give_renderings_full_weight_in_their_language():
    by_language = query_terms_by_language("What was the biggest obstacle for the companies?")
    assert by_language["en"]["obstacl"] == 1.0
    assert by_language["nb"]["utfordring"] == 1.0  # the Norwegian way to ask it
    assert query_terms("What was the biggest obstacle for the companies?")["utfordring"] < 1.0


def test_gloss_renders_norwegian_text_in_english():
    text = gloss("Kursavgiften var 10 000 kr.", source="nb", target="en")
    assert "course fee" in text and "10 000" in text and "Kursavgiften" not in text


def test_function_words_only_name_concepts_they_are_written_as():
    assert "varig" not in query_terms_by_language("Hva var budsjettet?")["nb"]  # "var" (was) is not "varighet"
    assert "ikt" not in query_terms_by_language("What did it cost?")["nb"]  # "it" is not the abbreviation IT
    assert "ikt" in query_terms_by_language("What did the IT system cost?")["nb"]


@pytest.mark.parametrize(
    ("word", "part"),
    [
        ("stifteroboten", "robot"),  # the known last part: Norwegian compounds are headed at the end
        ("sveisebedriftene", "bedrift"),
        ("pandemikompenserende", "pandemi"),  # a known first part before a long unknown rest
        ("bransjeorienterte", "bransje"),  # ("bransjespesifikke" splits whole: "spesifikk" is a termbase word)
    ],
)
def test_a_compound_with_one_unknown_part_is_found_by_its_known_part(word, part):
    assert split_compound(word) == ()
    assert stem(part, "nb") in index_terms(word, language="nb")


def test_a_phrase_of_several_words_is_indexed_by_its_concept_in_either_language():
    # "ønsket ikke å delta videre" says "pulled out" only whole: its concept's key is what BM25 matches the two by.
    key = concept_terms("T:lab og Tindved Kulturhage ønsket ikke å delta videre.", language="nb")
    assert key and all(k.startswith("§") for k in key)
    for language, terms in query_terms_by_language("Which companies pulled out after stage 1?").items():
        assert set(key) <= set(terms), language
    assert concept_terms("Bedriftene deltok videre.", language="nb") == []  # single words: their own terms do
    assert concept_terms("Kulturhage ønsket ikke å delta videre.", language="und") == key  # a text of no known language
    assert not [t for t in query_terms_by_language("Hva var det?")["nb"] if t.startswith("§")]  # function words


def test_for_before_an_infinitive_ends_no_phrase():
    # "betale for å være med" pays to take part: "for å" is "in order to", not the row's "betale for" (financing).
    assert [c.text for c in query_concepts("Hva skal hver bedrift betale for å være med?")][:2] == ["bedrift", "betale"]
    assert "betale for" in [c.text for c in query_concepts("Hvem skal betale for kurset?")]
    assert "designet for" in [c.text for c in query_concepts("Hva var kurset designet for å gjøre?")]  # only paying
    assert "dropped out" in [c.text for c in query_concepts("Which companies dropped out")]  # a phrase at the end


def test_a_known_first_part_alone_says_only_part_of_its_compound():
    # "regiondirektør" is a kind of director: "region" alone does not say it, nor does its English rendering.
    assert ("region",) not in query_units("regiondirektør")
    assert ("region", "regiondirektør") in query_units("regiondirektør")
    assert "fall" not in index_terms("sammenfallende", language="nb")  # nor is its rest a term of its own
    assert compound_renderings("regiondirektør", "nb") == ()
    assert ("robot",) in index_units("stifteroboten", language="nb")  # the known last part is what it is


@pytest.mark.parametrize("word", ["gjennomføring", "spørsmålet", "videregående", "mellomstore", "muligheter",
                                  "programmet", "regelmessig", "kontrollere"])
def test_derived_words_are_not_taken_for_compounds_of_a_known_part(word):
    assert known_parts(word) == ()


@pytest.mark.parametrize(
    ("question", "phrase", "sentence", "language"),
    [
        ("Hvem var kurset laget for?", "laget for", "Kurset var designet for de minste bedriftene.", "nb"),
        ("Which companies signed up?", "signed up", "Sju selskaper ønsket å delta i prosjektet.", "nb"),
        ("Which regions inspired the scheme?", "inspired", "The scheme is adopting approaches from other regions.", "en"),
        ("Hva er tanken med trinn 2?", "tanken", "Målet med trinn 2 var å lage en digital strategi.", "nb"),
        ("Hvem tok den endelige avgjørelsen?", "endelige avgjørelsen", "Styringsgruppa sluttbehandlet søknadene.", "nb"),
        ("Why was the board dropped?", "dropped", "Rådet ble avviklet for å redusere byråkratiet.", "nb"),
        ("What did the course charge?", "charge", "Hver bedrift betalte en kursavgift.", "nb"),
        ("Can technology be taught in a classroom?", "taught", "Det fungerer ikke å lære bort teknologi teoretisk.", "nb"),
        ("Hvem betalte for forprosjektet?", "betalte for", "Fylket finansierte prosjektet med kr 600 000.", "nb"),
        ("Did the group work so well?", "work so well", "Gruppa fungerte godt.", "nb"),
        ("Was there money left over?", "left over", "Det står igjen 1,8 mill. på konto.", "nb"),
    ],
)
def test_paraphrases_name_the_same_concept(question, phrase, sentence, language):
    terms = set(index_terms(sentence, language=language))
    concept = next(c for c in query_concepts(question) if c.text == phrase)
    assert any(r <= terms for r in concept.renderings)


def test_in_charge_is_no_payment():
    assert not any("betal" in r for c in query_concepts("Who was in charge of the project?") for r in c.renderings)


def test_an_inflected_known_word_is_no_compound():
    assert split_compound("deltakelse") == ()  # not "del" + "takelse"
    assert split_compound("egeninnsatsen") == ("egen", "innsatsen")


def test_query_concepts_keep_termbase_phrases_whole_with_their_renderings_in_both_languages():
    concepts = query_concepts("Who was on the steering group?")
    assert [c.text for c in concepts] == ["steering group"]
    assert frozenset({"styringsgrupp"}) in concepts[0].renderings
    assert concepts[0].languages == {"en", "nb"}


def test_modal_verbs_are_no_concepts():
    # "måtte" (had to) and "burde" (ought to) ask how, not about what: like "må" and "must" they weigh nothing.
    assert [c.text for c in query_concepts("Hva måtte bedriftene bidra med, og hva burde de levere?")] == [
        "bedriftene", "bidra", "levere"]


def test_english_prepositions_and_conjunctions_are_no_concepts():
    # Unknown to the termbase, an English function word would weigh as much as the rarest term.
    assert [c.text for c in query_concepts("How was the money shared among the companies, whether or not they applied?")
            ] == ["money", "shared", "companies", "applied"]


def test_english_contractions_leave_no_concept_behind():
    # "didn't" splits into "didn" and "t": "didn" is in no document, so it would weigh as the rarest term of all.
    assert [c.text for c in query_concepts("Why didn't Proneo use the grant, and isn't it they've won?")] == [
        "Proneo", "use", "grant", "won"]


def test_later_stages_follow_while_finishing_later_than_others_is_a_delay():
    def renders(question: str, word: str) -> set[str]:
        return {t for c in query_concepts(question) if c.text == word for r in c.renderings for t in r}

    assert "forsink" not in renders("Did they stay involved for the later stages?", "later")
    assert "forsink" in renders("Why did some finish so much later than the others?", "later than")


def test_query_concepts_mark_untranslated_words_and_names():
    by_text = {c.text: c for c in query_concepts("What did Proneo offer the carpenters?")}
    assert by_text["Proneo"].kind == "name" and by_text["Proneo"].languages == {"en", "nb"}
    assert by_text["carpenters"].languages == {"en"}  # no rendering in bokmål: Norwegian chunks are not asked for it


def test_a_follow_up_weighs_the_earlier_turn_less_than_the_question():
    emphasis = {c.text: c.emphasis for c in query_concepts(
        "Var kursavgiften et problem for bedriftene? Hva var den største utfordringen, da?")}
    assert emphasis["kursavgiften"] < emphasis["utfordringen"] == 1.0


def test_a_questions_analysis_is_the_same_every_time():
    # Timed in `python -m evals.latency` (query_analysis_ms); here only that repeating it changes nothing.
    for q in [q for q, _ in EN_TO_NB + NB_TO_EN]:
        assert query_terms_by_language(q) == query_terms_by_language(q)
        assert query_concepts(q) == query_concepts(q)


def test_a_multi_word_name_is_kept_whole_in_the_gloss_unless_the_termbase_knows_all_of_it():
    assert "Weld Partner" in translate_query("Did Weld Partner see any benefit?")
    assert "Thams Innovasjon" in translate_query("What did Thams Innovasjon do?")
    assert "Innovasjon Norge" in translate_query("What did Innovation Norway pay?")
    assert "fylkeskommune" in translate_query("How much did Trøndelag County Council put in?")
    assert name_runs("Hva Er Tilskuddet For Trinn To".split()) == []  # title case says nothing
    assert name_runs("Did Weld Partner see any benefit".split()) == [(1, 3)]


def test_query_units_keep_the_parts_of_a_compound_rendering_together():
    units = query_units("course fee")
    assert ("kursavgift",) in units and ("kur", "avgift") in units
    assert ("kur",) not in units  # "kurs" alone is a course, not its fee
    # the flat terms BM25 searches by are the same terms, each on its own
    # (besides the concepts' keys, concept_terms)
    assert {t for t in query_terms("course fee") if not t.startswith("§")} == {t for unit in units for t in unit}


def test_a_degree_word_inside_a_phrase_does_not_break_it():
    assert [c.text for c in query_concepts("Why did the group work so well?")][-1] == "work so well"
    assert "fung" in query_terms("Why did the group work so well?")  # fungere, fungerte
    assert [c.text for c in query_concepts("Why was it so expensive?")][-1] == "expensive"  # nothing to join


def test_a_currency_in_a_termbase_phrase_is_the_indexed_currency():
    assert phrase_stems("kr/time", "nb") == frozenset(index_terms("500 kr/time", language="nb")) - {"500"}


def test_only_words_that_ask_for_a_figure_are_asking_concepts():
    asking = {c.text: asks_only(c) for c in query_concepts("Hva var målet for antall bedrifter?")}
    assert asking == {"målet": False, "antall": True, "bedrifter": False}
    assert not any(asks_only(c) for c in query_concepts("Hvem betalte for kurset?"))  # "betale" is also a fee


def test_the_scale_of_a_figure_is_part_of_the_number_not_a_concept_of_its_own():
    assert [c.text for c in query_concepts("Hvem fikk 2,8 mill kr?")] == ["2,8 mill", "kr"]
    assert [c.renderings for c in query_concepts("Hva ble de 4,5 millionene brukt til?") if c.kind == "number"] == [
        (frozenset({"4500000"}),)]
    assert not any(c.text.startswith("million") for c in query_concepts("Hva ble de 4,5 millionene brukt til?"))
    assert "Trinn 2" in [c.text for c in query_concepts("Hva skjedde på Trinn 2?")]  # a label is no scale


def test_a_word_the_questions_own_language_reads_is_not_read_again_as_the_other_language():
    # "time" in "need more time" is English; read again as Norwegian it would be "time" (an hour), a concept of
    # its own that no Norwegian passage about delays has.
    concepts = [c.text for c in query_concepts("Why did some companies need more time than planned?")]
    assert "need more time" in concepts and "time" not in concepts
    # A Norwegian label written in an English question is still read as Norwegian.
    assert "Trinn 2" in [c.text for c in query_concepts("What happened in Trinn 2?")]


def test_a_negated_rendering_is_said_only_by_a_sentence_that_negates():
    # "T:lab og Tindved Kulturhage ønsket ikke å delta videre" says "dropped out"; "ønsket å delta videre" does not.
    assert "ikke" in index_terms("Tindved ønsket ikke å delta videre.", language="nb")
    assert "ikke" in index_terms("They did not take part.", language="en")  # one term in both languages
    assert phrase_stems("ønsket ikke å delta videre", "nb") == {"ønsk", "ikke", "deltak", "vider"}
    renderings = next(c.renderings for c in query_concepts("Which companies dropped out?") if c.text == "dropped out")
    said = index_terms("T:lab og Tindved Kulturhage ønsket ikke å delta videre.", language="nb")
    assert any(r <= set(said) for r in renderings)
    assert not any(r <= set(index_terms("Alle ønsket å delta videre.", language="nb")) for r in renderings)
    # Its words one by one say something else: no unit of the question's words holds "delta" alone.
    assert ("deltak",) not in query_units("Which companies dropped out?")
    # "not" alone is no concept.
    assert "not" not in [c.text for c in query_concepts("Why did the companies not continue?")]
