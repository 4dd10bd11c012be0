//! Java source: fact extraction, then detection, on one file.
#![no_main]

use aidep::lang::Language;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::source(Language::Java, "src/App.java", data));
