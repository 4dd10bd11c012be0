//! `aidep check` end to end on a real git repository: a baseline passes, a vendor new to a
//! service fails and is named, moved code passes, suppressions need a reason, policy denials and
//! expired allow entries fail, and a bad flag exits 2.

use assert_cmd::Command;
use std::path::Path;
use std::process::Command as Process;

fn git(dir: &Path, args: &[&str]) {
    let out = Process::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Dev")
        .env("GIT_AUTHOR_EMAIL", "dev@example.com")
        .env("GIT_COMMITTER_NAME", "Dev")
        .env("GIT_COMMITTER_EMAIL", "dev@example.com")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

fn aidep(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("aidep")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795478400")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const CHAT: &str = "import openai\n\nclient = openai.OpenAI()\n\n\ndef ask(q):\n    return client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": q}])\n";

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    write(d, "services/chat/requirements.txt", "openai==1.51.0\n");
    write(d, "services/chat/app.py", CHAT);
    write(d, "services/billing/requirements.txt", "fastapi==0.115.0\n");
    write(
        d,
        "services/billing/app.py",
        "def total(xs):\n    return sum(xs)\n",
    );
    commit(d, "first");
    dir
}

#[test]
fn baseline_then_check_passes() {
    let dir = repo();
    let (code, _, err) = aidep(dir.path(), &["baseline", ".", "-o", ".aidep-baseline.json"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = aidep(dir.path(), &["check", "."]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("passed"), "{out}");
}

#[test]
fn a_vendor_new_to_a_service_fails_against_the_base_revision() {
    let dir = repo();
    let d = dir.path();
    // anthropic is new for services/billing, even though nobody else uses it either;
    // openai in billing is new for billing although services/chat already uses it.
    write(
        d,
        "services/billing/summary.py",
        "import anthropic\n\nclient = anthropic.Anthropic()\n",
    );
    write(
        d,
        "services/billing/ai.py",
        "import openai\nc = openai.OpenAI()\n",
    );
    commit(d, "add AI to billing");
    let (code, out, _) = aidep(d, &["check", ".", "--base", "HEAD~1"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("anthropic is new for services/billing"),
        "{out}"
    );
    assert!(out.contains("openai is new for services/billing"), "{out}");
    assert!(out.contains("services/billing/summary.py:1"), "{out}");
    assert!(out.contains("fix:"), "{out}");
    // the work tree was not touched
    assert!(d.join("services/billing/summary.py").exists());
}

#[test]
fn moving_unrelated_lines_is_not_new() {
    let dir = repo();
    let d = dir.path();
    write(
        d,
        "services/chat/app.py",
        &format!(
            "\"\"\"Chat service.\"\"\"\nimport logging\n\nlog = logging.getLogger(__name__)\n\n\n{CHAT}"
        ),
    );
    commit(d, "move code");
    let (code, out, _) = aidep(d, &["check", ".", "--base", "HEAD~1"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn suppressions_need_a_reason() {
    let dir = repo();
    let d = dir.path();
    write(
        d,
        "services/billing/summary.py",
        "# aidep:ignore anthropic -- approved in ADR-12 for invoice summaries\nimport anthropic\n",
    );
    commit(d, "suppressed with a reason");
    let (code, out, _) = aidep(d, &["check", ".", "--base", "HEAD~1"]);
    assert_eq!(code, 0, "{out}");
    write(
        d,
        "services/billing/summary.py",
        "import anthropic  # aidep:ignore anthropic\n",
    );
    commit(d, "suppressed without a reason");
    let (code, out, _) = aidep(d, &["check", ".", "--base", "HEAD~2"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("suppression-without-reason"), "{out}");
}

#[test]
fn a_policy_denying_a_model_fails() {
    let dir = repo();
    let d = dir.path();
    aidep(d, &["baseline", "."]);
    write(
        d,
        "aidep.yaml",
        "policy:\n  deny:\n    models:\n      - match: \"gpt-4o*\"\n        reason: retiring in January\n",
    );
    let (code, out, _) = aidep(d, &["check", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("denied") && out.contains("gpt-4o*") && out.contains("retiring in January"),
        "{out}"
    );
    let (code, _, _) = aidep(d, &["check", ".", "--exit-zero"]);
    assert_eq!(code, 0);
}

#[test]
fn allow_entries_accept_new_things_until_they_expire() {
    let dir = repo();
    let d = dir.path();
    write(d, "services/billing/summary.py", "import anthropic\n");
    commit(d, "anthropic in billing");
    write(
        d,
        "aidep.yaml",
        "policy:\n  allow:\n    vendors:\n      - match: anthropic\n        reason: contract signed 2026-10\n        expires: 2027-10-01\n      - match: mistral\n        reason: evaluation\n",
    );
    let (code, out, _) = aidep(d, &["check", ".", "--base", "HEAD~1"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("allow vendor `mistral` matches nothing"),
        "unused entries are reported: {out}"
    );
    write(
        d,
        "aidep.yaml",
        "policy:\n  allow:\n    vendors:\n      - match: anthropic\n        reason: trial\n        expires: 2026-06-30\n",
    );
    let (code, out, _) = aidep(d, &["check", ".", "--base", "HEAD~1"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("expired-allow"), "{out}");
}

#[test]
fn sarif_and_markdown_for_pull_requests() {
    let dir = repo();
    let d = dir.path();
    write(d, "services/billing/summary.py", "import anthropic\n");
    commit(d, "anthropic in billing");
    let (code, sarif, _) = aidep(
        d,
        &["check", ".", "--base", "HEAD~1", "--format", "sarif", "-q"],
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "baselined findings are left out: {sarif}");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "services/billing/summary.py"
    );
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    assert!(
        results[0]["partialFingerprints"]["aidepFindingId/v1"]
            .as_str()
            .unwrap()
            .len()
            == 16
    );
    let (_, md, _) = aidep(
        d,
        &[
            "check", ".", "--base", "HEAD~1", "--format", "markdown", "-q",
        ],
    );
    assert!(
        md.contains("❌")
            && md.contains("anthropic")
            && md.contains("services/billing/summary.py:1"),
        "{md}"
    );
}

#[test]
fn bad_flags_and_bad_configs_exit_2() {
    let dir = repo();
    let d = dir.path();
    let (code, _, _) = aidep(d, &["check", ".", "--no-such-flag"]);
    assert_eq!(code, 2);
    let (code, _, err) = aidep(d, &["check", ".", "--base", "no-such-ref"]);
    assert_eq!(code, 2, "{err}");
    write(
        d,
        "aidep.yaml",
        "policy:\n  allow:\n    vendors:\n      - match: openai\n",
    );
    let (code, _, err) = aidep(d, &["check", "."]);
    assert_eq!(code, 2);
    assert!(
        err.contains("aidep.yaml:4") && err.contains("reason"),
        "{err}"
    );
}

#[test]
fn an_unchanged_file_is_judged_with_its_revision_s_configuration() {
    // app.py is the same in both revisions (so it is not read from git again), but the base
    // URL its client takes from .env moved from OpenAI to Groq: Groq is new.
    let dir = repo();
    let d = dir.path();
    write(
        d,
        "services/chat/app.py",
        "import os\nimport openai\n\nclient = openai.OpenAI(base_url=os.environ[\"LLM_BASE_URL\"])\n",
    );
    write(
        d,
        "services/chat/.env",
        "LLM_BASE_URL=https://api.openai.com/v1\n",
    );
    commit(d, "configurable base URL");
    let (code, out, _) = aidep(d, &["check", ".", "--base", "HEAD"]);
    assert_eq!(code, 0, "nothing changed: {out}");
    write(
        d,
        "services/chat/.env",
        "LLM_BASE_URL=https://api.groq.com/openai/v1\n",
    );
    commit(d, "move to Groq");
    let (code, out, _) = aidep(d, &["check", ".", "--base", "HEAD~1"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("groq is new for services/chat"), "{out}");
}
