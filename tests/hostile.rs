//! Hostile trees: every bad file is reported by name with why, the good files around it are
//! still scanned, and nothing panics or hangs.

mod common;

use common::*;
use std::path::Path;

fn write(dir: &Path, path: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

#[test]
fn a_hostile_tree_is_scanned_with_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // the good file every other case must not hide
    write(
        d,
        "good/app.py",
        "import anthropic\nclient = anthropic.Anthropic()\n",
    );
    // a binary file with a source extension
    write(
        d,
        "bin/blob.py",
        [
            0x7f, b'E', b'L', b'F', 0, 0, 1, 2, b'o', b'p', b'e', b'n', b'a', b'i',
        ],
    );
    // invalid UTF-8 that still names a vendor
    write(d, "latin1/app.py", b"# caf\xe9\nimport openai\n");
    // UTF-16 with a BOM, CRLF line ends
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "import cohere\r\nco = cohere.ClientV2()\r\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write(d, "utf16/app.py", utf16);
    // a 30 MB single-line minified bundle
    let mut minified = String::from("var a=\"https://api.openai.com/v1\";");
    while minified.len() < 30 * 1024 * 1024 {
        minified.push_str("function f(a,b){return a+b};");
    }
    write(d, "web/dist/bundle.min.js", minified);
    // deep nesting
    write(
        d,
        "deep/nested.py",
        format!(
            "import openai\nx = {}1{}\n",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
    );
    write(
        d,
        "deep/nested.json",
        format!("{}\"gpt-4o\"{}", "[".repeat(5000), "]".repeat(5000)),
    );
    // empty files, odd names
    write(d, "empty/requirements.txt", "");
    write(d, "empty/app.py", "");
    write(d, "odd names/spa ce/ünï cödé.py", "import mistralai\n");
    write(d, "odd names/new\nline.py", "import groq\n");
    // broken manifests, notebook, config
    write(d, "broken/package.json", "{\"dependencies\": {\"openai\": ");
    write(
        d,
        "broken/pyproject.toml",
        "[project\ndependencies = [\"openai\"]\n",
    );
    write(
        d,
        "broken/pom.xml",
        "<project><dependencies><dependency><groupId>com.openai</groupId>",
    );
    write(
        d,
        "broken/nb.ipynb",
        "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"import openai\\n\"",
    );
    // a YAML alias bomb in a values file
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, c) in "bcdefghi".chars().enumerate() {
        let prev = (b'a' + i as u8) as char;
        bomb.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    bomb.push_str(
        "env:\n  - name: OPENAI_API_KEY\n    valueFrom: {secretKeyRef: {name: s, key: k}}\n",
    );
    write(d, "deploy/values.yaml", bomb);
    // a huge notebook (10,000 code cells)
    let cells: Vec<String> = (0..10_000).map(|i| format!("{{\"cell_type\": \"code\", \"metadata\": {{}}, \"outputs\": [], \"source\": [\"x{i} = {i}\\n\"]}}")).collect();
    write(
        d,
        "nb/huge.ipynb",
        format!(
            "{{\"cells\": [{}, {{\"cell_type\": \"code\", \"metadata\": {{}}, \"outputs\": [], \"source\": [\"import voyageai\\n\"]}}], \"metadata\": {{}}, \"nbformat\": 4, \"nbformat_minor\": 5}}",
            cells.join(", ")
        ),
    );
    // a symlink loop
    #[cfg(unix)]
    {
        std::fs::create_dir_all(d.join("loop")).unwrap();
        std::os::unix::fs::symlink(d.join("loop"), d.join("loop/again")).unwrap();
        std::os::unix::fs::symlink(d.join("good/app.py"), d.join("loop/link.py")).unwrap();
    }

    // a FIFO named like source (reading it would block forever) and an unreadable file
    #[cfg(unix)]
    {
        std::fs::create_dir_all(d.join("special")).unwrap();
        let fifo = d.join("special/pipe.py");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        assert!(made, "mkfifo");
        use std::os::unix::fs::PermissionsExt;
        write(d, "special/locked.py", "import openai\n");
        let locked = d.join("special/locked.py");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let r = scan_dir(d, false);
    let found: std::collections::BTreeSet<(&str, &str)> = r
        .findings
        .iter()
        .map(|f| (f.file.as_str(), f.vendor.as_str()))
        .collect();
    for (file, vendor) in [
        ("good/app.py", "anthropic"),
        ("latin1/app.py", "openai"),
        ("utf16/app.py", "cohere"),
        ("deep/nested.py", "openai"),
        ("odd names/spa ce/ünï cödé.py", "mistral"),
        ("odd names/new\nline.py", "groq"),
        ("deploy/values.yaml", "openai"),
        ("nb/huge.ipynb", "voyage"),
    ] {
        assert!(
            found.contains(&(file, vendor)),
            "{file}: {vendor} not found in {found:?}"
        );
    }
    let diag = |file: &str, code: &str| {
        r.diagnostics
            .iter()
            .any(|x| x.file == file && x.code == code)
    };
    assert!(diag("bin/blob.py", "binary-file"));
    assert!(diag("latin1/app.py", "invalid-utf8"));
    assert!(diag("web/dist/bundle.min.js", "file-too-large"));
    for (file, code) in [
        ("broken/package.json", "bad-manifest"),
        ("broken/pyproject.toml", "bad-manifest"),
        ("broken/pom.xml", "bad-manifest"),
        ("broken/nb.ipynb", "bad-notebook"),
    ] {
        assert!(diag(file, code), "{file} {code}: {:?}", r.diagnostics);
    }
    #[cfg(unix)]
    {
        assert!(
            diag("special/pipe.py", "special-file"),
            "{:?}",
            r.diagnostics
        );
        // root reads anything; anyone else gets a diagnostic instead of the finding
        if std::fs::read(d.join("special/locked.py")).is_err() {
            assert!(
                diag("special/locked.py", "read-error"),
                "{:?}",
                r.diagnostics
            );
        } else {
            assert!(found.contains(&("special/locked.py", "openai")));
        }
    }
    // symlinks are not followed: no loop, no duplicate
    assert!(!found.iter().any(|(f, _)| f.starts_with("loop/")));
}

#[test]
fn a_large_minified_file_within_the_limit_is_read_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut js = String::from("const u=\"https://api.mistral.ai/v1\";");
    while js.len() < 3 * 1024 * 1024 {
        js.push_str("a=(b)=>{return b*2};");
    }
    write(dir.path(), "bundle.min.js", js);
    let r = scan_dir(dir.path(), false);
    assert!(r.findings.iter().any(|f| f.vendor == "mistral"));
}
