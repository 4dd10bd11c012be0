//! The `aidep` command: parses arguments, runs the library, prints, and maps the outcome to an
//! exit code (0 ok, 1 gate failed, 2 could not run).

/// A faster allocator than the system one for the many small, short-lived allocations of parsing.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use aidep::error::Error;
use aidep::render::{self, Format};
use aidep::report::Report;
use aidep::rules::RuleSet;
use aidep::scan::{self, ScanOptions};
use clap::{Args, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "aidep",
    version,
    about = "Audit a codebase's dependencies on AI vendors: SDKs, calls, models, endpoints, credentials."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Inventory every AI-vendor dependency under PATH.
    Scan(ScanArgs),
    /// The CI gate: fail (exit 1) on AI dependencies that are new and not accepted.
    Check(CheckArgs),
    /// Write the accepted state for `check`.
    Baseline(BaselineArgs),
    /// The dependency graph: components, vendors, models, endpoints and credentials.
    Graph(GraphArgs),
    /// One organisation-wide report from many repositories' JSON reports.
    Merge(MergeArgs),
    /// The vendor catalog and its self-tests.
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Args)]
struct GraphArgs {
    #[arg(default_value = ".")]
    path: PathBuf,
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    format: GraphFormat,
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    #[arg(long)]
    include_tests: bool,
}

#[derive(Args)]
struct CheckArgs {
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Findings already accepted (default: .aidep-baseline.json at the root, if present).
    #[arg(long, conflicts_with = "base")]
    baseline: Option<PathBuf>,
    /// Compare with a git revision instead (e.g. origin/main); the work tree is not touched.
    #[arg(long)]
    base: Option<String>,
    /// Policy file (default: aidep.yaml / .aidep.yaml at the root).
    #[arg(long, alias = "policy")]
    config: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Report violations but exit 0.
    #[arg(long)]
    exit_zero: bool,
    /// Include baselined findings in SARIF too.
    #[arg(long)]
    sarif_all: bool,
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    #[arg(long)]
    include_tests: bool,
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    Sarif,
    Markdown,
}

#[derive(Args)]
struct MergeArgs {
    /// `aidep scan --format json` reports, one per repository.
    #[arg(required = true)]
    reports: Vec<PathBuf>,
    #[arg(long, value_enum)]
    format: Vec<Format>,
    #[arg(short, long)]
    output: Vec<PathBuf>,
    /// Record the generation time (also set by SOURCE_DATE_EPOCH).
    #[arg(long)]
    timestamp: bool,
}

#[derive(Args)]
struct BaselineArgs {
    #[arg(default_value = ".")]
    path: PathBuf,
    #[arg(short, long, default_value = aidep::check::DEFAULT_BASELINE)]
    output: PathBuf,
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    #[arg(long)]
    include_tests: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    Table,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum GraphFormat {
    Dot,
    Mermaid,
    Json,
}

#[derive(Args)]
struct ScanArgs {
    /// Directory (or file) to scan.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format; repeat it together with -o to write several.
    #[arg(long, value_enum)]
    format: Vec<Format>,
    /// Write the output here instead of stdout (pairs with --format in order).
    #[arg(short, long)]
    output: Vec<PathBuf>,
    /// Extra rule packs (*.yaml), loaded like the built-in ones.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Skip paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Do not honour .gitignore, .ignore or .aidepignore.
    #[arg(long)]
    no_ignore: bool,
    /// Count findings in test code too.
    #[arg(long)]
    include_tests: bool,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, default_value_t = 0)]
    threads: usize,
    /// Skip files larger than this many bytes (with a diagnostic).
    #[arg(long, default_value_t = scan::DEFAULT_MAX_FILESIZE)]
    max_filesize: u64,
    /// Print no diagnostics or progress on stderr.
    #[arg(short, long)]
    quiet: bool,
    /// Show a progress bar even when stderr is not a terminal.
    #[arg(long)]
    progress: bool,
    /// Record the generation time in the report (also set by SOURCE_DATE_EPOCH).
    #[arg(long)]
    timestamp: bool,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// One row per vendor pack.
    List {
        #[arg(long, value_name = "DIR")]
        rules: Vec<PathBuf>,
        /// `markdown` writes the page kept in docs/vendors.md.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Everything one pack matches.
    Show {
        id: String,
        #[arg(long, value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Run every pack's examples (the built-in ones, plus DIR's when given).
    Test { dir: Option<PathBuf> },
    /// Print the prefilter's literals, one per line (what `rg -F -i -f` is given in the benchmark).
    Literals {
        #[arg(long, value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
}

struct Bar(indicatif::ProgressBar);

impl scan::Progress for Bar {
    fn file_done(&self, files: usize) {
        if files.is_multiple_of(256) {
            self.0.set_message(format!("{files} files"));
            self.0.tick();
        }
    }
}

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, Error> {
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    RuleSet::load(&dirs)
}

/// Writes to the file, or to stdout when there is none or it is `-`.
fn write_out(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    match path.filter(|p| p.as_os_str() != "-") {
        Some(p) => {
            let error = |source| Error::Write {
                path: p.to_path_buf(),
                source,
            };
            let mut file = std::fs::File::create(p).map_err(error)?;
            write(&mut file).map_err(error)
        }
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`aidep scan | head`) is not an error worth reporting.
            let _ = write(&mut out);
            let _ = out.flush();
            Ok(())
        }
    }
}

fn write_text(path: Option<&Path>, text: &str) -> Result<(), Error> {
    write_out(path, |out| out.write_all(text.as_bytes()))
}

fn terminal_width() -> Option<u16> {
    if std::io::stdout().is_terminal() {
        None
    } else {
        Some(120)
    }
}

/// Pairs `--format`s with `-o`s in order; at most one format goes to stdout.
fn output_plan(
    formats: &[Format],
    outputs: &[PathBuf],
) -> Result<Vec<(Format, Option<PathBuf>)>, Error> {
    if outputs.len() > formats.len().max(1) {
        return Err(Error::Usage(
            "more -o files than --format values: give one --format per -o".into(),
        ));
    }
    let formats = if formats.is_empty() {
        vec![Format::Table]
    } else {
        formats.to_vec()
    };
    if formats.len() > outputs.len() + 1 {
        return Err(Error::Usage(
            "only one --format can go to stdout: give the others an -o FILE".into(),
        ));
    }
    Ok(formats
        .into_iter()
        .enumerate()
        .map(|(i, f)| (f, outputs.get(i).cloned()))
        .collect())
}

/// `--timestamp` or SOURCE_DATE_EPOCH: the time, as RFC 3339 UTC.
fn generation_time(asked: bool) -> Option<String> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    let secs = match epoch {
        Some(s) => s,
        None if asked => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
        None => return None,
    };
    let day = aidep::analysis::civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    Some(format!(
        "{day}T{:02}:{:02}:{:02}Z",
        t / 3600,
        t % 3600 / 60,
        t % 60
    ))
}

fn write_report(
    rules: &RuleSet,
    report: &Report,
    plan: &[(Format, Option<PathBuf>)],
) -> Result<(), Error> {
    for (format, path) in plan {
        write_out(path.as_deref(), |out| {
            render::write(rules, report, *format, terminal_width(), out)
        })?;
    }
    Ok(())
}

fn merge_command(args: MergeArgs) -> Result<ExitCode, Error> {
    let plan = output_plan(&args.format, &args.output)?;
    let rules = load_rules(&[])?;
    let mut inputs = Vec::new();
    for p in &args.reports {
        let text = std::fs::read_to_string(p).map_err(|e| Error::Config {
            file: p.display().to_string(),
            line: None,
            message: e.to_string(),
        })?;
        inputs.push((p.display().to_string(), text));
    }
    let mut report = aidep::merge::merge(&rules, &inputs, aidep::analysis::as_of_days())?;
    report.source.generated_at = generation_time(args.timestamp);
    write_report(&rules, &report, &plan)?;
    Ok(ExitCode::SUCCESS)
}

fn scan_command(args: ScanArgs) -> Result<ExitCode, Error> {
    let started = std::time::Instant::now();
    let plan = output_plan(&args.format, &args.output)?;
    let rules = load_rules(&args.rules)?;
    let options = ScanOptions {
        root: args.path.clone(),
        excludes: args.exclude.clone(),
        no_ignore: args.no_ignore,
        include_tests: args.include_tests,
        threads: args.threads,
        max_filesize: args.max_filesize,
        blob_ids: false,
    };
    let show_progress = !args.quiet && (args.progress || std::io::stderr().is_terminal());
    let result = if show_progress {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message("scanning");
        let progress = Bar(bar);
        let r = scan::scan(&rules, &options, &progress);
        progress.0.finish_and_clear();
        r?
    } else {
        scan::scan(&rules, &options, &())?
    };
    if !args.quiet {
        let mut err = std::io::stderr().lock();
        for d in &result.diagnostics {
            let _ = writeln!(err, "aidep: warning: {d}");
        }
    }
    let t_scan = started.elapsed();
    let root = args.path.is_dir().then_some(args.path.as_path());
    let mut report = Report::build(&rules, result, root, aidep::analysis::as_of_days());
    if std::env::var_os("AIDEP_TIMING").is_some() {
        eprintln!(
            "aidep: timing: scan {:?}, analysis {:?}",
            t_scan,
            started.elapsed() - t_scan
        );
    }
    report.source.generated_at = generation_time(args.timestamp);
    let t_render = started.elapsed();
    write_report(&rules, &report, &plan)?;
    if std::env::var_os("AIDEP_TIMING").is_some() {
        eprintln!("aidep: timing: output {:?}", started.elapsed() - t_render);
    }
    // The process is about to exit: freeing a large report would only cost time.
    std::mem::forget(report);
    std::mem::forget(rules);
    Ok(ExitCode::SUCCESS)
}

fn report_for(
    rules: &RuleSet,
    path: &Path,
    excludes: &[String],
    include_tests: bool,
    quiet: bool,
) -> Result<Report, Error> {
    let mut options = ScanOptions::new(path);
    options.excludes = excludes.to_vec();
    options.include_tests = include_tests;
    Ok(report_with(rules, &options, quiet)?.0)
}

/// The report of a scan, and the blob ids it recorded when asked.
fn report_with(
    rules: &RuleSet,
    options: &ScanOptions,
    quiet: bool,
) -> Result<(Report, scan::Blobs), Error> {
    let path = options.root.as_path();
    let mut result = scan::scan(rules, options, &())?;
    let blobs = std::mem::take(&mut result.blobs);
    if !quiet {
        let mut err = std::io::stderr().lock();
        for d in &result.diagnostics {
            let _ = writeln!(err, "aidep: warning: {d}");
        }
    }
    let root = path.is_dir().then_some(path);
    let report = Report::build(rules, result, root, aidep::analysis::as_of_days());
    Ok((report, blobs))
}

fn baseline_command(args: BaselineArgs) -> Result<ExitCode, Error> {
    let rules = load_rules(&args.rules)?;
    let report = report_for(&rules, &args.path, &args.exclude, args.include_tests, false)?;
    let baseline = aidep::check::Baseline::from_findings(&report.findings);
    let text = serde_json::to_string_pretty(&baseline).expect("baseline serializes") + "\n";
    write_text(Some(&args.output), &text)?;
    let to = if args.output.as_os_str() == "-" {
        "stdout".to_string()
    } else {
        args.output.display().to_string()
    };
    eprintln!(
        "aidep: wrote {} accepted findings to {to}",
        baseline.findings.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn check_command(args: CheckArgs) -> Result<ExitCode, Error> {
    let rules = load_rules(&args.rules)?;
    let policy = aidep::policy::Policy::discover(args.config.as_deref(), &args.path)?;
    let mut options = ScanOptions::new(&args.path);
    options.excludes = args.exclude.clone();
    options.include_tests = args.include_tests;
    // against a revision, files it has unchanged are not read from git
    options.blob_ids = args.base.is_some();
    let (report, known) = report_with(&rules, &options, args.quiet)?;
    let (accepted, compared_with) = match (&args.base, &args.baseline) {
        (Some(rev), _) => {
            let files = aidep::gitrev::files_at(&args.path, rev)?;
            let base = scan::scan_blobs(&rules, &files, &options, &known)?;
            (
                Some(aidep::check::Baseline::from_findings(&base.findings)),
                format!("git revision {rev}"),
            )
        }
        (None, explicit) => {
            let path = explicit
                .clone()
                .unwrap_or_else(|| args.path.join(aidep::check::DEFAULT_BASELINE));
            if path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::Config {
                    file: path.display().to_string(),
                    line: None,
                    message: e.to_string(),
                })?;
                (
                    Some(aidep::check::Baseline::parse(
                        &path.display().to_string(),
                        &text,
                    )?),
                    path.display().to_string(),
                )
            } else if explicit.is_some() {
                return Err(Error::Config {
                    file: path.display().to_string(),
                    line: None,
                    message: "no such baseline".into(),
                });
            } else {
                (
                    None,
                    "an empty baseline (no .aidep-baseline.json)".to_string(),
                )
            }
        }
    };
    let today = aidep::analysis::civil_from_days(aidep::analysis::as_of_days());
    let outcome = aidep::check::check(
        &rules,
        &report,
        accepted.as_ref(),
        &compared_with,
        &policy,
        &today,
    );
    let text = match args.format {
        CheckFormat::Text => render::check_text(&outcome),
        CheckFormat::Json => {
            serde_json::to_string_pretty(&outcome).expect("outcome serializes") + "\n"
        }
        CheckFormat::Markdown => render::check_markdown(&outcome),
        CheckFormat::Sarif => {
            let new: std::collections::BTreeSet<&str> =
                outcome.new_findings.iter().map(String::as_str).collect();
            let results: Vec<&aidep::finding::Finding> = report
                .findings
                .iter()
                .filter(|f| args.sarif_all || new.contains(f.id.as_str()))
                .collect();
            aidep::sarif::sarif(&rules, &report, &results)
        }
    };
    write_text(args.output.as_deref(), &text)?;
    if args.format != CheckFormat::Text && !args.quiet {
        eprint!("{}", render::check_text(&outcome));
    }
    Ok(if outcome.passed || args.exit_zero {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn graph_command(args: GraphArgs) -> Result<ExitCode, Error> {
    let rules = load_rules(&args.rules)?;
    let mut options = ScanOptions::new(&args.path);
    options.excludes = args.exclude.clone();
    options.include_tests = args.include_tests;
    let result = scan::scan(&rules, &options, &())?;
    let root = args.path.is_dir().then_some(args.path.as_path());
    let report = Report::build(&rules, result, root, aidep::analysis::as_of_days());
    let text = match args.format {
        GraphFormat::Dot => aidep::analysis::graph::to_dot(&report.graph),
        GraphFormat::Mermaid => aidep::analysis::graph::to_mermaid(&report.graph),
        GraphFormat::Json => {
            serde_json::to_string_pretty(&report.graph).expect("the graph serializes") + "\n"
        }
    };
    write_text(args.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}

fn rules_command(cmd: RulesCommand) -> Result<ExitCode, Error> {
    match cmd {
        RulesCommand::List { rules, format } => {
            let rules = load_rules(&rules)?;
            if format == ListFormat::Markdown {
                write_text(None, &aidep::render::vendor_catalog_markdown(&rules))?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut table = comfy_table::Table::new();
            table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
            table.set_header([
                "Vendor",
                "Name",
                "Category",
                "Jurisdiction",
                "Packages",
                "Endpoints",
                "Models",
            ]);
            for pack in &rules.packs {
                let packages: usize = pack.packages.values().map(Vec::len).sum();
                let models = rules.catalog.count_for(&pack.id);
                table.add_row([
                    pack.id.clone(),
                    pack.name.clone(),
                    pack.category.clone(),
                    pack.jurisdiction.clone(),
                    packages.to_string(),
                    pack.endpoints
                        .iter()
                        .map(|e| e.template.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    models.to_string(),
                ]);
            }
            let text = format!(
                "{table}\n{} vendor packs · {} model ids in the catalog · rules {}\n",
                rules.packs.len(),
                rules.catalog.len(),
                rules.version
            );
            write_text(None, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Show { id, rules } => {
            let rules = load_rules(&rules)?;
            let Some(idx) = rules.pack_by_id(&id) else {
                return Err(Error::Usage(format!(
                    "no vendor pack `{id}` (see `aidep rules list`)"
                )));
            };
            let p = rules.pack(idx);
            let mut s = format!(
                "{} ({})\n  category: {}\n  jurisdiction: {}\n  source: {}\n",
                p.name, p.id, p.category, p.jurisdiction, p.source
            );
            s.push_str(&format!(
                "  capabilities: {}\n  substitutes: {}\n",
                p.capabilities.join(", "),
                p.substitutes.join(", ")
            ));
            for (eco, names) in &p.packages {
                s.push_str(&format!(
                    "  packages.{}: {}\n",
                    eco.as_str(),
                    names.join(", ")
                ));
            }
            for (lang, paths) in &p.imports {
                s.push_str(&format!(
                    "  imports.{}: {}\n",
                    lang.as_str(),
                    paths.join(", ")
                ));
            }
            for c in &p.calls {
                s.push_str(&format!(
                    "  call: {}{}{}\n",
                    c.name,
                    c.capability
                        .as_ref()
                        .map(|c| format!(" [{c}]"))
                        .unwrap_or_default(),
                    if c.proprietary { " (proprietary)" } else { "" }
                ));
            }
            for e in &p.endpoints {
                s.push_str(&format!("  endpoint: {}\n", e.template));
            }
            if !p.env.is_empty() {
                s.push_str(&format!("  env: {}\n", p.env.join(", ")));
            }
            let models = rules.catalog.count_for(&p.id);
            s.push_str(&format!(
                "  catalog models: {models}\n  examples: {}\n",
                p.examples.len()
            ));
            write_text(None, &s)?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Literals { rules } => {
            let rules = load_rules(&rules)?;
            let mut text = rules.literals().join("\n");
            text.push('\n');
            write_text(None, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Test { dir } => {
            let dirs: Vec<PathBuf> = dir.iter().cloned().collect();
            let rules = load_rules(&dirs)?;
            let outcome = aidep::selftest::run(&rules, None);
            let mut text = String::new();
            for f in &outcome.failures {
                text.push_str(&format!("FAIL {} ({}): {}\n", f.pack, f.source, f.message));
            }
            let failed_packs: std::collections::BTreeSet<&str> =
                outcome.failures.iter().map(|f| f.pack.as_str()).collect();
            text.push_str(&format!(
                "{} packs, {} examples: {} passed, {} failed\n",
                rules.packs.len(),
                outcome.examples,
                rules.packs.len() - failed_packs.len(),
                failed_packs.len()
            ));
            write_text(None, &text)?;
            Ok(if outcome.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Scan(args) => scan_command(args),
        Command::Check(args) => check_command(args),
        Command::Baseline(args) => baseline_command(args),
        Command::Graph(args) => graph_command(args),
        Command::Merge(args) => merge_command(args),
        Command::Rules(cmd) => rules_command(cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("aidep: error: {e}");
            ExitCode::from(2)
        }
    }
}
