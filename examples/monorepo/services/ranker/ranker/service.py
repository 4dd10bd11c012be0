"""HTTP API: POST candidate articles, get them back in ranked order."""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

from ranker import embed, rerank

app = FastAPI(title="ranker")


class RankRequest(BaseModel):
    query: str
    documents: list[str]
    top_n: int = 10


class RankedDocument(BaseModel):
    index: int
    score: float


@app.post("/v1/rank")
def rank(request: RankRequest) -> list[RankedDocument]:
    candidates = embed.top_candidates(request.query, request.documents)
    shortlisted = [request.documents[i] for i in candidates]
    ranked = rerank.rerank(request.query, shortlisted, top_n=request.top_n)
    return [RankedDocument(index=candidates[r.index], score=r.score) for r in ranked]


@app.get("/healthz")
def healthz() -> dict:
    return {"ok": True}
