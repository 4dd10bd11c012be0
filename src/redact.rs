//! Redaction: every secret shape any pack declares is masked in every string aidep prints
//! (evidence, diagnostics), whatever finding the line belongs to.

use crate::rules::RuleSet;
use regex::Regex;

pub struct Redactor {
    patterns: Vec<(String, Regex)>,
}

impl Redactor {
    pub fn new(rules: &RuleSet) -> Redactor {
        let patterns = rules
            .packs
            .iter()
            .flat_map(|p| p.secrets.iter())
            .map(|s| (s.literal.clone(), s.regex.clone()))
            .collect();
        Redactor { patterns }
    }

    /// Keeps a documented prefix (`sk-ant-`) so a reader knows what leaked, never the key itself.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (literal, regex) in &self.patterns {
            if !out.contains(literal.as_str()) {
                continue;
            }
            out = regex
                .replace_all(&out, |caps: &regex::Captures| {
                    let m = &caps[0];
                    let keep = if m.starts_with(literal.as_str()) {
                        literal.as_str()
                    } else {
                        ""
                    };
                    format!("{keep}****REDACTED****")
                })
                .into_owned();
        }
        out
    }
}
