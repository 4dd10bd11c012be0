"""Snapshot of the 2022 support bot, kept only to compare answers during the migration.

Pre-1.0 SDK; this file is not deployed and not importable from any service.
"""

import os

import openai

openai.api_key = os.environ["OPENAI_API_KEY"]

PROMPT = """Answer the customer's question using the help-centre article below.

Article:
{article}

Question: {question}
Answer:"""


def answer(question: str, article: str) -> str:
    response = openai.Completion.create(
        engine="text-davinci-003",
        prompt=PROMPT.format(article=article, question=question),
        max_tokens=256,
        temperature=0.2,
        stop=["\nQuestion:"],
    )
    return response["choices"][0]["text"].strip()


if __name__ == "__main__":
    print(answer("How do I reset my password?", "Use the 'Forgot password' link on the sign-in page."))
