"""Optional LLM answers: a grounded prompt over numbered passages, every `[n]` claim checked against its passage."""

from __future__ import annotations

import re
from importlib import resources
from typing import Protocol

from assistant.analysis import index_terms
from assistant.citations import fold, make_citation, markers
from assistant.models import Answer, Citation, Passage
from ingest.segment import sentence_spans

_NUMBER = re.compile(r"\d[\d .,]*\d|\d")
_MARKER = re.compile(r"\s*\[\d{1,3}\]")
LANGUAGE_NAMES = {"nb": "Norwegian (bokmål)", "en": "English"}


class ChatModel(Protocol):
    def complete(self, messages: list[tuple[str, str]]) -> str:
        """(role, content) pairs in, the reply text out."""
        ...


class LangChainChatModel:
    """Any langchain chat model (ChatOpenAI against an OpenAI-compatible endpoint, ChatOllama, ...)."""

    def __init__(self, model) -> None:
        self._model = model

    def complete(self, messages: list[tuple[str, str]]) -> str:
        reply = self._model.invoke(messages)
        return reply.content if isinstance(reply.content, str) else str(reply.content)


def build_chat_model(settings) -> ChatModel | None:
    """The configured chat model, or None when answers stay extractive (the default)."""
    match settings.llm_provider:
        case None | "" | "none":
            return None
        case "openai":
            try:
                from langchain_openai import ChatOpenAI
            except ImportError as exc:
                raise RuntimeError("llm_provider 'openai' needs: pip install langchain-openai") from exc
            return LangChainChatModel(ChatOpenAI(
                model=settings.llm_model, base_url=settings.llm_base_url or None, temperature=0,
                api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else "unused",
                timeout=settings.llm_timeout_seconds, max_retries=0))
        case "ollama":
            try:
                from langchain_ollama import ChatOllama
            except ImportError as exc:
                raise RuntimeError("llm_provider 'ollama' needs: pip install langchain-ollama") from exc
            return LangChainChatModel(ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url or None,
                                                 temperature=0, client_kwargs={"timeout": settings.llm_timeout_seconds}))
        case other:
            raise ValueError(f"unknown llm_provider {other!r}: use 'openai', 'ollama' or none")


def load_prompt(name: str = "grounded_answer.md") -> str:
    return resources.files("assistant").joinpath("prompts", name).read_text(encoding="utf-8")


class GroundedGenerator:
    def __init__(self, model: ChatModel, *, passages: int = 6, max_sentences: int = 5, min_support: float = 0.5) -> None:
        self.model = model
        self.passages = passages
        self.max_sentences = max_sentences
        self.min_support = min_support

    def generate(self, question: str, passages: list[Passage], *, language: str, pages_of) -> Answer | None:
        """A checked answer, or None (the caller falls back to the extractive one) when the model fails,
        says the passages do not cover it, or no sentence survives the checks."""
        shown = passages[: self.passages]
        numbered = "\n\n".join(f"[{i}] ({p.chunk.title}, p. {p.chunk.page_start})\n{fold(p.chunk.text)}"
                               for i, p in enumerate(shown, start=1))
        prompt = load_prompt().format(language=LANGUAGE_NAMES.get(language, "English"), question=question,
                                      passages=numbered, max_sentences=self.max_sentences)
        try:
            reply = self.model.complete([("human", prompt)])
        except Exception:  # any failure or timeout of the model: the extractive answer stands
            return None
        if not reply or "NOT_COVERED" in reply:
            return None
        kept, citations = [], {}
        for a, b in sentence_spans(reply):
            sentence = reply[a:b]
            refs = [n for n in markers(sentence) if 1 <= n <= len(shown)]
            if refs and all(supports(shown[n - 1].chunk.text, sentence) >= self.min_support for n in refs):
                for n in refs:
                    if n not in citations:
                        citations[n] = _quote(len(citations) + 1, shown[n - 1], sentence, pages_of)
                kept.append((sentence, refs))
        if not kept or any(c is None for c in citations.values()):
            return None
        text = " ".join(_MARKER.sub("", s).strip() + "".join(f" [{citations[n].n}]" for n in refs) for s, refs in kept)
        return Answer(text=text, citations=sorted(citations.values(), key=lambda c: c.n), abstained=False,
                      query=question, passages=passages)


def supports(passage: str, sentence: str) -> float:
    """Share of the sentence's content terms found in the passage; 0 when a number in it is not there."""
    clean = _MARKER.sub("", sentence)
    if not _numbers(clean) <= _numbers(passage):
        return 0.0
    terms = set(index_terms(clean, language="und"))
    if not terms:
        return 0.0
    return len(terms & set(index_terms(passage, language="und"))) / len(terms)


def _numbers(text: str) -> set[str]:
    """Numbers with their separators folded: "450 000", "450.000" and "450000" are one number."""
    return {re.sub(r"[ .,]", "", n) for n in _NUMBER.findall(text)}


def _quote(n: int, passage: Passage, sentence: str, pages_of) -> Citation | None:
    """Cite the passage's sentence closest to the generated one, verbatim from the stored page."""
    text = passage.chunk.text
    spans = sentence_spans(text)
    if not spans:
        return None
    start, end = max(spans, key=lambda s: supports(text[s[0]:s[1]], sentence))
    return make_citation(n, passage.chunk, start, end, pages_of(passage.chunk.doc_id), score=passage.score)
