//! Reading a git revision's files with gix, without touching the work tree: the base of
//! `aidep check --base REF`. Only the files under the scanned directory are read, and only blobs
//! (no submodules, no symlinks); `.aidepignore` and `--exclude` still apply.

use crate::error::{Error, Result};
use std::path::Path;

/// The files of a git revision under the scanned directory: their paths (relative to that
/// directory) and blob ids. Contents are read on demand, in parallel, and never all held at once.
pub struct RevisionFiles {
    repo: gix::ThreadSafeRepository,
    rev: String,
    entries: Vec<(String, gix::ObjectId)>,
}

impl RevisionFiles {
    /// One file's contents (for the few read before the rest, like `.aidepignore`).
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        let (_, oid) = self.entries.iter().find(|(p, _)| p == path)?;
        let repo = self.repo.to_thread_local();
        repo.find_object(*oid)
            .ok()
            .map(|mut o| std::mem::take(&mut o.data))
    }

    /// Calls `f` with every file the `keep` filter accepts, its blob id and a reader for its
    /// contents (so a file known by its id need not be read), in parallel, each thread with its
    /// own handle on the repository; results come back in path order.
    pub fn par_map<T: Send>(
        &self,
        keep: impl Fn(&str) -> bool + Sync,
        f: impl Fn(&str, &gix::ObjectId, &dyn Fn() -> std::result::Result<Vec<u8>, String>) -> T + Sync,
    ) -> Vec<T> {
        use rayon::prelude::*;
        self.entries
            .par_iter()
            .filter(|(path, _)| keep(path))
            .map_init(
                || self.repo.to_thread_local(),
                |repo, (path, oid)| {
                    let read = || {
                        repo.find_object(*oid)
                            .map(|mut o| std::mem::take(&mut o.data))
                            .map_err(|e| format!("cannot read at {}: {e}", self.rev))
                    };
                    f(path, oid, &read)
                },
            )
            .collect()
    }
}

/// The files of `rev` under `root` (which must be inside a git work tree).
pub fn files_at(root: &Path, rev: &str) -> Result<RevisionFiles> {
    let fail = |message: String| Error::Root {
        path: root.to_path_buf(),
        message,
    };
    let repo = gix::discover(root).map_err(|e| fail(format!("not in a git repository: {e}")))?;
    let workdir = repo
        .workdir()
        .ok_or_else(|| fail("the repository has no work tree".into()))?
        .canonicalize()
        .map_err(|e| fail(e.to_string()))?;
    let root_abs = root.canonicalize().map_err(|e| fail(e.to_string()))?;
    let prefix = root_abs
        .strip_prefix(&workdir)
        .map_err(|_| fail("the scanned directory is outside the repository".into()))?
        .to_string_lossy()
        .replace('\\', "/");
    let records = {
        let id = repo
            .rev_parse_single(rev)
            .map_err(|e| Error::Usage(format!("--base {rev}: {e}")))?;
        let tree = id
            .object()
            .map_err(|e| Error::Usage(format!("--base {rev}: {e}")))?
            .peel_to_tree()
            .map_err(|e| Error::Usage(format!("--base {rev}: {e}")))?;
        let mut recorder = gix::traverse::tree::Recorder::default();
        tree.traverse()
            .breadthfirst(&mut recorder)
            .map_err(|e| fail(format!("cannot read {rev}: {e}")))?;
        recorder.records
    };
    let mut entries = Vec::new();
    for entry in records {
        if !entry.mode.is_blob() {
            continue;
        }
        let path = entry.filepath.to_string();
        let rel = if prefix.is_empty() {
            path
        } else if let Some(rest) = path.strip_prefix(&format!("{prefix}/")) {
            rest.to_string()
        } else {
            continue;
        };
        entries.push((rel, entry.oid));
    }
    entries.sort();
    Ok(RevisionFiles {
        repo: repo.into_sync(),
        rev: rev.to_string(),
        entries,
    })
}

/// The commit checked out where `root` is, when it is inside a git repository.
pub fn head_commit(root: &Path) -> Option<String> {
    let repo = gix::discover(root).ok()?;
    let id = repo.head_id().ok()?;
    Some(id.to_string())
}
