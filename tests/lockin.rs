//! The analysis on fixture monorepos with a known order of lock-in:
//! (a) all-in on one vendor's proprietary features, fine-tuned models and vendor embeddings in a
//! vector store; (b) one vendor called directly with hard-coded models; (c) an internal wrapper
//! over a router with two providers and a fallback; (d) a gateway over three vendors with a local
//! open-weights fallback and models from configuration.

mod common;

use aidep::report::Report;
use common::*;
use std::path::Path;

fn report(dir: &Path) -> Report {
    Report::build(rules(), scan_dir(dir, false), Some(dir), 20_781)
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lockin")
        .join(name)
}

fn spofs(r: &Report) -> Vec<(String, String, String)> {
    r.single_points_of_failure
        .iter()
        .map(|s| (s.kind.clone(), s.subject.clone(), s.capability.clone()))
        .collect()
}

#[test]
fn lock_in_orders_the_four_architectures() {
    let a = report(&fixture("a-all-in"));
    let b = report(&fixture("b-direct"));
    let c = report(&fixture("c-wrapper"));
    let d = report(&fixture("d-gateway"));
    let scores = [
        a.lock_in.score,
        b.lock_in.score,
        c.lock_in.score,
        d.lock_in.score,
    ];
    assert!(
        scores[0] > scores[1] && scores[1] > scores[2] && scores[2] > scores[3],
        "{scores:?}"
    );
    assert!(scores[0] >= 70, "{scores:?}");
    assert!(scores[3] <= 35, "{scores:?}");
    assert_eq!(a.summary.lock_in_score, a.lock_in.score);
}

#[test]
fn every_point_is_traced_to_evidence() {
    let a = report(&fixture("a-all-in"));
    let total: f64 = a.lock_in.factors.iter().map(|f| f.weight * f.value).sum();
    assert_eq!(total.round() as u32, a.lock_in.score);
    let ids: Vec<&str> = a.findings.iter().map(|f| f.id.as_str()).collect();
    for factor in a.lock_in.factors.iter().filter(|f| f.value > 0.0) {
        assert!(
            !factor.evidence.is_empty(),
            "{} has no evidence",
            factor.factor
        );
        assert!(
            factor.evidence.iter().all(|e| ids.contains(&e.as_str())),
            "{} cites unknown findings",
            factor.factor
        );
    }
    let gravity = a
        .lock_in
        .factors
        .iter()
        .find(|f| f.factor == "data-gravity")
        .unwrap();
    assert_eq!(gravity.value, 1.0);
    assert!(
        gravity.detail.contains("openai") && gravity.detail.contains("pinecone"),
        "{}",
        gravity.detail
    );
    let proprietary = a
        .lock_in
        .factors
        .iter()
        .find(|f| f.factor == "proprietary-features")
        .unwrap();
    assert_eq!(proprietary.value, 1.0);
}

#[test]
fn single_points_of_failure_are_the_expected_ones() {
    let a = spofs(&report(&fixture("a-all-in")));
    for cap in ["assistants", "chat", "embeddings", "batch", "fine-tuning"] {
        assert!(
            a.contains(&("vendor".into(), "openai".into(), cap.into())),
            "{cap}: {a:?}"
        );
    }
    let b = spofs(&report(&fixture("b-direct")));
    assert!(
        b.contains(&("vendor".into(), "anthropic".into(), "chat".into())),
        "{b:?}"
    );
    let c = report(&fixture("c-wrapper"));
    assert!(
        !c.single_points_of_failure
            .iter()
            .any(|s| s.kind == "vendor"),
        "two providers and a fallback: {:?}",
        spofs(&c)
    );
    let d = report(&fixture("d-gateway"));
    assert!(
        !d.single_points_of_failure
            .iter()
            .any(|s| s.kind == "vendor"),
        "{:?}",
        spofs(&d)
    );
}

#[test]
fn a_shared_library_s_vendors_reach_its_dependants() {
    let c = report(&fixture("c-wrapper"));
    let app = c
        .components
        .iter()
        .find(|x| x.id == "services/app")
        .expect("app component");
    assert_eq!(app.depends_on, ["libs/llm"]);
    assert!(app.inherited_vendors.contains(&"openai".to_string()));
    assert!(
        app.abstractions
            .iter()
            .any(|a| a == "internal wrapper libs/llm"),
        "{:?}",
        app.abstractions
    );
    let b = report(&fixture("b-direct"));
    let spof = &b.single_points_of_failure[0];
    assert_eq!(spof.call_sites.len(), 3, "{:?}", spof.call_sites);
    assert!(spof.why.contains("no abstraction layer"), "{}", spof.why);
}

#[test]
fn all_in_component_scores_above_router_component_of_the_same_repo() {
    let r = report(monorepo());
    let score = |id: &str| {
        r.components
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.lock_in.score)
            .unwrap()
    };
    assert!(score("services/search-api") > score("services/agent-gateway"));
    let owners = &r
        .components
        .iter()
        .find(|c| c.id == "services/search-api")
        .unwrap()
        .owners;
    assert_eq!(owners, &["@acme/search-team"]);
    let groq = r
        .single_points_of_failure
        .iter()
        .find(|s| s.vendor == "groq" && s.kind == "vendor")
        .expect("groq is a SPOF");
    assert_eq!(groq.components, ["services/search-api"]);
    let anthropic = r
        .single_points_of_failure
        .iter()
        .find(|s| s.subject == "anthropic" && s.components == ["libs/llm-common"])
        .expect("shared library SPOF");
    assert!(
        anthropic
            .blast_radius
            .transitive_dependants
            .contains(&"services/support-bot".to_string()),
        "{anthropic:?}"
    );
}

#[test]
fn retirement_calendar_and_residency() {
    let r = report(monorepo());
    let gpt4o = r
        .retirements
        .iter()
        .find(|x| x.model == "gpt-4o" && x.vendor == "openai")
        .expect("gpt-4o retires");
    assert_eq!(gpt4o.retires, "2027-01-14");
    assert_eq!(gpt4o.days_left, 51);
    let sweden = r
        .residency
        .iter()
        .find(|x| x.region == "swedencentral")
        .expect("Terraform region");
    assert_eq!(sweden.vendor, "azure-openai");
    assert!(
        r.residency
            .iter()
            .any(|x| x.vendor == "pinecone" && x.region == "aped-4627-b74a")
    );
}
