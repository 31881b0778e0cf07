"""Pure metric functions for the evaluation: text matching, ranking, citation, fact and abstention scores.

Definitions (the README repeats them):

- normalize: NFC, lowercase, soft hyphens dropped, dash and quote variants folded to "-" and "'",
  ligatures expanded, whitespace (incl. no-break and thin spaces) collapsed, spaces around "-" dropped.
- is_hit: a passage is relevant when its normalized text contains the normalized form of any phrase of
  any evidence document; when the passage's doc_id is known it must also equal that document's doc_id.
- Ranking metrics use the rank of relevant passages in the top k (binary relevance).
  nDCG@k's ideal ordering puts the relevant passages that were retrieved first: systems chunk the corpus
  differently, so the number of relevant chunks in the whole index is not comparable between them.
- citation_hit: some citation names an evidence doc_id and, for some phrase of that document, the
  phrase is in the cited passage text, or in the quote, or the quote covers at least
  CITATION_OVERLAP of the phrase's word tokens (phrases of three or more tokens only).
- fact_accuracy: share of facts with at least one alternative in the normalized answer text, numbers
  compared with thousands separators (space, ".", ",") folded away, and an alternative that begins or
  ends with a digit must not sit inside a longer number.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

CITATION_OVERLAP = 0.8

_FOLDS = str.maketrans(
    {
        "\u00ad": None,  # soft hyphen
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    }
)
_SPACE = re.compile(r"\s+")
_AROUND_DASH = re.compile(r"\s*-\s*")
# A space, dot or comma between digit groups where exactly three digits follow: "1 000", "1.000,5", "12,345".
_THOUSANDS = re.compile(r"(?<=\d)[ .,](?=\d{3}(?!\d))")
_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_FOLDS).lower()
    text = _SPACE.sub(" ", text).strip()
    return _AROUND_DASH.sub("-", text)


def fold_numbers(text: str) -> str:
    """Drop thousands separators, so "1 000 000", "1.000.000" and "1,000,000" all read "1000000"."""
    previous = None
    while previous != text:  # overlapping groups ("1 000 000") need more than one pass
        previous, text = text, _THOUSANDS.sub("", text)
    return text


def _evidence_phrases(evidence: Iterable[Mapping], doc_id: str | None) -> list[str]:
    return [
        normalize(phrase)
        for item in evidence
        if doc_id is None or item["doc_id"] == doc_id
        for phrase in item["phrases"]
        if phrase.strip()
    ]


def is_hit(text: str, evidence: Iterable[Mapping], doc_id: str | None = None) -> bool:
    """Whether a passage holds evidence; `doc_id` None means the passage's document is unknown."""
    body = normalize(text)
    return any(phrase in body for phrase in _evidence_phrases(evidence, doc_id))


def first_relevant_rank(relevance: Sequence[bool], k: int = 10) -> int | None:
    """1-based rank of the first relevant passage within the top k, None when there is none."""
    return next((rank for rank, relevant in enumerate(relevance[:k], start=1) if relevant), None)


def hit_at_k(relevance: Sequence[bool], k: int) -> float:
    return 1.0 if first_relevant_rank(relevance, k) is not None else 0.0


def reciprocal_rank(relevance: Sequence[bool], k: int = 10) -> float:
    rank = first_relevant_rank(relevance, k)
    return 0.0 if rank is None else 1.0 / rank


def ndcg_at_k(relevance: Sequence[bool], k: int = 10) -> float:
    top = [bool(r) for r in relevance[:k]]
    dcg = sum(1.0 / math.log2(rank + 1) for rank, relevant in enumerate(top, start=1) if relevant)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, sum(top) + 1))
    return dcg / ideal if ideal else 0.0


def _overlaps(quote: str, phrase: str) -> bool:
    phrase_tokens = set(_WORD.findall(phrase))
    if len(phrase_tokens) < 3:
        return False
    return len(phrase_tokens & set(_WORD.findall(quote))) / len(phrase_tokens) >= CITATION_OVERLAP


def citation_hit(citations: Iterable[tuple[str, str, str]], evidence: Sequence[Mapping]) -> bool:
    """`citations` are (doc_id, quote, cited passage text) triples; see the module docstring."""
    for doc_id, quote, context in citations:
        quote, context = normalize(quote), normalize(context)
        for phrase in _evidence_phrases(evidence, doc_id):
            if phrase in context or phrase in quote or _overlaps(quote, phrase):
                return True
    return False


def _contains(body: str, alternative: str) -> bool:
    needle = fold_numbers(normalize(alternative))
    if not needle:
        return False
    before = r"(?<!\d)" if needle[0].isdigit() else ""
    after = r"(?!\d)" if needle[-1].isdigit() else ""
    return re.search(before + re.escape(needle) + after, body) is not None


def fact_accuracy(answer: str, facts: Sequence[Sequence[str]]) -> float | None:
    """Share of facts found in the answer; None when the item lists no facts."""
    if not facts:
        return None
    body = fold_numbers(normalize(answer))
    return sum(any(_contains(body, alt) for alt in alternatives) for alternatives in facts) / len(facts)


def abstention_rates(rows: Sequence[tuple[bool, bool]]) -> dict[str, float | None]:
    """From (should abstain, did abstain) pairs: recall on abstain items, false-abstention rate on the rest."""
    should = [did for expected, did in rows if expected]
    answerable = [did for expected, did in rows if not expected]
    return {
        "abstention_recall": sum(should) / len(should) if should else None,
        "false_abstention": sum(answerable) / len(answerable) if answerable else None,
    }


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0-100) with linear interpolation between closest ranks; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that apply (None means "does not apply to this item")."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None
