//! JavaScript and TypeScript (TSX too) facts from tree-sitter: ES imports (default, named,
//! namespace), `export … from`, `require()` with destructuring, dynamic `import()`, `new` and
//! plain calls with object-literal options, `process.env` / `import.meta.env` reads.

use super::{Kinds, ancestor, for_each_node_with_ancestors, named_children, pos, text, unquote};
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
    "comment",
    "import_statement",
    "export_statement",
    "call_expression",
    "new_expression",
    "variable_declarator",
    "assignment_expression",
    "member_expression",
    "subscript_expression",
    "string",
    "template_string",
];

pub fn extract(tree: &Tree, src: &str, kinds: Kinds) -> SourceFacts {
    let mut ex = Extractor {
        src,
        bindings: Bindings::default(),
        facts: SourceFacts::default(),
        call_index: HashMap::new(),
    };
    for_each_node_with_ancestors(tree, kinds, |node, ancestors| ex.visit(node, ancestors));
    ex.facts
}

impl<'s> Extractor<'s> {
    fn text(&self, node: Node) -> &'s str {
        text(node, self.src)
    }

    fn visit(&mut self, node: Node, ancestors: &[Node]) {
        match node.kind() {
            "comment" => self.facts.comments.push(node.byte_range()),
            "import_statement" | "export_statement" => self.import(node),
            "call_expression" | "new_expression" => self.call(node),
            "variable_declarator" => self.declarator(node),
            "assignment_expression" => self.assignment(node),
            "member_expression" | "subscript_expression" => {
                if let Some(name) = self.env_member(node) {
                    self.facts.env_reads.push(EnvRead {
                        name,
                        pos: pos(node),
                    });
                }
            }
            "string" | "template_string" => self.string(node, ancestors),
            _ => {}
        }
    }

    fn import(&mut self, node: Node) {
        let Some(source) = node.child_by_field_name("source") else {
            return;
        };
        let module = unquote(self.text(source)).to_string();
        for child in named_children(node) {
            if child.kind() != "import_clause" {
                continue;
            }
            for part in named_children(child) {
                match part.kind() {
                    // import OpenAI from "openai": the default export stands for the module.
                    "identifier" => self.bindings.bind(self.text(part), vec![module.clone()]),
                    "namespace_import" => {
                        if let Some(id) = named_children(part)
                            .into_iter()
                            .find(|n| n.kind() == "identifier")
                        {
                            self.bindings.bind(self.text(id), vec![module.clone()]);
                        }
                    }
                    "named_imports" => {
                        for spec in named_children(part) {
                            if spec.kind() != "import_specifier" {
                                continue;
                            }
                            let Some(name) = spec.child_by_field_name("name") else {
                                continue;
                            };
                            let imported = unquote(self.text(name)).to_string();
                            let local = spec
                                .child_by_field_name("alias")
                                .map_or(imported.clone(), |a| self.text(a).to_string());
                            self.bindings.bind(&local, vec![module.clone(), imported]);
                        }
                    }
                    _ => {}
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
            "identifier" | "this" | "property_identifier" => {
                Some(vec![self.text(node).to_string()])
            }
            "member_expression" => {
                let mut base = self.chain(node.child_by_field_name("object")?, depth + 1)?;
                base.push(self.text(node.child_by_field_name("property")?).to_string());
                Some(base)
            }
            "call_expression" => self.chain(node.child_by_field_name("function")?, depth + 1),
            "new_expression" => self.chain(node.child_by_field_name("constructor")?, depth + 1),
            "await_expression" | "parenthesized_expression" | "non_null_expression" => {
                self.chain(node.named_child(0)?, depth + 1)
            }
            _ => None,
        }
    }

    fn resolve(&self, node: Node) -> Option<(Vec<String>, bool)> {
        self.chain(node, 0).map(|c| self.bindings.resolve(&c))
    }

    /// `process.env.X`, `process.env["X"]`, `import.meta.env.X`.
    fn env_member(&self, node: Node) -> Option<String> {
        let object = node.child_by_field_name("object")?;
        let object_text = self.text(object);
        if !matches!(object_text, "process.env" | "import.meta.env") {
            return None;
        }
        let name = match node.kind() {
            "member_expression" => self.text(node.child_by_field_name("property")?),
            _ => {
                let index = node.child_by_field_name("index")?;
                if index.kind() != "string" {
                    return None;
                }
                unquote(self.text(index))
            }
        };
        Some(name.to_string())
    }

    fn value(&self, node: Node) -> ArgValue {
        match node.kind() {
            "string" | "template_string" => {
                string_value(node, self.src).map_or(ArgValue::Other, ArgValue::Str)
            }
            "member_expression" | "subscript_expression" => {
                self.env_member(node).map_or(ArgValue::Other, ArgValue::Env)
            }
            "identifier" => self
                .bindings
                .constant(self.text(node))
                .cloned()
                .unwrap_or(ArgValue::Other),
            // `process.env.X ?? "http://localhost:11434"`, `process.env.X || "..."`
            "binary_expression" => {
                let left = node.child_by_field_name("left").map(|l| self.value(l));
                let right = node.child_by_field_name("right").map(|r| self.value(r));
                match (left, right) {
                    (Some(ArgValue::Env(e)), _) => ArgValue::Env(e),
                    (_, Some(ArgValue::Str(s))) => ArgValue::Str(s),
                    _ => ArgValue::Other,
                }
            }
            "await_expression"
            | "parenthesized_expression"
            | "as_expression"
            | "non_null_expression" => node
                .named_child(0)
                .map_or(ArgValue::Other, |n| self.value(n)),
            _ => ArgValue::Other,
        }
    }

    fn call(&mut self, node: Node) {
        let function = match node.kind() {
            "new_expression" => node.child_by_field_name("constructor"),
            _ => node.child_by_field_name("function"),
        };
        let Some(function) = function else { return };
        let args_node = node.child_by_field_name("arguments");
        let mut args = Vec::new();
        if let Some(list) = args_node {
            for arg in named_children(list) {
                match arg.kind() {
                    "comment" => {}
                    "object" => {
                        for prop in named_children(arg) {
                            if prop.kind() == "pair" {
                                let key = prop
                                    .child_by_field_name("key")
                                    .map(|k| unquote(self.text(k)).to_string());
                                let value = prop
                                    .child_by_field_name("value")
                                    .map_or(ArgValue::Other, |v| self.value(v));
                                args.push(Arg { name: key, value });
                            }
                        }
                    }
                    _ => args.push(Arg {
                        name: None,
                        value: self.value(arg),
                    }),
                }
            }
        }
        let first_str = match args.first() {
            Some(Arg {
                name: None,
                value: ArgValue::Str(s),
            }) => Some(s.clone()),
            _ => None,
        };
        // import("x") and require("x")
        let is_dynamic_import = function.kind() == "import";
        let is_require = function.kind() == "identifier" && self.text(function) == "require";
        if (is_dynamic_import || is_require)
            && let Some(module) = first_str
        {
            self.bind_require(node, &module);
            self.facts.imports.push(Import {
                module,
                pos: pos(node),
            });
            return;
        }
        let Some((name, resolved)) = self.resolve(function) else {
            return;
        };
        self.call_index.insert(node.id(), self.facts.calls.len());
        self.facts.calls.push(Call {
            name,
            resolved,
            pos: pos(node),
            args,
        });
    }

    /// `const x = require("m")`, `const { A, B: C } = require("m")`, `const m = await import("m")`.
    fn bind_require(&mut self, call: Node, module: &str) {
        let mut up = call.parent();
        while let Some(p) = up {
            if p.kind() == "await_expression" || p.kind() == "parenthesized_expression" {
                up = p.parent();
            } else {
                break;
            }
        }
        let Some(decl) = up.filter(|p| p.kind() == "variable_declarator") else {
            return;
        };
        let Some(name) = decl.child_by_field_name("name") else {
            return;
        };
        match name.kind() {
            "identifier" => self
                .bindings
                .bind(self.text(name), vec![module.to_string()]),
            "object_pattern" => {
                for prop in named_children(name) {
                    match prop.kind() {
                        "shorthand_property_identifier_pattern" => {
                            let local = self.text(prop);
                            self.bindings
                                .bind(local, vec![module.to_string(), local.to_string()]);
                        }
                        "pair_pattern" => {
                            let (Some(key), Some(value)) = (
                                prop.child_by_field_name("key"),
                                prop.child_by_field_name("value"),
                            ) else {
                                continue;
                            };
                            let imported = unquote(self.text(key)).to_string();
                            self.bindings
                                .bind(self.text(value), vec![module.to_string(), imported]);
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn bind_value(&mut self, local: &str, value: Node) {
        let mut rhs = value;
        while matches!(
            rhs.kind(),
            "await_expression"
                | "parenthesized_expression"
                | "as_expression"
                | "non_null_expression"
        ) {
            match rhs.named_child(0) {
                Some(inner) => rhs = inner,
                None => return,
            }
        }
        if matches!(rhs.kind(), "call_expression" | "new_expression")
            && let Some((name, true)) = self.resolve(rhs)
        {
            self.bindings.bind(local, name);
        }
        match self.value(rhs) {
            ArgValue::Other => {}
            v => self.bindings.bind_const(local, v),
        }
    }

    fn declarator(&mut self, node: Node) {
        let (Some(name), Some(value)) = (
            node.child_by_field_name("name"),
            node.child_by_field_name("value"),
        ) else {
            return;
        };
        if name.kind() == "identifier" {
            let local = self.text(name).to_string();
            self.bind_value(&local, value);
        }
    }

    fn assignment(&mut self, node: Node) {
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return;
        };
        if matches!(left.kind(), "identifier" | "member_expression") {
            let local = self.text(left).to_string();
            self.bind_value(&local, right);
        }
    }

    fn string(&mut self, node: Node, ancestors: &[Node]) {
        let Some(value) = string_value(node, self.src) else {
            return;
        };
        let up = |k: usize| ancestor(ancestors, k);
        let Some(mut parent) = up(1) else {
            return;
        };
        // how far up `parent` is
        let mut level = 1;
        let mut child = node;
        if parent.kind() == "expression_statement" {
            return; // "use strict" and other bare strings
        }
        if matches!(parent.kind(), "import_statement" | "export_statement") {
            return; // module specifiers are imports, not data
        }
        if parent.kind() == "array"
            && let Some(grand) = up(2)
        {
            child = parent;
            parent = grand;
            level = 2;
        }
        let mut key = None;
        let mut call = None;
        match parent.kind() {
            "pair" if parent.child_by_field_name("value").map(|v| v.id()) == Some(child.id()) => {
                key = parent
                    .child_by_field_name("key")
                    .map(|k| unquote(self.text(k)).to_string());
                // { model: "…" } passed straight to a call
                call = up(level + 1)
                    .filter(|o| o.kind() == "object")
                    .and_then(|_| up(level + 2))
                    .filter(|a| a.kind() == "arguments")
                    .and_then(|_| up(level + 3))
                    .and_then(|c| self.call_index.get(&c.id()).copied());
            }
            "arguments" => {
                call = up(level + 1).and_then(|c| self.call_index.get(&c.id()).copied());
            }
            "variable_declarator" => {
                key = parent
                    .child_by_field_name("name")
                    .map(|n| self.text(n).to_string());
            }
            "assignment_expression" => {
                key = parent.child_by_field_name("left").map(|l| {
                    let t = self.text(l);
                    t.rsplit('.').next().unwrap_or(t).to_string()
                });
            }
            "public_field_definition" | "field_definition" => {
                key = parent
                    .child_by_field_name("name")
                    .or_else(|| parent.child_by_field_name("property"))
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

/// A string or a template string without substitutions.
fn string_value(node: Node, src: &str) -> Option<String> {
    let mut out = String::new();
    for part in named_children(node) {
        match part.kind() {
            "string_fragment" | "escape_sequence" => out.push_str(text(part, src)),
            "template_substitution" => return None,
            _ => {}
        }
    }
    if node.kind() == "template_string" && out.is_empty() {
        // older grammars expose template text without fragments
        let raw = unquote(text(node, src));
        if raw.contains("${") {
            return None;
        }
        return Some(raw.to_string());
    }
    Some(out)
}
