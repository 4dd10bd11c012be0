//! Jupyter notebooks: JSON to code cells with their line map, then the full detection pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(program) = aidep::notebook::code(text) {
        for line in 0..64 {
            let _ = program.map_line(line);
        }
    }
    let _ = aidep::scan::analyze_text(common::rules(), "analysis.ipynb", text);
});
