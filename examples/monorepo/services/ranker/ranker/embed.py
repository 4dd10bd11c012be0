"""Query/document embeddings for the semantic first pass."""

from __future__ import annotations

import numpy as np
import voyageai

EMBED_MODEL = "voyage-3"

# The API key comes from the environment.
vo = voyageai.Client(max_retries=3, timeout=10)


def embed_documents(texts: list[str]) -> np.ndarray:
    result = vo.embed(texts, model=EMBED_MODEL, input_type="document", truncation=True)
    return _normalise(np.asarray(result.embeddings, dtype=np.float32))


def embed_query(text: str) -> np.ndarray:
    result = vo.embed([text], model=EMBED_MODEL, input_type="query")
    return _normalise(np.asarray(result.embeddings, dtype=np.float32))[0]


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.clip(norms, 1e-12, None)


def top_candidates(query: str, documents: list[str], k: int = 50) -> list[int]:
    """Indices of the k documents most similar to the query, best first."""
    scores = embed_documents(documents) @ embed_query(query)
    return [int(i) for i in np.argsort(-scores)[:k]]
