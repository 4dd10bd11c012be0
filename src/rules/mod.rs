//! Vendor packs: loading (built-in and `--rules DIR` through one path), validation into
//! `VendorPack`, and the `RuleSet` the scanner matches against (prefilter automaton and indexes).

pub mod catalog;
mod prefilter;
pub mod qname;
pub mod raw;

use crate::error::{Error, Result};
use crate::finding::Kind;
use catalog::ModelCatalog;
use qname::Segment;
use regex::{Regex, RegexSet};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

pub const CATEGORIES: &[&str] = &[
    "llm-api",
    "cloud-ai-platform",
    "inference-host",
    "local-runtime",
    "gateway",
    "framework",
    "vector-store",
    "speech",
    "image",
    "video",
];

pub const CAPABILITIES: &[&str] = &[
    "chat",
    "embeddings",
    "images",
    "video",
    "speech",
    "transcription",
    "rerank",
    "moderation",
    "vector-storage",
    "fine-tuning",
    "batch",
    "assistants",
    "agents",
    "realtime",
    "search",
];

/// Package ecosystems a pack can name packages in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ecosystem {
    Pypi,
    Npm,
    Maven,
    Go,
    Crates,
    Nuget,
    Rubygems,
    Packagist,
}

impl Ecosystem {
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::Pypi => "pypi",
            Ecosystem::Npm => "npm",
            Ecosystem::Maven => "maven",
            Ecosystem::Go => "go",
            Ecosystem::Crates => "crates",
            Ecosystem::Nuget => "nuget",
            Ecosystem::Rubygems => "rubygems",
            Ecosystem::Packagist => "packagist",
        }
    }

    /// The form a name is compared in: PyPI names are case- and separator-insensitive (PEP 503),
    /// NuGet and Packagist names are case-insensitive.
    pub fn normalize(self, name: &str) -> String {
        match self {
            Ecosystem::Pypi => {
                let mut out = String::with_capacity(name.len());
                let mut last_sep = false;
                for c in name.trim().chars() {
                    if matches!(c, '-' | '_' | '.') {
                        if !last_sep {
                            out.push('-');
                        }
                        last_sep = true;
                    } else {
                        out.push(c.to_ascii_lowercase());
                        last_sep = false;
                    }
                }
                out
            }
            Ecosystem::Nuget | Ecosystem::Packagist | Ecosystem::Rubygems => {
                name.trim().to_ascii_lowercase()
            }
            Ecosystem::Go => qname::strip_go_version(name.trim()),
            _ => name.trim().to_string(),
        }
    }
}

/// Languages whose imports packs name. JavaScript covers TypeScript; Java covers Kotlin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImportLanguage {
    Python,
    JavaScript,
    Go,
    Java,
    Rust,
    CSharp,
    Ruby,
    Php,
}

impl ImportLanguage {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportLanguage::Python => "python",
            ImportLanguage::JavaScript => "javascript",
            ImportLanguage::Go => "go",
            ImportLanguage::Java => "java",
            ImportLanguage::Rust => "rust",
            ImportLanguage::CSharp => "csharp",
            ImportLanguage::Ruby => "ruby",
            ImportLanguage::Php => "php",
        }
    }

    fn separator(self) -> &'static str {
        match self {
            ImportLanguage::JavaScript | ImportLanguage::Go | ImportLanguage::Ruby => "/",
            ImportLanguage::Php => "\\",
            _ => ".",
        }
    }

    /// True when `module` is `entry` or inside it (`openai.types` is inside `openai`).
    pub fn module_within(self, entry: &str, module: &str) -> bool {
        let module = if self == ImportLanguage::Go {
            std::borrow::Cow::Owned(qname::strip_go_version(module))
        } else {
            std::borrow::Cow::Borrowed(module)
        };
        let module = module.trim_start_matches('\\');
        module == entry
            || (module.len() > entry.len()
                && module.starts_with(entry)
                && module[entry.len()..].starts_with(self.separator()))
    }
}

#[derive(Debug, Clone)]
pub struct CallRule {
    pub name: String,
    pub pattern: Vec<Segment>,
    pub capability: Option<String>,
    pub proprietary: bool,
    pub client: bool,
    pub base_url: Vec<ArgSelector>,
    pub via: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgSelector {
    Name(String),
    Position(usize),
}

#[derive(Debug, Clone)]
pub struct EndpointRule {
    pub template: String,
    pub regex: Regex,
    pub with_port: bool,
    pub literal: String,
}

#[derive(Debug, Clone)]
pub struct PatternRule {
    pub pattern: String,
    pub regex: Regex,
    pub literal: String,
}

#[derive(Debug, Clone)]
pub enum IacRule {
    Resource {
        glob: String,
        regex: Regex,
        where_: BTreeMap<String, String>,
    },
    Image(String),
}

#[derive(Debug, Clone)]
pub struct Example {
    pub file: String,
    pub code: String,
    pub expect: Vec<String>,
    pub reject: Vec<String>,
}

/// Packages and imports of a framework's integration for this vendor (`@ai-sdk/groq`,
/// `langchain-openai`): they mean this vendor, reached through the framework.
#[derive(Debug, Clone)]
pub struct Integration {
    pub framework: String,
    pub packages: BTreeMap<Ecosystem, Vec<String>>,
    pub imports: BTreeMap<ImportLanguage, Vec<String>>,
}

/// A validated vendor pack.
#[derive(Debug, Clone)]
pub struct VendorPack {
    pub id: String,
    pub name: String,
    pub category: String,
    pub jurisdiction: String,
    pub capabilities: Vec<String>,
    pub substitutes: Vec<String>,
    pub routes_through: Vec<String>,
    pub website: Option<String>,
    pub source: String,
    pub packages: BTreeMap<Ecosystem, Vec<String>>,
    pub imports: BTreeMap<ImportLanguage, Vec<String>>,
    pub calls: Vec<CallRule>,
    pub endpoints: Vec<EndpointRule>,
    pub env: Vec<String>,
    pub models: Vec<PatternRule>,
    pub secrets: Vec<PatternRule>,
    pub iac: Vec<IacRule>,
    pub integrations: Vec<Integration>,
    pub examples: Vec<Example>,
}

impl VendorPack {
    /// Matcher kinds this pack declares; each needs a positive and a negative example.
    pub fn declared_kinds(&self) -> Vec<Kind> {
        let mut kinds = Vec::new();
        let integration_packages = self.integrations.iter().any(|i| !i.packages.is_empty());
        let integration_imports = self.integrations.iter().any(|i| !i.imports.is_empty());
        if self.packages.values().any(|v| !v.is_empty()) || integration_packages {
            kinds.push(Kind::ManifestDependency);
        }
        if self.imports.values().any(|v| !v.is_empty()) || integration_imports {
            kinds.push(Kind::SdkImport);
        }
        if !self.calls.is_empty() {
            kinds.push(Kind::SdkCall);
        }
        if !self.endpoints.is_empty() {
            kinds.push(Kind::Endpoint);
        }
        if !self.env.is_empty() {
            kinds.push(Kind::EnvVar);
        }
        if !self.models.is_empty() {
            kinds.push(Kind::ModelName);
        }
        if !self.secrets.is_empty() {
            kinds.push(Kind::Secret);
        }
        if !self.iac.is_empty() {
            kinds.push(Kind::IacResource);
        }
        kinds
    }

    /// Declared matcher kinds lacking an `expect` or a `reject` example, as `rule (expect|reject)`.
    pub fn uncovered_kinds(&self) -> Vec<String> {
        let mut missing = Vec::new();
        for kind in self.declared_kinds() {
            let rule = format!("{}.{}", self.id, kind);
            if !self.examples.iter().any(|e| e.expect.contains(&rule)) {
                missing.push(format!("{rule} (no positive example)"));
            }
            if !self.examples.iter().any(|e| e.reject.contains(&rule)) {
                missing.push(format!("{rule} (no negative example)"));
            }
        }
        missing
    }
}

fn pack_error(file: &str, text: &str, needle: Option<&str>, message: String) -> Error {
    let line = needle.and_then(|n| text.lines().position(|l| l.contains(n)).map(|i| i + 1));
    Error::RulePack {
        file: file.to_string(),
        line,
        message,
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && id.as_bytes()[0].is_ascii_alphanumeric()
}

/// Compiles an endpoint host template (`bedrock-runtime.{region}.amazonaws.com`) into an anchored
/// regex over a lowercase host (or `host:port` when the template names a port).
fn compile_host_template(template: &str) -> std::result::Result<EndpointRule, String> {
    let lower = template.to_ascii_lowercase();
    let mut regex = String::from("^");
    let mut literals: Vec<String> = vec![String::new()];
    let mut rest = lower.as_str();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("{region}") {
            regex.push_str("(?P<region>[a-z0-9-]+)");
            literals.push(String::new());
            rest = after;
        } else if let Some(after) = rest.strip_prefix("{resource}") {
            regex.push_str("[a-z0-9-]+");
            literals.push(String::new());
            rest = after;
        } else if let Some(after) = rest.strip_prefix('*') {
            regex.push_str("[a-z0-9.-]+");
            literals.push(String::new());
            rest = after;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            if !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_')) {
                return Err(format!(
                    "endpoint host `{template}` has `{c}`: use literal host characters, {{region}}, {{resource}} or *"
                ));
            }
            regex.push_str(&regex::escape(&c.to_string()));
            if let Some(last) = literals.last_mut() {
                last.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    regex.push('$');
    let literal = literals
        .into_iter()
        .map(|l| l.trim_matches('.').to_string())
        .max_by_key(|l| l.len())
        .unwrap_or_default();
    if literal.len() < 4 {
        return Err(format!(
            "endpoint host `{template}` needs a literal part of at least 4 characters"
        ));
    }
    Ok(EndpointRule {
        template: template.to_string(),
        regex: Regex::new(&regex).map_err(|e| e.to_string())?,
        with_port: lower.contains(':'),
        literal,
    })
}

fn glob_regex(glob: &str) -> std::result::Result<Regex, regex::Error> {
    let body: Vec<String> = glob.split('*').map(regex::escape).collect();
    Regex::new(&format!("^{}$", body.join(".*")))
}

type ErrFn<'a> = dyn Fn(&str, String) -> Error + 'a;

fn compile_packages(
    p: raw::RawPackages,
    key: &str,
    err: &ErrFn,
) -> Result<BTreeMap<Ecosystem, Vec<String>>> {
    let mut packages = BTreeMap::new();
    for (eco, names) in [
        (Ecosystem::Pypi, p.pypi),
        (Ecosystem::Npm, p.npm),
        (Ecosystem::Maven, p.maven),
        (Ecosystem::Go, p.go),
        (Ecosystem::Crates, p.crates),
        (Ecosystem::Nuget, p.nuget),
        (Ecosystem::Rubygems, p.rubygems),
        (Ecosystem::Packagist, p.packagist),
    ] {
        for name in &names {
            if name.trim().is_empty() || name.contains(char::is_whitespace) {
                let eco = eco.as_str();
                return Err(err(
                    name,
                    format!("key `{key}.{eco}`: `{name}` is not a package name"),
                ));
            }
            if eco == Ecosystem::Maven && name.split(':').count() != 2 {
                return Err(err(
                    name,
                    format!("key `{key}.maven`: `{name}` must be group:artifact"),
                ));
            }
        }
        if !names.is_empty() {
            packages.insert(eco, names);
        }
    }
    Ok(packages)
}

fn compile_imports(
    i: raw::RawImports,
    key: &str,
    err: &ErrFn,
) -> Result<BTreeMap<ImportLanguage, Vec<String>>> {
    let mut imports = BTreeMap::new();
    for (lang, paths) in [
        (ImportLanguage::Python, i.python),
        (ImportLanguage::JavaScript, i.javascript),
        (ImportLanguage::Go, i.go),
        (ImportLanguage::Java, i.java),
        (ImportLanguage::Rust, i.rust),
        (ImportLanguage::CSharp, i.csharp),
        (ImportLanguage::Ruby, i.ruby),
        (ImportLanguage::Php, i.php),
    ] {
        if let Some(bad) = paths.iter().find(|p| p.trim().is_empty()) {
            let lang = lang.as_str();
            return Err(err(bad, format!("key `{key}.{lang}`: empty module path")));
        }
        if !paths.is_empty() {
            let paths = if lang == ImportLanguage::Rust {
                paths.into_iter().map(|p| p.replace("::", ".")).collect()
            } else {
                paths
            };
            imports.insert(lang, paths);
        }
    }
    Ok(imports)
}

fn compile_calls(
    raw_calls: Vec<raw::RawCall>,
    key: &str,
    default_via: Option<&str>,
    err: &ErrFn,
) -> Result<Vec<CallRule>> {
    let mut calls = Vec::new();
    for (n, call) in raw_calls.into_iter().enumerate() {
        if call.name.trim().is_empty() {
            return Err(err("calls", format!("key `{key}[{n}].name` is empty")));
        }
        if let Some(cap) = &call.capability
            && !CAPABILITIES.contains(&cap.as_str())
        {
            return Err(err(
                cap,
                format!("key `{key}[{n}].capability`: `{cap}` is not a known capability"),
            ));
        }
        let base_url = call
            .base_url
            .iter()
            .map(|s| match s.parse::<usize>() {
                Ok(i) => ArgSelector::Position(i),
                Err(_) => ArgSelector::Name(s.clone()),
            })
            .collect();
        calls.push(CallRule {
            pattern: qname::parse_pattern(&call.name),
            name: call.name,
            capability: call.capability,
            proprietary: call.proprietary,
            client: call.client,
            base_url,
            via: call
                .via
                .filter(|v| !v.is_empty())
                .or(default_via.map(str::to_string)),
        });
    }
    Ok(calls)
}

/// Validates one raw pack file into a `VendorPack`.
pub fn compile_pack(file: &str, text: &str) -> Result<VendorPack> {
    let raw: raw::RawPack = crate::yaml::from_str(text).map_err(|e| Error::RulePack {
        file: file.to_string(),
        line: e.line,
        message: e.message,
    })?;
    let err = |needle: &str, message: String| pack_error(file, text, Some(needle), message);
    let err: &ErrFn = &err;

    if !valid_id(&raw.id) {
        return Err(err(
            &raw.id,
            format!(
                "key `id`: `{}` must be lowercase letters, digits and '-'",
                raw.id
            ),
        ));
    }
    if !CATEGORIES.contains(&raw.category.as_str()) {
        return Err(err(
            "category",
            format!(
                "key `category`: `{}` is not one of {}",
                raw.category,
                CATEGORIES.join(", ")
            ),
        ));
    }
    for cap in &raw.capabilities {
        if !CAPABILITIES.contains(&cap.as_str()) {
            return Err(err(
                "capabilities",
                format!(
                    "key `capabilities`: `{cap}` is not one of {}",
                    CAPABILITIES.join(", ")
                ),
            ));
        }
    }

    let packages = compile_packages(raw.packages, "packages", err)?;
    let imports = compile_imports(raw.imports, "imports", err)?;
    let mut calls = compile_calls(raw.calls, "calls", None, err)?;
    let mut integrations = Vec::new();
    for (n, integration) in raw.integrations.into_iter().enumerate() {
        let key = format!("integrations[{n}]");
        if !valid_id(&integration.framework) {
            return Err(err(
                &integration.framework,
                format!("key `{key}.framework`: not a vendor id"),
            ));
        }
        let via = format!("through {}", integration.framework);
        calls.extend(compile_calls(
            integration.calls,
            &format!("{key}.calls"),
            Some(&via),
            err,
        )?);
        integrations.push(Integration {
            framework: integration.framework,
            packages: compile_packages(integration.packages, &format!("{key}.packages"), err)?,
            imports: compile_imports(integration.imports, &format!("{key}.imports"), err)?,
        });
    }

    let mut endpoints = Vec::new();
    for (n, e) in raw.endpoints.iter().enumerate() {
        endpoints.push(
            compile_host_template(&e.host)
                .map_err(|m| err(&e.host, format!("key `endpoints[{n}].host`: {m}")))?,
        );
    }

    let compile_patterns = |key: &str, list: Vec<raw::RawSecret>, anchored: bool| {
        let mut out = Vec::new();
        for (n, s) in list.into_iter().enumerate() {
            if s.literal.trim().is_empty() {
                return Err(err(
                    &s.pattern,
                    format!("key `{key}[{n}].literal` must not be empty: it feeds the prefilter"),
                ));
            }
            let source = if anchored {
                format!("^(?:{})$", s.pattern)
            } else {
                s.pattern.clone()
            };
            let regex = Regex::new(&source).map_err(|e| {
                err(
                    &s.pattern,
                    format!("key `{key}[{n}].pattern`: invalid regular expression: {e}"),
                )
            })?;
            out.push(PatternRule {
                pattern: s.pattern,
                regex,
                literal: s.literal,
            });
        }
        Ok(out)
    };
    let models = compile_patterns(
        "models",
        raw.models
            .into_iter()
            .map(|m| raw::RawSecret {
                pattern: m.pattern,
                literal: m.literal,
            })
            .collect(),
        true,
    )?;
    let secrets = compile_patterns("secrets", raw.secrets, false)?;

    let mut iac = Vec::new();
    for (n, rule) in raw.iac.into_iter().enumerate() {
        match (rule.resource, rule.image) {
            (Some(glob), None) => {
                let regex = glob_regex(&glob)
                    .map_err(|e| err(&glob, format!("key `iac[{n}].resource`: {e}")))?;
                iac.push(IacRule::Resource {
                    glob,
                    regex,
                    where_: rule.where_,
                });
            }
            (None, Some(image)) if rule.where_.is_empty() => {
                iac.push(IacRule::Image(image.to_ascii_lowercase()))
            }
            _ => {
                return Err(err(
                    "iac",
                    format!(
                        "key `iac[{n}]`: give either `resource` (with optional `where`) or `image`"
                    ),
                ));
            }
        }
    }

    let mut examples = Vec::new();
    for (n, ex) in raw.examples.into_iter().enumerate() {
        for rule in ex.expect.iter().chain(&ex.reject) {
            let kind_ok = rule
                .rsplit_once('.')
                .is_some_and(|(vendor, kind)| valid_id(vendor) && Kind::parse(kind).is_some());
            if !kind_ok {
                return Err(err(
                    rule,
                    format!("key `examples[{n}]`: `{rule}` is not a rule id (`<vendor>.<kind>`)"),
                ));
            }
        }
        examples.push(Example {
            file: ex.file,
            code: ex.code,
            expect: ex.expect,
            reject: ex.reject,
        });
    }

    Ok(VendorPack {
        id: raw.id,
        name: raw.name,
        category: raw.category,
        jurisdiction: raw.jurisdiction,
        capabilities: raw.capabilities,
        substitutes: raw.substitutes,
        routes_through: raw.routes_through,
        website: raw.website,
        source: file.to_string(),
        packages,
        imports,
        calls,
        endpoints,
        env: raw
            .env
            .into_iter()
            .map(|e| e.to_ascii_uppercase())
            .collect(),
        models,
        secrets,
        iac,
        integrations,
        examples,
    })
}

/// Index of a pack in `RuleSet::packs`.
pub type PackIdx = usize;

/// Who a package or import means: a vendor, and the framework it is reached through when it is
/// one of the framework's integration packages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Claim {
    pub pack: PackIdx,
    pub framework: Option<PackIdx>,
}

/// Everything the scanner matches against, compiled once per run.
pub struct RuleSet {
    pub packs: Vec<VendorPack>,
    pub catalog: ModelCatalog,
    pub version: String,
    prefilter: prefilter::Prefilter,
    literals: Vec<String>,
    packages: HashMap<(Ecosystem, String), Claim>,
    go_modules: Vec<(String, Claim)>,
    imports: HashMap<ImportLanguage, Vec<(String, Claim)>>,
    calls: Vec<(PackIdx, usize)>,
    /// Call rules by their first segment; rules starting with a wildcard are in `""`.
    calls_by_root: HashMap<String, Vec<usize>>,
    endpoint_set: RegexSet,
    endpoint_rules: Vec<(PackIdx, usize)>,
    env: HashMap<String, PackIdx>,
    /// Every pack's model patterns in one set, with the pack of each; built on first use.
    pack_models: std::sync::OnceLock<Option<(RegexSet, Vec<PackIdx>)>>,
}

/// The result of matching a host against every pack's endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointMatch {
    pub pack: PackIdx,
    pub region: Option<String>,
}

impl RuleSet {
    /// Loads the built-in packs, then each user directory's `*.yaml`, through the same compiler.
    pub fn load(extra_dirs: &[&Path]) -> Result<RuleSet> {
        let mut sources: Vec<(String, String)> = builtin::BUILTIN_PACKS
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        for dir in extra_dirs {
            let entries = std::fs::read_dir(dir).map_err(|e| Error::RulePack {
                file: dir.display().to_string(),
                line: None,
                message: format!("cannot read rule directory: {e}"),
            })?;
            let mut files: Vec<_> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            files.sort();
            for path in files {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::RulePack {
                    file: path.display().to_string(),
                    line: None,
                    message: format!("cannot read: {e}"),
                })?;
                sources.push((path.display().to_string(), text));
            }
        }
        // Packs compile in parallel, and alongside the model catalog; errors come in file order.
        let (compiled, catalog) = rayon::join(
            || {
                use rayon::prelude::*;
                sources
                    .par_iter()
                    .map(|(file, text)| compile_pack(file, text))
                    .collect::<Vec<Result<VendorPack>>>()
            },
            || ModelCatalog::parse(builtin::MODEL_CATALOG),
        );
        let packs = compiled.into_iter().collect::<Result<Vec<_>>>()?;
        let catalog = catalog.map_err(|message| Error::RulePack {
            file: "rules/models.json".into(),
            line: None,
            message,
        })?;
        let mut version = format!("{}+{}", env!("CARGO_PKG_VERSION"), builtin::RULES_HASH);
        if !extra_dirs.is_empty() {
            version.push_str("+custom");
        }
        RuleSet::build(packs, catalog, version)
    }

    pub fn build(
        packs: Vec<VendorPack>,
        catalog: ModelCatalog,
        version: String,
    ) -> Result<RuleSet> {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for pack in &packs {
            if let Some(first) = seen.insert(&pack.id, &pack.source) {
                return Err(Error::RulePack {
                    file: pack.source.clone(),
                    line: Some(1),
                    message: format!(
                        "key `id`: vendor `{}` is already defined in {first}",
                        pack.id
                    ),
                });
            }
        }

        let mut literals: BTreeSet<String> = BTreeSet::new();
        fn add_to(literals: &mut BTreeSet<String>, s: &str) {
            let s = s.trim();
            if s.len() >= 4 && !catalog::is_generic(s) {
                literals.insert(s.to_ascii_lowercase());
            }
        }
        let mut packages = HashMap::new();
        let mut go_modules = Vec::new();
        let mut imports: HashMap<ImportLanguage, Vec<(String, Claim)>> = HashMap::new();
        let mut calls = Vec::new();
        let mut endpoint_patterns = Vec::new();
        let mut endpoint_rules = Vec::new();
        let mut env = HashMap::new();
        for (idx, pack) in packs.iter().enumerate() {
            let own = std::iter::once((&pack.packages, &pack.imports, None));
            let integrations = pack.integrations.iter().map(|i| {
                let framework = packs.iter().position(|p| p.id == i.framework);
                (
                    &i.packages,
                    &i.imports,
                    Some((i.framework.as_str(), framework)),
                )
            });
            for (pack_packages, pack_imports, framework) in own.chain(integrations) {
                let framework = match framework {
                    None => None,
                    Some((_, Some(f))) => Some(f),
                    Some((name, None)) => {
                        return Err(Error::RulePack {
                            file: pack.source.clone(),
                            line: None,
                            message: format!(
                                "key `integrations`: framework `{name}` has no vendor pack"
                            ),
                        });
                    }
                };
                let claim = Claim {
                    pack: idx,
                    framework,
                };
                for (eco, names) in pack_packages {
                    for name in names {
                        let key = eco.normalize(name);
                        match eco {
                            Ecosystem::Maven => {
                                // `com.theokanning…:service`: the artifact alone is too common a word.
                                let (group, artifact) =
                                    name.split_once(':').unwrap_or((name, name));
                                let probe = if catalog::is_generic(artifact) {
                                    group
                                } else {
                                    artifact
                                };
                                add_to(&mut literals, probe)
                            }
                            Ecosystem::Go => go_modules.push((key.clone(), claim)),
                            _ => {}
                        }
                        if name.len() < 4 {
                            // Short names ("ai") are only searched for quoted, as manifests write them.
                            literals.insert(format!("\"{}\"", name.to_ascii_lowercase()));
                            literals.insert(format!("'{}'", name.to_ascii_lowercase()));
                        } else {
                            add_to(&mut literals, name);
                        }
                        packages.insert((*eco, key), claim);
                    }
                }
                for (lang, paths) in pack_imports {
                    for path in paths {
                        let probe = match lang {
                            // Python and C# import lines spell the root (`from haystack.dataclasses
                            // import X`) but not always the full path (`from google import genai`):
                            // the root when it is distinctive, else the last segment.
                            ImportLanguage::Python | ImportLanguage::CSharp => {
                                let root = path.split('.').next().unwrap_or(path);
                                let last = path.rsplit('.').next().unwrap_or(path);
                                if root.len() >= 4 && !catalog::is_generic(root) {
                                    root
                                } else if last.len() >= 4 && !catalog::is_generic(last) {
                                    last
                                } else {
                                    path.as_str()
                                }
                            }
                            ImportLanguage::Rust => path.split('.').next().unwrap_or(path),
                            _ => path.as_str(),
                        };
                        if probe.len() < 4 || catalog::is_generic(probe) {
                            let p = probe.to_ascii_lowercase();
                            literals.insert(format!("\"{p}\""));
                            literals.insert(format!("'{p}'"));
                            literals.insert(format!("import {p}"));
                            literals.insert(format!("from {p} "));
                            literals.insert(format!("using {p}"));
                        } else {
                            add_to(&mut literals, probe);
                        }
                        imports
                            .entry(*lang)
                            .or_default()
                            .push((path.clone(), claim));
                    }
                }
            }
            for n in 0..pack.calls.len() {
                calls.push((idx, n));
            }
            for (n, e) in pack.endpoints.iter().enumerate() {
                add_to(&mut literals, &e.literal);
                endpoint_patterns.push(e.regex.as_str().to_string());
                endpoint_rules.push((idx, n));
            }
            for name in &pack.env {
                add_to(&mut literals, name);
                env.entry(name.clone()).or_insert(idx);
            }
            for m in &pack.models {
                add_to(&mut literals, &m.literal);
            }
            for s in &pack.secrets {
                add_to(&mut literals, &s.literal);
            }
            for rule in &pack.iac {
                match rule {
                    IacRule::Resource { glob, .. } => {
                        add_to(&mut literals, glob.split('*').next().unwrap_or(glob))
                    }
                    IacRule::Image(image) => add_to(&mut literals, image),
                }
            }
        }
        // Files with inline suppressions are read, so unused ones can be reported.
        literals.insert(crate::detect::SUPPRESSION_MARKER.to_string());
        for stem in catalog.prefilter_stems() {
            add_to(&mut literals, &stem);
        }
        let literals: Vec<String> = literals.into_iter().collect();
        let prefilter = prefilter::Prefilter::new(&literals).map_err(|e| Error::RulePack {
            file: "rules".into(),
            line: None,
            message: format!("cannot build the literal prefilter: {e}"),
        })?;
        let endpoint_set = RegexSet::new(&endpoint_patterns).map_err(|e| Error::RulePack {
            file: "rules".into(),
            line: None,
            message: format!("cannot combine endpoint patterns: {e}"),
        })?;
        // Longer module paths first, so the most specific import wins.
        go_modules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        for list in imports.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        }
        let mut calls_by_root: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, &(idx, n)) in calls.iter().enumerate() {
            let root = match packs[idx].calls[n].pattern.first() {
                Some(Segment::Literal(l)) => l.clone(),
                _ => String::new(),
            };
            calls_by_root.entry(root).or_default().push(i);
        }
        Ok(RuleSet {
            calls_by_root,
            packs,
            catalog,
            version,
            prefilter,
            literals,
            packages,
            go_modules,
            imports,
            calls,
            endpoint_set,
            endpoint_rules,
            env,
            pack_models: std::sync::OnceLock::new(),
        })
    }

    /// Every literal the prefilter searches for (what `rg -F -f` is given in the benchmark).
    pub fn literals(&self) -> &[String] {
        &self.literals
    }

    /// True when the text contains at least one literal of any pack: otherwise it is never parsed.
    pub fn prefilter_hit(&self, bytes: &[u8]) -> bool {
        self.prefilter.is_match(bytes)
    }

    /// The first pack (in pack order) with a model pattern matching `value`: one set match over
    /// every pack's patterns, not each pattern in turn.
    pub fn pack_with_model(&self, value: &str) -> Option<PackIdx> {
        let set = self.pack_models.get_or_init(|| {
            let owners = (0..self.packs.len())
                .flat_map(|i| std::iter::repeat_n(i, self.packs[i].models.len()))
                .collect();
            let patterns = self.packs.iter().flat_map(|p| &p.models);
            RegexSet::new(patterns.map(|m| m.regex.as_str()))
                .ok()
                .map(|set| (set, owners))
        });
        match set {
            Some((set, owners)) => set.matches(value).iter().next().map(|n| owners[n]),
            // a set too large to build: each pattern in turn
            None => self
                .packs
                .iter()
                .position(|p| p.models.iter().any(|m| m.regex.is_match(value))),
        }
    }

    pub fn pack(&self, idx: PackIdx) -> &VendorPack {
        &self.packs[idx]
    }

    pub fn pack_by_id(&self, id: &str) -> Option<PackIdx> {
        self.packs.iter().position(|p| p.id == id)
    }

    pub fn match_package(&self, eco: Ecosystem, name: &str) -> Option<Claim> {
        let key = eco.normalize(name);
        if eco == Ecosystem::Go {
            return self
                .go_modules
                .iter()
                .find(|(m, _)| key == *m || key.starts_with(&format!("{m}/")))
                .map(|(_, idx)| *idx);
        }
        self.packages.get(&(eco, key)).copied()
    }

    pub fn match_import(&self, lang: ImportLanguage, module: &str) -> Option<Claim> {
        self.imports
            .get(&lang)?
            .iter()
            .find(|(entry, _)| lang.module_within(entry, module))
            .map(|(_, idx)| *idx)
    }

    /// Every call rule whose pattern matches the qualified name, in pack order.
    pub fn match_calls<'a>(
        &'a self,
        name: &'a [String],
    ) -> impl Iterator<Item = (PackIdx, &'a CallRule)> + 'a {
        let by_root = name
            .first()
            .and_then(|r| self.calls_by_root.get(r))
            .into_iter()
            .flatten();
        let wildcard = self.calls_by_root.get("").into_iter().flatten();
        let mut candidates: Vec<usize> = by_root.chain(wildcard).copied().collect();
        candidates.sort_unstable();
        candidates.into_iter().filter_map(move |i| {
            let (idx, n) = self.calls[i];
            let rule = &self.packs[idx].calls[n];
            qname::matches(&rule.pattern, name).then_some((idx, rule))
        })
    }

    /// Matches a host (optionally with `:port`) against every endpoint template.
    pub fn match_host(&self, host_port: &str) -> Option<EndpointMatch> {
        let host_port = host_port.to_ascii_lowercase();
        let host = host_port.split(':').next().unwrap_or(&host_port);
        let mut best: Option<(usize, EndpointMatch)> = None;
        let with_port_hits = self.endpoint_set.matches(&host_port);
        let host_hits = self.endpoint_set.matches(host);
        for i in 0..self.endpoint_rules.len() {
            let (idx, n) = self.endpoint_rules[i];
            let rule = &self.packs[idx].endpoints[n];
            let subject = if rule.with_port {
                if !with_port_hits.matched(i) {
                    continue;
                }
                host_port.as_str()
            } else {
                if !host_hits.matched(i) {
                    continue;
                }
                host
            };
            // The most specific template (longest literal) wins: `openai.azure.com` over `azure.com`.
            let score = rule.literal.len();
            if best.as_ref().is_some_and(|(s, _)| *s >= score) {
                continue;
            }
            let region = rule
                .regex
                .captures(subject)
                .and_then(|c| c.name("region").map(|m| m.as_str().to_string()));
            best = Some((score, EndpointMatch { pack: idx, region }));
        }
        best.map(|(_, m)| m)
    }

    pub fn match_env(&self, name: &str) -> Option<PackIdx> {
        if name.bytes().any(|b| b.is_ascii_lowercase()) {
            self.env.get(&name.to_ascii_uppercase()).copied()
        } else {
            self.env.get(name).copied()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_templates_capture_regions() {
        let rule = compile_host_template("bedrock-runtime.{region}.amazonaws.com").unwrap();
        let caps = rule
            .regex
            .captures("bedrock-runtime.eu-central-1.amazonaws.com")
            .unwrap();
        assert_eq!(&caps["region"], "eu-central-1");
        assert_eq!(rule.literal, "bedrock-runtime");
        assert!(!rule.regex.is_match("bedrock-runtime.amazonaws.com.evil.io"));
        assert!(compile_host_template("a{b}").is_err());
    }

    #[test]
    fn pypi_names_normalize() {
        assert_eq!(
            Ecosystem::Pypi.normalize("Google_GenerativeAI"),
            "google-generativeai"
        );
        assert_eq!(Ecosystem::Pypi.normalize("llama.index"), "llama-index");
    }

    #[test]
    fn module_within_respects_segments() {
        let py = ImportLanguage::Python;
        assert!(py.module_within("openai", "openai.types.chat"));
        assert!(!py.module_within("openai", "openai_helper"));
        let js = ImportLanguage::JavaScript;
        assert!(js.module_within("@ai-sdk/openai", "@ai-sdk/openai"));
        assert!(!js.module_within("ai", "ai-utils"));
        let go = ImportLanguage::Go;
        assert!(go.module_within(
            "github.com/openai/openai-go",
            "github.com/openai/openai-go/v2/option"
        ));
    }

    #[test]
    fn unknown_keys_name_the_file_and_line() {
        let text = "id: x\nname: X\ncategory: llm-api\njurisdiction: US\nfrobnicate: 1\n";
        let err = compile_pack("mine.yaml", text).unwrap_err().to_string();
        assert!(err.starts_with("mine.yaml:5:"), "{err}");
        assert!(err.contains("frobnicate"), "{err}");
    }

    #[test]
    fn bad_regex_names_the_key() {
        let text = "id: x\nname: X\ncategory: llm-api\njurisdiction: US\nsecrets:\n  - pattern: 'sk-[a-z'\n    literal: sk-\n";
        let err = compile_pack("mine.yaml", text).unwrap_err().to_string();
        assert!(err.contains("secrets[0].pattern"), "{err}");
        assert!(err.starts_with("mine.yaml:6:"), "{err}");
    }
}
