//! Audit exports of the bundled example: CycloneDX structure, CSV rows, Markdown sections,
//! reproducibility (no time or serial unless asked), and the organisation-wide merge.

use assert_cmd::Command;

fn monorepo() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/monorepo")
}

fn run(args: &[&str], epoch: Option<&str>) -> String {
    let mut cmd = Command::cargo_bin("aidep").unwrap();
    cmd.args(args).env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn cyclonedx_ai_bom() {
    let text = run(&["scan", monorepo(), "--format", "cyclonedx"], None);
    let bom: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(bom["bomFormat"], "CycloneDX");
    assert_eq!(bom["specVersion"], "1.6");
    assert!(
        bom.get("serialNumber").is_none() && bom["metadata"].get("timestamp").is_none(),
        "reproducible by default"
    );
    assert_eq!(bom["metadata"]["lifecycles"][0]["phase"], "pre-build");
    let components = bom["components"].as_array().unwrap();
    let model = components
        .iter()
        .find(|c| c["type"] == "machine-learning-model" && c["name"] == "gpt-4o-mini")
        .expect("model component");
    let props: Vec<String> = model["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}={}",
                p["name"].as_str().unwrap(),
                p["value"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        props.contains(&"aidep:retires=2027-01-14".to_string()),
        "{props:?}"
    );
    assert!(
        props.contains(&"aidep:family=gpt-4o".to_string()),
        "{props:?}"
    );
    let sdk = components
        .iter()
        .find(|c| c["purl"] == "pkg:pypi/openai")
        .expect("SDK with purl");
    assert_eq!(sdk["type"], "library");
    let groq = bom["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["bom-ref"] == "service:groq")
        .expect("groq service");
    assert_eq!(groq["endpoints"][0], "https://api.groq.com");
    assert_eq!(groq["authenticated"], true);
    // component → SDK → service → model
    let deps = bom["dependencies"].as_array().unwrap();
    let depends = |r: &str| {
        deps.iter()
            .find(|d| d["ref"] == r)
            .map(|d| {
                d["dependsOn"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert!(depends("component:services/support-bot").contains(&"pkg:pypi/openai".to_string()));
    assert!(depends("pkg:pypi/openai").contains(&"service:openai".to_string()));
    assert!(depends("service:openai").contains(&"model:openai/gpt-4o-mini".to_string()));
    // every reference resolves
    let refs: std::collections::BTreeSet<&str> = components
        .iter()
        .chain(bom["services"].as_array().unwrap())
        .map(|c| c["bom-ref"].as_str().unwrap())
        .chain(["repository"])
        .collect();
    for d in deps {
        assert!(refs.contains(d["ref"].as_str().unwrap()), "{d}");
        for on in d["dependsOn"].as_array().unwrap() {
            assert!(refs.contains(on.as_str().unwrap()), "{on}");
        }
    }
}

#[test]
fn time_and_serial_only_when_asked() {
    let a = run(
        &["scan", monorepo(), "--format", "cyclonedx"],
        Some("1795478400"),
    );
    let b = run(
        &["scan", monorepo(), "--format", "cyclonedx"],
        Some("1795478400"),
    );
    assert_eq!(a, b, "SOURCE_DATE_EPOCH makes it reproducible");
    let bom: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(bom["metadata"]["timestamp"], "2026-11-24T00:00:00Z");
    assert!(
        bom["serialNumber"]
            .as_str()
            .unwrap()
            .starts_with("urn:uuid:")
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["scan", monorepo(), "--format", "json"], None)).unwrap();
    assert!(json["source"].get("generated_at").is_none());
    assert_eq!(json["source"]["name"], "monorepo");
}

#[test]
fn csv_has_one_row_per_finding() {
    let csv = run(&["scan", monorepo(), "--format", "csv"], None);
    let json: serde_json::Value =
        serde_json::from_str(&run(&["scan", monorepo(), "--format", "json"], None)).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("id,repository,rule,vendor,kind,file,line"));
    assert_eq!(rows.len() - 1, json["findings"].as_array().unwrap().len());
    assert!(
        !csv.contains("sk-ant-api03-"),
        "the key is redacted in CSV too"
    );
}

#[test]
fn markdown_audit_summary() {
    let md = run(
        &["scan", monorepo(), "--format", "markdown"],
        Some("1795478400"),
    );
    for heading in [
        "# AI dependency audit",
        "## Vendors",
        "## Lock-in factors",
        "## Single points of failure",
        "## Model retirements",
        "## Data residency",
    ] {
        assert!(md.contains(heading), "missing {heading}");
    }
}

#[test]
fn merge_keeps_each_finding_s_repository() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    std::fs::write(&a, run(&["scan", monorepo(), "--format", "json"], None)).unwrap();
    let other = dir.path().join("payments");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("requirements.txt"), "anthropic==0.39\n").unwrap();
    std::fs::write(other.join("app.py"), "import anthropic\nc = anthropic.Anthropic()\nc.messages.create(model=\"claude-3-5-haiku-20241022\", max_tokens=1, messages=[])\n").unwrap();
    std::fs::write(
        &b,
        run(&["scan", other.to_str().unwrap(), "--format", "json"], None),
    )
    .unwrap();
    let merged: serde_json::Value = serde_json::from_str(&run(
        &[
            "merge",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    ))
    .unwrap();
    let repos: std::collections::BTreeSet<&str> = merged["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["repository"].as_str().unwrap())
        .collect();
    assert_eq!(
        repos.into_iter().collect::<Vec<_>>(),
        ["monorepo", "payments"]
    );
    let anthropic = merged["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "anthropic")
        .unwrap();
    assert_eq!(
        anthropic["repositories"],
        serde_json::json!(["monorepo", "payments"])
    );
    assert!(
        merged["components"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "monorepo/services/search-api")
    );
    // One SPOF across repositories: Anthropic is the only chat provider of both.
    let spof = merged["single_points_of_failure"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "vendor" && s["subject"] == "anthropic")
        .unwrap();
    let comps: Vec<&str> = spof["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        comps.contains(&"payments") && comps.contains(&"monorepo/libs/llm-common"),
        "{comps:?}"
    );
}
