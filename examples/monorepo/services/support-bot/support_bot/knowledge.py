"""Help-centre articles as vectors: embed, upsert, search."""

from __future__ import annotations

import os
from dataclasses import dataclass

from openai import OpenAI
from pinecone import Pinecone

from support_bot.chunking import split_article
from support_bot.settings import settings

openai_client = OpenAI()
pc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])
index = pc.Index(host=settings.pinecone_host)


@dataclass
class Passage:
    article_id: str
    title: str
    text: str
    score: float


def embed(texts: list[str]) -> list[list[float]]:
    response = openai_client.embeddings.create(model="text-embedding-3-small", input=texts)
    return [item.embedding for item in response.data]


def upsert_article(article_id: str, title: str, body: str) -> int:
    chunks = split_article(body)
    vectors = [
        {
            "id": f"{article_id}#{n}",
            "values": vector,
            "metadata": {"article_id": article_id, "title": title, "text": chunk},
        }
        for n, (chunk, vector) in enumerate(zip(chunks, embed(chunks)))
    ]
    index.upsert(vectors=vectors, namespace=settings.pinecone_namespace)
    return len(vectors)


def search(question: str, top_k: int | None = None) -> list[Passage]:
    [vector] = embed([question])
    result = index.query(
        vector=vector,
        top_k=top_k or settings.top_k,
        namespace=settings.pinecone_namespace,
        include_metadata=True,
    )
    return [
        Passage(
            article_id=match.metadata["article_id"],
            title=match.metadata["title"],
            text=match.metadata["text"],
            score=match.score,
        )
        for match in result.matches
    ]
