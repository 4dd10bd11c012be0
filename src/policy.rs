//! `aidep.yaml`: the project configuration, whose `policy` says which vendors, models, regions
//! and jurisdictions are allowed or denied, the lock-in ceilings, and which kinds of "new" fail a
//! check. Two stages: a serde mirror that rejects unknown keys, then a validated `Policy`.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_NAMES: &[&str] = &["aidep.yaml", ".aidep.yaml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    policy: RawPolicy,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    #[serde(default)]
    fail_on: Option<Vec<String>>,
    #[serde(default)]
    max_lock_in: Option<u32>,
    #[serde(default)]
    max_lock_in_per_component: BTreeMap<String, u32>,
    #[serde(default)]
    allow: RawRules,
    #[serde(default)]
    deny: RawRules,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    vendors: Vec<RawEntry>,
    #[serde(default)]
    models: Vec<RawEntry>,
    #[serde(default)]
    regions: Vec<RawEntry>,
    #[serde(default)]
    jurisdictions: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    /// A vendor id, a model glob, a region glob or a jurisdiction code.
    #[serde(rename = "match")]
    pattern: String,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    expires: Option<String>,
    /// Components the entry applies to (globs); all when absent.
    #[serde(default)]
    components: Vec<String>,
}

/// What a policy entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    Vendor,
    Model,
    Region,
    Jurisdiction,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Vendor => "vendor",
            Subject::Model => "model",
            Subject::Region => "region",
            Subject::Jurisdiction => "jurisdiction",
        }
    }
}

#[derive(Debug, Clone)]
pub struct PolicyEntry {
    pub subject: Subject,
    pub pattern: String,
    matcher: globset::GlobMatcher,
    components: Vec<globset::GlobMatcher>,
    pub reason: String,
    pub expires: Option<String>,
    pub line: Option<usize>,
}

impl PolicyEntry {
    pub fn matches(&self, value: &str, component: &str) -> bool {
        self.matcher.is_match(value)
            && (self.components.is_empty() || self.components.iter().any(|c| c.is_match(component)))
    }

    /// True when the entry's expiry date is before `today` (both `YYYY-MM-DD`).
    pub fn expired(&self, today: &str) -> bool {
        self.expires.as_deref().is_some_and(|e| e < today)
    }
}

/// Kinds of "new" a check can fail on.
pub const NEW_KINDS: &[&str] = &["new-vendor", "new-model", "new-endpoint", "new-region"];

#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub source: Option<PathBuf>,
    pub fail_on: Vec<String>,
    pub max_lock_in: Option<u32>,
    pub max_lock_in_per_component: BTreeMap<String, u32>,
    pub allow: Vec<PolicyEntry>,
    pub deny: Vec<PolicyEntry>,
}

impl Policy {
    /// The policy when no configuration exists: every kind of new dependency fails.
    pub fn default_policy() -> Policy {
        Policy {
            fail_on: NEW_KINDS.iter().map(|s| s.to_string()).collect(),
            ..Policy::default()
        }
    }

    pub fn fails_on(&self, kind: &str) -> bool {
        self.fail_on.iter().any(|k| k == kind)
    }

    /// `--config FILE`, else `aidep.yaml` / `.aidep.yaml` at the root; `None` when there is none.
    pub fn discover(explicit: Option<&Path>, root: &Path) -> Result<Policy> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => CONFIG_NAMES
                .iter()
                .map(|n| root.join(n))
                .find(|p| p.is_file()),
        };
        match path {
            None => Ok(Policy::default_policy()),
            Some(p) => {
                let text = std::fs::read_to_string(&p).map_err(|e| Error::Config {
                    file: p.display().to_string(),
                    line: None,
                    message: format!("cannot read: {e}"),
                })?;
                Policy::parse(&p.display().to_string(), &text).map(|mut pol| {
                    pol.source = Some(p);
                    pol
                })
            }
        }
    }

    pub fn parse(file: &str, text: &str) -> Result<Policy> {
        let raw: RawConfig = crate::yaml::from_str(text).map_err(|e| Error::Config {
            file: file.to_string(),
            line: e.line,
            message: e.message,
        })?;
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
        let err = |needle: &str, message: String| Error::Config {
            file: file.to_string(),
            line: line_of(needle),
            message,
        };
        let p = raw.policy;
        let fail_on = p
            .fail_on
            .unwrap_or_else(|| NEW_KINDS.iter().map(|s| s.to_string()).collect());
        for k in &fail_on {
            if !NEW_KINDS.contains(&k.as_str()) {
                return Err(err(
                    k,
                    format!(
                        "key `policy.fail_on`: `{k}` is not one of {}",
                        NEW_KINDS.join(", ")
                    ),
                ));
            }
        }
        let compile = |list: Vec<RawEntry>,
                       subject: Subject,
                       key: &str,
                       need_reason: bool|
         -> Result<Vec<PolicyEntry>> {
            let mut out = Vec::new();
            for (n, e) in list.into_iter().enumerate() {
                let reason = e.reason.clone().unwrap_or_default();
                if need_reason && reason.trim().is_empty() {
                    return Err(err(
                        &e.pattern,
                        format!("key `{key}[{n}]`: `{}` needs a `reason`", e.pattern),
                    ));
                }
                if let Some(date) = &e.expires
                    && crate::analysis::days_from_civil(date).is_none()
                {
                    return Err(err(
                        date,
                        format!("key `{key}[{n}].expires`: `{date}` is not a YYYY-MM-DD date"),
                    ));
                }
                let glob = |g: &str| {
                    globset::GlobBuilder::new(g)
                        .case_insensitive(true)
                        .literal_separator(false)
                        .build()
                        .map(|g| g.compile_matcher())
                        .map_err(|x| err(g, format!("key `{key}[{n}]`: bad glob `{g}`: {x}")))
                };
                out.push(PolicyEntry {
                    subject,
                    matcher: glob(&e.pattern)?,
                    components: e
                        .components
                        .iter()
                        .map(|c| glob(c))
                        .collect::<Result<_>>()?,
                    line: line_of(&e.pattern),
                    pattern: e.pattern,
                    reason,
                    expires: e.expires,
                });
            }
            Ok(out)
        };
        let mut allow = Vec::new();
        let mut deny = Vec::new();
        for (subject, a, d, name) in [
            (Subject::Vendor, p.allow.vendors, p.deny.vendors, "vendors"),
            (Subject::Model, p.allow.models, p.deny.models, "models"),
            (Subject::Region, p.allow.regions, p.deny.regions, "regions"),
            (
                Subject::Jurisdiction,
                p.allow.jurisdictions,
                p.deny.jurisdictions,
                "jurisdictions",
            ),
        ] {
            allow.extend(compile(a, subject, &format!("policy.allow.{name}"), true)?);
            deny.extend(compile(d, subject, &format!("policy.deny.{name}"), false)?);
        }
        Ok(Policy {
            source: None,
            fail_on,
            max_lock_in: p.max_lock_in,
            max_lock_in_per_component: p.max_lock_in_per_component,
            allow,
            deny,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_entries_need_a_reason_and_name_the_line() {
        let err = Policy::parse(
            "aidep.yaml",
            "policy:\n  allow:\n    vendors:\n      - match: openai\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("aidep.yaml:4:") && err.contains("reason"),
            "{err}"
        );
        let err = Policy::parse("aidep.yaml", "policy:\n  alow: {}\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("alow"), "{err}");
    }

    #[test]
    fn globs_and_expiry() {
        let p = Policy::parse(
            "aidep.yaml",
            "policy:\n  allow:\n    models:\n      - match: \"gpt-4o*\"\n        reason: contract\n        expires: 2026-01-31\n        components: [\"services/*\"]\n",
        )
        .unwrap();
        let e = &p.allow[0];
        assert!(e.matches("gpt-4o-mini", "services/bot"));
        assert!(!e.matches("gpt-4o-mini", "libs/x"));
        assert!(e.expired("2026-11-24"));
        assert!(!e.expired("2026-01-01"));
    }
}
