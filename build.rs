//! Embeds the built-in vendor packs and the model catalog: writes a table of `include_str!`s over
//! `rules/vendors/*.yaml` (sorted, so the binary is reproducible) and a content hash that becomes
//! the rule-pack version printed in every report.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let vendors = Path::new(&root).join("rules").join("vendors");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed={}", vendors.display());

    let mut files: Vec<_> = fs::read_dir(&vendors)
        .expect("rules/vendors exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();

    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut table = String::from("pub static BUILTIN_PACKS: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        for b in fs::read(path).expect("pack is readable") {
            hash = (hash ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        table.push_str(&format!(
            "    (\"rules/vendors/{name}\", include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    table.push_str("];\n");
    let catalog = Path::new(&root).join("rules").join("models.json");
    println!("cargo:rerun-if-changed={}", catalog.display());
    if let Ok(bytes) = fs::read(&catalog) {
        for b in bytes {
            hash = (hash ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    table.push_str(&format!(
        "pub static MODEL_CATALOG: &str = include_str!({:?});\n",
        catalog.display().to_string()
    ));
    table.push_str(&format!(
        "pub static RULES_HASH: &str = \"{:08x}\";\n",
        hash >> 32
    ));

    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(out, table).expect("OUT_DIR is writable");
}
