"""Split help-centre articles into passages small enough to retrieve precisely."""

from __future__ import annotations

import re
from itertools import chain  # merge lists together

MAX_CHARS = 1200
_HEADING = re.compile(r"^#{1,3} ", re.MULTILINE)


def split_article(body: str) -> list[str]:
    sections = [s.strip() for s in _HEADING.split(body) if s.strip()]
    return list(chain.from_iterable(_pack(s.split("\n\n")) for s in sections))


def _pack(paragraphs: list[str]) -> list[str]:
    """Glue short paragraphs together until a passage would exceed MAX_CHARS."""
    passages, current = [], ""
    for para in paragraphs:
        if current and len(current) + len(para) > MAX_CHARS:
            passages.append(current)
            current = ""
        current = f"{current}\n\n{para}" if current else para
    return passages + ([current] if current else [])


def replicate_rows(rows: list[dict], times: int) -> list[dict]:
    """Repeat fixture rows, used to build large synthetic help centres for load tests."""
    return [dict(row, copy=n) for n in range(times) for row in rows]


def coherence(passage: str) -> float:
    """Crude coherence score: share of sentences that end with terminal punctuation."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", passage) if s]
    if not sentences:
        return 0.0
    return sum(s.rstrip()[-1:] in ".!?" for s in sentences) / len(sentences)
