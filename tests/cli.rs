//! The command line as a user runs it: exit codes, stdout/stderr separation, output files, and
//! snapshots of the table and the JSON report for the bundled example.

use assert_cmd::Command;
use std::path::Path;

/// The retirement calendar counts days from SOURCE_DATE_EPOCH: 2026-11-24, so snapshots hold.
fn aidep() -> Command {
    let mut cmd = Command::cargo_bin("aidep").unwrap();
    cmd.env("SOURCE_DATE_EPOCH", "1795478400");
    cmd
}

fn monorepo() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/monorepo")
}

fn stdout_of(args: &[&str]) -> String {
    let out = aidep().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn without_version(text: &str, rules_version: &str) -> String {
    let mut out = text
        .replace(rules_version, "[rules-version]")
        .replace(env!("CARGO_PKG_VERSION"), "[version]");
    // The example lives in this repository, so the scanned commit changes with every commit.
    let key = "\"commit\": \"";
    if let Some(i) = text.find(key) {
        let commit = &text[i + key.len()..i + key.len() + 40];
        out = out.replace(commit, "[commit]");
    }
    out
}

#[test]
fn json_report_is_a_valid_v1_report() {
    let text = stdout_of(&["scan", monorepo(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["schema"], "aidep.report/v1");
    for key in [
        "tool",
        "summary",
        "findings",
        "vendors",
        "models",
        "components",
        "graph",
        "single_points_of_failure",
        "lock_in",
        "diagnostics",
    ] {
        assert!(report.get(key).is_some(), "missing {key}");
    }
    for f in report["findings"].as_array().unwrap() {
        for key in [
            "id",
            "rule",
            "vendor",
            "kind",
            "file",
            "line",
            "column",
            "evidence",
            "component",
            "scope",
            "confidence",
        ] {
            assert!(f.get(key).is_some(), "finding without {key}: {f}");
        }
        assert!(f["line"].as_u64().unwrap() >= 1 && f["column"].as_u64().unwrap() >= 1);
        assert!(!f["file"].as_str().unwrap().contains('\\'));
    }
    let rules_version = report["tool"]["rules_version"]
        .as_str()
        .unwrap()
        .to_string();
    insta::assert_snapshot!("monorepo_json", without_version(&text, &rules_version));
}

#[test]
fn table_summarises_vendors_models_and_endpoints() {
    let text = stdout_of(&["scan", monorepo()]);
    assert!(text.contains("Vendor") && text.contains("Call sites"));
    assert!(
        text.contains("Groq (groq)")
            && text.contains("llama3.1:8b")
            && text.contains("api.together.xyz")
    );
    let json = stdout_of(&["scan", monorepo(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    insta::assert_snapshot!(
        "monorepo_table",
        without_version(&text, v["tool"]["rules_version"].as_str().unwrap())
    );
}

#[test]
fn several_formats_to_files() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json");
    let yaml = dir.path().join("r.yaml");
    let out = aidep()
        .args(["scan", monorepo(), "--format", "json", "-o"])
        .arg(&json)
        .args(["--format", "yaml", "-o"])
        .arg(&yaml)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "everything went to files");
    let from_json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let yaml_text = std::fs::read_to_string(&yaml).unwrap();
    assert!(yaml_text.starts_with("schema: aidep.report/v1"));
    assert_eq!(
        from_json["summary"]["findings"]
            .as_u64()
            .unwrap()
            .to_string(),
        yaml_text
            .lines()
            .find(|l| l.starts_with("  findings:"))
            .unwrap()
            .split(':')
            .nth(1)
            .unwrap()
            .trim()
    );
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let out = aidep().args(["scan", "--frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = aidep().args(["scan", "/no/such/dir"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/dir"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.yaml"), "id: acme\nname: A\ncategory: llm-api\njurisdiction: US\nsecrets:\n  - pattern: '(unclosed'\n    literal: acme_\n").unwrap();
    let out = aidep()
        .args(["scan", monorepo(), "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.yaml:6") && err.contains("secrets[0].pattern"),
        "{err}"
    );
}

#[test]
fn diagnostics_go_to_stderr_and_data_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pyproject.toml"),
        "[project]\ndependencies = [\"openai\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("app.py"), "import openai\n").unwrap();
    let out = aidep()
        .args(["scan", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pyproject.toml:") && err.contains("bad-manifest"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "bad-manifest");
    assert_eq!(v["findings"][0]["vendor"], "openai");
    let quiet = aidep()
        .args(["scan", "-q", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(quiet.stderr.is_empty());
}

#[test]
fn rules_commands() {
    let list = stdout_of(&["rules", "list"]);
    assert!(list.contains("anthropic") && list.contains("vendor packs"));
    let show = stdout_of(&["rules", "show", "groq"]);
    assert!(show.contains("api.groq.com"));
    let out = aidep().args(["rules", "show", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let test = stdout_of(&["rules", "test"]);
    assert!(test.contains(" 0 failed"), "{test}");
    assert!(Path::new(monorepo()).exists());
}
