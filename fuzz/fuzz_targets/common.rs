#![allow(dead_code)]
//! Shared by the source targets: the built-in rules, loaded once, and the whole per-file pipeline
//! (facts, findings, redaction) over one in-memory file.

use aidep::rules::RuleSet;
use std::sync::OnceLock;

pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(&[]).expect("built-in rules load"))
}

/// Extracts the facts of `text` as `lang`, then runs detection as the scan would on `path`.
pub fn source(lang: aidep::lang::Language, path: &str, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = aidep::lang::extract(lang, text);
    let _ = aidep::scan::analyze_text(rules(), path, text);
}

/// Splits a fuzz input into a file name picked by its first byte and the rest as text.
pub fn pick<'a>(data: &'a [u8], names: &[&'static str]) -> Option<(&'static str, &'a str)> {
    let (&first, rest) = data.split_first()?;
    let text = std::str::from_utf8(rest).ok()?;
    Some((names[first as usize % names.len()], text))
}
