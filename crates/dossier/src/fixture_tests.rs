//! Rules on our own short articles about other negotiations (Gaza ceasefire, Russia–Ukraine,
//! US–China trade) and on inline-marked sentences, so that they generalise beyond the Iran
//! case. Expected evidence sentences are marked `[[…]]` in the text.

use std::path::PathBuf;

use model::Document;
use model::record::{ActorRef, EventRecord, Record};

use crate::{Analysis, Analyzer, Dossier, Input, StanceKind, propose, testkit};

fn fixture(name: &str) -> Document {
    testkit::load_text(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

fn analyze(docs: &[Document], dossier: &str) -> Analysis {
    let d = Dossier::parse(dossier).expect("test dossier valid");
    let records: Vec<Record> = docs.iter().map(testkit::record).collect();
    let inputs: Vec<Input> = docs
        .iter()
        .zip(&records)
        .map(|(d, r)| Input {
            document: d,
            record: r,
        })
        .collect();
    Analyzer::new(&d).analyze(&inputs)
}

const GAZA: &str = r#"
name = "Gaza ceasefire"
parties = ["ISR", "PSE"]
mediators = ["QAT", "EGY"]
[[issue]]
id = "ceasefire"
question = "Is the ceasefire permanent?"
scale = { 0 = "no ceasefire", 100 = "permanent ceasefire" }
[[issue]]
id = "withdrawal"
question = "Do Israeli troops leave Gaza?"
keywords = ["withdrawal", "withdraw"]
scale = { 0 = "troops stay", 100 = "full withdrawal" }
[[issue]]
id = "hostages"
question = "Are the hostages freed?"
"#;

const UKRAINE: &str = r#"
name = "Russia–Ukraine talks"
parties = ["RUS", "UKR"]
mediators = ["TUR"]
[[issue]]
id = "territory"
question = "Who holds the occupied regions?"
keywords = ["territory", "regions"]
scale = { 0 = "all territory returned", 100 = "current lines recognised" }
[[issue]]
id = "ceasefire"
question = "Is there a ceasefire first?"
scale = { 0 = "no ceasefire", 100 = "unconditional ceasefire" }
"#;

const TRADE: &str = r#"
name = "US–China trade talks"
parties = ["USA", "CHN"]
[[issue]]
id = "tariffs"
question = "How high do tariffs stay?"
[[issue]]
id = "purchases"
question = "Does China buy more American goods?"
"#;

fn stances(a: &Analysis) -> Vec<(String, String, StanceKind, Option<f64>)> {
    let mut v: Vec<_> = a
        .positions
        .iter()
        .map(|p| (p.actor.clone(), p.issue.clone(), p.kind, p.value))
        .collect();
    v.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
    v
}

fn has(a: &Analysis, actor: &str, issue: &str, kind: StanceKind) -> bool {
    a.positions
        .iter()
        .any(|p| p.actor == actor && p.issue == issue && p.kind == kind)
}

#[test]
fn gaza_positions_changes_and_contradictions() {
    let docs = [fixture("gaza-1.txt"), fixture("gaza-2.txt")];
    let a = analyze(&docs, GAZA);
    let s = stances(&a);
    assert!(has(&a, "PSE", "ceasefire", StanceKind::RedLine), "{s:?}");
    assert!(has(&a, "PSE", "withdrawal", StanceKind::Demand), "{s:?}");
    assert!(has(&a, "ISR", "ceasefire", StanceKind::Rejection), "{s:?}");
    assert!(has(&a, "ISR", "withdrawal", StanceKind::RedLine), "{s:?}");
    assert!(has(&a, "ISR", "withdrawal", StanceKind::Offer), "{s:?}");
    assert!(has(&a, "PSE", "hostages", StanceKind::Offer), "{s:?}");
    // Hamas's demand names the "full withdrawal" end of the scale.
    let demand = a
        .positions
        .iter()
        .find(|p| p.actor == "PSE" && p.issue == "withdrawal")
        .expect("demand");
    assert_eq!(demand.value, Some(100.0));
    // Israel refuses the end of the war: the "no ceasefire" end.
    let reject = a
        .positions
        .iter()
        .find(|p| p.actor == "ISR" && p.issue == "ceasefire")
        .expect("rejection");
    assert_eq!(reject.value, Some(0.0));
    // Israel moves from a red line on withdrawal to an offer of a partial one.
    let change = a
        .changes
        .iter()
        .find(|c| c.party == "ISR" && c.issue == "withdrawal")
        .expect("a change");
    assert_eq!(
        (change.from.kind, change.to.kind),
        (StanceKind::RedLine, StanceKind::Offer)
    );
    assert_eq!(
        (change.from.date.as_str(), change.to.date.as_str()),
        ("2025-01-10", "2025-01-12")
    );
    assert_eq!(change.evidence_from[0].doc.as_str(), "gaza-1");
    assert_eq!(change.evidence_to[0].doc.as_str(), "gaza-2");
    let got: Vec<(String, String, Vec<String>)> = a
        .contradictions
        .iter()
        .map(|c| {
            (
                c.subject.clone(),
                c.attribute.clone(),
                c.values.iter().map(|v| v.value.clone()).collect(),
            )
        })
        .collect();
    assert!(
        got.contains(&(
            "talks-doha-2025-01-09".into(),
            "duration".into(),
            vec!["PT5H".into(), "PT9H".into()]
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "exchange-2025-01-09".into(),
            "hostage_count".into(),
            vec!["33".into(), "34".into()]
        )),
        "{got:?}"
    );
    // Both call the talks indirect: no contradiction on format.
    assert!(!got.iter().any(|c| c.1 == "format"), "{got:?}");
}

#[test]
fn ukraine_claims_agree_and_disagree_where_they_should() {
    let docs = [fixture("ukraine-1.txt"), fixture("ukraine-2.txt")];
    let a = analyze(&docs, UKRAINE);
    let s = stances(&a);
    assert!(has(&a, "RUS", "territory", StanceKind::Demand), "{s:?}");
    assert!(has(&a, "UKR", "territory", StanceKind::RedLine), "{s:?}");
    let offer = a
        .positions
        .iter()
        .find(|p| p.actor == "UKR" && p.issue == "ceasefire")
        .expect("offer");
    assert_eq!((offer.kind, offer.value), (StanceKind::Offer, Some(100.0)));
    let claims: Vec<(String, String, String)> = a
        .claims
        .iter()
        .map(|c| (c.subject.clone(), c.attribute.clone(), c.value.clone()))
        .collect();
    let talks = "talks-istanbul-2025-05-16".to_owned();
    assert!(
        claims.contains(&(talks.clone(), "format".into(), "direct".into())),
        "{claims:?}"
    );
    assert!(
        claims.contains(&(
            talks.clone(),
            "venue".into(),
            "dolmabahce palace, istanbul".into()
        )),
        "{claims:?}"
    );
    let got: Vec<(String, String, Vec<String>)> = a
        .contradictions
        .iter()
        .map(|c| {
            (
                c.subject.clone(),
                c.attribute.clone(),
                c.values.iter().map(|v| v.value.clone()).collect(),
            )
        })
        .collect();
    assert!(
        got.contains(&(
            talks.clone(),
            "duration".into(),
            vec!["PT2H".into(), "PT4H".into()]
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "exchange-2025-05-16".into(),
            "prisoner_count".into(),
            vec!["1000".into(), "1200".into()]
        )),
        "{got:?}"
    );
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn trade_talks_positions_and_duration() {
    let a = analyze(&[fixture("trade-1.txt")], TRADE);
    let s = stances(&a);
    assert!(has(&a, "USA", "purchases", StanceKind::Demand), "{s:?}");
    assert!(has(&a, "CHN", "tariffs", StanceKind::Rejection), "{s:?}");
    let claims: Vec<(String, String, String)> = a
        .claims
        .iter()
        .map(|c| (c.subject.clone(), c.attribute.clone(), c.value.clone()))
        .collect();
    assert!(
        claims.contains(&(
            "talks-geneva-2025-05-11".into(),
            "duration".into(),
            "P2D".into()
        )),
        "{claims:?}"
    );
}

#[track_caller]
fn analyze_text(dossier: &str, dct: &str, text: &str) -> Analysis {
    analyze(&[testkit::document("t", text, Some(dct))], dossier)
}

fn check_positions(dossier: &str, dct: &str, marked: &str, want: &[(&str, &str, StanceKind)]) {
    let (text, spans) = testkit::split_marks(marked);
    let doc = testkit::document("t", &text, Some(dct));
    let a = analyze(&[doc], dossier);
    let got: Vec<(&str, &str, StanceKind)> = a
        .positions
        .iter()
        .map(|p| (p.actor.as_str(), p.issue.as_str(), p.kind))
        .collect();
    assert_eq!(got, want);
    let got_spans: Vec<(u32, u32)> = a
        .positions
        .iter()
        .map(|p| (p.evidence[0].span.start(), p.evidence[0].span.end()))
        .collect();
    assert_eq!(got_spans, spans);
}

#[test]
fn a_quote_is_the_speakers_partys_position() {
    check_positions(
        GAZA,
        "2025-01-10",
        "Talks went on. [[\"A full withdrawal is non-negotiable for us,\" Khalil al-Hayya said.]]",
        &[("PSE", "withdrawal", StanceKind::RedLine)],
    );
}

#[test]
fn a_list_of_red_lines_inherits_its_announcer() {
    check_positions(
        UKRAINE,
        "2025-05-17",
        "Ukraine set out its red lines. [[The occupied regions must stay Ukrainian.]] The weather was cold.",
        &[("UKR", "territory", StanceKind::RedLine)],
    );
}

#[test]
fn a_negated_demand_is_no_stance() {
    check_positions(
        TRADE,
        "2025-05-12",
        "China did not demand lower tariffs. [[Washington demands more purchases.]]",
        &[("USA", "purchases", StanceKind::Demand)],
    );
}

#[test]
fn a_refusal_that_did_not_happen_is_no_stance() {
    check_positions(
        TRADE,
        "2025-05-12",
        "Beijing has not ruled out lower tariffs. [[Washington rejected lower tariffs.]]",
        &[("USA", "tariffs", StanceKind::Rejection)],
    );
}

#[test]
fn what_a_party_gives_in_exchange_is_an_offer() {
    let a = analyze_text(
        TRADE,
        "2025-05-12",
        "Beijing would lower its tariffs in exchange for access to chips.",
    );
    let s = stances(&a);
    assert!(has(&a, "CHN", "tariffs", StanceKind::Offer), "{s:?}");
    let offer = a
        .positions
        .iter()
        .find(|p| p.actor == "CHN" && p.issue == "tariffs")
        .expect("offer");
    assert_eq!(
        offer.summary,
        "Beijing would lower its tariffs in exchange for"
    );
}

#[test]
fn summaries_are_the_texts_own_words_without_dangling_quotes() {
    let a = analyze_text(
        GAZA,
        "2025-01-10",
        "Israel \"will never accept a full withdrawal,\" the minister said, \"whatever happens.\"",
    );
    let p = a
        .positions
        .iter()
        .find(|p| p.issue == "withdrawal")
        .expect("a stance on withdrawal");
    assert_eq!(p.summary, "will never accept a full withdrawal");
}

#[test]
fn a_vague_length_is_no_duration_claim() {
    let a = analyze_text(
        UKRAINE,
        "2025-05-17",
        "Turkey spent weeks preparing the talks in Istanbul. The talks in Istanbul lasted two hours.",
    );
    let durations: Vec<&str> = a
        .claims
        .iter()
        .filter(|c| c.attribute == "duration")
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(durations, ["PT2H"]);
}

#[test]
fn timeline_merges_events_and_schedule_keeps_what_is_ahead() {
    let docs = [fixture("ukraine-1.txt"), fixture("ukraine-2.txt")];
    let mut records: Vec<Record> = docs.iter().map(testkit::record).collect();
    let ev = |doc: &Document, r: &Record, date: &str, status: &str, src: &str, tgt: &str| {
        let s = r.sentences[0];
        let _ = doc;
        EventRecord {
            sentence: 0,
            start: s.start,
            end: s.end,
            plover: "CONSULT".into(),
            mode: None,
            cameo: "040".into(),
            goldstein: 1.0,
            source: ActorRef {
                code: src.into(),
                actor: None,
            },
            target: ActorRef {
                code: tgt.into(),
                actor: None,
            },
            mediator: Some(ActorRef {
                code: "TURGOV".into(),
                actor: None,
            }),
            date: Some(date.into()),
            date_grain: Some("day".into()),
            location: Some("Istanbul".into()),
            status: status.into(),
            trigger: "talks".into(),
        }
    };
    let e0 = ev(
        &docs[0],
        &records[0],
        "2025-05-16",
        "occurred",
        "RUSGOV",
        "UKRGOV",
    );
    let e1 = ev(
        &docs[1],
        &records[1],
        "2025-05-16",
        "occurred",
        "UKR",
        "RUS",
    );
    let e2 = ev(&docs[1], &records[1], "2025-06-02", "planned", "UKR", "RUS");
    records[0].events.push(e0);
    records[1].events.extend([e1, e2]);
    let inputs: Vec<Input> = docs
        .iter()
        .zip(&records)
        .map(|(d, r)| Input {
            document: d,
            record: r,
        })
        .collect();
    let d = Dossier::parse(UKRAINE).expect("valid");
    let a = Analyzer::new(&d).analyze(&inputs);
    assert_eq!(a.timeline.len(), 2);
    assert_eq!(
        (
            a.timeline[0].date.as_str(),
            a.timeline[0].sources,
            a.timeline[0].evidence.len()
        ),
        ("2025-05-16", 2, 2)
    );
    assert_eq!(a.timeline[0].what, "RUS–UKR talks, mediated by TUR");
    assert_eq!(a.schedule.len(), 1);
    assert_eq!(a.schedule[0].date, "2025-06-02");
    assert_eq!(a.schedule[0].actors, vec!["UKR", "RUS", "TUR"]);
    // The brief JSON keeps evidence as lists of {doc, start, end}.
    let json = serde_json::to_value(&a).expect("serialisable");
    assert_eq!(json["schedule"][0]["evidence"][0]["doc"], "ukraine-2");
    assert!(json["positions"][0]["evidence"][0]["start"].is_u64());
}

#[test]
fn propose_drafts_parties_mediator_and_issues() {
    let docs = [fixture("gaza-1.txt"), fixture("gaza-2.txt")];
    let records: Vec<Record> = docs.iter().map(testkit::record).collect();
    let d = propose(&records, &docs);
    assert_eq!(d.parties, vec!["ISR", "PSE"]);
    assert_eq!(d.mediators, vec!["EGY", "QAT"]);
    let ids: Vec<&str> = d.issues.iter().map(|i| i.id.as_str()).collect();
    assert!(
        ids.contains(&"ceasefire") && ids.contains(&"hostages") && ids.contains(&"withdrawal"),
        "{ids:?}"
    );
    let again = Dossier::parse(&d.to_toml()).expect("proposal is a valid dossier");
    assert_eq!(again, d);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,400}", cut in 0usize..400) {
            let mut doc = testkit::document("p", &text, Some("2026-02-05"));
            doc.text = text.clone();
            let mut record = testkit::record(&doc);
            // Out-of-range and mid-character spans from a faulty extractor are dropped.
            record.sentences.push(model::record::ByteRange { start: cut as u32, end: cut as u32 + 3 });
            let d = Dossier::parse(GAZA).expect("valid");
            let input = Input { document: &doc, record: &record };
            let a = Analyzer::new(&d).analyze(&[input]);
            for p in &a.positions {
                prop_assert!(doc.text.get(p.evidence[0].span.start() as usize..p.evidence[0].span.end() as usize).is_some());
            }
        }

        #[test]
        fn arbitrary_dossier_text_never_panics(text in "\\PC{0,300}") {
            let _ = Dossier::parse(&text);
        }
    }
}
