"""Refund agent: decides whether an order qualifies for a refund, using tools against the orders API."""

from __future__ import annotations

import json
import os

import httpx
from anthropic import AnthropicBedrock

MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0"
ORDERS_API = os.getenv("ORDERS_API_URL", "http://orders.internal:8080")

client = AnthropicBedrock(aws_region=os.getenv("AWS_REGION_NAME", "eu-central-1"))

TOOLS = [
    {
        "name": "get_order",
        "description": "Fetch an order by id: items, amounts, payment status and delivery date.",
        "input_schema": {
            "type": "object",
            "properties": {"order_id": {"type": "string"}},
            "required": ["order_id"],
        },
    }
]

SYSTEM = (
    "You review refund requests against Acme's policy: full refund within 30 days of delivery, "
    "store credit up to 90 days, nothing after that. Look the order up before deciding. "
    'Finish with one JSON line: {"decision": "refund|credit|deny", "reason": "..."}'
)


def _get_order(order_id: str) -> dict:
    response = httpx.get(f"{ORDERS_API}/v1/orders/{order_id}", timeout=5)
    response.raise_for_status()
    return response.json()


def review_refund(request_text: str, max_turns: int = 4) -> dict:
    messages = [{"role": "user", "content": request_text}]
    for _ in range(max_turns):
        reply = client.messages.create(
            model=MODEL, max_tokens=600, system=SYSTEM, tools=TOOLS, messages=messages
        )
        messages.append({"role": "assistant", "content": reply.content})
        if reply.stop_reason != "tool_use":
            final = next(block.text for block in reply.content if block.type == "text")
            return json.loads(final.strip().splitlines()[-1])
        results = [
            {
                "type": "tool_result",
                "tool_use_id": block.id,
                "content": json.dumps(_get_order(**block.input)),
            }
            for block in reply.content
            if block.type == "tool_use"
        ]
        messages.append({"role": "user", "content": results})
    return {"decision": "escalate", "reason": "agent did not finish"}
