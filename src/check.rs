//! The CI gate: what was accepted (a baseline file, or the findings of a base revision), what is
//! new now, and which of that the policy does not accept. New means a vendor not used before by
//! that component, or a model id, endpoint host or region not seen before anywhere.

use crate::finding::{Confidence, Finding, Kind};
use crate::policy::{Policy, PolicyEntry, Subject};
use crate::report::Report;
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub const BASELINE_SCHEMA: &str = "aidep.baseline/v1";
pub const DEFAULT_BASELINE: &str = ".aidep-baseline.json";

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub id: String,
    pub rule: String,
    pub vendor: String,
    pub component: String,
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// The accepted state: written by `aidep baseline`, read by `aidep check`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub schema: String,
    pub findings: Vec<BaselineEntry>,
}

fn counts(f: &Finding) -> bool {
    f.confidence >= Confidence::Medium && f.kind != Kind::Secret && f.suppressed.is_none()
}

impl Baseline {
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .filter(|f| counts(f))
            .map(|f| BaselineEntry {
                id: f.id.clone(),
                rule: f.rule.clone(),
                vendor: f.vendor.clone(),
                component: f.component.clone(),
                file: f.file.clone(),
                model: f.model.clone(),
                host: f.host.clone(),
                region: f.region.clone(),
            })
            .collect();
        entries.sort();
        entries.dedup();
        Baseline {
            schema: BASELINE_SCHEMA.into(),
            findings: entries,
        }
    }

    pub fn parse(file: &str, text: &str) -> crate::error::Result<Baseline> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| crate::error::Error::Config {
            file: file.into(),
            line: Some(e.line()),
            message: format!("not an aidep baseline: {e}"),
        })?;
        if b.schema != BASELINE_SCHEMA {
            return Err(crate::error::Error::Config {
                file: file.into(),
                line: None,
                message: format!("schema `{}` is not {BASELINE_SCHEMA}", b.schema),
            });
        }
        Ok(b)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Violation {
    /// new-vendor, new-model, new-endpoint, new-region, denied, not-allowed, expired-allow, lock-in
    pub code: String,
    pub vendor: String,
    pub component: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CheckOutcome {
    pub schema: String,
    pub passed: bool,
    /// Where the accepted state came from (a baseline file, a git revision, or nothing).
    pub compared_with: String,
    pub violations: Vec<Violation>,
    /// Policy entries and suppressions that matched nothing.
    pub unused: Vec<String>,
    /// Ids of the findings that are new against the accepted state.
    pub new_findings: Vec<String>,
}

fn entry_matches(e: &PolicyEntry, f: &Finding, rules: &RuleSet) -> bool {
    let component = f.component.as_str();
    match e.subject {
        Subject::Vendor => e.matches(&f.vendor, component),
        Subject::Model => f.model.as_deref().is_some_and(|m| e.matches(m, component)),
        Subject::Region => f.region.as_deref().is_some_and(|r| e.matches(r, component)),
        Subject::Jurisdiction => rules
            .pack_by_id(&f.vendor)
            .is_some_and(|i| e.matches(&rules.pack(i).jurisdiction, component)),
    }
}

/// Compares a report with the accepted state under a policy.
pub fn check(
    rules: &RuleSet,
    report: &Report,
    accepted: Option<&Baseline>,
    compared_with: &str,
    policy: &Policy,
    today: &str,
) -> CheckOutcome {
    let empty = Baseline::default();
    let base = accepted.unwrap_or(&empty);
    let ids: BTreeSet<&str> = base.findings.iter().map(|e| e.id.as_str()).collect();
    let vendor_in: BTreeSet<(&str, &str)> = base
        .findings
        .iter()
        .map(|e| (e.component.as_str(), e.vendor.as_str()))
        .collect();
    let models: BTreeSet<&str> = base
        .findings
        .iter()
        .filter_map(|e| e.model.as_deref())
        .collect();
    let hosts: BTreeSet<&str> = base
        .findings
        .iter()
        .filter_map(|e| e.host.as_deref())
        .collect();
    let regions: BTreeSet<&str> = base
        .findings
        .iter()
        .filter_map(|e| e.region.as_deref())
        .collect();

    let mut used_allow = vec![false; policy.allow.len()];
    let mut violations = Vec::new();
    let mut new_findings = Vec::new();
    let location = |f: &Finding| format!("{}:{}", f.file, f.line);
    for f in report.findings.iter().filter(|f| counts(f)) {
        // Denied by policy, new or not.
        if let Some(d) = policy.deny.iter().find(|d| entry_matches(d, f, rules)) {
            violations.push(Violation {
                code: "denied".into(),
                vendor: f.vendor.clone(),
                component: f.component.clone(),
                file: Some(f.file.clone()),
                line: Some(f.line),
                finding: Some(f.id.clone()),
                message: format!(
                    "{} `{}` is denied by policy{} ({})",
                    d.subject.as_str(),
                    d.pattern,
                    if d.reason.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", d.reason)
                    },
                    location(f)
                ),
                fix: "remove this dependency, or change the deny entry in aidep.yaml".into(),
            });
            continue;
        }
        if ids.contains(f.id.as_str()) {
            continue;
        }
        let mut news: Vec<(&str, String)> = Vec::new();
        if !vendor_in.contains(&(f.component.as_str(), f.vendor.as_str())) {
            news.push((
                "new-vendor",
                format!("{} is new for {}", f.vendor, f.component),
            ));
        }
        if let Some(m) = f.model.as_deref().filter(|m| !models.contains(m)) {
            news.push(("new-model", format!("model {m} is new")));
        }
        if let Some(h) = f.host.as_deref().filter(|h| !hosts.contains(h)) {
            news.push(("new-endpoint", format!("endpoint {h} is new")));
        }
        if let Some(r) = f.region.as_deref().filter(|r| !regions.contains(r)) {
            news.push(("new-region", format!("region {r} is new")));
        }
        if news.is_empty() {
            continue;
        }
        new_findings.push(f.id.clone());
        for (code, what) in news {
            if !policy.fails_on(code) {
                continue;
            }
            // An allow entry for the same subject accepts it, unless it expired.
            let subject = match code {
                "new-vendor" => Subject::Vendor,
                "new-model" => Subject::Model,
                "new-region" => Subject::Region,
                _ => Subject::Vendor,
            };
            let allow = policy.allow.iter().enumerate().find(|(_, a)| {
                (a.subject == subject || a.subject == Subject::Jurisdiction)
                    && entry_matches(a, f, rules)
            });
            match allow {
                Some((i, a)) if !a.expired(today) => used_allow[i] = true,
                Some((i, a)) => {
                    used_allow[i] = true;
                    violations.push(Violation {
                        code: "expired-allow".into(),
                        vendor: f.vendor.clone(),
                        component: f.component.clone(),
                        file: Some(f.file.clone()),
                        line: Some(f.line),
                        finding: Some(f.id.clone()),
                        message: format!(
                            "{what} ({}): allowed by `{}` until {}, which has passed",
                            location(f),
                            a.pattern,
                            a.expires.as_deref().unwrap_or("")
                        ),
                        fix: "renew the allow entry's `expires` with a current reason, or remove the dependency".into(),
                    });
                }
                None => violations.push(Violation {
                    code: code.into(),
                    vendor: f.vendor.clone(),
                    component: f.component.clone(),
                    file: Some(f.file.clone()),
                    line: Some(f.line),
                    finding: Some(f.id.clone()),
                    message: format!("{what} ({}): `{}`", location(f), f.evidence),
                    fix: format!(
                        "accept it with an allow entry and a reason in aidep.yaml (policy.allow.{}s), suppress it with `aidep:ignore {} -- <reason>`, refresh the baseline (`aidep baseline`), or remove it",
                        subject.as_str(),
                        f.vendor
                    ),
                }),
            }
        }
    }
    // Allow entries past their date fail even when nothing new uses them.
    for (i, a) in policy.allow.iter().enumerate() {
        if a.expired(today) && !used_allow[i] {
            let in_use = report
                .findings
                .iter()
                .filter(|f| counts(f))
                .any(|f| entry_matches(a, f, rules));
            if in_use {
                used_allow[i] = true;
                violations.push(Violation {
                    code: "expired-allow".into(),
                    vendor: String::new(),
                    component: String::new(),
                    file: policy.source.as_ref().map(|p| p.display().to_string()),
                    line: a.line.map(|l| l as u32),
                    finding: None,
                    message: format!("allow entry `{}` expired on {}", a.pattern, a.expires.as_deref().unwrap_or("")),
                    fix: "renew it with a current reason and a new `expires`, or remove what it allows".into(),
                });
            }
        }
    }
    if let Some(max) = policy.max_lock_in
        && report.lock_in.score > max
    {
        violations.push(Violation {
            code: "lock-in".into(),
            vendor: String::new(),
            component: ".".into(),
            file: None,
            line: None,
            finding: None,
            message: format!(
                "lock-in score {} is over the policy's maximum {max}",
                report.lock_in.score
            ),
            fix: "see `Where to build abstraction layers first` in `aidep scan`".into(),
        });
    }
    for c in &report.components {
        let limit = policy
            .max_lock_in_per_component
            .get(&c.id)
            .or_else(|| policy.max_lock_in_per_component.get("*"));
        if let Some(max) = limit
            && c.lock_in.score > *max
        {
            violations.push(Violation {
                code: "lock-in".into(),
                vendor: String::new(),
                component: c.id.clone(),
                file: None,
                line: None,
                finding: None,
                message: format!(
                    "{} has lock-in {} over its maximum {max}",
                    c.id, c.lock_in.score
                ),
                fix: "move its direct vendor calls behind an abstraction layer".into(),
            });
        }
    }
    let mut unused: Vec<String> = policy
        .allow
        .iter()
        .zip(&used_allow)
        .filter(|(a, used)| {
            !**used
                && !report
                    .findings
                    .iter()
                    .filter(|f| counts(f))
                    .any(|f| entry_matches(a, f, rules))
        })
        .map(|(a, _)| {
            format!(
                "allow {} `{}` matches nothing",
                a.subject.as_str(),
                a.pattern
            )
        })
        .collect();
    unused.extend(
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "unused-suppression")
            .map(|d| format!("{}:{}: {}", d.file, d.line.unwrap_or(0), d.message)),
    );
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.code == "suppression-without-reason")
    {
        violations.push(Violation {
            code: "suppression-without-reason".into(),
            vendor: String::new(),
            component: String::new(),
            file: Some(d.file.clone()),
            line: d.line,
            finding: None,
            message: d.message.clone(),
            fix: "add `-- <reason>` after the vendor or rule".into(),
        });
    }
    violations.sort();
    violations.dedup();
    new_findings.sort();
    new_findings.dedup();
    CheckOutcome {
        schema: "aidep.check/v1".into(),
        passed: violations.is_empty(),
        compared_with: compared_with.to_string(),
        violations,
        unused,
        new_findings,
    }
}
