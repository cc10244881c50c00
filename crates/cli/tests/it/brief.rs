//! `brief` on the shipped example corpus: the planted contradictions appear, cited, with
//! syndicated copies named and not counted.

use std::path::PathBuf;

use crate::support::Dir;

fn ingest_example(dir: &Dir) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/muscat");
    let run = dir.run(&["ingest", root.to_str().expect("utf-8"), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    root.join("dossier.toml")
}

#[test]
fn markdown_brief_cites_both_sides_of_each_disagreement() {
    let dir = Dir::new();
    let dossier = ingest_example(&dir);
    let run = dir.run(&["brief", "--dossier", dossier.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    assert!(md.starts_with("# Iran–United States"), "{md}");
    for section in [
        "## Headline",
        "## Where each party stands",
        "## Where the sources disagree",
        "## Who's who",
        "## Sources cited",
    ] {
        assert!(md.contains(section), "missing {section}");
    }
    // C1: direct vs indirect, with the face-to-face report as the lone dissent.
    assert!(
        md.contains("- **talks-muscat-2026-02-06** — format:"),
        "{md}"
    );
    assert!(
        md.contains("`direct`: 1 source [04_muscat-round-capitol-dispatch"),
        "{md}"
    );
    // C5: the syndicated copy is named, not counted as a second source.
    assert!(
        md.contains(
            "`14`: 1 source, plus syndicated copy harbourline-2026-02-07-iran-tanker-sanctions"
        ),
        "{md}"
    );
    // Every citation in the text has a quoted sentence in the sources list.
    assert!(
        md.contains("- **04_muscat-round-capitol-dispatch §"),
        "{md}"
    );
    assert!(
        md.contains("| Abbas Araghchi | IRNGOV | Foreign Minister |"),
        "{md}"
    );
}

#[test]
fn json_brief_has_the_spec_fields_and_checkable_evidence() {
    let dir = Dir::new();
    let dossier = ingest_example(&dir);
    let out = dir.path("brief.json");
    let run = dir.run(&[
        "brief",
        "--dossier",
        dossier.to_str().expect("utf-8"),
        "--format",
        "json",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let brief: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    for field in [
        "headline",
        "timeline",
        "actors",
        "issues",
        "positions",
        "changes",
        "contradictions",
        "schedule",
        "forecast",
    ] {
        assert!(brief.get(field).is_some(), "missing {field}");
    }
    // The forecast section: issues forecast from cited stances, others skipped with a reason.
    let forecast = &brief["forecast"];
    let issues = forecast["issues"].as_array().expect("forecast issues");
    assert!(!issues.is_empty(), "{forecast:#}");
    for issue in issues {
        let outcome = issue["outcome"].as_f64().expect("outcome");
        assert!((0.0..=100.0).contains(&outcome), "{issue:#}");
        for input in issue["inputs"].as_array().expect("inputs") {
            assert!(
                !input["citation"]["evidence"]
                    .as_array()
                    .expect("evidence")
                    .is_empty()
            );
        }
    }
    assert!(!forecast["skipped"].as_array().expect("skipped").is_empty());
    let store = store::SqliteStore::open(&dir.path("test.db")).expect("open");
    use store::Store;
    // Evidence spans slice the stored text of their document.
    let mut checked = 0;
    for c in brief["contradictions"].as_array().expect("array") {
        for v in c["values"].as_array().expect("values") {
            for ev in v["evidence"].as_array().expect("evidence") {
                let doc = store
                    .document(&model::DocId::new(ev["doc"].as_str().expect("doc")).expect("id"))
                    .expect("read")
                    .expect("cited document exists");
                let (s, e) = (
                    ev["start"].as_u64().expect("start") as usize,
                    ev["end"].as_u64().expect("end") as usize,
                );
                assert!(doc.text.get(s..e).is_some_and(|t| !t.trim().is_empty()));
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "only {checked} evidence spans");
}

#[test]
fn html_brief_is_one_self_contained_page_whose_citations_resolve() {
    let dir = Dir::new();
    let dossier = ingest_example(&dir);
    let out = dir.path("brief.html");
    let run = dir.run(&[
        "brief",
        "--dossier",
        dossier.to_str().expect("utf-8"),
        "--format",
        "html",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..100]);
    // Nothing is fetched from elsewhere: no scripts, no external stylesheets or images.
    for needle in ["<script", "<link", "src=\"http", "@import", "url("] {
        assert!(!html.contains(needle), "found {needle}");
    }
    for id in [
        "headline", "stands", "disagree", "next", "forecast", "who", "sources",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\">")),
            "missing {id}"
        );
    }
    // Every citation link points at a quoted sentence on the page.
    let mut links = 0;
    for part in html.split("href=\"#c").skip(1) {
        let id: String = part.chars().take_while(char::is_ascii_digit).collect();
        if id.is_empty() {
            continue; // a section link such as #changes
        }
        assert!(
            html.contains(&format!("<li id=\"c{id}\">")),
            "dangling #c{id}"
        );
        links += 1;
    }
    assert!(links >= 20, "only {links} citation links");
    // The planted format disagreement is there with the lone dissenting source cited.
    assert!(html.contains("<strong>talks-muscat-2026-02-06</strong> — format:"));
    assert!(html.contains("<code>direct</code>: 1 source"));
}

/// The example corpus's answer key (examples/muscat/README.md): each planted contradiction
/// as (subject, attribute, the minority value, a document behind it).
const PLANTED: &[(&str, &str, &str, &str)] = &[
    (
        "talks-muscat-2026-02-06",
        "format",
        "direct",
        "04_muscat-round-capitol-dispatch",
    ),
    (
        "talks-muscat-2026-02-06",
        "venue",
        "foreign ministry guest house, muscat",
        "05_tehran-denies-direct-caspian-review",
    ),
    (
        "talks-muscat-2026-02-06",
        "duration",
        "PT6H",
        "08_pressure-track-northbridge-times",
    ),
    (
        "sanctions-2026-02-06",
        "issuer",
        "usagov:state",
        "08_pressure-track-northbridge-times",
    ),
    (
        "sanctions-2026-02-06",
        "vessel_count",
        "12",
        "gulfledger-2026-02-08-araghchi-enrichment",
    ),
    (
        "larijani-visit-oman",
        "date",
        "2026-02-09",
        "11_larijani-netanyahu-caspian-review",
    ),
    (
        "talks-geneva-2026-02-17",
        "date",
        "2026-02-18",
        "northbridge-2026-02-13-geneva-second-round",
    ),
];

#[test]
fn brief_reports_every_planted_contradiction_and_invents_none() {
    let dir = Dir::new();
    let dossier = ingest_example(&dir);
    let run = dir.run(&[
        "brief",
        "--dossier",
        dossier.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let brief: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let found = brief["contradictions"].as_array().expect("array");
    for (subject, attribute, value, doc) in PLANTED {
        let hit = found.iter().find(|c| {
            c["subject"] == *subject
                && c["attribute"] == *attribute
                && c["values"].as_array().expect("values").iter().any(|v| {
                    v["value"] == *value
                        && v["docs"].as_array().expect("docs").iter().any(|d| d == doc)
                })
        });
        assert!(
            hit.is_some(),
            "missing {subject} {attribute} {value}: {found:#?}"
        );
    }
    assert_eq!(found.len(), PLANTED.len(), "invented: {found:#?}");
}

#[test]
fn dossier_propose_drafts_from_articles_and_check_names_the_broken_field() {
    let dir = Dir::new();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/muscat");
    let run = dir.run(&[
        "dossier",
        "propose",
        root.to_str().expect("utf-8"),
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let proposed = dir.write("proposed.toml", &run.stdout);
    let dossier: toml::Value = toml::from_str(&run.stdout).expect("TOML");
    let parties: Vec<&str> = dossier["parties"]
        .as_array()
        .expect("parties")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert!(
        parties.contains(&"IRN") && parties.contains(&"USA"),
        "{parties:?}"
    );
    let check = dir.run(&["dossier", "check", proposed.to_str().expect("utf-8")]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("valid"), "{}", check.stderr);
    let broken = dir.write(
        "broken.toml",
        "name = \"x\"\nparties = [\"IRN\"]\n[[issue]]\nid = \"enrichment\"\nscale = { 0 = \"none\", 200 = \"all\" }\n",
    );
    let check = dir.run(&["dossier", "check", broken.to_str().expect("utf-8")]);
    assert_eq!(check.code, 2, "{}", check.stderr);
    assert!(check.stderr.contains("broken.toml"), "{}", check.stderr);
}

#[test]
fn timeline_reads_as_a_chronology_and_whats_next_is_ahead_of_the_coverage() {
    let dir = Dir::new();
    let dossier = ingest_example(&dir);
    let run = dir.run(&[
        "brief",
        "--dossier",
        dossier.to_str().expect("utf-8"),
        "--no-forecast",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    // The Muscat round: one line, the mediator and the format of the majority, several sources.
    let muscat = md
        .lines()
        .find(|l| {
            l.starts_with("- 2026-02-06 — ")
                && l.contains("held indirect talks in Muscat")
                && l.contains("United States")
        })
        .unwrap_or_else(|| panic!("no Muscat line in\n{md}"));
    assert!(muscat.contains(", mediated by Oman — "), "{muscat}");
    // The Geneva round happened on the 17th by most sources; the one source that gave the 18th
    // is named as dissent, and the round is not "next" any more.
    let geneva = md
        .lines()
        .find(|l| {
            l.starts_with("- 2026-02-17 — ")
                && l.contains("talks in Geneva")
                && l.contains("United States")
        })
        .unwrap_or_else(|| panic!("no Geneva line in\n{md}"));
    assert!(
        geneva.contains("1 source gives 2026-02-18 instead"),
        "{geneva}"
    );
    let next =
        &md[md.find("## What's next").expect("section")..md.find("## Timeline").expect("section")];
    assert!(!next.contains("\n- 2026-02-18 — "), "{next}");
    assert!(
        next.contains("Next round of talks between Iran and the United States"),
        "{next}"
    );
    // No self-dyads, no bare trigger words as descriptions.
    assert!(!md.contains("IRN–IRN"), "{md}");
}

#[test]
fn brief_of_paths_needs_no_database_and_matches_the_stored_brief() {
    let dir = Dir::new();
    let dossier = ingest_example(&dir);
    let root = dossier.parent().expect("example folder").to_owned();
    let args = |paths: bool| {
        let mut a = vec!["brief", "--dossier", dossier.to_str().expect("utf-8")];
        if paths {
            a.push(root.to_str().expect("utf-8"));
        }
        a.extend(["--format", "json", "--no-forecast"]);
        a
    };
    let stored = dir.run(&args(false));
    assert_eq!(stored.code, 0, "{}", stored.stderr);
    // A fresh directory: no database at all.
    let fresh = Dir::new();
    let direct = fresh.run(&args(true));
    assert_eq!(direct.code, 0, "{}", direct.stderr);
    let a: serde_json::Value = serde_json::from_str(&stored.stdout).expect("JSON");
    let b: serde_json::Value = serde_json::from_str(&direct.stdout).expect("JSON");
    // The same disagreements, each value backed by the same stories (their order follows
    // the input order rather than the database's).
    let disagreements = |brief: &serde_json::Value| {
        let mut out: Vec<(String, String, String, Vec<String>)> = Vec::new();
        for c in brief["contradictions"].as_array().expect("array") {
            for v in c["values"].as_array().expect("values") {
                let mut docs: Vec<String> = ["docs", "copies"]
                    .iter()
                    .flat_map(|k| v[*k].as_array().into_iter().flatten())
                    .filter_map(|d| d.as_str().map(str::to_owned))
                    .collect();
                docs.sort();
                docs.dedup();
                out.push((
                    c["subject"].to_string(),
                    c["attribute"].to_string(),
                    v["value"].to_string(),
                    docs,
                ));
            }
        }
        out.sort();
        out
    };
    assert!(!disagreements(&b).is_empty());
    assert_eq!(disagreements(&a), disagreements(&b));
    assert!(!fresh.path("backchannel.db").exists(), "nothing is stored");
}
