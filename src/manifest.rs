//! Dependency manifests: which file names are manifests, and the packages each one declares, with
//! the line they are declared on. A manifest that does not parse yields an error for a diagnostic.

use crate::facts::Pos;
use crate::rules::Ecosystem;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestKind {
    Requirements,
    Pyproject,
    SetupPy,
    SetupCfg,
    Pipfile,
    PackageJson,
    GoMod,
    CargoToml,
    Pom,
    Gradle,
    Csproj,
    Gemfile,
    Composer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub ecosystem: Ecosystem,
    pub name: String,
    pub pos: Pos,
}

impl ManifestKind {
    pub fn from_file_name(name: &str) -> Option<ManifestKind> {
        let lower = name.to_ascii_lowercase();
        Some(match lower.as_str() {
            "pyproject.toml" => ManifestKind::Pyproject,
            "setup.py" => ManifestKind::SetupPy,
            "setup.cfg" => ManifestKind::SetupCfg,
            "pipfile" => ManifestKind::Pipfile,
            "package.json" => ManifestKind::PackageJson,
            "go.mod" => ManifestKind::GoMod,
            "cargo.toml" => ManifestKind::CargoToml,
            "pom.xml" => ManifestKind::Pom,
            "build.gradle" | "build.gradle.kts" => ManifestKind::Gradle,
            "gemfile" => ManifestKind::Gemfile,
            "composer.json" => ManifestKind::Composer,
            _ if lower.ends_with(".csproj") || lower.ends_with(".fsproj") => ManifestKind::Csproj,
            _ if lower.starts_with("requirements")
                && (lower.ends_with(".txt") || lower.ends_with(".in")) =>
            {
                ManifestKind::Requirements
            }
            _ => return None,
        })
    }
}

/// 1-based line and column of the first place `needle` appears as a whole token at or after a
/// byte offset; (1,1) when it is not found (the manifest still declares it).
fn locate(text: &str, needle: &str) -> Pos {
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        let boundary = |c: Option<char>| {
            c.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.' || c == '/'))
        };
        if boundary(before) && boundary(after) {
            let line = text[..at].matches('\n').count() as u32 + 1;
            let col = (at - text[..at].rfind('\n').map_or(0, |n| n + 1)) as u32 + 1;
            return Pos { line, column: col };
        }
        from = at + needle.len().max(1);
    }
    Pos { line: 1, column: 1 }
}

static PEP508_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)").expect("static regex"));

fn pep508_name(spec: &str) -> Option<String> {
    PEP508_NAME.captures(spec).map(|c| c[1].to_string())
}

fn dep(eco: Ecosystem, name: &str, text: &str) -> Dependency {
    Dependency {
        ecosystem: eco,
        name: name.to_string(),
        pos: locate(text, name),
    }
}

fn toml_error(e: toml::de::Error, text: &str) -> String {
    match e.span() {
        Some(span) => format!(
            "line {}: {}",
            text[..span.start.min(text.len())].matches('\n').count() + 1,
            e.message()
        ),
        None => e.message().to_string(),
    }
}

fn json_error(e: serde_json::Error) -> String {
    format!("line {}: {e}", e.line())
}

/// The packages a manifest declares.
pub fn dependencies(kind: ManifestKind, text: &str) -> Result<Vec<Dependency>, String> {
    let mut out = Vec::new();
    match kind {
        ManifestKind::Requirements => {
            for (n, line) in text.lines().enumerate() {
                let line = line.split(" #").next().unwrap_or(line).trim();
                if line.is_empty() || line.starts_with('#') || line.starts_with('-') {
                    continue;
                }
                if let Some(name) = pep508_name(line) {
                    let col = line.find(&name).unwrap_or(0) as u32 + 1;
                    out.push(Dependency {
                        ecosystem: Ecosystem::Pypi,
                        name,
                        pos: Pos {
                            line: n as u32 + 1,
                            column: col,
                        },
                    });
                }
            }
        }
        ManifestKind::Pyproject | ManifestKind::Pipfile => {
            let doc: toml::Table = toml::from_str(text).map_err(|e| toml_error(e, text))?;
            let mut names = Vec::new();
            let strings = |v: Option<&toml::Value>, names: &mut Vec<String>| {
                if let Some(arr) = v.and_then(|v| v.as_array()) {
                    names.extend(
                        arr.iter()
                            .filter_map(|s| s.as_str())
                            .filter_map(pep508_name),
                    );
                }
            };
            let keys = |v: Option<&toml::Value>, names: &mut Vec<String>| {
                if let Some(t) = v.and_then(|v| v.as_table()) {
                    names.extend(t.keys().filter(|k| k.as_str() != "python").cloned());
                }
            };
            if let Some(project) = doc.get("project") {
                strings(project.get("dependencies"), &mut names);
                if let Some(opt) = project
                    .get("optional-dependencies")
                    .and_then(|o| o.as_table())
                {
                    for v in opt.values() {
                        strings(Some(v), &mut names);
                    }
                }
            }
            if let Some(groups) = doc.get("dependency-groups").and_then(|g| g.as_table()) {
                for v in groups.values() {
                    strings(Some(v), &mut names);
                }
            }
            if let Some(poetry) = doc.get("tool").and_then(|t| t.get("poetry")) {
                keys(poetry.get("dependencies"), &mut names);
                keys(poetry.get("dev-dependencies"), &mut names);
                if let Some(groups) = poetry.get("group").and_then(|g| g.as_table()) {
                    for g in groups.values() {
                        keys(g.get("dependencies"), &mut names);
                    }
                }
            }
            keys(doc.get("packages"), &mut names);
            keys(doc.get("dev-packages"), &mut names);
            names.dedup();
            out.extend(names.iter().map(|n| dep(Ecosystem::Pypi, n, text)));
        }
        ManifestKind::SetupPy => {
            static LIST: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(
                    r"(?s)(?:install_requires|extras_require|requires)\s*=\s*[\[{](.*?)[\]}]",
                )
                .expect("static regex")
            });
            static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r#"["']([A-Za-z0-9][A-Za-z0-9._\-\[\]]*)[^"']*["']"#)
                    .expect("static regex")
            });
            for list in LIST.captures_iter(text) {
                for q in QUOTED.captures_iter(&list[1]) {
                    if let Some(name) = pep508_name(&q[1]) {
                        out.push(dep(Ecosystem::Pypi, &name, text));
                    }
                }
            }
        }
        ManifestKind::SetupCfg => {
            let mut in_list = false;
            for (n, line) in text.lines().enumerate() {
                let trimmed = line.trim();
                if trimmed.starts_with("install_requires") || trimmed.contains("_require =") {
                    in_list = true;
                    if let Some((_, rest)) = trimmed.split_once('=')
                        && let Some(name) = pep508_name(rest)
                    {
                        out.push(Dependency {
                            ecosystem: Ecosystem::Pypi,
                            name,
                            pos: Pos {
                                line: n as u32 + 1,
                                column: 1,
                            },
                        });
                    }
                    continue;
                }
                if in_list {
                    if !line.starts_with([' ', '\t']) || trimmed.is_empty() {
                        in_list = !trimmed.is_empty() && line.starts_with([' ', '\t']);
                        if !in_list {
                            continue;
                        }
                    }
                    if let Some(name) = pep508_name(trimmed) {
                        let col = line.find(&name).unwrap_or(0) as u32 + 1;
                        out.push(Dependency {
                            ecosystem: Ecosystem::Pypi,
                            name,
                            pos: Pos {
                                line: n as u32 + 1,
                                column: col,
                            },
                        });
                    }
                }
            }
        }
        ManifestKind::PackageJson | ManifestKind::Composer => {
            let doc: serde_json::Value = serde_json::from_str(text).map_err(json_error)?;
            let (eco, sections): (Ecosystem, &[&str]) = if kind == ManifestKind::PackageJson {
                (
                    Ecosystem::Npm,
                    &[
                        "dependencies",
                        "devDependencies",
                        "peerDependencies",
                        "optionalDependencies",
                    ],
                )
            } else {
                (Ecosystem::Packagist, &["require", "require-dev"])
            };
            for section in sections {
                if let Some(map) = doc.get(section).and_then(|d| d.as_object()) {
                    for name in map.keys() {
                        let mut d = dep(eco, name, text);
                        d.pos = locate(text, &format!("\"{name}\""));
                        d.pos.column += 1;
                        out.push(d);
                    }
                }
            }
        }
        ManifestKind::GoMod => {
            let mut in_block = false;
            for (n, line) in text.lines().enumerate() {
                let t = line.split("//").next().unwrap_or("").trim();
                let module = if let Some(rest) = t.strip_prefix("require") {
                    let rest = rest.trim();
                    if rest == "(" {
                        in_block = true;
                        continue;
                    }
                    rest.split_whitespace().next()
                } else if in_block {
                    if t == ")" {
                        in_block = false;
                        continue;
                    }
                    t.split_whitespace().next()
                } else {
                    None
                };
                if let Some(m) = module.filter(|m| !m.is_empty()) {
                    let col = line.find(m).unwrap_or(0) as u32 + 1;
                    out.push(Dependency {
                        ecosystem: Ecosystem::Go,
                        name: m.to_string(),
                        pos: Pos {
                            line: n as u32 + 1,
                            column: col,
                        },
                    });
                }
            }
        }
        ManifestKind::CargoToml => {
            let doc: toml::Table = toml::from_str(text).map_err(|e| toml_error(e, text))?;
            let mut tables: Vec<&toml::Table> = Vec::new();
            for key in ["dependencies", "dev-dependencies", "build-dependencies"] {
                if let Some(t) = doc.get(key).and_then(|v| v.as_table()) {
                    tables.push(t);
                }
            }
            if let Some(t) = doc
                .get("workspace")
                .and_then(|w| w.get("dependencies"))
                .and_then(|d| d.as_table())
            {
                tables.push(t);
            }
            if let Some(targets) = doc.get("target").and_then(|t| t.as_table()) {
                for target in targets.values() {
                    for key in ["dependencies", "dev-dependencies", "build-dependencies"] {
                        if let Some(t) = target.get(key).and_then(|v| v.as_table()) {
                            tables.push(t);
                        }
                    }
                }
            }
            for table in tables {
                for (key, value) in table {
                    let real = value.get("package").and_then(|p| p.as_str()).unwrap_or(key);
                    let mut d = dep(Ecosystem::Crates, real, text);
                    if real != key {
                        d.pos = locate(text, key);
                    }
                    out.push(d);
                }
            }
        }
        ManifestKind::Pom => out.extend(pom_dependencies(text)?),
        ManifestKind::Gradle => {
            static COORD: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r#"["']([A-Za-z0-9_.\-]+):([A-Za-z0-9_.\-]+)(?::[^"']*)?["']"#)
                    .expect("static regex")
            });
            static MAP_STYLE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(
                    r#"group\s*[:=]\s*["']([^"']+)["']\s*,\s*name\s*[:=]\s*["']([^"']+)["']"#,
                )
                .expect("static regex")
            });
            for (n, line) in text.lines().enumerate() {
                let t = line.trim_start();
                if t.starts_with("//") || t.starts_with('*') {
                    continue;
                }
                for caps in COORD
                    .captures_iter(line)
                    .chain(MAP_STYLE.captures_iter(line))
                {
                    let col = caps.get(0).map_or(0, |m| m.start()) as u32 + 2;
                    out.push(Dependency {
                        ecosystem: Ecosystem::Maven,
                        name: format!("{}:{}", &caps[1], &caps[2]),
                        pos: Pos {
                            line: n as u32 + 1,
                            column: col,
                        },
                    });
                }
            }
        }
        ManifestKind::Csproj => {
            static REF: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(
                    r#"<(?:PackageReference|PackageVersion)\s+(?:Include|Update)\s*=\s*"([^"]+)""#,
                )
                .expect("static regex")
            });
            for (n, line) in text.lines().enumerate() {
                for caps in REF.captures_iter(line) {
                    let m = caps.get(1).expect("group 1");
                    out.push(Dependency {
                        ecosystem: Ecosystem::Nuget,
                        name: m.as_str().to_string(),
                        pos: Pos {
                            line: n as u32 + 1,
                            column: m.start() as u32 + 1,
                        },
                    });
                }
            }
        }
        ManifestKind::Gemfile => {
            static GEM: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r#"^\s*gem\s+["']([^"']+)["']"#).expect("static regex")
            });
            for (n, line) in text.lines().enumerate() {
                if let Some(caps) = GEM.captures(line) {
                    let m = caps.get(1).expect("group 1");
                    out.push(Dependency {
                        ecosystem: Ecosystem::Rubygems,
                        name: m.as_str().to_string(),
                        pos: Pos {
                            line: n as u32 + 1,
                            column: m.start() as u32 + 1,
                        },
                    });
                }
            }
        }
    }
    Ok(out)
}

/// `<dependency><groupId>g</groupId><artifactId>a</artifactId>` anywhere in a POM (dependencies,
/// dependencyManagement, plugins' dependencies).
fn pom_dependencies(text: &str) -> Result<Vec<Dependency>, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut group = String::new();
    let mut artifact = String::new();
    let mut start_offset = 0usize;
    loop {
        let offset = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.local_name().as_ref().to_string();
                if name == "dependency" {
                    group.clear();
                    artifact.clear();
                    start_offset = offset;
                }
                path.push(name);
            }
            Ok(Event::End(_))
                if path.pop().as_deref() == Some("dependency")
                    && !group.is_empty()
                    && !artifact.is_empty() =>
            {
                let before = &text[..start_offset.min(text.len())];
                let line = before.matches('\n').count() as u32 + 1;
                let column = (before.len() - before.rfind('\n').map_or(0, |n| n + 1)) as u32 + 1;
                out.push(Dependency {
                    ecosystem: Ecosystem::Maven,
                    name: format!("{group}:{artifact}"),
                    pos: Pos { line, column },
                });
            }
            Ok(Event::Text(t)) => {
                let value = t.as_ref().trim().to_string();
                let in_dep = path.len() >= 2 && path[path.len() - 2] == "dependency";
                match path.last().map(String::as_str) {
                    Some("groupId") if in_dep => group = value,
                    Some("artifactId") if in_dep => artifact = value,
                    _ => {}
                }
            }
            Ok(Event::Eof) => {
                if let Some(open) = path.last() {
                    let line = text.matches('\n').count() + 1;
                    return Err(format!("line {line}: the file ends inside <{open}>"));
                }
                break;
            }
            Err(e) => {
                let at = reader.error_position() as usize;
                let line = text[..at.min(text.len())].matches('\n').count() + 1;
                return Err(format!("line {line}: {e}"));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The name a manifest gives its own package (`module` in go.mod, `name` in package.json, …):
/// imports of it are the repository's own code, never a vendor dependency.
pub fn own_name(kind: ManifestKind, text: &str) -> Option<(Ecosystem, String)> {
    match kind {
        ManifestKind::GoMod => text
            .lines()
            .find_map(|l| l.trim().strip_prefix("module "))
            .map(|m| (Ecosystem::Go, m.trim().trim_matches('"').to_string())),
        ManifestKind::Pom => {
            // the project's own artifactId: the first one not inside <parent> or <dependency>
            let without_parent = match (text.find("<parent>"), text.find("</parent>")) {
                (Some(a), Some(b)) if a < b => format!("{}{}", &text[..a], &text[b..]),
                _ => text.to_string(),
            };
            let head = without_parent.split("<dependencies>").next().unwrap_or("");
            let start = head.find("<artifactId>")? + "<artifactId>".len();
            let end = head[start..].find("</artifactId>")?;
            Some((
                Ecosystem::Maven,
                head[start..start + end].trim().to_string(),
            ))
        }
        ManifestKind::PackageJson => {
            let doc: serde_json::Value = serde_json::from_str(text).ok()?;
            doc.get("name")?
                .as_str()
                .map(|n| (Ecosystem::Npm, n.to_string()))
        }
        ManifestKind::CargoToml => {
            let doc: toml::Table = toml::from_str(text).ok()?;
            let name = doc.get("package")?.get("name")?.as_str()?;
            Some((Ecosystem::Crates, name.replace('-', "_")))
        }
        ManifestKind::Pyproject => {
            let doc: toml::Table = toml::from_str(text).ok()?;
            let name = doc
                .get("project")
                .and_then(|p| p.get("name"))
                .or_else(|| doc.get("tool")?.get("poetry")?.get("name"))?
                .as_str()?;
            Some((
                Ecosystem::Pypi,
                name.to_ascii_lowercase().replace(['-', '.'], "_"),
            ))
        }
        _ => None,
    }
}

/// How a manifest points at other packages of the same repository: by name (matched against
/// other manifests' own names) or by a relative path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    Name(String),
    Path(String),
}

/// Every dependency name, plus the relative paths of path dependencies (`{ path = "../lib" }`,
/// `file:../lib`, `replace x => ../lib`, `-e ../lib`, Maven `<module>`, Gradle `project(":lib")`).
pub fn links(kind: ManifestKind, text: &str) -> Vec<Link> {
    let mut out: Vec<Link> = dependencies(kind, text)
        .unwrap_or_default()
        .into_iter()
        .map(|d| Link::Name(d.name))
        .collect();
    static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?:path\s*=\s*["']|file:|link:|portal:|=>\s*|-e\s+)(\.{1,2}/[^"'\s,}]*)"#)
            .expect("static regex")
    });
    for c in RELATIVE.captures_iter(text) {
        out.push(Link::Path(c[1].trim_end_matches('/').to_string()));
    }
    match kind {
        ManifestKind::Pom => {
            static MODULE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"<module>\s*([^<\s]+)\s*</module>").expect("static regex")
            });
            for c in MODULE.captures_iter(text) {
                out.push(Link::Path(c[1].to_string()));
            }
        }
        ManifestKind::Gradle => {
            static PROJECT: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r#"project\(\s*(?:path\s*[:=]\s*)?["']:([^"']+)["']"#)
                    .expect("static regex")
            });
            for c in PROJECT.captures_iter(text) {
                out.push(Link::Name(c[1].replace(':', "/")));
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(kind: ManifestKind, text: &str) -> Vec<String> {
        dependencies(kind, text)
            .unwrap()
            .into_iter()
            .map(|d| d.name)
            .collect()
    }

    #[test]
    fn reads_each_manifest_kind() {
        assert_eq!(
            names(
                ManifestKind::Requirements,
                "# ai\nopenai==1.3 # pinned\n-r base.txt\nanthropic[bedrock]>=0.30\n"
            ),
            ["openai", "anthropic"]
        );
        let py = "[project]\nname='x'\ndependencies=['openai>=1', 'httpx']\n[tool.poetry.dependencies]\npython='^3.11'\ncohere='^5'\n";
        assert_eq!(
            names(ManifestKind::Pyproject, py),
            ["openai", "httpx", "cohere"]
        );
        assert_eq!(
            names(
                ManifestKind::PackageJson,
                r#"{"dependencies": {"openai": "^4"}, "devDependencies": {"ai": "3"}}"#
            ),
            ["openai", "ai"]
        );
        assert_eq!(
            names(
                ManifestKind::GoMod,
                "module x\n\nrequire (\n\tgithub.com/openai/openai-go v1.2.0\n)\nrequire github.com/x/y v1\n"
            ),
            ["github.com/openai/openai-go", "github.com/x/y"]
        );
        assert_eq!(
            names(
                ManifestKind::CargoToml,
                "[dependencies]\nasync-openai = \"0.28\"\noai = { package = \"openai-api-rs\", version = \"5\" }\n"
            ),
            ["async-openai", "openai-api-rs"]
        );
        let pom = "<project><dependencies><dependency><groupId>com.openai</groupId><artifactId>openai-java</artifactId></dependency></dependencies></project>";
        assert_eq!(names(ManifestKind::Pom, pom), ["com.openai:openai-java"]);
        assert_eq!(
            names(
                ManifestKind::Gradle,
                "dependencies {\n  implementation(\"dev.langchain4j:langchain4j-open-ai:1.0.0\")\n}\n"
            ),
            ["dev.langchain4j:langchain4j-open-ai"]
        );
        assert_eq!(
            names(
                ManifestKind::Csproj,
                "<ItemGroup><PackageReference Include=\"Azure.AI.OpenAI\" Version=\"2.0\" /></ItemGroup>"
            ),
            ["Azure.AI.OpenAI"]
        );
        assert_eq!(
            names(
                ManifestKind::Gemfile,
                "source 'https://rubygems.org'\ngem 'ruby-openai', '~> 7'\n"
            ),
            ["ruby-openai"]
        );
        assert_eq!(
            names(
                ManifestKind::SetupPy,
                "setup(name='x', install_requires=['openai>=1.0', \"tiktoken\"])"
            ),
            ["openai", "tiktoken"]
        );
    }

    #[test]
    fn lines_point_at_the_declaration() {
        let deps = dependencies(ManifestKind::PackageJson, "{\n  \"name\": \"openai-demo\",\n  \"dependencies\": {\n    \"openai\": \"^4\"\n  }\n}").unwrap();
        assert_eq!(deps[0].pos.line, 4);
    }

    #[test]
    fn broken_manifests_say_where() {
        let err = dependencies(ManifestKind::PackageJson, "{\n \"dependencies\": {\n").unwrap_err();
        assert!(err.starts_with("line 3"), "{err}");
        let err =
            dependencies(ManifestKind::Pyproject, "[project]\ndependencies = [\n").unwrap_err();
        assert!(err.starts_with("line "), "{err}");
        assert!(dependencies(ManifestKind::Pom, "<project><dependency></project>").is_err());
    }
}
