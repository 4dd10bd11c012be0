"""HTTP entry point used by the support widget."""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

from support_bot import bot, handoff, knowledge

app = FastAPI(title="support-bot")


class Turn(BaseModel):
    role: str
    content: str


class Question(BaseModel):
    ticket_id: str
    question: str
    history: list[Turn] = []


class Article(BaseModel):
    id: str
    title: str
    body: str


@app.post("/v1/answer")
def answer(q: Question) -> dict:
    history = [t.model_dump() for t in q.history]
    result = bot.answer(q.question, history)
    if handoff.should_hand_off(result, turns=len(history) // 2 + 1):
        result["handoff_summary"] = handoff.summarise_for_agent(q.ticket_id, history)
    return result


@app.put("/v1/articles/{article_id}")
def index_article(article_id: str, article: Article) -> dict:
    return {"passages": knowledge.upsert_article(article_id, article.title, article.body)}


@app.get("/healthz")
def healthz() -> dict:
    return {"ok": True}
