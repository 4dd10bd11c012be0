"""Hand a conversation over to a human agent.

The agent sees a short summary at the top of the ticket. The summary is written by Claude,
reached only through llm-common, so this module never talks to a vendor SDK itself.
"""

from __future__ import annotations

from llm_common import complete

SUMMARY_SYSTEM = (
    "Summarise this support conversation for a human agent in at most five bullet points: "
    "the customer's goal, what the bot already tried, and what is still open."
)


def _transcript(history: list[dict[str, str]]) -> str:
    return "\n".join(f"{turn['role']}: {turn['content']}" for turn in history)


def summarise_for_agent(ticket_id: str, history: list[dict[str, str]]) -> str:
    # TODO: evaluate Mistral for summaries
    result = complete(
        _transcript(history),
        system=SUMMARY_SYSTEM,
        max_tokens=300,
        caller="support-bot.handoff",
    )
    return f"Bot handoff for ticket {ticket_id}:\n{result.text}"


def should_hand_off(answer: dict, turns: int) -> bool:
    return answer["needs_human"] or turns >= 6
