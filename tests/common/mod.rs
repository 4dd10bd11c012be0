//! Shared by the integration tests: the built-in rules, loaded once per test binary.

#![allow(dead_code)]

use aidep::finding::{Confidence, Finding};
use aidep::rules::RuleSet;
use aidep::scan::{self, ScanOptions, ScanResult};
use std::path::Path;
use std::sync::OnceLock;

pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(&[]).expect("built-in packs load"))
}

pub fn scan_dir(dir: &Path, include_tests: bool) -> ScanResult {
    let mut options = ScanOptions::new(dir);
    options.include_tests = include_tests;
    scan::scan(rules(), &options, &()).expect("scan runs")
}

pub fn analyze(file: &str, code: &str) -> Vec<Finding> {
    scan::analyze_text(rules(), file, code)
}

/// Findings a user would act on: medium or high confidence.
pub fn confident(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.confidence >= Confidence::Medium)
        .collect()
}

pub fn monorepo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/monorepo"))
}
