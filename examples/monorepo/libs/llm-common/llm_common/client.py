"""One configured client for the whole process, with retries and usage logging."""

from __future__ import annotations

from dataclasses import dataclass

import anthropic as ac
import structlog
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_random_exponential

DEFAULT_MODEL = "claude-3-5-haiku-20241022"
DEFAULT_MAX_TOKENS = 1024

log = structlog.get_logger("llm_common")


@dataclass(frozen=True)
class Completion:
    text: str
    model: str
    input_tokens: int
    output_tokens: int


# The API key comes from the environment. SDK-level retries are off because we retry below,
# with jitter, for every caller in the process.
client = ac.Anthropic(max_retries=0, timeout=30.0)


@retry(
    retry=retry_if_exception_type((ac.RateLimitError, ac.InternalServerError, ac.APIConnectionError)),
    wait=wait_random_exponential(multiplier=0.5, max=8),
    stop=stop_after_attempt(4),
    reraise=True,
)
def complete(
    prompt: str,
    *,
    system: str = "",
    model: str = DEFAULT_MODEL,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    temperature: float = 0.2,
    caller: str = "unknown",
) -> Completion:
    message = client.messages.create(
        model=model,
        max_tokens=max_tokens,
        temperature=temperature,
        system=system,
        messages=[{"role": "user", "content": prompt}],
    )
    text = "".join(block.text for block in message.content if block.type == "text")
    log.info(
        "llm.usage",
        caller=caller,
        model=message.model,
        input_tokens=message.usage.input_tokens,
        output_tokens=message.usage.output_tokens,
    )
    return Completion(
        text=text,
        model=message.model,
        input_tokens=message.usage.input_tokens,
        output_tokens=message.usage.output_tokens,
    )
