//! `backchannel forecast SCENARIO`: where the bargaining is heading, from a position table.
//!
//! Reads a KTAB CSV or a TOML scenario (format in the `forecast` crate docs), runs KTAB's
//! Spatial Model of Politics, a Monte Carlo over input noise and the expected-utility model,
//! and prints the forecast as a table, JSON or CSV.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};

/// Output formats of `forecast`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A summary for people.
    Table,
    /// The whole report as one JSON object (SMP rounds, distribution, EUM).
    Json,
    /// One row per round, actor and dimension: turn,actor,dimension,position,win_probability.
    Csv,
}

/// Forecast a negotiation's outcome from a scenario of actors, capabilities, positions and
/// saliences.
///
/// SCENARIO is a KTAB CSV or XML file (positions and saliences 0–100) or a `.toml` scenario.
/// The forecast per issue is the capability × salience-weighted mean of the positions the
/// Spatial Model of Politics ends with; the Monte Carlo gives its spread when inputs are
/// uncertain.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel forecast scenario.csv
  backchannel forecast talks.toml --runs 5000 --seed 7 --position-noise 10
  backchannel forecast scenario.csv --format json > forecast.json
  backchannel forecast scenario.csv --format csv --runs 0
  backchannel forecast ktab-scenario.xml
  backchannel forecast scenario.csv --param VotingRule=Cubic --svg positions.svg

Exit codes:
  0  forecast printed
  2  the scenario could not be read or the model failed")]
pub struct ForecastArgs {
    /// The scenario: a KTAB CSV file, a KTAB XML file (`.xml`, model parameters included), or
    /// a TOML file (`.toml`).
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
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
    /// Also write an SVG chart of positions over rounds to FILE.
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
/// Fails when the scenario cannot be read or parsed (naming the file, row and column), a
/// parameter is unknown, the model fails, or the SVG cannot be written.
pub fn run(args: ForecastArgs) -> anyhow::Result<ExitCode> {
    let path = &args.scenario;
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
    let mut cfg = model.unwrap_or_default();
    cfg.seed = args.seed;
    for p in &args.param {
        let Some((name, value)) = p.split_once('=') else {
            bail!("--param {p}: expected NAME=VALUE\nhint: e.g. --param VotingRule=Cubic");
        };
        cfg.set(name, value)
            .with_context(|| format!("--param {p}"))?;
    }
    if args.svg.is_some() && !(1..=scenario.dimensions.len()).contains(&args.svg_dimension) {
        bail!(
            "--svg-dimension {}: the scenario has {} dimension(s)",
            args.svg_dimension,
            scenario.dimensions.len()
        );
    }
    for (flag, v) in [
        ("--position-noise", args.position_noise),
        ("--salience-noise", args.salience_noise),
        ("--capability-noise", args.capability_noise),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            bail!("{flag} {v}: expected a non-negative number");
        }
    }
    let mc = forecast::MonteCarloConfig {
        runs: args.runs,
        seed: args.seed,
        noise: forecast::Noise {
            capability: args.capability_noise,
            position: args.position_noise,
            salience: args.salience_noise,
        },
        threads: 0,
    };
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
