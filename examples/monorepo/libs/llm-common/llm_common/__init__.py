"""Acme's shared LLM helpers. Services import from here, never from a vendor SDK directly."""

from llm_common.client import DEFAULT_MODEL, Completion, complete

__all__ = ["DEFAULT_MODEL", "Completion", "complete"]
__version__ = "0.4.2"
