//! Manifest parsers: the first byte picks the manifest kind, the rest is its text.
#![no_main]

use aidep::manifest::{self, ManifestKind};
use libfuzzer_sys::fuzz_target;

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
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    let kind = ManifestKind::from_file_name(name).expect("a manifest name");
    let _ = manifest::dependencies(kind, text);
    let _ = manifest::own_name(kind, text);
    let _ = manifest::links(kind, text);
});
