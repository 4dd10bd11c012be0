//! Reading a git revision's files with gix, without touching the work tree: the base of
//! `aidep check --base REF`. Only the files under the scanned directory are read, and only blobs
//! (no submodules, no symlinks); `.aidepignore` and `--exclude` still apply.

use crate::error::{Error, Result};
use std::path::Path;

/// The files of `rev` under `root` (which must be inside a git work tree), as repo-relative paths
/// made relative to `root`, with their contents.
pub fn files_at(root: &Path, rev: &str, max_filesize: u64) -> Result<Vec<(String, Vec<u8>)>> {
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
    let mut out = Vec::new();
    for entry in recorder.records {
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
        let object = repo
            .find_object(entry.oid)
            .map_err(|e| fail(format!("cannot read {rel} at {rev}: {e}")))?;
        if object.data.len() as u64 > max_filesize {
            continue;
        }
        out.push((rel, object.data.clone()));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The commit checked out where `root` is, when it is inside a git repository.
pub fn head_commit(root: &Path) -> Option<String> {
    let repo = gix::discover(root).ok()?;
    let id = repo.head_id().ok()?;
    Some(id.to_string())
}
