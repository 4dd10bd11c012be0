//! Facts → findings for one file: every rule of every pack applied in one pass over the facts the
//! file's parser produced. Also what later stages need from the file: environment values set in
//! configuration, and base-URL redirects of OpenAI-compatible clients still to be resolved.

use crate::config_file::{self, ConfigFacts, ConfigKind};
use crate::facts::{ArgValue, Pos, SourceFacts};
use crate::finding::{Confidence, Diagnostic, Finding, Kind, Scope};
use crate::lang::{self, Language};
use crate::manifest::{self, ManifestKind};
use crate::notebook;
use crate::redact::Redactor;
use crate::rules::{ArgSelector, IacRule, PackIdx, RuleSet};
use std::collections::HashSet;

/// Where a redirected client's base URL comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum BaseUrl {
    Literal(String),
    Env(String),
}

/// An OpenAI-compatible (or similar) client whose base URL may point at another vendor.
#[derive(Debug, Clone, PartialEq)]
pub struct Redirect {
    pub client_pack: PackIdx,
    /// The module the client comes from; only findings under it move to the real vendor.
    pub client_module: String,
    pub base_url: BaseUrl,
    pub line: u32,
}

/// An environment variable's value as the repository sets it (.env, Helm values, manifests).
#[derive(Debug, Clone, PartialEq)]
pub struct EnvValue {
    pub name: String,
    pub value: String,
    pub file: String,
    pub line: u32,
}

#[derive(Debug, Default, Clone)]
pub struct FileOutput {
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    pub env_values: Vec<EnvValue>,
    pub redirects: Vec<Redirect>,
    /// The package this manifest declares itself to be.
    pub own_name: Option<(crate::rules::Ecosystem, String)>,
    /// Where this manifest points at other packages (for the component graph).
    pub links: Vec<manifest::Link>,
    /// Lines of test code inside this file, whatever its path says.
    pub test_lines: Vec<std::ops::RangeInclusive<u32>>,
}

/// How a file is read, decided by its name alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Manifest(ManifestKind),
    Notebook,
    Config(ConfigKind),
    Source(Language),
    /// Anything else: only secrets are looked for.
    Other,
}

impl FileType {
    pub fn of(file_name: &str) -> FileType {
        if let Some(kind) = ManifestKind::from_file_name(file_name) {
            return FileType::Manifest(kind);
        }
        if file_name.to_ascii_lowercase().ends_with(".ipynb") {
            return FileType::Notebook;
        }
        if let Some(lang) = Language::from_path(file_name) {
            return FileType::Source(lang);
        }
        if let Some(kind) = ConfigKind::from_file_name(file_name) {
            return FileType::Config(kind);
        }
        FileType::Other
    }

    /// Source, manifest, notebook or configuration: worth a diagnostic when skipped.
    pub fn is_known(self) -> bool {
        self != FileType::Other
    }
}

/// Keys that hold a model id: `model`, `model_name`, `modelId`, `DefaultModel`, `embedding_model`,
/// `deployment_name`, `spring.ai.openai.chat.options.model`; not `ls_model_type` or `model_path`.
fn is_model_key(key: &str) -> bool {
    let last = key.rsplit('.').next().unwrap_or(key);
    let k: String = last
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "model",
        "models",
        "modelname",
        "modelid",
        "modelids",
        "deployment",
        "deploymentname",
        "deploymentid",
        "engine",
        "llm",
    ]
    .iter()
    .any(|suffix| k.ends_with(suffix))
        || (key.contains('.') && key.to_ascii_lowercase().starts_with("model."))
}

/// Ids that only count where a model is expected: plain words like "command" or "sonar".
fn is_ambiguous_model(id: &str) -> bool {
    !id.bytes()
        .any(|b| b.is_ascii_digit() || matches!(b, b'-' | b':' | b'/' | b'.'))
}

/// Hosts in a string: every `scheme://host[:port]`, or the whole string when it is a bare host.
pub fn hosts_in(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(i) = rest.find("://") {
        let after = &rest[i + 3..];
        let end = after
            .find(|c: char| {
                !(c.is_ascii_alphanumeric()
                    || matches!(c, '.' | '-' | ':' | '_' | '@' | '{' | '}' | '$'))
            })
            .unwrap_or(after.len());
        let authority = &after[..end];
        let host = authority.rsplit('@').next().unwrap_or(authority);
        if !host.is_empty() {
            out.push(host.to_ascii_lowercase());
        }
        rest = &after[end..];
    }
    if out.is_empty() {
        let v = value.trim();
        let looks_like_host = v.len() >= 4
            && v.len() <= 253
            && v.contains('.')
            && !v.starts_with('.')
            && v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
            && v.split(':').next().is_some_and(|h| {
                h.rsplit('.').next().is_some_and(|tld| {
                    tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
                })
            });
        if looks_like_host {
            out.push(v.to_ascii_lowercase());
        }
    }
    out
}

struct Collector<'a> {
    rules: &'a RuleSet,
    redactor: &'a Redactor,
    path: &'a str,
    lines: Vec<&'a str>,
    out: FileOutput,
    seen: HashSet<(PackIdx, Kind, u32, u32)>,
}

impl<'a> Collector<'a> {
    fn evidence(&self, line: u32, column: u32) -> String {
        let text = self
            .lines
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("");
        let trimmed = text.trim();
        if trimmed.chars().count() <= 200 {
            return self.redactor.redact(trimmed);
        }
        // A long (minified, generated) line: show the window around the finding. Redact the whole
        // line first, so a key cut by the window's edge is never half-shown.
        let redacted = self.redactor.redact(text);
        let skip = (column as usize).saturating_sub(60);
        let window: String = redacted.chars().skip(skip).take(200).collect();
        format!("{}{}…", if skip > 0 { "…" } else { "" }, window.trim())
    }

    fn push(
        &mut self,
        pack: PackIdx,
        kind: Kind,
        pos: Pos,
        confidence: Confidence,
    ) -> Option<&mut Finding> {
        // One finding per vendor, kind and position: chained calls share their start.
        if !self.seen.insert((pack, kind, pos.line, pos.column)) {
            return None;
        }
        let vendor = self.rules.pack(pack).id.clone();
        self.out.findings.push(Finding {
            id: String::new(),
            rule: format!("{vendor}.{kind}"),
            vendor,
            kind,
            file: self.path.to_string(),
            line: pos.line,
            column: pos.column,
            evidence: self.evidence(pos.line, pos.column),
            component: String::new(),
            scope: Scope::Product,
            confidence,
            model: None,
            family: None,
            host: None,
            region: None,
            package: None,
            env: None,
            capability: None,
            proprietary: false,
            via: None,
            repository: None,
            suppressed: None,
        });
        self.out.findings.last_mut()
    }

    /// A package or import: the vendor it means and, for a framework's integration package
    /// (`@ai-sdk/groq`), the framework as well.
    fn push_claim(
        &mut self,
        claim: crate::rules::Claim,
        kind: Kind,
        pos: Pos,
        confidence: Confidence,
        package: &str,
    ) {
        let via = claim
            .framework
            .map(|f| format!("through {}", self.rules.pack(f).id));
        if let Some(f) = self.push(claim.pack, kind, pos, confidence) {
            f.package = Some(package.to_string());
            f.via = via;
        }
        if let Some(framework) = claim.framework
            && let Some(f) = self.push(framework, kind, pos, confidence)
        {
            f.package = Some(package.to_string());
        }
    }

    fn endpoint(&mut self, value: &str, pos: Pos, confidence: Confidence) {
        for host in hosts_in(value) {
            if let Some(m) = self.rules.match_host(&host)
                && let Some(f) = self.push(m.pack, Kind::Endpoint, pos, confidence)
            {
                f.host = Some(host.split(':').next().unwrap_or(&host).to_string());
                f.region = m.region;
            }
        }
    }

    fn model(&mut self, value: &str, pos: Pos, in_model_context: bool, ceiling: Confidence) {
        let value = value.trim();
        if value.is_empty() || value.len() > 160 {
            return;
        }
        let file_vendors: Vec<&str> = self
            .out
            .findings
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    Kind::SdkImport | Kind::SdkCall | Kind::ManifestDependency | Kind::IacResource
                )
            })
            .map(|f| f.vendor.as_str())
            .collect();
        let hit = self.rules.catalog.lookup_preferring(value, &file_vendors);
        let (vendor_id, family, fine_tuned) = match &hit {
            Some(h) => {
                // A vendor whose SDK this file uses and whose pack claims the id serves it.
                let own = file_vendors.iter().find(|v| {
                    **v != h.vendor
                        && h.prefix.is_none()
                        && self.rules.pack_by_id(v).is_some_and(|p| {
                            self.rules
                                .pack(p)
                                .models
                                .iter()
                                .any(|m| m.regex.is_match(value))
                        })
                });
                (
                    own.map_or(h.vendor.clone(), |v| v.to_string()),
                    h.family.clone(),
                    h.fine_tuned,
                )
            }
            None => {
                let Some(pack) = self.rules.pack_with_model(value) else {
                    return;
                };
                (self.rules.pack(pack).id.clone(), None, false)
            }
        };
        if is_ambiguous_model(value)
            && (!in_model_context
                || crate::rules::catalog::is_generic(value)
                || value.bytes().any(|b| b.is_ascii_uppercase()))
        {
            return; // "chat", "fast", "Sonar": words, unless spelt as an id where a model goes
        }
        // Display names ("GPT-4o") are not ids; ids are spelt as the vendor spells them.
        // A pack's own pattern (`ERNIE-4.0-8K`, `MiniMax-M1`) is how that vendor spells them.
        let pack_spelling = self.rules.pack_with_model(value).is_some();
        if value.bytes().any(|b| b.is_ascii_uppercase())
            && !value.contains(['/', ':'])
            && !pack_spelling
        {
            let exact = hit
                .as_ref()
                .and_then(|h| h.entry)
                .is_some_and(|i| self.rules.catalog.entry(i).id.ends_with(value));
            if !exact {
                return;
            }
        }
        let confidence = if in_model_context {
            Confidence::High.min(ceiling)
        } else {
            Confidence::Low
        };
        let Some(pack) = self.rules.pack_by_id(&vendor_id) else {
            // A catalog vendor without a pack is still reported, under its catalog id.
            self.push_unpacked_model(&vendor_id, value, family, pos, confidence);
            return;
        };
        if let Some(f) = self.push(pack, Kind::ModelName, pos, confidence) {
            f.model = Some(value.to_string());
            f.family = family;
            if fine_tuned {
                f.proprietary = true;
                f.capability = Some("fine-tuning".into());
            }
        }
    }

    fn push_unpacked_model(
        &mut self,
        vendor: &str,
        value: &str,
        family: Option<String>,
        pos: Pos,
        confidence: Confidence,
    ) {
        let evidence = self.evidence(pos.line, pos.column);
        self.out.findings.push(Finding {
            id: String::new(),
            rule: format!("{vendor}.model-name"),
            vendor: vendor.to_string(),
            kind: Kind::ModelName,
            file: self.path.to_string(),
            line: pos.line,
            column: pos.column,
            evidence,
            component: String::new(),
            scope: Scope::Product,
            confidence,
            model: Some(value.to_string()),
            family,
            host: None,
            region: None,
            package: None,
            env: None,
            capability: None,
            proprietary: false,
            via: None,
            repository: None,
            suppressed: None,
        });
    }

    fn env_var(&mut self, name: &str, pos: Pos, confidence: Confidence) {
        if let Some(pack) = self.rules.match_env(name)
            && let Some(f) = self.push(pack, Kind::EnvVar, pos, confidence)
        {
            f.env = Some(name.to_string());
        }
    }

    fn secrets(&mut self, text: &str, comments: &[std::ops::Range<usize>]) {
        for (idx, pack) in self.rules.packs.iter().enumerate() {
            for rule in &pack.secrets {
                if !text.contains(rule.literal.as_str()) {
                    continue;
                }
                for m in rule.regex.find_iter(text) {
                    // Inside a longer token (base64, a hash) it is not a key of this shape.
                    let glued = |c: Option<char>| {
                        c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/')
                    };
                    if glued(text[..m.start()].chars().next_back())
                        || glued(text[m.end()..].chars().next())
                    {
                        continue;
                    }
                    let before = &text[..m.start()];
                    let line = before.matches('\n').count() as u32 + 1;
                    let column = (m.start() - before.rfind('\n').map_or(0, |n| n + 1)) as u32 + 1;
                    let in_comment = comments.iter().any(|r| r.contains(&m.start()));
                    let confidence = if in_comment {
                        Confidence::Medium
                    } else {
                        Confidence::High
                    };
                    self.push(idx, Kind::Secret, Pos { line, column }, confidence);
                }
            }
        }
    }

    fn source(&mut self, lang: Language, facts: &SourceFacts) {
        let ceiling = if lang.is_parsed() {
            Confidence::High
        } else {
            Confidence::Medium
        };
        let import_lang = lang.import_language();
        for import in &facts.imports {
            // `from anthropic import AnthropicBedrock` imports a client that reaches Bedrock.
            let name = crate::rules::qname::split(&import.module.replace("::", "."));
            let routed = self
                .rules
                .match_calls(&name)
                .find(|(_, rule)| rule.via.is_some())
                .map(|(pack, rule)| (pack, rule.via.clone()));
            match routed {
                Some((pack, via)) => {
                    // An integration's class (`from langchain_openai import ChatOpenAI`) is a
                    // dependency on the framework too.
                    let framework = via
                        .as_deref()
                        .and_then(|v| v.strip_prefix("through "))
                        .and_then(|id| self.rules.pack_by_id(id));
                    if let Some(f) = self.push(pack, Kind::SdkImport, import.pos, ceiling) {
                        f.package = Some(import.module.clone());
                        f.via = via;
                    }
                    if let Some(fw) = framework
                        && let Some(f) = self.push(fw, Kind::SdkImport, import.pos, ceiling)
                    {
                        f.package = Some(import.module.clone());
                    }
                }
                None => {
                    if let Some(claim) = self.rules.match_import(import_lang, &import.module) {
                        self.push_claim(
                            claim,
                            Kind::SdkImport,
                            import.pos,
                            ceiling,
                            &import.module,
                        );
                    }
                }
            }
        }
        let mut vendor_calls = vec![false; facts.calls.len()];
        for (ci, call) in facts.calls.iter().enumerate() {
            if !call.resolved {
                continue;
            }
            let mut packs_done: Vec<PackIdx> = Vec::new();
            for (pack, rule) in self.rules.match_calls(&call.name) {
                vendor_calls[ci] = true;
                for selector in &rule.base_url {
                    let arg = match selector {
                        ArgSelector::Name(n) => call
                            .args
                            .iter()
                            .find(|a| a.name.as_deref() == Some(n.as_str())),
                        ArgSelector::Position(i) => {
                            call.args.iter().filter(|a| a.name.is_none()).nth(*i)
                        }
                    };
                    let base_url = match arg.map(|a| &a.value) {
                        Some(ArgValue::Str(s)) => BaseUrl::Literal(s.clone()),
                        Some(ArgValue::Env(e)) => BaseUrl::Env(e.clone()),
                        _ => continue,
                    };
                    let joined = call.name.join(".");
                    let client_module = self
                        .rules
                        .pack(pack)
                        .imports
                        .values()
                        .flatten()
                        .filter(|m| joined.starts_with(m.as_str()))
                        .max_by_key(|m| m.len())
                        .cloned()
                        .unwrap_or_else(|| call.name[0].clone());
                    self.out.redirects.push(Redirect {
                        client_pack: pack,
                        client_module,
                        base_url,
                        line: call.pos.line,
                    });
                }
                if packs_done.contains(&pack) {
                    continue;
                }
                packs_done.push(pack);
                if !rule.base_url.is_empty()
                    && rule.capability.is_none()
                    && !rule.client
                    && rule.via.is_none()
                {
                    continue; // a setter only (base URL), not a call site of its own
                }
                if let Some(f) = self.push(pack, Kind::SdkCall, call.pos, ceiling) {
                    f.capability = rule.capability.clone();
                    f.proprietary = rule.proprietary;
                    f.via = rule.via.clone();
                    f.package = Some(call.name.join("."));
                }
            }
        }
        for read in &facts.env_reads {
            self.env_var(&read.name, read.pos, ceiling);
        }
        let read_lines: HashSet<(u32, &str)> = facts
            .env_reads
            .iter()
            .map(|r| (r.pos.line, r.name.as_str()))
            .collect();
        for s in &facts.strings {
            if s.value.is_empty() || s.value.len() > 2048 {
                continue;
            }
            self.endpoint(&s.value, s.pos, ceiling);
            // `WithModel("…")`, `embedding_model("…")`, `GenerativeModel("…")`
            let model_call = s.call.is_some_and(|c| {
                facts.calls[c]
                    .name
                    .last()
                    .is_some_and(|n| n.to_ascii_lowercase().contains("model"))
            });
            let model_context = s.key.as_deref().is_some_and(is_model_key)
                || model_call
                || s.call
                    .is_some_and(|c| vendor_calls[c] && s.key.as_deref().is_none_or(is_model_key));
            self.model(&s.value, s.pos, model_context, ceiling);
            if s.value.len() >= 6
                && s.value
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                && !read_lines.contains(&(s.pos.line, s.value.as_str()))
            {
                self.env_var(&s.value, s.pos, Confidence::Medium.min(ceiling));
            }
        }
    }

    fn config(&mut self, kind: ConfigKind, facts: &ConfigFacts) {
        for (image, pos) in &facts.images {
            let repo = image_repository(image);
            for (idx, pack) in self.rules.packs.iter().enumerate() {
                let hit = pack.iac.iter().any(|r| matches!(r, IacRule::Image(i) if repo == *i || repo.ends_with(&format!("/{i}"))));
                if hit && let Some(f) = self.push(idx, Kind::IacResource, *pos, Confidence::High) {
                    f.package = Some(image.clone());
                }
            }
        }
        for block in &facts.blocks {
            for (idx, pack) in self.rules.packs.iter().enumerate() {
                let hit = pack.iac.iter().any(|r| match r {
                    IacRule::Resource { regex, where_, .. } => {
                        regex.is_match(&block.resource_type)
                            && where_.iter().all(|(k, v)| {
                                block
                                    .attrs
                                    .get(k)
                                    .is_some_and(|a| a.eq_ignore_ascii_case(v))
                            })
                    }
                    IacRule::Image(_) => false,
                });
                if hit
                    && let Some(f) = self.push(idx, Kind::IacResource, block.pos, Confidence::High)
                {
                    f.package = Some(block.resource_type.clone());
                    f.region = ["location", "region"]
                        .iter()
                        .find_map(|k| block.attrs.get(*k))
                        .filter(|v| !v.starts_with("var.") && !v.contains("${"))
                        .cloned();
                }
            }
        }
        for entry in &facts.entries {
            let normalized: String = entry
                .key
                .chars()
                .map(|c| {
                    if c == '.' || c == '-' {
                        '_'
                    } else {
                        c.to_ascii_uppercase()
                    }
                })
                .collect();
            self.env_var(&normalized, entry.key_pos, Confidence::High);
            if matches!(
                entry.key.as_str(),
                "name" | "key" | "env" | "secretKey" | "envVar"
            ) {
                self.env_var(&entry.value, entry.pos, Confidence::High);
            }
            if entry.value.is_empty() {
                continue;
            }
            self.endpoint(&entry.value, entry.pos, Confidence::High);
            // Container images are not model ids, whatever their name says.
            if !matches!(entry.key.as_str(), "image" | "repository") {
                let context = is_model_key(&entry.key) || is_model_list(&facts.entries, entry);
                self.model(&entry.value, entry.pos, context, Confidence::High);
            }
            let env_like = kind == ConfigKind::Env
                || entry
                    .key
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
            if env_like {
                self.out.env_values.push(EnvValue {
                    name: entry.key.clone(),
                    value: entry.value.clone(),
                    file: self.path.to_string(),
                    line: entry.pos.line,
                });
            }
        }
        for read in &facts.env_refs {
            self.env_var(&read.name, read.pos, Confidence::High);
        }
    }
}

/// `ollama pull llama3.1:8b` in a manifest's command list: the model is the pulled argument.
fn is_model_list(entries: &[config_file::Entry], entry: &config_file::Entry) -> bool {
    let idx = entries
        .iter()
        .position(|e| std::ptr::eq(e, entry))
        .unwrap_or(0);
    idx >= 1
        && matches!(entries[idx - 1].value.as_str(), "pull" | "run")
        && entries[idx - 1].key == entry.key
}

/// `docker.io/library/ollama:tag@sha256:…` → `ollama`; `ghcr.io/berriai/litellm:main` → `ghcr.io/berriai/litellm`.
fn image_repository(image: &str) -> String {
    let image = image.trim().to_ascii_lowercase();
    let no_digest = image.split('@').next().unwrap_or(&image);
    let no_tag = match no_digest.rfind(':') {
        Some(i) if !no_digest[i..].contains('/') => &no_digest[..i],
        _ => no_digest,
    };
    no_tag
        .trim_start_matches("docker.io/")
        .trim_start_matches("index.docker.io/")
        .trim_start_matches("library/")
        .to_string()
}

/// Analyses one file's text. `file_name` decides how it is read.
pub fn analyze(rules: &RuleSet, redactor: &Redactor, path: &str, text: &str) -> FileOutput {
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let mut c = Collector {
        rules,
        redactor,
        path,
        lines: text.lines().collect(),
        out: FileOutput::default(),
        seen: HashSet::new(),
    };
    let mut comments = Vec::new();
    if let FileType::Manifest(kind) = FileType::of(file_name) {
        c.out.own_name = manifest::own_name(kind, text);
        c.out.links = manifest::links(kind, text);
    }
    match FileType::of(file_name) {
        FileType::Manifest(kind) => match manifest::dependencies(kind, text) {
            Ok(deps) => {
                for dep in deps {
                    if let Some(claim) = rules.match_package(dep.ecosystem, &dep.name) {
                        c.push_claim(
                            claim,
                            Kind::ManifestDependency,
                            dep.pos,
                            Confidence::High,
                            &dep.name,
                        );
                    }
                }
                // setup.py is code as well as a manifest
                if kind == ManifestKind::SetupPy
                    && let Ok(facts) = lang::extract(Language::Python, text)
                {
                    c.source(Language::Python, &facts);
                }
            }
            Err(message) => c.out.diagnostics.push(Diagnostic::new(
                "bad-manifest",
                path,
                line_of(&message),
                message,
            )),
        },
        FileType::Notebook => match notebook::code(text) {
            Ok(program) => match lang::extract(Language::Python, &program.code) {
                Ok(mut facts) => {
                    facts.remap_lines(|l| program.map_line(l));
                    c.source(Language::Python, &facts);
                }
                Err(message) => {
                    c.out
                        .diagnostics
                        .push(Diagnostic::new("parse-error", path, None, message))
                }
            },
            Err(message) => c.out.diagnostics.push(Diagnostic::new(
                "bad-notebook",
                path,
                line_of(&message),
                message,
            )),
        },
        FileType::Config(kind) => {
            let facts = config_file::extract(kind, text);
            c.config(kind, &facts);
        }
        FileType::Source(lang) => match lang::extract(lang, text) {
            Ok(facts) => {
                c.source(lang, &facts);
                comments = facts.comments;
                c.out.test_lines = facts.test_lines;
            }
            Err(message) => c.out.diagnostics.push(Diagnostic::new(
                "parse-error",
                path,
                line_of(&message),
                message,
            )),
        },
        FileType::Other => {}
    }
    c.secrets(text, &comments);
    apply_suppressions(&mut c.out, path, text);
    c.out
}

/// An inline suppression: `aidep:ignore <vendor-or-rule> -- <reason>` in a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub line: u32,
    pub target: String,
    pub reason: Option<String>,
    pub used: bool,
}

pub const SUPPRESSION_MARKER: &str = "aidep:ignore";

pub fn suppressions_in(text: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    if !text.contains(SUPPRESSION_MARKER) {
        return out;
    }
    for (n, line) in text.lines().enumerate() {
        let Some(i) = line.find(SUPPRESSION_MARKER) else {
            continue;
        };
        let rest = line[i + SUPPRESSION_MARKER.len()..].trim();
        let (target, reason) = match rest.split_once("--") {
            Some((t, r)) => (
                t.trim(),
                Some(
                    r.trim()
                        .trim_end_matches("*/")
                        .trim_end_matches("-->")
                        .trim(),
                ),
            ),
            None => (rest.trim_end_matches("*/").trim(), None),
        };
        let target = target.split_whitespace().next().unwrap_or("").to_string();
        out.push(Suppression {
            line: n as u32 + 1,
            target,
            reason: reason.filter(|r| !r.is_empty()).map(str::to_string),
            used: false,
        });
    }
    out
}

/// Marks findings silenced by a suppression on their line or the line above; a suppression
/// without a reason silences nothing and is reported, as is one that silences nothing.
fn apply_suppressions(out: &mut FileOutput, path: &str, text: &str) {
    let mut list = suppressions_in(text);
    if list.is_empty() {
        return;
    }
    for f in &mut out.findings {
        for s in list.iter_mut() {
            let near = s.line == f.line || s.line + 1 == f.line;
            let matches = s.target == f.vendor || s.target == f.rule || s.target == "all";
            if near && matches {
                s.used = true;
                if let Some(reason) = &s.reason {
                    f.suppressed = Some(reason.clone());
                }
            }
        }
    }
    for s in list {
        if s.reason.is_none() {
            out.diagnostics.push(Diagnostic::new(
                "suppression-without-reason",
                path,
                Some(s.line),
                format!(
                    "`aidep:ignore {}` has no `-- reason`: it silences nothing",
                    s.target
                ),
            ));
        } else if !s.used {
            out.diagnostics.push(Diagnostic::new(
                "unused-suppression",
                path,
                Some(s.line),
                format!(
                    "`aidep:ignore {}` matches no finding on this line or the next",
                    s.target
                ),
            ));
        }
    }
}

/// "line N: …" → N.
fn line_of(message: &str) -> Option<u32> {
    message
        .strip_prefix("line ")?
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_from_urls_and_bare_hosts() {
        assert_eq!(hosts_in("https://api.groq.com/openai/v1"), ["api.groq.com"]);
        assert_eq!(
            hosts_in("http://user:pw@ollama.internal:11434/v1"),
            ["ollama.internal:11434"]
        );
        assert_eq!(hosts_in("api.openai.com"), ["api.openai.com"]);
        assert!(hosts_in("hello world").is_empty());
        assert!(hosts_in("config.yaml").is_empty() || hosts_in("config.yaml") == ["config.yaml"]);
        assert!(hosts_in("v1.2.3").is_empty());
    }

    #[test]
    fn image_repositories() {
        assert_eq!(image_repository("ollama/ollama:0.3.12"), "ollama/ollama");
        assert_eq!(
            image_repository("docker.io/vllm/vllm-openai:v0.6.3"),
            "vllm/vllm-openai"
        );
        assert_eq!(
            image_repository("localhost:5000/ollama/ollama"),
            "localhost:5000/ollama/ollama"
        );
    }
}
