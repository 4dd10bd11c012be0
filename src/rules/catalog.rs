//! The model catalog (`rules/models.json`, derived from LiteLLM's catalog, MIT): model ids with
//! vendor, family, mode, open weights, retirement date and price, and the lookup that recognises
//! an id as code writes it (router prefixes, dated snapshots, `ft:` fine-tunes, Ollama tags).

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone, Deserialize)]
pub struct ModelEntry {
    pub id: String,
    pub vendor: String,
    #[serde(default)]
    pub family: Option<String>,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub open_weights: bool,
    #[serde(default)]
    pub retires: Option<String>,
    #[serde(default)]
    pub input_per_mtok: Option<f64>,
    #[serde(default)]
    pub output_per_mtok: Option<f64>,
}

#[derive(Debug, Deserialize)]
struct CatalogFile {
    #[serde(default)]
    source: String,
    models: Vec<ModelEntry>,
}

/// A string recognised as a model id.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelHit {
    /// Index into `ModelCatalog::entries` of the entry that gave the facts, when one did.
    pub entry: Option<usize>,
    pub vendor: String,
    pub family: Option<String>,
    pub fine_tuned: bool,
    /// The router prefix the id was written with (`bedrock` in `bedrock/anthropic.claude-…`).
    pub prefix: Option<String>,
}

#[derive(Debug, Default)]
pub struct ModelCatalog {
    pub source: String,
    pub entries: Vec<ModelEntry>,
    exact: HashMap<String, usize>,
    bare: HashMap<String, usize>,
    /// Every entry a bare id is listed under (`gemini-1.5-pro` → vertex, gemini, openrouter…).
    hosts: HashMap<String, Vec<usize>>,
    prefixes: HashMap<String, String>,
}

/// Vendors that made a model family, preferred when a bare id is listed under several hosts.
const FIRST_PARTY: &[&str] = &[
    "openai",
    "anthropic",
    "google-gemini",
    "mistral",
    "cohere",
    "xai",
    "deepseek",
    "ai21",
    "voyage",
    "perplexity",
    "alibaba-dashscope",
    "moonshot",
    "zhipu",
    "minimax",
];

/// The maker of a family: a bare id (`grok-4`, `gemini-1.5-pro`) that the catalog only lists under
/// hosts (Azure AI Foundry, Vertex…) is, without other context, a dependency on its maker's API.
const FAMILY_MAKERS: &[(&str, &str)] = &[
    ("claude", "anthropic"),
    ("gemini", "google-gemini"),
    ("grok", "xai"),
    ("gpt-4o", "openai"),
    ("gpt-4.1", "openai"),
    ("gpt-4", "openai"),
    ("gpt-5", "openai"),
    ("gpt-3.5", "openai"),
    ("o-series", "openai"),
    ("command", "cohere"),
    ("mistral", "mistral"),
    ("codestral", "mistral"),
    ("magistral", "mistral"),
    ("deepseek", "deepseek"),
    ("jamba", "ai21"),
    ("voyage", "voyage"),
    ("sonar", "perplexity"),
];

/// Router prefixes that code writes but the catalog's keys do not use.
const EXTRA_PREFIXES: &[(&str, &str)] = &[
    ("openai", "openai"),
    ("anthropic", "anthropic"),
    ("google", "google-gemini"),
    ("gemini", "google-gemini"),
    ("vertex_ai", "google-vertex"),
    ("vertex", "google-vertex"),
    ("bedrock", "aws-bedrock"),
    ("azure", "azure-openai"),
    ("groq", "groq"),
    ("together", "together"),
    ("together_ai", "together"),
    ("fireworks", "fireworks"),
    ("fireworks_ai", "fireworks"),
    ("openrouter", "openrouter"),
    ("ollama", "ollama"),
    ("ollama_chat", "ollama"),
    ("huggingface", "huggingface"),
    ("mistral", "mistral"),
    ("cohere", "cohere"),
    ("deepseek", "deepseek"),
    ("xai", "xai"),
    ("perplexity", "perplexity"),
    ("replicate", "replicate"),
    ("voyage", "voyage"),
    ("hosted_vllm", "vllm"),
    ("@cf", "cloudflare-workers-ai"),
    ("workers-ai", "cloudflare-workers-ai"),
    ("vllm", "vllm"),
];

fn strip_snapshot(id: &str) -> Option<&str> {
    let bytes = id.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    // -2024-08-06
    if bytes.len() > 11 {
        let tail = &bytes[bytes.len() - 11..];
        if tail[0] == b'-'
            && digits(&tail[1..5])
            && tail[5] == b'-'
            && digits(&tail[6..8])
            && tail[8] == b'-'
            && digits(&tail[9..11])
        {
            return Some(&id[..id.len() - 11]);
        }
    }
    // -20240620 or @20240620
    if bytes.len() > 9 {
        let tail = &bytes[bytes.len() - 9..];
        if (tail[0] == b'-' || tail[0] == b'@') && digits(&tail[1..]) {
            return Some(&id[..id.len() - 9]);
        }
    }
    for suffix in ["-latest", "@latest", "-preview"] {
        if let Some(base) = id.strip_suffix(suffix) {
            return Some(base);
        }
    }
    None
}

impl ModelCatalog {
    pub fn parse(json: &str) -> Result<ModelCatalog, String> {
        let file: CatalogFile =
            serde_json::from_str(json).map_err(|e| format!("invalid model catalog: {e}"))?;
        Ok(ModelCatalog::from_entries(file.source, file.models))
    }

    pub fn from_entries(source: String, entries: Vec<ModelEntry>) -> ModelCatalog {
        let mut exact = HashMap::new();
        let mut bare_candidates: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut prefix_votes: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let lower = entry.id.to_ascii_lowercase();
            exact.entry(lower.clone()).or_insert(i);
            if let Some((prefix, rest)) = lower.split_once('/') {
                *prefix_votes
                    .entry(prefix.to_string())
                    .or_default()
                    .entry(entry.vendor.clone())
                    .or_default() += 1;
                bare_candidates.entry(rest.to_string()).or_default().push(i);
                if let Some((_, last)) = rest.rsplit_once('/') {
                    bare_candidates.entry(last.to_string()).or_default().push(i);
                }
            }
        }
        let mut bare = HashMap::new();
        let mut hosts = HashMap::new();
        for (id, candidates) in bare_candidates {
            let mut all = candidates.clone();
            if let Some(&i) = exact.get(&id) {
                all.push(i);
            }
            hosts.insert(id.clone(), all);
            if exact.contains_key(&id) {
                continue;
            }
            let best = candidates
                .iter()
                .copied()
                .min_by_key(|&i| {
                    let rank = FIRST_PARTY
                        .iter()
                        .position(|v| *v == entries[i].vendor)
                        .unwrap_or(FIRST_PARTY.len());
                    (rank, entries[i].id.clone())
                })
                .expect("candidate lists are never empty");
            bare.insert(id, best);
        }
        let mut prefixes: HashMap<String, String> = prefix_votes
            .into_iter()
            .filter_map(|(prefix, votes)| {
                let total: usize = votes.values().sum();
                let (vendor, n) = votes.into_iter().max_by_key(|(_, n)| *n)?;
                // Org-like prefixes (meta-llama/…) spread over many hosts; routers are consistent.
                (total >= 3 && n * 10 >= total * 9).then_some((prefix, vendor))
            })
            .collect();
        for (prefix, vendor) in EXTRA_PREFIXES {
            prefixes.insert(prefix.to_string(), vendor.to_string());
        }
        ModelCatalog {
            source,
            entries,
            exact,
            bare,
            hosts,
            prefixes,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, idx: usize) -> &ModelEntry {
        &self.entries[idx]
    }

    /// How many catalog ids the vendor serves.
    pub fn count_for(&self, vendor: &str) -> usize {
        self.entries.iter().filter(|m| m.vendor == vendor).count()
    }

    /// The vendor a router prefix (`bedrock`, `groq`, `openrouter`…) stands for.
    pub fn prefix_vendor(&self, prefix: &str) -> Option<&str> {
        self.prefixes
            .get(&prefix.to_ascii_lowercase())
            .map(String::as_str)
    }

    fn hit(&self, idx: usize) -> ModelHit {
        let e = &self.entries[idx];
        ModelHit {
            entry: Some(idx),
            vendor: e.vendor.clone(),
            family: e.family.clone(),
            fine_tuned: false,
            prefix: None,
        }
    }

    fn bare_hit(&self, idx: usize) -> ModelHit {
        let mut hit = self.hit(idx);
        if let Some(maker) = hit
            .family
            .as_deref()
            .and_then(|f| FAMILY_MAKERS.iter().find(|(family, _)| *family == f))
        {
            hit.vendor = maker.1.to_string();
        }
        hit
    }

    fn lookup_plain(&self, lower: &str) -> Option<ModelHit> {
        if let Some(&i) = self.exact.get(lower) {
            // `gemini-2.5-flash` is listed under Vertex, but written bare it is the maker's API;
            // publisher-prefixed ids (`anthropic.claude-…`) keep their platform.
            let publisher = lower
                .split_once('.')
                .is_some_and(|(p, _)| p.bytes().all(|b| b.is_ascii_alphabetic()));
            return Some(if lower.contains('/') || publisher {
                self.hit(i)
            } else {
                self.bare_hit(i)
            });
        }
        if let Some(&i) = self.bare.get(lower) {
            return Some(self.bare_hit(i));
        }
        let base = strip_snapshot(lower)?;
        if let Some(&i) = self.exact.get(base) {
            return Some(self.hit(i));
        }
        self.bare.get(base).map(|&i| self.bare_hit(i))
    }

    /// Like `lookup`, but when the id is listed under several hosts and one of them is a vendor
    /// the file already uses (its SDK is imported there), that host is the dependency.
    pub fn lookup_preferring(&self, text: &str, vendors: &[&str]) -> Option<ModelHit> {
        let hit = self.lookup(text)?;
        if hit.prefix.is_some()
            || hit.fine_tuned
            || vendors.is_empty()
            || vendors.contains(&hit.vendor.as_str())
        {
            return Some(hit);
        }
        let lower = text.to_ascii_lowercase();
        let key = strip_snapshot(&lower)
            .filter(|b| !self.hosts.contains_key(&lower) && self.hosts.contains_key(*b))
            .unwrap_or(&lower);
        let preferred = self.hosts.get(key).and_then(|list| {
            list.iter()
                .find(|&&i| vendors.contains(&self.entries[i].vendor.as_str()))
        });
        Some(match preferred {
            Some(&i) => self.hit(i),
            None => hit,
        })
    }

    /// Recognises `text` as a model id, or returns `None`.
    pub fn lookup(&self, text: &str) -> Option<ModelHit> {
        if text.len() < 2 || text.len() > 160 || text.contains(char::is_whitespace) {
            return None;
        }
        let lower = text.to_ascii_lowercase();
        if let Some(hit) = self.lookup_plain(&lower) {
            return Some(hit);
        }
        // Vertex publisher models: `projects/p/locations/l/publishers/google/models/gemini-1.5-pro`
        if let Some(i) = lower.find("publishers/") {
            let rest = &lower[i + "publishers/".len()..];
            let model = rest.split_once("/models/").map(|(_, m)| m)?;
            let inner = self.lookup(model);
            return Some(ModelHit {
                entry: inner.as_ref().and_then(|h| h.entry),
                vendor: "google-vertex".into(),
                family: inner.and_then(|h| h.family),
                fine_tuned: false,
                prefix: Some("vertex".into()),
            });
        }
        // Bedrock custom and provisioned models: `arn:aws:bedrock:eu-west-1:123:custom-model/…`
        if let Some(rest) = lower.strip_prefix("arn:aws:bedrock:") {
            let custom = rest.contains(":custom-model/") || rest.contains(":provisioned-model/");
            let base = rest.rsplit('/').next().unwrap_or(rest);
            let inner = self.lookup(base);
            return Some(ModelHit {
                entry: inner.as_ref().and_then(|h| h.entry),
                vendor: "aws-bedrock".into(),
                family: inner.and_then(|h| h.family),
                fine_tuned: custom,
                prefix: Some("bedrock".into()),
            });
        }
        if let Some(rest) = lower.strip_prefix("ft:") {
            let base = rest.split(':').next()?;
            let mut hit = self.lookup_plain(base)?;
            hit.fine_tuned = true;
            return Some(hit);
        }
        if let Some((prefix, rest)) = lower.split_once('/')
            && let Some(vendor) = self.prefix_vendor(prefix)
        {
            let inner = self.lookup(rest);
            let plausible = rest.bytes().any(|b| b.is_ascii_digit()) || inner.is_some();
            if !plausible {
                return None;
            }
            return Some(ModelHit {
                entry: inner.as_ref().and_then(|h| h.entry),
                vendor: vendor.to_string(),
                family: inner.and_then(|h| h.family),
                fine_tuned: false,
                prefix: Some(prefix.to_string()),
            });
        }
        if let Some((name, _tag)) = lower.split_once(':')
            && !name.contains('/')
        {
            let tagged = format!("ollama/{lower}");
            let plain = format!("ollama/{name}");
            if let Some(&i) = self.exact.get(&tagged).or_else(|| self.exact.get(&plain)) {
                return Some(self.hit(i));
            }
        }
        None
    }

    /// Short substrings that every catalog id contains one of, for the literal prefilter.
    pub fn prefilter_stems(&self) -> BTreeSet<String> {
        let mut stems = BTreeSet::new();
        for entry in &self.entries {
            let lower = entry.id.to_ascii_lowercase();
            let bare = lower.rsplit('/').next().unwrap_or(&lower);
            let bare = bare.rsplit_once('.').map_or(bare, |(publisher, rest)| {
                // Bedrock ids: `anthropic.claude-…` → `claude-…`
                if publisher.bytes().all(|b| b.is_ascii_alphabetic()) {
                    rest
                } else {
                    bare
                }
            });
            stems.insert(model_stem(bare));
        }
        // A stem must carry a separator or digit, or be a long unusual word.
        stems.retain(|s| {
            s.len() >= 5
                && !is_generic(s.trim_end_matches(|c: char| !c.is_ascii_alphanumeric()))
                && (s.bytes().any(|b| !b.is_ascii_alphabetic()) || s.len() >= 7)
        });
        stems
    }
}

/// Words too common in ordinary code to be a prefilter literal on their own.
pub const GENERIC_WORDS: &[&str] = &[
    "text",
    "chat",
    "code",
    "coding",
    "model",
    "models",
    "base",
    "large",
    "small",
    "embed",
    "image",
    "audio",
    "speech",
    "voice",
    "video",
    "tiny",
    "mini",
    "nano",
    "turbo",
    "instruct",
    "vision",
    "search",
    "rerank",
    "command",
    "sonar",
    "jamba",
    "together",
    "replicate",
    "open",
    "deep",
    "meta",
    "google",
    "amazon",
    "default",
    "custom",
    "stable",
    "whisper",
    "accounts",
    "client",
    "service",
    "agent",
    "agents",
    "auto",
    "best",
    "detect",
    "edit",
    "english",
    "extract",
    "fast",
    "global",
    "labs",
    "long",
    "neural",
    "omni",
    "parse",
    "preview",
    "query",
    "remove",
    "replace",
    "seed",
    "sketch",
    "spot",
    "step",
    "style",
    "system",
    "typed",
    "ultra",
    "virtual",
    "core",
    "common",
    "utils",
    "types",
    "tools",
    "index",
    "cloud",
    "data",
    "schema",
    "config",
    "runtime",
    "server",
    "http",
    "inference",
    "api",
    "sdk",
    "llms",
    "chains",
    "memory",
    "prompts",
    "schema",
    "embeddings",
    "vectorstores",
    "document",
    "documents",
    "retrievers",
    "storage",
    "tasks",
    "runs",
    "jobs",
    "files",
    "batch",
    "batches",
    "completion",
    "completions",
    "messages",
    "responses",
    "moderation",
    "realtime",
    "azure",
    "ernie",
    "edit",
    "recast",
    "redact",
    "ripple",
    "fare",
    "ling",
    "muse",
    "rune",
    "seed",
    "drex",
];

pub fn is_generic(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    GENERIC_WORDS.contains(&lower.as_str())
}

/// The distinctive start of a model id: up to and including its first separator or digit
/// (`claude-`, `gemini-`, `llama3`), or up to its second separator when the first word is
/// generic (`text-embedding`, `command-r`).
fn model_stem(bare: &str) -> String {
    let first_end = bare
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(bare.len(), |(i, c)| i + c.len_utf8());
    let first_word = &bare[..bare[..first_end]
        .trim_end_matches(|c: char| !c.is_ascii_alphabetic())
        .len()];
    if first_end < bare.len() && first_end >= 5 && !is_generic(first_word) {
        return bare[..first_end].to_string();
    }
    let mut seps = 0;
    let mut end = bare.len();
    for (i, c) in bare.char_indices() {
        if matches!(c, '-' | '.' | ':' | '_' | '@' | '/') {
            seps += 1;
            if seps == 2 {
                end = i;
                break;
            }
        }
    }
    bare[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, vendor: &str, family: &str) -> ModelEntry {
        ModelEntry {
            id: id.into(),
            vendor: vendor.into(),
            family: Some(family.into()),
            mode: Some("chat".into()),
            open_weights: false,
            retires: None,
            input_per_mtok: None,
            output_per_mtok: None,
        }
    }

    fn catalog() -> ModelCatalog {
        ModelCatalog::from_entries(
            String::new(),
            vec![
                entry("gpt-4o", "openai", "gpt-4o"),
                entry("claude-3-5-sonnet-20240620", "anthropic", "claude"),
                entry("groq/llama-3.3-70b-versatile", "groq", "llama"),
                entry(
                    "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
                    "aws-bedrock",
                    "claude",
                ),
                entry(
                    "anthropic.claude-3-5-sonnet-20240620-v1:0",
                    "aws-bedrock",
                    "claude",
                ),
                entry("ollama/llama3.1", "ollama", "llama"),
            ],
        )
    }

    #[test]
    fn recognises_the_forms_code_writes() {
        let c = catalog();
        assert_eq!(c.lookup("gpt-4o").unwrap().vendor, "openai");
        assert_eq!(c.lookup("gpt-4o-2024-08-06").unwrap().vendor, "openai");
        assert_eq!(c.lookup("llama-3.3-70b-versatile").unwrap().vendor, "groq");
        let ft = c.lookup("ft:gpt-4o:acme::9abc").unwrap();
        assert!(ft.fine_tuned);
        let routed = c.lookup("anthropic/claude-3-5-sonnet-20240620").unwrap();
        assert_eq!(routed.vendor, "anthropic");
        assert_eq!(routed.family.as_deref(), Some("claude"));
        let bedrock = c
            .lookup("anthropic.claude-3-5-sonnet-20240620-v1:0")
            .unwrap();
        assert_eq!(bedrock.vendor, "aws-bedrock");
        assert_eq!(c.lookup("llama3.1:8b").unwrap().vendor, "ollama");
        let vertex = c.lookup("projects/acme/locations/europe-west4/publishers/anthropic/models/claude-3-5-sonnet-20240620").unwrap();
        assert_eq!(
            (vertex.vendor.as_str(), vertex.family.as_deref()),
            ("google-vertex", Some("claude"))
        );
        let custom = c.lookup("arn:aws:bedrock:eu-west-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abc123").unwrap();
        assert_eq!(custom.vendor, "aws-bedrock");
        assert!(custom.fine_tuned);
    }

    #[test]
    fn rejects_words_and_prose() {
        let c = catalog();
        assert!(c.lookup("gpt").is_none());
        assert!(c.lookup("the gpt-4o model").is_none());
        assert!(c.lookup("docs/getting-started").is_none());
    }

    #[test]
    fn stems_are_distinctive() {
        assert_eq!(model_stem("claude-3-5-sonnet"), "claude-");
        assert_eq!(model_stem("llama3.1"), "llama3");
        assert_eq!(model_stem("text-embedding-3-small"), "text-embedding");
        assert_eq!(model_stem("command-r-plus"), "command-r");
        assert_eq!(model_stem("search-preview"), "search-preview");
    }
}
