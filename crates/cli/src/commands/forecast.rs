//! `backchannel forecast SCENARIO | --dossier FILE`: where the bargaining is heading.
//!
//! From a position table: reads a KTAB CSV or XML or a TOML scenario (format in the `forecast`
//! crate docs). From the stored record (`--dossier`): derives each issue's scenario from the
//! parties' extracted stances (`dossier::scenario`). Either way runs KTAB's Spatial Model of
//! Politics, a Monte Carlo over input noise and the expected-utility model, and prints the
//! forecast as a table, JSON or CSV.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use dossier::scenario::{DossierForecast, ForecastSettings, IssueForecast};

use crate::Global;
use crate::commands::parse_day;

/// Output formats of `forecast`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A summary for people.
    Table,
    /// The whole report as one JSON object (SMP rounds, distribution, EUM; with --dossier
    /// also the inputs, their citations, the explanation and what was missing).
    Json,
    /// Scenario: one row per round, actor and dimension (turn,actor,dimension,position,
    /// win_probability). --dossier: one row per issue and party with its inputs and the
    /// issue's forecast.
    Csv,
}

/// Forecast a negotiation's outcome, from a scenario of actors, capabilities, positions and
/// saliences, or from the stored record with --dossier.
///
/// SCENARIO is a KTAB CSV or XML file (positions and saliences 0–100) or a `.toml` scenario.
/// With --dossier, each issue that has a scale gets its own scenario: each party's position is
/// its latest stance placed on the issue's scale (cited), its salience how often and how
/// firmly it speaks to the issue (red line 3, demand or rejection 2, other stances 1, as a
/// share of its most-addressed issue), its capability the dossier's `[capability]` value or
/// else its CINC score from the Correlates of War table (2016). Missing values are reported,
/// never guessed. The forecast per issue is the capability × salience-weighted mean of the
/// positions the Spatial Model of Politics ends with; the Monte Carlo gives its spread when
/// inputs are uncertain.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel forecast scenario.csv
  backchannel forecast talks.toml --runs 5000 --seed 7 --position-noise 10
  backchannel forecast scenario.csv --format json > forecast.json
  backchannel forecast scenario.csv --format csv --runs 0
  backchannel forecast ktab-scenario.xml
  backchannel forecast scenario.csv --param VotingRule=Cubic --svg positions.svg
  backchannel ingest examples/muscat
  backchannel forecast --dossier examples/muscat/dossier.toml
  backchannel forecast --dossier dossier.toml --format json --svg charts/talks.svg

With --dossier and --svg FILE, one chart per issue is written beside FILE, named
FILE's stem + `-ISSUE.svg` (charts/talks-enrichment.svg).

Exit codes:
  0  forecast printed
  2  the scenario, database or dossier could not be read, or the model failed")]
pub struct ForecastArgs {
    /// The scenario: a KTAB CSV file, a KTAB XML file (`.xml`, model parameters included), or
    /// a TOML file (`.toml`).
    #[arg(
        value_name = "SCENARIO",
        required_unless_present = "dossier",
        conflicts_with = "dossier"
    )]
    pub scenario: Option<PathBuf>,
    /// Derive the scenario from the stored record under this dossier (`dossier.toml`) instead.
    #[arg(long, value_name = "FILE")]
    pub dossier: Option<PathBuf>,
    /// With --dossier: only documents dated on or after this day.
    #[arg(long, value_parser = parse_day, value_name = "DATE", requires = "dossier")]
    pub since: Option<jiff::civil::Date>,
    /// Monte Carlo runs over perturbed inputs (0 to skip).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub runs: usize,
    /// Seed of the Monte Carlo (and of stochastic state transitions).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Monte Carlo noise on positions: standard deviation in points of the 0–100 scale.
    #[arg(long, value_name = "POINTS", default_value_t = 5.0)]
    pub position_noise: f64,
    /// Monte Carlo noise on saliences: standard deviation in points of the 0–100 scale.
    #[arg(long, value_name = "POINTS", default_value_t = 5.0)]
    pub salience_noise: f64,
    /// Monte Carlo noise on capabilities: each is multiplied by exp(SIGMA × a standard normal).
    #[arg(long, value_name = "SIGMA", default_value_t = 0.2)]
    pub capability_noise: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write an SVG chart of positions over rounds to FILE (with --dossier: one per
    /// issue, FILE's stem + `-ISSUE.svg`).
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Dimension drawn by --svg (1-based).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub svg_dimension: usize,
    /// Set a KTAB model parameter, e.g. `VotingRule=Cubic` (repeatable). Parameters:
    /// VictoryProbModel, PCEModel, StateTransitions, VotingRule, BigRAdjust, BigRRange,
    /// ThirdPartyCommit, InterVecBrgn, BargnModel.
    #[arg(long, value_name = "NAME=VALUE")]
    pub param: Vec<String>,
}

/// Runs the forecast.
///
/// # Errors
/// Fails when the scenario cannot be read or parsed (naming the file, row and column), the
/// database or dossier cannot be read, a parameter is unknown, the model fails, or the SVG
/// cannot be written.
pub fn run(args: ForecastArgs, global: &Global) -> anyhow::Result<ExitCode> {
    for (flag, v) in [
        ("--position-noise", args.position_noise),
        ("--salience-noise", args.salience_noise),
        ("--capability-noise", args.capability_noise),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            bail!("{flag} {v}: expected a non-negative number");
        }
    }
    if let Some(path) = &args.dossier {
        return run_dossier(&args, path, global);
    }
    let Some(path) = &args.scenario else {
        bail!("give a SCENARIO file or --dossier FILE");
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (scenario, model) = if ext == "toml" {
        forecast::parse_toml_scenario(&text)
            .with_context(|| format!("{} is not a valid scenario", path.display()))?
    } else if ext == "xml" {
        let (sc, cfg) = forecast::parse_ktab_xml(&text)
            .with_context(|| format!("{} is not a valid KTAB XML scenario", path.display()))?;
        (sc, Some(cfg))
    } else {
        let sc = forecast::parse_ktab_csv(&text)
            .with_context(|| format!("{} is not a valid KTAB scenario", path.display()))?;
        (sc, None)
    };
    let cfg = smp_config(&args, model.unwrap_or_default())?;
    if args.svg.is_some() && !(1..=scenario.dimensions.len()).contains(&args.svg_dimension) {
        bail!(
            "--svg-dimension {}: the scenario has {} dimension(s)",
            args.svg_dimension,
            scenario.dimensions.len()
        );
    }
    let mc = mc_config(&args);
    let report = forecast::forecast(&scenario, &cfg, &mc)
        .with_context(|| format!("the model failed on {}", path.display()))?;
    if let Some(svg_path) = &args.svg {
        let svg = forecast::positions_svg(&report.smp, args.svg_dimension - 1);
        std::fs::write(svg_path, svg)
            .with_context(|| format!("could not write {}", svg_path.display()))?;
    }
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Csv => csv(&report),
        Format::Table => table(&report),
    };
    crate::output::out(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn smp_config(
    args: &ForecastArgs,
    base: forecast::SmpConfig,
) -> anyhow::Result<forecast::SmpConfig> {
    let mut cfg = base;
    cfg.seed = args.seed;
    for p in &args.param {
        let Some((name, value)) = p.split_once('=') else {
            bail!("--param {p}: expected NAME=VALUE\nhint: e.g. --param VotingRule=Cubic");
        };
        cfg.set(name, value)
            .with_context(|| format!("--param {p}"))?;
    }
    Ok(cfg)
}

fn mc_config(args: &ForecastArgs) -> forecast::MonteCarloConfig {
    forecast::MonteCarloConfig {
        runs: args.runs,
        seed: args.seed,
        noise: forecast::Noise {
            capability: args.capability_noise,
            position: args.position_noise,
            salience: args.salience_noise,
        },
        threads: 0,
    }
}

/// `forecast --dossier`: a scenario per issue derived from the stored record.
fn run_dossier(args: &ForecastArgs, path: &Path, global: &Global) -> anyhow::Result<ExitCode> {
    let dossier = corpus::read_dossier(path)?;
    let store = crate::commands::open_existing_store(global)?;
    let corpus = crate::commands::brief::load_corpus(store.as_ref(), args.since, global)?;
    let analysis = corpus.analyze(&dossier);
    let settings = ForecastSettings {
        smp: smp_config(args, forecast::SmpConfig::default())?,
        monte_carlo: mc_config(args),
        svg: args.svg.is_some(),
    };
    let result = corpus.forecast(&dossier, &analysis, &settings);
    if let Some(base) = &args.svg {
        for issue in &result.issues {
            if let Some(svg) = &issue.svg {
                let file = svg_path(base, &issue.issue);
                if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("could not create {}", dir.display()))?;
                }
                std::fs::write(&file, svg)
                    .with_context(|| format!("could not write {}", file.display()))?;
                crate::output::note(global.quiet, &format!("wrote {}", file.display()));
            }
        }
    }
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&result)? + "\n",
        Format::Csv => dossier_csv(&result),
        Format::Table => dossier_table(&result, corpus.documents.len()),
    };
    crate::output::out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `charts/talks.svg` + `enrichment` → `charts/talks-enrichment.svg`.
fn svg_path(base: &Path, issue: &str) -> PathBuf {
    let stem = base
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("forecast");
    base.with_file_name(format!("{stem}-{issue}.svg"))
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(String::new, |x| format!("{}", round9(x)))
}

fn dossier_csv(f: &DossierForecast) -> String {
    let mut s = String::from(
        "issue,party,role,position,salience,capability,capability_source,kind,date,doc,sentence,quote,outcome,median,q10,q90,eum\n",
    );
    for issue in &f.issues {
        for p in &issue.inputs {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                csv_field(&issue.issue),
                csv_field(&p.party),
                p.role.as_str(),
                round9(p.position),
                round9(p.salience),
                p.capability,
                csv_field(&p.capability_source),
                p.kind.as_str(),
                p.date.as_deref().unwrap_or(""),
                csv_field(&p.citation.doc),
                p.citation.sentence,
                csv_field(&p.citation.quote),
                round9(issue.outcome),
                opt(issue.median),
                opt(issue.q10),
                opt(issue.q90),
                opt(issue.eum),
            );
        }
    }
    s
}

/// `1 stance`, `3 stances`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// One decimal, dropped when the value is whole.
fn short(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// Word-wraps `text` at `width` columns for a first line that starts with `lead`, every
/// further line indented as wide as `lead`.
fn wrap(lead: &str, text: &str, width: usize) -> String {
    wrap_in(lead, &" ".repeat(lead.chars().count()), text, width)
}

/// Wraps `text` after `lead` at 100 columns, continuation lines indented two more columns.
fn hang(lead: &str, text: &str) -> String {
    wrap_in(lead, &format!("{lead}  "), text, 100)
}

fn wrap_in(lead: &str, indent: &str, text: &str, width: usize) -> String {
    let mut out = String::from(lead);
    let mut col = lead.chars().count();
    let mut first = true;
    for w in text.split_whitespace() {
        let n = w.chars().count();
        if !first && col + 1 + n > width {
            out.push('\n');
            out.push_str(indent);
            col = indent.chars().count();
        } else if !first {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += n;
        first = false;
    }
    out
}

/// The capability source, short: `dossier` or `COW CINC 2016`.
fn short_source(source: &str) -> String {
    source.replace(forecast::CAPABILITY_SOURCE, "COW CINC")
}

fn issue_block(s: &mut String, f: &IssueForecast) {
    let _ = writeln!(s, "{} — {}", f.issue, f.question);
    let points: Vec<String> = f
        .scale
        .points
        .iter()
        .map(|p| format!("{} \"{}\"", short(p.value), p.label))
        .collect();
    let _ = writeln!(s, "  scale      {}", points.join(" · "));
    let _ = writeln!(
        s,
        "  {:<10} {:<9} {:>8} {:>8} {:>10}  capability source",
        "party", "role", "position", "salience", "capability"
    );
    for p in &f.inputs {
        let _ = writeln!(
            s,
            "  {:<10} {:<9} {:>8} {:>8} {:>10.4}  {}",
            truncate(&p.party, 10),
            p.role.as_str(),
            short(p.position),
            short(p.salience),
            p.capability,
            short_source(&p.capability_source)
        );
    }
    let _ = writeln!(s, "  positions from the latest placed stance:");
    for p in &f.inputs {
        let who = p
            .person
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let line = format!(
            "{} {}{who}, {}; {} on the issue, {} placed: [{}] \"{}\"",
            p.party,
            p.kind.as_str().replace('_', " "),
            p.date.as_deref().unwrap_or("undated"),
            plural(p.stances, "stance"),
            p.placed,
            p.citation.label(),
            p.citation.quote
        );
        let _ = writeln!(s, "{}", hang("    ", &line));
        if let Some(rule) = &p.rule {
            let _ = writeln!(s, "{}", wrap("      placed: ", rule, 100));
        }
        for e in &p.earlier {
            let line = format!(
                "earlier: {} on {} ({}×) [{}]",
                short(e.value),
                e.date.as_deref().unwrap_or("undated"),
                e.count,
                e.citation.label()
            );
            let _ = writeln!(s, "{}", wrap("      ", &line, 100));
        }
    }
    let mut outcome = format!("SMP {} ({})", short(f.outcome), f.outcome_label);
    if let (Some(m), Some(q10), Some(q90)) = (f.median, f.q10, f.q90) {
        let _ = write!(
            outcome,
            " · Monte Carlo median {}, 10–90 %: {}–{} ({} runs)",
            short(m),
            short(q10),
            short(q90),
            f.runs
        );
    }
    match f.eum {
        Some(e) => {
            let _ = write!(outcome, " · EUM {}", short(e));
        }
        None => outcome.push_str(" · EUM —"),
    }
    let _ = writeln!(s, "{}", wrap("  outcome    ", &outcome, 100));
    let moves: Vec<String> = f
        .moves
        .iter()
        .map(|m| format!("{} {} → {}", m.party, short(m.from), short(m.to)))
        .collect();
    let _ = writeln!(s, "  SMP rounds {}: {}", f.rounds, moves.join(", "));
    let _ = writeln!(s, "{}", wrap("  why        ", &f.explanation, 100));
    let _ = writeln!(s);
}

fn dossier_table(f: &DossierForecast, documents: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Forecast: {}", f.dossier);
    let total = f.issues.len() + f.skipped.len();
    let mc = &f.method.monte_carlo;
    let runs = if mc.runs > 0 {
        format!("a Monte Carlo of {} runs (seed {})", mc.runs, mc.seed)
    } else {
        "no Monte Carlo".to_owned()
    };
    let _ = writeln!(
        s,
        "{}",
        wrap(
            "",
            &format!(
                "{} of {total} issues forecast from {} stances in {documents} documents; KTAB's Spatial Model of Politics, {runs}, and the expected-utility model, each issue on its own.",
                f.issues.len(),
                f.stances
            ),
            100,
        )
    );
    let caps: Vec<String> = f
        .capabilities
        .iter()
        .map(|c| match c.value {
            Some(v) if c.source == "dossier" => format!("{} {v} (dossier)", c.party),
            Some(v) => format!("{} {v:.4}", c.party),
            None => format!("{} none", c.party),
        })
        .collect();
    let _ = writeln!(
        s,
        "{}",
        wrap(
            "",
            &format!(
                "Capabilities: {}. Unless marked (dossier), from {}. These data end in 2016: override them under [capability] in the dossier.",
                caps.join(", "),
                f.method.capability_source
            ),
            100,
        )
    );
    let _ = writeln!(s);
    for issue in &f.issues {
        issue_block(&mut s, issue);
    }
    if !f.skipped.is_empty() {
        let _ = writeln!(s, "Not forecast");
        for k in &f.skipped {
            let _ = writeln!(
                s,
                "{}",
                wrap(&format!("  {:<18} ", k.issue), &k.reason, 100)
            );
        }
        let _ = writeln!(s);
    }
    if !f.missing.is_empty() {
        let _ = writeln!(s, "Missing inputs (not guessed)");
        for line in missing_lines(f) {
            let _ = writeln!(s, "{}", hang("  ", &line));
        }
        let _ = writeln!(s);
    }
    for code in &f.unused_capabilities {
        let _ = writeln!(
            s,
            "{}",
            hang(
                "",
                &format!(
                    "Unused: [capability] {code} is neither a party nor a mediator of the dossier; fix the code or add it to `parties`."
                )
            )
        );
    }
    if !f.unused_capabilities.is_empty() {
        let _ = writeln!(s);
    }
    if !f.outsiders.is_empty() {
        let _ = writeln!(s, "Not in the dossier");
        for o in &f.outsiders {
            let line = format!(
                "{} has placed stances on {}; add it to `parties` or `mediators` to include it",
                o.code,
                o.issues.join(", ")
            );
            let _ = writeln!(s, "{}", hang("  ", &line));
        }
    }
    s.trim_end().to_owned() + "\n"
}

/// Missing inputs: capabilities, then per actor the issues it spoke to without a placed
/// stance (with the latest such stance), then the issues it was silent on, on one line.
fn missing_lines(f: &DossierForecast) -> Vec<String> {
    let mut lines = Vec::new();
    let mut actors: Vec<(&str, dossier::scenario::Role)> = Vec::new();
    for m in &f.missing {
        if !actors.iter().any(|(a, _)| *a == m.party) {
            actors.push((&m.party, m.role));
        }
    }
    for (actor, role) in actors {
        let mine: Vec<&dossier::scenario::MissingInput> =
            f.missing.iter().filter(|m| m.party == actor).collect();
        for m in mine.iter().filter(|m| m.field == "capability") {
            lines.push(format!("{actor} ({}): {}", role.as_str(), m.reason));
        }
        let positions = mine.iter().filter(|m| m.field == "position");
        let mut silent = Vec::new();
        for m in positions {
            let issue = m.issue.as_deref().unwrap_or("");
            match &m.citation {
                Some(c) if m.stances > 0 => lines.push(format!(
                    "{actor} on {issue}: {} read, none placed on the scale; latest [{}] \"{}\"",
                    plural(m.stances, "stance"),
                    c.label(),
                    c.quote
                )),
                _ => silent.push(issue),
            }
        }
        if !silent.is_empty() {
            lines.push(format!(
                "{actor} ({}): no stance in the record on {}",
                role.as_str(),
                silent.join(", ")
            ));
        }
    }
    lines
}

fn csv(report: &forecast::ForecastReport) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut s = String::from("turn,actor,dimension,position,win_probability\n");
    for r in &report.smp.rounds {
        for (a, name) in report.smp.actors.iter().enumerate() {
            for (k, dim) in report.smp.dimensions.iter().enumerate() {
                let _ = writeln!(
                    s,
                    "{},{},{},{},{}",
                    r.turn,
                    quote(name),
                    quote(dim),
                    round9(r.positions[a][k]),
                    r.win_probability[a]
                );
            }
        }
    }
    s
}

fn table(report: &forecast::ForecastReport) -> String {
    let smp = &report.smp;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Scenario: {}  ({} actors, {} dimension(s), {} rounds)",
        report.scenario,
        smp.actors.len(),
        smp.dimensions.len(),
        smp.rounds.len().saturating_sub(1)
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<24} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "dimension", "SMP", "mean", "p05", "p25", "p50", "p75", "p95", "EUM"
    );
    for (k, dim) in smp.dimensions.iter().enumerate() {
        let _ = write!(s, "{:<24} {:>7.1}", truncate(dim, 24), smp.outcome[k]);
        match report
            .distribution
            .as_ref()
            .and_then(|d| d.distributions.get(k))
        {
            Some(d) => {
                let _ = write!(
                    s,
                    " {:>7.1} {:>7.1} {:>7.1} {:>7.1} {:>7.1} {:>7.1}",
                    d.mean, d.p05, d.p25, d.p50, d.p75, d.p95
                );
            }
            None => {
                let _ = write!(
                    s,
                    " {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
                    "-", "-", "-", "-", "-", "-"
                );
            }
        }
        match report.eum.get(k).copied().flatten() {
            Some(e) => {
                let _ = writeln!(s, " {e:>7.1}");
            }
            None => {
                let _ = writeln!(s, " {:>7}", "-");
            }
        }
    }
    if let Some(d) = &report.distribution {
        let _ = writeln!(
            s,
            "(Monte Carlo: {} runs, seed {}, {} failed)",
            d.runs, d.config.seed, d.failed
        );
    }
    let _ = writeln!(s);
    let _ = write!(s, "{:<24}", "final positions");
    for dim in &smp.dimensions {
        let _ = write!(s, " {:>12}", truncate(dim, 12));
    }
    let _ = writeln!(s, " {:>8}", "P(win)");
    if let Some(last) = smp.rounds.last() {
        for (a, name) in smp.actors.iter().enumerate() {
            let _ = write!(s, "{:<24}", truncate(name, 24));
            for v in &last.positions[a] {
                let _ = write!(s, " {v:>12.1}");
            }
            let _ = writeln!(s, " {:>8.3}", last.win_probability[a]);
        }
    }
    s
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

/// Rounds to 9 decimals so 0–1 internal values print as their 0–100 inputs (6.37, not
/// 6.370000000000001).
fn round9(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}
