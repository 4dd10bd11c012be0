"""Cross-encoder rerank of the semantic candidates."""

from __future__ import annotations

import os
from dataclasses import dataclass

import cohere

co = cohere.ClientV2(api_key=os.environ["COHERE_API_KEY"], timeout=10)


@dataclass
class Ranked:
    index: int
    score: float


def rerank(query: str, documents: list[str], top_n: int = 10, min_score: float = 0.05) -> list[Ranked]:
    if not documents:
        return []
    response = co.rerank(
        model="rerank-english-v3.0",
        query=query,
        documents=documents,
        top_n=min(top_n, len(documents)),
    )
    return [
        Ranked(index=result.index, score=result.relevance_score)
        for result in response.results
        if result.relevance_score >= min_score
    ]
