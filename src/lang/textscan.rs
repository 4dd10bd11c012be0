//! Line scanning for languages without a parser here (C#, Ruby, PHP, Kotlin, Scala): import lines,
//! quoted strings and environment reads, skipping comment lines. Findings from these facts are
//! medium confidence at most.

use super::Language;
use crate::facts::{EnvRead, Import, Pos, SourceFacts, StringLit};
use regex::Regex;
use std::sync::LazyLock;

static IMPORT: LazyLock<Vec<(Language, Regex)>> = LazyLock::new(|| {
    let r = |s: &str| Regex::new(s).expect("static regex");
    vec![
        (
            Language::CSharp,
            r(r"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([A-Za-z_][\w.]*)\s*;"),
        ),
        (
            Language::Ruby,
            r(r#"^\s*require(?:_relative)?\s*\(?\s*['"]([^'"]+)['"]"#),
        ),
        (Language::Php, r(r"^\s*use\s+\\?([A-Za-z_][\w\\]*)")),
        (Language::Kotlin, r(r"^\s*import\s+([A-Za-z_][\w.]*)")),
        (Language::Scala, r(r"^\s*import\s+([A-Za-z_][\w.]*)")),
    ]
});

static STRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""((?:[^"\\\n]|\\.){1,300})"|'((?:[^'\\\n]|\\.){1,300})'"#).expect("static regex")
});

static ENV: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:GetEnvironmentVariable|getenv|System\.getenv|ENV\.fetch|ENV\[|env)\s*\(?\s*["']([A-Z][A-Z0-9_]{2,})["']"#)
        .expect("static regex")
});

static KEY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([A-Za-z_][\w]*)["']?\s*(?:=>|:|=)\s*$"#).expect("static regex")
});

fn is_comment(lang: Language, line: &str) -> bool {
    let t = line.trim_start();
    match lang {
        Language::Ruby => t.starts_with('#'),
        Language::Php => {
            t.starts_with("//") || t.starts_with('#') || t.starts_with('*') || t.starts_with("/*")
        }
        _ => t.starts_with("//") || t.starts_with('*') || t.starts_with("/*"),
    }
}

pub fn extract(lang: Language, text: &str) -> SourceFacts {
    let mut facts = SourceFacts::default();
    let import_re = IMPORT.iter().find(|(l, _)| *l == lang).map(|(_, r)| r);
    let mut offset = 0;
    for (n, line) in text.lines().enumerate() {
        let line_no = n as u32 + 1;
        let start = offset;
        offset += line.len() + 1;
        if is_comment(lang, line) {
            facts.comments.push(start..start + line.len());
            continue;
        }
        if let Some(caps) = import_re.and_then(|r| r.captures(line)) {
            let m = caps.get(1).expect("group 1");
            let module = m.as_str().to_string();
            facts.imports.push(Import {
                module,
                pos: Pos {
                    line: line_no,
                    column: m.start() as u32 + 1,
                },
            });
            continue;
        }
        for caps in ENV.captures_iter(line) {
            let m = caps.get(1).expect("group 1");
            facts.env_reads.push(EnvRead {
                name: m.as_str().to_string(),
                pos: Pos {
                    line: line_no,
                    column: m.start() as u32 + 1,
                },
            });
        }
        for caps in STRING.captures_iter(line) {
            let Some(m) = caps.get(1).or_else(|| caps.get(2)) else {
                continue;
            };
            let key = KEY_BEFORE
                .captures(&line[..caps.get(0).expect("match").start()])
                .map(|k| k[1].to_string());
            facts.strings.push(StringLit {
                value: m.as_str().to_string(),
                pos: Pos {
                    line: line_no,
                    column: m.start() as u32,
                },
                key,
                call: None,
            });
        }
    }
    facts
}
