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
    Sarif,
    Markdown,
    Cyclonedx,
    Csv,
    Html,
}

pub fn render(
    rules: &crate::rules::RuleSet,
    report: &Report,
    format: Format,
    width: Option<u16>,
) -> String {
    match format {
        Format::Sarif => {
            let all: Vec<&crate::finding::Finding> = report.findings.iter().collect();
            crate::sarif::sarif(rules, report, &all)
        }
        Format::Markdown => markdown(report),
        Format::Cyclonedx => crate::cyclonedx::cyclonedx(rules, report),
        Format::Csv => csv(report),
        Format::Html => crate::html::html(report),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(report).expect("the report serializes");
            s.push('\n');
            s
        }
        Format::Yaml => crate::yaml::to_string(report).expect("the report serializes"),
        Format::Table => table(report, width),
    }
}

/// Writes the report in `format` to `out`. JSON is serialized straight into the writer: on a
/// large tree the report is tens of megabytes, and building it as one string first cost as much
/// again in copies and fresh pages.
pub fn write(
    rules: &crate::rules::RuleSet,
    report: &Report,
    format: Format,
    width: Option<u16>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
            serde_json::to_writer_pretty(&mut out, report)?;
            std::io::Write::write_all(&mut out, b"\n")?;
            std::io::Write::flush(&mut out)
        }
        _ => std::io::Write::write_all(out, render(rules, report, format, width).as_bytes()),
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
        // In a merged report the repositories say more than the components.
        let merged = report.vendors.iter().any(|v| !v.repositories.is_empty());
        let place = if merged { "Repositories" } else { "Components" };
        let mut t = new_table(
            width,
            &[
                "Vendor",
                "Category",
                "Jurisdiction",
                place,
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
                short_list(if merged {
                    &v.repositories
                } else {
                    &v.components
                }),
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
    analysis_tables(report, width, &mut out);
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

fn analysis_tables(report: &Report, width: Option<u16>, out: &mut String) {
    if report.components.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "Lock-in score: {}/100 (0 = free to switch, 100 = cannot leave)",
        report.lock_in.score
    );
    let mut factors: Vec<_> = report
        .lock_in
        .factors
        .iter()
        .filter(|f| f.points > 0.0)
        .collect();
    factors.sort_by(|a, b| b.points.total_cmp(&a.points));
    let mut t = new_table(
        width,
        &[
            "Factor",
            "Weight",
            "Value",
            "Points",
            "Largest contributions",
        ],
    );
    for f in factors.iter().take(5) {
        // The report's detail starts with what the factor measures (see lock_in_method).
        let measures = report
            .lock_in_method
            .iter()
            .find(|m| m.factor == f.factor)
            .map(|m| m.measures.as_str());
        let detail = measures
            .and_then(|m| f.detail.strip_prefix(m))
            .map(|d| d.trim_start_matches([' ', '—']))
            .unwrap_or(&f.detail);
        t.add_row(vec![
            f.factor.clone(),
            format!("{:.0}", f.weight),
            format!("{:.2}", f.value),
            format!("{:.1}", f.points),
            detail.to_string(),
        ]);
    }
    let _ = writeln!(out, "{t}\n");

    let mut t = new_table(
        width,
        &["Component", "Owners", "Lock-in", "Vendors", "Abstractions"],
    );
    let mut comps: Vec<_> = report.components.iter().collect();
    comps.sort_by(|a, b| b.lock_in.score.cmp(&a.lock_in.score).then(a.id.cmp(&b.id)));
    for c in &comps {
        let mut vendors = c.vendors.clone();
        vendors.extend(
            c.inherited_vendors
                .iter()
                .map(|v| format!("{v} (via deps)")),
        );
        t.add_row(vec![
            c.id.clone(),
            c.owners.join(" "),
            c.lock_in.score.to_string(),
            short_list(&vendors),
            if c.abstractions.is_empty() {
                "none".into()
            } else {
                c.abstractions.join(", ")
            },
        ]);
    }
    let _ = writeln!(out, "{t}\n");

    if !report.single_points_of_failure.is_empty() {
        let _ = writeln!(out, "Single points of failure (by blast radius):");
        let mut t = new_table(
            width,
            &[
                "Kind",
                "Subject",
                "Capability",
                "Components affected",
                "Call sites",
                "Owners",
            ],
        );
        for spof in report.single_points_of_failure.iter().take(8) {
            let mut affected = spof.components.clone();
            affected.extend(
                spof.blast_radius
                    .transitive_dependants
                    .iter()
                    .map(|d| format!("{d} (dependant)")),
            );
            t.add_row(vec![
                spof.kind.clone(),
                spof.subject.clone(),
                spof.capability.clone(),
                short_list(&affected),
                spof.blast_radius.call_sites.to_string(),
                short_list(&spof.owners),
            ]);
        }
        let _ = writeln!(out, "{t}");
        if report.single_points_of_failure.len() > 8 {
            let _ = writeln!(
                out,
                "… and {} more; each with why it has no fallback in --format json",
                report.single_points_of_failure.len() - 8
            );
        }
        out.push('\n');
    }
    if !report.abstraction_targets.is_empty() {
        let _ = writeln!(out, "Where to build abstraction layers first:");
        let mut t = new_table(
            width,
            &[
                "Component",
                "Points removed",
                "Vendors",
                "Direct call sites",
            ],
        );
        for a in report.abstraction_targets.iter().take(5) {
            t.add_row(vec![
                a.component.clone(),
                format!("{:.1}", a.points_removed),
                a.vendors.join(", "),
                short_list(&a.call_sites),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
    if !report.retirements.is_empty() {
        let _ = writeln!(out, "Model retirement calendar (as of {}):", report.as_of);
        let mut t = new_table(
            width,
            &["Model", "Vendor", "Retires", "Days left", "Components"],
        );
        for r in &report.retirements {
            let days = if r.days_left < 0 {
                format!("retired {} days ago", -r.days_left)
            } else {
                r.days_left.to_string()
            };
            t.add_row(vec![
                r.model.clone(),
                r.vendor.clone(),
                r.retires.clone(),
                days,
                short_list(&r.components),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
    if !report.residency.is_empty() {
        let _ = writeln!(out, "Data residency:");
        let mut t = new_table(
            width,
            &["Vendor", "Jurisdiction", "Endpoint", "Region", "Components"],
        );
        for r in &report.residency {
            t.add_row(vec![
                r.vendor.clone(),
                r.jurisdiction.clone(),
                r.endpoint.clone(),
                r.region.clone(),
                short_list(&r.components),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
}

/// docs/vendors.md: the catalog as a page, generated from the packs (a test keeps it current).
pub fn vendor_catalog_markdown(rules: &crate::rules::RuleSet) -> String {
    let mut out = String::from(
        "# Vendors aidep knows\n\nGenerated from `rules/vendors/*.yaml` and `rules/models.json` by\n`aidep rules list --format markdown > docs/vendors.md`; a test fails when it is out of date.\n\n",
    );
    let _ = writeln!(
        out,
        "{} vendor packs, {} model ids in the catalog.\n",
        rules.packs.len(),
        rules.catalog.len()
    );
    out.push_str("| Vendor | Id | Category | Jurisdiction | Capabilities | Packages | Endpoints | Models |\n");
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    let mut packs: Vec<_> = rules.packs.iter().collect();
    packs.sort_by(|a, b| (&a.category, &a.id).cmp(&(&b.category, &b.id)));
    for p in packs {
        let mut packages: Vec<String> = p
            .packages
            .iter()
            .flat_map(|(eco, names)| names.iter().map(move |n| format!("{}:{n}", eco.as_str())))
            .collect();
        for i in &p.integrations {
            packages.extend(i.packages.iter().flat_map(|(eco, names)| {
                names
                    .iter()
                    .map(move |n| format!("{}:{n} (via {})", eco.as_str(), i.framework))
            }));
        }
        let endpoints: Vec<String> = p
            .endpoints
            .iter()
            .map(|e| format!("`{}`", e.template))
            .collect();
        let models = rules.catalog.count_for(&p.id);
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} | {} | {} |",
            p.name.replace('|', "\\|"),
            p.id,
            p.category,
            p.jurisdiction,
            p.capabilities.join(", "),
            packages.join(", ").replace('|', "\\|"),
            endpoints.join(", "),
            models
        );
    }
    out
}

/// An audit summary in Markdown: something a person pastes into a document.
pub fn markdown(report: &Report) -> String {
    let s = &report.summary;
    let mut out = format!(
        "# AI dependency audit\n\naidep {} (rules {}). {} files scanned; {} findings, {} vendors, {} models, {} components. Lock-in score **{}/100**.\n\n",
        report.tool.version,
        report.tool.rules_version,
        s.files_scanned,
        s.findings,
        s.vendors,
        s.models,
        s.components,
        report.lock_in.score
    );
    out.push_str("## Vendors\n\n| Vendor | Category | Jurisdiction | Components | Call sites | Findings |\n|---|---|---|---|---:|---:|\n");
    for v in &report.vendors {
        let _ = writeln!(
            out,
            "| {} (`{}`) | {} | {} | {} | {} | {} |",
            v.name,
            v.id,
            v.category,
            v.jurisdiction,
            v.components.join(", "),
            v.call_sites,
            v.findings
        );
    }
    out.push_str("\n## Lock-in factors\n\n| Factor | Weight | Value | Points | Detail |\n|---|---:|---:|---:|---|\n");
    for f in &report.lock_in.factors {
        let _ = writeln!(
            out,
            "| {} | {:.0} | {:.2} | {:.1} | {} |",
            f.factor,
            f.weight,
            f.value,
            f.points,
            f.detail.replace('|', "\\|")
        );
    }
    if !report.single_points_of_failure.is_empty() {
        out.push_str("\n## Single points of failure\n\n| Kind | Subject | Capability | Components | Call sites | Why |\n|---|---|---|---|---:|---|\n");
        for p in &report.single_points_of_failure {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                p.kind,
                p.subject,
                p.capability,
                p.components.join(", "),
                p.blast_radius.call_sites,
                p.why.replace('|', "\\|")
            );
        }
    }
    if !report.retirements.is_empty() {
        let _ = write!(
            out,
            "\n## Model retirements (as of {})\n\n| Model | Vendor | Retires | Days left | Where |\n|---|---|---|---:|---|\n",
            report.as_of
        );
        for r in &report.retirements {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                r.model,
                r.vendor,
                r.retires,
                r.days_left,
                r.locations.join(", ")
            );
        }
    }
    if !report.residency.is_empty() {
        out.push_str("\n## Data residency\n\n| Vendor | Jurisdiction | Endpoint | Region | Components |\n|---|---|---|---|---|\n");
        for r in &report.residency {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                r.vendor,
                r.jurisdiction,
                r.endpoint,
                r.region,
                r.components.join(", ")
            );
        }
    }
    if s.secrets > 0 {
        let _ = writeln!(
            out,
            "\n**{} hard-coded API key(s)** found; see the JSON report (redacted).",
            s.secrets
        );
    }
    out
}

/// The check's verdict for a pull-request comment.
pub fn check_markdown(outcome: &crate::check::CheckOutcome) -> String {
    let mut out = String::from("### aidep: AI dependency check\n\n");
    if outcome.passed {
        let _ = writeln!(
            out,
            "✅ No new AI dependency that is not accepted (compared with {}).",
            outcome.compared_with
        );
    } else {
        let _ = writeln!(
            out,
            "❌ {} violation(s) (compared with {}):\n",
            outcome.violations.len(),
            outcome.compared_with
        );
        out.push_str(
            "| | Vendor | Component | Where | What | What to do |\n|---|---|---|---|---|---|\n",
        );
        for v in &outcome.violations {
            let place = match (&v.file, v.line) {
                (Some(f), Some(l)) => format!("`{f}:{l}`"),
                (Some(f), None) => format!("`{f}`"),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                v.code,
                v.vendor,
                v.component,
                place,
                v.message.replace('|', "\\|"),
                v.fix.replace('|', "\\|")
            );
        }
    }
    if !outcome.unused.is_empty() {
        out.push_str("\n<details><summary>Unused allow entries and suppressions</summary>\n\n");
        for u in &outcome.unused {
            let _ = writeln!(out, "- {u}");
        }
        out.push_str("\n</details>\n");
    }
    out
}

/// The check's verdict on a terminal.
pub fn check_text(outcome: &crate::check::CheckOutcome) -> String {
    let mut out = String::new();
    for v in &outcome.violations {
        let place = match (&v.file, v.line) {
            (Some(f), Some(l)) => format!("{f}:{l}: "),
            (Some(f), None) => format!("{f}: "),
            _ => String::new(),
        };
        let _ = writeln!(out, "{place}{} [{}]\n    fix: {}", v.message, v.code, v.fix);
    }
    for u in &outcome.unused {
        let _ = writeln!(out, "note: {u}");
    }
    let _ = writeln!(
        out,
        "aidep check: {} against {}: {} violation(s), {} new finding(s)",
        if outcome.passed { "passed" } else { "FAILED" },
        outcome.compared_with,
        outcome.violations.len(),
        outcome.new_findings.len()
    );
    out
}

/// One row per finding. Cells that a spreadsheet would run as a formula are prefixed with `'`.
pub fn csv(report: &Report) -> String {
    fn cell(v: &str) -> String {
        let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{v}")
        } else {
            v.to_string()
        };
        if v.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v
        }
    }
    let mut out = String::from(
        "id,repository,rule,vendor,kind,file,line,column,component,scope,confidence,model,family,host,region,package,env,capability,proprietary,via,suppressed,evidence\n",
    );
    for f in &report.findings {
        let row = [
            f.id.clone(),
            f.repository.clone().unwrap_or_default(),
            f.rule.clone(),
            f.vendor.clone(),
            f.kind.to_string(),
            f.file.clone(),
            f.line.to_string(),
            f.column.to_string(),
            f.component.clone(),
            f.scope.as_str().to_string(),
            f.confidence.as_str().to_string(),
            f.model.clone().unwrap_or_default(),
            f.family.clone().unwrap_or_default(),
            f.host.clone().unwrap_or_default(),
            f.region.clone().unwrap_or_default(),
            f.package.clone().unwrap_or_default(),
            f.env.clone().unwrap_or_default(),
            f.capability.clone().unwrap_or_default(),
            f.proprietary.to_string(),
            f.via.clone().unwrap_or_default(),
            f.suppressed.clone().unwrap_or_default(),
            f.evidence.clone(),
        ];
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}
