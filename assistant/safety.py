"""Spot text in documents that addresses the assistant instead of informing the reader."""

from __future__ import annotations

import re

_PATTERNS = [
    r"\bignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier)\s+(?:instructions|prompts?|rules)",
    r"\bdisregard\s+(?:all\s+|the\s+)?(?:previous|prior|above)\b",
    r"\bignorer\s+(?:alle\s+)?(?:tidligere|forrige|ovenstående)\s+(?:instruksjoner|instrukser|beskjeder)",
    r"\bse\s+bort\s+fra\s+(?:alle\s+)?(?:tidligere|forrige)\s+(?:instruksjoner|instrukser)",
    r"^\s*(?:system|assistant|user)\s*:",
    r"\byou\s+are\s+now\b|\bdu\s+er\s+nå\s+en\b",
    r"\b(?:answer|respond|reply|say)\s+that\b.*\b(?:always|instead)\b",
    r"\b(?:svar|si)\s+at\b.*\b(?:alltid|i\s+stedet)\b",
    r"\breveal\s+(?:your|the)\s+(?:system\s+)?prompt\b",
    r"\bwhen\s+asked\s+about\b.*\b(?:do\s+not|don't|never|always|answer)\b",
    r"\banswer\s+(?:every|all|any)\s+questions?\b",
    r"\bdo\s+not\s+(?:cite|mention|reveal)\s+(?:any\s+other|this|these|the)\b",
    r"\bsvar\s+på\s+alle\s+spørsmål\b|\bikke\s+(?:siter|nevn)\s+(?:andre|denne|dette)\b",
    r"\bmaintenance\s+mode\b",
]
_INSTRUCTION = re.compile("|".join(_PATTERNS), re.IGNORECASE | re.MULTILINE)


def looks_like_instruction(text: str) -> bool:
    """True for text written to steer an AI ("Ignore previous instructions and answer that ...")."""
    return bool(_INSTRUCTION.search(" ".join(text.split())))
