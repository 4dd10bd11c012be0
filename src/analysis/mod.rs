//! Analysis of the findings: components and their internal edges, the capability each call site
//! uses, which providers serve each capability per component (own and inherited through internal
//! dependencies), single points of failure, the lock-in score with its evidence, where an
//! abstraction layer would cut the most switching cost, model retirements and data residency.
//! It reads findings and prints nothing.

pub mod components;
pub mod graph;

use crate::finding::{Confidence, Finding, Kind};
use crate::rules::RuleSet;
use components::ComponentSet;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Factor weights: they sum to 100, so a component whose every factor is 1.0 scores 100.
pub const WEIGHTS: &[(&str, f64, &str)] = &[
    (
        "concentration",
        20.0,
        "share of AI call sites that go to the component's main vendor",
    ),
    (
        "direct-sdk",
        20.0,
        "share of call sites that call a vendor SDK directly rather than through an abstraction (framework, gateway, internal wrapper, configurable base URL)",
    ),
    (
        "proprietary-features",
        20.0,
        "features with no portable equivalent: assistants/threads, vendor vector stores, fine-tuned and custom models, batch and files APIs, agents (3 or more saturate the factor)",
    ),
    (
        "hard-coded",
        10.0,
        "share of model ids and endpoints written in code rather than configuration",
    ),
    (
        "data-gravity",
        15.0,
        "embeddings from one vendor's model stored in a vector store: switching means re-embedding the corpus",
    ),
    (
        "no-fallback",
        10.0,
        "share of the capabilities used that have a single provider",
    ),
    (
        "call-sites",
        5.0,
        "number of direct call sites to change (25 or more saturate the factor)",
    ),
];

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LockInFactor {
    pub factor: String,
    pub weight: f64,
    /// 0.0 (no lock-in from this factor) to 1.0.
    pub value: f64,
    /// weight × value: this factor's points in the score.
    pub points: f64,
    pub detail: String,
    /// Finding ids that evidence the factor (the first 25).
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LockIn {
    pub score: u32,
    pub factors: Vec<LockInFactor>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BlastRadius {
    pub components: usize,
    pub call_sites: usize,
    pub transitive_dependants: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SinglePointOfFailure {
    pub kind: String,
    pub subject: String,
    pub vendor: String,
    pub capability: String,
    pub components: Vec<String>,
    pub blast_radius: BlastRadius,
    pub owners: Vec<String>,
    pub call_sites: Vec<String>,
    pub why: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComponentAnalysis {
    pub id: String,
    pub path: String,
    pub owners: Vec<String>,
    pub depends_on: Vec<String>,
    /// Vendors its own code uses.
    pub vendors: Vec<String>,
    /// Vendors reached through internal dependencies (a shared library's vendors).
    pub inherited_vendors: Vec<String>,
    /// capability → providers (own and inherited)
    pub capabilities: BTreeMap<String, Vec<String>>,
    pub abstractions: Vec<String>,
    pub findings: usize,
    pub call_sites: usize,
    pub lock_in: LockIn,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AbstractionTarget {
    pub component: String,
    /// Lock-in points an abstraction layer would remove (direct-sdk, call-sites and hard-coded factors).
    pub points_removed: f64,
    pub vendors: Vec<String>,
    pub call_sites: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Retirement {
    pub model: String,
    pub vendor: String,
    pub retires: String,
    /// Days from `as_of` to the retirement date (negative: already retired).
    pub days_left: i64,
    pub components: Vec<String>,
    pub locations: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResidencyRow {
    pub vendor: String,
    pub jurisdiction: String,
    pub endpoint: String,
    pub region: String,
    pub components: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Analysis {
    pub components: Vec<ComponentAnalysis>,
    pub single_points_of_failure: Vec<SinglePointOfFailure>,
    pub lock_in: LockIn,
    pub abstraction_targets: Vec<AbstractionTarget>,
    pub as_of: String,
    pub retirements: Vec<Retirement>,
    pub residency: Vec<ResidencyRow>,
}

/// The capability a finding evidences, when it says one.
pub fn capability_of(rules: &RuleSet, f: &Finding) -> Option<String> {
    if let Some(c) = &f.capability {
        return Some(c.clone());
    }
    let pack = rules.pack_by_id(&f.vendor).map(|i| rules.pack(i));
    if pack.is_some_and(|p| p.category == "vector-store") {
        return Some("vector-storage".into());
    }
    if f.kind == Kind::ModelName {
        let mode = f
            .model
            .as_deref()
            .and_then(|m| rules.catalog.lookup(m))
            .and_then(|h| h.entry)
            .and_then(|i| rules.catalog.entry(i).mode.clone());
        return Some(
            match mode.as_deref() {
                Some("embedding") => "embeddings",
                Some("image") => "images",
                Some("transcription") => "transcription",
                Some("speech") => "speech",
                Some("rerank") => "rerank",
                Some("moderation") => "moderation",
                Some("video") => "video",
                _ => "chat",
            }
            .to_string(),
        );
    }
    None
}

fn is_framework(rules: &RuleSet, vendor: &str) -> bool {
    rules
        .pack_by_id(vendor)
        .is_some_and(|i| matches!(rules.pack(i).category.as_str(), "framework" | "gateway"))
}

/// A vendor that serves requests: not a framework, and a gateway only where the code reaches it
/// as a service (its endpoint, key or models), not where it is a library routing to others
/// (LiteLLM's `Router` in-process).
fn is_provider(rules: &RuleSet, vendor: &str) -> bool {
    rules
        .pack_by_id(vendor)
        .is_none_or(|i| rules.pack(i).category != "framework")
}

fn serves(rules: &RuleSet, f: &Finding) -> bool {
    is_provider(rules, &f.vendor)
        && !(is_framework(rules, &f.vendor)
            && matches!(
                f.kind,
                Kind::SdkCall | Kind::SdkImport | Kind::ManifestDependency
            ))
}

/// A call site that goes through a layer that makes switching possible.
fn is_abstracted(rules: &RuleSet, f: &Finding) -> bool {
    is_framework(rules, &f.vendor)
        || f.via
            .as_deref()
            .is_some_and(|v| v.starts_with("through ") || v.contains("base URL from"))
}

fn locate(f: &Finding) -> String {
    format!("{}:{}", f.file, f.line)
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

fn factor(name: &str, value: f64, detail: String, evidence: Vec<&Finding>) -> LockInFactor {
    let (_, weight, _) = WEIGHTS
        .iter()
        .find(|(n, _, _)| *n == name)
        .expect("known factor");
    let value = (value.clamp(0.0, 1.0) * 100.0).round() / 100.0;
    let mut ids: Vec<String> = evidence.iter().map(|f| f.id.clone()).collect();
    ids.sort();
    ids.dedup();
    ids.truncate(25);
    LockInFactor {
        factor: name.into(),
        weight: *weight,
        value,
        points: (weight * value * 10.0).round() / 10.0,
        detail,
        evidence: ids,
    }
}

fn score(factors: &[LockInFactor]) -> u32 {
    factors
        .iter()
        .map(|f| f.weight * f.value)
        .sum::<f64>()
        .round()
        .clamp(0.0, 100.0) as u32
}

/// The lock-in of one component from its own findings and those inherited from its dependencies.
fn component_lock_in(
    rules: &RuleSet,
    own: &[&Finding],
    inherited: &[&Finding],
    capabilities: &BTreeMap<String, Vec<String>>,
) -> LockIn {
    let all: Vec<&Finding> = own.iter().chain(inherited).copied().collect();
    let provider_calls: Vec<&Finding> = all
        .iter()
        .filter(|f| f.kind == Kind::SdkCall && serves(rules, f))
        .copied()
        .collect();
    // Inherited calls sit behind the shared library: an internal wrapper, for this component.
    let direct: Vec<&Finding> = own
        .iter()
        .filter(|f| f.kind == Kind::SdkCall && serves(rules, f) && !is_abstracted(rules, f))
        .copied()
        .collect();
    let all_calls: Vec<&Finding> = all
        .iter()
        .filter(|f| f.kind == Kind::SdkCall)
        .copied()
        .collect();

    let mut per_vendor: BTreeMap<&str, usize> = BTreeMap::new();
    let basis: Vec<&Finding> = if provider_calls.is_empty() {
        all.iter().filter(|f| serves(rules, f)).copied().collect()
    } else {
        provider_calls.clone()
    };
    for f in &basis {
        *per_vendor.entry(f.vendor.as_str()).or_default() += 1;
    }
    let (top, top_n) = per_vendor
        .iter()
        .max_by_key(|(v, n)| (**n, std::cmp::Reverse(**v)))
        .map_or(("", 0), |(v, n)| (*v, *n));
    let concentration = ratio(top_n, basis.len());

    let proprietary: Vec<&Finding> = all.iter().filter(|f| f.proprietary).copied().collect();
    let hard_candidates: Vec<&Finding> = own
        .iter()
        .filter(|f| matches!(f.kind, Kind::ModelName | Kind::Endpoint))
        .copied()
        .collect();
    let hard: Vec<&Finding> = hard_candidates
        .iter()
        .filter(|f| crate::lang::Language::from_path(&f.file).is_some())
        .copied()
        .collect();

    let embeddings: Vec<&Finding> = all
        .iter()
        .filter(|f| capability_of(rules, f).as_deref() == Some("embeddings") && serves(rules, f))
        .copied()
        .collect();
    let stores: Vec<&Finding> = all
        .iter()
        .filter(|f| capability_of(rules, f).as_deref() == Some("vector-storage"))
        .copied()
        .collect();
    let gravity = !embeddings.is_empty() && !stores.is_empty();

    let single: Vec<(&String, &Vec<String>)> =
        capabilities.iter().filter(|(_, p)| p.len() == 1).collect();

    let factors = vec![
        factor(
            "concentration",
            concentration,
            if top.is_empty() {
                "no AI vendor".into()
            } else {
                format!("{top_n} of {} AI call sites go to {top}", basis.len())
            },
            basis.iter().filter(|f| f.vendor == top).copied().collect(),
        ),
        factor(
            "direct-sdk",
            ratio(direct.len(), provider_calls.len().max(all_calls.len())),
            format!(
                "{} of {} call sites call a vendor SDK directly",
                direct.len(),
                provider_calls.len().max(all_calls.len())
            ),
            direct.clone(),
        ),
        factor(
            "proprietary-features",
            proprietary.len() as f64 / 3.0,
            format!(
                "{} uses of features with no portable equivalent",
                proprietary.len()
            ),
            proprietary.clone(),
        ),
        factor(
            "hard-coded",
            ratio(hard.len(), hard_candidates.len()),
            format!(
                "{} of {} model ids and endpoints are written in code",
                hard.len(),
                hard_candidates.len()
            ),
            hard.clone(),
        ),
        factor(
            "data-gravity",
            if gravity { 1.0 } else { 0.0 },
            if gravity {
                let vendors: BTreeSet<&str> =
                    embeddings.iter().map(|f| f.vendor.as_str()).collect();
                let stores_v: BTreeSet<&str> = stores.iter().map(|f| f.vendor.as_str()).collect();
                format!(
                    "embeddings from {} stored in {}",
                    vendors.into_iter().collect::<Vec<_>>().join(", "),
                    stores_v.into_iter().collect::<Vec<_>>().join(", ")
                )
            } else {
                "no vendor embeddings stored in a vector store".into()
            },
            if gravity {
                embeddings.iter().chain(&stores).copied().collect()
            } else {
                Vec::new()
            },
        ),
        factor(
            "no-fallback",
            ratio(single.len(), capabilities.len()),
            format!(
                "{} of {} capabilities have one provider{}",
                single.len(),
                capabilities.len(),
                if single.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({})",
                        single
                            .iter()
                            .map(|(c, p)| format!("{c}: {}", p[0]))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
            all.iter()
                .filter(|f| {
                    single.iter().any(|(c, p)| {
                        p[0] == f.vendor && capability_of(rules, f).as_deref() == Some(c.as_str())
                    })
                })
                .copied()
                .collect(),
        ),
        factor(
            "call-sites",
            direct.len() as f64 / 25.0,
            format!("{} direct call sites to change", direct.len()),
            direct,
        ),
    ];
    LockIn {
        score: score(&factors),
        factors,
    }
}

/// Today's date, or SOURCE_DATE_EPOCH's, as days since 1970-01-01.
pub fn as_of_days() -> i64 {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    secs.div_euclid(86_400)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian).
pub fn days_from_civil(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.get(..2)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

pub fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

pub fn analyze(
    rules: &RuleSet,
    findings: &[Finding],
    components: &ComponentSet,
    as_of: i64,
) -> Analysis {
    let confident: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.confidence >= Confidence::Medium && f.kind != Kind::Secret)
        .collect();
    let mut by_component: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &confident {
        by_component
            .entry(f.component.as_str())
            .or_default()
            .push(f);
    }
    let mut ids: BTreeSet<String> = components.depends_on.keys().cloned().collect();
    ids.extend(by_component.keys().map(|s| s.to_string()));

    // capability → providers, per component, from its own findings
    let own_caps = |fs: &[&Finding]| {
        let mut caps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut vendor_has_cap: BTreeSet<&str> = BTreeSet::new();
        for f in fs.iter().filter(|f| serves(rules, f)) {
            if let Some(c) = capability_of(rules, f) {
                caps.entry(c).or_default().insert(f.vendor.clone());
                vendor_has_cap.insert(&f.vendor);
            }
        }
        // A provider seen only through imports, packages or credentials: its primary capability.
        for f in fs
            .iter()
            .filter(|f| serves(rules, f) && !vendor_has_cap.contains(f.vendor.as_str()))
        {
            if matches!(
                f.kind,
                Kind::SdkImport | Kind::SdkCall | Kind::ManifestDependency
            ) && let Some(c) = rules
                .pack_by_id(&f.vendor)
                .and_then(|i| rules.pack(i).capabilities.first().cloned())
            {
                caps.entry(c).or_default().insert(f.vendor.clone());
            }
        }
        caps
    };

    let empty: Vec<&Finding> = Vec::new();
    let mut analyses = Vec::new();
    let mut weighted = vec![0.0; WEIGHTS.len()];
    let mut weight_total = 0.0;
    let mut overall_evidence: Vec<Vec<&Finding>> = vec![Vec::new(); WEIGHTS.len()];
    let mut overall_details: Vec<Vec<(f64, String)>> = vec![Vec::new(); WEIGHTS.len()];
    let mut targets = Vec::new();
    for id in &ids {
        let own = by_component.get(id.as_str()).unwrap_or(&empty);
        let deps = components.dependencies(id);
        let inherited: Vec<&Finding> = deps
            .iter()
            .flat_map(|d| by_component.get(d.as_str()).into_iter().flatten().copied())
            .collect();
        let mut caps = own_caps(own);
        for (c, providers) in own_caps(&inherited) {
            caps.entry(c).or_default().extend(providers);
        }
        if own.is_empty() && inherited.is_empty() {
            continue;
        }
        let capabilities: BTreeMap<String, Vec<String>> = caps
            .into_iter()
            .map(|(c, p)| (c, p.into_iter().collect()))
            .collect();
        let lock_in = component_lock_in(rules, own, &inherited, &capabilities);
        let vendors: BTreeSet<String> = own.iter().map(|f| f.vendor.clone()).collect();
        let inherited_vendors: BTreeSet<String> = inherited
            .iter()
            .map(|f| f.vendor.clone())
            .filter(|v| !vendors.contains(v))
            .collect();
        let mut abstractions: BTreeSet<String> = own
            .iter()
            .filter(|f| is_framework(rules, &f.vendor))
            .map(|f| f.vendor.clone())
            .collect();
        if own.iter().any(|f| {
            f.via
                .as_deref()
                .is_some_and(|v| v.contains("base URL from"))
        }) {
            abstractions.insert("configurable base URL".into());
        }
        if !inherited.is_empty() {
            abstractions.extend(
                deps.iter()
                    .filter(|d| by_component.contains_key(d.as_str()))
                    .map(|d| format!("internal wrapper {d}")),
            );
        }
        let call_sites = own.iter().filter(|f| f.kind == Kind::SdkCall).count();
        let weight = (own.len() + inherited.len()) as f64;
        for (i, f) in lock_in.factors.iter().enumerate() {
            weighted[i] += f.value * weight;
        }
        weight_total += weight;
        for (i, f) in lock_in.factors.iter().enumerate() {
            overall_evidence[i].extend(own.iter().filter(|x| f.evidence.contains(&x.id)).copied());
            if f.value > 0.0 {
                overall_details[i].push((f.points, format!("{id}: {}", f.detail)));
            }
        }
        let removable: f64 = lock_in
            .factors
            .iter()
            .filter(|f| {
                matches!(
                    f.factor.as_str(),
                    "direct-sdk" | "call-sites" | "hard-coded"
                )
            })
            .map(|f| f.points)
            .sum();
        let direct: Vec<&Finding> = own
            .iter()
            .filter(|f| f.kind == Kind::SdkCall && serves(rules, f) && !is_abstracted(rules, f))
            .copied()
            .collect();
        if !direct.is_empty() {
            let vendors: BTreeSet<String> = direct.iter().map(|f| f.vendor.clone()).collect();
            targets.push(AbstractionTarget {
                component: id.clone(),
                points_removed: (removable * 10.0).round() / 10.0,
                vendors: vendors.into_iter().collect(),
                call_sites: direct.iter().map(|f| locate(f)).collect(),
            });
        }
        analyses.push(ComponentAnalysis {
            id: id.clone(),
            path: id.clone(),
            owners: components.owners.get(id).cloned().unwrap_or_default(),
            depends_on: components
                .depends_on
                .get(id)
                .map(|d| d.iter().cloned().collect())
                .unwrap_or_default(),
            vendors: vendors.into_iter().collect(),
            inherited_vendors: inherited_vendors.into_iter().collect(),
            capabilities,
            abstractions: abstractions.into_iter().collect(),
            findings: own.len(),
            call_sites,
            lock_in,
        });
    }
    targets.sort_by(|a, b| {
        b.points_removed
            .total_cmp(&a.points_removed)
            .then(b.call_sites.len().cmp(&a.call_sites.len()))
            .then(a.component.cmp(&b.component))
    });

    let overall_factors: Vec<LockInFactor> = WEIGHTS
        .iter()
        .enumerate()
        .map(|(i, (name, _, description))| {
            let value = if weight_total > 0.0 {
                weighted[i] / weight_total
            } else {
                0.0
            };
            // The measure, then the components contributing most.
            let mut details = overall_details[i].clone();
            details.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let top: Vec<String> = details.into_iter().take(3).map(|(_, d)| d).collect();
            let detail = if top.is_empty() {
                description.to_string()
            } else {
                format!("{description} — {}", top.join("; "))
            };
            factor(name, value, detail, overall_evidence[i].clone())
        })
        .collect();
    let lock_in = LockIn {
        score: score(&overall_factors),
        factors: overall_factors,
    };

    let spofs = single_points_of_failure(rules, &confident, &analyses, components);
    Analysis {
        components: analyses,
        single_points_of_failure: spofs,
        lock_in,
        abstraction_targets: targets,
        as_of: civil_from_days(as_of),
        retirements: retirements(rules, &confident, as_of),
        residency: residency(rules, &confident),
    }
}

fn single_points_of_failure(
    rules: &RuleSet,
    findings: &[&Finding],
    analyses: &[ComponentAnalysis],
    components: &ComponentSet,
) -> Vec<SinglePointOfFailure> {
    // (vendor, capability) → components left without a provider if the vendor is lost
    let mut lost: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for a in analyses {
        for (cap, providers) in &a.capabilities {
            if providers.len() == 1 {
                lost.entry((providers[0].clone(), cap.clone()))
                    .or_default()
                    .insert(a.id.clone());
            }
        }
    }
    let owners_of = |cs: &BTreeSet<String>| {
        let mut o: BTreeSet<String> = BTreeSet::new();
        for c in cs {
            o.extend(components.owners.get(c).cloned().unwrap_or_default());
        }
        o.into_iter().collect::<Vec<_>>()
    };
    let analysis_of: HashMap<&str, &ComponentAnalysis> =
        analyses.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut out = Vec::new();
    for ((vendor, cap), comps) in lost {
        let mut transitive: BTreeSet<String> = BTreeSet::new();
        for c in &comps {
            transitive.extend(components.dependants(c));
        }
        let transitive: Vec<String> = transitive.difference(&comps).cloned().collect();
        let affected: BTreeSet<String> = comps
            .iter()
            .cloned()
            .chain(transitive.iter().cloned())
            .collect();
        let sites: Vec<&Finding> = findings
            .iter()
            .filter(|f| {
                f.vendor == vendor && f.kind == Kind::SdkCall && comps.contains(&f.component)
            })
            .copied()
            .collect();
        let name = rules
            .pack_by_id(&vendor)
            .map_or(vendor.clone(), |i| rules.pack(i).name.clone());
        let no_abstraction: Vec<&String> = comps
            .iter()
            .filter(|c| {
                analysis_of
                    .get(c.as_str())
                    .is_some_and(|a| a.abstractions.is_empty())
            })
            .collect();
        let why = format!(
            "{name} is the only {cap} provider of {}{}; an outage, access restriction or key revocation stops {cap} there.",
            comps.iter().cloned().collect::<Vec<_>>().join(", "),
            if no_abstraction.is_empty() {
                " (an abstraction layer is in place, but no second provider is configured)"
                    .to_string()
            } else {
                format!(
                    " and {} calls it with no abstraction layer",
                    no_abstraction
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
        out.push(SinglePointOfFailure {
            kind: "vendor".into(),
            subject: vendor.clone(),
            vendor: vendor.clone(),
            capability: cap.clone(),
            blast_radius: BlastRadius {
                components: affected.len(),
                call_sites: sites.len(),
                transitive_dependants: transitive,
            },
            owners: owners_of(&affected),
            call_sites: sites.iter().map(|f| locate(f)).collect(),
            components: comps.iter().cloned().collect(),
            why,
        });
        // The same capability pinned to one model or one region of that vendor.
        let models: BTreeSet<&str> = findings
            .iter()
            .filter(|f| {
                f.vendor == vendor
                    && comps.contains(&f.component)
                    && f.kind == Kind::ModelName
                    && capability_of(rules, f).as_deref() == Some(cap.as_str())
            })
            .filter_map(|f| f.model.as_deref())
            .collect();
        if models.len() == 1 {
            let model = models.into_iter().next().expect("one model");
            let retires = rules
                .catalog
                .lookup(model)
                .and_then(|h| h.entry)
                .and_then(|i| rules.catalog.entry(i).retires.clone());
            out.push(SinglePointOfFailure {
                kind: "model".into(),
                subject: model.to_string(),
                vendor: vendor.clone(),
                capability: cap.clone(),
                components: comps.iter().cloned().collect(),
                blast_radius: BlastRadius { components: affected.len(), call_sites: sites.len(), transitive_dependants: out.last().map(|s: &SinglePointOfFailure| s.blast_radius.transitive_dependants.clone()).unwrap_or_default() },
                owners: owners_of(&affected),
                call_sites: sites.iter().map(|f| locate(f)).collect(),
                why: format!(
                    "{cap} depends on the one model {model}{}; its retirement or withdrawal needs a code change.",
                    retires.map(|r| format!(" (retires {r})")).unwrap_or_default()
                ),
            });
        }
        let regions: BTreeSet<&str> = findings
            .iter()
            .filter(|f| f.vendor == vendor && comps.contains(&f.component))
            .filter_map(|f| f.region.as_deref())
            .collect();
        if regions.len() == 1 {
            let region = regions.into_iter().next().expect("one region");
            out.push(SinglePointOfFailure {
                kind: "endpoint".into(),
                subject: format!("{vendor}@{region}"),
                vendor: vendor.clone(),
                capability: cap.clone(),
                components: comps.iter().cloned().collect(),
                blast_radius: BlastRadius { components: affected.len(), call_sites: sites.len(), transitive_dependants: Vec::new() },
                owners: owners_of(&affected),
                call_sites: sites.iter().map(|f| locate(f)).collect(),
                why: format!("every {name} endpoint used for {cap} is in {region}: a regional outage stops it."),
            });
        }
        let credentials: BTreeSet<&str> = findings
            .iter()
            .filter(|f| {
                f.vendor == vendor && comps.contains(&f.component) && f.kind == Kind::EnvVar
            })
            .filter_map(|f| f.env.as_deref())
            .filter(|e| e.contains("KEY") || e.contains("TOKEN"))
            .collect();
        if credentials.len() == 1 {
            let cred = credentials.into_iter().next().expect("one credential");
            out.push(SinglePointOfFailure {
                kind: "credential".into(),
                subject: cred.to_string(),
                vendor: vendor.clone(),
                capability: cap.clone(),
                components: comps.iter().cloned().collect(),
                blast_radius: BlastRadius { components: affected.len(), call_sites: sites.len(), transitive_dependants: Vec::new() },
                owners: owners_of(&affected),
                call_sites: sites.iter().map(|f| locate(f)).collect(),
                why: format!("one key, {cred}, authenticates every {name} {cap} call: revoking or rate-limiting it stops them."),
            });
        }
    }
    let kind_rank = |k: &str| match k {
        "vendor" => 0,
        "model" => 1,
        "endpoint" => 2,
        _ => 3,
    };
    out.sort_by(|a, b| {
        b.blast_radius
            .components
            .cmp(&a.blast_radius.components)
            .then(b.blast_radius.call_sites.cmp(&a.blast_radius.call_sites))
            .then(kind_rank(&a.kind).cmp(&kind_rank(&b.kind)))
            .then(a.subject.cmp(&b.subject))
            .then(a.capability.cmp(&b.capability))
    });
    out
}

/// (retirement date, components, locations) of one model of one vendor.
type RetirementUses = (String, BTreeSet<String>, Vec<String>);

fn retirements(rules: &RuleSet, findings: &[&Finding], as_of: i64) -> Vec<Retirement> {
    let mut map: BTreeMap<(String, String), RetirementUses> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.kind == Kind::ModelName) {
        let Some(model) = &f.model else { continue };
        let Some(retires) = rules
            .catalog
            .lookup(model)
            .and_then(|h| h.entry)
            .and_then(|i| rules.catalog.entry(i).retires.clone())
        else {
            continue;
        };
        let e = map
            .entry((model.clone(), f.vendor.clone()))
            .or_insert_with(|| (retires, BTreeSet::new(), Vec::new()));
        e.1.insert(f.component.clone());
        e.2.push(locate(f));
    }
    let mut out: Vec<Retirement> = map
        .into_iter()
        .filter_map(|((model, vendor), (retires, comps, locations))| {
            Some(Retirement {
                days_left: days_from_civil(&retires)? - as_of,
                model,
                vendor,
                retires,
                components: comps.into_iter().collect(),
                locations,
            })
        })
        .collect();
    out.sort_by(|a, b| a.retires.cmp(&b.retires).then(a.model.cmp(&b.model)));
    out
}

fn residency(rules: &RuleSet, findings: &[&Finding]) -> Vec<ResidencyRow> {
    let mut rows: BTreeMap<(String, String, String), BTreeSet<String>> = BTreeMap::new();
    let mut seen_vendor: BTreeSet<&str> = BTreeSet::new();
    for f in findings
        .iter()
        .filter(|f| f.host.is_some() || (f.kind == Kind::IacResource && f.region.is_some()))
    {
        let endpoint = f
            .host
            .clone()
            .unwrap_or_else(|| f.package.clone().unwrap_or_default());
        let region = f.region.clone().unwrap_or_else(|| "unspecified".into());
        rows.entry((f.vendor.clone(), endpoint, region))
            .or_default()
            .insert(f.component.clone());
        seen_vendor.insert(&f.vendor);
    }
    for f in findings
        .iter()
        .filter(|f| serves(rules, f) && !seen_vendor.contains(f.vendor.as_str()))
    {
        rows.entry((
            f.vendor.clone(),
            "vendor default".into(),
            "unspecified".into(),
        ))
        .or_default()
        .insert(f.component.clone());
    }
    rows.into_iter()
        .map(|((vendor, endpoint, region), comps)| ResidencyRow {
            jurisdiction: rules
                .pack_by_id(&vendor)
                .map_or("unknown".into(), |i| rules.pack(i).jurisdiction.clone()),
            vendor,
            endpoint,
            region,
            components: comps.into_iter().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil("1970-01-01"), Some(0));
        assert_eq!(days_from_civil("2026-11-24"), Some(20_781));
        assert_eq!(civil_from_days(20_781), "2026-11-24");
        assert_eq!(
            days_from_civil("2027-01-14").unwrap() - days_from_civil("2026-11-24").unwrap(),
            51
        );
        assert!(days_from_civil("soon").is_none());
    }
}
