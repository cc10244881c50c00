//! Tests against KTAB's reference runs in ../shared (skipped with a note when it is absent,
//! failing when `CI` is set).

use std::path::PathBuf;

use forecast::{SmpConfig, parse_ktab_csv, run_smp};

fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "shared dir {} missing in CI",
        dir.display()
    );
    eprintln!("skipping: {} not found", dir.display());
    None
}

fn ktab() -> Option<PathBuf> {
    shared_dir().map(|d| d.join("external/ktab"))
}

/// Positions from a run's positions.csv: [turn][actor][dim].
fn read_positions(path: &std::path::Path) -> Vec<Vec<Vec<f64>>> {
    let text = std::fs::read_to_string(path).expect("positions.csv readable");
    let mut out: Vec<Vec<Vec<f64>>> = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let t: usize = f[0].parse().expect("turn");
        let a: usize = f[1].parse().expect("actor");
        let k: usize = f[2].parse().expect("dim");
        let v: f64 = f[3].parse().expect("coord");
        while out.len() <= t {
            out.push(Vec::new());
        }
        while out[t].len() <= a {
            out[t].push(Vec::new());
        }
        while out[t][a].len() <= k {
            out[t][a].push(f64::NAN);
        }
        out[t][a][k] = v;
    }
    out
}

/// The "prob :" history of a run's log: [actor][turn].
fn read_probs(run: &std::path::Path) -> Vec<Vec<f64>> {
    let log = ["log.txt", "log-summary.txt"]
        .iter()
        .map(|f| run.join(f))
        .find(|p| p.exists())
        .expect("log");
    let text = std::fs::read_to_string(log).expect("log readable");
    text.lines()
        .filter_map(|l| l.split_once(", prob :"))
        .map(|(_, rest)| {
            rest.split_whitespace()
                .map(|x| x.parse::<f64>().expect("prob"))
                .collect()
        })
        .collect()
}

#[track_caller]
fn check_run(run_name: &str, input: &str, cfg: SmpConfig) {
    check_run_turns(run_name, input, cfg, usize::MAX);
}

#[track_caller]
fn check_run_turns(run_name: &str, input: &str, cfg: SmpConfig, turns: usize) {
    let Some(k) = ktab() else { return };
    let csv = std::fs::read_to_string(k.join("inputs/upstream").join(input)).expect("input");
    let sc = parse_ktab_csv(&csv).expect("parse");
    let run = run_smp(&sc, &cfg).expect("run");
    let dir = k.join("runs").join(run_name);
    let pc = dir.join("positions.csv");
    let pc = if pc.exists() {
        pc
    } else {
        dir.join("tables/VectorPosition.csv")
    };
    let want = read_positions(&pc);
    if turns == usize::MAX {
        assert_eq!(run.rounds.len(), want.len(), "{run_name}: number of states");
    }
    for (t, w) in want.iter().enumerate().take(turns) {
        for (a, wa) in w.iter().enumerate() {
            for (d, &wv) in wa.iter().enumerate() {
                let got = run.rounds[t].positions[a][d];
                assert!(
                    (got - wv).abs() < 1e-9,
                    "{run_name}: turn {t} actor {a} dim {d}: got {got}, want {wv}"
                );
            }
        }
    }
    let probs = read_probs(&dir);
    assert_eq!(probs.len(), sc.actors.len());
    for (a, row) in probs.iter().enumerate() {
        if turns == usize::MAX {
            assert_eq!(row.len(), run.rounds.len());
        }
        for (t, &p) in row.iter().enumerate().take(turns) {
            let got = run.rounds[t].win_probability[a];
            assert!(
                (got - p).abs() <= 0.5e-4 + 1e-12,
                "{run_name}: prob of actor {a} at turn {t}: got {got:.6}, logged {p}"
            );
        }
    }
}

/// "Fractional change compared to first step" values of a log, in order.
fn read_fractions(log: &std::path::Path) -> Vec<f64> {
    let text = std::fs::read_to_string(log).expect("log readable");
    text.lines()
        .filter_map(|l| l.strip_prefix("Fractional change compared to first step: "))
        .map(|r| {
            r.split_whitespace()
                .next()
                .and_then(|x| x.parse().ok())
                .expect("fraction")
        })
        .collect()
}

#[track_caller]
fn check_fractions(what: &str, got: &forecast::SmpRun, want: &[f64]) {
    let ratios: Vec<f64> = got.rounds.iter().filter_map(|r| r.change_ratio).collect();
    assert_eq!(ratios.len(), want.len(), "{what}: number of steps");
    for (t, (g, w)) in ratios.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 0.5e-4 + 1e-12,
            "{what}: step {}: ratio {g:.6}, logged {w}",
            t + 1
        );
    }
}

/// Runs one of the `runs/<name>` cases and compares positions (full precision), logged
/// win probabilities (4 decimals) and logged change ratios (4 decimals).
#[track_caller]
fn check_named(run_name: &str, input: &str, cfg: SmpConfig) {
    check_run(run_name, input, cfg);
    let Some(k) = ktab() else { return };
    let dir = k.join("runs").join(run_name);
    let log = ["log.txt", "log-summary.txt"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.exists())
        .expect("log");
    let csv = std::fs::read_to_string(k.join("inputs/upstream").join(input)).expect("input");
    let run = run_smp(&parse_ktab_csv(&csv).expect("parse"), &cfg).expect("run");
    check_fractions(run_name, &run, &read_fractions(&log));
}

fn variant(param: &str, value: &str) -> SmpConfig {
    let mut cfg = SmpConfig::default();
    cfg.set(param, value).expect("known parameter");
    cfg
}

macro_rules! ktab_run {
    ($($test:ident: $run:literal, $input:literal, $cfg:expr;)+) => {
        $(#[test] fn $test() { check_named($run, $input, $cfg); })+
    };
}

ktab_run! {
    d3: "d3", "dummyData_3Dim.csv", SmpConfig::default();
    d3nfc: "d3nfc", "dummyData_3Dim-no-final-comma.csv", SmpConfig::default();
    d3_fulllog: "d3_fulllog", "dummyData_3Dim.csv", SmpConfig::default();
    v00_defaults: "v00_defaults", "dummyData_3Dim.csv", SmpConfig::default();
    d6: "d6", "dummyData_6Dim.csv", SmpConfig::default();
    soe_pc: "soePC", "SOE-Pol-Comp.csv", SmpConfig::default();
    soe_pol: "soePol", "SOE-Policy.csv", SmpConfig::default();
    soe_comp: "soeComp", "SOE-Competitive.csv", SmpConfig::default();
    a040: "a040", "dummyData-a040.csv", SmpConfig::default();
    a080: "a080", "dummyData-a080.csv", SmpConfig::default();
    v_bargn_init_rcvr: "v_BargnModel_InitRcvrInterp", "dummyData_3Dim.csv", variant("BargnModel", "InitRcvrInterp");
    v_bargn_pw_comp: "v_BargnModel_PWCompInterp", "dummyData_3Dim.csv", variant("BargnModel", "PWCompInterp");
    v_big_r_adjust_half: "v_BigRAdjust_Half", "dummyData_3Dim.csv", variant("BigRAdjust", "Half");
    v_big_r_adjust_none: "v_BigRAdjust_None", "dummyData_3Dim.csv", variant("BigRAdjust", "None");
    v_big_r_adjust_two_thirds: "v_BigRAdjust_TwoThirds", "dummyData_3Dim.csv", variant("BigRAdjust", "TwoThirds");
    v_big_r_range_max: "v_BigRRange_Max", "dummyData_3Dim.csv", variant("BigRRange", "Max");
    v_big_r_range_min: "v_BigRRange_Min", "dummyData_3Dim.csv", variant("BigRRange", "Min");
    v_ivb_s1p1: "v_InterVecBrgn_S1P1", "dummyData_3Dim.csv", variant("InterVecBrgn", "S1P1");
    v_ivb_s2pmax: "v_InterVecBrgn_S2PMax", "dummyData_3Dim.csv", variant("InterVecBrgn", "S2PMax");
    v_pce_markov_incentive: "v_PCEModel_MarkovIncentive", "dummyData_3Dim.csv", variant("PCEModel", "MarkovIncentive");
    v_pce_markov_uniform: "v_PCEModel_MarkovUniform", "dummyData_3Dim.csv", variant("PCEModel", "MarkovUniform");
    v_tpc_full: "v_ThirdPartyCommit_FullCommit", "dummyData_3Dim.csv", variant("ThirdPartyCommit", "FullCommit");
    v_tpc_none: "v_ThirdPartyCommit_NoCommit", "dummyData_3Dim.csv", variant("ThirdPartyCommit", "NoCommit");
    v_vpm_binary: "v_VictoryProbModel_Binary", "dummyData_3Dim.csv", variant("VictoryProbModel", "Binary");
    v_vpm_octic: "v_VictoryProbModel_Octic", "dummyData_3Dim.csv", variant("VictoryProbModel", "Octic");
    v_vpm_quartic: "v_VictoryProbModel_Quartic", "dummyData_3Dim.csv", variant("VictoryProbModel", "Quartic");
    v_vpm_square: "v_VictoryProbModel_Square", "dummyData_3Dim.csv", variant("VictoryProbModel", "Square");
    v_vr_binary: "v_VotingRule_Binary", "dummyData_3Dim.csv", variant("VotingRule", "Binary");
    v_vr_cubic: "v_VotingRule_Cubic", "dummyData_3Dim.csv", variant("VotingRule", "Cubic");
    v_vr_prop_bin: "v_VotingRule_PropBin", "dummyData_3Dim.csv", variant("VotingRule", "PropBin");
    v_vr_prop_cbc: "v_VotingRule_PropCbc", "dummyData_3Dim.csv", variant("VotingRule", "PropCbc");
}

/// FIXME(KTAB thread order): ASymProsp is the one voting rule whose vote is not antisymmetric,
/// so coalition strengths depend on the order of the bargains in each actor's list. KTAB builds
/// those lists from per-actor threads, in scheduling order (its log shows actors 0, 2, 1, 4, 6,
/// 5, 3 in turn 3); we use actor order. The runs agree through turn 3 and part at turn 4, where
/// actor 4 picks between two near-identical bargains. Feeding the logged thread order into the
/// engine (a throw-away experiment) reproduced all 6 states exactly.
#[test]
fn v_vr_asym_prosp_until_thread_order_matters() {
    check_run_turns(
        "v_VotingRule_ASymProsp",
        "dummyData_3Dim.csv",
        variant("VotingRule", "ASymProsp"),
        4,
    );
}

/// Upstream's own 2017 reference logs: position history (1 decimal), change ratios and win
/// probabilities (4 decimals).
#[track_caller]
fn check_reference(log: &str, input: &str) {
    let Some(k) = ktab() else { return };
    let csv = std::fs::read_to_string(k.join("inputs/upstream").join(input)).expect("input");
    let sc = parse_ktab_csv(&csv).expect("parse");
    let run = run_smp(&sc, &SmpConfig::default()).expect("run");
    let path = k.join("reference-upstream").join(log);
    check_fractions(log, &run, &read_fractions(&path));
    let text = std::fs::read_to_string(&path).expect("log");
    let mut history = text
        .lines()
        .skip_while(|l| !l.starts_with("History of actor positions"));
    history.next();
    let mut rows = 0;
    for line in history.take(sc.actors.len() * sc.dimensions.len()) {
        let (head, vals) = line.split_once(':').expect("history line");
        let (name, dim) = head.split_once(", ").expect("actor, dim");
        let a = sc
            .actors
            .iter()
            .position(|x| x.name == name.trim())
            .expect("known actor");
        let d = sc
            .dimensions
            .iter()
            .position(|x| x == dim.trim())
            .expect("known dim");
        let vals: Vec<f64> = vals
            .split_whitespace()
            .map(|x| x.parse().expect("number"))
            .collect();
        assert_eq!(vals.len(), run.rounds.len());
        for (t, v) in vals.iter().enumerate() {
            let got = run.rounds[t].positions[a][d];
            assert!(
                (got - v).abs() <= 0.05 + 1e-9,
                "{log}: {name} {dim} turn {t}: {got} vs {v}"
            );
        }
        rows += 1;
    }
    assert_eq!(rows, sc.actors.len() * sc.dimensions.len());
    let probs: Vec<Vec<f64>> = text
        .lines()
        .filter_map(|l| l.split_once(", prob :"))
        .map(|(_, r)| {
            r.split_whitespace()
                .map(|x| x.parse().expect("prob"))
                .collect()
        })
        .collect();
    assert_eq!(probs.len(), sc.actors.len());
    for (a, row) in probs.iter().enumerate() {
        for (t, p) in row.iter().enumerate() {
            assert!(
                (run.rounds[t].win_probability[a] - p).abs() <= 0.5e-4 + 1e-12,
                "{log}: prob actor {a} turn {t}"
            );
        }
    }
}

#[test]
fn reference_upstream_d3() {
    check_reference("20170530_ref-dummyData_3Dim.txt", "dummyData_3Dim.csv");
}

#[test]
fn reference_upstream_soe_pol_comp() {
    check_reference("20170530_ref-SOE-Pol-Comp.txt", "SOE-Pol-Comp.csv");
}

/// The 10-actor EC example against J. McKibben's replication of Scholz et al. (2011): risk
/// exponents per round, positions after each round, median and mean.
#[test]
fn eum_scholz_ec_example() {
    let Some(dir) = shared_dir().map(|d| d.join("external/eum/jmckib-bdm-scholz")) else {
        return;
    };
    let actors = forecast::parse_eum_csv(
        &std::fs::read_to_string(dir.join("ExampleActors.csv")).expect("csv"),
        1.0,
    )
    .expect("parse");
    let run = forecast::run_eum(&actors, &forecast::EumConfig::default()).expect("run");
    let text =
        std::fs::read_to_string(dir.join("outputs/ExampleActors_positions_risk_by_round.csv"))
            .expect("outputs");
    let mut checked = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let round: usize = f[0].parse().expect("round");
        let vals: Vec<f64> = f[2..].iter().map(|x| x.parse().expect("number")).collect();
        let (median, mean) = (vals[10], vals[11]);
        let tol = 1e-8;
        if round == 0 {
            assert!(
                (run.initial_median - median).abs() < tol && (run.initial_mean - mean).abs() < tol
            );
            continue;
        }
        let r = &run.rounds[round - 1];
        let got = if f[1] == "r" { &r.risk } else { &r.positions };
        for (a, (g, w)) in got.iter().zip(&vals[..10]).enumerate() {
            assert!(
                (g - w).abs() < tol,
                "round {round} {} of {}: {g} vs {w}",
                f[1],
                actors[a].name
            );
        }
        if f[1] == "x" {
            assert!(
                (r.median - median).abs() < tol,
                "round {round} median {} vs {median}",
                r.median
            );
            assert!((r.mean - mean).abs() < tol, "round {round} mean");
        }
        checked += 1;
    }
    assert_eq!(checked, 20);
}

/// DEU III: parse the real file and score the methods on the first issues (all issues in
/// release builds). The figures are checked loosely; the report gives the measured table.
#[test]
fn deu3_evaluation() {
    let Some(dir) = shared_dir() else { return };
    let text = std::fs::read_to_string(dir.join("external/eum/blksv-predictioneers-game/deu3.csv"))
        .expect("deu3");
    let mut data = forecast::parse_deu(&text).expect("parse");
    assert_eq!(data.issues.len() + data.skipped.len(), 364);
    assert_eq!(data.issues.len(), 353);
    if cfg!(debug_assertions) {
        data.issues.truncate(30);
    }
    let eval = forecast::evaluate_deu(&data, 0);
    assert_eq!(eval.scores.len(), 4);
    for s in &eval.scores {
        assert_eq!(
            s.issues,
            data.issues.len(),
            "{} failed on some issues",
            s.method
        );
        assert!(
            s.median_abs_error > 5.0 && s.median_abs_error < 40.0,
            "{s:?}"
        );
        assert!(s.hit_rate > 0.1 && s.hit_rate < 0.8, "{s:?}");
    }
}

/// Every derived KTAB XML scenario holds the 3-dimension sample's actors and the configuration
/// its file name says; the XML reader and the name-based configs of the tests above agree.
#[test]
fn derived_xml_scenarios_match_their_names() {
    let Some(k) = ktab() else { return };
    let csv = std::fs::read_to_string(k.join("inputs/upstream/dummyData_3Dim.csv")).expect("csv");
    let base = parse_ktab_csv(&csv).expect("parse");
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(k.join("inputs/derived"))
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let Some(rest) = name.strip_prefix("v_") else {
            continue;
        };
        let (param, value) = rest.split_once('_').expect("v_<Param>_<Value>");
        let (sc, cfg) = forecast::parse_ktab_xml(&std::fs::read_to_string(&path).expect("xml"))
            .expect("valid xml");
        let want = SmpConfig {
            seed: 15455440707583219804,
            ..variant(param, value)
        };
        assert_eq!(cfg, want, "{name}");
        assert_eq!(sc.actors.len(), base.actors.len());
        for (a, b) in sc.actors.iter().zip(&base.actors) {
            assert_eq!(
                (a.name.as_str(), a.capability),
                (b.name.as_str(), b.capability),
                "{name}"
            );
            for (x, y) in a
                .position
                .iter()
                .chain(&a.salience)
                .zip(b.position.iter().chain(&b.salience))
            {
                assert!((x - y).abs() < 1e-15, "{name}: {x} vs {y}");
            }
        }
        seen += 1;
    }
    assert_eq!(seen, 24);
    // The XML run of the defaults is the CSV run.
    let (sc, cfg) = forecast::parse_ktab_xml(
        &std::fs::read_to_string(k.join("inputs/derived/v00_defaults.xml")).expect("xml"),
    )
    .expect("valid");
    assert_eq!(
        run_smp(&sc, &cfg).expect("run").rounds,
        run_smp(&base, &SmpConfig::default()).expect("run").rounds
    );
    // smpExample-fixed adjusts ideals partially, which we do not support.
    let err = forecast::parse_ktab_xml(
        &std::fs::read_to_string(k.join("inputs/derived/smpExample-fixed.xml")).expect("xml"),
    )
    .expect_err("partial adjustment");
    assert!(
        err.to_string().contains("only the identity adjustment"),
        "{err}"
    );
}

#[test]
fn capability_table_is_the_converted_nmc_file() {
    let Some(dir) = shared_dir() else { return };
    let csv = std::fs::read_to_string(dir.join("external/capability/nmc-latest.csv"))
        .expect("nmc-latest.csv readable");
    let converted = forecast::convert_nmc(&csv).expect("converts");
    let shipped = include_str!("../../data/capability.tsv");
    assert_eq!(
        converted, shipped,
        "data/capability.tsv is stale: run `cargo run -p forecast --bin convert_nmc`"
    );
    let t = forecast::CapabilityTable::builtin();
    // Values quoted in the source's README.
    for (iso, cinc) in [
        ("USA", 0.1331),
        ("CHN", 0.2306),
        ("IND", 0.0868),
        ("RUS", 0.0365),
    ] {
        let got = t.get(iso).expect("listed").cinc;
        assert!((got - cinc).abs() < 5e-5, "{iso}: {got}");
    }
    // COW abbreviations that are another country's ISO code.
    for (iso, cow) in [
        ("AUT", "AUS"),
        ("AUS", "AUL"),
        ("CHE", "SWZ"),
        ("SWZ", "SWA"),
    ] {
        assert_eq!(t.get(iso).map(|e| e.cow.as_str()), Some(cow), "{iso}");
    }
}
