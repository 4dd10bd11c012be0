//! Errors that stop aidep from running (exit code 2). Problems with one file of the scanned tree are
//! never errors: they become `Diagnostic`s and the scan goes on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    RulePack {
        file: String,
        line: Option<usize>,
        message: String,
    },
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Config {
        file: String,
        line: Option<usize>,
        message: String,
    },
    #[error("cannot scan {}: {message}", path.display())]
    Root { path: PathBuf, message: String },
    #[error("{0}")]
    Usage(String),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
