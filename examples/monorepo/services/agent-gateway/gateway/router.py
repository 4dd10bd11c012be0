"""Model routing. Callers ask for a logical model; the router picks a deployment and falls back."""

from __future__ import annotations

import os

from litellm import Router

PRIMARY = "support-sonnet"
FALLBACK = "support-gpt4o"

model_list = [
    {
        "model_name": PRIMARY,
        "litellm_params": {
            "model": "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
            "aws_region_name": os.getenv("AWS_REGION_NAME", "eu-central-1"),
        },
    },
    {
        "model_name": FALLBACK,
        "litellm_params": {
            "model": "azure/gpt-4o",
            "api_base": os.environ["AZURE_API_BASE"],
            "api_key": os.environ["AZURE_API_KEY"],
            "api_version": "2024-08-01-preview",
        },
    },
]

router = Router(
    model_list=model_list,
    fallbacks=[{PRIMARY: [FALLBACK]}],
    num_retries=2,
    timeout=45,
    allowed_fails=3,
    cooldown_time=60,
)


async def chat(messages: list[dict], *, model: str = PRIMARY, max_tokens: int = 800) -> dict:
    response = await router.acompletion(model=model, messages=messages, max_tokens=max_tokens)
    choice = response.choices[0]
    return {
        "content": choice.message.content,
        "model": response.model,
        "usage": response.usage.model_dump() if response.usage else None,
    }
