//! Go facts from tree-sitter-go: imports with explicit or inferred package names, selector calls,
//! composite-literal fields (`openai.ChatCompletionNewParams{Model: "…"}`), `os.Getenv` reads.

use super::{Kinds, for_each_node, named_children, pos, text, unquote};
use crate::facts::{
    Arg, ArgValue, Bindings, Call, EnvRead, Import, MAX_CHAIN, SourceFacts, StringLit,
};
use crate::rules::qname::strip_go_version;
use std::collections::HashMap;
use tree_sitter::{Node, Tree};

struct Extractor<'s> {
    src: &'s str,
    bindings: Bindings,
    facts: SourceFacts,
    call_index: HashMap<usize, usize>,
}

/// The node kinds `Extractor::visit` handles; the walk skips every other node.
pub(crate) const KINDS: &[&str] = &[
    "comment",
    "import_spec",
    "call_expression",
    "short_var_declaration",
    "assignment_statement",
    "var_spec",
    "const_spec",
    "interpreted_string_literal",
    "raw_string_literal",
];

pub fn extract(tree: &Tree, src: &str, kinds: Kinds) -> SourceFacts {
    let mut ex = Extractor {
        src,
        bindings: Bindings::default(),
        facts: SourceFacts::default(),
        call_index: HashMap::new(),
    };
    for_each_node(tree, kinds, |node| ex.visit(node));
    ex.facts
}

/// Names a Go package is likely declared with, from its import path: `openai-go` → `openai`,
/// `go-openai` → `openai`, `anthropic-sdk-go` → `anthropic`, `generative-ai-go/genai` → `genai`.
fn package_names(path: &str) -> Vec<String> {
    let path = strip_go_version(path);
    let last = path.rsplit('/').next().unwrap_or(&path).to_string();
    let mut names = vec![last.clone()];
    if let Some(s) = last.strip_prefix("go-") {
        names.push(s.to_string());
    }
    if let Some(s) = last.strip_suffix("-go") {
        names.push(s.to_string());
    }
    if let Some(first) = last.split(['-', '.']).next() {
        names.push(first.to_string());
    }
    names.push(last.replace(['-', '.'], ""));
    names.sort();
    names.dedup();
    names
}

impl<'s> Extractor<'s> {
    fn text(&self, node: Node) -> &'s str {
        text(node, self.src)
    }

    fn visit(&mut self, node: Node) {
        match node.kind() {
            "comment" => self.facts.comments.push(node.byte_range()),
            "import_spec" => self.import(node),
            "call_expression" => self.call(node),
            "short_var_declaration" | "assignment_statement" => {
                self.assignment(node, "left", "right")
            }
            "var_spec" | "const_spec" => self.assignment(node, "name", "value"),
            "interpreted_string_literal" | "raw_string_literal" => self.string(node),
            _ => {}
        }
    }

    fn import(&mut self, node: Node) {
        let Some(path_node) = node.child_by_field_name("path") else {
            return;
        };
        let module = unquote(self.text(path_node)).to_string();
        let target = vec![strip_go_version(&module)];
        match node.child_by_field_name("name") {
            Some(alias) if alias.kind() == "package_identifier" => {
                self.bindings.bind(self.text(alias), target);
            }
            Some(_) => {} // `_` and `.` imports bind no name
            None => {
                for name in package_names(&module) {
                    self.bindings.bind(&name, target.clone());
                }
            }
        }
        self.facts.imports.push(Import {
            module,
            pos: pos(node),
        });
    }

    fn chain(&self, node: Node, depth: usize) -> Option<Vec<String>> {
        if depth > MAX_CHAIN {
            return None;
        }
        match node.kind() {
            "identifier" | "package_identifier" | "field_identifier" | "type_identifier" => {
                Some(vec![self.text(node).to_string()])
            }
            "selector_expression" => {
                let mut base = self.chain(node.child_by_field_name("operand")?, depth + 1)?;
                base.push(self.text(node.child_by_field_name("field")?).to_string());
                Some(base)
            }
            "qualified_type" => {
                let mut base = vec![self.text(node.child_by_field_name("package")?).to_string()];
                base.push(self.text(node.child_by_field_name("name")?).to_string());
                Some(base)
            }
            "call_expression" => self.chain(node.child_by_field_name("function")?, depth + 1),
            "parenthesized_expression" | "unary_expression" => {
                self.chain(node.named_child(0)?, depth + 1)
            }
            _ => None,
        }
    }

    fn resolve(&self, node: Node) -> Option<(Vec<String>, bool)> {
        self.chain(node, 0).map(|c| self.bindings.resolve(&c))
    }

    fn env_call(&self, node: Node) -> Option<String> {
        let (name, resolved) = self.resolve(node.child_by_field_name("function")?)?;
        if !resolved || !(name == ["os", "Getenv"] || name == ["os", "LookupEnv"]) {
            return None;
        }
        let args = node.child_by_field_name("arguments")?;
        let first = named_children(args).into_iter().next()?;
        matches!(
            first.kind(),
            "interpreted_string_literal" | "raw_string_literal"
        )
        .then(|| unquote(self.text(first)).to_string())
    }

    fn value(&self, node: Node) -> ArgValue {
        match node.kind() {
            "interpreted_string_literal" | "raw_string_literal" => {
                ArgValue::Str(unquote(self.text(node)).to_string())
            }
            "call_expression" => self.env_call(node).map_or(ArgValue::Other, ArgValue::Env),
            "identifier" => self
                .bindings
                .constant(self.text(node))
                .cloned()
                .unwrap_or(ArgValue::Other),
            _ => ArgValue::Other,
        }
    }

    fn call(&mut self, node: Node) {
        let Some(function) = node.child_by_field_name("function") else {
            return;
        };
        let Some((name, resolved)) = self.resolve(function) else {
            return;
        };
        if let Some(var) = self.env_call(node) {
            self.facts.env_reads.push(EnvRead {
                name: var,
                pos: pos(node),
            });
        }
        let args = node
            .child_by_field_name("arguments")
            .map(|list| {
                named_children(list)
                    .into_iter()
                    .filter(|a| a.kind() != "comment")
                    .map(|a| Arg {
                        name: None,
                        value: self.value(a),
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.call_index.insert(node.id(), self.facts.calls.len());
        self.facts.calls.push(Call {
            name,
            resolved,
            pos: pos(node),
            args,
        });
    }

    fn assignment(&mut self, node: Node, left_field: &str, right_field: &str) {
        let (Some(left), Some(right)) = (
            node.child_by_field_name(left_field),
            node.child_by_field_name(right_field),
        ) else {
            return;
        };
        let lefts: Vec<Node> = if left.kind() == "expression_list" {
            named_children(left)
        } else {
            vec![left]
        };
        let rights: Vec<Node> = if right.kind() == "expression_list" {
            named_children(right)
        } else {
            vec![right]
        };
        // `client := openai.NewClient(...)`; `resp, err := client.Chat...` binds the first name.
        if let (Some(l), Some(r)) = (lefts.first(), rights.first()) {
            let local = self.text(*l).to_string();
            if r.kind() == "call_expression"
                && let Some((name, true)) = self.resolve(*r)
            {
                self.bindings.bind(&local, name);
            }
            match self.value(*r) {
                ArgValue::Other => {}
                v => self.bindings.bind_const(&local, v),
            }
        }
    }

    fn string(&mut self, node: Node) {
        let value = unquote(self.text(node)).to_string();
        let Some(parent) = node.parent() else { return };
        if parent.kind() == "import_spec" {
            return;
        }
        let mut key = None;
        let mut call = None;
        match parent.kind() {
            "argument_list" => {
                call = parent
                    .parent()
                    .and_then(|c| self.call_index.get(&c.id()).copied());
            }
            "literal_element" => {
                // keyed_element: literal_element(key) ':' literal_element(value)
                if let Some(keyed) = parent.parent().filter(|k| k.kind() == "keyed_element") {
                    let parts = named_children(keyed);
                    if parts.len() == 2 && parts[1].id() == parent.id() {
                        key = Some(self.text(parts[0]).to_string());
                    }
                }
            }
            "keyed_element" => {
                let parts = named_children(parent);
                if parts.len() == 2 && parts[1].id() == node.id() {
                    key = Some(self.text(parts[0]).to_string());
                }
            }
            "expression_list" => {
                if let Some(spec) = parent.parent()
                    && matches!(
                        spec.kind(),
                        "const_spec"
                            | "var_spec"
                            | "short_var_declaration"
                            | "assignment_statement"
                    )
                {
                    let left = spec
                        .child_by_field_name("name")
                        .or_else(|| spec.child_by_field_name("left"));
                    key = left.map(|l| self.text(l).to_string());
                }
            }
            "const_spec" | "var_spec" => {
                key = parent
                    .child_by_field_name("name")
                    .map(|l| self.text(l).to_string());
            }
            _ => {}
        }
        self.facts.strings.push(StringLit {
            value,
            pos: pos(node),
            key,
            call,
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn infers_package_names() {
        let names = super::package_names("github.com/anthropics/anthropic-sdk-go");
        assert!(names.contains(&"anthropic".to_string()));
        let names = super::package_names("github.com/sashabaranov/go-openai");
        assert!(names.contains(&"openai".to_string()));
        let names = super::package_names("github.com/openai/openai-go/v2");
        assert!(names.contains(&"openai".to_string()));
    }
}
