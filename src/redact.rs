//! Redaction: every secret shape any pack declares is masked in every string aidep prints
//! (evidence, diagnostics), whatever finding the line belongs to.

use crate::rules::RuleSet;
use regex::Regex;
use std::sync::LazyLock;

/// A value assigned to a credential-named key (`OPENAI_API_KEY=…`, `"api_key": "…"`,
/// `os.environ["MISTRAL_API_KEY"] = "…"`): masked even when no pack knows the key's shape.
static CREDENTIAL_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)([A-Za-z0-9_.-]*(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|access[_-]?key|private[_-]?key|credential)[A-Za-z0-9_.-]*["'\]]*\s*(?::=|=>|[:=])\s*["']?)([A-Za-z0-9_\-+/=]{12,})"#,
    )
    .expect("static regex")
});

pub struct Redactor {
    patterns: Vec<(String, Regex)>,
}

impl Redactor {
    pub fn new(rules: &RuleSet) -> Redactor {
        let patterns = rules
            .packs
            .iter()
            .flat_map(|p| p.secrets.iter())
            .map(|s| (s.literal.clone(), s.regex.clone()))
            .collect();
        Redactor { patterns }
    }

    /// Keeps a documented prefix (`sk-ant-`) so a reader knows what leaked, never the key itself.
    pub fn redact(&self, text: &str) -> String {
        let mut out = CREDENTIAL_VALUE
            .replace_all(text, |caps: &regex::Captures| {
                let value = &caps[2];
                // References and placeholders are not secrets: ${VAR}, <your-key>, xxx, changeme.
                let placeholder = value
                    .bytes()
                    .all(|b| b == b'x' || b == b'X' || b == b'*' || b == b'-')
                    || value.eq_ignore_ascii_case("changeme");
                if placeholder {
                    caps[0].to_string()
                } else {
                    format!("{}****REDACTED****", &caps[1])
                }
            })
            .into_owned();
        for (literal, regex) in &self.patterns {
            if !out.contains(literal.as_str()) {
                continue;
            }
            out = regex
                .replace_all(&out, |caps: &regex::Captures| {
                    let m = &caps[0];
                    let keep = if m.starts_with(literal.as_str()) {
                        literal.as_str()
                    } else {
                        ""
                    };
                    format!("{keep}****REDACTED****")
                })
                .into_owned();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor() -> Redactor {
        Redactor {
            patterns: Vec::new(),
        }
    }

    #[test]
    fn credential_values_are_masked_whatever_their_shape() {
        let r = redactor();
        for line in [
            "DEEPSEEK_API_KEY=sk-d26a9c3e1f0b4a7c8e2d5f6a9b0c1d2e",
            "MISTRAL_API_KEY: 'Zx8c7V6b5N4m3L2k1J0hGfDsA9qW8eR7'",
            "os.environ[\"COHERE_API_KEY\"] = \"aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5hJ7k\"",
            "\"apiKey\": \"pcsk_4x8Yz2Qw9Er7Ty5Ui3Op1As6Df8Gh0Jk2Lz4Xc6Vb8Nm0Qw2Er4Ty6Ui8Op0As2\"",
        ] {
            let out = r.redact(line);
            assert!(out.contains("****REDACTED****"), "{out}");
            let secret: String = line
                .rsplit(['=', ':', '"', '\''])
                .find(|s| s.trim().len() >= 12)
                .unwrap()
                .trim()
                .to_string();
            assert!(!out.contains(&secret), "{out}");
        }
    }

    #[test]
    fn code_and_placeholders_stay_readable() {
        let r = redactor();
        for line in [
            "api_key=os.environ[\"OPENAI_API_KEY\"]",
            "apiKey: process.env.OPENAI_API_KEY,",
            "OPENAI_API_KEY=${OPENAI_API_KEY}",
            "OPENAI_API_KEY=",
            "token_count = len(tokens)",
        ] {
            assert_eq!(r.redact(line), line);
        }
    }
}
