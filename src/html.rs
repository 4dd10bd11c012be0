//! stub
pub fn html(_r: &crate::report::Report) -> String { String::new() }
