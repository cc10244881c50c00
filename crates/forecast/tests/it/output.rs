//! Monte Carlo, EUM basics, SVG and serialisation.

use forecast::{MonteCarloConfig, SmpConfig, monte_carlo, parse_ktab_csv, positions_svg, run_smp};

const D3: &str = "D3,demo,4,1,\nActor,Desc,Power,Tax,Sal,\nA,,100,10,80,\nB,,80,40,60,\nC,,60,70,50,\nD,,40,95,40,\n";

#[test]
fn monte_carlo_is_deterministic_and_brackets_the_point_forecast() {
    let sc = parse_ktab_csv(D3).expect("valid");
    let cfg = SmpConfig::default();
    let mc = MonteCarloConfig {
        runs: 64,
        seed: 42,
        threads: 2,
        ..MonteCarloConfig::default()
    };
    let a = monte_carlo(&sc, &cfg, &mc).expect("runs");
    let b = monte_carlo(&sc, &cfg, &MonteCarloConfig { threads: 1, ..mc }).expect("runs");
    assert_eq!(
        a.distributions, b.distributions,
        "thread count must not change results"
    );
    assert_eq!(a.runs, 64);
    let d = &a.distributions[0];
    assert!(
        d.p05 <= d.p10
            && d.p10 <= d.p25
            && d.p25 <= d.p50
            && d.p50 <= d.p75
            && d.p75 <= d.p90
            && d.p90 <= d.p95,
        "{d:?}"
    );
    assert!(d.p95 - d.p05 > 0.1, "noise must spread the outcome: {d:?}");
    let point = run_smp(&sc, &cfg).expect("run").outcome[0];
    assert!(
        d.p05 <= point && point <= d.p95,
        "point forecast {point} outside {d:?}"
    );
    let c = monte_carlo(&sc, &cfg, &MonteCarloConfig { seed: 43, ..mc }).expect("runs");
    assert_ne!(a.distributions, c.distributions);
}

#[test]
fn outcome_is_weighted_mean_of_final_positions() {
    let sc = parse_ktab_csv(D3).expect("valid");
    let run = run_smp(&sc, &SmpConfig::default()).expect("run");
    let last = run.final_positions();
    let (mut num, mut den) = (0.0, 0.0);
    for (a, p) in sc.actors.iter().zip(last) {
        num += a.capability * a.salience[0] * p[0];
        den += a.capability * a.salience[0];
    }
    assert!((run.outcome[0] - num / den).abs() < 1e-9);
    let json = serde_json::to_value(&run).expect("serialises");
    assert_eq!(json["rounds"][0]["positions"][3][0], 95.0);
    assert_eq!(json["config"]["voting_rule"], "Prop");
}

#[test]
fn svg_is_self_contained() {
    let mut sc = parse_ktab_csv(D3).expect("valid");
    sc.actors[0].name = "A <&> \"B\"".into();
    let run = run_smp(&sc, &SmpConfig::default()).expect("run");
    let svg = positions_svg(&run, 0);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>"));
    assert_eq!(svg.matches("<polyline").count(), 4);
    assert!(svg.contains("A &lt;&amp;&gt; &quot;B&quot;"));
    for banned in ["<script", "@import", "href=", "url("] {
        assert!(!svg.contains(banned), "{banned}");
    }
}

#[test]
fn eum_moves_toward_agreement_on_a_simple_case() {
    let actors = forecast::parse_eum_csv(
        "name,c,x,s\nA,0.5,0,0.9\nB,0.3,100,0.5\nC,0.2,60,0.4\n",
        1.0,
    )
    .expect("parse");
    let run = forecast::run_eum(
        &actors,
        &forecast::EumConfig {
            rounds: 3,
            ..Default::default()
        },
    )
    .expect("run");
    assert_eq!(run.rounds.len(), 3);
    assert!((run.initial_mean - (0.45 * 0.0 + 0.15 * 100.0 + 0.08 * 60.0) / 0.68).abs() < 1e-9);
}
