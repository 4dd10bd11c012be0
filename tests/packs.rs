//! The built-in vendor packs: every example passes, every matcher kind is covered by a positive
//! and a negative example, and no two packs claim the same package, import, host or variable
//! unless one declares that it routes through the other.

mod common;

use common::rules;
use std::collections::BTreeMap;

#[test]
fn every_pack_example_passes_and_every_matcher_is_covered() {
    let outcome = aidep::selftest::run(rules(), None);
    let report: Vec<String> = outcome
        .failures
        .iter()
        .map(|f| format!("{}: {}", f.source, f.message))
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
    assert!(outcome.examples >= 2 * rules().packs.len());
}

#[test]
fn no_two_packs_claim_the_same_thing() {
    let rules = rules();
    let routes = |a: &str, b: &str| {
        let pa = &rules.packs[rules.pack_by_id(a).unwrap()];
        let pb = &rules.packs[rules.pack_by_id(b).unwrap()];
        pa.routes_through.iter().any(|r| r == b) || pb.routes_through.iter().any(|r| r == a)
    };
    let mut claims: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pack in &rules.packs {
        for (eco, names) in &pack.packages {
            for n in names {
                claims
                    .entry(format!("package {}:{}", eco.as_str(), eco.normalize(n)))
                    .or_default()
                    .push(pack.id.clone());
            }
        }
        for (lang, paths) in &pack.imports {
            for p in paths {
                claims
                    .entry(format!("import {}:{p}", lang.as_str()))
                    .or_default()
                    .push(pack.id.clone());
            }
        }
        for e in &pack.endpoints {
            claims
                .entry(format!("host {}", e.template.to_ascii_lowercase()))
                .or_default()
                .push(pack.id.clone());
        }
        for v in &pack.env {
            claims
                .entry(format!("env {v}"))
                .or_default()
                .push(pack.id.clone());
        }
    }
    let conflicts: Vec<String> = claims
        .iter()
        .filter(|(_, owners)| owners.len() > 1 && !owners.windows(2).all(|w| routes(&w[0], &w[1])))
        .map(|(what, owners)| format!("{what}: {}", owners.join(", ")))
        .collect();
    assert!(
        conflicts.is_empty(),
        "claimed twice:\n{}",
        conflicts.join("\n")
    );
}

#[test]
fn packs_are_complete_enough_to_audit_with() {
    for pack in &rules().packs {
        assert!(!pack.jurisdiction.is_empty(), "{}", pack.id);
        assert!(
            !pack.capabilities.is_empty(),
            "{} declares no capability",
            pack.id
        );
        for s in &pack.substitutes {
            assert!(
                rules().pack_by_id(s).is_some(),
                "{}: substitute {s} has no pack",
                pack.id
            );
        }
        assert!(pack.examples.len() >= 2, "{} needs examples", pack.id);
    }
}

#[test]
fn the_first_catalog_covers_the_vendors_the_engine_issue_names() {
    for id in [
        "openai",
        "azure-openai",
        "anthropic",
        "google-gemini",
        "google-vertex",
        "aws-bedrock",
        "cohere",
        "mistral",
        "huggingface",
        "groq",
        "together",
        "fireworks",
        "replicate",
        "perplexity",
        "deepseek",
        "xai",
        "ollama",
        "openrouter",
        "voyage",
        "vllm",
        "pinecone",
        "langchain",
        "llamaindex",
        "litellm",
        "vercel-ai-sdk",
    ] {
        assert!(rules().pack_by_id(id).is_some(), "missing pack {id}");
    }
    assert!(
        rules().catalog.len() >= 4000,
        "catalog has {} models",
        rules().catalog.len()
    );
}

#[test]
fn a_broken_user_pack_stops_the_run_naming_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.yaml"), "id: acme-llm\nname: Acme\ncategory: llm-api\njurisdiction: US\nendpoints:\n  - host: api.acme.ai\n    port: 443\n").unwrap();
    let err = aidep::rules::RuleSet::load(&[dir.path()])
        .err()
        .expect("rejected")
        .to_string();
    assert!(err.contains("mine.yaml:7") && err.contains("port"), "{err}");

    std::fs::write(
        dir.path().join("mine.yaml"),
        "id: openai\nname: Again\ncategory: llm-api\njurisdiction: US\n",
    )
    .unwrap();
    let err = aidep::rules::RuleSet::load(&[dir.path()])
        .err()
        .expect("rejected")
        .to_string();
    assert!(err.contains("already defined"), "{err}");
}

#[test]
fn a_user_pack_works_like_a_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("acme.yaml"),
        "id: acme-llm\nname: Acme LLM\ncategory: llm-api\njurisdiction: DE\ncapabilities: [chat]\npackages:\n  pypi: [acme-llm]\nimports:\n  python: [acme_llm]\nendpoints:\n  - host: \"{region}.api.acme-llm.eu\"\nexamples:\n  - file: app.py\n    code: \"import acme_llm\\n\"\n    expect: [acme-llm.sdk-import]\n",
    )
    .unwrap();
    let rules = aidep::rules::RuleSet::load(&[dir.path()]).unwrap();
    let found = aidep::scan::analyze_text(
        &rules,
        "app.py",
        "import acme_llm\nURL = \"https://fra.api.acme-llm.eu/v1\"\n",
    );
    assert!(
        found
            .iter()
            .any(|f| f.vendor == "acme-llm" && f.kind.as_str() == "sdk-import")
    );
    let endpoint = found
        .iter()
        .find(|f| f.kind.as_str() == "endpoint")
        .unwrap();
    assert_eq!(endpoint.region.as_deref(), Some("fra"));
    assert!(rules.version.ends_with("+custom"));
}

#[test]
fn integration_packages_name_the_vendor_and_the_framework() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("acme.yaml"),
        "id: acme-llm\nname: Acme LLM\ncategory: llm-api\njurisdiction: DE\ncapabilities: [chat]\nintegrations:\n  - framework: vercel-ai-sdk\n    packages:\n      npm: [\"@ai-sdk/acme\"]\n    imports:\n      javascript: [\"@ai-sdk/acme\"]\n    calls:\n      - name: \"@ai-sdk/acme.acme\"\n        capability: chat\n",
    )
    .unwrap();
    let rules = aidep::rules::RuleSet::load(&[dir.path()]).unwrap();
    let found = aidep::scan::analyze_text(
        &rules,
        "app.ts",
        "import { acme } from \"@ai-sdk/acme\";\nconst r = acme(\"acme-large\");\n",
    );
    let import: Vec<(&str, Option<&str>)> = found
        .iter()
        .filter(|f| f.kind.as_str() == "sdk-import")
        .map(|f| (f.vendor.as_str(), f.via.as_deref()))
        .collect();
    assert_eq!(
        import,
        [
            ("acme-llm", Some("through vercel-ai-sdk")),
            ("vercel-ai-sdk", None)
        ]
    );
    let call = found
        .iter()
        .find(|f| f.kind.as_str() == "sdk-call")
        .unwrap();
    assert_eq!(
        (call.vendor.as_str(), call.via.as_deref()),
        ("acme-llm", Some("through vercel-ai-sdk"))
    );
}

#[test]
fn docs_vendors_md_is_current() {
    let expected = aidep::render::vendor_catalog_markdown(rules());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/vendors.md");
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/vendors.md is out of date: run `cargo run -- rules list --format markdown > docs/vendors.md`"
    );
}
