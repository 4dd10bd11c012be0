//! aidep: audits a codebase's dependencies on AI vendors (SDKs, calls, models, endpoints,
//! credentials, packages, infrastructure), offline, from one binary.
//!
//! Data flows one way: rule packs → walk → per-file facts → findings → report → emitters.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod check;
pub mod component;
pub mod config_file;
pub mod cyclonedx;
pub mod detect;
pub mod error;
pub mod facts;
pub mod finding;
pub mod gitrev;
pub mod html;
pub mod lang;
pub mod manifest;
pub mod merge;
pub mod notebook;
pub mod policy;
pub mod redact;
pub mod render;
pub mod report;
pub mod rules;
pub mod sarif;
pub mod scan;
pub mod selftest;
pub mod yaml;
