//! The serde mirror of a vendor pack file, exactly as written. It rejects unknown keys and holds
//! unchecked strings; `compile` turns it into a `VendorPack` that cannot hold invalid data.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    pub id: String,
    pub name: String,
    pub category: String,
    pub jurisdiction: String,
    #[serde(default)]
    pub capabilities: Vec<String>,
    #[serde(default)]
    pub substitutes: Vec<String>,
    #[serde(default)]
    pub routes_through: Vec<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub packages: RawPackages,
    #[serde(default)]
    pub imports: RawImports,
    #[serde(default)]
    pub calls: Vec<RawCall>,
    #[serde(default)]
    pub endpoints: Vec<RawEndpoint>,
    #[serde(default)]
    pub env: Vec<String>,
    #[serde(default)]
    pub models: Vec<RawModelPattern>,
    #[serde(default)]
    pub secrets: Vec<RawSecret>,
    #[serde(default)]
    pub iac: Vec<RawIac>,
    #[serde(default)]
    pub integrations: Vec<RawIntegration>,
    #[serde(default)]
    pub examples: Vec<RawExample>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIntegration {
    pub framework: String,
    #[serde(default)]
    pub packages: RawPackages,
    #[serde(default)]
    pub imports: RawImports,
    #[serde(default)]
    pub calls: Vec<RawCall>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPackages {
    #[serde(default)]
    pub pypi: Vec<String>,
    #[serde(default)]
    pub npm: Vec<String>,
    #[serde(default)]
    pub maven: Vec<String>,
    #[serde(default)]
    pub go: Vec<String>,
    #[serde(default)]
    pub crates: Vec<String>,
    #[serde(default)]
    pub nuget: Vec<String>,
    #[serde(default)]
    pub rubygems: Vec<String>,
    #[serde(default)]
    pub packagist: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImports {
    #[serde(default)]
    pub python: Vec<String>,
    #[serde(default)]
    pub javascript: Vec<String>,
    #[serde(default)]
    pub go: Vec<String>,
    #[serde(default)]
    pub java: Vec<String>,
    #[serde(default)]
    pub rust: Vec<String>,
    #[serde(default)]
    pub csharp: Vec<String>,
    #[serde(default)]
    pub ruby: Vec<String>,
    #[serde(default)]
    pub php: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCall {
    pub name: String,
    #[serde(default)]
    pub capability: Option<String>,
    #[serde(default)]
    pub proprietary: bool,
    #[serde(default)]
    pub client: bool,
    #[serde(default)]
    pub base_url: Vec<String>,
    #[serde(default)]
    pub via: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEndpoint {
    pub host: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModelPattern {
    pub pattern: String,
    pub literal: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSecret {
    pub pattern: String,
    pub literal: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIac {
    #[serde(default)]
    pub resource: Option<String>,
    #[serde(default, rename = "where")]
    pub where_: BTreeMap<String, String>,
    #[serde(default)]
    pub image: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub file: String,
    pub code: String,
    #[serde(default)]
    pub expect: Vec<String>,
    #[serde(default)]
    pub reject: Vec<String>,
}
