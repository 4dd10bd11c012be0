//! Rust facts with syn: `use` trees (with renames and groups), path and method calls, builder
//! arguments (`.model("…")`, `.with_api_base(…)`), struct fields, string literals inside macros
//! (`json!({"model": "…"})`), and `std::env::var` / `env!` reads.

use crate::facts::{
    Arg, ArgValue, Bindings, Call, EnvRead, Import, MAX_CHAIN, Pos, SourceFacts, StringLit,
};
use proc_macro2::{TokenStream, TokenTree};
use std::collections::HashSet;
use syn::visit::{self, Visit};
use syn::{Expr, Lit, UseTree};

pub fn extract(src: &str) -> Result<SourceFacts, String> {
    let file = syn::parse_file(src).map_err(|e| {
        let start = e.span().start();
        format!("line {}: {e}", start.line)
    })?;
    let mut v = Visitor {
        bindings: Bindings::default(),
        facts: SourceFacts::default(),
        seen_strings: HashSet::new(),
        depth: 0,
    };
    v.visit_file(&file);
    Ok(v.facts)
}

struct Visitor {
    bindings: Bindings,
    facts: SourceFacts,
    seen_strings: HashSet<Pos>,
    depth: usize,
}

fn span_pos(span: proc_macro2::Span) -> Pos {
    let start = span.start();
    Pos {
        line: start.line as u32,
        column: start.column as u32 + 1,
    }
}

const ENV_READERS: &[&[&str]] = &[
    &["std", "env", "var"],
    &["std", "env", "var_os"],
    &["env", "var"],
    &["env", "var_os"],
    &["dotenvy", "var"],
    &["dotenv", "var"],
];

fn flatten_use(
    tree: &UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) {
    match tree {
        UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, out);
            prefix.pop();
        }
        UseTree::Name(n) => {
            let mut path = prefix.clone();
            let name = n.ident.to_string();
            if name != "self" {
                path.push(name.clone());
            }
            let local = if name == "self" {
                prefix.last().cloned()
            } else {
                Some(name)
            };
            out.push((path, local));
        }
        UseTree::Rename(r) => {
            let mut path = prefix.clone();
            path.push(r.ident.to_string());
            out.push((path, Some(r.rename.to_string())));
        }
        UseTree::Glob(_) => out.push((prefix.clone(), None)),
        UseTree::Group(g) => {
            for item in &g.items {
                flatten_use(item, prefix, out);
            }
        }
    }
}

/// `"x"`, `"x".to_string()`, `"x".into()`, `String::from("x")`.
fn str_of(expr: &Expr) -> Option<(String, Pos)> {
    match expr {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => Some((s.value(), span_pos(s.span()))),
            _ => None,
        },
        Expr::MethodCall(m)
            if m.args.is_empty()
                && matches!(
                    m.method.to_string().as_str(),
                    "to_string" | "into" | "to_owned"
                ) =>
        {
            str_of(&m.receiver)
        }
        Expr::Call(c) if c.args.len() == 1 => {
            let is_from = matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "from"));
            if is_from { str_of(&c.args[0]) } else { None }
        }
        Expr::Reference(r) => str_of(&r.expr),
        _ => None,
    }
}

impl Visitor {
    fn chain(&self, expr: &Expr, depth: usize) -> Option<(Vec<String>, bool)> {
        if depth > MAX_CHAIN {
            return None;
        }
        match expr {
            Expr::Path(p) => {
                let segs: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                Some((segs, p.path.segments.len() > 1))
            }
            Expr::MethodCall(m) => {
                let (mut base, absolute) = self.chain(&m.receiver, depth + 1)?;
                base.push(m.method.to_string());
                Some((base, absolute))
            }
            Expr::Call(c) => self.chain(&c.func, depth + 1),
            Expr::Field(f) => {
                let (mut base, absolute) = self.chain(&f.base, depth + 1)?;
                if let syn::Member::Named(n) = &f.member {
                    base.push(n.to_string());
                }
                Some((base, absolute))
            }
            Expr::Await(a) => self.chain(&a.base, depth + 1),
            Expr::Try(t) => self.chain(&t.expr, depth + 1),
            Expr::Paren(p) => self.chain(&p.expr, depth + 1),
            Expr::Reference(r) => self.chain(&r.expr, depth + 1),
            _ => None,
        }
    }

    fn resolve(&self, expr: &Expr) -> Option<(Vec<String>, bool)> {
        let (chain, absolute) = self.chain(expr, 0)?;
        let (name, bound) = self.bindings.resolve(&chain);
        Some((name, bound || absolute))
    }

    fn env_read(&self, expr: &Expr) -> Option<String> {
        let Expr::Call(c) = expr else { return None };
        let Expr::Path(p) = &*c.func else { return None };
        let segs: Vec<String> = p
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let (resolved, _) = self.bindings.resolve(&segs);
        let is_env = ENV_READERS
            .iter()
            .any(|r| r.len() == resolved.len() && r.iter().zip(&resolved).all(|(a, b)| a == b))
            || ENV_READERS
                .iter()
                .any(|r| r.len() == segs.len() && r.iter().zip(&segs).all(|(a, b)| a == b));
        if !is_env {
            return None;
        }
        c.args.first().and_then(str_of).map(|(s, _)| s)
    }

    fn value(&self, expr: &Expr) -> ArgValue {
        if let Some((s, _)) = str_of(expr) {
            return ArgValue::Str(s);
        }
        if let Some(name) = self.env_read(expr) {
            return ArgValue::Env(name);
        }
        match expr {
            // env::var("X").unwrap_or(...), .expect(...), ?, &...
            Expr::MethodCall(m) => self.value(&m.receiver),
            Expr::Try(t) => self.value(&t.expr),
            Expr::Reference(r) => self.value(&r.expr),
            Expr::Path(p) if p.path.segments.len() == 1 => self
                .bindings
                .constant(&p.path.segments[0].ident.to_string())
                .cloned()
                .unwrap_or(ArgValue::Other),
            _ => ArgValue::Other,
        }
    }

    fn push_string(&mut self, value: String, pos: Pos, key: Option<String>, call: Option<usize>) {
        if self.seen_strings.insert(pos) {
            self.facts.strings.push(StringLit {
                value,
                pos,
                key,
                call,
            });
        }
    }

    fn push_call(&mut self, expr: &Expr, args: Vec<&Expr>, method: Option<String>) {
        let Some((name, resolved)) = self.resolve(expr) else {
            return;
        };
        // The start of the whole expression, so a builder chain is one call site.
        let pos = span_pos(syn::spanned::Spanned::span(expr));
        let idx = self.facts.calls.len();
        let values = args
            .iter()
            .map(|a| Arg {
                name: None,
                value: self.value(a),
            })
            .collect();
        self.facts.calls.push(Call {
            name,
            resolved,
            pos,
            args: values,
        });
        for arg in args {
            if let Some((s, p)) = str_of(arg) {
                self.push_string(s, p, method.clone(), Some(idx));
            }
        }
    }

    fn scan_tokens(&mut self, tokens: TokenStream) {
        let mut prev: Vec<TokenTree> = Vec::new();
        for tt in tokens {
            match &tt {
                TokenTree::Group(g) => self.scan_tokens(g.stream()),
                TokenTree::Literal(lit) => {
                    if let Ok(Lit::Str(s)) = syn::parse_str::<Lit>(&lit.to_string()) {
                        // `"model": "gpt-4o"` or `model = "gpt-4o"` inside the macro
                        let key = match prev.as_slice() {
                            [.., k, TokenTree::Punct(p)]
                                if p.as_char() == ':' || p.as_char() == '=' =>
                            {
                                match k {
                                    TokenTree::Ident(i) => Some(i.to_string()),
                                    TokenTree::Literal(l) => {
                                        syn::parse_str::<Lit>(&l.to_string()).ok().and_then(|l| {
                                            if let Lit::Str(s) = l {
                                                Some(s.value())
                                            } else {
                                                None
                                            }
                                        })
                                    }
                                    _ => None,
                                }
                            }
                            _ => None,
                        };
                        self.push_string(s.value(), span_pos(lit.span()), key, None);
                    }
                }
                _ => {}
            }
            prev.push(tt);
            if prev.len() > 2 {
                prev.remove(0);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Visitor {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut out = Vec::new();
        flatten_use(&item.tree, &mut Vec::new(), &mut out);
        let pos = span_pos(item.use_token.span);
        for (path, local) in out {
            if path.is_empty() {
                continue;
            }
            if let Some(local) = local {
                self.bindings.bind(&local, path.clone());
            }
            self.facts.imports.push(Import {
                module: path.join("."),
                pos,
            });
        }
    }

    fn visit_expr(&mut self, expr: &'ast Expr) {
        self.depth += 1;
        if self.depth > 512 {
            self.depth -= 1;
            return; // hostile nesting: stop descending rather than overflow the stack
        }
        match expr {
            Expr::Call(c) => {
                if let Some(name) = self.env_read(expr) {
                    self.facts.env_reads.push(EnvRead {
                        name,
                        pos: span_pos(syn::spanned::Spanned::span(expr)),
                    });
                }
                self.push_call(expr, c.args.iter().collect(), None);
            }
            Expr::MethodCall(m) => {
                self.push_call(expr, m.args.iter().collect(), Some(m.method.to_string()));
            }
            Expr::Lit(l) => {
                if let Lit::Str(s) = &l.lit {
                    self.push_string(s.value(), span_pos(s.span()), None, None);
                }
            }
            _ => {}
        }
        visit::visit_expr(self, expr);
        self.depth -= 1;
    }

    fn visit_field_value(&mut self, fv: &'ast syn::FieldValue) {
        if let (syn::Member::Named(name), Some((s, p))) = (&fv.member, str_of(&fv.expr)) {
            self.push_string(s, p, Some(name.to_string()), None);
        }
        visit::visit_field_value(self, fv);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let (syn::Pat::Ident(id), Some(init)) = (&local.pat, &local.init) {
            let name = id.ident.to_string();
            if let Some((s, p)) = str_of(&init.expr) {
                self.push_string(s, p, Some(name.clone()), None);
            }
            if matches!(
                &*init.expr,
                Expr::Call(_) | Expr::MethodCall(_) | Expr::Await(_) | Expr::Try(_)
            ) && let Some((target, true)) = self.resolve(&init.expr)
            {
                self.bindings.bind(&name, target);
            }
            match self.value(&init.expr) {
                ArgValue::Other => {}
                v => self.bindings.bind_const(&name, v),
            }
        }
        visit::visit_local(self, local);
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        if let Some((s, p)) = str_of(&item.expr) {
            self.push_string(s.clone(), p, Some(item.ident.to_string()), None);
            self.bindings
                .bind_const(&item.ident.to_string(), ArgValue::Str(s));
        }
        visit::visit_item_const(self, item);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        let cfg_test = item.attrs.iter().any(|a| {
            a.path().is_ident("cfg")
                && a.meta.require_list().is_ok_and(|l| {
                    l.tokens
                        .to_string()
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|t| t == "test")
                })
        });
        if cfg_test {
            let span = syn::spanned::Spanned::span(item);
            self.facts
                .test_lines
                .push(span.start().line as u32..=span.end().line as u32);
        }
        visit::visit_item_mod(self, item);
    }

    fn visit_attribute(&mut self, _attr: &'ast syn::Attribute) {
        // Doc comments are attributes: prose, never facts.
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if name == "env" || name == "option_env" {
            if let Ok(Lit::Str(s)) = syn::parse2::<Lit>(mac.tokens.clone()) {
                self.facts.env_reads.push(EnvRead {
                    name: s.value(),
                    pos: span_pos(s.span()),
                });
            }
            return;
        }
        self.scan_tokens(mac.tokens.clone());
        visit::visit_macro(self, mac);
    }
}
