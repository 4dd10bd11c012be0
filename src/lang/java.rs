//! Java facts from tree-sitter-java: imports, declared types of variables and fields (Java says
//! what a variable is), constructor calls, method-invocation chains (`X.builder().baseUrl(…)`),
//! `System.getenv` reads.

use super::{Kinds, for_each_node, named_children, pos, text, unquote};
use crate::facts::{
    Arg, ArgValue, Bindings, Call, EnvRead, Import, MAX_CHAIN, SourceFacts, StringLit,
};
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
    "line_comment",
    "block_comment",
    "import_declaration",
    "method_invocation",
    "object_creation_expression",
    "local_variable_declaration",
    "field_declaration",
    "string_literal",
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

impl<'s> Extractor<'s> {
    fn text(&self, node: Node) -> &'s str {
        text(node, self.src)
    }

    fn visit(&mut self, node: Node) {
        match node.kind() {
            "line_comment" | "block_comment" => self.facts.comments.push(node.byte_range()),
            "import_declaration" => self.import(node),
            "method_invocation" | "object_creation_expression" => self.call(node),
            "local_variable_declaration" | "field_declaration" => self.declaration(node),
            "string_literal" => self.string(node),
            _ => {}
        }
    }

    fn import(&mut self, node: Node) {
        let wildcard = named_children(node).iter().any(|n| n.kind() == "asterisk");
        let Some(path) = named_children(node)
            .into_iter()
            .find(|n| matches!(n.kind(), "scoped_identifier" | "identifier"))
        else {
            return;
        };
        let module = self.text(path).to_string();
        if !wildcard {
            let last = module.rsplit('.').next().unwrap_or(&module).to_string();
            self.bindings
                .bind(&last, module.split('.').map(str::to_string).collect());
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
            "identifier" | "type_identifier" | "this" => Some(vec![self.text(node).to_string()]),
            "scoped_identifier" | "scoped_type_identifier" => Some(
                self.text(node)
                    .split('.')
                    .map(|s| s.trim().to_string())
                    .collect(),
            ),
            "generic_type" => self.chain(node.named_child(0)?, depth + 1),
            "field_access" => {
                let mut base = self.chain(node.child_by_field_name("object")?, depth + 1)?;
                base.push(self.text(node.child_by_field_name("field")?).to_string());
                Some(base)
            }
            "method_invocation" => {
                let mut base = match node.child_by_field_name("object") {
                    Some(obj) => self.chain(obj, depth + 1)?,
                    None => Vec::new(),
                };
                base.push(self.text(node.child_by_field_name("name")?).to_string());
                Some(base)
            }
            "object_creation_expression" => {
                self.chain(node.child_by_field_name("type")?, depth + 1)
            }
            "parenthesized_expression" => self.chain(node.named_child(0)?, depth + 1),
            _ => None,
        }
    }

    fn resolve(&self, node: Node) -> Option<(Vec<String>, bool)> {
        self.chain(node, 0).map(|c| self.bindings.resolve(&c))
    }

    fn env_call(&self, node: Node) -> Option<String> {
        if node.kind() != "method_invocation" {
            return None;
        }
        let chain = self.chain(node, 0)?;
        if chain != ["System", "getenv"] {
            return None;
        }
        let args = node.child_by_field_name("arguments")?;
        let first = named_children(args).into_iter().next()?;
        (first.kind() == "string_literal").then(|| unquote(self.text(first)).to_string())
    }

    fn value(&self, node: Node) -> ArgValue {
        match node.kind() {
            "string_literal" => ArgValue::Str(unquote(self.text(node)).to_string()),
            "method_invocation" => self.env_call(node).map_or(ArgValue::Other, ArgValue::Env),
            "identifier" => self
                .bindings
                .constant(self.text(node))
                .cloned()
                .unwrap_or(ArgValue::Other),
            _ => ArgValue::Other,
        }
    }

    fn call(&mut self, node: Node) {
        let Some((name, resolved)) = self.resolve(node) else {
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
                    .filter(|a| !a.kind().ends_with("comment"))
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

    fn declaration(&mut self, node: Node) {
        let declared = node
            .child_by_field_name("type")
            .and_then(|t| self.resolve(t));
        let mut cursor = node.walk();
        let declarators: Vec<Node> = node
            .children_by_field_name("declarator", &mut cursor)
            .collect();
        for decl in declarators {
            let Some(name) = decl.child_by_field_name("name") else {
                continue;
            };
            let local = self.text(name).to_string();
            if let Some((ty, true)) = &declared {
                self.bindings.bind(&local, ty.clone());
            } else if let Some(value) = decl.child_by_field_name("value")
                && let Some((callee, true)) = self.resolve(value)
            {
                self.bindings.bind(&local, callee);
            }
            if let Some(value) = decl.child_by_field_name("value") {
                match self.value(value) {
                    ArgValue::Other => {}
                    v => self.bindings.bind_const(&local, v),
                }
            }
        }
    }

    fn string(&mut self, node: Node) {
        let value = unquote(self.text(node)).to_string();
        let Some(parent) = node.parent() else { return };
        let mut key = None;
        let mut call = None;
        match parent.kind() {
            "argument_list" => {
                call = parent
                    .parent()
                    .and_then(|c| self.call_index.get(&c.id()).copied());
                // builder style: .model("gpt-4o"), .modelName("…")
                key = parent
                    .parent()
                    .filter(|c| c.kind() == "method_invocation")
                    .and_then(|c| c.child_by_field_name("name"))
                    .map(|n| self.text(n).to_string());
            }
            "variable_declarator" => {
                key = parent
                    .child_by_field_name("name")
                    .map(|n| self.text(n).to_string());
            }
            "element_value_pair" => {
                key = parent
                    .child_by_field_name("key")
                    .map(|n| self.text(n).to_string());
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
