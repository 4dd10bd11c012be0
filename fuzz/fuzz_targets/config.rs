//! Configuration scanners (.env, YAML, JSON, TOML, .properties, Terraform): the first byte picks
//! the file kind; the text goes through the line scanner and the full detection pipeline.
#![no_main]

use aidep::config_file::{self, ConfigKind};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: &[&str] = &[
    ".env",
    "values.yaml",
    "docker-compose.yml",
    "config.json",
    "settings.toml",
    "application.properties",
    "main.tf",
];

fuzz_target!(|data: &[u8]| {
    let Some((name, text)) = common::pick(data, NAMES) else {
        return;
    };
    let kind = ConfigKind::from_file_name(name).expect("a config name");
    let _ = config_file::extract(kind, text);
    let _ = aidep::scan::analyze_text(common::rules(), &format!("deploy/{name}"), text);
});
