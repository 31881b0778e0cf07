"""Analysed terms cached per document version: reused, completed when a chunk is missing, pruned."""

from assistant.termcache import TermCache, fingerprint
from ingest.models import Chunk


def _chunk(doc_id: str, i: int, text: str) -> Chunk:
    return Chunk(id=f"{doc_id}:{i}", doc_id=doc_id, position=i, text=text, title="", section="", page_start=1,
                 page_end=1, char_start=0, char_end=len(text), language="nb")


def test_terms_are_analysed_once_per_version_and_read_back_in_chunk_order(tmp_path):
    chunks = [_chunk("a", 0, "tilskudd"), _chunk("a", 1, "ramme"), _chunk("b", 0, "trinn")]
    calls = []

    def analyse(c):
        calls.append(c.id)
        return [c.text, "x"]

    shas = {"a": "1" * 64, "b": "2" * 64}
    first = TermCache(tmp_path).terms(chunks, sha256_of=shas.__getitem__, analyse=analyse)
    again = TermCache(tmp_path).terms(list(reversed(chunks)), sha256_of=shas.__getitem__, analyse=analyse)
    assert first == [["tilskudd", "x"], ["ramme", "x"], ["trinn", "x"]]
    assert again == list(reversed(first)) and sorted(calls) == ["a:0", "a:1", "b:0"]


def test_a_new_version_or_a_corrupt_file_is_analysed_again(tmp_path):
    chunks = [_chunk("a", 0, "tilskudd")]
    cache = TermCache(tmp_path)
    cache.terms(chunks, sha256_of=lambda _: "1" * 64, analyse=lambda c: ["old"])
    assert cache.terms(chunks, sha256_of=lambda _: "3" * 64, analyse=lambda c: ["new"]) == [["new"]]
    for f in (tmp_path / fingerprint()).glob("*.json"):
        f.write_text("{not json", encoding="utf-8")
    assert cache.terms(chunks, sha256_of=lambda _: "3" * 64, analyse=lambda c: ["fresh"]) == [["fresh"]]


def test_prune_keeps_only_live_versions_of_the_current_analysis(tmp_path):
    stale_analysis = tmp_path / "0000000000000000"
    stale_analysis.mkdir()
    (stale_analysis / "a-1111.json").write_text("{}", encoding="utf-8")
    cache = TermCache(tmp_path)
    for sha in ("1" * 64, "2" * 64):
        cache.terms([_chunk("a", 0, "t")], sha256_of=lambda _, sha=sha: sha, analyse=lambda c: ["t"])
    cache.prune({("a", "2" * 64)})
    assert not stale_analysis.exists()
    assert [f.name for f in cache.root.glob("*.json")] == [f"a-{'2' * 16}.json"]


def test_an_ingest_leaves_the_terms_of_what_it_indexed_in_the_cache(tmp_path):
    from tests.conftest import make_assistant

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.md").write_text("# Plan\n\nTilskuddsrammen var 450 000 kroner for trinn 2.\n", encoding="utf-8")
    a = make_assistant(tmp_path)
    a.ingest([docs])
    [record] = a.catalog.all()
    cached = list(a.retriever.term_cache.root.glob(f"plan-{record.sha256[:16]}*.json"))  # with the reader tag
    assert cached and "tilskudd" in cached[0].read_text(encoding="utf-8")
    assert [p.chunk.doc_id for p in a.search("tilskudd ramme", k=1)] == ["plan"]
