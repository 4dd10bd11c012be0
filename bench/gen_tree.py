#!/usr/bin/env python3
"""Generates a deterministic polyglot monorepo for aidep's benchmark.

Services in Python, TypeScript, Go, Java and Rust with manifests, configs and docs; about 3 % of
source files touch an AI SDK; each JS service has a gitignored node_modules folder. Same seed,
same tree, byte for byte.
"""
import argparse
import json
import os
import random

WORDS = ("account invoice customer order payment ledger report session cache queue retry token "
         "shipment address profile search index rank score batch export import schedule audit").split()

AI_SNIPPETS = {
    "py": ["import openai\nclient = openai.OpenAI()\nresp = client.chat.completions.create(model=\"gpt-4o-mini\", messages=msgs)\n",
           "from anthropic import Anthropic\nclaude = Anthropic()\nmsg = claude.messages.create(model=\"claude-3-5-haiku-20241022\", max_tokens=512, messages=m)\n",
           "import cohere\nco = cohere.ClientV2()\nranked = co.rerank(model=\"rerank-english-v3.0\", query=q, documents=docs)\n"],
    "ts": ["import OpenAI from \"openai\";\nconst client = new OpenAI({ baseURL: process.env.LLM_BASE_URL });\nconst r = await client.chat.completions.create({ model: \"gpt-4o\", messages });\n",
           "import { generateText } from \"ai\";\nimport { createOpenAI } from \"@ai-sdk/openai\";\nconst groq = createOpenAI({ baseURL: \"https://api.groq.com/openai/v1\" });\n"],
    "go": ["import \"github.com/openai/openai-go\"\n\nfunc newClient() openai.Client { return openai.NewClient() }\n"],
    "java": ["import com.openai.client.okhttp.OpenAIOkHttpClient;\n\nclass Llm { Object c = OpenAIOkHttpClient.fromEnv(); }\n"],
    "rs": ["use async_openai::Client;\n\npub fn client() -> Client<async_openai::config::OpenAIConfig> { Client::new() }\n"],
}


def ident(rng):
    return "_".join(rng.sample(WORDS, 2))


def py_file(rng, lines):
    out = ["import os", "import json", "from dataclasses import dataclass", ""]
    while len(out) < lines:
        name = ident(rng)
        out += [f"def {name}(payload, limit={rng.randint(1, 99)}):",
                f"    \"\"\"Handle {name.replace('_', ' ')} for the {rng.choice(WORDS)} service.\"\"\"",
                f"    items = [x for x in payload.get('{rng.choice(WORDS)}', []) if x]",
                "    # keep the order stable for the report",
                f"    return sorted(items)[:limit]", ""]
    return "\n".join(out) + "\n"


def ts_file(rng, lines):
    out = ["import { readFile } from \"node:fs/promises\";", ""]
    while len(out) < lines:
        name = ident(rng).replace("_", "")
        out += [f"export async function {name}(input: Record<string, unknown>): Promise<number> {{",
                f"  // {rng.choice(WORDS)} handling",
                f"  const value = Number(input[\"{rng.choice(WORDS)}\"] ?? {rng.randint(0, 9)});",
                "  return value * 2;", "}", ""]
    return "\n".join(out) + "\n"


def go_file(rng, lines, pkg):
    out = [f"package {pkg}", "", "import \"fmt\"", ""]
    while len(out) < lines:
        name = ident(rng).title().replace("_", "")
        out += [f"// {name} formats a {rng.choice(WORDS)}.", f"func {name}(n int) string {{",
                f"\treturn fmt.Sprintf(\"{rng.choice(WORDS)}-%d\", n*{rng.randint(2, 9)})", "}", ""]
    return "\n".join(out) + "\n"


def java_file(rng, lines, cls):
    out = ["package com.acme;", "", "import java.util.List;", "", f"public class {cls} {{"]
    while len(out) < lines:
        name = ident(rng).replace("_", "")
        out += [f"    /** Returns the {rng.choice(WORDS)} count. */", f"    public int {name}(List<String> xs) {{",
                f"        return xs.size() + {rng.randint(0, 9)};", "    }", ""]
    return "\n".join(out) + "}\n"


def rs_file(rng, lines):
    out = ["use std::collections::HashMap;", ""]
    while len(out) < lines:
        name = ident(rng)
        out += [f"/// Counts {rng.choice(WORDS)} entries.", f"pub fn {name}(m: &HashMap<String, u32>) -> u32 {{",
                f"    m.values().sum::<u32>() + {rng.randint(0, 9)}", "}", ""]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ai-share", type=float, default=0.03)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    langs = ["py", "ts", "go", "java", "rs"]
    written = 0
    service = 0

    def write(path, text):
        nonlocal written
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
        written += 1

    write(".gitignore", "node_modules/\ntarget/\n")
    while written < args.files:
        lang = langs[service % len(langs)]
        root = f"services/{lang}-svc-{service:05d}"
        service += 1
        n_files = rng.randint(20, 60)
        if lang == "py":
            write(f"{root}/requirements.txt", "fastapi==0.110\npydantic>=2\n" + ("openai>=1.40\n" if rng.random() < 0.3 else ""))
        elif lang == "ts":
            deps = {"express": "^4.19.0", "zod": "^3.23.0"}
            if rng.random() < 0.3:
                deps["openai"] = "^4.60.0"
            write(f"{root}/package.json", json.dumps({"name": root.split('/')[-1], "dependencies": deps}, indent=2) + "\n")
            for k in range(rng.randint(5, 15)):  # gitignored vendor folder
                write(f"{root}/node_modules/dep{k}/index.js", ts_file(rng, 40))
        elif lang == "go":
            write(f"{root}/go.mod", f"module example.com/{root}\n\ngo 1.22\n")
        elif lang == "java":
            write(f"{root}/pom.xml", "<project><modelVersion>4.0.0</modelVersion><artifactId>svc</artifactId></project>\n")
        else:
            write(f"{root}/Cargo.toml", "[package]\nname = \"svc\"\nversion = \"0.1.0\"\n\n[dependencies]\nserde = \"1\"\n")
        write(f"{root}/README.md", f"# {root}\n\nOwns the {rng.choice(WORDS)} workflow.\n")
        write(f"{root}/config/app.yaml", f"service: {root}\nreplicas: {rng.randint(1, 5)}\nlog_level: info\n")
        for i in range(n_files):
            lines = int(rng.lognormvariate(4.3, 0.7)) + 10
            ext = "ts" if lang == "ts" else lang
            if lang == "py":
                body = py_file(rng, lines)
            elif lang == "ts":
                body = ts_file(rng, lines)
            elif lang == "go":
                body = go_file(rng, lines, "svc")
            elif lang == "java":
                body = java_file(rng, lines, f"C{i}")
            else:
                body = rs_file(rng, lines)
            if rng.random() < args.ai_share:
                body = rng.choice(AI_SNIPPETS[lang]) + body
            name = f"Mod{i}.java" if lang == "java" else f"mod_{i}.{ext}"
            write(f"{root}/src/{name}", body)
            if written >= args.files:
                break
    print(f"{written} files under {args.out}")


if __name__ == "__main__":
    main()
