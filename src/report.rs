//! The `aidep.report/v1` document: the one structure every output format is rendered from.
//! Built from a scan's findings; holds inventories (vendors, models, endpoints, components) that
//! count only medium- and high-confidence findings.

use crate::analysis::components::ComponentSet;
use crate::analysis::graph::{self, Graph};
use crate::analysis::{
    self, AbstractionTarget, ComponentAnalysis, LockIn, ResidencyRow, Retirement,
    SinglePointOfFailure,
};
use crate::finding::{Confidence, Diagnostic, Finding, Kind};
use crate::rules::RuleSet;
use crate::scan::ScanResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SCHEMA: &str = "aidep.report/v1";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub tool: Tool,
    #[serde(default)]
    pub source: Source,
    pub summary: Summary,
    pub findings: Vec<Finding>,
    pub vendors: Vec<VendorSummary>,
    pub models: Vec<ModelSummary>,
    pub endpoints: Vec<EndpointSummary>,
    pub components: Vec<ComponentAnalysis>,
    pub graph: Graph,
    pub single_points_of_failure: Vec<SinglePointOfFailure>,
    pub lock_in: LockIn,
    /// How the score is computed: every factor, its weight and what it measures.
    pub lock_in_method: Vec<FactorDefinition>,
    pub abstraction_targets: Vec<AbstractionTarget>,
    /// The date the retirement calendar counts days from (today, or SOURCE_DATE_EPOCH's date).
    pub as_of: String,
    pub retirements: Vec<Retirement>,
    pub residency: Vec<ResidencyRow>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FactorDefinition {
    pub factor: String,
    pub weight: f64,
    pub measures: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
    pub rules_version: String,
}

/// What was scanned: the directory's name, the git commit when it is in a repository, and the
/// time only when asked for (`--timestamp` or SOURCE_DATE_EPOCH), so reports stay reproducible.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_at: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    pub files_scanned: usize,
    pub files_matched: usize,
    pub files_skipped: usize,
    pub findings: usize,
    pub vendors: usize,
    pub models: usize,
    pub components: usize,
    pub secrets: usize,
    pub test_findings_excluded: usize,
    pub diagnostics: usize,
    pub lock_in_score: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VendorSummary {
    pub id: String,
    pub name: String,
    pub category: String,
    pub jurisdiction: String,
    pub findings: usize,
    pub call_sites: usize,
    pub components: Vec<String>,
    /// In a merged report: the repositories that use the vendor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repositories: Vec<String>,
    pub kinds: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelSummary {
    pub id: String,
    pub vendor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default)]
    pub open_weights: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retires: Option<String>,
    pub findings: usize,
    pub components: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EndpointSummary {
    pub host: String,
    pub vendor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub findings: usize,
    pub components: Vec<String>,
}

fn counts_for_inventory(f: &Finding) -> bool {
    f.confidence >= Confidence::Medium && f.kind != Kind::Secret
}

impl Report {
    /// `root` is where CODEOWNERS is looked for; `as_of` (days since 1970) dates the retirement
    /// calendar.
    pub fn build(
        rules: &RuleSet,
        scan: ScanResult,
        root: Option<&std::path::Path>,
        as_of: i64,
    ) -> Report {
        let component_set = ComponentSet::build(root, &scan.manifests);
        Report::build_with(rules, scan, component_set, root, as_of)
    }

    /// As `build`, with the components and their edges given (a merged report's).
    pub fn build_with(
        rules: &RuleSet,
        scan: ScanResult,
        component_set: ComponentSet,
        root: Option<&std::path::Path>,
        as_of: i64,
    ) -> Report {
        let analysis = analysis::analyze(rules, &scan.findings, &component_set, as_of);
        let graph = graph::build(&scan.findings, &component_set);
        let mut vendors: BTreeMap<String, VendorSummary> = BTreeMap::new();
        let mut models: BTreeMap<(String, String), ModelSummary> = BTreeMap::new();
        let mut endpoints: BTreeMap<(String, String), EndpointSummary> = BTreeMap::new();
        for f in scan.findings.iter().filter(|f| counts_for_inventory(f)) {
            let pack = rules.pack_by_id(&f.vendor).map(|i| rules.pack(i));
            let v = vendors
                .entry(f.vendor.clone())
                .or_insert_with(|| VendorSummary {
                    id: f.vendor.clone(),
                    name: pack.map_or(f.vendor.clone(), |p| p.name.clone()),
                    category: pack.map_or("unknown".into(), |p| p.category.clone()),
                    jurisdiction: pack.map_or("unknown".into(), |p| p.jurisdiction.clone()),
                    findings: 0,
                    call_sites: 0,
                    components: Vec::new(),
                    repositories: Vec::new(),
                    kinds: BTreeMap::new(),
                });
            v.findings += 1;
            if f.kind == Kind::SdkCall {
                v.call_sites += 1;
            }
            *v.kinds.entry(f.kind.to_string()).or_default() += 1;
            if let Some(repo) = &f.repository
                && !v.repositories.contains(repo)
            {
                v.repositories.push(repo.clone());
                v.repositories.sort();
            }
            // components are deduplicated once at the end: linear in findings
            v.components.push(f.component.clone());
            if let Some(model) = &f.model {
                let m = models
                    .entry((model.clone(), f.vendor.clone()))
                    .or_insert_with(|| {
                        let entry = rules
                            .catalog
                            .lookup(model)
                            .and_then(|h| h.entry)
                            .map(|i| rules.catalog.entry(i));
                        ModelSummary {
                            id: model.clone(),
                            vendor: f.vendor.clone(),
                            family: f.family.clone(),
                            mode: entry.and_then(|e| e.mode.clone()),
                            open_weights: entry.is_some_and(|e| e.open_weights),
                            retires: entry.and_then(|e| e.retires.clone()),
                            findings: 0,
                            components: Vec::new(),
                        }
                    });
                m.findings += 1;
                m.components.push(f.component.clone());
            }
            if let Some(host) = &f.host {
                let e = endpoints
                    .entry((host.clone(), f.vendor.clone()))
                    .or_insert_with(|| EndpointSummary {
                        host: host.clone(),
                        vendor: f.vendor.clone(),
                        region: f.region.clone(),
                        findings: 0,
                        components: Vec::new(),
                    });
                e.findings += 1;
                e.components.push(f.component.clone());
            }
        }
        for v in vendors.values_mut() {
            v.components.sort();
            v.components.dedup();
        }
        for m in models.values_mut() {
            m.components.sort();
            m.components.dedup();
        }
        for e in endpoints.values_mut() {
            e.components.sort();
            e.components.dedup();
        }
        let secrets = scan
            .findings
            .iter()
            .filter(|f| f.kind == Kind::Secret)
            .count();
        let summary = Summary {
            files_scanned: scan.stats.files_scanned,
            files_matched: scan.stats.files_matched,
            files_skipped: scan.stats.files_skipped,
            findings: scan.findings.len(),
            vendors: vendors.len(),
            models: models.len(),
            components: analysis.components.len(),
            secrets,
            test_findings_excluded: scan.stats.test_findings_excluded,
            diagnostics: scan.diagnostics.len(),
            lock_in_score: analysis.lock_in.score,
        };
        Report {
            schema: SCHEMA.to_string(),
            tool: Tool {
                name: "aidep".into(),
                version: env!("CARGO_PKG_VERSION").into(),
                rules_version: rules.version.clone(),
            },
            source: Source {
                name: root
                    .and_then(|r| r.canonicalize().ok())
                    .and_then(|r| r.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| ".".into()),
                commit: root.and_then(crate::gitrev::head_commit),
                generated_at: None,
            },
            summary,
            findings: scan.findings,
            vendors: vendors.into_values().collect(),
            models: models.into_values().collect(),
            endpoints: endpoints.into_values().collect(),
            components: analysis.components,
            graph,
            single_points_of_failure: analysis.single_points_of_failure,
            lock_in: analysis.lock_in,
            lock_in_method: analysis::WEIGHTS
                .iter()
                .map(|(f, w, m)| FactorDefinition {
                    factor: f.to_string(),
                    weight: *w,
                    measures: m.to_string(),
                })
                .collect(),
            abstraction_targets: analysis.abstraction_targets,
            as_of: analysis.as_of,
            retirements: analysis.retirements,
            residency: analysis.residency,
            diagnostics: scan.diagnostics,
        }
    }
}
