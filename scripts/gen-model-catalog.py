#!/usr/bin/env python3
"""Generate rules/models.json, aidep's model catalog.

The catalog is derived from LiteLLM's model price and context window map
(`model_prices_and_context_window.json`, LiteLLM 1.110.2, MIT licence; see
rules/MODELS-NOTICE.md), plus the aidep additions (ADDITIONS and LEGACY_ADDITIONS
below). "-latest" alias entries ({"alias_of": ...}) are kept under their own id
with the facts of their target.

Usage:
    python3 scripts/gen-model-catalog.py                 # write rules/models.json
    python3 scripts/gen-model-catalog.py --source PATH   # read another copy of the map
    python3 scripts/gen-model-catalog.py --check         # exit 1 if the file is stale

The output is deterministic: entries are sorted by id, prices are rounded to
six significant digits and printed without float noise, and nothing depends
on the clock or the environment, so rerunning on the same source gives the
same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

DEFAULT_SOURCE = "/work/shared/data/litellm-model-catalog.json"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "rules" / "models.json"
SOURCE_LABEL = "LiteLLM 1.110.2 model catalog (MIT licence) with aidep additions"

# --------------------------------------------------------------------------
# Vendor: LiteLLM provider -> aidep vendor id
# --------------------------------------------------------------------------

VENDORS = {
    "openai": "openai",
    "text-completion-openai": "openai",
    "chatgpt": "openai",
    "azure": "azure-openai",
    "azure_text": "azure-openai",
    "azure_ai": "azure-ai-foundry",
    "anthropic": "anthropic",
    "gemini": "google-gemini",
    "vertex_ai": "google-vertex",
    "bedrock": "aws-bedrock",
    "bedrock_converse": "aws-bedrock",
    "bedrock_mantle": "aws-bedrock",
    "amazon_nova": "aws-bedrock",
    "sagemaker": "aws-sagemaker",
    "cohere": "cohere",
    "cohere_chat": "cohere",
    "mistral": "mistral",
    "codestral": "mistral",
    "text-completion-codestral": "mistral",
    "huggingface": "huggingface",
    "groq": "groq",
    "together_ai": "together",
    "fireworks_ai": "fireworks",
    "fireworks_ai-embedding-models": "fireworks",
    "replicate": "replicate",
    "perplexity": "perplexity",
    "deepseek": "deepseek",
    "xai": "xai",
    "ollama": "ollama",
    "openrouter": "openrouter",
    "ai21": "ai21",
    "voyage": "voyage",
    "jina_ai": "jina",
    "nvidia_nim": "nvidia-nim",
    "cerebras": "cerebras",
    "sambanova": "sambanova",
    "deepinfra": "deepinfra",
    "databricks": "databricks",
    "watsonx": "watsonx",
    "cloudflare": "cloudflare-workers-ai",
    "dashscope": "alibaba-dashscope",
    "qwen_ai_platform": "alibaba-dashscope",
    "qwencloud": "alibaba-dashscope",
    "zai": "zhipu",
    "bigmodel": "zhipu",
    "moonshot": "moonshot",
    "minimax": "minimax",
    "elevenlabs": "elevenlabs",
    "deepgram": "deepgram",
    "assemblyai": "assemblyai",
    "stability": "stability",
    "fal_ai": "fal",
    "runwayml": "runway",
    "vercel_ai_gateway": "vercel-ai-gateway",
    "meta_llama": "meta-llama-api",
    "meta": "meta-llama-api",
    "github_copilot": "github-copilot",
    "oci": "oracle-oci",
    "snowflake": "snowflake-cortex",
}

PLAIN_PROVIDER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def vendor_of(provider: str) -> str | None:
    """The aidep vendor id for a LiteLLM provider, or None to skip the entry."""
    if not PLAIN_PROVIDER.match(provider):
        return None  # e.g. sample_spec's "one of https://docs.litellm.ai/docs/providers"
    if provider in VENDORS:
        return VENDORS[provider]
    if provider.startswith("vertex_ai-"):  # vertex_ai-anthropic_models, vertex_ai-language-models, ...
        return "google-vertex"
    if provider.startswith("text-completion-"):  # text-completion-inception -> inception
        return vendor_of(provider[len("text-completion-"):])
    return provider.lower().replace("_", "-")


# --------------------------------------------------------------------------
# Mode: LiteLLM mode -> aidep mode
# --------------------------------------------------------------------------

MODES = {
    "chat": "chat",
    "completion": "chat",
    "responses": "chat",
    "embedding": "embedding",
    "image_generation": "image",
    "image_edit": "image",
    "audio_transcription": "transcription",
    "audio_speech": "speech",
    "rerank": "rerank",
    "moderation": "moderation",
    "video_generation": "video",
    "realtime": "realtime",
    "ocr": "ocr",
    "search": "search",
}


def mode_of(mode: str) -> str:
    return MODES.get(mode, "other")  # evaluation, decisions, extraction, guardrail, vector_store


# --------------------------------------------------------------------------
# Family: a coarse lineage from the id
# --------------------------------------------------------------------------

# Region / inference-profile prefixes on Bedrock-style ids ("us.anthropic.claude-...").
REGION_PREFIX = re.compile(r"^(?:us|eu|apac|ap|au|jp|ca|in|global|us-gov)\.")
# Publisher prefixes on Bedrock/OCI-style ids ("anthropic.claude-...", "meta.llama3-...").
PUBLISHER_PREFIX = re.compile(
    r"^(?:anthropic|meta|amazon|mistral|cohere|ai21|openai|qwen|deepseek|stability|writer|"
    r"twelvelabs|moonshotai|moonshot|minimax|zai|google|nvidia|xai|luma|system\.ai)\."
)
# Vendor-specific name prefixes that wrap another lineage ("databricks-claude-...").
NAME_PREFIX = re.compile(r"^(?:databricks-|fw-|spot-|cc-|coding-|snowflake-(?=llama))")


def bare_segment(segment: str) -> str:
    s = segment.lower()
    for _ in range(2):
        s = REGION_PREFIX.sub("", s)
        s = PUBLISHER_PREFIX.sub("", s)
    return NAME_PREFIX.sub("", s)


def bare_id(model_id: str) -> str:
    """The id without provider, path and publisher prefixes: the last path segment, cleaned."""
    return bare_segment(model_id.rsplit("/", 1)[-1])


B = r"(?<![a-z0-9])"  # start-of-token boundary

# (family, pattern, vendors it is limited to or None). First match wins; each
# pattern is searched in the bare id first and then in the whole id.
FAMILY_RULES: list[tuple[str, str, frozenset[str] | None]] = [
    # vendor-scoped lineages whose names collide with others
    ("deepgram-nova", r"nova", frozenset({"deepgram"})),
    ("deepgram-aura", r"aura", frozenset({"deepgram"})),
    ("gecko", B + r"text-embedding-(?:0\d\d|large-exp|preview)|text-multilingual-embedding|gecko", None),
    ("qwen", B + r"text-embedding-v\d", None),
    # embedding/rerank lines whose names contain another lineage
    ("jina", r"jina", None),
    ("voyage", r"voyage", None),
    ("rerank", B + r"nv-rerank", None),
    # fine-tunes and derivatives named after their base: the derivative wins
    ("hermes", B + r"(?:nous-|open)?hermes", None),
    ("dolphin", B + r"(?:chat)?dolphin", None),
    ("cogito", B + r"cogito", None),
    ("nemotron", r"nemotron", None),
    ("deepseek", B + r"deepseek", None),
    ("phind", B + r"phind", None),
    ("llava", r"llava", None),
    # OpenAI
    ("gpt-oss", B + r"gpt-oss", None),
    ("gpt-image", B + r"(?:gpt|chatgpt)-image", None),
    ("gpt-realtime", B + r"gpt-realtime", None),
    ("gpt-audio", B + r"gpt-audio", None),
    ("gpt-4o", B + r"(?:chat)?gpt-4o", None),
    ("gpt-4.1", B + r"gpt-4\.?1(?![0-9])", None),
    ("gpt-4.5", B + r"gpt-4\.5", None),
    ("gpt-4", B + r"gpt-4(?![0-9])", None),
    ("gpt-3.5", B + r"gpt-3\.?5", None),
    ("gpt-5", B + r"gpt-5", None),
    ("gpt-6", B + r"gpt-6", None),
    ("o-series", B + r"o[1-9](?:-|$|:)", None),
    ("codex", B + r"codex", None),
    ("dall-e", B + r"dall-?e", None),
    ("sora", B + r"sora", None),
    ("whisper", B + r"whisper", None),
    ("tts", B + r"tts-1", None),
    ("text-embedding", B + r"text-embedding-(?:3|ada)", None),
    ("moderation", B + r"(?:omni|text)-moderation", None),
    ("gpt-3", B + r"(?:text-)?(?:davinci|babbage|curie|ada)(?:-|$)", None),
    ("gpt", B + r"gpt-|chatgpt|^computer-use-preview|^chat-latest|^daybreak-", None),
    # Anthropic, Google
    ("claude", r"claude", None),
    ("codegemma", r"codegemma", None),
    ("gemma", r"gemma", None),
    ("gemini", r"gemini|learnlm|nano-banana", None),
    ("gemini", r"deep-research", frozenset({"google-gemini", "google-vertex"})),
    ("palm", r"bison|unicorn|(?:code|chat)-gecko|palm", None),
    ("medlm", B + r"medlm", None),
    ("imagen", B + r"imagen", None),
    ("veo", B + r"veo", None),
    ("lyria", B + r"lyria", None),
    ("chirp", B + r"chirp", None),
    ("gecko", r"multimodalembedding", None),
    # Meta
    ("codellama", r"code-?llama", None),
    ("llama", r"llama|" + B + r"l3(?:[.-]\d|\d?-)", None),
    # Mistral
    ("codestral", r"codestral", None),
    ("devstral", r"devstral", None),
    ("pixtral", r"pixtral", None),
    ("mixtral", r"mixtral", None),
    ("ministral", r"ministral", None),
    ("magistral", r"magistral", None),
    ("voxtral", r"voxtral", None),
    ("mathstral", r"mathstral", None),
    ("mistral", r"mistral|leanstral", None),
    # Alibaba
    ("qwq", r"qwq", None),
    ("qwen", r"qwen|tongyi", None),
    ("wan", B + r"wan\d|" + B + r"wan-|happyhorse", None),
    # Cohere
    ("command", B + r"command|" + B + r"aya", None),
    ("embed", B + r"embed-(?:english|multilingual|v-?\d)|cohere-embed", None),
    ("rerank", B + r"(?:cohere-)?rerank", None),
    # Amazon
    ("titan", r"titan", None),
    ("nova", B + r"nova(?:-|$)", None),
    # other commercial and open lineages
    ("jamba", r"jamba", None),
    ("jurassic", B + r"j2-", None),
    ("grok", r"grok", None),
    ("phi", B + r"phi-?\d", None),
    ("glm", r"glm|codegeex", None),
    ("kimi", r"kimi", None),
    ("moonshot", B + r"moonshot-v", None),
    ("minimax", r"minimax|hailuo|" + B + r"speech-0?2", None),
    ("flux", r"flux", None),
    ("stable-diffusion", r"stable-diffusion|" + B + r"sd-?3|" + B + r"sdxl|" + B + r"ssd-", None),
    ("stable-image", r"stable-(?:image|fast|creative|conservative|outpaint|style)|stable-audio", None),
    ("stablecode", r"stablecode|stablelm", None),
    ("stable-image", r".", frozenset({"stability"})),  # Stability's hosted edit/upscale endpoints
    ("sonar", r"sonar|pplx", None),
    ("r1-1776", r"r1-1776", None),
    ("nomic", r"nomic", None),
    ("bge", B + r"bge", None),
    ("e5", B + r"(?:multilingual-)?e5-", None),
    ("gte", B + r"gte-", None),
    ("mxbai", r"mxbai", None),
    ("minilm", r"minilm", None),
    ("arctic", r"arctic", None),
    ("dbrx", r"dbrx", None),
    ("yi", B + r"yi-", None),
    ("falcon", r"falcon", None),
    ("granite", r"granite", None),
    ("olmo", r"olmo", None),
    ("starcoder", r"starcoder", None),
    ("wizardlm", r"wizardlm", None),
    ("mythomax", r"mythomax", None),
    ("vicuna", r"vicuna", None),
    ("zephyr", r"zephyr", None),
    ("openchat", r"openchat", None),
    ("orca", B + r"(?:open)?orca", None),
    ("doubao", r"doubao|skylark", None),
    ("seed", B + r"seed(?:-|ance|ream|dream|edit)|dreamina", None),
    ("ernie", r"ernie", None),
    ("hunyuan", r"hunyuan|" + B + r"hy-?\d", None),
    ("mai", B + r"mai-", None),
    ("muse", B + r"muse-", None),
    ("semantic-ranker", B + r"semantic-ranker", None),
    ("beam", B + r"beam-", None),
    ("v0", B + r"v0-\d", None),
    ("swe", B + r"swe-\d", None),
    ("orpheus", B + r"orpheus", None),
    ("mt0", B + r"mt0", None),
    ("model-router", B + r"model[-_]router", None),
    ("mimo", B + r"mimo", None),
    ("step", B + r"step-?\d|stepaudio", None),
    ("longcat", r"longcat", None),
    ("ling", B + r"(?:ling|ring)-", None),
    ("kat", B + r"kat-", None),
    ("lfm", B + r"lfm", None),
    ("internlm", r"internlm|internvl", None),
    ("baichuan", r"baichuan", None),
    ("minicpm", r"minicpm", None),
    ("gigachat", r"gigachat|gigaembeddings|embeddingsgigar", None),
    ("gigachat", r".", frozenset({"gigachat"})),
    ("palmyra", r"palmyra", None),
    ("mercury", B + r"mercury", None),
    ("morph", B + r"morph-", None),
    ("jev", B + r"(?:open)?jev", None),
    ("inkling", r"inkling", None),
    ("marengo", r"marengo", None),
    ("pegasus", B + r"pegasus", None),
    ("sarvam", r"sarvam", None),
    ("jais", r"jais", None),
    ("allam", r"allam", None),
    ("apertus", r"apertus", None),
    ("salamandra", r"salamandra|" + B + r"alia-", None),
    ("reka", B + r"reka", None),
    ("recraft", r"recraft", None),
    ("ideogram", r"ideogram", None),
    ("runway", B + r"gen-?\d|" + B + r"gen4|" + B + r"act[-_]two|" + B + r"upscale_v1|aleph", frozenset({"runway"})),
    ("eleven", B + r"eleven_|" + B + r"scribe", None),
    ("assemblyai", B + r"(?:best|nano|universal|slam)(?:-|$)", frozenset({"assemblyai"})),
    ("deepgram", r".", frozenset({"deepgram"})),
    ("soniox", r".", frozenset({"soniox"})),
    ("aws-polly", r".", frozenset({"aws-polly"})),
    ("bria", B + r"bria", None),
    ("pythia", r"pythia", None),
    ("flan", B + r"flan", None),
    ("chronos", r"chronos", None),
    ("cosmos", r"cosmos", None),
    ("trellis", r"trellis", None),
    ("paddleocr", r"paddleocr", None),
    ("olmocr", r"olmocr", None),
    ("bespoke", r"bespoke", None),
]
FAMILY_RULES_COMPILED = [(f, re.compile(p), v) for f, p, v in FAMILY_RULES]


def family_of(model_id: str, vendor: str, provider: str = "") -> str:
    bare = bare_id(model_id)
    whole = model_id.lower()
    first, sep, rest = whole.partition("/")
    if sep and provider and first in {provider.lower(), provider.lower().split("-")[0]}:
        whole = rest  # "deepseek/search" must not read as the deepseek lineage
    for text in (bare, whole):
        for family, pattern, vendors in FAMILY_RULES_COMPILED:
            if vendors is not None and vendor not in vendors:
                continue
            if pattern.search(text):
                return family
    return "other"


# --------------------------------------------------------------------------
# Open weights
# --------------------------------------------------------------------------
# "Open weights" means the weights of that model are publicly downloadable
# (whatever the licence: Llama community licence, Mistral Research Licence,
# CC-BY-NC and Apache/MIT all count). Anything we could not confirm is false.
# Version lists were checked against the publishers' Hugging Face releases as
# known when this script was written; newer versions in later LiteLLM
# catalogs stay false until someone checks them and extends the list.

SIZE = r"(?<![a-z0-9])(?:\d+x)?\d+(?:[.p]\d+)?[bm](?![a-z0-9])|(?<![a-z0-9])a\d+b(?![a-z0-9])"
SIZE_RE = re.compile(SIZE)

ALWAYS_OPEN = frozenset({
    "llama", "codellama", "gemma", "codegemma", "qwq", "phi", "gpt-oss", "nemotron",
    "falcon", "granite", "nomic", "bge", "e5", "gte", "mxbai", "minilm", "arctic",
    "dbrx", "olmo", "starcoder", "stablecode", "wizardlm", "mythomax", "vicuna", "zephyr",
    "openchat", "orca", "hermes", "dolphin", "cogito", "phind", "llava", "mixtral",
    "mathstral", "internlm", "minicpm", "jais", "allam", "apertus", "salamandra",
    "pythia", "flan", "chronos", "olmocr", "paddleocr", "r1-1776", "whisper",
})

# Closed members of otherwise open lines: Salesforce's LlamaRank, the Llama API-only
# Llama 3.3 8B, IBM's watsonx-only Granite 13B v2, Alibaba's API-only QwQ-Plus.
CLOSED_EXCEPTIONS = re.compile(r"llama-rank|llama-3\.3-8b|granite-13b|qwq-plus")

# qwen3-5-27b / qwen3.5 / qwen35 / qwen2p5 -> (3, 5); qwen3-8b / qwen3-0p6b -> (3, None)
QWEN_VERSION = re.compile(r"qwen-?(\d)(?:(\d)|[.p-](\d)(?![\dbpm]))?")


def open_weights_of(model_id: str, family: str, vendor: str = "") -> bool:
    bare = bare_id(model_id)
    s = model_id.lower()
    if vendor == "ollama":
        return True  # the Ollama library only distributes open-weight models
    if CLOSED_EXCEPTIONS.search(bare):
        return False
    if family in ALWAYS_OPEN:
        if family == "whisper":
            return "realtime" not in s  # gpt-realtime-whisper is OpenAI's hosted model
        return True
    if family == "deepseek":
        # Every DeepSeek release through V4 (MIT) has public weights; V4.1+ not yet checked.
        return not re.search(r"v4[.p-]?[1-9]|v[5-9]", bare)
    if family == "qwen":
        # Sized ids (qwen2.5-7b, qwen3-235b-a22b, qwen3-coder-480b) are the open checkpoints
        # through Qwen3.6; qwen-max/plus/turbo/flash and other unsized API tiers are closed.
        if re.fullmatch(r"qwen-?3-coder", bare):
            return True  # Qwen3-Coder-480B-A35B
        if not SIZE_RE.search(bare):
            return False
        m = QWEN_VERSION.search(bare)
        if not m:
            return True
        major, minor = int(m.group(1)), m.group(2) or m.group(3)
        return major < 3 or (major == 3 and minor in {None, "5", "6"})
    if family == "mistral":
        return bool(re.search(
            r"mistral-7b|open-mistral|mistral-nemo|mistral-tiny|mistral-small-(?:2409|2501|2503|2506|24b|3)"
            r"|mistral-small-3|mistral-large-(?:2407|2411|2512|3|instruct-2407)|mistral-large@(?:2407|2411)"
            r"|mistral-large2$|mistral-small-2503|mistral-7b", s))
    if family == "ministral":
        # Ministral 8B (2410) and the Ministral 3 family (2512) are published; Ministral 3B (2410) is not.
        return bool(re.search(r"ministral-8b|ministral-3-|ministral-14b|2512", s))
    if family == "codestral":
        # Codestral 22B v0.1 (2405) and Codestral Mamba are published; 2501/2508/codestral-2 are API-only.
        return bool(re.search(r"codestral-2405|codestral@2405|mamba", s))
    if family == "devstral":
        return bool(re.search(r"devstral-small|devstral-2-", s))
    if family == "magistral":
        return "magistral-small" in s
    if family == "pixtral":
        return bool(re.search(r"pixtral-12b|pixtral-large(?:-2411|-2502|$)", s))
    if family == "voxtral":
        return bool(re.search(r"voxtral-(?:mini|small)-(?:3b-|24b-)?2507|voxtral-small-latest", s))
    if family == "glm":
        # GLM-4 9B/32B, GLM-4.5/4.6/4.7 and GLM-5/5.1 are MIT releases on Hugging Face.
        m = re.search(r"glm-?(\d)(?:[.p-]?(\d)(?!\d))?", bare)
        if "codegeex4" in bare or "autoglm" in bare:
            return True
        if not m or "turbo" in bare:
            return False
        major, minor = m.group(1), m.group(2)
        if major == "4":
            return minor in {"5", "6", "7"} or (minor is None and bool(SIZE_RE.search(bare)))
        if major == "5":
            return minor in {None, "1"}
        return False
    if family == "kimi":
        # Kimi K2 (all dated/thinking variants), K2.5 and K2.6 are published; later ones unchecked.
        m = re.search(r"kimi-?k2(?:[.p-](\d+))?", bare)
        if not m:
            return False
        minor = m.group(1)
        return minor is None or minor in {"5", "6"} or len(minor) == 4
    if family == "minimax":
        # MiniMax-Text-01, M1, M2, M2.1, M2.5 and M2.7 weights are on Hugging Face.
        if re.search(r"minimax-(?:text|vl)-01", bare):
            return True
        m = re.search(r"minimax-m([12])(?:[.p-](\d+))?(?![0-9])", bare)
        return bool(m) and (m.group(1) == "1" or m.group(2) in {None, "1", "5", "7"})
    if family == "flux":
        return bool(re.search(r"schnell|(?<![a-z])dev(?![a-z])|klein", s)) and "pro" not in bare
    if family == "stable-diffusion":
        return True
    if family == "jina":
        return bool(re.search(r"jina-(?:embeddings|reranker|clip|colbert)-(?:v[234]|m0)(?![.\d])|reranker-m0", s))
    if family == "command":
        # Command R/R+/R7B and Command A (incl. reasoning/vision/translate) are published as CC-BY-NC.
        return bool(re.search(r"command-r|command-a(?!-plus)|" + B + r"aya", bare))
    if family == "jamba":
        return bool(re.search(r"jamba-(?:1[.-][567]|(?:large|mini)-1\.[67])", s))
    if family == "yi":
        return bool(SIZE_RE.search(bare))
    if family == "ernie":
        return bool(re.search(r"ernie-4[.p]5", bare)) and bool(SIZE_RE.search(bare))
    if family == "seed":
        return "seed-oss" in bare
    if family in {"mimo", "longcat", "ling", "kat", "step", "hunyuan", "lfm", "baichuan"}:
        # Community and Chinese-lab lines whose sized checkpoints are published.
        return bool(SIZE_RE.search(bare)) and not re.search(r"kat-coder", bare)
    if family == "mai":
        return "mai-ds-r1" in bare  # Microsoft's open post-train of DeepSeek-R1
    return False


# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------


def per_mtok(cost_per_token) -> Decimal | None:
    if isinstance(cost_per_token, bool) or not isinstance(cost_per_token, (int, float)):
        return None
    if cost_per_token < 0:
        return None
    return Decimal(f"{cost_per_token * 1e6:.6g}")


def fmt_number(value: Decimal) -> str:
    """Plain decimal notation, no exponent, always with a fractional part: 2.5, 10.0, 0.00001."""
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return text


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# --------------------------------------------------------------------------
# aidep additions
# --------------------------------------------------------------------------
# Ids that code commonly uses but LiteLLM's map does not key on. Facts come
# from the Ollama library (ollama.com/library tags) and from the model cards of
# the Hugging Face repositories named; all of these are open-weight models.
# Each is added only when LiteLLM has no key of that exact spelling.
ADDITIONS = [
    # Ollama library tags
    ("llama3.1:8b", "ollama", "chat"),
    ("llama3.1:70b", "ollama", "chat"),
    ("llama3.2:3b", "ollama", "chat"),
    ("llama3.3:70b", "ollama", "chat"),
    ("mistral:7b", "ollama", "chat"),
    ("qwen2.5:7b", "ollama", "chat"),
    ("qwen2.5-coder:7b", "ollama", "chat"),
    ("gemma2:9b", "ollama", "chat"),
    ("phi3:mini", "ollama", "chat"),
    ("deepseek-r1:8b", "ollama", "chat"),
    ("nomic-embed-text", "ollama", "embedding"),
    ("mxbai-embed-large", "ollama", "embedding"),
    # Hugging Face Hub repository ids
    ("meta-llama/Llama-3.1-8B-Instruct", "huggingface", "chat"),
    ("meta-llama/Llama-3.3-70B-Instruct", "huggingface", "chat"),
    ("meta-llama/Meta-Llama-3-8B-Instruct", "huggingface", "chat"),
    ("mistralai/Mistral-7B-Instruct-v0.3", "huggingface", "chat"),
    ("Qwen/Qwen2.5-7B-Instruct", "huggingface", "chat"),
    ("sentence-transformers/all-MiniLM-L6-v2", "huggingface", "embedding"),
    ("BAAI/bge-large-en-v1.5", "huggingface", "embedding"),
    ("openai/whisper-large-v3", "huggingface", "transcription"),
]

# Legacy ids that LiteLLM 1.110.2 no longer keys on (it drops retired models)
# but that old code still calls; finding them is much of the point of an
# audit. (id, vendor, mode, retirement date or None). Dates are the providers'
# published retirement dates: Anthropic's model-deprecations page
# (docs.claude.com/en/docs/about-claude/model-deprecations) and its release
# notes for the Claude 4 (20250514) retirement; None where not confirmed.
# open_weights follows the same family rules as LiteLLM entries.
LEGACY_ADDITIONS = [
    ("o1-mini", "openai", "chat", None),
    ("dall-e-2", "openai", "image", None),
    ("dall-e-3", "openai", "image", None),
    ("claude-2.1", "anthropic", "chat", "2025-07-21"),
    ("claude-3-opus-20240229", "anthropic", "chat", "2026-01-05"),
    ("claude-3-haiku-20240307", "anthropic", "chat", None),
    ("claude-3-5-sonnet-20240620", "anthropic", "chat", "2025-10-22"),
    ("claude-3-5-sonnet-20241022", "anthropic", "chat", "2025-10-22"),
    ("claude-3-5-sonnet-latest", "anthropic", "chat", "2025-10-22"),
    ("claude-3-5-haiku-20241022", "anthropic", "chat", None),
    ("claude-3-7-sonnet-20250219", "anthropic", "chat", None),
    ("claude-sonnet-4-20250514", "anthropic", "chat", "2026-06-15"),
    ("claude-opus-4-20250514", "anthropic", "chat", "2026-06-15"),
    # bare Gemini ids follow LiteLLM's convention (vertex_ai-language-models)
    ("gemini-pro", "google-vertex", "chat", None),
    ("gemini-1.5-pro", "google-vertex", "chat", None),
    ("gemini-1.5-flash", "google-vertex", "chat", None),
    ("gemini-2.0-flash", "google-vertex", "chat", None),
    ("gemini/gemini-1.5-pro", "google-gemini", "chat", None),
    ("gemini/gemini-1.5-flash", "google-gemini", "chat", None),
    ("gemini/gemini-2.0-flash", "google-gemini", "chat", None),
    ("groq/llama-3.3-70b-versatile", "groq", "chat", None),
    ("groq/llama-3.1-8b-instant", "groq", "chat", None),
    ("groq/llama3-70b-8192", "groq", "chat", None),
    ("groq/llama3-8b-8192", "groq", "chat", None),
    ("groq/mixtral-8x7b-32768", "groq", "chat", None),
]

# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


def entry_from(model_id: str, info: dict, facts_id: str | None = None) -> dict | None:
    """One catalog entry. facts_id names the model whose lineage it is (an alias's target)."""
    provider = info.get("litellm_provider")
    mode = info.get("mode")
    if not isinstance(provider, str) or not isinstance(mode, str) or not provider or not mode:
        return None
    if not re.match(r"^[a-z_]+$", mode):
        return None  # sample_spec's "one of: chat, embedding, ..."
    vendor = vendor_of(provider)
    if vendor is None:
        return None
    lineage_id = facts_id or model_id
    family = family_of(lineage_id, vendor, provider)
    entry = {
        "id": model_id,
        "vendor": vendor,
        "family": family,
        "mode": mode_of(mode),
        "open_weights": open_weights_of(lineage_id, family, vendor),
    }
    retires = info.get("deprecation_date")
    if isinstance(retires, str) and DATE.match(retires):
        entry["retires"] = retires
    for src, dst in (("input_cost_per_token", "input_per_mtok"), ("output_cost_per_token", "output_per_mtok")):
        price = per_mtok(info.get(src))
        if price is not None:
            entry[dst] = price
    return entry


def build(source: dict) -> tuple[list[dict], dict]:
    stats = Counter()
    entries: dict[str, dict] = {}
    for model_id, info in source.items():
        if not isinstance(info, dict):
            stats["skipped: not an object"] += 1
            continue
        if "alias_of" in info and "litellm_provider" not in info:
            continue  # resolved below
        entry = entry_from(model_id, info)
        if entry is None:
            stats["skipped: no provider/mode"] += 1
            continue
        entries[model_id] = entry
        stats["litellm"] += 1

    # "-latest" aliases ({"alias_of": target}) are ids code really uses; they
    # carry the facts of their current target, under their own id.
    for model_id, info in source.items():
        if not (isinstance(info, dict) and "alias_of" in info and "litellm_provider" not in info):
            continue
        target = source.get(info["alias_of"])
        entry = entry_from(model_id, target, info["alias_of"]) if isinstance(target, dict) else None
        if entry is None:
            stats["skipped: alias with unknown target"] += 1
            continue
        entries[model_id] = entry
        stats["litellm alias"] += 1

    for model_id, vendor, mode in ADDITIONS:
        if model_id in source:
            stats["addition already in LiteLLM"] += 1
            continue
        entries[model_id] = {
            "id": model_id,
            "vendor": vendor,
            "family": family_of(model_id, vendor),
            "mode": mode,
            "open_weights": True,
        }
        stats["aidep addition"] += 1

    for model_id, vendor, mode, retires in LEGACY_ADDITIONS:
        if model_id in source:
            stats["addition already in LiteLLM"] += 1
            continue
        family = family_of(model_id, vendor)
        entry = {
            "id": model_id,
            "vendor": vendor,
            "family": family,
            "mode": mode,
            "open_weights": open_weights_of(model_id, family, vendor),
        }
        if retires:
            entry["retires"] = retires
        entries[model_id] = entry
        stats["aidep legacy addition"] += 1

    return [entries[k] for k in sorted(entries)], stats


def render(models: list[dict]) -> str:
    lines = ["{", f'  "source": {json.dumps(SOURCE_LABEL)},', '  "models": [']
    for i, m in enumerate(models):
        parts = []
        for key in ("id", "vendor", "family", "mode", "open_weights", "retires", "input_per_mtok", "output_per_mtok"):
            if key not in m:
                continue
            value = m[key]
            if isinstance(value, bool):
                text = "true" if value else "false"
            elif isinstance(value, Decimal):
                text = fmt_number(value)
            else:
                text = json.dumps(value)
            parts.append(f"{json.dumps(key)}: {text}")
        comma = "," if i + 1 < len(models) else ""
        lines.append("    {" + ", ".join(parts) + "}" + comma)
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="LiteLLM model_prices_and_context_window.json")
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="where to write (default rules/models.json)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the output is out of date")
    parser.add_argument("--stats", action="store_true", help="print vendor/family/mode distributions")
    args = parser.parse_args(argv)

    with open(args.source, encoding="utf-8") as f:
        source = json.load(f)
    models, stats = build(source)
    text = render(models)

    out = Path(args.output)
    if args.check:
        current = out.read_text(encoding="utf-8") if out.exists() else None
        if current != text:
            print(f"{out} is out of date; run python3 scripts/gen-model-catalog.py", file=sys.stderr)
            return 1
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="\n")

    print(f"wrote {out}: {len(models)} models", file=sys.stderr)
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}", file=sys.stderr)
    if args.stats:
        for label, key in (("vendor", "vendor"), ("family", "family"), ("mode", "mode"), ("open_weights", "open_weights")):
            counts = Counter(m[key] for m in models)
            print(f"{label}:", file=sys.stderr)
            for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
                print(f"  {n:5d}  {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
