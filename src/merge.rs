//! `aidep merge`: one organisation-wide report from many repositories' JSON reports. Every
//! finding keeps its repository; components are named `repository/component`; the analysis
//! (vendor concentration, single points of failure, lock-in) is run again across all of them.

use crate::analysis::components::ComponentSet;
use crate::error::{Error, Result};
use crate::finding::Diagnostic;
use crate::report::Report;
use crate::rules::RuleSet;
use crate::scan::{ScanResult, ScanStats};
use std::collections::BTreeSet;

fn qualify(repo: &str, component: &str) -> String {
    if component == crate::component::ROOT {
        repo.to_string()
    } else {
        format!("{repo}/{component}")
    }
}

/// Reads each report (`(path, text)`), names its repository from the report's source (or the
/// file name) and merges them.
pub fn merge(rules: &RuleSet, reports: &[(String, String)], as_of: i64) -> Result<Report> {
    let mut findings = Vec::new();
    let mut diagnostics = Vec::new();
    let mut stats = ScanStats::default();
    let mut components = ComponentSet::default();
    let mut names: BTreeSet<String> = BTreeSet::new();
    for (path, text) in reports {
        let report: Report = serde_json::from_str(text).map_err(|e| Error::Config {
            file: path.clone(),
            line: Some(e.line()),
            message: format!("not an aidep.report/v1 JSON report: {e}"),
        })?;
        if report.schema != crate::report::SCHEMA {
            return Err(Error::Config {
                file: path.clone(),
                line: None,
                message: format!(
                    "schema `{}` is not {}",
                    report.schema,
                    crate::report::SCHEMA
                ),
            });
        }
        let stem = std::path::Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut repo = if report.source.name.is_empty() || report.source.name == "." {
            stem
        } else {
            report.source.name.clone()
        };
        // Two reports of repositories with the same name stay apart.
        let base = repo.clone();
        let mut n = 2;
        while !names.insert(repo.clone()) {
            repo = format!("{base}-{n}");
            n += 1;
        }
        stats.files_scanned += report.summary.files_scanned;
        stats.files_matched += report.summary.files_matched;
        stats.files_skipped += report.summary.files_skipped;
        stats.test_findings_excluded += report.summary.test_findings_excluded;
        for c in &report.components {
            let id = qualify(&repo, &c.id);
            components
                .depends_on
                .entry(id.clone())
                .or_default()
                .extend(c.depends_on.iter().map(|d| qualify(&repo, d)));
            if !c.owners.is_empty() {
                components.owners.insert(id, c.owners.clone());
            }
        }
        for mut f in report.findings {
            f.component = qualify(&repo, &f.component);
            f.repository = Some(repo.clone());
            findings.push(f);
        }
        for d in report.diagnostics {
            diagnostics.push(Diagnostic {
                file: format!("{repo}/{}", d.file),
                ..d
            });
        }
    }
    findings.sort_by(|a, b| {
        (&a.repository, &a.file, a.line, a.column, &a.rule).cmp(&(
            &b.repository,
            &b.file,
            b.line,
            b.column,
            &b.rule,
        ))
    });
    let scan = ScanResult {
        manifests: Vec::new(),
        findings,
        diagnostics,
        stats,
        manifest_dirs: BTreeSet::new(),
        env_values: Vec::new(),
        blobs: Default::default(),
    };
    let mut report = Report::build_with(rules, scan, components, None, as_of);
    report.source.name = names.into_iter().collect::<Vec<_>>().join(", ");
    Ok(report)
}
