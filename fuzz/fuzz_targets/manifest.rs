//! Manifest parsers: the first byte picks the manifest kind, the rest is its text.
#![no_main]

use aidep::manifest::{self, ManifestKind};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: &[&str] = &[
    "requirements.txt",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "Pipfile",
    "package.json",
    "go.mod",
    "Cargo.toml",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "app.csproj",
    "Gemfile",
    "composer.json",
];

fuzz_target!(|data: &[u8]| {
    let Some((name, text)) = common::pick(data, NAMES) else {
        return;
    };
    let kind = ManifestKind::from_file_name(name).expect("a manifest name");
    let _ = manifest::dependencies(kind, text);
    let _ = manifest::own_name(kind, text);
    let _ = manifest::links(kind, text);
});
