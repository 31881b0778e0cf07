"""Cut a chunk into the texts the embedding model reads whole: its section heading and overlapping windows.

A model reads a fixed number of tokens and silently drops the rest. all-MiniLM-L6-v2 reads 256, and its
English vocabulary splits Norwegian into many pieces: 187 of the corpus's 273 chunks were longer, so the
second half of most chunks had no say in dense retrieval. Each window becomes a vector of its chunk, and a
chunk is found through its best one. The document title is left out: it is the same for every chunk of a
document, so it only pulled the vectors of one document together (measured on the dev and extra questions:
dense hit@5 .21 -> .30, and the whole pipeline's hit@5 .833 -> .860, with windows of 200 tokens).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ingest.models import Chunk

Offsets = Sequence[tuple[int, int]]


def dense_texts(c: Chunk, *, token_offsets: Callable[[str], Offsets] | None, size: int,
                overlap: float = 0.25) -> list[str]:
    """The texts to embed for `c`, each at most `size` tokens: the last heading of its section path, a line
    break, then a window of its text. Without a tokenizer (`token_offsets` None) the one text is heading and
    text, for the model to cut."""
    head = c.section.rsplit(" > ", 1)[-1].strip()
    if token_offsets is None:
        return [_join(head, c.text)]
    budget = max(16, size - len(token_offsets(head)) - 2)  # two special tokens ([CLS], [SEP]) per text
    return [_join(head, c.text[start:end]) for start, end in window_spans(token_offsets(c.text), size=budget,
                                                                           overlap=overlap)]


def window_spans(offsets: Offsets, *, size: int, overlap: float = 0.25) -> list[tuple[int, int]]:
    """Character spans covering the tokens at `offsets` (each token's (start, end) in the text) in windows of
    at most `size` tokens, each next window starting about `overlap` of a window before the last one ended.
    Windows neither start nor end inside a word (between two tokens with no gap), unless a word alone is
    longer than a window."""
    n = len(offsets)
    if n == 0:
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    while True:
        end = min(start + size, n)  # tokens [start, end)
        if end < n:
            cut = end
            while cut > start + 1 and _glued(offsets, cut):
                cut -= 1
            if not _glued(offsets, cut):
                end = cut
        spans.append((offsets[start][0], offsets[end - 1][1]))
        if end >= n:
            return spans
        step = max(1, int((end - start) * (1 - overlap)))
        nxt = start + step
        while nxt < end and _glued(offsets, nxt):
            nxt += 1
        start = nxt if nxt < end else end


def _glued(offsets: Offsets, i: int) -> bool:
    """Token i continues token i-1's word (no gap between them)."""
    return 0 < i < len(offsets) and offsets[i][0] <= offsets[i - 1][1]


def _join(head: str, text: str) -> str:
    return f"{head}\n{text}" if head else text
