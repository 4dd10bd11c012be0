//! CycloneDX 1.6 JSON AI-BOM: the repository's components as applications, SDK packages as
//! libraries with purls, models as `machine-learning-model` components, each vendor API as a
//! service (provider, endpoints, authentication, trust zone, data flows), and dependencies
//! component → SDK → service → model. Reproducible by default: no serial number or timestamp
//! unless the report carries a generation time.

use crate::finding::{Confidence, Finding, Kind};
use crate::manifest::ManifestKind;
use crate::report::Report;
use crate::rules::RuleSet;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// The package URL of a dependency, from the manifest kind it was declared in.
fn purl(manifest_file: &str, name: &str) -> Option<String> {
    let file_name = manifest_file.rsplit('/').next().unwrap_or(manifest_file);
    let enc = |s: &str| s.replace('@', "%40");
    Some(match ManifestKind::from_file_name(file_name)? {
        ManifestKind::Requirements
        | ManifestKind::Pyproject
        | ManifestKind::SetupPy
        | ManifestKind::SetupCfg
        | ManifestKind::Pipfile => {
            format!("pkg:pypi/{}", crate::rules::Ecosystem::Pypi.normalize(name))
        }
        ManifestKind::PackageJson => match name.split_once('/') {
            Some((scope, pkg)) if scope.starts_with('@') => format!("pkg:npm/{}/{pkg}", enc(scope)),
            _ => format!("pkg:npm/{name}"),
        },
        ManifestKind::GoMod => format!("pkg:golang/{name}"),
        ManifestKind::CargoToml => format!("pkg:cargo/{name}"),
        ManifestKind::Pom | ManifestKind::Gradle => {
            let (group, artifact) = name.split_once(':')?;
            format!("pkg:maven/{group}/{artifact}")
        }
        ManifestKind::Csproj => format!("pkg:nuget/{name}"),
        ManifestKind::Gemfile => format!("pkg:gem/{name}"),
        ManifestKind::Composer => format!("pkg:composer/{name}"),
    })
}

fn counts(f: &Finding) -> bool {
    f.confidence >= Confidence::Medium && f.kind != Kind::Secret && f.suppressed.is_none()
}

fn prop(name: &str, value: impl ToString) -> Value {
    json!({"name": name, "value": value.to_string()})
}

fn task_of(mode: Option<&str>) -> &'static str {
    match mode {
        Some("embedding") => "feature-extraction",
        Some("image") => "text-to-image",
        Some("transcription") => "automatic-speech-recognition",
        Some("speech") => "text-to-speech",
        Some("rerank") => "text-ranking",
        Some("moderation") => "text-classification",
        Some("video") => "text-to-video",
        _ => "text-generation",
    }
}

pub fn cyclonedx(rules: &RuleSet, report: &Report) -> String {
    let findings: Vec<&Finding> = report.findings.iter().filter(|f| counts(f)).collect();
    let mut components: BTreeMap<String, Value> = BTreeMap::new();
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut services: BTreeMap<String, Value> = BTreeMap::new();
    let component_ref = |c: &str| format!("component:{c}");
    let service_ref = |v: &str| format!("service:{v}");

    for c in &report.components {
        let r = component_ref(&c.id);
        let mut props = vec![prop("aidep:lock_in_score", c.lock_in.score)];
        for owner in &c.owners {
            props.push(prop("aidep:owner", owner));
        }
        components.insert(
            r.clone(),
            json!({"type": "application", "bom-ref": r, "name": c.id, "properties": props}),
        );
        let entry = deps.entry(r.clone()).or_default();
        entry.extend(c.depends_on.iter().map(|d| component_ref(d)));
    }
    for f in &findings {
        let comp = component_ref(&f.component);
        components.entry(comp.clone()).or_insert_with(
            || json!({"type": "application", "bom-ref": comp, "name": f.component}),
        );
        let pack = rules.pack_by_id(&f.vendor).map(|i| rules.pack(i));
        let svc = service_ref(&f.vendor);
        if !services.contains_key(&svc) {
            let name = pack.map_or(f.vendor.clone(), |p| p.name.clone());
            let mut provider = json!({"name": name});
            if let Some(url) = pack.and_then(|p| p.website.clone()) {
                provider["url"] = json!([url]);
            }
            let jurisdiction = pack.map_or("unknown".to_string(), |p| p.jurisdiction.clone());
            services.insert(
                svc.clone(),
                json!({
                    "bom-ref": svc,
                    "provider": provider,
                    "name": format!("{name} API"),
                    "authenticated": true,
                    "x-trust-boundary": jurisdiction != "local",
                    "trustZone": if jurisdiction == "local" { "internal" } else { "external" },
                    "data": [
                        {"flow": "outbound", "classification": "prompts, documents and embeddings sent for inference"},
                        {"flow": "inbound", "classification": "model output"}
                    ],
                    "properties": [prop("aidep:vendor", &f.vendor), prop("aidep:jurisdiction", jurisdiction), prop("aidep:category", pack.map_or("unknown", |p| p.category.as_str()))]
                }),
            );
        }
        match f.kind {
            Kind::ManifestDependency => {
                let Some(name) = f.package.as_deref() else {
                    continue;
                };
                let Some(p) = purl(&f.file, name) else {
                    continue;
                };
                components.entry(p.clone()).or_insert_with(|| {
                    json!({"type": "library", "bom-ref": p, "name": name, "purl": p, "properties": [prop("aidep:vendor", &f.vendor)]})
                });
                deps.entry(comp.clone()).or_default().insert(p.clone());
                deps.entry(p).or_default().insert(svc.clone());
            }
            Kind::ModelName => {
                let Some(model) = f.model.as_deref() else {
                    continue;
                };
                let r = format!("model:{}/{model}", f.vendor);
                let entry = rules
                    .catalog
                    .lookup(model)
                    .and_then(|h| h.entry)
                    .map(|i| rules.catalog.entry(i));
                components.entry(r.clone()).or_insert_with(|| {
                    let mut props = vec![prop("aidep:vendor", &f.vendor)];
                    if let Some(fam) = &f.family {
                        props.push(prop("aidep:family", fam));
                    }
                    if let Some(e) = entry {
                        props.push(prop("aidep:open_weights", e.open_weights));
                        if let Some(mode) = &e.mode {
                            props.push(prop("aidep:mode", mode));
                        }
                        if let Some(r) = &e.retires {
                            props.push(prop("aidep:retires", r));
                        }
                    }
                    json!({
                        "type": "machine-learning-model",
                        "bom-ref": r,
                        "name": model,
                        "supplier": {"name": pack.map_or(f.vendor.clone(), |p| p.name.clone())},
                        "modelCard": {"modelParameters": {"task": task_of(entry.and_then(|e| e.mode.as_deref()))}},
                        "properties": props
                    })
                });
                deps.entry(comp.clone()).or_default().insert(svc.clone());
                deps.entry(svc.clone()).or_default().insert(r);
            }
            _ => {
                deps.entry(comp.clone()).or_default().insert(svc.clone());
            }
        }
        if let Some(host) = &f.host
            && let Some(s) = services.get_mut(&svc)
        {
            let endpoint = format!("https://{host}");
            let list = s
                .as_object_mut()
                .expect("service object")
                .entry("endpoints")
                .or_insert_with(|| json!([]));
            let arr = list.as_array_mut().expect("array");
            if !arr.iter().any(|e| e == &json!(endpoint)) {
                arr.push(json!(endpoint));
                arr.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
        }
    }
    for svc in services.keys() {
        deps.entry(svc.clone()).or_default();
    }
    for r in components.keys() {
        deps.entry(r.clone()).or_default();
    }

    let mut metadata = json!({
        "lifecycles": [{"phase": "pre-build"}],
        "tools": {"components": [{"type": "application", "name": "aidep", "version": report.tool.version}]},
        "component": {"type": "application", "bom-ref": "repository", "name": report.source.name},
        "properties": [prop("aidep:rules_version", &report.tool.rules_version), prop("aidep:lock_in_score", report.lock_in.score)]
    });
    if let Some(commit) = &report.source.commit {
        metadata["properties"]
            .as_array_mut()
            .expect("array")
            .push(prop("aidep:commit", commit));
    }
    if let Some(ts) = &report.source.generated_at {
        metadata["timestamp"] = json!(ts);
    }
    let mut root_deps: BTreeSet<String> = report
        .components
        .iter()
        .map(|c| component_ref(&c.id))
        .collect();
    root_deps.extend(findings.iter().map(|f| component_ref(&f.component)));
    deps.insert("repository".into(), root_deps);
    let mut bom = json!({
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": metadata,
        "components": components.into_values().collect::<Vec<_>>(),
        "services": services.into_values().collect::<Vec<_>>(),
        "dependencies": deps.into_iter().map(|(r, d)| json!({"ref": r, "dependsOn": d.into_iter().collect::<Vec<_>>()})).collect::<Vec<_>>()
    });
    if let Some(ts) = &report.source.generated_at {
        // Not reproducible anyway: a serial number derived from the content and the time.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in ts
            .bytes()
            .chain(report.tool.rules_version.bytes())
            .chain(report.findings.len().to_string().bytes())
        {
            h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        let hex = format!("{h:016x}{:016x}", h.rotate_left(17) ^ 0x9e37_79b9_7f4a_7c15);
        bom["serialNumber"] = json!(format!(
            "urn:uuid:{}-{}-4{}-8{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            &hex[17..20],
            &hex[20..32]
        ));
    }
    serde_json::to_string_pretty(&bom).expect("BOM serializes") + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn package_urls() {
        assert_eq!(
            super::purl("a/requirements.txt", "Google_GenerativeAI").unwrap(),
            "pkg:pypi/google-generativeai"
        );
        assert_eq!(
            super::purl("package.json", "@ai-sdk/openai").unwrap(),
            "pkg:npm/%40ai-sdk/openai"
        );
        assert_eq!(
            super::purl("x/pom.xml", "com.openai:openai-java").unwrap(),
            "pkg:maven/com.openai/openai-java"
        );
        assert_eq!(
            super::purl("go.mod", "github.com/openai/openai-go").unwrap(),
            "pkg:golang/github.com/openai/openai-go"
        );
        assert!(super::purl("README.md", "x").is_none());
    }
}
