//! The scan: a parallel walk (ignore crate) where each thread reads a file once, runs the literal
//! prefilter and, on a hit, analyses it; results go to one collector. Then the whole-tree steps:
//! base-URL redirects resolved against environment values set in the repository, components,
//! scopes and stable ids. Output is sorted, so thread count never changes it.

use crate::component::{component_of, scope_of};
use crate::detect::{self, BaseUrl, EnvValue, FileOutput, FileType};
use crate::error::{Error, Result};
use crate::finding::{Diagnostic, Finding, Kind, Scope};
use crate::redact::Redactor;
use crate::rules::{Ecosystem, RuleSet};
use ignore::WalkState;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub const DEFAULT_MAX_FILESIZE: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub root: PathBuf,
    pub excludes: Vec<String>,
    pub no_ignore: bool,
    pub include_tests: bool,
    pub threads: usize,
    pub max_filesize: u64,
    /// Record every file's git blob id and output, so that a scan of a git revision can reuse
    /// them for the files it has unchanged (`check --base`).
    pub blob_ids: bool,
}

impl ScanOptions {
    pub fn new(root: impl Into<PathBuf>) -> ScanOptions {
        ScanOptions {
            blob_ids: false,
            root: root.into(),
            excludes: Vec::new(),
            no_ignore: false,
            include_tests: false,
            threads: 0,
            max_filesize: DEFAULT_MAX_FILESIZE,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct ScanStats {
    pub files_scanned: usize,
    pub files_matched: usize,
    pub files_skipped: usize,
    pub test_findings_excluded: usize,
}

/// A manifest as the component graph needs it.
#[derive(Debug, Clone)]
pub struct ManifestRecord {
    pub file: String,
    pub own_name: Option<(Ecosystem, String)>,
    pub links: Vec<crate::manifest::Link>,
}

pub struct ScanResult {
    pub manifests: Vec<ManifestRecord>,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: ScanStats,
    pub manifest_dirs: BTreeSet<String>,
    pub env_values: Vec<EnvValue>,
    /// With `ScanOptions::blob_ids`: each file's blob id and what reading it gave.
    pub blobs: Blobs,
}

/// Path → git blob id of the scanned file, and its output (None: nothing matched).
pub type Blobs = HashMap<String, (gix::ObjectId, Option<FileOutput>)>;

/// Something the walk reports as it goes (for a progress bar).
pub trait Progress: Sync {
    fn file_done(&self, _files: usize) {}
}

impl Progress for () {}

struct Collected {
    outputs: Vec<(String, FileOutput)>,
    diagnostics: Vec<Diagnostic>,
    manifest_dirs: BTreeSet<String>,
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".into() } else { s }
}

/// Decodes file bytes: UTF-8, UTF-16 with a BOM, or lossy UTF-8 with a diagnostic.
fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode(rest);
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (utf16(rest, true), None);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (utf16(rest, false), None);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some("not valid UTF-8; read with replacement characters"),
        ),
    }
}

/// A report, baseline, check result or SARIF file written by aidep.
fn is_aidep_output(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    if head.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return false;
    }
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    has(b"\"schema\": \"aidep.") || (has(b"sarif-2.1.0") && has(b"\"name\": \"aidep\""))
}

fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Reads, prefilters and analyses one file. Returns `None` when nothing in it can match.
fn scan_file(
    rules: &RuleSet,
    redactor: &Redactor,
    path: &Path,
    rel: &str,
    options: &ScanOptions,
    diagnostics: &mut Vec<Diagnostic>,
    stats: &Counters,
) -> (Option<FileOutput>, Option<gix::ObjectId>) {
    let max_filesize = options.max_filesize;
    let read_error = |diagnostics: &mut Vec<Diagnostic>, e: std::io::Error| {
        skip(
            diagnostics,
            stats,
            "read-error",
            rel,
            format!("cannot read: {e}"),
        );
        (None, None)
    };
    // One open and one read into this thread's buffer: no per-file allocation, and no fstat
    // (a file over the limit is read one byte past it, then left out).
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return read_error(diagnostics, e),
    };
    READ_BUFFER.with_borrow_mut(|bytes| {
        bytes.clear();
        let limit = max_filesize.saturating_add(1);
        if let Err(e) =
            std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, limit), bytes)
        {
            return read_error(diagnostics, e);
        }
        if bytes.len() as u64 > max_filesize {
            let size = file.metadata().map_or(bytes.len() as u64, |m| m.len());
            skip(
                diagnostics,
                stats,
                "file-too-large",
                rel,
                format!(
                    "skipped: {size} bytes is over the {max_filesize}-byte limit (--max-filesize)"
                ),
            );
            *bytes = Vec::new();
            return (None, None);
        }
        let blob_id = options
            .blob_ids
            .then(|| {
                gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes).ok()
            })
            .flatten();
        let out = process_bytes(rules, redactor, rel, bytes, diagnostics, stats);
        if bytes.capacity() > KEPT_BUFFER {
            *bytes = Vec::new();
        }
        (out, blob_id)
    })
}

/// A file left out of the scan: said on stderr by its diagnostic, and counted.
fn skip(
    diagnostics: &mut Vec<Diagnostic>,
    stats: &Counters,
    code: &str,
    file: &str,
    message: String,
) {
    diagnostics.push(Diagnostic::new(code, file, None, message));
    stats.skipped.fetch_add(1, Ordering::Relaxed);
}

/// Each walker thread reads into one buffer; it is given back when a large file grew it.
const KEPT_BUFFER: usize = 1 << 20;

thread_local! {
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Prefilters and analyses one file's bytes (from disk or from a git revision).
fn process_bytes(
    rules: &RuleSet,
    redactor: &Redactor,
    rel: &str,
    bytes: &[u8],
    diagnostics: &mut Vec<Diagnostic>,
    stats: &Counters,
) -> Option<FileOutput> {
    let file_name = rel.rsplit('/').next().unwrap_or(rel);
    let file_type = FileType::of(file_name);
    stats.scanned.fetch_add(1, Ordering::Relaxed);
    if is_binary(bytes) {
        stats.skipped.fetch_add(1, Ordering::Relaxed);
        if file_type.is_known() {
            diagnostics.push(Diagnostic::new(
                "binary-file",
                rel,
                None,
                "skipped: binary content (NUL bytes) in a source or configuration file",
            ));
        }
        return None;
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    // Manifests are always read: they make the component graph even without a vendor in them.
    let manifest = matches!(file_type, FileType::Manifest(_));
    if is_aidep_output(bytes) {
        stats.skipped.fetch_add(1, Ordering::Relaxed);
        return None; // our own reports and baselines name every vendor they found
    }
    if !utf16 && !manifest && !rules.prefilter_hit(bytes) {
        return None;
    }
    let (text, warning) = decode(bytes);
    if utf16 && !manifest && !rules.prefilter_hit(text.as_bytes()) {
        return None;
    }
    stats.matched.fetch_add(1, Ordering::Relaxed);
    if let Some(w) = warning
        && file_type.is_known()
    {
        diagnostics.push(Diagnostic::new("invalid-utf8", rel, None, w));
    }
    Some(detect::analyze(rules, redactor, rel, &text))
}

#[derive(Default)]
struct Counters {
    scanned: AtomicUsize,
    matched: AtomicUsize,
    skipped: AtomicUsize,
}

/// Walks the tree and returns every finding, resolved and sorted.
pub fn scan(rules: &RuleSet, options: &ScanOptions, progress: &dyn Progress) -> Result<ScanResult> {
    let root = &options.root;
    let meta = std::fs::metadata(root).map_err(|e| Error::Root {
        path: root.clone(),
        message: e.to_string(),
    })?;
    let redactor = Redactor::new(rules);
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .hidden(false)
        .follow_links(false)
        .require_git(false)
        .git_ignore(!options.no_ignore)
        .git_global(!options.no_ignore)
        .git_exclude(!options.no_ignore)
        .ignore(!options.no_ignore)
        .parents(!options.no_ignore)
        .threads(options.threads)
        .filter_entry(|e| e.file_name() != ".git");
    if !options.no_ignore {
        builder.add_custom_ignore_filename(".aidepignore");
    }
    if !options.excludes.is_empty() {
        let mut overrides = ignore::overrides::OverrideBuilder::new(root);
        for glob in &options.excludes {
            overrides
                .add(&format!("!{glob}"))
                .map_err(|e| Error::Usage(format!("--exclude {glob}: {e}")))?;
        }
        builder.overrides(
            overrides
                .build()
                .map_err(|e| Error::Usage(format!("--exclude: {e}")))?,
        );
    }

    let collected = Mutex::new(Collected {
        outputs: Vec::new(),
        diagnostics: Vec::new(),
        manifest_dirs: BTreeSet::new(),
    });
    let counters = Counters::default();
    let blobs: Mutex<Blobs> = Mutex::new(HashMap::new());
    let single_file = meta.is_file();
    builder.build_parallel().run(|| {
        let collected = &collected;
        let counters = &counters;
        let blobs = &blobs;
        let redactor = &redactor;
        Box::new(move |entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let file = match &err {
                        ignore::Error::WithPath { path, .. } => relative(root, path),
                        _ => ".".into(),
                    };
                    let mut c = collected.lock().expect("collector lock");
                    c.diagnostics
                        .push(Diagnostic::new("walk-error", &file, None, err.to_string()));
                    return WalkState::Continue;
                }
            };
            let Some(file_type) = entry.file_type() else {
                return WalkState::Continue;
            };
            if !file_type.is_file() {
                if is_special(&file_type) {
                    // A FIFO would block the read forever; a device is not source.
                    let mut c = collected.lock().expect("collector lock");
                    c.diagnostics.push(Diagnostic::new(
                        "special-file",
                        &relative(root, entry.path()),
                        None,
                        "not a regular file (FIFO, socket or device); skipped",
                    ));
                }
                return WalkState::Continue;
            }
            let rel = if single_file {
                entry
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            } else {
                relative(root, entry.path())
            };
            let mut diagnostics = Vec::new();
            let (output, blob_id) = scan_file(
                rules,
                redactor,
                entry.path(),
                &rel,
                options,
                &mut diagnostics,
                counters,
            );
            if let Some(id) = blob_id {
                blobs
                    .lock()
                    .expect("blob lock")
                    .insert(rel.clone(), (id, output.clone()));
            }
            let is_manifest = matches!(
                FileType::of(rel.rsplit('/').next().unwrap_or(&rel)),
                FileType::Manifest(_)
            );
            if output.is_some() || !diagnostics.is_empty() || is_manifest {
                let mut c = collected.lock().expect("collector lock");
                c.diagnostics.append(&mut diagnostics);
                if is_manifest {
                    c.manifest_dirs
                        .insert(rel.rsplit_once('/').map_or(".", |(d, _)| d).to_string());
                }
                if let Some(out) = output {
                    c.outputs.push((rel, out));
                }
            }
            progress.file_done(counters.scanned.load(Ordering::Relaxed));
            WalkState::Continue
        })
    });
    let mut collected = collected.into_inner().expect("collector lock");
    collected.outputs.sort_by(|a, b| a.0.cmp(&b.0));

    let stats = ScanStats {
        files_scanned: counters.scanned.load(Ordering::Relaxed),
        files_matched: counters.matched.load(Ordering::Relaxed),
        files_skipped: counters.skipped.load(Ordering::Relaxed),
        test_findings_excluded: 0,
    };
    let mut result = finish(rules, &redactor, collected, stats, options.include_tests);
    result.blobs = blobs.into_inner().expect("blob lock");
    Ok(result)
}

#[cfg(unix)]
fn is_special(t: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    t.is_fifo() || t.is_socket() || t.is_block_device() || t.is_char_device()
}

#[cfg(not(unix))]
fn is_special(_: &std::fs::FileType) -> bool {
    false
}

/// Whole-tree steps, shared by `scan` and single-file analysis (`rules test`).
fn finish(
    rules: &RuleSet,
    redactor: &Redactor,
    collected: Collected,
    mut stats: ScanStats,
    include_tests: bool,
) -> ScanResult {
    let mut env_values: Vec<EnvValue> = collected
        .outputs
        .iter()
        .flat_map(|(_, o)| o.env_values.iter().cloned())
        .collect();
    env_values.sort_by(|a, b| (&a.name, &a.file, a.line).cmp(&(&b.name, &b.file, b.line)));
    let mut env_map: HashMap<&str, &EnvValue> = HashMap::new();
    for v in &env_values {
        if !v.value.is_empty() && !v.value.contains("${") {
            env_map.entry(v.name.as_str()).or_insert(v);
        }
    }

    let mut findings = Vec::new();
    let mut diagnostics = collected.diagnostics;
    let mut test_lines: HashMap<String, Vec<std::ops::RangeInclusive<u32>>> = HashMap::new();
    let manifests: Vec<ManifestRecord> = collected
        .outputs
        .iter()
        .filter(|(file, _)| {
            matches!(
                FileType::of(file.rsplit('/').next().unwrap_or(file)),
                FileType::Manifest(_)
            )
        })
        .map(|(file, o)| ManifestRecord {
            file: file.clone(),
            own_name: o.own_name.clone(),
            links: o.links.clone(),
        })
        .collect();
    let own_names: Vec<(Ecosystem, String)> = collected
        .outputs
        .iter()
        .filter_map(|(_, o)| o.own_name.clone())
        .collect();
    for (file, mut output) in collected.outputs {
        if !output.test_lines.is_empty() {
            test_lines.insert(file, std::mem::take(&mut output.test_lines));
        }
        apply_redirects(rules, &mut output, &env_map);
        findings.append(&mut output.findings);
        diagnostics.append(&mut output.diagnostics);
    }
    for d in &mut diagnostics {
        d.message = redactor.redact(&d.message);
    }

    let manifest_dirs = collected.manifest_dirs;
    for f in &mut findings {
        f.component = component_of(&f.file, &manifest_dirs);
        f.scope = scope_of(&f.file);
        if test_lines
            .get(&f.file)
            .is_some_and(|ranges| ranges.iter().any(|r| r.contains(&f.line)))
        {
            f.scope = Scope::Test;
        }
    }
    let own = OwnNames::new(&own_names);
    findings.retain(|f| !is_internal(f, &own));
    attribute_redirected_packages(&mut findings);
    if !include_tests {
        let before = findings.len();
        findings.retain(|f| f.scope != Scope::Test || f.kind == Kind::Secret);
        stats.test_findings_excluded = before - findings.len();
    }
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.rule, &a.vendor)
            .cmp(&(&b.file, b.line, b.column, &b.rule, &b.vendor))
    });
    assign_ids(&mut findings);
    diagnostics.sort();
    diagnostics.dedup();
    ScanResult {
        manifests,
        findings,
        diagnostics,
        stats,
        manifest_dirs,
        env_values,
        blobs: Blobs::new(),
    }
}

/// Re-attributes a file's client findings when its base URL points at another vendor's host.
fn apply_redirects(rules: &RuleSet, output: &mut FileOutput, env: &HashMap<&str, &EnvValue>) {
    // client pack → (target pack, via) for every resolvable redirect in the file
    let mut targets: BTreeMap<usize, Vec<(usize, String, u32)>> = BTreeMap::new();
    let mut modules: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for r in &output.redirects {
        let client = &rules.pack(r.client_pack).name;
        let (url, via) = match &r.base_url {
            BaseUrl::Literal(url) => (url.clone(), format!("{client} client with base URL {url}")),
            BaseUrl::Env(name) => match env.get(name.as_str()) {
                Some(v) => (
                    v.value.clone(),
                    format!(
                        "{client} client with base URL from {name}={} ({}:{})",
                        v.value, v.file, v.line
                    ),
                ),
                None => continue,
            },
        };
        let Some(host) = detect::hosts_in(&url).into_iter().next() else {
            continue;
        };
        let Some(m) = rules.match_host(&host) else {
            continue;
        };
        if m.pack != r.client_pack {
            targets
                .entry(r.client_pack)
                .or_default()
                .push((m.pack, via, r.line));
            modules
                .entry(r.client_pack)
                .or_default()
                .insert(r.client_module.clone());
        }
    }
    // Vendors whose own SDK the file uses directly: their models are not re-attributed.
    let direct: BTreeSet<String> = output
        .findings
        .iter()
        .filter(|f| {
            matches!(f.kind, Kind::SdkImport | Kind::SdkCall)
                && !targets.contains_key(&rules.pack_by_id(&f.vendor).unwrap_or(usize::MAX))
        })
        .map(|f| f.vendor.clone())
        .collect();
    for (client, list) in targets {
        let client_id = rules.pack(client).id.clone();
        let all_agree = list.iter().all(|(p, _, _)| *p == list[0].0);
        let client_modules = &modules[&client];
        let from_client = |f: &Finding| {
            f.package
                .as_deref()
                .is_some_and(|p| client_modules.iter().any(|m| p.starts_with(m.as_str())))
        };
        // The client's own import and calls, and models it serves; not the rest of its pack's
        // surface (a framework's `generateText` stays the framework's).
        let served_here = |f: &Finding| {
            (f.vendor == client_id && (f.kind == Kind::ModelName || from_client(f)))
                || (f.kind == Kind::ModelName && all_agree && !direct.contains(&f.vendor))
        };
        for f in output.findings.iter_mut().filter(|f| served_here(f)) {
            let chosen = if all_agree {
                Some(&list[0])
            } else {
                list.iter().find(|(_, _, line)| *line == f.line)
            };
            let Some((target, via, _)) = chosen else {
                continue;
            };
            if matches!(f.kind, Kind::SdkImport | Kind::SdkCall | Kind::ModelName) {
                f.vendor = rules.pack(*target).id.clone();
                f.via = Some(via.clone());
                if f.kind == Kind::ModelName {
                    // Model rules come from the catalog, not a pack matcher: name the real host.
                    f.rule = format!("{}.model-name", f.vendor);
                }
            }
        }
    }
}

/// An import, call or dependency of the repository's own packages (scanning an SDK's or a
/// framework's own repository): the code itself, not a dependency on its vendor.
/// The names the tree's own manifests publish under, indexed so that checking a finding costs
/// the same however many packages the monorepo holds.
#[derive(Default)]
struct OwnNames<'a> {
    /// Go modules and npm packages: the package itself or anything below it.
    paths: HashSet<&'a str>,
    /// Other ecosystems: the first segment of a dotted or coordinate name.
    roots: HashSet<&'a str>,
}

impl<'a> OwnNames<'a> {
    fn new(own: &'a [(Ecosystem, String)]) -> OwnNames<'a> {
        let mut names = OwnNames::default();
        for (eco, name) in own {
            match eco {
                Ecosystem::Go | Ecosystem::Npm => names.paths.insert(name.as_str()),
                _ => names.roots.insert(name.as_str()),
            };
        }
        names
    }

    fn contains(&self, package: &str) -> bool {
        if self
            .roots
            .contains(package.split(['.', ':']).next().unwrap_or(package))
        {
            return true;
        }
        if self.paths.is_empty() {
            return false;
        }
        // the whole name, then every prefix ending just before a `/` or `.`
        self.paths.contains(package)
            || package
                .match_indices(['/', '.'])
                .any(|(i, _)| self.paths.contains(&package[..i]))
    }
}

fn is_internal(f: &Finding, own: &OwnNames) -> bool {
    // A framework's own integration code still depends on the provider it integrates.
    if f.via.as_deref().is_some_and(|v| v.starts_with("through ")) {
        return false;
    }
    if !matches!(
        f.kind,
        Kind::SdkImport | Kind::SdkCall | Kind::ManifestDependency
    ) {
        return false;
    }
    f.package.as_deref().is_some_and(|p| own.contains(p))
}

/// A component that uses an SDK package only through clients pointed at one other vendor depends
/// on that vendor, not on the package's: its manifest entry follows the clients.
fn attribute_redirected_packages(findings: &mut [Finding]) {
    // (component, pack of the rule) → vendors its SDK findings ended up with
    let mut uses: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for f in findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::SdkImport | Kind::SdkCall))
    {
        let pack = f.rule.rsplit_once('.').map_or("", |(p, _)| p).to_string();
        uses.entry((f.component.clone(), pack))
            .or_default()
            .insert(f.vendor.clone());
    }
    for f in findings
        .iter_mut()
        .filter(|f| f.kind == Kind::ManifestDependency)
    {
        let Some(vendors) = uses.get(&(f.component.clone(), f.vendor.clone())) else {
            continue;
        };
        if vendors.len() == 1 && !vendors.contains(&f.vendor) {
            let target = vendors.iter().next().expect("one vendor").clone();
            f.via = Some(format!(
                "{} is used in {} only through clients pointed at {target}",
                f.package.as_deref().unwrap_or("this package"),
                f.component
            ));
            f.vendor = target;
        }
    }
}

/// Stable ids: a hash of what was found and where (file, rule, the line's text), not the line
/// number, so moving unrelated code never changes them. Repeats of the same text count up.
fn assign_ids(findings: &mut [Finding]) {
    let mut occurrences: HashMap<u64, u32> = HashMap::new();
    for f in findings.iter_mut() {
        let normalized: String = f.evidence.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = fnv1a(&[
            f.rule.as_bytes(),
            f.vendor.as_bytes(),
            f.file.as_bytes(),
            normalized.as_bytes(),
            f.model.as_deref().unwrap_or("").as_bytes(),
            f.host.as_deref().unwrap_or("").as_bytes(),
        ]);
        let n = occurrences.entry(key).or_insert(0);
        *n += 1;
        f.id = format!("{:016x}", fnv1a(&[&key.to_le_bytes(), &n.to_le_bytes()]));
    }
}

fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            hash = (hash ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        hash = (hash ^ 0xff).wrapping_mul(0x100_0000_01b3);
    }
    hash
}

/// Scans a git revision's files, in parallel, exactly as `scan` scans a tree. A file whose blob
/// id is in `known` (from a scan of the work tree with `ScanOptions::blob_ids`) is not read
/// again: its output there stands for it here.
pub fn scan_blobs(
    rules: &RuleSet,
    files: &crate::gitrev::RevisionFiles,
    options: &ScanOptions,
    known: &Blobs,
) -> Result<ScanResult> {
    let redactor = Redactor::new(rules);
    let mut ignore = ignore::gitignore::GitignoreBuilder::new("");
    if let Some(text) = files.read(".aidepignore") {
        for line in String::from_utf8_lossy(&text).lines() {
            let _ = ignore.add_line(None, line);
        }
    }
    for glob in &options.excludes {
        ignore
            .add_line(None, glob)
            .map_err(|e| Error::Usage(format!("--exclude {glob}: {e}")))?;
    }
    let ignore = ignore.build().map_err(|e| Error::Usage(e.to_string()))?;
    let counters = Counters::default();
    let results: Vec<(String, Option<FileOutput>, Vec<Diagnostic>)> = files.par_map(
        |path| !ignore.matched_path_or_any_parents(path, false).is_ignore(),
        |path, oid, read| {
            let mut diagnostics = Vec::new();
            if let Some((id, output)) = known.get(path)
                && id == oid
            {
                counters.scanned.fetch_add(1, Ordering::Relaxed);
                if output.is_some() {
                    counters.matched.fetch_add(1, Ordering::Relaxed);
                }
                return (path.to_string(), output.clone(), diagnostics);
            }
            let out = match read() {
                Ok(bytes) if bytes.len() as u64 > options.max_filesize => {
                    skip(
                        &mut diagnostics,
                        &counters,
                        "file-too-large",
                        path,
                        format!(
                            "skipped in the base revision: {} bytes is over the {}-byte limit",
                            bytes.len(),
                            options.max_filesize
                        ),
                    );
                    None
                }
                Ok(bytes) => {
                    process_bytes(rules, &redactor, path, &bytes, &mut diagnostics, &counters)
                }
                Err(message) => {
                    skip(&mut diagnostics, &counters, "read-error", path, message);
                    None
                }
            };
            (path.to_string(), out, diagnostics)
        },
    );
    let mut collected = Collected {
        outputs: Vec::new(),
        diagnostics: Vec::new(),
        manifest_dirs: BTreeSet::new(),
    };
    for (path, out, mut diagnostics) in results {
        collected.diagnostics.append(&mut diagnostics);
        if matches!(
            FileType::of(path.rsplit('/').next().unwrap_or(&path)),
            FileType::Manifest(_)
        ) {
            collected
                .manifest_dirs
                .insert(path.rsplit_once('/').map_or(".", |(d, _)| d).to_string());
        }
        if let Some(o) = out {
            collected.outputs.push((path, o));
        }
    }
    collected.outputs.sort_by(|a, b| a.0.cmp(&b.0));
    let stats = ScanStats {
        files_scanned: counters.scanned.load(Ordering::Relaxed),
        files_matched: counters.matched.load(Ordering::Relaxed),
        files_skipped: counters.skipped.load(Ordering::Relaxed),
        test_findings_excluded: 0,
    };
    Ok(finish(
        rules,
        &redactor,
        collected,
        stats,
        options.include_tests,
    ))
}

/// Analyses one in-memory file as the scan would (used by `aidep rules test` and the tests).
pub fn analyze_text(rules: &RuleSet, path: &str, text: &str) -> Vec<Finding> {
    let redactor = Redactor::new(rules);
    let output = detect::analyze(rules, &redactor, path, text);
    let collected = Collected {
        outputs: vec![(path.to_string(), output)],
        diagnostics: Vec::new(),
        manifest_dirs: BTreeSet::new(),
    };
    finish(rules, &redactor, collected, ScanStats::default(), true).findings
}
