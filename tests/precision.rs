//! Per language and file type: each kind of finding is found in code people write, and prose,
//! comments, changelogs and look-alike words never give a confident finding.

mod common;

use aidep::finding::{Confidence, Kind};
use common::*;

fn kinds(file: &str, code: &str) -> Vec<(String, Kind, Confidence)> {
    analyze(file, code)
        .into_iter()
        .map(|f| (f.vendor, f.kind, f.confidence))
        .collect()
}

fn assert_found(file: &str, code: &str, vendor: &str, kind: Kind) {
    let got = kinds(file, code);
    assert!(
        got.iter()
            .any(|(v, k, c)| v == vendor && *k == kind && *c >= Confidence::Medium),
        "{file}: expected {vendor} {kind}, got {got:?}"
    );
}

fn assert_quiet(file: &str, code: &str) {
    let got: Vec<_> = kinds(file, code)
        .into_iter()
        .filter(|(_, _, c)| *c >= Confidence::Medium)
        .collect();
    assert!(
        got.is_empty(),
        "{file}: expected nothing confident, got {got:?}"
    );
}

#[test]
fn python_kinds() {
    let code = "import os\nimport anthropic as ac\nclient = ac.Anthropic(api_key=os.environ[\"ANTHROPIC_API_KEY\"])\nmsg = client.messages.create(model=\"claude-3-5-haiku-20241022\", max_tokens=10, messages=[])\nURL = \"https://api.anthropic.com/v1/messages\"\n";
    for kind in [
        Kind::SdkImport,
        Kind::SdkCall,
        Kind::EnvVar,
        Kind::ModelName,
        Kind::Endpoint,
    ] {
        assert_found("app.py", code, "anthropic", kind);
    }
}

#[test]
fn javascript_and_typescript_kinds() {
    let code = "import OpenAI from \"openai\";\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\nconst r = await client.chat.completions.create({ model: \"gpt-4o\", messages: [] });\n";
    for file in ["index.js", "index.ts", "page.tsx", "lib.mjs"] {
        for kind in [
            Kind::SdkImport,
            Kind::SdkCall,
            Kind::EnvVar,
            Kind::ModelName,
        ] {
            assert_found(file, code, "openai", kind);
        }
    }
    assert_found(
        "x.js",
        "const { Mistral } = require('@mistralai/mistralai');\n",
        "mistral",
        Kind::SdkImport,
    );
    assert_found(
        "x.ts",
        "const mod = await import(\"@anthropic-ai/sdk\");\n",
        "anthropic",
        Kind::SdkImport,
    );
}

#[test]
fn go_java_rust_kinds() {
    let go = "package main\nimport (\n\t\"os\"\n\t\"github.com/anthropics/anthropic-sdk-go\"\n)\nfunc main() {\n\tc := anthropic.NewClient()\n\t_ = os.Getenv(\"ANTHROPIC_API_KEY\")\n\t_ = c\n}\n";
    assert_found("main.go", go, "anthropic", Kind::SdkImport);
    assert_found("main.go", go, "anthropic", Kind::SdkCall);
    assert_found("main.go", go, "anthropic", Kind::EnvVar);
    let java = "import com.openai.client.okhttp.OpenAIOkHttpClient;\nclass A { Object c = OpenAIOkHttpClient.fromEnv(); String m = \"gpt-4o-mini\"; }\n";
    assert_found("A.java", java, "openai", Kind::SdkImport);
    assert_found("A.java", java, "openai", Kind::SdkCall);
    let rust = "use async_openai::Client;\nfn main() { let c = Client::new(); let k = std::env::var(\"OPENAI_API_KEY\"); }\n";
    assert_found("main.rs", rust, "openai", Kind::SdkImport);
    assert_found("main.rs", rust, "openai", Kind::SdkCall);
    assert_found("main.rs", rust, "openai", Kind::EnvVar);
}

#[test]
fn manifests_of_every_ecosystem() {
    let cases: &[(&str, &str, &str)] = &[
        ("requirements-dev.txt", "anthropic>=0.40\n", "anthropic"),
        (
            "pyproject.toml",
            "[tool.poetry.dependencies]\npython = \"^3.11\"\ngroq = \"^0.11\"\n",
            "groq",
        ),
        (
            "setup.cfg",
            "[options]\ninstall_requires =\n    cohere>=5\n",
            "cohere",
        ),
        ("Pipfile", "[packages]\nmistralai = \"*\"\n", "mistral"),
        (
            "package.json",
            "{\"dependencies\": {\"@anthropic-ai/sdk\": \"^0.30.0\"}}",
            "anthropic",
        ),
        (
            "go.mod",
            "module x\nrequire github.com/openai/openai-go v1.2.0\n",
            "openai",
        ),
        (
            "Cargo.toml",
            "[dependencies]\nasync-openai = \"0.28\"\n",
            "openai",
        ),
        (
            "build.gradle.kts",
            "dependencies { implementation(\"com.openai:openai-java:2.0.0\") }\n",
            "openai",
        ),
        (
            "Api.csproj",
            "<Project><ItemGroup><PackageReference Include=\"OpenAI\" Version=\"2.1.0\" /></ItemGroup></Project>",
            "openai",
        ),
        ("Gemfile", "gem \"ruby-openai\"\n", "openai"),
        (
            "composer.json",
            "{\"require\": {\"openai-php/client\": \"^0.10\"}}",
            "openai",
        ),
    ];
    for (file, text, vendor) in cases {
        assert_found(file, text, vendor, Kind::ManifestDependency);
    }
}

#[test]
fn configuration_files() {
    assert_found(
        ".env.example",
        "ANTHROPIC_API_KEY=\n",
        "anthropic",
        Kind::EnvVar,
    );
    assert_found(
        "application.properties",
        "spring.ai.openai.api-key=${OPENAI_API_KEY}\n",
        "openai",
        Kind::EnvVar,
    );
    assert_found(
        "values.yaml",
        "env:\n  - name: GROQ_API_KEY\n    valueFrom: {secretKeyRef: {name: s, key: k}}\nmodel: llama-3.3-70b-versatile\n",
        "groq",
        Kind::EnvVar,
    );
    assert_found(
        "docker-compose.yml",
        "services:\n  llm:\n    image: ollama/ollama:latest\n",
        "ollama",
        Kind::IacResource,
    );
    assert_found(
        "settings.json",
        "{\"endpoint\": \"https://api.mistral.ai/v1\"}\n",
        "mistral",
        Kind::Endpoint,
    );
    assert_found(
        "config.toml",
        "[llm]\nmodel = \"claude-3-5-haiku-20241022\"\n",
        "anthropic",
        Kind::ModelName,
    );
    let tf = "resource \"azurerm_cognitive_account\" \"oai\" {\n  name = \"acme\"\n  kind = \"OpenAI\"\n  location = \"swedencentral\"\n}\n";
    let f = analyze("main.tf", tf);
    let iac = f.iter().find(|f| f.kind == Kind::IacResource).expect("iac");
    assert_eq!(iac.vendor, "azure-openai");
    assert_eq!(iac.region.as_deref(), Some("swedencentral"));
    assert_quiet(
        "main.tf",
        "resource \"azurerm_cognitive_account\" \"cv\" {\n  kind = \"ComputerVision\"\n}\n",
    );
}

#[test]
fn regional_endpoints_capture_the_region() {
    let f = analyze(
        "app.py",
        "URL = \"https://bedrock-runtime.eu-central-1.amazonaws.com\"\n",
    );
    let e = f
        .iter()
        .find(|f| f.kind == Kind::Endpoint)
        .expect("endpoint");
    assert_eq!(
        (e.vendor.as_str(), e.region.as_deref()),
        ("aws-bedrock", Some("eu-central-1"))
    );
    let f = analyze(
        "app.ts",
        "const u = \"https://europe-west4-aiplatform.googleapis.com/v1\";\n",
    );
    let e = f
        .iter()
        .find(|f| f.kind == Kind::Endpoint)
        .expect("endpoint");
    assert_eq!(
        (e.vendor.as_str(), e.region.as_deref()),
        ("google-vertex", Some("europe-west4"))
    );
}

#[test]
fn comments_docstrings_and_prose_are_not_dependencies() {
    assert_quiet(
        "app.py",
        "\"\"\"This service used openai.OpenAI() and gpt-4o until 2024.\"\"\"\n# import anthropic\n# client = anthropic.Anthropic()\ndef f():\n    \"\"\"Calls Claude (claude-3-5-sonnet-20240620).\"\"\"\n    return 1\n",
    );
    assert_quiet(
        "index.ts",
        "// import OpenAI from \"openai\";\n/* new OpenAI({ model: \"gpt-4o\" }) */\nexport const x = 1;\n",
    );
    assert_quiet(
        "main.go",
        "package main\n// openai.NewClient() was removed; see ANTHROPIC_API_KEY docs\nfunc main() {}\n",
    );
    assert_quiet(
        "CHANGELOG.md",
        "## 2.0\n- Migrated from OpenAI's davinci to gpt-4o; dropped Anthropic.\n",
    );
    assert_quiet(
        "docs/vendors.md",
        "We evaluated Together, Replicate, Cohere and Mistral.\n",
    );
    assert_quiet("main.rs", "/// Talks to OpenAI's gpt-4o.\nfn main() {}\n");
}

#[test]
fn look_alike_words_are_not_vendors() {
    assert_quiet(
        "merge.py",
        "from itertools import chain\n\ndef merge(a, b):\n    # put the lists together\n    together = list(chain(a, b))\n    return together\n\ndef replicate_rows(rows, n):\n    return [r for r in rows for _ in range(n)]\n\ncoherence = 0.5\n",
    );
    assert_quiet(
        "spec.py",
        "import openapi_spec_validator\nfrom openapi_core import OpenAPI\nspec = OpenAPI.from_file_path('openapi.yaml')\n",
    );
    assert_quiet(
        "disk.sh",
        "parted /dev/sda mklabel gpt\n# GPT partition table with 3 partitions\n",
    );
    assert_quiet(
        "partition.py",
        "TABLE = \"gpt\"\nsubprocess.run([\"parted\", dev, \"mklabel\", \"gpt\"])\n",
    );
    assert_quiet(
        "requirements.txt",
        "openapi-core==0.19\ncoherent-ui==1.0\nreplicate-tools==0.1\n",
    );
    assert_quiet(
        "cli.py",
        "import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument(\"command\")\nmode = \"sonar\"\n",
    );
}

#[test]
fn model_ids_outside_a_model_context_are_low_confidence_at_most() {
    let f = analyze(
        "app.py",
        "GREETING = \"Try gpt-4o today\"\nLABEL = \"claude-3-5-haiku-20241022\"\n",
    );
    assert!(f.iter().all(|f| f.confidence == Confidence::Low), "{f:?}");
    let f = analyze("app.py", "MODEL = \"claude-3-5-haiku-20241022\"\n");
    assert!(
        f.iter()
            .any(|f| f.kind == Kind::ModelName && f.confidence == Confidence::High),
        "{f:?}"
    );
}

#[test]
fn router_prefixed_and_hosted_model_ids() {
    let model = |code: &str| {
        analyze("app.py", code)
            .into_iter()
            .find(|f| f.kind == Kind::ModelName)
            .map(|f| (f.vendor, f.family))
    };
    assert_eq!(
        model("model = \"bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0\"\n"),
        Some(("aws-bedrock".into(), Some("claude".into())))
    );
    assert_eq!(
        model("model = \"anthropic/claude-3-5-haiku-20241022\"\n").map(|m| m.0),
        Some("anthropic".into())
    );
    assert_eq!(
        model("model = \"groq/llama-3.3-70b-versatile\"\n").map(|m| m.0),
        Some("groq".into())
    );
    assert_eq!(
        model("model = \"ft:gpt-4o-mini-2024-07-18:acme::9xYz\"\n").map(|m| m.0),
        Some("openai".into())
    );
}

#[test]
fn base_url_redirects_name_the_real_vendor() {
    let f = analyze(
        "app.py",
        "from openai import OpenAI\nclient = OpenAI(base_url=\"https://api.deepseek.com\", api_key=key)\nclient.chat.completions.create(model=\"deepseek-chat\", messages=[])\n",
    );
    let client = f
        .iter()
        .find(|f| f.kind == Kind::SdkCall && f.line == 2)
        .unwrap();
    assert_eq!(client.vendor, "deepseek");
    assert!(client.via.as_deref().unwrap().contains("api.deepseek.com"));
    let f = analyze(
        "app.ts",
        "import OpenAI from \"openai\";\nconst c = new OpenAI({ baseURL: \"http://localhost:11434/v1\" });\n",
    );
    assert!(
        f.iter()
            .any(|f| f.kind == Kind::SdkCall && f.vendor == "ollama"),
        "{f:?}"
    );
    let f = analyze(
        "app.py",
        "from anthropic import AnthropicVertex\nc = AnthropicVertex(region=\"europe-west1\", project_id=\"p\")\n",
    );
    assert!(
        f.iter()
            .any(|f| f.kind == Kind::SdkCall && f.vendor == "google-vertex" && f.via.is_some()),
        "{f:?}"
    );
}

#[test]
fn notebooks_report_notebook_lines() {
    let nb = include_str!("../examples/monorepo/notebooks/eval-prompts.ipynb");
    let f = analyze("eval.ipynb", nb);
    let import = f
        .iter()
        .find(|f| f.kind == Kind::SdkImport && f.vendor == "google-gemini")
        .unwrap();
    let line = nb.lines().nth(import.line as usize - 1).unwrap();
    assert!(
        line.contains("google.generativeai"),
        "line {} is {line}",
        import.line
    );
}

#[test]
fn broken_files_give_diagnostics_not_failures() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        "{\n  \"dependencies\": {\n    \"openai\": \n",
    )
    .unwrap();
    std::fs::write(dir.path().join("app.py"), b"import openai\x00\x01\x02").unwrap();
    std::fs::write(
        dir.path().join("nb.ipynb"),
        "{\"cells\": [ {\"cell_type\": \"code\", \"source\": [\"import openai\"",
    )
    .unwrap();
    std::fs::write(dir.path().join("ok.py"), "import anthropic\n").unwrap();
    let r = scan_dir(dir.path(), false);
    let codes: Vec<(&str, &str, Option<u32>)> = r
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str(), d.line))
        .collect();
    assert!(
        codes.contains(&("bad-manifest", "package.json", Some(4))),
        "{codes:?}"
    );
    assert!(
        codes
            .iter()
            .any(|c| c.0 == "binary-file" && c.1 == "app.py"),
        "{codes:?}"
    );
    assert!(
        codes
            .iter()
            .any(|c| c.0 == "bad-notebook" && c.1 == "nb.ipynb"),
        "{codes:?}"
    );
    assert!(
        r.findings
            .iter()
            .any(|f| f.file == "ok.py" && f.vendor == "anthropic"),
        "the rest is still scanned"
    );
}

#[test]
fn oversized_files_are_skipped_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("big.js"),
        format!("import OpenAI from 'openai';\n{}", "x".repeat(5000)),
    )
    .unwrap();
    let mut o = aidep::scan::ScanOptions::new(dir.path());
    o.max_filesize = 1000;
    let r = aidep::scan::scan(rules(), &o, &()).unwrap();
    assert!(r.findings.is_empty());
    assert_eq!(r.diagnostics[0].code, "file-too-large");
    assert_eq!(r.diagnostics[0].file, "big.js");
}

#[test]
fn ignore_files_and_excludes() {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [
        (".gitignore", "build/\n"),
        (".aidepignore", "legacy/\n"),
        ("build/gen.py", "import openai\n"),
        ("legacy/old.py", "import openai\n"),
        ("vendored/x.py", "import openai\n"),
        ("src/app.py", "import openai\n"),
    ] {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let mut o = aidep::scan::ScanOptions::new(dir.path());
    o.excludes = vec!["vendored/**".into()];
    let files: Vec<String> = aidep::scan::scan(rules(), &o, &())
        .unwrap()
        .findings
        .into_iter()
        .map(|f| f.file)
        .collect();
    assert_eq!(files, ["src/app.py"]);
    o.no_ignore = true;
    o.excludes.clear();
    let all = aidep::scan::scan(rules(), &o, &()).unwrap().findings.len();
    assert_eq!(all, 4);
}

#[test]
fn utf16_and_crlf_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "import anthropic\r\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(dir.path().join("a.py"), utf16).unwrap();
    std::fs::write(dir.path().join("b.py"), "x = 1\r\nimport cohere\r\n").unwrap();
    let r = scan_dir(dir.path(), false);
    let got: Vec<(&str, u32)> = r
        .findings
        .iter()
        .map(|f| (f.vendor.as_str(), f.line))
        .collect();
    assert_eq!(got, [("anthropic", 1), ("cohere", 2)]);
}

#[test]
fn plain_words_and_display_names_are_not_model_ids() {
    assert_quiet(
        "graph.ts",
        "export const meta = { ls_model_type: 'chat', model: 'fast' };\n",
    );
    assert_quiet(
        "models.ts",
        "export const list = [{ modelName: \"GPT-4o\", label: \"Gemma-7b-It\" }];\n",
    );
    let f = analyze(
        "opts.go",
        "package x\nvar o = anthropic.WithModel(\"claude-3-5-sonnet-20240620\")\n",
    );
    assert!(
        f.iter()
            .any(|f| f.kind == Kind::ModelName && f.confidence == Confidence::High),
        "{f:?}"
    );
}

#[test]
fn bare_gemini_ids_are_the_gemini_api_not_vertex() {
    let f = analyze("app.ts", "const model = \"gemini-2.5-flash\";\n");
    assert_eq!(
        f.iter()
            .find(|f| f.kind == Kind::ModelName)
            .map(|f| f.vendor.as_str()),
        Some("google-gemini")
    );
    let f = analyze(
        "app.py",
        "model = \"anthropic.claude-3-5-sonnet-20240620-v1:0\"\n",
    );
    assert_eq!(
        f.iter()
            .find(|f| f.kind == Kind::ModelName)
            .map(|f| f.vendor.as_str()),
        Some("aws-bedrock")
    );
}

#[test]
fn key_shapes_inside_longer_tokens_are_not_secrets() {
    let blob = format!(
        "encrypted_content: \"gAAAAB{}r8_K9Qrd{}\"\n",
        "x".repeat(40),
        "Y".repeat(60)
    );
    assert!(
        !analyze("cassette.yaml", &blob)
            .iter()
            .any(|f| f.kind == Kind::Secret)
    );
}

#[test]
fn credential_values_never_reach_the_evidence() {
    let value = "d26a9c3e1f0b4a7c8e2d5f6a9b0c1d2e";
    let f = analyze(
        ".env",
        &format!("DEEPSEEK_API_KEY={value}\nMISTRAL_API_KEY=Zx8c7V6b5N4m3L2k1J0hGfDsA9qW8eR7\n"),
    );
    assert!(!f.is_empty());
    for finding in &f {
        assert!(
            !finding.evidence.contains(value) && !finding.evidence.contains("Zx8c7V6b5N4m3L2k"),
            "{}",
            finding.evidence
        );
    }
}

#[test]
fn rust_test_modules_are_test_scope() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lib.rs"),
        "use async_openai::Client;\npub fn c() -> Client<async_openai::config::OpenAIConfig> { Client::new() }\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { let _ = std::env::var(\"OPENAI_API_KEY\"); }\n}\n",
    )
    .unwrap();
    let r = scan_dir(dir.path(), true);
    let env = r
        .findings
        .iter()
        .find(|f| f.kind == Kind::EnvVar)
        .expect("env read");
    assert_eq!(env.scope, aidep::finding::Scope::Test);
    let call = r
        .findings
        .iter()
        .find(|f| f.kind == Kind::SdkCall)
        .expect("client");
    assert_eq!(call.scope, aidep::finding::Scope::Product);
}

#[test]
fn long_lines_show_the_finding_not_the_start() {
    let line = format!(
        "var a=\"{}\";const u=\"https://api.mistral.ai/v1\";\n",
        "q".repeat(5000)
    );
    let f = analyze("bundle.min.js", &line);
    let e = f
        .iter()
        .find(|f| f.kind == Kind::Endpoint)
        .expect("endpoint in minified code");
    assert!(
        e.evidence.contains("api.mistral.ai") && e.evidence.chars().count() < 210,
        "{}",
        e.evidence
    );
}

#[test]
fn a_repository_s_own_packages_are_not_its_dependencies() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("go.mod"),
        "module github.com/tmc/langchaingo\n\ngo 1.22\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("examples")).unwrap();
    std::fs::write(
        dir.path().join("examples/main.go"),
        "package main\nimport (\n\t\"github.com/tmc/langchaingo/llms/openai\"\n\t\"github.com/anthropics/anthropic-sdk-go\"\n)\nfunc main() { _, _ = openai.New(); _ = anthropic.NewClient() }\n",
    )
    .unwrap();
    let r = scan_dir(dir.path(), false);
    let vendors: Vec<&str> = r.findings.iter().map(|f| f.vendor.as_str()).collect();
    assert!(!vendors.contains(&"langchain"), "{vendors:?}");
    assert!(vendors.contains(&"anthropic"), "{vendors:?}");
}

#[test]
fn java_typed_fields_and_builders() {
    let java = "import com.openai.client.OpenAIClient;\nimport com.openai.client.okhttp.OpenAIOkHttpClient;\nclass E {\n  private final OpenAIClient client;\n  E() { this.client = OpenAIOkHttpClient.builder().apiKey(k).build(); }\n  Object e(Object p) { return client.embeddings().create(p); }\n}\n";
    let f = analyze("E.java", java);
    let calls: Vec<(u32, Option<&str>)> = f
        .iter()
        .filter(|f| f.kind == Kind::SdkCall)
        .map(|f| (f.line, f.capability.as_deref()))
        .collect();
    assert_eq!(
        calls,
        [(5, Some("chat")), (6, Some("embeddings"))],
        "one call site per builder chain: {calls:?}"
    );
}
