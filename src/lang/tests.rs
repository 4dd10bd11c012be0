//! Facts per language: what each extractor sees in code people write.

use super::{Language, extract};
use crate::facts::{ArgValue, SourceFacts};

fn facts(lang: Language, src: &str) -> SourceFacts {
    extract(lang, src).expect("parses")
}

fn call_names(f: &SourceFacts) -> Vec<String> {
    f.calls
        .iter()
        .filter(|c| c.resolved)
        .map(|c| c.name.join("."))
        .collect()
}

#[test]
fn python_aliases_assignments_and_env() {
    let f = facts(
        Language::Python,
        r#"import os
import importlib
import openai as oa
from anthropic import Anthropic as Claude
"""Module docstring naming gpt-4o and openai."""

client = oa.OpenAI(base_url=os.environ["LLM_BASE_URL"])
reply = client.chat.completions.create(model="gpt-4o-mini", messages=[])
c2 = Claude(api_key=os.getenv("ANTHROPIC_API_KEY"))
# client.embeddings.create(model="text-embedding-3-small")
mod = importlib.import_module("cohere")
"#,
    );
    let names = call_names(&f);
    assert!(names.contains(&"openai.OpenAI".to_string()), "{names:?}");
    assert!(
        names.contains(&"openai.OpenAI.chat.completions.create".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"anthropic.Anthropic".to_string()),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("embeddings")),
        "comments are not code: {names:?}"
    );
    let client = f
        .calls
        .iter()
        .find(|c| c.name.join(".") == "openai.OpenAI")
        .unwrap();
    assert_eq!(client.args[0].value, ArgValue::Env("LLM_BASE_URL".into()));
    let envs: Vec<&str> = f.env_reads.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(envs, ["LLM_BASE_URL", "ANTHROPIC_API_KEY"]);
    let model = f.strings.iter().find(|s| s.value == "gpt-4o-mini").unwrap();
    assert_eq!(model.key.as_deref(), Some("model"));
    assert!(!f.strings.iter().any(|s| s.value.contains("docstring")));
    assert!(
        f.imports.iter().any(|i| i.module == "cohere"),
        "importlib.import_module is an import"
    );
}

#[test]
fn javascript_imports_require_and_dynamic_import() {
    let f = facts(
        Language::JavaScript,
        r#"const { OpenAI: Client } = require("openai");
const Anthropic = require('@anthropic-ai/sdk');
// new Client({ apiKey: "x" })
async function main() {
  const groq = await import("groq-sdk");
  const client = new Client({ baseURL: process.env.LLM_URL ?? "http://localhost:11434/v1" });
  const r = await client.chat.completions.create({ model: "gpt-4o" });
}
"#,
    );
    let modules: Vec<&str> = f.imports.iter().map(|i| i.module.as_str()).collect();
    assert_eq!(modules, ["openai", "@anthropic-ai/sdk", "groq-sdk"]);
    let names = call_names(&f);
    assert!(names.contains(&"openai.OpenAI".to_string()), "{names:?}");
    assert!(
        names.contains(&"openai.OpenAI.chat.completions.create".to_string()),
        "{names:?}"
    );
    let client = f
        .calls
        .iter()
        .find(|c| c.name.join(".") == "openai.OpenAI")
        .unwrap();
    assert_eq!(client.args[0].name.as_deref(), Some("baseURL"));
    assert_eq!(client.args[0].value, ArgValue::Env("LLM_URL".into()));
    assert_eq!(
        f.calls
            .iter()
            .filter(|c| c.name.join(".") == "openai.OpenAI")
            .count(),
        1,
        "the comment is not a call"
    );
}

#[test]
fn typescript_and_tsx_es_imports() {
    for lang in [Language::TypeScript, Language::Tsx] {
        let f = facts(
            lang,
            r#"import OpenAI from "openai";
import { createOpenAI as make } from "@ai-sdk/openai";
import * as ai from "ai";
const together = make({ baseURL: "https://api.together.xyz/v1" });
const client: OpenAI = new OpenAI();
export const run = () => ai.generateText({ model: together("meta-llama/Llama-3.3-70B-Instruct-Turbo"), prompt: "hi" });
"#,
        );
        let names = call_names(&f);
        assert!(
            names.contains(&"@ai-sdk/openai.createOpenAI".to_string()),
            "{lang:?} {names:?}"
        );
        assert!(
            names.contains(&"openai".to_string()),
            "default import binds the module: {names:?}"
        );
        assert!(names.contains(&"ai.generateText".to_string()), "{names:?}");
        let key = f
            .strings
            .iter()
            .find(|s| s.value.starts_with("https://"))
            .unwrap()
            .key
            .clone();
        assert_eq!(key.as_deref(), Some("baseURL"));
    }
}

#[test]
fn go_packages_selectors_and_composite_literals() {
    let f = facts(
        Language::Go,
        r#"package main

import (
	"os"

	"github.com/openai/openai-go/v2"
	"github.com/openai/openai-go/v2/option"
	oa "github.com/sashabaranov/go-openai"
)

// openai.NewClient() in a comment
func main() {
	client := openai.NewClient(option.WithBaseURL("https://api.groq.com/openai/v1"), option.WithAPIKey(os.Getenv("GROQ_API_KEY")))
	_, _ = client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: "llama-3.3-70b-versatile"})
	_ = oa.NewClient("x")
}
"#,
    );
    let names = call_names(&f);
    assert!(
        names.contains(&"github.com/openai/openai-go.NewClient".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"github.com/openai/openai-go/option.WithBaseURL".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"github.com/openai/openai-go.NewClient.Chat.Completions.New".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"github.com/sashabaranov/go-openai.NewClient".to_string()),
        "{names:?}"
    );
    assert_eq!(
        names
            .iter()
            .filter(|n| n.ends_with("openai-go.NewClient"))
            .count(),
        1
    );
    assert_eq!(f.env_reads[0].name, "GROQ_API_KEY");
    let model = f
        .strings
        .iter()
        .find(|s| s.value == "llama-3.3-70b-versatile")
        .unwrap();
    assert_eq!(model.key.as_deref(), Some("Model"));
}

#[test]
fn java_imports_types_and_builders() {
    let f = facts(
        Language::Java,
        r#"package com.acme;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

class Llm {
    // OpenAIOkHttpClient.builder().baseUrl("https://api.openai.com") in a comment
    private final OpenAIClient client = OpenAIOkHttpClient.builder()
        .apiKey(System.getenv("OPENAI_API_KEY"))
        .baseUrl("https://api.deepseek.com")
        .build();

    String ask() { return client.chat().completions().create(params).toString(); }
}
"#,
    );
    let names = call_names(&f);
    assert!(
        names.contains(
            &"com.openai.client.okhttp.OpenAIOkHttpClient.builder.apiKey.baseUrl".to_string()
        ),
        "{names:?}"
    );
    assert!(
        names.contains(&"com.openai.client.OpenAIClient.chat.completions.create".to_string()),
        "{names:?}"
    );
    assert_eq!(f.env_reads[0].name, "OPENAI_API_KEY");
    assert_eq!(
        f.strings
            .iter()
            .filter(|s| s.value.contains("openai.com"))
            .count(),
        0
    );
}

#[test]
fn rust_use_trees_builders_and_macros() {
    let f = facts(
        Language::Rust,
        r#"use async_openai::{Client, config::OpenAIConfig as Cfg};
/// Uses gpt-4o through the OpenAI API (doc comment: prose).
fn main() {
    let config = Cfg::new().with_api_base(std::env::var("LLM_BASE_URL").unwrap_or_default());
    let client = Client::with_config(config);
    let body = serde_json::json!({"model": "llama3.1:8b"});
    let key = env!("OPENAI_API_KEY");
}
"#,
    );
    let names = call_names(&f);
    assert!(
        names.contains(&"async_openai.config.OpenAIConfig.new.with_api_base".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"async_openai.Client.with_config".to_string()),
        "{names:?}"
    );
    let base = f
        .calls
        .iter()
        .find(|c| c.name.last().is_some_and(|n| n == "with_api_base"))
        .unwrap();
    assert_eq!(base.args[0].value, ArgValue::Env("LLM_BASE_URL".into()));
    let model = f.strings.iter().find(|s| s.value == "llama3.1:8b").unwrap();
    assert_eq!(model.key.as_deref(), Some("model"));
    assert!(
        !f.strings.iter().any(|s| s.value.contains("prose")),
        "doc comments are not strings"
    );
    let envs: Vec<&str> = f.env_reads.iter().map(|e| e.name.as_str()).collect();
    assert!(
        envs.contains(&"LLM_BASE_URL") && envs.contains(&"OPENAI_API_KEY"),
        "{envs:?}"
    );
}

#[test]
fn line_scanned_languages() {
    let f = facts(
        Language::CSharp,
        "using Azure.AI.OpenAI;\n// using OpenAI;\nvar k = Environment.GetEnvironmentVariable(\"AZURE_OPENAI_API_KEY\");\nvar opts = new { Model = \"gpt-4o\" };\n",
    );
    assert_eq!(f.imports.len(), 1);
    assert_eq!(f.imports[0].module, "Azure.AI.OpenAI");
    assert_eq!(f.env_reads[0].name, "AZURE_OPENAI_API_KEY");
    let f = facts(
        Language::Ruby,
        "require \"openai\"\n# require 'anthropic'\nclient = OpenAI::Client.new(access_token: ENV.fetch(\"OPENAI_ACCESS_TOKEN\"))\n",
    );
    assert_eq!(f.imports.len(), 1);
    assert_eq!(f.env_reads[0].name, "OPENAI_ACCESS_TOKEN");
}

#[test]
fn broken_source_still_yields_its_good_parts() {
    let f = facts(
        Language::Python,
        "import openai\ndef broken(:\n    pass\nclient = openai.OpenAI()\n",
    );
    assert_eq!(f.imports[0].module, "openai");
    assert!(
        extract(Language::Rust, "fn main( {").is_err(),
        "syn rejects what it cannot parse"
    );
}

#[test]
fn deep_nesting_does_not_overflow() {
    let deep = format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000));
    let _ = extract(Language::Python, &deep);
    let chain = format!("a{}\n", ".b".repeat(5000));
    let _ = extract(Language::JavaScript, &chain);
}
