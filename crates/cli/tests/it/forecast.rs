//! `forecast --dossier` on the shipped example corpus: a scenario per issue derived from the
//! stored stances, every position cited, missing inputs reported.

use std::path::PathBuf;

use crate::support::Dir;

fn ingest_example(dir: &Dir) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/muscat");
    let run = dir.run(&["ingest", root.to_str().expect("utf-8"), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    root.join("dossier.toml")
}

fn forecast_json(dir: &Dir, dossier: &str, runs: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "forecast",
        "--dossier",
        dossier,
        "--format",
        "json",
        "--runs",
        runs,
    ];
    args.extend_from_slice(extra);
    let run = dir.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

fn issue<'a>(f: &'a serde_json::Value, id: &str) -> Option<&'a serde_json::Value> {
    f["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .find(|i| i["issue"] == id)
}

fn input<'a>(issue: &'a serde_json::Value, party: &str) -> &'a serde_json::Value {
    issue["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .find(|p| p["party"] == party)
        .unwrap_or_else(|| panic!("no {party} in {}", issue["issue"]))
}

#[test]
fn dossier_forecast_is_cited_and_reports_what_is_missing() {
    let dir = Dir::new();
    let dossier = ingest_example(&dir);
    let dossier = dossier.to_str().expect("utf-8");
    let f = forecast_json(&dir, dossier, "200", &["--svg", "charts/talks.svg"]);
    let forecast: Vec<&str> = f["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| i["issue"].as_str().expect("id"))
        .collect();
    let skipped: Vec<&str> = f["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|i| i["issue"].as_str().expect("id"))
        .collect();
    // Every issue of the dossier is either forecast or skipped with a reason.
    assert_eq!(
        forecast.len() + skipped.len(),
        11,
        "{forecast:?} {skipped:?}"
    );
    assert!(forecast.len() >= 3, "{forecast:?}");
    let venue = f["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .find(|s| s["issue"] == "venue")
        .expect("venue has no scale");
    assert!(
        venue["reason"]
            .as_str()
            .expect("reason")
            .contains("no 0–100 scale")
    );

    // Enrichment: Iran insists on enriching, the United States wants it ended; the US, with
    // several times Iran's capability, pulls the outcome its way.
    let enrichment = issue(&f, "enrichment").expect("enrichment forecast");
    let (irn, usa) = (input(enrichment, "IRN"), input(enrichment, "USA"));
    let pos = |p: &serde_json::Value| p["position"].as_f64().expect("position");
    assert!(pos(irn) > pos(usa), "IRN {} USA {}", pos(irn), pos(usa));
    assert_eq!(usa["capability"].as_f64(), Some(0.13305758));
    assert_eq!(
        usa["capability_source"],
        "COW National Material Capabilities v6.0, CINC 2016"
    );
    let outcome = enrichment["outcome"].as_f64().expect("outcome");
    assert!(
        (outcome - pos(usa)).abs() < (outcome - pos(irn)).abs(),
        "outcome {outcome} nearer IRN"
    );
    let (q10, median, q90) = (
        enrichment["q10"].as_f64().expect("q10"),
        enrichment["median"].as_f64().expect("median"),
        enrichment["q90"].as_f64().expect("q90"),
    );
    assert!(q10 <= median && median <= q90, "{q10} {median} {q90}");
    assert_eq!(enrichment["runs"], 200);
    assert!(enrichment["eum"].is_number());
    let why = enrichment["explanation"].as_str().expect("explanation");
    assert!(why.contains("USA has 8.7× IRN's capability"), "{why}");
    assert!(why.contains("The bargaining model (SMP) ends at"), "{why}");

    // Oman mediates and takes no stance: reported, not invented.
    let omn: Vec<&serde_json::Value> = f["missing"]
        .as_array()
        .expect("missing")
        .iter()
        .filter(|m| m["party"] == "OMN")
        .collect();
    assert_eq!(omn.len(), 10, "one per issue with a scale");
    assert!(
        omn.iter()
            .all(|m| m["field"] == "position" && m["role"] == "mediator")
    );
    assert!(f["issues"].as_array().expect("issues").iter().all(|i| {
        i["inputs"]
            .as_array()
            .expect("inputs")
            .iter()
            .all(|p| p["party"] != "OMN")
    }));

    // Every cited sentence is a stored document's text at the cited span.
    let store = store::SqliteStore::open(&dir.path("test.db")).expect("open");
    use store::Store;
    let mut checked = 0;
    let mut check = |c: &serde_json::Value| {
        let ev = &c["evidence"][0];
        let doc = store
            .document(&model::DocId::new(c["doc"].as_str().expect("doc")).expect("id"))
            .expect("read")
            .expect("cited document is stored");
        assert_eq!(ev["doc"], c["doc"]);
        let (s, e) = (
            ev["start"].as_u64().expect("start") as usize,
            ev["end"].as_u64().expect("end") as usize,
        );
        let text: String = doc
            .text
            .get(s..e)
            .expect("span inside the text")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let quote = c["quote"].as_str().expect("quote");
        for piece in quote.split('…').map(str::trim).filter(|p| !p.is_empty()) {
            assert!(text.contains(piece), "{piece:?} not in {text:?}");
        }
        assert!(c["sentence"].as_u64().expect("sentence") >= 1);
        checked += 1;
    };
    for i in f["issues"].as_array().expect("issues") {
        for p in i["inputs"].as_array().expect("inputs") {
            check(&p["citation"]);
            for e in p["earlier"].as_array().expect("earlier") {
                check(&e["citation"]);
            }
        }
    }
    for m in f["missing"].as_array().expect("missing") {
        if !m["citation"].is_null() {
            check(&m["citation"]);
        }
    }
    assert!(checked >= 10, "only {checked} citations");

    // One chart per forecast issue, also in the JSON.
    for id in &forecast {
        let svg = std::fs::read_to_string(dir.path(&format!("charts/talks-{id}.svg")))
            .unwrap_or_else(|_| panic!("chart for {id}"));
        assert!(svg.starts_with("<svg") && svg.contains(id));
        assert_eq!(
            issue(&f, id).expect("issue")["svg"].as_str(),
            Some(svg.as_str())
        );
    }
}

#[test]
fn dossier_capability_overrides_the_table() {
    let dir = Dir::new();
    let shipped = ingest_example(&dir);
    let text = std::fs::read_to_string(&shipped).expect("dossier");
    let base = forecast_json(&dir, shipped.to_str().expect("utf-8"), "0", &[]);
    // Give Iran the United States' capability.
    let edited = dir.write(
        "dossier.toml",
        format!("{text}\n[capability]\nIRN = 0.13305758\n"),
    );
    let f = forecast_json(&dir, edited.to_str().expect("utf-8"), "0", &[]);
    let enrichment = issue(&f, "enrichment").expect("enrichment");
    let irn = input(enrichment, "IRN");
    assert_eq!(irn["capability_source"], "dossier");
    let cap = f["capabilities"]
        .as_array()
        .expect("capabilities")
        .iter()
        .find(|c| c["party"] == "IRN")
        .expect("IRN");
    assert_eq!(cap["source"], "dossier");
    let before = issue(&base, "enrichment").expect("enrichment")["outcome"]
        .as_f64()
        .expect("outcome");
    let after = enrichment["outcome"].as_f64().expect("outcome");
    assert!(after > before + 10.0, "{before} → {after}");
    assert!(
        enrichment["median"].is_null(),
        "no Monte Carlo with --runs 0"
    );
    let why = enrichment["explanation"].as_str().expect("explanation");
    assert!(why.contains("about the same capability"), "{why}");
}

#[test]
fn dossier_forecast_table_explains_and_lists_gaps() {
    let dir = Dir::new();
    let dossier = ingest_example(&dir);
    let run = dir.run(&[
        "forecast",
        "--dossier",
        dossier.to_str().expect("utf-8"),
        "--runs",
        "100",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.starts_with("Forecast: Iran–United States talks through Oman"),
        "{out}"
    );
    for needle in [
        "enrichment — May Iran go on enriching uranium",
        "positions from the latest placed stance:",
        "  outcome    SMP ",
        "  why        ",
        "Not forecast\n",
        "  venue              the dossier gives this issue no 0–100 scale",
        "Missing inputs (not guessed)\n",
        "  OMN (mediator): no stance in the record on enrichment",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
    // Citations in the table are `document §n` of stored documents.
    assert!(out.contains(" §"), "{out}");
    let csv = dir.run(&[
        "forecast",
        "--dossier",
        dossier.to_str().expect("utf-8"),
        "--runs",
        "0",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let mut lines = csv.stdout.lines();
    assert_eq!(
        lines.next(),
        Some(
            "issue,party,role,position,salience,capability,capability_source,kind,date,doc,sentence,quote,outcome,median,q10,q90,eum"
        )
    );
    assert!(lines.any(|l| l.starts_with("enrichment,USA,party,")));
}

#[test]
fn forecast_needs_a_scenario_or_a_database() {
    let dir = Dir::new();
    let run = dir.run(&["forecast"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let shipped =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/muscat/dossier.toml");
    let run = dir.run(&["forecast", "--dossier", shipped.to_str().expect("utf-8")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no database here"), "{}", run.stderr);
    let bad = dir.write(
        "bad.toml",
        "name = \"x\"\nparties = [\"IRN\"]\n[capability]\nIRN = -1\n",
    );
    let run = dir.run(&["forecast", "--dossier", bad.to_str().expect("utf-8")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("line 4: capability of `IRN` is -1"),
        "{}",
        run.stderr
    );
}
