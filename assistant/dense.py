"""Exact cosine search over the live chunks' stored vectors, held in memory beside the lexical index.

Chroma stays the store of record; the retriever copies the vectors of the live document versions once
per catalog change. For this corpus size (tens of thousands of chunks) one matrix product is both exact
and faster than a round trip through Chroma's index: measured 8.5 ms per Chroma query at 273 chunks
against well under 1 ms here, and about 3 ms at 100x the corpus.
"""

from __future__ import annotations

import numpy as np


class DenseIndex:
    """`vectors[i]` belongs to chunk `rows[i]` (an index into the snapshot's chunk list); a chunk may own
    several vectors (its text and a view), and is found through its best one."""

    def __init__(self, rows: list[int], vectors: np.ndarray, *, chunks: int) -> None:
        matrix = np.asarray(vectors, dtype=np.float32).reshape(len(rows), -1) if len(rows) else np.zeros((0, 0), np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self._matrix = matrix / np.where(norms == 0, 1.0, norms)
        self._rows = np.asarray(rows, dtype=np.int64)
        self._chunks = chunks
        self._one_each = len(rows) == chunks and bool(np.array_equal(self._rows, np.arange(chunks)))

    def __len__(self) -> int:
        return len(self._rows)

    def search(self, vector, *, k: int, admitted: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The `k` best chunks as (chunk index, cosine similarity), best first. `admitted`, a boolean
        array over chunks, leaves out the chunks a filter rejects."""
        if not len(self._rows) or k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32)
        query = query / (np.linalg.norm(query) or 1.0)
        similarity = self._matrix @ query
        if self._one_each:
            best = similarity
        else:  # best vector per chunk: a chunk with a view has two rows
            best = np.full(self._chunks, -np.inf, dtype=np.float32)
            np.maximum.at(best, self._rows, similarity)
        if admitted is not None:
            best[~admitted] = -np.inf
        k = min(k, int(np.isfinite(best).sum()))
        if k == 0:
            return []
        top = np.argpartition(-best, k - 1)[:k]
        top = top[np.lexsort((top, -best[top]))]
        return [(int(i), float(best[i])) for i in top]
