"""Grounded answers: retrieve passages, then ask the chat model to answer from them only."""

from __future__ import annotations

from openai import OpenAI

from support_bot import knowledge
from support_bot.settings import settings

SYSTEM_PROMPT = """You are Acme Support's assistant. Answer only from the passages provided.
If the passages do not answer the question, say so and offer to connect a human agent.
Cite passages as [n]. Keep answers under 120 words."""

client = OpenAI()


def _format_passages(passages: list[knowledge.Passage]) -> str:
    return "\n\n".join(f"[{n}] {p.title}\n{p.text}" for n, p in enumerate(passages, start=1))


def answer(question: str, history: list[dict[str, str]] | None = None) -> dict:
    passages = knowledge.search(question)
    messages = [{"role": "system", "content": SYSTEM_PROMPT}]
    messages += history or []
    messages.append(
        {"role": "user", "content": f"Passages:\n{_format_passages(passages)}\n\nQuestion: {question}"}
    )
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=messages,
        temperature=0.1,
        max_tokens=settings.max_answer_tokens,
    )
    choice = completion.choices[0]
    return {
        "answer": choice.message.content,
        "sources": [p.article_id for p in passages],
        "needs_human": choice.finish_reason != "stop" or not passages,
    }
