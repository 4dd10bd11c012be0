//! SARIF 2.1.0 for GitHub code scanning: one run, a rule per finding rule id, a result per
//! finding with a repo-relative location and `partialFingerprints` from the stable finding id.
//! Suppressed findings (inline `aidep:ignore` with a reason) are left out.

use crate::finding::{Confidence, Finding, Kind};
use crate::report::Report;
use crate::rules::RuleSet;
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn kind_text(kind: Kind) -> &'static str {
    match kind {
        Kind::SdkImport => "imports the SDK of",
        Kind::SdkCall => "calls",
        Kind::ModelName => "names a model of",
        Kind::Endpoint => "sends requests to an endpoint of",
        Kind::EnvVar => "reads a credential or setting of",
        Kind::ManifestDependency => "declares a package of",
        Kind::IacResource => "provisions infrastructure of",
        Kind::Secret => "hard-codes an API key of",
    }
}

fn pascal(rule: &str) -> String {
    rule.split(['.', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `findings`: the results to report (all of a scan's, or a check's new ones).
pub fn sarif(rules: &RuleSet, report: &Report, findings: &[&Finding]) -> String {
    let mut rule_index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rule_list: Vec<Value> = Vec::new();
    let mut ordered: Vec<&&Finding> = findings.iter().filter(|f| f.suppressed.is_none()).collect();
    ordered.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.rule).cmp(&(&b.file, b.line, b.column, &b.rule))
    });
    for f in &ordered {
        if rule_index.contains_key(f.rule.as_str()) {
            continue;
        }
        let (pack_id, _) = f.rule.rsplit_once('.').unwrap_or((&f.rule, ""));
        let name = rules
            .pack_by_id(pack_id)
            .map_or(pack_id.to_string(), |i| rules.pack(i).name.clone());
        let short = format!("Code that {} {name}", kind_text(f.kind));
        let full = format!(
            "{short}. aidep inventories AI-vendor dependencies: each is a vendor, a model, an endpoint or a credential the code relies on, and part of the lock-in and single-point-of-failure analysis."
        );
        let help = if f.kind == Kind::Secret {
            "Remove the key from the source, revoke it with the vendor, and read it from a secret store or environment variable.".to_string()
        } else {
            format!(
                "If this dependency on {name} is intended, accept it: add it to the baseline (`aidep baseline`), or allow it in aidep.yaml with a reason, or suppress this line with `aidep:ignore {pack_id} -- <reason>`. Otherwise remove it or move it behind an abstraction layer."
            )
        };
        rule_index.insert(&f.rule, rule_list.len());
        rule_list.push(json!({
            "id": f.rule,
            "name": pascal(&f.rule),
            "shortDescription": {"text": short},
            "fullDescription": {"text": full},
            "help": {"text": help, "markdown": help},
            "defaultConfiguration": {"level": if f.kind == Kind::Secret { "error" } else { "warning" }},
            "properties": {"tags": ["ai-dependency", pack_id, f.kind.as_str()]}
        }));
    }
    let results: Vec<Value> = ordered
        .iter()
        .map(|f| {
            let level = match (f.kind, f.confidence) {
                (Kind::Secret, _) => "error",
                (_, Confidence::Low) => "note",
                _ => "warning",
            };
            let mut what = format!("{} {} {}", f.component, kind_text(f.kind), f.vendor);
            if let Some(m) = &f.model {
                what.push_str(&format!(" (model {m})"));
            }
            if let Some(h) = &f.host {
                what.push_str(&format!(" ({h}{})", f.region.as_deref().map(|r| format!(", region {r}")).unwrap_or_default()));
            }
            if let Some(v) = &f.via {
                what.push_str(&format!("; via {v}"));
            }
            what.push('.');
            json!({
                "ruleId": f.rule,
                "ruleIndex": rule_index[f.rule.as_str()],
                "level": level,
                "message": {"text": what},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.file, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": f.line, "startColumn": f.column}
                    }
                }],
                "partialFingerprints": {"aidepFindingId/v1": f.id},
                "properties": {"vendor": f.vendor, "component": f.component, "confidence": f.confidence.as_str(), "scope": f.scope.as_str()}
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "aidep",
                "semanticVersion": report.tool.version,
                "version": report.tool.version,
                "rules": rule_list
            }},
            "automationDetails": {"id": "aidep/"},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"rulesVersion": report.tool.rules_version}
        }]
    });
    serde_json::to_string_pretty(&doc).expect("SARIF serializes") + "\n"
}
