//! Emitters: each turns a finished `Report` into bytes and computes nothing of its own.

use crate::report::Report;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, ContentArrangement, Table};
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Yaml,
}

pub fn render(report: &Report, format: Format, width: Option<u16>) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(report).expect("the report serializes");
            s.push('\n');
            s
        }
        Format::Yaml => crate::yaml::to_string(report).expect("the report serializes"),
        Format::Table => table(report, width),
    }
}

/// At most four names, then how many more: a vendor used everywhere must not fill a screen.
fn short_list(items: &[String]) -> String {
    if items.len() <= 4 {
        items.join(", ")
    } else {
        format!("{}, … {} more", items[..4].join(", "), items.len() - 4)
    }
}

fn new_table(width: Option<u16>, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(w);
    }
    t.set_header(header.iter().map(Cell::new));
    t
}

fn table(report: &Report, width: Option<u16>) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let _ = writeln!(
        out,
        "aidep {} · rules {} · {} files scanned, {} with vendor literals",
        report.tool.version, report.tool.rules_version, s.files_scanned, s.files_matched
    );
    let _ = writeln!(
        out,
        "{} findings · {} vendors · {} models · {} components\n",
        s.findings, s.vendors, s.models, s.components
    );

    if report.vendors.is_empty() {
        out.push_str("No AI vendor dependencies found.\n");
    } else {
        let mut t = new_table(
            width,
            &[
                "Vendor",
                "Category",
                "Jurisdiction",
                "Components",
                "Call sites",
                "Findings",
            ],
        );
        let mut vendors: Vec<_> = report.vendors.iter().collect();
        vendors.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.id.cmp(&b.id)));
        for v in vendors {
            t.add_row(vec![
                format!("{} ({})", v.name, v.id),
                v.category.clone(),
                v.jurisdiction.clone(),
                short_list(&v.components),
                v.call_sites.to_string(),
                v.findings.to_string(),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
    if !report.models.is_empty() {
        let mut t = new_table(
            width,
            &["Model", "Vendor", "Family", "Retires", "Uses", "Components"],
        );
        let mut models: Vec<_> = report.models.iter().collect();
        models.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.id.cmp(&b.id)));
        for m in models.iter().take(15) {
            t.add_row(vec![
                m.id.clone(),
                m.vendor.clone(),
                m.family.clone().unwrap_or_default(),
                m.retires.clone().unwrap_or_default(),
                m.findings.to_string(),
                short_list(&m.components),
            ]);
        }
        let _ = writeln!(out, "{t}");
        if models.len() > 15 {
            let _ = writeln!(
                out,
                "… and {} more models (see --format json)",
                models.len() - 15
            );
        }
        out.push('\n');
    }
    if !report.endpoints.is_empty() {
        let mut t = new_table(
            width,
            &["Endpoint", "Vendor", "Region", "Uses", "Components"],
        );
        for e in &report.endpoints {
            t.add_row(vec![
                e.host.clone(),
                e.vendor.clone(),
                e.region.clone().unwrap_or_else(|| "-".into()),
                e.findings.to_string(),
                short_list(&e.components),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
    if s.secrets > 0 {
        let _ = writeln!(
            out,
            "⚠ {} hard-coded API key(s) found (shown redacted in --format json).",
            s.secrets
        );
    }
    if s.test_findings_excluded > 0 {
        let _ = writeln!(
            out,
            "{} findings in test code not counted (--include-tests to include them).",
            s.test_findings_excluded
        );
    }
    if s.diagnostics > 0 {
        let _ = writeln!(
            out,
            "{} files could not be fully read (see diagnostics on stderr or in --format json).",
            s.diagnostics
        );
    }
    out
}
