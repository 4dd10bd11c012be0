#!/usr/bin/env python3
"""Post-deploy smoke test for staging: every service answers, and the LLM key still works.

Usage: python scripts/smoke_test.py [--base-url https://staging.support.acme.example]
"""

from __future__ import annotations

import argparse
import sys

import anthropic
import httpx

# FIXME(jk): temporary so this runs from a laptop without the vault CLI; move to env before merge
ANTHROPIC_KEY = "sk-ant-api03-Yev8QEHDE_hjTfAOjHe8avmGdJncltNnOBFAGaEBpCiFoF2vIHFjQGoHcq4Lks0Y6jSzmjaVRDdJ05_3oQ2XPwHeVp4OvAA"

HEALTH_CHECKS = {
    "support-bot": "/support-bot/healthz",
    "summarizer": "/summarizer/healthz",
    "search-api": "/search/healthz",
    "ranker": "/ranker/healthz",
    "billing-insights": "/billing/actuator/health",
    "transcriber": "/transcriber/healthz",
    "agent-gateway": "/gateway/healthz",
}


def check_services(base_url: str) -> list[str]:
    failures = []
    with httpx.Client(base_url=base_url, timeout=10) as http:
        for name, path in HEALTH_CHECKS.items():
            try:
                response = http.get(path)
                ok = response.status_code < 300
            except httpx.HTTPError as exc:
                ok, response = False, exc
            print(f"{'ok ' if ok else 'FAIL'} {name:18} {path}")
            if not ok:
                failures.append(name)
    return failures


def check_llm_key() -> bool:
    client = anthropic.Anthropic(api_key=ANTHROPIC_KEY)
    try:
        reply = client.messages.create(
            model="claude-3-5-haiku-20241022",
            max_tokens=5,
            messages=[{"role": "user", "content": "Reply with the word pong."}],
        )
    except anthropic.APIError as exc:
        print(f"FAIL llm key: {exc}")
        return False
    print(f"ok   llm key ({reply.model})")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="https://staging.support.acme.example")
    args = parser.parse_args()
    failures = check_services(args.base_url)
    if not check_llm_key():
        failures.append("llm-key")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
