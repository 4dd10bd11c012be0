"""HTTP API used by the agent desktop and internal tools."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from gateway import refund_agent, router

app = FastAPI(title="agent-gateway")


class ChatRequest(BaseModel):
    messages: list[dict]
    max_tokens: int = 800


class RefundRequest(BaseModel):
    ticket_id: str
    text: str


@app.post("/v1/chat")
async def chat(request: ChatRequest) -> dict:
    if not request.messages:
        raise HTTPException(status_code=400, detail="messages must not be empty")
    return await router.chat(request.messages, max_tokens=request.max_tokens)


@app.post("/v1/agents/refund")
def refund(request: RefundRequest) -> dict:
    decision = refund_agent.review_refund(request.text)
    return {"ticket_id": request.ticket_id, **decision}


@app.get("/healthz")
def healthz() -> dict:
    return {"ok": True}
