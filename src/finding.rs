//! What a scan produces: findings (one dependency on one vendor at one place) and diagnostics
//! (a file that could not be read or parsed, with why). Both serialize as in `aidep.report/v1`.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    SdkImport,
    SdkCall,
    ModelName,
    Endpoint,
    EnvVar,
    ManifestDependency,
    IacResource,
    Secret,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::SdkImport,
        Kind::SdkCall,
        Kind::ModelName,
        Kind::Endpoint,
        Kind::EnvVar,
        Kind::ManifestDependency,
        Kind::IacResource,
        Kind::Secret,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SdkImport => "sdk-import",
            Kind::SdkCall => "sdk-call",
            Kind::ModelName => "model-name",
            Kind::Endpoint => "endpoint",
            Kind::EnvVar => "env-var",
            Kind::ManifestDependency => "manifest-dependency",
            Kind::IacResource => "iac-resource",
            Kind::Secret => "secret",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Product,
    Test,
    Example,
    Docs,
    Ci,
    Tooling,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Product => "product",
            Scope::Test => "test",
            Scope::Example => "example",
            Scope::Docs => "docs",
            Scope::Ci => "ci",
            Scope::Tooling => "tooling",
        }
    }
}

/// One dependency on one vendor at one place in the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: String,
    pub rule: String,
    pub vendor: String,
    pub kind: Kind,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub evidence: String,
    pub component: String,
    pub scope: Scope,
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capability: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub proprietary: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The repository a finding comes from, in a merged organisation-wide report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    /// An inline `aidep:ignore <vendor-or-rule> -- <reason>` that silences this finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<String>,
}

/// A file aidep skipped or could only partly read. Codes are public: scripts may match on them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: String,
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(code: &str, file: &str, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.to_string(),
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {} [{}]", self.file, l, self.message, self.code),
            None => write!(f, "{}: {} [{}]", self.file, self.message, self.code),
        }
    }
}
