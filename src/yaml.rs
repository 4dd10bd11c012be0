//! The one place aidep touches a YAML library. serde_yaml is archived upstream; keeping every use
//! behind these two functions makes a swap to a maintained fork a one-file change.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A YAML error with the 1-based line it points at, when the parser knows it.
#[derive(Debug)]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
}

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| YamlError {
        line: e.location().map(|l| l.line()),
        message: strip_location(&e.to_string()),
    })
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|e| YamlError {
        message: e.to_string(),
        line: None,
    })
}

/// serde_yaml appends "at line L column C"; callers print the line themselves.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
