//! Pack self-tests: every example of every pack analysed as the scan would, `expect` rules found
//! (medium or high confidence), `reject` rules absent, and every declared matcher kind covered.

use crate::finding::Confidence;
use crate::rules::RuleSet;
use crate::scan::analyze_text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub pack: String,
    pub source: String,
    pub message: String,
}

pub struct Outcome {
    pub examples: usize,
    pub failures: Vec<Failure>,
}

/// Runs the examples of the packs selected by `only` (all when `None`).
pub fn run(rules: &RuleSet, only: Option<&dyn Fn(&str) -> bool>) -> Outcome {
    let mut examples = 0;
    let mut failures = Vec::new();
    for pack in &rules.packs {
        if only.is_some_and(|f| !f(&pack.source)) {
            continue;
        }
        for missing in pack.uncovered_kinds() {
            failures.push(Failure {
                pack: pack.id.clone(),
                source: pack.source.clone(),
                message: format!("matcher not covered: {missing}"),
            });
        }
        for (n, ex) in pack.examples.iter().enumerate() {
            examples += 1;
            let findings = analyze_text(rules, &ex.file, &ex.code);
            let found = |rule: &str| {
                findings
                    .iter()
                    .any(|f| f.rule == rule && f.confidence >= Confidence::Medium)
            };
            for rule in &ex.expect {
                if !found(rule) {
                    let got: Vec<String> = findings
                        .iter()
                        .map(|f| {
                            format!(
                                "{}@{}:{}({})",
                                f.rule,
                                f.line,
                                f.column,
                                f.confidence.as_str()
                            )
                        })
                        .collect();
                    failures.push(Failure {
                        pack: pack.id.clone(),
                        source: pack.source.clone(),
                        message: format!(
                            "examples[{n}] ({}): expected {rule}, found [{}]",
                            ex.file,
                            got.join(", ")
                        ),
                    });
                }
            }
            for rule in &ex.reject {
                if found(rule) {
                    let at: Vec<String> = findings
                        .iter()
                        .filter(|f| &f.rule == rule)
                        .map(|f| format!("line {}: {}", f.line, f.evidence))
                        .collect();
                    failures.push(Failure {
                        pack: pack.id.clone(),
                        source: pack.source.clone(),
                        message: format!(
                            "examples[{n}] ({}): {rule} must not be found, but was at {}",
                            ex.file,
                            at.join("; ")
                        ),
                    });
                }
            }
        }
    }
    Outcome { examples, failures }
}
