//! The bundled example monorepo: every dependency it was written to contain is found with the right
//! vendor, at the right place, and none of its decoys count.

mod common;

use aidep::finding::{Confidence, Kind, Scope};
use common::*;

fn has(result: &aidep::scan::ScanResult, vendor: &str, kind: &str, file: &str, line: u32) -> bool {
    result.findings.iter().any(|f| {
        f.vendor == vendor
            && f.kind.as_str() == kind
            && f.file == file
            && f.line == line
            && f.confidence >= Confidence::Medium
    })
}

#[test]
fn finds_every_planted_dependency_with_the_real_vendor() {
    let r = scan_dir(monorepo(), false);
    let expected: &[(&str, &str, &str, u32)] = &[
        (
            "openai",
            "manifest-dependency",
            "services/support-bot/pyproject.toml",
            10,
        ),
        (
            "openai",
            "sdk-import",
            "services/support-bot/support_bot/bot.py",
            5,
        ),
        (
            "openai",
            "sdk-call",
            "services/support-bot/support_bot/bot.py",
            28,
        ),
        (
            "openai",
            "model-name",
            "services/support-bot/support_bot/bot.py",
            29,
        ),
        (
            "openai",
            "model-name",
            "services/support-bot/support_bot/knowledge.py",
            28,
        ),
        (
            "pinecone",
            "sdk-call",
            "services/support-bot/support_bot/knowledge.py",
            15,
        ),
        (
            "pinecone",
            "endpoint",
            "deploy/helm/support-bot/values.yaml",
            29,
        ),
        (
            "anthropic",
            "sdk-import",
            "libs/llm-common/llm_common/client.py",
            7,
        ),
        (
            "anthropic",
            "sdk-call",
            "libs/llm-common/llm_common/client.py",
            27,
        ),
        (
            "anthropic",
            "model-name",
            "libs/llm-common/llm_common/client.py",
            11,
        ),
        (
            "anthropic",
            "sdk-call",
            "services/summarizer/src/escalation.ts",
            19,
        ),
        ("anthropic", "secret", "scripts/smoke_test.py", 16),
        // Vercel AI SDK's createOpenAI pointed at Together by a literal baseURL.
        (
            "together",
            "sdk-call",
            "services/summarizer/src/summarize.ts",
            6,
        ),
        (
            "together",
            "endpoint",
            "services/summarizer/src/summarize.ts",
            7,
        ),
        (
            "together",
            "model-name",
            "services/summarizer/src/summarize.ts",
            11,
        ),
        (
            "vercel-ai-sdk",
            "sdk-call",
            "services/summarizer/src/summarize.ts",
            40,
        ),
        // openai-go with option.WithBaseURL("https://api.groq.com/openai/v1").
        (
            "groq",
            "sdk-call",
            "services/search-api/internal/rewrite/rewrite.go",
            31,
        ),
        (
            "groq",
            "model-name",
            "services/search-api/internal/rewrite/rewrite.go",
            17,
        ),
        (
            "groq",
            "env-var",
            "services/search-api/internal/rewrite/rewrite.go",
            27,
        ),
        // async-openai whose base URL is LLM_BASE_URL, set to Ollama in .env.example and Helm values.
        (
            "ollama",
            "sdk-call",
            "services/transcriber/src/cleanup.rs",
            24,
        ),
        (
            "ollama",
            "model-name",
            "services/transcriber/src/cleanup.rs",
            14,
        ),
        ("ollama", "iac-resource", "deploy/k8s/ollama.yaml", 23),
        ("ollama", "iac-resource", "docker-compose.yml", 6),
        ("vllm", "iac-resource", "docker-compose.yml", 14),
        (
            "openai",
            "manifest-dependency",
            "services/billing-insights/pom.xml",
            47,
        ),
        (
            "openai",
            "sdk-call",
            "services/billing-insights/src/main/java/com/acme/billing/insights/LlmClientConfig.java",
            22,
        ),
        (
            "openai",
            "env-var",
            "services/billing-insights/src/main/resources/application.properties",
            6,
        ),
        (
            "openai",
            "model-name",
            "services/billing-insights/src/main/resources/application.properties",
            7,
        ),
        (
            "openai",
            "sdk-import",
            "services/helpdesk-webhooks/lib/triage.rb",
            4,
        ),
        ("cohere", "sdk-call", "services/ranker/ranker/rerank.py", 22),
        (
            "cohere",
            "model-name",
            "services/ranker/ranker/rerank.py",
            23,
        ),
        ("voyage", "sdk-call", "services/ranker/ranker/embed.py", 15),
        (
            "google-gemini",
            "sdk-call",
            "notebooks/eval-prompts.ipynb",
            75,
        ),
        (
            "google-gemini",
            "model-name",
            "notebooks/eval-prompts.ipynb",
            75,
        ),
        ("openai", "sdk-call", "notebooks/eval-prompts.ipynb", 84),
        (
            "litellm",
            "sdk-call",
            "services/agent-gateway/gateway/router.py",
            31,
        ),
        (
            "aws-bedrock",
            "model-name",
            "services/agent-gateway/gateway/router.py",
            16,
        ),
        (
            "azure-openai",
            "model-name",
            "services/agent-gateway/gateway/router.py",
            23,
        ),
        (
            "aws-bedrock",
            "sdk-call",
            "services/agent-gateway/gateway/refund_agent.py",
            14,
        ),
        (
            "azure-openai",
            "iac-resource",
            "infra/terraform/main.tf",
            33,
        ),
        ("azure-openai", "model-name", "infra/terraform/main.tf", 48),
        ("aws-bedrock", "iac-resource", "infra/terraform/main.tf", 74),
        ("azure-openai", "endpoint", ".env.example", 19),
    ];
    let missing: Vec<_> = expected
        .iter()
        .filter(|(v, k, f, l)| !has(&r, v, k, f, *l))
        .collect();
    assert!(missing.is_empty(), "not found: {missing:#?}");
}

#[test]
fn attribution_says_how() {
    let r = scan_dir(monorepo(), false);
    let groq = r
        .findings
        .iter()
        .find(|f| f.vendor == "groq" && f.kind == Kind::SdkCall)
        .expect("groq client");
    assert!(
        groq.via.as_deref().unwrap().contains("api.groq.com"),
        "{groq:?}"
    );
    let ollama = r
        .findings
        .iter()
        .find(|f| f.vendor == "ollama" && f.kind == Kind::SdkCall)
        .expect("ollama client");
    let via = ollama.via.as_deref().unwrap();
    assert!(
        via.contains("LLM_BASE_URL") && via.contains("ollama.internal"),
        "{via}"
    );
    // The summarizer's framework call stays with the framework; its provider moved to Together.
    assert!(
        !r.findings
            .iter()
            .any(|f| f.file.ends_with("summarize.ts") && f.vendor == "openai")
    );
}

#[test]
fn decoys_never_count() {
    let r = scan_dir(monorepo(), true);
    let confident = confident(&r.findings);
    for decoy in [
        "CHANGELOG.md",
        "docs/architecture.md",
        "README.md",
        "services/search-api/api/openapi.yaml",
        "scripts/provision_disk.sh",
        "services/support-bot/support_bot/handoff.py",
        "services/support-bot/support_bot/chunking.py",
        "vendor-snapshots/old_bot.py",
        "services/summarizer/node_modules/openai/index.js",
    ] {
        let hits: Vec<_> = confident.iter().filter(|f| f.file == decoy).collect();
        assert!(hits.is_empty(), "{decoy} is a decoy: {hits:#?}");
    }
    for vendor in ["mistral", "replicate"] {
        assert!(
            !confident.iter().any(|f| f.vendor == vendor),
            "{vendor} is only named in prose"
        );
    }
    // Notebook markdown cells and outputs are not code.
    let nb: Vec<u32> = confident
        .iter()
        .filter(|f| f.file.ends_with(".ipynb"))
        .map(|f| f.line)
        .collect();
    for prose_line in [8, 9, 10, 11, 12, 42, 63, 64, 65, 102, 103, 104] {
        assert!(
            !nb.contains(&prose_line),
            "notebook line {prose_line} is prose or output: {nb:?}"
        );
    }
}

#[test]
fn test_code_is_scoped_and_excluded_by_default() {
    let default = scan_dir(monorepo(), false);
    // Secrets are always reported: a leaked key in a test is still leaked.
    assert!(
        !default
            .findings
            .iter()
            .any(|f| f.scope == Scope::Test && f.kind != Kind::Secret)
    );
    assert!(default.stats.test_findings_excluded > 0);
    let all = scan_dir(monorepo(), true);
    let test = all
        .findings
        .iter()
        .find(|f| f.file == "services/support-bot/tests/test_bot.py")
        .expect("test findings with --include-tests");
    assert_eq!(test.scope, Scope::Test);
    assert_eq!(test.component, "services/support-bot");
}

#[test]
fn components_are_the_nearest_manifest_directory() {
    let r = scan_dir(monorepo(), false);
    let component = |file: &str| {
        r.findings
            .iter()
            .find(|f| f.file == file)
            .map(|f| f.component.clone())
    };
    assert_eq!(
        component("services/ranker/ranker/rerank.py").as_deref(),
        Some("services/ranker")
    );
    assert_eq!(
        component("libs/llm-common/llm_common/client.py").as_deref(),
        Some("libs/llm-common")
    );
    assert_eq!(component("infra/terraform/main.tf").as_deref(), Some("."));
    let scope = |file: &str| r.findings.iter().find(|f| f.file == file).map(|f| f.scope);
    // `*_test.py` is a test by Python's convention, even under scripts/.
    assert_eq!(scope("scripts/smoke_test.py"), Some(Scope::Test));
    assert_eq!(
        scope("services/search-api/internal/rewrite/rewrite.go"),
        Some(Scope::Product)
    );
}

#[test]
fn secrets_are_redacted_everywhere() {
    let key = std::fs::read_to_string(monorepo().join("scripts/smoke_test.py")).unwrap();
    let planted = key
        .split('"')
        .find(|s| s.starts_with("sk-ant-"))
        .expect("the planted key")
        .to_string();
    let r = scan_dir(monorepo(), true);
    let report = aidep::report::Report::build(rules(), r, Some(monorepo()), 20_781);
    for format in [
        aidep::render::Format::Json,
        aidep::render::Format::Yaml,
        aidep::render::Format::Table,
        aidep::render::Format::Sarif,
        aidep::render::Format::Markdown,
        aidep::render::Format::Cyclonedx,
        aidep::render::Format::Csv,
        aidep::render::Format::Html,
    ] {
        let out = aidep::render::render(rules(), &report, format, Some(120));
        assert!(!out.contains(&planted), "{format:?} leaks the key");
        assert!(
            !out.contains(&planted[10..40]),
            "{format:?} leaks part of the key"
        );
    }
    let secret = report
        .findings
        .iter()
        .find(|f| f.kind == Kind::Secret)
        .unwrap();
    assert!(
        secret.evidence.contains("sk-ant-****REDACTED****"),
        "{}",
        secret.evidence
    );
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let run = |threads: usize| {
        let mut o = aidep::scan::ScanOptions::new(monorepo());
        o.threads = threads;
        let r = aidep::scan::scan(rules(), &o, &()).unwrap();
        aidep::render::render(
            rules(),
            &aidep::report::Report::build(rules(), r, Some(monorepo()), 20_781),
            aidep::render::Format::Json,
            None,
        )
    };
    let one = run(1);
    assert_eq!(one, run(4));
    assert_eq!(one, run(1));
}
