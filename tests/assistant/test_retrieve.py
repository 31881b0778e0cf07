"""Hybrid retrieval over a fake embedder: what the lexical rankings contribute."""

from ingest.catalog import DocumentRecord
from ingest.models import Chunk
from tests.conftest import make_assistant


def _add(assistant, doc_id: str, language: str, texts: list[str]) -> None:
    sha = doc_id.ljust(64, "0")
    chunks = [Chunk(id=f"{doc_id}:{i}", doc_id=doc_id, position=i, text=t, title=doc_id, section="", page_start=1,
                    page_end=1, char_start=0, char_end=len(t), language=language) for i, t in enumerate(texts)]
    assistant.store.add(chunks, sha256=sha, index_texts=texts)
    assistant.catalog.put(DocumentRecord(doc_id=doc_id, title=doc_id, source_path=f"/{doc_id}.pdf", stored_file="",
                                         media_type="application/pdf", sha256=sha, language=language, doc_type="",
                                         date="", pages=texts, chunk_count=len(texts), ingested_at=""))


def test_an_english_question_finds_the_norwegian_answer_next_to_english_chunks_that_share_its_words(tmp_path):
    a = make_assistant(tmp_path)
    _add(a, "english", "en", [f"The companies and the biggest region number {i} had an action plan." for i in range(6)])
    _add(a, "norsk", "nb", ["Tid er den største utfordringen for bedriftene.", "Kursavgiften var 10 000 kr."])
    a.retriever.refresh()
    top = a.search("What was the biggest obstacle for the companies?", k=3)
    assert "norsk:0" in [p.chunk.id for p in top]
