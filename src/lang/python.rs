//! Python facts from tree-sitter-python: `import`/`from` bindings with aliases, dynamic imports
//! (`importlib.import_module`, `__import__`), calls, keyword arguments, `os.environ`/`os.getenv`
//! reads. Docstrings and other bare string statements are prose and yield nothing.

use super::{Kinds, ancestor, for_each_node_with_ancestors, named_children, pos, text, unquote};
use crate::facts::{
    Arg, ArgValue, Bindings, Call, EnvRead, Import, MAX_CHAIN, SourceFacts, StringLit,
};
use std::collections::HashMap;
use tree_sitter::{Node, Tree};

const ENV_GETTERS: &[&[&str]] = &[
    &["os", "getenv"],
    &["os", "environ", "get"],
    &["os", "environ", "setdefault"],
    &["os", "environ", "pop"],
];

struct Extractor<'s> {
    src: &'s str,
    bindings: Bindings,
    facts: SourceFacts,
    call_index: HashMap<usize, usize>,
    /// Constants passed by name to the call being read, as (value, position, keyword).
    flowed: Vec<(String, crate::facts::Pos, Option<String>)>,
}

/// The node kinds `Extractor::visit` handles; the walk skips every other node.
pub(crate) const KINDS: &[&str] = &[
    "comment",
    "import_statement",
    "import_from_statement",
    "call",
    "assignment",
    "subscript",
    "string",
];

pub fn extract(tree: &Tree, src: &str, kinds: Kinds) -> SourceFacts {
    let mut ex = Extractor {
        src,
        bindings: Bindings::default(),
        facts: SourceFacts::default(),
        call_index: HashMap::new(),
        flowed: Vec::new(),
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
            "import_statement" => self.import(node),
            "import_from_statement" => self.import_from(node),
            "call" => self.call(node),
            "assignment" => self.assignment(node),
            "subscript" => {
                if let Some(name) = self.environ_subscript(node) {
                    self.facts.env_reads.push(EnvRead {
                        name,
                        pos: pos(node),
                    });
                }
            }
            "string" => self.string(node, ancestors),
            _ => {}
        }
    }

    fn import(&mut self, node: Node) {
        for child in named_children(node) {
            match child.kind() {
                "dotted_name" => {
                    let module = self.text(child).to_string();
                    let root = module.split('.').next().unwrap_or(&module).to_string();
                    self.bindings.bind(&root, vec![root.clone()]);
                    self.facts.imports.push(Import {
                        module,
                        pos: pos(node),
                    });
                }
                "aliased_import" => {
                    let Some(name) = child.child_by_field_name("name") else {
                        continue;
                    };
                    let module = self.text(name).to_string();
                    if let Some(alias) = child.child_by_field_name("alias") {
                        let alias = self.text(alias);
                        self.bindings.bind(alias, split_dotted(&module));
                    }
                    self.facts.imports.push(Import {
                        module,
                        pos: pos(node),
                    });
                }
                _ => {}
            }
        }
    }

    fn import_from(&mut self, node: Node) {
        let Some(module_node) = node.child_by_field_name("module_name") else {
            return;
        };
        if module_node.kind() == "relative_import" {
            return; // the repository's own modules
        }
        let module = self.text(module_node).to_string();
        let mut cursor = node.walk();
        let names: Vec<Node> = node.children_by_field_name("name", &mut cursor).collect();
        if names.is_empty() {
            // `from openai import *`
            self.facts.imports.push(Import {
                module,
                pos: pos(node),
            });
            return;
        }
        for name in names {
            let (imported, local) = match name.kind() {
                "aliased_import" => {
                    let Some(n) = name.child_by_field_name("name") else {
                        continue;
                    };
                    let alias = name.child_by_field_name("alias").map(|a| self.text(a));
                    (self.text(n), alias.unwrap_or(self.text(n)))
                }
                _ => (self.text(name), self.text(name)),
            };
            let full = format!("{module}.{imported}");
            self.bindings.bind(local, split_dotted(&full));
            self.facts.imports.push(Import {
                module: full,
                pos: pos(node),
            });
        }
    }

    /// The written chain of an expression: `client.chat.completions.create`, `OpenAI().x` → `OpenAI.x`.
    fn chain(&self, node: Node, depth: usize) -> Option<Vec<String>> {
        if depth > MAX_CHAIN {
            return None;
        }
        match node.kind() {
            "identifier" => Some(vec![self.text(node).to_string()]),
            "attribute" => {
                let mut base = self.chain(node.child_by_field_name("object")?, depth + 1)?;
                base.push(
                    self.text(node.child_by_field_name("attribute")?)
                        .to_string(),
                );
                Some(base)
            }
            "call" => self.chain(node.child_by_field_name("function")?, depth + 1),
            "await" | "parenthesized_expression" => self.chain(node.named_child(0)?, depth + 1),
            _ => None,
        }
    }

    fn resolve(&self, node: Node) -> Option<(Vec<String>, bool)> {
        self.chain(node, 0).map(|c| self.bindings.resolve(&c))
    }

    fn is_env_getter(name: &[String]) -> bool {
        ENV_GETTERS
            .iter()
            .any(|g| g.len() == name.len() && g.iter().zip(name).all(|(a, b)| a == b))
    }

    fn environ_subscript(&self, node: Node) -> Option<String> {
        let (name, resolved) = self.resolve(node.child_by_field_name("value")?)?;
        if !resolved || name != ["os", "environ"] {
            return None;
        }
        let index = node.child_by_field_name("subscript")?;
        (index.kind() == "string").then(|| unquote(self.text(index)).to_string())
    }

    fn value(&self, node: Node) -> ArgValue {
        match node.kind() {
            "string" | "concatenated_string" => match string_value(node, self.src) {
                Some(s) => ArgValue::Str(s),
                None => ArgValue::Other,
            },
            "call" => {
                let env = node
                    .child_by_field_name("function")
                    .and_then(|f| self.resolve(f))
                    .filter(|(name, resolved)| *resolved && Self::is_env_getter(name))
                    .and_then(|_| first_string_arg(node, self.src));
                env.map_or(ArgValue::Other, ArgValue::Env)
            }
            "subscript" => self
                .environ_subscript(node)
                .map_or(ArgValue::Other, ArgValue::Env),
            "identifier" => self
                .bindings
                .constant(self.text(node))
                .cloned()
                .unwrap_or(ArgValue::Other),
            "await" | "parenthesized_expression" => node
                .named_child(0)
                .map_or(ArgValue::Other, |n| self.value(n)),
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
        let args_node = node.child_by_field_name("arguments");
        let mut args = Vec::new();
        if let Some(list) = args_node.filter(|a| a.kind() == "argument_list") {
            for arg in named_children(list) {
                match arg.kind() {
                    "keyword_argument" => {
                        let key = arg
                            .child_by_field_name("name")
                            .map(|n| self.text(n).to_string());
                        let value_node = arg.child_by_field_name("value");
                        let value = value_node.map_or(ArgValue::Other, |v| self.value(v));
                        // `model=TUNED` where `TUNED = "ft:…"`: the string flows here.
                        if let (Some(v), ArgValue::Str(text)) = (value_node, &value)
                            && v.kind() == "identifier"
                        {
                            self.flowed.push((text.clone(), pos(v), key.clone()));
                        }
                        args.push(Arg { name: key, value });
                    }
                    "comment" => {}
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
        if resolved
            && Self::is_env_getter(&name)
            && let Some(var) = &first_str
        {
            self.facts.env_reads.push(EnvRead {
                name: var.clone(),
                pos: pos(node),
            });
        }
        let dynamic_import = (resolved && name == ["importlib", "import_module"])
            || (!resolved && name == ["__import__"]);
        if dynamic_import && let Some(module) = &first_str {
            let root = module.split('.').next().unwrap_or(module).to_string();
            if let Some(local) = self.assigned_name(node) {
                self.bindings.bind(&local, split_dotted(module));
            } else {
                self.bindings.bind(&root, vec![root.clone()]);
            }
            self.facts.imports.push(Import {
                module: module.clone(),
                pos: pos(node),
            });
        }
        let idx = self.facts.calls.len();
        for (value, at, key) in self.flowed.drain(..) {
            self.facts.strings.push(StringLit {
                value,
                pos: at,
                key,
                call: Some(idx),
            });
        }
        self.call_index.insert(node.id(), idx);
        self.facts.calls.push(Call {
            name,
            resolved,
            pos: pos(node),
            args,
        });
    }

    fn assigned_name(&self, call: Node) -> Option<String> {
        let parent = call.parent()?;
        (parent.kind() == "assignment")
            .then(|| parent.child_by_field_name("left"))
            .flatten()
            .map(|l| self.text(l).to_string())
    }

    fn assignment(&mut self, node: Node) {
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return;
        };
        if !matches!(left.kind(), "identifier" | "attribute") {
            return;
        }
        let local = self.text(left).to_string();
        let mut rhs = right;
        while matches!(rhs.kind(), "await" | "parenthesized_expression") {
            match rhs.named_child(0) {
                Some(inner) => rhs = inner,
                None => return,
            }
        }
        if rhs.kind() == "call"
            && let Some((name, true)) = rhs
                .child_by_field_name("function")
                .and_then(|f| self.resolve(f))
        {
            self.bindings.bind(&local, name);
        }
        match self.value(rhs) {
            ArgValue::Other => {}
            value => self.bindings.bind_const(&local, value),
        }
    }

    fn string(&mut self, node: Node, ancestors: &[Node]) {
        let Some(value) = string_value(node, self.src) else {
            return;
        };
        let up = |k: usize| ancestor(ancestors, k);
        let mut child = node;
        let Some(mut parent) = up(1) else {
            return;
        };
        // how far up `parent` is
        let mut level = 1;
        if parent.kind() == "concatenated_string" {
            child = parent;
            level += 1;
            parent = match up(level) {
                Some(p) => p,
                None => return,
            };
        }
        if parent.kind() == "expression_statement" {
            return; // docstrings and bare string statements are prose
        }
        if matches!(parent.kind(), "list" | "tuple" | "set")
            && let Some(grand) = up(level + 1)
        {
            child = parent;
            parent = grand;
            level += 1;
        }
        let mut key = None;
        let mut call = None;
        match parent.kind() {
            "keyword_argument" => {
                key = parent
                    .child_by_field_name("name")
                    .map(|n| self.text(n).to_string());
                call = up(level + 2).and_then(|c| self.call_index.get(&c.id()).copied());
            }
            "argument_list" => {
                call = up(level + 1).and_then(|c| self.call_index.get(&c.id()).copied());
            }
            "pair" if parent.child_by_field_name("value").map(|v| v.id()) == Some(child.id()) => {
                key = parent
                    .child_by_field_name("key")
                    .map(|k| unquote(self.text(k)).to_string());
            }
            "assignment"
                if parent.child_by_field_name("right").map(|v| v.id()) == Some(child.id()) =>
            {
                key = parent.child_by_field_name("left").map(|l| {
                    let t = self.text(l);
                    t.rsplit('.').next().unwrap_or(t).to_string()
                });
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

fn split_dotted(s: &str) -> Vec<String> {
    s.split('.').map(str::to_string).collect()
}

/// The value of a string literal without interpolation; `None` for f-strings with fields.
fn string_value(node: Node, src: &str) -> Option<String> {
    if node.kind() == "concatenated_string" {
        let mut out = String::new();
        for part in named_children(node) {
            out.push_str(&string_value(part, src)?);
        }
        return Some(out);
    }
    let mut out = String::new();
    for part in named_children(node) {
        match part.kind() {
            "string_content" | "escape_sequence" => out.push_str(text(part, src)),
            "interpolation" => return None,
            _ => {}
        }
    }
    Some(out)
}

fn first_string_arg(call: Node, src: &str) -> Option<String> {
    let args = call.child_by_field_name("arguments")?;
    let first = named_children(args).into_iter().next()?;
    (first.kind() == "string")
        .then(|| string_value(first, src))
        .flatten()
}
