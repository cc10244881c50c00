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
            "hostages_released".into(),
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
            "prisoners_released".into(),
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
            target: Some(ActorRef {
                code: tgt.into(),
                actor: None,
            }),
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
    assert_eq!(
        a.timeline[0].what,
        "Russia and Ukraine held direct talks in Istanbul, mediated by Turkey"
    );
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

/// A domestic dispute whose two parties share a country: role nouns ("the government",
/// "the rebels") name them.
const SUDAN: &str = r#"
name = "Invented government–rebel talks"
parties = ["SDNGOV", "SDNREB"]
mediators = ["QAT"]
[[issue]]
id = "prisoners"
question = "Are detainees released?"
keywords = ["detainees", "prisoners", "release"]
scale = { 0 = "no releases", 100 = "all detainees released" }
[[issue]]
id = "monitoring"
question = "Who monitors the truce?"
keywords = ["monitoring", "mechanism", "observers"]
scale = { 0 = "no monitoring", 100 = "independent monitoring" }
[[issue]]
id = "dialogue"
question = "Do the leaders talk?"
keywords = ["meet", "talks"]
"#;

/// A dossier whose only keyword for the issue is rare: the question and the scale labels
/// supply the plainer word ("levies").
const LEVIES: &str = r#"
name = "Invented steel levy dispute"
parties = ["USA", "CHN"]
[[issue]]
id = "levies"
question = "Does Washington lift its levies on Chinese steel?"
keywords = ["steel levy"]
scale = { 0 = "levies kept", 100 = "levies lifted" }
"#;

/// An invented trade dossier with a steel measure.
const STEEL: &str = r#"
name = "Invented EU–China steel dispute"
parties = ["IGOEUR", "CHN"]
[[issue]]
id = "steel"
question = "How hard does the safeguard hit Chinese steel?"
keywords = ["steel", "safeguard"]
"#;

fn kinds(dossier: &str, dct: &str, text: &str) -> Vec<(String, String, StanceKind)> {
    analyze_text(dossier, dct, text)
        .positions
        .iter()
        .map(|p| (p.actor.clone(), p.issue.clone(), p.kind))
        .collect()
}

fn stance(actor: &str, issue: &str, kind: StanceKind) -> (String, String, StanceKind) {
    (actor.to_owned(), issue.to_owned(), kind)
}

#[test]
fn coordinated_subjects_both_hold_the_stance() {
    let got = kinds(
        GAZA,
        "2025-01-10",
        "Egypt and Qatar have urged Israel to agree to a full withdrawal.",
    );
    assert!(
        got.contains(&stance("EGY", "withdrawal", StanceKind::Demand)),
        "{got:?}"
    );
    assert!(
        got.contains(&stance("QAT", "withdrawal", StanceKind::Demand)),
        "{got:?}"
    );
    assert!(!got.iter().any(|g| g.0 == "ISR"), "{got:?}");
}

#[test]
fn a_rejected_demand_is_also_the_other_sides_demand() {
    let got = kinds(
        UKRAINE,
        "2025-05-17",
        "Ukraine rejected Russia's demand to give up the occupied regions.",
    );
    assert!(
        got.contains(&stance("UKR", "territory", StanceKind::Rejection)),
        "{got:?}"
    );
    assert!(
        got.contains(&stance("RUS", "territory", StanceKind::Demand)),
        "{got:?}"
    );
}

#[test]
fn whoever_urges_holds_the_demand_not_the_one_urged() {
    let got = kinds(
        UKRAINE,
        "2025-05-17",
        "Turkey urged Ukraine to insist on a ceasefire before any other step.",
    );
    assert!(
        got.contains(&stance("TUR", "ceasefire", StanceKind::Demand)),
        "{got:?}"
    );
    assert!(!got.iter().any(|g| g.0 == "UKR"), "{got:?}");
}

#[test]
fn not_accepting_is_a_rejection_and_stopping_short_is_nothing() {
    let got = kinds(
        GAZA,
        "2025-01-10",
        "Hamas did not accept the withdrawal plan. Israel stopped short of demanding a ceasefire.",
    );
    assert_eq!(
        got,
        vec![stance("PSE", "withdrawal", StanceKind::Rejection)]
    );
}

#[test]
fn proposals_and_offers_to_do_something_are_offers() {
    let got = kinds(
        SUDAN,
        "2026-04-14",
        "Qatar has proposed a joint monitoring mechanism. Qatar has also offered to fund the observers.",
    );
    assert_eq!(
        got,
        vec![
            stance("QAT", "monitoring", StanceKind::Offer),
            stance("QAT", "monitoring", StanceKind::Offer)
        ]
    );
}

#[test]
fn role_nouns_name_the_parties_that_share_a_country() {
    let got = kinds(
        SUDAN,
        "2026-04-14",
        "The government has agreed to free 200 detainees. The rebels, for their part, have promised to release captured prisoners.",
    );
    assert_eq!(
        got,
        vec![
            stance("SDNGOV", "prisoners", StanceKind::Concession),
            stance("SDNREB", "prisoners", StanceKind::Concession)
        ]
    );
}

#[test]
fn accepting_the_proposal_is_a_concession_on_the_issue_proposed() {
    let got = kinds(
        SUDAN,
        "2026-04-14",
        "Qatar has proposed a joint monitoring mechanism. The rebels have accepted the proposal in principle.",
    );
    assert!(
        got.contains(&stance("SDNREB", "monitoring", StanceKind::Concession)),
        "{got:?}"
    );
}

#[test]
fn an_unresolved_subject_gets_no_one_elses_stance() {
    // "the alliance" is nobody the extraction knows: the rejection is not the government's,
    // nor the observers'.
    let got = kinds(
        SUDAN,
        "2026-04-14",
        "The government wants the observers to lead the monitoring, which the alliance rejects.",
    );
    assert_eq!(
        got,
        vec![stance("SDNGOV", "monitoring", StanceKind::Demand)]
    );
}

#[test]
fn a_refusal_to_meet_is_a_rejection_and_its_condition_a_demand() {
    let got = kinds(
        SUDAN,
        "2026-04-14",
        "The rebel commander said he would not meet the president as long as his men are held as prisoners.",
    );
    assert!(
        got.contains(&stance("SDNREB", "dialogue", StanceKind::Rejection)),
        "{got:?}"
    );
    assert!(
        got.contains(&stance("SDNREB", "prisoners", StanceKind::Demand)),
        "{got:?}"
    );
    assert!(!got.iter().any(|g| g.0 == "SDNGOV"), "{got:?}");
}

#[test]
fn a_definite_description_points_back_to_its_actor() {
    let got = kinds(
        TRADE,
        "2025-05-12",
        "China's commerce ministry said the talks were useful. The ministry also demanded that Washington lower its tariffs.",
    );
    assert_eq!(got, vec![stance("CHN", "tariffs", StanceKind::Demand)]);
}

#[test]
fn new_flexibility_is_a_concession_and_an_insisted_fact_a_position() {
    let got = kinds(
        TRADE,
        "2025-05-12",
        "China was willing to discuss purchases for the first time. Chinese officials insist the tariffs were legal.",
    );
    assert_eq!(
        got,
        vec![
            stance("CHN", "purchases", StanceKind::Concession),
            stance("CHN", "tariffs", StanceKind::Position)
        ]
    );
}

#[test]
fn the_words_of_the_question_and_scale_put_a_stance_on_its_issue() {
    let got = kinds(
        LEVIES,
        "2025-05-12",
        "Turkey pressed Washington to scrap the levies quickly.",
    );
    assert_eq!(got, vec![stance("TUR", "levies", StanceKind::Demand)]);
}

fn claim_triples(a: &Analysis) -> Vec<(String, String, String)> {
    a.claims
        .iter()
        .map(|c| (c.subject.clone(), c.attribute.clone(), c.value.clone()))
        .collect()
}

fn contradiction_values(a: &Analysis) -> Vec<(String, Vec<String>, bool)> {
    a.contradictions
        .iter()
        .map(|c| {
            let mut v: Vec<String> = c.values.iter().map(|v| v.value.clone()).collect();
            v.sort();
            (c.attribute.clone(), v, c.internal)
        })
        .collect()
}

#[test]
fn two_stories_of_one_signing_disagree_on_its_day_and_its_format() {
    let a = analyze(
        &[
            testkit::document(
                "a",
                "The two sides signed a ceasefire agreement in Doha on Saturday. The delegations met face to face for the signing ceremony.",
                Some("2026-04-12"),
            ),
            testkit::document(
                "b",
                "The truce signed on Sunday in Doha is holding. The delegations never sat in the same room, not even for the signing.",
                Some("2026-04-14"),
            ),
        ],
        SUDAN,
    );
    let got = contradiction_values(&a);
    assert!(
        got.contains(&(
            "date".into(),
            vec!["2026-04-11".into(), "2026-04-12".into()],
            false
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "format".into(),
            vec!["direct".into(), "indirect".into()],
            false
        )),
        "{got:?}"
    );
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn casualty_counts_of_one_attack_are_compared() {
    let a = analyze(
        &[
            testkit::document(
                "a",
                "Shelling of a market in Tarvik on May 3 killed at least 12 civilians, the monitors said.",
                Some("2026-05-05"),
            ),
            testkit::document(
                "b",
                "The May 3 shelling of Tarvik's market killed 15 civilians, local groups said.",
                Some("2026-05-06"),
            ),
        ],
        SUDAN,
    );
    let claims = claim_triples(&a);
    assert!(
        claims.contains(&(
            "attack-tarvik".into(),
            "civilian_deaths".into(),
            "12".into()
        )),
        "{claims:?}"
    );
    let got = contradiction_values(&a);
    assert_eq!(
        got,
        vec![(
            "civilian_deaths".into(),
            vec!["12".into(), "15".into()],
            false
        )]
    );
}

#[test]
fn vote_shares_are_read_and_compared_across_stories() {
    let a = analyze(
        &[
            testkit::document(
                "a",
                "The commission declared the president the winner with 50.6 percent of the vote against 44.9 percent for his challenger.",
                None,
            ),
            testkit::document(
                "b",
                "The commission declared him re-elected with 51.8% of the vote, against 44.9% for the challenger.",
                Some("2026-12-15"),
            ),
        ],
        SUDAN,
    );
    let claims = claim_triples(&a);
    assert!(
        claims.contains(&("election".into(), "challenger_share".into(), "44.9%".into())),
        "{claims:?}"
    );
    assert_eq!(
        contradiction_values(&a),
        vec![(
            "winner_share".into(),
            vec!["50.6%".into(), "51.8%".into()],
            false
        )]
    );
}

const RULING: &str = "The Supreme Court on Monday upheld the result, throwing out the petition in a unanimous judgment. The seven-judge panel gave its reasons in writing. The question is whether the December 22 ruling ends the dispute.";

#[test]
fn a_story_that_dates_its_ruling_twice_contradicts_itself() {
    let a = analyze(&[testkit::document("r", RULING, Some("2026-12-22"))], SUDAN);
    let claims = claim_triples(&a);
    for (attr, value) in [
        ("date", "2026-12-21"),
        ("date", "2026-12-22"),
        ("outcome", "petition dismissed"),
        ("vote", "unanimous"),
        ("panel_size", "7"),
    ] {
        assert!(
            claims
                .iter()
                .any(|c| c.0.starts_with("ruling") && c.1 == attr && c.2 == value),
            "{attr} {value}: {claims:?}"
        );
    }
    assert_eq!(
        contradiction_values(&a),
        vec![(
            "date".into(),
            vec!["2026-12-21".into(), "2026-12-22".into()],
            true
        )]
    );
}

#[test]
fn a_past_event_on_a_weekday_is_not_dated_after_the_story() {
    // A tagger that put "Monday" in the week ahead: the ruling was told in the past tense.
    let doc = testkit::document("r", RULING, Some("2026-12-22"));
    let mut record = testkit::record(&doc);
    for t in &mut record.times {
        if t.text == "Monday" {
            t.value = "2026-12-28".to_owned();
        }
    }
    let d = Dossier::parse(SUDAN).expect("valid");
    let a = Analyzer::new(&d).analyze(&[Input {
        document: &doc,
        record: &record,
    }]);
    let dates: Vec<String> = a
        .claims
        .iter()
        .filter(|c| c.attribute == "date")
        .map(|c| c.value.clone())
        .collect();
    assert_eq!(
        dates,
        vec!["2026-12-21".to_owned(), "2026-12-22".to_owned()]
    );
}

#[test]
fn who_issued_a_measure_is_compared_body_by_body() {
    let a = analyze(
        &[
            testkit::document(
                "a",
                "Beijing criticised new steel safeguard rules adopted by member states on Monday.",
                Some("2026-03-19"),
            ),
            testkit::document(
                "b",
                "The European Commission imposed its new steel safeguard on Monday, charging 50% above the quotas.",
                None,
            ),
        ],
        STEEL,
    );
    let claims = claim_triples(&a);
    assert!(
        claims
            .iter()
            .any(|c| c.0.starts_with("steel-safeguard") && c.1 == "rate" && c.2 == "50%"),
        "{claims:?}"
    );
    assert_eq!(
        contradiction_values(&a),
        vec![(
            "issuer".into(),
            vec!["igoeur:commission".into(), "igoeur:council".into()],
            false
        )]
    );
}

#[test]
fn arrests_and_releases_are_counted() {
    let a = analyze_text(
        SUDAN,
        "2026-12-15",
        "Police said on Saturday that they had released 51 of the 84 people detained during the protests.",
    );
    let claims = claim_triples(&a);
    assert!(
        claims.contains(&("detentions".into(), "released".into(), "51".into())),
        "{claims:?}"
    );
    assert!(
        claims.contains(&("detentions".into(), "arrests".into(), "84".into())),
        "{claims:?}"
    );
}

#[test]
fn the_round_is_this_meetings_ordinal_not_a_future_ones() {
    let a = analyze_text(
        TRADE,
        "2025-05-12",
        "Negotiators will meet in Geneva tomorrow in what both sides call the fourth round. The timing of a fifth round will be set later.",
    );
    let rounds: Vec<String> = a
        .claims
        .iter()
        .filter(|c| c.attribute == "round_number")
        .map(|c| c.value.clone())
        .collect();
    assert_eq!(rounds, vec!["4".to_owned()]);
}

#[test]
fn values_worded_differently_agree() {
    use crate::{compatible, normalize_value};
    assert_eq!(
        normalize_value("issuer", "EU member states (Council)"),
        "igoeur:council"
    );
    assert_eq!(
        normalize_value("issuer", "the Inspector General of Police"),
        "police"
    );
    assert_eq!(normalize_value("issuer", "USAGOV:state"), "usagov:state");
    assert_eq!(
        normalize_value(
            "venue",
            "the headquarters of the World Trade Organization, Geneva"
        ),
        normalize_value("venue", "WTO headquarters, Geneva")
    );
    assert_eq!(
        normalize_value(
            "venue",
            "World Trade Organization's lakeside headquarters, geneva"
        ),
        "wto headquarters, geneva"
    );
    assert_eq!(normalize_value("rate", "from 7.8% to 35.3%"), "7.8%-35.3%");
    assert_eq!(normalize_value("winner_share", "50.6 percent"), "50.6%");
    assert_eq!(normalize_value("format", "by video link"), "video link");
    assert!(compatible("date", "2026-04", "2026-W17"));
    assert!(compatible("date", "2026-04", "2026-04-14"));
    assert!(!compatible("date", "2026-04", "2026-05-02"));
    assert!(compatible("issuer", "igoeur", "igoeur:council"));
    assert!(!compatible("issuer", "igoeur:commission", "igoeur:council"));
}

#[test]
fn how_often_is_not_how_long() {
    let doc = testkit::document(
        "f",
        "Mediators carried drafts between the two delegations a dozen times a day in Doha.",
        Some("2026-04-12"),
    );
    let mut record = testkit::record(&doc);
    let at = doc.text.find("a day").expect("present") as u32;
    record.times.push(model::record::TimeRecord {
        start: at,
        end: at + 5,
        text: "a day".to_owned(),
        kind: "DURATION".to_owned(),
        value: "P1D".to_owned(),
        unresolved: false,
    });
    let d = Dossier::parse(SUDAN).expect("valid");
    let a = Analyzer::new(&d).analyze(&[Input {
        document: &doc,
        record: &record,
    }]);
    let got = claim_triples(&a);
    assert!(!got.iter().any(|c| c.1 == "duration"), "{got:?}");
    assert!(
        got.iter().any(|c| c.1 == "format" && c.2 == "indirect"),
        "{got:?}"
    );
}

const HOSTAGE_DEAL: &str = r#"
name = "t"
parties = ["ISR", "PSE"]
[[issue]]
id = "hostages"
question = "How many hostages are freed?"
keywords = ["hostages"]
"#;

fn claim_values(a: &Analysis, attribute: &str) -> Vec<(String, String)> {
    a.claims
        .iter()
        .filter(|c| c.attribute == attribute)
        .map(|c| (c.subject.clone(), c.value.clone()))
        .collect()
}

#[test]
fn counts_in_a_proposed_exchange_are_the_numbers_released_and_undated() {
    let a = analyze_text(
        HOSTAGE_DEAL,
        "2026-05-04",
        "Mediators met on Sunday. Under the draft, the group would hand over 9 hostages while the government would free 250 prisoners.",
    );
    assert_eq!(
        claim_values(&a, "hostages_released"),
        [("exchange".to_owned(), "9".to_owned())]
    );
    assert_eq!(
        claim_values(&a, "prisoners_released"),
        [("exchange".to_owned(), "250".to_owned())]
    );
}

#[test]
fn two_stories_giving_different_counts_for_one_proposed_swap_contradict() {
    let one = testkit::document(
        "a",
        "The plan would trade 9 hostages for 250 prisoners.",
        Some("2026-05-04"),
    );
    let two = testkit::document(
        "b",
        "Under the proposal, 7 hostages would be released in exchange for prisoners.",
        Some("2026-05-06"),
    );
    let a = analyze(&[one, two], HOSTAGE_DEAL);
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
    assert_eq!(
        got,
        [(
            "exchange".to_owned(),
            "hostages_released".to_owned(),
            vec!["7".to_owned(), "9".to_owned()]
        )]
    );
}

#[test]
fn two_stories_dating_one_referendum_differently_contradict() {
    let one = testkit::document(
        "a",
        "The government will hold a referendum on the new charter in June 2027.",
        Some("2026-03-01"),
    );
    let two = testkit::document(
        "b",
        "Officials said the referendum on the charter is expected in October 2027.",
        Some("2026-03-05"),
    );
    let a = analyze(&[one, two], HOSTAGE_DEAL);
    let got: Vec<(String, Vec<String>)> = a
        .contradictions
        .iter()
        .map(|c| {
            (
                c.subject.clone(),
                c.values.iter().map(|v| v.value.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [(
            "referendum".to_owned(),
            vec!["2027-06".to_owned(), "2027-10".to_owned()]
        )]
    );
}

#[test]
fn a_round_held_on_two_days_is_not_dated_twice() {
    let a = analyze_text(
        UKRAINE,
        "2025-05-19",
        "The talks in Istanbul opened on Saturday. The delegations met in Istanbul on Saturday and again on Sunday.",
    );
    assert!(a.contradictions.is_empty(), "{:?}", a.contradictions);
    assert_eq!(
        claim_values(&a, "date")
            .into_iter()
            .map(|(_, v)| v)
            .collect::<Vec<_>>(),
        ["2025-05-17"]
    );
}

#[test]
fn dropping_a_demand_or_signalling_flexibility_is_a_concession() {
    let got = kinds(
        UKRAINE,
        "2025-05-17",
        "Russia has stopped demanding the whole of the four regions. \
         Ukraine could be flexible about when a ceasefire begins.",
    );
    assert!(
        got.contains(&stance("RUS", "territory", StanceKind::Concession)),
        "{got:?}"
    );
    assert!(
        got.contains(&stance("UKR", "ceasefire", StanceKind::Concession)),
        "{got:?}"
    );
    assert!(!got.iter().any(|g| g.2 == StanceKind::Demand), "{got:?}");
}

#[test]
fn tying_ones_signature_to_something_demands_it() {
    let got = kinds(
        UKRAINE,
        "2025-05-17",
        "Kyiv diplomats say Ukraine has tied its signature to a complete ceasefire.",
    );
    assert!(
        got.contains(&stance("UKR", "ceasefire", StanceKind::Demand)),
        "{got:?}"
    );
}

#[test]
fn declining_or_objecting_is_a_rejection_but_declining_to_comment_is_nothing() {
    let got = kinds(
        GAZA,
        "2025-01-10",
        "Israel has so far declined to withdraw from the crossing. \
         Qatar declined to comment on the withdrawal.",
    );
    assert_eq!(
        got,
        vec![stance("ISR", "withdrawal", StanceKind::Rejection)]
    );
    let got = kinds(
        UKRAINE,
        "2025-05-17",
        "Russia objects to any ceasefire before a summit. The objection to a ceasefire was noted.",
    );
    assert_eq!(got, vec![stance("RUS", "ceasefire", StanceKind::Rejection)]);
}

#[test]
fn refusing_to_give_something_up_is_a_red_line() {
    let got = kinds(
        UKRAINE,
        "2025-05-17",
        "Ukraine has refused to give up the regions it still holds.",
    );
    assert_eq!(got, vec![stance("UKR", "territory", StanceKind::RedLine)]);
}

#[test]
fn a_bare_noun_after_a_rejection_is_what_is_rejected() {
    let got = kinds(
        GAZA,
        "2025-01-10",
        "Egypt has rejected proposals to withdraw the monitors from the border.",
    );
    assert_eq!(
        got,
        vec![stance("EGY", "withdrawal", StanceKind::Rejection)]
    );
}

#[test]
fn vowing_to_fight_a_measure_rejects_it() {
    let got = kinds(
        UKRAINE,
        "2025-05-17",
        "Ukraine vowed to challenge any handover of the regions.",
    );
    assert_eq!(got, vec![stance("UKR", "territory", StanceKind::Rejection)]);
}

#[test]
fn an_aside_naming_who_leads_the_subject_does_not_take_the_stance() {
    let got = kinds(
        GAZA,
        "2025-01-10",
        "Hamas negotiators, led by a veteran envoy from Qatar, have asked for a full withdrawal.",
    );
    assert!(
        got.contains(&stance("PSE", "withdrawal", StanceKind::Demand)),
        "{got:?}"
    );
    assert!(!got.iter().any(|g| g.0 == "QAT"), "{got:?}");
}

#[test]
fn a_day_given_to_talks_that_lasted_days_is_the_day_they_ended() {
    // The story is filed from the city of the talks; the city of an old signing is not it.
    let a = analyze_text(
        UKRAINE,
        "2025-05-19",
        "ISTANBUL, May 19 — Russia and Ukraine agreed on Sunday to swap wounded soldiers, the only result of three days of Turkish-hosted talks, and the delegations left Istanbul without a date for more. \
         The delegations sat face to face for five hours on Friday and again on Saturday morning. \
         An earlier memorandum was signed in Ankara in March 2022.",
    );
    assert!(a.contradictions.is_empty(), "{:?}", a.contradictions);
    let got = claim_triples(&a);
    for (attr, value) in [
        ("end_date", "2025-05-18"),
        ("duration", "P3D"),
        ("duration", "PT5H"),
    ] {
        assert!(
            got.iter()
                .any(|c| c.0.starts_with("talks-istanbul") && c.1 == attr && c.2 == value),
            "{attr} {value}: {got:?}"
        );
    }
    assert!(
        !got.iter()
            .any(|c| c.1 == "date" && c.0.starts_with("talks")),
        "{got:?}"
    );
    assert!(
        got.contains(&("signing".into(), "date".into(), "2022-03".into())),
        "{got:?}"
    );
}

#[test]
fn a_round_that_broke_up_on_a_day_ended_that_day_and_one_opened_on_a_day_began_then() {
    let a = analyze_text(
        UKRAINE,
        "2025-05-19",
        "The Istanbul round, which broke up on Friday night, settled nothing. \
         A new round of two days of talks opened in Geneva on Monday.",
    );
    let got = claim_triples(&a);
    assert!(
        got.iter()
            .any(|c| c.0.starts_with("talks-istanbul") && c.1 == "end_date" && c.2 == "2025-05-16"),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|c| c.0.starts_with("talks-geneva") && c.1 == "date"),
        "{got:?}"
    );
}

#[test]
fn buildings_named_in_apposition_are_venues_that_disagree() {
    // One story names the building the envoys sat in; another, filed from elsewhere, the
    // building in the same city where the deal was reached: both are the same talks.
    let a = analyze(
        &[
            testkit::document(
                "a",
                "GENEVA — Russian and Ukrainian envoys held talks in Geneva on Saturday at the Lakeview building, the seat of the regional council.",
                Some("2025-05-18"),
            ),
            testkit::document(
                "b",
                "KYIV — Crowds gathered in Kyiv on Monday. The deal was reached at the Marlowe, the foreign ministry's headquarters, after talks in Geneva.",
                Some("2025-05-20"),
            ),
        ],
        UKRAINE,
    );
    let venues = claim_values(&a, "venue");
    assert!(
        venues
            .iter()
            .any(|(s, v)| s.starts_with("talks-geneva") && v == "lakeview building, geneva"),
        "{venues:?}"
    );
    assert!(
        venues
            .iter()
            .any(|(s, v)| s.starts_with("talks-geneva") && v == "marlowe, geneva"),
        "{venues:?}"
    );
    assert_eq!(
        contradiction_values(&a),
        vec![(
            "venue".into(),
            vec!["lakeview building, geneva".into(), "marlowe, geneva".into()],
            false
        )]
    );
}

#[test]
fn a_visit_next_week_and_a_meeting_again_next_month_are_dated_coarsely() {
    let a = analyze_text(
        UKRAINE,
        "2025-05-19",
        "Turkish Foreign Minister Hakan Fidan is due in Kyiv next week. \
         The two delegations will meet again in Istanbul in June 2025.",
    );
    let dates = claim_values(&a, "date");
    assert!(
        dates
            .iter()
            .any(|(s, v)| s.starts_with("fidan-visit") && v == "2025-W22"),
        "{dates:?}"
    );
    assert!(
        dates
            .iter()
            .any(|(s, v)| s.starts_with("talks-istanbul") && v == "2025-06"),
        "{dates:?}"
    );
}

#[test]
fn turnout_and_villages_divided_are_counted() {
    let a = analyze_text(
        UKRAINE,
        "2025-05-19",
        "Nearly 2,000 farmers took part in the march on Tuesday. The new line cuts through three villages near the river.",
    );
    let got = claim_triples(&a);
    assert!(
        got.contains(&("protest".into(), "participants".into(), "2000".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("border".into(), "villages_divided".into(), "3".into())),
        "{got:?}"
    );
}

#[test]
fn a_call_hostages_held_targets_struck_and_aid_trucks_are_read() {
    let a = analyze_text(
        GAZA,
        "2026-06-10",
        "The envoy spoke by phone with the Egyptian intelligence chief on Tuesday night. \
         Officials say 52 hostages remain held in tunnels, at least 30 of them alive. \
         The air force said it struck 45 targets overnight. \
         The plan lets in 300 humanitarian trucks a day.",
    );
    let got = claim_triples(&a);
    for want in [
        ("call-2026-06-09", "date", "2026-06-09"),
        ("hostages", "held", "52"),
        ("hostages", "alive", "30"),
        ("strikes", "targets", "45"),
        ("aid", "aid_trucks_per_day", "300"),
    ] {
        assert!(
            got.contains(&(want.0.into(), want.1.into(), want.2.into())),
            "{want:?}: {got:?}"
        );
    }
}

#[test]
fn the_day_a_section_was_agreed_and_the_term_of_a_concession_are_read() {
    let a = analyze_text(
        UKRAINE,
        "2025-05-19",
        "The two governments agreed on Friday to fix a 30-kilometre section of the border. \
         A Turkish firm would run the ferry line for 25 years.",
    );
    let got = claim_triples(&a);
    assert!(
        got.contains(&(
            "border-section".into(),
            "date_agreed".into(),
            "2025-05-16".into()
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&("concession".into(), "term".into(), "P25Y".into())),
        "{got:?}"
    );
}
