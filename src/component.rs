//! Where a file belongs: its component (the nearest directory with a manifest, else the root)
//! and its scope (product, test, example, docs, ci, tooling) from path conventions.

use crate::finding::Scope;
use std::collections::BTreeSet;

/// The root component's id.
pub const ROOT: &str = ".";

/// The nearest ancestor directory of `file` (repo-relative, `/`-separated) that holds a manifest.
pub fn component_of(file: &str, manifest_dirs: &BTreeSet<String>) -> String {
    let mut dir = file;
    while let Some(i) = dir.rfind('/') {
        dir = &dir[..i];
        if manifest_dirs.contains(dir) {
            return dir.to_string();
        }
    }
    ROOT.to_string()
}

pub fn scope_of(file: &str) -> Scope {
    let lower = file.to_ascii_lowercase();
    let segments: Vec<&str> = lower.split('/').collect();
    let (dirs, name) = segments.split_at(segments.len().saturating_sub(1));
    let name = name.first().copied().unwrap_or("");
    let in_dir = |names: &[&str]| dirs.iter().any(|d| names.contains(d));

    let test_file = name.starts_with("test_")
        || name.ends_with("_test.py")
        || name.ends_with("_test.go")
        || name == "conftest.py"
        || [
            ".test.",
            ".spec.",
            ".test-d.",
            "_spec.rb",
            "test.java",
            "tests.java",
            "test.kt",
            "tests.cs",
            "test.cs",
        ]
        .iter()
        .any(|p| name.contains(p));
    if test_file
        || in_dir(&[
            "test",
            "tests",
            "__tests__",
            "__fixtures__",
            "__snapshots__",
            "__mocks__",
            "mocks",
            "cassettes",
            "spec",
            "specs",
            "testdata",
            "test_data",
            "fixtures",
            "__mocks__",
            "e2e",
            "testing",
        ])
        || lower.contains("src/test/")
    {
        return Scope::Test;
    }
    if in_dir(&[
        ".github",
        ".gitlab",
        ".circleci",
        ".buildkite",
        ".azure-pipelines",
    ]) || matches!(
        name,
        ".gitlab-ci.yml"
            | "jenkinsfile"
            | "azure-pipelines.yml"
            | "bitbucket-pipelines.yml"
            | ".travis.yml"
    ) {
        return Scope::Ci;
    }
    if in_dir(&["docs", "doc", "documentation", "website"])
        || [".md", ".mdx", ".rst", ".adoc"]
            .iter()
            .any(|e| name.ends_with(e))
    {
        return Scope::Docs;
    }
    if in_dir(&[
        "examples",
        "example",
        "samples",
        "sample",
        "demo",
        "demos",
        "cookbook",
        "cookbooks",
        "playground",
    ]) {
        return Scope::Example;
    }
    if in_dir(&[
        "scripts",
        "script",
        "tools",
        "tooling",
        "hack",
        "bench",
        "benches",
        "benchmarks",
        ".devcontainer",
    ]) || matches!(
        name,
        "makefile" | "justfile" | "taskfile.yml" | "noxfile.py" | "tasks.py"
    ) {
        return Scope::Tooling;
    }
    Scope::Product
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_manifest_directory() {
        let dirs: BTreeSet<String> = ["services/chat".to_string(), "services".to_string()].into();
        assert_eq!(
            component_of("services/chat/app/main.py", &dirs),
            "services/chat"
        );
        assert_eq!(component_of("services/other/x.py", &dirs), "services");
        assert_eq!(component_of("tools/x.py", &dirs), ROOT);
    }

    #[test]
    fn scopes_from_conventions() {
        assert_eq!(scope_of("services/chat/tests/test_app.py"), Scope::Test);
        assert_eq!(scope_of("web/src/chat.spec.ts"), Scope::Test);
        assert_eq!(scope_of("api/src/test/java/AppTest.java"), Scope::Test);
        assert_eq!(scope_of(".github/workflows/ci.yml"), Scope::Ci);
        assert_eq!(scope_of("docs/architecture.md"), Scope::Docs);
        assert_eq!(scope_of("examples/rag/main.py"), Scope::Example);
        assert_eq!(scope_of("scripts/smoke.py"), Scope::Tooling);
        assert_eq!(scope_of("services/chat/app.py"), Scope::Product);
        assert_eq!(scope_of("services/contest/app.py"), Scope::Product);
    }
}
