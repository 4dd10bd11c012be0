//! Configuration files (.env, YAML incl. Kubernetes/Helm/compose, JSON, TOML, .properties,
//! Terraform): key/value entries with their line, `${VAR}` references, Terraform resource blocks
//! and container images. Scanned line by line so every value keeps its position; nothing here
//! expands YAML aliases or evaluates templates.

use crate::facts::{EnvRead, Pos};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigKind {
    Env,
    Yaml,
    Json,
    Toml,
    Properties,
    Terraform,
}

impl ConfigKind {
    pub fn from_file_name(name: &str) -> Option<ConfigKind> {
        let lower = name.to_ascii_lowercase();
        if lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env") {
            return Some(ConfigKind::Env);
        }
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "yaml" | "yml" => ConfigKind::Yaml,
            "json" | "jsonc" => ConfigKind::Json,
            "toml" => ConfigKind::Toml,
            "properties" => ConfigKind::Properties,
            "tf" | "tfvars" | "hcl" => ConfigKind::Terraform,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The innermost key (`model`, `OPENAI_API_KEY`, `spring.ai.openai.api-key`).
    pub key: String,
    pub value: String,
    pub pos: Pos,
    /// Position of the key itself.
    pub key_pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IacBlock {
    pub resource_type: String,
    pub pos: Pos,
    pub attrs: BTreeMap<String, String>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct ConfigFacts {
    pub entries: Vec<Entry>,
    pub env_refs: Vec<EnvRead>,
    pub blocks: Vec<IacBlock>,
    pub images: Vec<(String, Pos)>,
}

static ENV_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:[:?}-])|\$\(([A-Z_][A-Z0-9_]*)\)")
        .expect("static regex")
});

fn clean_value(raw: &str) -> String {
    let v = raw.trim();
    let v = if v.starts_with('"') || v.starts_with('\'') {
        let q = &v[..1];
        match v[1..].find(q) {
            Some(end) => &v[1..1 + end],
            None => &v[1..],
        }
    } else {
        // unquoted: a ` #` starts a comment
        v.split(" #").next().unwrap_or(v).trim()
    };
    v.trim_end_matches(',').to_string()
}

fn pos_in(line_no: usize, line: &str, needle: &str) -> Pos {
    Pos {
        line: line_no as u32 + 1,
        column: line.find(needle).unwrap_or(0) as u32 + 1,
    }
}

pub fn extract(kind: ConfigKind, text: &str) -> ConfigFacts {
    let mut facts = match kind {
        ConfigKind::Yaml => yaml_entries(text),
        ConfigKind::Terraform => terraform(text),
        _ => simple_entries(kind, text),
    };
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        for caps in ENV_REF.captures_iter(line) {
            let m = caps
                .get(1)
                .or_else(|| caps.get(2))
                .expect("one group matches");
            facts.env_refs.push(EnvRead {
                name: m.as_str().to_string(),
                pos: Pos {
                    line: n as u32 + 1,
                    column: m.start() as u32 + 1,
                },
            });
        }
    }
    facts
}

fn simple_entries(kind: ConfigKind, text: &str) -> ConfigFacts {
    static ENV_LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$")
            .expect("static regex")
    });
    static PROP_LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*([^#!=:\s][^=:\s]*)\s*[=:]\s*(.*)$").expect("static regex")
    });
    static TOML_LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^\s*("[^"]+"|[A-Za-z0-9_.-]+)\s*=\s*(".*"|'.*'|[^\[{].*)$"#)
            .expect("static regex")
    });
    static JSON_PAIR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#""((?:[^"\\]|\\.){1,200})"\s*:\s*"((?:[^"\\]|\\.){0,2000})""#)
            .expect("static regex")
    });
    let mut facts = ConfigFacts::default();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with('#') || t.starts_with("//") || t.starts_with('!') {
            continue;
        }
        let mut push = |key: &str, raw: &str| {
            let value = clean_value(raw);
            facts.entries.push(Entry {
                key: key.trim_matches('"').to_string(),
                pos: pos_in(n, line, if value.is_empty() { key } else { &value }),
                key_pos: pos_in(n, line, key),
                value,
            });
        };
        match kind {
            ConfigKind::Env => {
                if let Some(c) = ENV_LINE.captures(line) {
                    push(&c[1], &c[2]);
                }
            }
            ConfigKind::Properties => {
                if let Some(c) = PROP_LINE.captures(line) {
                    push(&c[1], &c[2]);
                }
            }
            ConfigKind::Toml => {
                if let Some(c) = TOML_LINE.captures(line) {
                    push(&c[1], &c[2]);
                }
            }
            ConfigKind::Json => {
                for c in JSON_PAIR.captures_iter(line) {
                    push(&c[1], &format!("\"{}\"", &c[2]));
                }
            }
            _ => {}
        }
    }
    facts
}

fn yaml_entries(text: &str) -> ConfigFacts {
    static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^("[^"]*"|'[^']*'|[^\s"'#:][^:#]*?)\s*:(?:\s+(.*))?$"#).expect("static regex")
    });
    let mut facts = ConfigFacts::default();
    // (indent, key) of open mappings, for list items' parent key.
    let mut parents: Vec<(usize, String)> = Vec::new();
    // Kubernetes `- name: X` waiting for its `value: Y` at the same item indent.
    let mut pending_name: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") {
            if trimmed.starts_with("---") {
                parents.clear();
                pending_name = None;
            }
            continue;
        }
        let mut indent = line.len() - trimmed.len();
        let mut content = trimmed;
        let mut item_start = false;
        while let Some(rest) = content
            .strip_prefix("- ")
            .or_else(|| (content == "-").then_some(""))
        {
            indent += 2;
            content = rest.trim_start();
            item_start = true;
        }
        if content.is_empty() {
            continue;
        }
        while parents.last().is_some_and(|(i, _)| *i >= indent) {
            parents.pop();
        }
        if let Some(c) = KEY_VALUE.captures(content) {
            let key = c[1].trim_matches(|ch| ch == '"' || ch == '\'').to_string();
            let raw = c.get(2).map_or("", |m| m.as_str());
            let value = if raw.starts_with('&')
                || raw.starts_with('*')
                || raw.starts_with('|')
                || raw.starts_with('>')
            {
                String::new()
            } else {
                clean_value(raw)
            };
            if item_start || pending_name.as_ref().is_some_and(|(i, _)| *i != indent) {
                pending_name = None;
            }
            if key == "name" && !value.is_empty() {
                pending_name = Some((indent, value.clone()));
            } else if key == "value"
                && let Some((i, name)) = &pending_name
                && *i == indent
            {
                facts.entries.push(Entry {
                    key: name.clone(),
                    value: value.clone(),
                    pos: pos_in(n, line, &value),
                    key_pos: pos_in(n, line, "value"),
                });
            }
            if key == "image" && !value.is_empty() {
                facts.images.push((value.clone(), pos_in(n, line, &value)));
            }
            if value.is_empty() {
                parents.push((indent, key.clone()));
            }
            facts.entries.push(Entry {
                pos: pos_in(n, line, if value.is_empty() { &key } else { &value }),
                key_pos: pos_in(n, line, &key),
                key,
                value,
            });
        } else if item_start {
            // a scalar list item belongs to the key that opened the list
            let value = clean_value(content);
            let key = parents.last().map(|(_, k)| k.clone()).unwrap_or_default();
            facts.entries.push(Entry {
                key,
                pos: pos_in(n, line, &value),
                key_pos: pos_in(n, line, &value),
                value,
            });
        }
    }
    facts
}

fn terraform(text: &str) -> ConfigFacts {
    static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^\s*(resource|data)\s+"([A-Za-z0-9_]+)"\s+"[^"]*"\s*\{"#)
            .expect("static regex")
    });
    static ATTR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"^\s*([A-Za-z0-9_]+)\s*=\s*(.+)$"#).expect("static regex"));
    let mut facts = ConfigFacts::default();
    static NESTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"^\s*([A-Za-z0-9_]+)\s*\{\s*$"#).expect("static regex"));
    let mut depth: i32 = 0;
    let mut open: Option<(i32, usize)> = None; // (depth at open, index in blocks)
    let mut nested: Vec<(i32, String)> = Vec::new(); // `model {` inside a resource
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with('#') || t.starts_with("//") {
            continue;
        }
        if let Some(c) = BLOCK.captures(line) {
            facts.blocks.push(IacBlock {
                resource_type: c[2].to_string(),
                pos: pos_in(n, line, &c[1]),
                attrs: BTreeMap::new(),
            });
            open = Some((depth, facts.blocks.len() - 1));
        } else if let Some(c) = NESTED.captures(line) {
            nested.push((depth, c[1].to_string()));
        } else if let Some(c) = ATTR.captures(line) {
            let value = clean_value(&c[2]);
            let key = match nested.last() {
                Some((_, block)) => format!("{block}.{}", &c[1]),
                None => c[1].to_string(),
            };
            if let Some((_, idx)) = open {
                facts.blocks[idx]
                    .attrs
                    .entry(c[1].to_string())
                    .or_insert_with(|| value.clone());
            }
            facts.entries.push(Entry {
                key,
                pos: pos_in(n, line, &value),
                key_pos: pos_in(n, line, &c[1]),
                value,
            });
        }
        let mut in_string = false;
        for ch in line.chars() {
            match ch {
                '"' => in_string = !in_string,
                '{' if !in_string => depth += 1,
                '}' if !in_string => depth -= 1,
                _ => {}
            }
        }
        if let Some((at, _)) = open
            && depth <= at
        {
            open = None;
        }
        while nested.last().is_some_and(|(at, _)| depth <= *at) {
            nested.pop();
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubernetes_env_lists_pair_names_and_values() {
        let yaml = "spec:\n  containers:\n    - name: app\n      image: ollama/ollama:0.3.12\n      env:\n        - name: LLM_BASE_URL\n          value: \"http://ollama:11434/v1\"\n        - name: OPENAI_API_KEY\n          valueFrom:\n            secretKeyRef: {name: k, key: v}\n";
        let f = extract(ConfigKind::Yaml, yaml);
        let pair = f.entries.iter().find(|e| e.key == "LLM_BASE_URL").unwrap();
        assert_eq!(pair.value, "http://ollama:11434/v1");
        assert_eq!(pair.pos.line, 7);
        assert_eq!(f.images[0].0, "ollama/ollama:0.3.12");
        assert!(
            f.entries
                .iter()
                .any(|e| e.key == "name" && e.value == "OPENAI_API_KEY")
        );
    }

    #[test]
    fn yaml_list_scalars_keep_their_parent_key() {
        let f = extract(
            ConfigKind::Yaml,
            "models:\n  - gpt-4o\n  - claude-3-5-haiku-20241022\n",
        );
        let items: Vec<_> = f
            .entries
            .iter()
            .filter(|e| e.key == "models" && !e.value.is_empty())
            .map(|e| e.value.as_str())
            .collect();
        assert_eq!(items, ["gpt-4o", "claude-3-5-haiku-20241022"]);
    }

    #[test]
    fn terraform_blocks_collect_attributes() {
        let tf = "resource \"azurerm_cognitive_account\" \"oai\" {\n  name = \"acme\"\n  kind = \"OpenAI\"\n  location = var.location\n  tags = { team = \"x\" }\n}\nresource \"azurerm_resource_group\" \"rg\" {\n  kind = \"Other\"\n}\n";
        let f = extract(ConfigKind::Terraform, tf);
        assert_eq!(f.blocks.len(), 2);
        assert_eq!(f.blocks[0].attrs["kind"], "OpenAI");
        assert_eq!(f.blocks[1].attrs["kind"], "Other");
        assert_eq!(f.blocks[0].pos.line, 1);
    }

    #[test]
    fn env_files_and_references() {
        let f = extract(
            ConfigKind::Env,
            "# keys\nexport OPENAI_API_KEY=\"\"\nLLM_BASE_URL=http://vllm:8000/v1 # local\n",
        );
        assert_eq!(f.entries[1].value, "http://vllm:8000/v1");
        let p = extract(
            ConfigKind::Properties,
            "spring.ai.openai.api-key=${OPENAI_API_KEY}\n",
        );
        assert_eq!(p.env_refs[0].name, "OPENAI_API_KEY");
        assert_eq!(p.entries[0].key, "spring.ai.openai.api-key");
    }
}
