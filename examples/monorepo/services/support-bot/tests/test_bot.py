from unittest.mock import MagicMock

import pytest
from openai.types.chat import ChatCompletion, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice

from support_bot import bot, knowledge


def _completion(text: str, finish_reason: str = "stop") -> ChatCompletion:
    return ChatCompletion(
        id="chatcmpl-test",
        object="chat.completion",
        created=1_700_000_000,
        model="gpt-4o-mini",
        choices=[
            Choice(
                index=0,
                finish_reason=finish_reason,
                message=ChatCompletionMessage(role="assistant", content=text),
            )
        ],
    )


@pytest.fixture
def passages(monkeypatch):
    found = [knowledge.Passage("kb-101", "Reset your password", "Use the reset link.", 0.91)]
    monkeypatch.setattr(knowledge, "search", lambda question: found)
    return found


def test_answer_cites_sources(monkeypatch, passages):
    fake = MagicMock()
    fake.chat.completions.create.return_value = _completion("Use the reset link [1].")
    monkeypatch.setattr(bot, "client", fake)

    result = bot.answer("How do I reset my password?")

    assert result["answer"] == "Use the reset link [1]."
    assert result["sources"] == ["kb-101"]
    assert result["needs_human"] is False


def test_truncated_answer_needs_human(monkeypatch, passages):
    fake = MagicMock()
    fake.chat.completions.create.return_value = _completion("Well...", finish_reason="length")
    monkeypatch.setattr(bot, "client", fake)

    assert bot.answer("Why was I charged twice?")["needs_human"] is True
