"""Which language a text is written in: bokmål ("nb") or English ("en")."""

from __future__ import annotations

import functools
import re

from assistant.termbase import (
    EN_MARKERS,
    NB_MARKERS,
    STOPWORDS,
    WORD_RE,
    load_termbase,
    normalise,
)


def detect_language(text: str) -> str:
    """ "nb" or "en": function words, æøå and termbase vocabulary first, py3langid to break ties."""
    words = [w for w in WORD_RE.findall(normalise(text)) if not w[0].isdigit()]
    nb_vocabulary, en_vocabulary = _vocabularies()
    nb = sum(w in NB_MARKERS for w in words) + 0.5 * sum(w in nb_vocabulary for w in words)
    en = sum(w in EN_MARKERS for w in words) + 0.5 * sum(w in en_vocabulary for w in words)
    if re.search("[æøå]", normalise(text)):
        nb += 2
    if nb != en:
        return "nb" if nb > en else "en"
    if not words:
        return "nb"
    language, _ = _identifier().classify(text)
    return "en" if language == "en" else "nb"


@functools.lru_cache(maxsize=1)
def _vocabularies() -> tuple[frozenset[str], frozenset[str]]:
    termbase = load_termbase()
    nb, en = termbase.words("nb") - STOPWORDS, termbase.words("en") - STOPWORDS
    return nb - en, en - nb


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=False)
    identifier.set_languages(["en", "no", "nn", "da", "sv"])
    return identifier
