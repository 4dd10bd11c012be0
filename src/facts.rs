//! Per-file facts extracted from parsed source, independent of any vendor: imports, calls with
//! their arguments, string literals with their syntactic context, and environment reads.
//! Language modules produce them; `detect` matches them against the rule set.

/// A 1-based position in the file as a person counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The module path as the language spells it (`openai.types`, `@ai-sdk/openai`, a Go path).
    pub module: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    Str(String),
    /// The value of an environment variable read at this point.
    Env(String),
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// Keyword or object-property name; `None` for a positional argument.
    pub name: Option<String>,
    pub value: ArgValue,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The resolved qualified name (see `rules::qname`); unresolved calls keep the written chain.
    pub name: Vec<String>,
    pub resolved: bool,
    pub pos: Pos,
    pub args: Vec<Arg>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringLit {
    pub value: String,
    pub pos: Pos,
    /// The name the string is bound to: keyword argument, object or dict key, assigned variable.
    pub key: Option<String>,
    /// Index into `SourceFacts::calls` when the string is a direct argument of that call.
    pub call: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnvRead {
    pub name: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceFacts {
    pub imports: Vec<Import>,
    pub calls: Vec<Call>,
    pub strings: Vec<StringLit>,
    pub env_reads: Vec<EnvRead>,
    /// Byte ranges of comments, so raw-text matchers (secrets) can tell code from prose.
    pub comments: Vec<std::ops::Range<usize>>,
    /// Line ranges of test code inside a product file (Rust `#[cfg(test)] mod tests`).
    pub test_lines: Vec<std::ops::RangeInclusive<u32>>,
}

impl SourceFacts {
    /// Shifts every line by a mapping (used for notebook cells concatenated into one program).
    pub fn remap_lines(&mut self, map: impl Fn(u32) -> (u32, u32)) {
        let fix = |p: &mut Pos| {
            let (line, col_offset) = map(p.line);
            p.line = line;
            p.column += col_offset;
        };
        self.imports.iter_mut().for_each(|i| fix(&mut i.pos));
        self.calls.iter_mut().for_each(|c| fix(&mut c.pos));
        self.strings.iter_mut().for_each(|s| fix(&mut s.pos));
        self.env_reads.iter_mut().for_each(|e| fix(&mut e.pos));
    }
}

/// Local names bound to qualified names (imports, and variables assigned from resolved calls).
#[derive(Debug, Default)]
pub struct Bindings {
    names: std::collections::HashMap<String, Vec<String>>,
    consts: std::collections::HashMap<String, ArgValue>,
}

/// Chains deeper than this are not resolved (hostile input can nest thousands deep).
pub const MAX_CHAIN: usize = 64;

impl Bindings {
    pub fn bind(&mut self, local: &str, target: Vec<String>) {
        self.names.insert(local.to_string(), target);
    }

    pub fn bind_const(&mut self, local: &str, value: ArgValue) {
        self.consts.insert(local.to_string(), value);
    }

    pub fn constant(&self, local: &str) -> Option<&ArgValue> {
        self.consts.get(local)
    }

    /// Resolves a written chain (`oa`, `OpenAI`, `chat`, `completions`, `create`) through the
    /// longest bound prefix (`self.client` before `self`).
    pub fn resolve(&self, chain: &[String]) -> (Vec<String>, bool) {
        for take in (1..=chain.len()).rev() {
            let key = chain[..take].join(".");
            if let Some(target) = self.names.get(&key) {
                let mut out = target.clone();
                out.extend(chain[take..].iter().cloned());
                return (out, true);
            }
        }
        (chain.to_vec(), false)
    }
}
