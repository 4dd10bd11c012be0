//! Hardening through the real binary: planted keys never leave aidep unredacted, every output is
//! byte-identical run to run and whatever the thread count, and a scan neither opens a socket nor
//! runs anything from the tree it reads.

mod common;

use assert_cmd::Command;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

fn write(dir: &Path, path: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn aidep(args: &[&str]) -> Output {
    Command::cargo_bin("aidep")
        .unwrap()
        .env_remove("SOURCE_DATE_EPOCH")
        .args(args)
        .output()
        .unwrap()
}

/// stdout and stderr of one run, together.
fn printed(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const SCAN_FORMATS: &[&str] = &[
    "table",
    "json",
    "yaml",
    "sarif",
    "markdown",
    "cyclonedx",
    "csv",
    "html",
];

/// Every command that prints something about a tree, as argument lists.
fn every_output(tree: &str) -> Vec<Vec<String>> {
    let mut runs: Vec<Vec<&str>> = SCAN_FORMATS
        .iter()
        .map(|f| vec!["scan", tree, "--include-tests", "--format", f])
        .collect();
    for f in ["text", "json", "sarif", "markdown"] {
        runs.push(vec!["check", tree, "--exit-zero", "--format", f]);
    }
    for f in ["dot", "mermaid", "json"] {
        runs.push(vec!["graph", tree, "--format", f]);
    }
    runs.into_iter()
        .map(|r| r.into_iter().map(String::from).collect())
        .collect()
}

/// One key per documented secret shape, taken from the packs' own positive examples.
fn documented_keys() -> Vec<(String, String)> {
    let mut keys = Vec::new();
    for pack in &rules().packs {
        for secret in &pack.secrets {
            let key = pack
                .examples
                .iter()
                .find_map(|e| secret.regex.find(&e.code).map(|m| m.as_str().to_string()))
                .unwrap_or_else(|| {
                    panic!(
                        "{}: no example shows the shape {}",
                        pack.source,
                        secret.regex.as_str()
                    )
                });
            keys.push((pack.id.clone(), key));
        }
    }
    keys
}

#[test]
fn planted_keys_of_every_documented_shape_never_leave_unredacted() {
    let keys = documented_keys();
    assert!(keys.len() >= 10, "{keys:?}");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (mut env, mut py, mut json, mut values, mut ts, mut go) = (
        String::new(),
        String::from("import openai\n"),
        Vec::new(),
        String::from("env:\n"),
        String::from("import OpenAI from \"openai\";\n"),
        String::from("package keys\n\nimport \"github.com/openai/openai-go\"\n\nconst (\n"),
    );
    for (i, (_, key)) in keys.iter().enumerate() {
        env.push_str(&format!("SERVICE_TOKEN_{i}={key}\n"));
        py.push_str(&format!("KEY_{i} = \"{key}\"  # {key}\n"));
        json.push(format!("\"k{i}\": \"{key}\""));
        values.push_str(&format!("  - name: K{i}\n    value: \"{key}\"\n"));
        ts.push_str(&format!("const k{i} = `Bearer {key}`;\n"));
        go.push_str(&format!("\tk{i} = `{key}`\n"));
    }
    go.push_str(")\n");
    let all: Vec<&str> = keys.iter().map(|(_, k)| k.as_str()).collect();
    write(d, "svc/.env", &env);
    write(d, "svc/app/keys.py", &py);
    write(d, "svc/tests/test_keys.py", &py);
    write(d, "svc/config.json", format!("{{{}}}", json.join(", ")));
    write(d, "deploy/values.yaml", &values);
    write(d, "web/src/keys.ts", &ts);
    write(d, "go/keys.go", &go);
    write(
        d,
        "nb/keys.ipynb",
        serde_json::json!({
            "cells": [{"cell_type": "code", "metadata": {}, "outputs": [],
                       "source": [format!("import anthropic\nk = {:?}\n", all[0])]},
                      {"cell_type": "markdown", "metadata": {}, "source": [all.join(" ")]}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5
        })
        .to_string(),
    );
    // files that only yield diagnostics, with a key where a parser error would quote it
    write(
        d,
        "broken/package.json",
        format!("{{\"dependencies\": {{\"openai\": \"{}\"", all[1]),
    );
    write(
        d,
        "broken/pyproject.toml",
        format!("[project\ndependencies = [\"{}\"]\n", all[2]),
    );
    write(
        d,
        "broken/nb.ipynb",
        format!("{{\"cells\": [{{\"source\": \"{}\"", all[3]),
    );
    let mut latin1 = format!("import openai\nKEY = \"{}\"\n", all[4]).into_bytes();
    latin1.extend_from_slice(b"# caf\xe9\n");
    write(d, "latin1/app.py", latin1);

    let tree = d.to_str().unwrap();
    let json_out = aidep(&["scan", tree, "--include-tests", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json_out.stdout).unwrap();
    let secrets = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "secret")
        .count();
    // every key is found in at least the .env, the source, the config and the values file
    assert!(secrets >= 4 * keys.len(), "{secrets} secret findings");
    let diagnostics = report["diagnostics"].as_array().unwrap();
    for file in [
        "broken/package.json",
        "broken/pyproject.toml",
        "latin1/app.py",
    ] {
        assert!(
            diagnostics.iter().any(|x| x["file"] == file),
            "{file}: {diagnostics:?}"
        );
    }

    let mut runs = every_output(tree);
    runs.push(vec![
        "baseline".into(),
        tree.into(),
        "-o".into(),
        "-".into(),
    ]);
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = aidep(&args);
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{args:?}: {}",
            printed(&out)
        );
        let text = printed(&out);
        assert!(!text.is_empty(), "{args:?} printed nothing");
        for (pack, key) in &keys {
            // the part after any documented prefix: what must never be printed
            let middle = &key[key.len() / 2 - 6..key.len() / 2 + 6];
            assert!(
                !text.contains(key.as_str()) && !text.contains(middle),
                "{args:?} prints the {pack} key {key}"
            );
        }
    }
}

#[test]
fn every_output_is_byte_identical_across_runs_and_thread_counts() {
    let tree = monorepo().to_str().unwrap();
    for args in every_output(tree) {
        let outputs: Vec<Vec<u8>> = ["1", "4", "1", "2"]
            .iter()
            .map(|threads| {
                let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
                if a[0] == "scan" {
                    a.extend(["--threads", threads]);
                }
                let out = aidep(&a);
                assert!(out.status.success(), "{a:?}: {}", printed(&out));
                out.stdout
            })
            .collect();
        assert!(!outputs[0].is_empty(), "{args:?}");
        for (i, o) in outputs.iter().enumerate().skip(1) {
            assert!(*o == outputs[0], "{args:?}: run {i} differs from run 0");
        }
    }
}

/// A tree full of things that would run if anything executed them: build scripts, package
/// hooks, a git fsmonitor, and executables named like the tools a scanner might call.
fn booby_trapped_tree(d: &Path, marker: &Path) {
    let touch = format!("touch '{}'", marker.display());
    write(
        d,
        "svc/setup.py",
        format!(
            "import os\nos.system({touch:?})\nfrom setuptools import setup\nsetup(name='svc', install_requires=['openai'])\n"
        ),
    );
    write(
        d,
        "web/package.json",
        serde_json::json!({
            "name": "web",
            "scripts": {"preinstall": touch, "postinstall": touch, "prepare": touch},
            "dependencies": {"openai": "^4.60.0"}
        })
        .to_string(),
    );
    write(d, "web/index.js", "const OpenAI = require(\"openai\");\n");
    write(
        d,
        "rs/build.rs",
        format!(
            "fn main() {{ std::process::Command::new(\"sh\").arg(\"-c\").arg({touch:?}).status().unwrap(); }}\n"
        ),
    );
    write(
        d,
        "rs/Cargo.toml",
        "[package]\nname = \"rs\"\nversion = \"0.1.0\"\n\n[dependencies]\nasync-openai = \"0.28\"\n",
    );
    write(d, "Makefile", format!("all:\n\t{touch}\n"));
    for tool in [
        "git", "python", "python3", "node", "npm", "go", "mvn", "gradle", "cargo", "sh", "bash",
        "gradlew",
    ] {
        let path = d.join("bin").join(tool);
        write(d, &format!("bin/{tool}"), format!("#!/bin/sh\n{touch}\n"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
}

fn run_git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

fn tool_works(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Skips a check whose tool this machine lacks, unless CI demands the tool
/// (`AIDEP_REQUIRE_SANDBOX=strace,unshare`).
fn available(program: &str, probe: &[&str]) -> bool {
    if tool_works(program, probe) {
        return true;
    }
    let required = std::env::var("AIDEP_REQUIRE_SANDBOX").unwrap_or_default();
    assert!(
        !required.split(',').any(|t| t.trim() == program),
        "{program} is required here but does not work"
    );
    eprintln!("skipped: {program} does not work on this machine");
    false
}

#[test]
fn a_scan_runs_nothing_from_the_tree_and_opens_no_socket() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    let marker = dir.path().join("ran");
    booby_trapped_tree(&tree, &marker);
    run_git(&tree, &["init", "-q"]);
    run_git(&tree, &["add", "-A"]);
    run_git(&tree, &["commit", "-qm", "first"]);
    // a fsmonitor hook runs on any `git status`; aidep reads revisions without one
    run_git(
        &tree,
        &[
            "config",
            "core.fsmonitor",
            &tree.join("bin/git").to_string_lossy(),
        ],
    );
    write(&tree, "svc/new.py", "import anthropic\n");
    let exe: PathBuf = assert_cmd::cargo::cargo_bin("aidep");
    let path = format!(
        "{}:{}",
        tree.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let t = tree.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["scan", t, "--format", "json"],
        vec![
            "check",
            t,
            "--base",
            "HEAD",
            "--format",
            "json",
            "--exit-zero",
        ],
        vec!["graph", t],
    ];
    // aidep with `args` in the tree, started by `wrapper` (a tracer, a namespace) when there is one
    let run = |wrapper: &[&str], args: &[&str]| {
        let mut command = match wrapper.split_first() {
            Some((program, rest)) => {
                let mut c = std::process::Command::new(program);
                c.args(rest).arg(&exe);
                c
            }
            None => std::process::Command::new(&exe),
        };
        let out = command
            .args(args)
            .env("PATH", &path)
            .current_dir(&tree)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{wrapper:?} {args:?}: {}",
            printed(&out)
        );
        out
    };
    let reference: Vec<Vec<u8>> = commands.iter().map(|a| run(&[], a).stdout).collect();
    let scan: serde_json::Value = serde_json::from_slice(&reference[0]).unwrap();
    let vendors: Vec<&str> = scan["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["vendor"].as_str())
        .collect();
    assert!(vendors.contains(&"openai") && vendors.contains(&"anthropic"));
    let check: serde_json::Value = serde_json::from_slice(&reference[1]).unwrap();
    assert!(check.to_string().contains("svc/new.py"), "{check}");
    assert!(!marker.exists(), "something in the tree was executed");

    // Every process started and every socket opened, traced.
    if available("strace", &["-qq", "-f", "-e", "trace=none", "true"]) {
        let log = dir.path().join("strace.log");
        let strace = [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=execve,execveat,socket,connect",
            "-o",
            log.to_str().unwrap(),
        ];
        for args in &commands {
            run(&strace, args);
            let trace = std::fs::read_to_string(&log).unwrap();
            let calls: Vec<&str> = trace.lines().filter(|l| l.contains('(')).collect();
            assert_eq!(
                calls.len(),
                1,
                "{args:?} did more than start itself:\n{trace}"
            );
            assert!(calls[0].contains("execve(") && calls[0].contains(exe.to_str().unwrap()));
        }
    }
    // And in a network namespace with no interface up: the same bytes out.
    if available("unshare", &["-rn", "true"]) {
        for (args, expected) in commands.iter().zip(&reference) {
            let out = run(&["unshare", "-rn"], args);
            assert!(
                out.stdout == *expected,
                "{args:?} differs without a network"
            );
        }
    }
    assert!(!marker.exists(), "something in the tree was executed");
}
