//! Components and their internal dependencies: every directory with a manifest (workspace members
//! included) is a component, the root is one too; manifests that name another component's package
//! or point at its directory make a depends-on edge. Owners come from CODEOWNERS.

use crate::component::ROOT;
use crate::manifest::Link;
use crate::rules::Ecosystem;
use crate::scan::ManifestRecord;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct ComponentSet {
    /// Component id (its directory, `.` for the root) → the components it depends on.
    pub depends_on: BTreeMap<String, BTreeSet<String>>,
    pub owners: BTreeMap<String, Vec<String>>,
    /// `depends_on` reversed, built on first use.
    dependants_of: std::sync::OnceLock<BTreeMap<String, Vec<String>>>,
}

fn dir_of(file: &str) -> &str {
    file.rsplit_once('/').map_or(ROOT, |(d, _)| d)
}

/// `services/a` + `../../libs/b` → `libs/b`.
fn join(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if dir == ROOT {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for piece in rel.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        ROOT.to_string()
    } else {
        parts.join("/")
    }
}

impl ComponentSet {
    pub fn build(root: Option<&Path>, manifests: &[ManifestRecord]) -> ComponentSet {
        let dirs: BTreeSet<String> = manifests
            .iter()
            .map(|m| dir_of(&m.file).to_string())
            .collect();
        let mut by_name: BTreeMap<String, String> = BTreeMap::new();
        for m in manifests {
            if let Some((eco, name)) = &m.own_name {
                let key = match eco {
                    Ecosystem::Pypi => name.replace('_', "-"),
                    _ => name.clone(),
                };
                by_name
                    .entry(key)
                    .or_insert_with(|| dir_of(&m.file).to_string());
            }
        }
        let mut depends_on: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        depends_on.entry(ROOT.to_string()).or_default();
        for m in manifests {
            let from = dir_of(&m.file).to_string();
            depends_on.entry(from.clone()).or_default();
            for link in &m.links {
                let to = match link {
                    Link::Path(rel) => {
                        let target = join(&from, rel);
                        dirs.contains(&target).then_some(target)
                    }
                    Link::Name(name) => {
                        let normalized = name.to_ascii_lowercase().replace('_', "-");
                        let artifact = name.rsplit(':').next().unwrap_or(name);
                        by_name
                            .get(name)
                            .or_else(|| by_name.get(&normalized))
                            .or_else(|| by_name.get(artifact))
                            .cloned()
                            .or_else(|| dirs.contains(name.as_str()).then(|| name.clone()))
                    }
                };
                if let Some(to) = to.filter(|t| *t != from && *t != ROOT) {
                    depends_on.entry(from.clone()).or_default().insert(to);
                }
            }
        }
        let owners = root
            .map(|r| read_codeowners(r, depends_on.keys()))
            .unwrap_or_default();
        ComponentSet {
            depends_on,
            owners,
            dependants_of: Default::default(),
        }
    }

    /// Every component that depends on `id`, directly or through others.
    pub fn dependants(&self, id: &str) -> BTreeSet<String> {
        let reverse = self.dependants_of.get_or_init(|| {
            let mut reverse: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (c, deps) in &self.depends_on {
                for d in deps {
                    reverse.entry(d.clone()).or_default().push(c.clone());
                }
            }
            reverse
        });
        let mut out = BTreeSet::new();
        let mut frontier = vec![id];
        while let Some(next) = frontier.pop() {
            for c in reverse.get(next).into_iter().flatten() {
                if out.insert(c.clone()) {
                    frontier.push(c);
                }
            }
        }
        out.remove(id);
        out
    }

    /// Every component `id` depends on, directly or transitively.
    pub fn dependencies(&self, id: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut frontier = vec![id.to_string()];
        while let Some(next) = frontier.pop() {
            for dep in self.depends_on.get(&next).into_iter().flatten() {
                if out.insert(dep.clone()) {
                    frontier.push(dep.clone());
                }
            }
        }
        out.remove(id);
        out
    }
}

const CODEOWNERS_PLACES: &[&str] = &[
    ".github/CODEOWNERS",
    "CODEOWNERS",
    "docs/CODEOWNERS",
    ".gitlab/CODEOWNERS",
];

/// Owners per component from the first CODEOWNERS file found (GitHub and GitLab locations).
/// The last matching pattern wins, as on both platforms.
fn read_codeowners<'a>(
    root: &Path,
    components: impl Iterator<Item = &'a String>,
) -> BTreeMap<String, Vec<String>> {
    let Some(text) = CODEOWNERS_PLACES
        .iter()
        .find_map(|p| std::fs::read_to_string(root.join(p)).ok())
    else {
        return BTreeMap::new();
    };
    let mut rules: Vec<(globset::GlobMatcher, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        // GitLab sections: `[Section]` headers carry no pattern.
        if line.is_empty() || line.starts_with('[') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let Some(pattern) = parts.next() else {
            continue;
        };
        let owners: Vec<String> = parts.map(str::to_string).collect();
        let anchored = pattern.starts_with('/');
        let mut glob = pattern.trim_start_matches('/').to_string();
        if glob.ends_with('/') {
            glob.push_str("**");
        }
        if !anchored && !glob.contains('/') {
            glob = format!("**/{glob}");
        }
        for candidate in [glob.clone(), format!("{glob}/**")] {
            if let Ok(g) = globset::Glob::new(&candidate) {
                rules.push((g.compile_matcher(), owners.clone()));
            }
        }
    }
    components
        .filter_map(|c| {
            // A file inside the component stands for it.
            let probe = if c == ROOT {
                "README.md".to_string()
            } else {
                format!("{c}/x")
            };
            let owners = rules
                .iter()
                .rev()
                .find(|(g, _)| g.is_match(&probe))?
                .1
                .clone();
            Some((c.clone(), owners))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(file: &str, name: Option<(Ecosystem, &str)>, links: &[Link]) -> ManifestRecord {
        ManifestRecord {
            file: file.into(),
            own_name: name.map(|(e, n)| (e, n.to_string())),
            links: links.to_vec(),
        }
    }

    #[test]
    fn names_and_paths_make_edges() {
        let set = ComponentSet::build(
            None,
            &[
                m(
                    "libs/common/pyproject.toml",
                    Some((Ecosystem::Pypi, "llm_common")),
                    &[],
                ),
                m(
                    "services/bot/pyproject.toml",
                    Some((Ecosystem::Pypi, "bot")),
                    &[Link::Name("llm-common".into())],
                ),
                m(
                    "services/api/package.json",
                    Some((Ecosystem::Npm, "api")),
                    &[Link::Path("../../libs/common".into())],
                ),
                m(
                    "services/web/package.json",
                    Some((Ecosystem::Npm, "web")),
                    &[Link::Name("api".into()), Link::Name("react".into())],
                ),
            ],
        );
        assert!(set.depends_on["services/bot"].contains("libs/common"));
        assert!(set.depends_on["services/api"].contains("libs/common"));
        let dependants = set.dependants("libs/common");
        assert_eq!(
            dependants.into_iter().collect::<Vec<_>>(),
            ["services/api", "services/bot", "services/web"]
        );
    }
}
