"""Which kind of document a question names as its source ("according to the scheme description", "ifølge
handlingsplanen"): the names of each document type are data (data/doctypes.tsv), the types are the catalog's."""

from __future__ import annotations

import functools
import re
from importlib import resources

# A name as a word of its own or the last part of a hyphenated one ("Interreg-artikkelen"), in its definite forms
# ("handlingsplanen", "ordningsbeskrivelsen", "sluttrapportene") or an English plural; not "-er", which would read
# "reporter" as a report (Norwegian plurals are listed as names where wanted).
_ENDING = r"(?:n|en|et|ene|s)?\b"


def parse_doctypes(text: str) -> dict[str, tuple[str, ...]]:
    """The rows of a document-type table (doc_type, names separated by "|", a note), header and blank lines left out,
    and so are rows without a type or a name (a name-less row would otherwise match every question)."""
    types: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines()[1:]:
        doc_type, _, rest = line.partition("\t")
        names = tuple(n.strip().lower() for n in rest.split("\t")[0].split("|") if n.strip())
        if doc_type.strip() and names:
            types[doc_type.strip()] = names
    return types


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    text = resources.files("assistant").joinpath("data/doctypes.tsv").read_text(encoding="utf-8")
    return {doc_type: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + ")" + _ENDING,
                                 re.IGNORECASE)
            for doc_type, names in parse_doctypes(text).items()}


@functools.lru_cache(maxsize=4096)
def referenced_types(question: str) -> frozenset[str]:
    """The document types whose names the question uses."""
    return frozenset(doc_type for doc_type, pattern in _patterns().items() if pattern.search(question))
