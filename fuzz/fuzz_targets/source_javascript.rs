//! JavaScript, TypeScript and TSX source: the first byte picks the dialect; fact extraction, then
//! detection, on one file.
#![no_main]

use aidep::lang::Language;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (lang, path) = match pick % 3 {
        0 => (Language::JavaScript, "src/app.js"),
        1 => (Language::TypeScript, "src/app.ts"),
        _ => (Language::Tsx, "src/App.tsx"),
    };
    common::source(lang, path, rest);
});
