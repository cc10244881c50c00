//! Seed evaluation against the hand annotations in `../shared/corpus` (read at test time).
//! Without the folder the test says so and passes, except under CI where it fails.

use actors::ActorDictionary;
use actors::eval::{Score, score_codes, score_people};
use std::path::PathBuf;

fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing; CI needs the shared folder",
        dir.display()
    );
    eprintln!("skipping: {} not found", dir.display());
    None
}

/// The document text of a seed file (SPEC §2): a leading ` date YYYY-MM-DD` marker and the
/// whitespace after it are metadata, not text.
fn document_text(raw: &str) -> (&str, Option<jiff::civil::Date>) {
    let trimmed = raw.trim_start_matches('\u{feff}');
    if let Some(rest) = trimmed.strip_prefix(" date ")
        && let Some(date) = rest.get(..10).and_then(|d| d.parse().ok())
    {
        return (rest[10..].trim_start(), Some(date));
    }
    (trimmed, None)
}

/// Codes and named people per seed: (doc, code score, people score).
fn evaluate(dir: &std::path::Path) -> Vec<(String, Score, Score)> {
    let dict = ActorDictionary::builtin();
    let mut out = Vec::new();
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(dir.join("corpus/seeds-gold"))
        .expect("seeds-gold readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains('_'))
        })
        .collect();
    gold_files.sort();
    for gold_path in gold_files {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold readable"))
                .expect("gold is JSON");
        let doc = gold["doc"].as_str().expect("doc id").to_owned();
        let raw = std::fs::read_to_string(dir.join(format!("corpus/seeds/{doc}.txt")))
            .expect("seed readable");
        let (text, marker_date) = document_text(&raw);
        let published = gold["published"]
            .as_str()
            .and_then(|d| d.parse().ok())
            .or(marker_date);
        let mentions = dict.annotate(text, published);
        let actors = gold["actors"].as_array().expect("actors array");
        let gold_codes = actors.iter().filter_map(|a| a["code"].as_str());
        let codes = score_codes(gold_codes, mentions.iter().map(|m| m.code.as_str()));
        let gold_people = actors.iter().filter_map(|a| a["entity"].as_str());
        let people = score_people(
            gold_people,
            mentions.iter().filter_map(|m| m.entity.as_deref()),
        );
        out.push((doc, codes, people));
    }
    out
}

#[test]
fn shared_seed_actor_code_recall() {
    let Some(dir) = shared_dir() else { return };
    let per_doc = evaluate(&dir);
    assert_eq!(per_doc.len(), 3, "three annotated seeds");
    let mut codes = Score::default();
    let mut people = Score::default();
    for (doc, c, p) in &per_doc {
        eprintln!(
            "{doc}: codes recall {}/{} precision {}/{}; people recall {}/{}",
            c.found, c.gold, c.correct, c.predicted, p.found, p.gold
        );
        codes.add(*c);
        people.add(*p);
    }
    eprintln!(
        "seeds: actor-code recall {:.3} precision {:.3}; people recall {:.3}",
        codes.recall(),
        codes.precision(),
        people.recall()
    );
    // Measured 2026-11-23: codes 18/18 (precision 30/44 = 0.682), people 20/20.
    assert_eq!((codes.found, codes.gold), (18, 18));
    assert!(codes.recall() >= 0.90);
    // Precision is low by design of the gold: it lists actors taking part in events, while
    // the matcher finds every actor mention (Pakistan and France in an author's biography).
    assert!(
        codes.precision() >= 0.65,
        "precision {:.3}",
        codes.precision()
    );
    assert!(
        people.recall() >= 0.90,
        "people recall {:.3}",
        people.recall()
    );
}

#[test]
fn shared_seed_spans_slice_the_text() {
    let Some(dir) = shared_dir() else { return };
    let raw = std::fs::read_to_string(dir.join("corpus/seeds/003_0e4e78b473eff5e0.txt"))
        .expect("seed readable");
    let (text, _) = document_text(&raw);
    let mentions =
        ActorDictionary::builtin().annotate(text, jiff::civil::Date::new(2026, 2, 6).ok());
    let surfaces: Vec<&str> = mentions
        .iter()
        .filter(|m| m.entity.as_deref() == Some("Abbas Araghchi"))
        .map(|m| m.span.slice(text).expect("span fits"))
        .collect();
    assert_eq!(surfaces, ["Abbas Araqchi", "Araqchi", "Araqchi"]);
}

#[test]
fn shared_converted_data_is_current() {
    let Some(dir) = shared_dir() else { return };
    let dict_dir = dir.join("external/event-coding/petrarch2-dictionaries");
    let read =
        |name: &str| std::fs::read_to_string(dict_dir.join(name)).expect("dictionary readable");
    let (countries, international, non_state, agents, discards) = (
        read("Phoenix.Countries.actors.txt"),
        read("Phoenix.International.actors.txt"),
        read("Phoenix.MilNonState.actors.txt"),
        read("Phoenix.agents.txt"),
        read("Phoenix.discards.txt"),
    );
    let converted = actors::petrarch::convert_all(actors::petrarch::Sources {
        countries: &countries,
        international: &international,
        non_state: &non_state,
        agents: &agents,
        discards: &discards,
    });
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let committed = |name: &str| std::fs::read_to_string(data.join(name)).expect("data file");
    // Regenerate with `cargo run -p actors --bin convert_petrarch` when this fails.
    assert!(
        converted.actors == committed("petrarch_actors.tsv"),
        "petrarch_actors.tsv is stale"
    );
    assert!(
        converted.agents == committed("petrarch_agents.tsv"),
        "petrarch_agents.tsv is stale"
    );
    assert!(
        converted.discards == committed("petrarch_discards.tsv"),
        "petrarch_discards.tsv is stale"
    );
    assert_eq!(converted.stats[0].records, 17_901);
}
