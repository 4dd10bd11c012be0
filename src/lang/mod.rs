//! Source languages: which files each one owns and how its facts are extracted. Adding a language
//! is one module plus one row in `Language::from_path` and `extract`.

mod go;
mod java;
mod javascript;
mod python;
mod rust;
mod textscan;

use crate::facts::{Pos, SourceFacts};
use crate::rules::ImportLanguage;
use std::cell::RefCell;
use std::sync::OnceLock;
use tree_sitter::{Node, Parser, Tree};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Java,
    Rust,
    /// Languages without a parser here: scanned line by line with medium confidence.
    CSharp,
    Ruby,
    Php,
    Kotlin,
    Scala,
}

impl Language {
    pub fn from_path(file_name: &str) -> Option<Language> {
        let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "py" | "pyi" | "pyw" => Language::Python,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "go" => Language::Go,
            "java" => Language::Java,
            "rs" => Language::Rust,
            "cs" => Language::CSharp,
            "rb" => Language::Ruby,
            "php" => Language::Php,
            "kt" | "kts" => Language::Kotlin,
            "scala" | "sc" => Language::Scala,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Go => "go",
            Language::Java => "java",
            Language::Rust => "rust",
            Language::CSharp => "csharp",
            Language::Ruby => "ruby",
            Language::Php => "php",
            Language::Kotlin => "kotlin",
            Language::Scala => "scala",
        }
    }

    /// The import table of the packs this language's imports are matched against.
    pub fn import_language(self) -> ImportLanguage {
        match self {
            Language::Python => ImportLanguage::Python,
            Language::JavaScript | Language::TypeScript | Language::Tsx => {
                ImportLanguage::JavaScript
            }
            Language::Go => ImportLanguage::Go,
            Language::Java | Language::Kotlin | Language::Scala => ImportLanguage::Java,
            Language::Rust => ImportLanguage::Rust,
            Language::CSharp => ImportLanguage::CSharp,
            Language::Ruby => ImportLanguage::Ruby,
            Language::Php => ImportLanguage::Php,
        }
    }

    /// True when facts come from a real parser (high confidence) rather than a line scan.
    pub fn is_parsed(self) -> bool {
        !matches!(
            self,
            Language::CSharp | Language::Ruby | Language::Php | Language::Kotlin | Language::Scala
        )
    }

    fn grammar(self) -> Option<tree_sitter::Language> {
        Some(match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Go => tree_sitter_go::LANGUAGE.into(),
            Language::Java => tree_sitter_java::LANGUAGE.into(),
            _ => return None,
        })
    }
}

thread_local! {
    static PARSERS: RefCell<Vec<(Language, Parser)>> = const { RefCell::new(Vec::new()) };
}

/// Parses with this thread's parser for the language (parsers are reused across files).
fn parse(lang: Language, text: &str) -> Result<Tree, String> {
    let grammar = lang.grammar().ok_or("no grammar")?;
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let idx = match parsers.iter().position(|(l, _)| *l == lang) {
            Some(i) => i,
            None => {
                let mut parser = Parser::new();
                parser
                    .set_language(&grammar)
                    .map_err(|e| format!("grammar version mismatch: {e}"))?;
                parsers.push((lang, parser));
                parsers.len() - 1
            }
        };
        parsers[idx]
            .1
            .parse(text, None)
            .ok_or_else(|| "the parser gave up on this file".to_string())
    })
}

/// Extracts the facts of one source file. An `Err` is a parse failure worth a diagnostic; a file
/// with syntax errors still yields what its well-formed parts contain.
pub fn extract(lang: Language, text: &str) -> Result<SourceFacts, String> {
    let kinds = |lang| Kinds(kind_table(lang));
    match lang {
        Language::Python => Ok(python::extract(&parse(lang, text)?, text, kinds(lang))),
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            Ok(javascript::extract(&parse(lang, text)?, text, kinds(lang)))
        }
        Language::Go => Ok(go::extract(&parse(lang, text)?, text, kinds(lang))),
        Language::Java => Ok(java::extract(&parse(lang, text)?, text, kinds(lang))),
        Language::Rust => rust::extract(text),
        _ => Ok(textscan::extract(lang, text)),
    }
}

// Helpers shared by the tree-sitter modules.

pub(crate) fn pos(node: Node) -> Pos {
    let p = node.start_position();
    Pos {
        line: p.row as u32 + 1,
        column: p.column as u32 + 1,
    }
}

pub(crate) fn text<'a>(node: Node, src: &'a str) -> &'a str {
    src.get(node.byte_range()).unwrap_or("")
}

/// The node kinds an extractor handles, by the grammar's kind ids: testing an id is much cheaper
/// than `Node::kind`, which measures and checks a C string on every node.
#[derive(Clone, Copy)]
pub(crate) struct Kinds(&'static [bool]);

impl Kinds {
    fn contains(self, node: Node) -> bool {
        self.0
            .get(usize::from(node.kind_id()))
            .copied()
            .unwrap_or(false)
    }
}

/// Each grammar's table for its extractor's `KINDS` (every id with one of those names: a
/// grammar can give one name several ids).
fn kind_table(lang: Language) -> &'static [bool] {
    static TABLES: [OnceLock<Box<[bool]>>; 6] = [const { OnceLock::new() }; 6];
    let (slot, names) = match lang {
        Language::Python => (0, python::KINDS),
        Language::JavaScript => (1, javascript::KINDS),
        Language::TypeScript => (2, javascript::KINDS),
        Language::Tsx => (3, javascript::KINDS),
        Language::Go => (4, go::KINDS),
        Language::Java => (5, java::KINDS),
        _ => return &[],
    };
    TABLES[slot].get_or_init(|| {
        let Some(grammar) = lang.grammar() else {
            return Box::default();
        };
        (0..grammar.node_kind_count())
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .and_then(|id| grammar.node_kind_for_id(id))
                    .is_some_and(|name| names.contains(&name))
            })
            .collect()
    })
}

/// Visits every node of the given kinds in document order, without recursion (trees can be
/// thousands deep).
pub(crate) fn for_each_node<'t>(tree: &'t Tree, kinds: Kinds, mut visit: impl FnMut(Node<'t>)) {
    for_each_node_with_ancestors(tree, kinds, |node, _| visit(node));
}

/// Like `for_each_node`, also giving each node its ancestors (root first, parent last).
/// `Node::parent` walks down from the root on every call; on a large file that adds up.
pub(crate) fn for_each_node_with_ancestors<'t>(
    tree: &'t Tree,
    kinds: Kinds,
    mut visit: impl FnMut(Node<'t>, &[Node<'t>]),
) {
    let mut cursor = tree.walk();
    let mut ancestors: Vec<Node<'t>> = Vec::new();
    loop {
        let node = cursor.node();
        if kinds.contains(node) {
            visit(node, &ancestors);
        }
        if cursor.goto_first_child() {
            ancestors.push(node);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            ancestors.pop();
        }
    }
}

/// The `k`-th ancestor (1: the parent) from an ancestor list as `for_each_node_with_ancestors`
/// gives it.
pub(crate) fn ancestor<'t>(ancestors: &[Node<'t>], k: usize) -> Option<Node<'t>> {
    ancestors
        .len()
        .checked_sub(k)
        .and_then(|i| ancestors.get(i).copied())
}

pub(crate) fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// Strips one layer of quotes from a literal's source text.
pub(crate) fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ["\"\"\"", "'''", "\"", "'", "`"] {
        if s.len() >= 2 * q.len()
            && let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q))
        {
            return inner;
        }
    }
    s
}

#[cfg(test)]
mod tests;
