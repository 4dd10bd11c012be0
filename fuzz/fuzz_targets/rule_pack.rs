//! User-supplied YAML: rule packs, the policy file and the baseline. Errors are fine; a panic or
//! a hang is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = aidep::rules::compile_pack("fuzz.yaml", text);
    let _ = aidep::policy::Policy::parse("aidep.yaml", text);
    let _ = aidep::check::Baseline::parse("aidep-baseline.json", text);
});
