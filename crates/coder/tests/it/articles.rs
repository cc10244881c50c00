//! Short invented articles (our own words) about other negotiations, coded end to end on the
//! mention path: actors from the `actors` crate, then [`coder::Coder::code_document`].

use coder::{ActorMention, Coder, Status};

/// (sentence, PLOVER type, source code, target code or "", status, mediator code).
type Row = (usize, String, String, String, Status, Option<String>);

fn code(text: &str) -> Vec<Row> {
    let date = jiff::civil::Date::new(2026, 3, 2).ok();
    let mentions = actors::ActorDictionary::builtin().annotate(text, date);
    let coded: Vec<ActorMention<'_>> = mentions
        .iter()
        .filter(|m| !m.code.is_empty())
        .map(|m| ActorMention {
            start: m.span.start() as usize,
            end: m.span.end() as usize,
            code: &m.code,
        })
        .collect();
    // One sentence per line ending in a full stop, for these fixtures.
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' {
            sentences.push((start, i + 1));
            start = i + 2;
        }
    }
    Coder::builtin()
        .code_document(text, &sentences, &coded)
        .into_iter()
        .filter_map(|d| {
            let e = d.event;
            Some((
                d.sentence,
                e.plover?.to_owned(),
                e.source.code.clone(),
                e.target
                    .as_ref()
                    .map_or_else(String::new, |t| t.code.clone()),
                e.status,
                e.mediator.as_ref().map(|m| m.code.clone()),
            ))
        })
        .collect()
}

/// The events of sentence `k` with this type whose source and target codes start with the
/// given prefixes (a target prefix of "" also matches no target).
fn find<'r>(rows: &'r [Row], k: usize, plover: &str, source: &str, target: &str) -> Vec<&'r Row> {
    rows.iter()
        .filter(|r| r.0 == k && r.1 == plover && r.2.starts_with(source) && r.3.starts_with(target))
        .collect()
}

fn one<'r>(rows: &'r [Row], k: usize, plover: &str, source: &str, target: &str) -> &'r Row {
    let found = find(rows, k, plover, source, target);
    assert_eq!(
        found.len(),
        1,
        "sentence {k}: one {plover} {source}->{target} expected in {rows:#?}"
    );
    found[0]
}

#[test]
fn trade_talks() {
    let text = "Washington and Beijing will hold a new round of trade talks in Geneva next week. \
Chinese negotiators rejected the latest American proposal on Tuesday. \
The United States imposed new tariffs on Chinese steel. \
China urged Washington to lift the tariffs. \
Both sides agreed to meet again in March.";
    let rows = code(text);
    // One meeting between the two, planned ("will hold").
    let talks: Vec<&Row> = rows.iter().filter(|r| r.0 == 0).collect();
    assert_eq!(talks.len(), 1, "{rows:#?}");
    assert_eq!(talks[0].1, "CONSULT");
    assert_eq!(talks[0].4, Status::Planned);
    let pair = [talks[0].2.get(..3), talks[0].3.get(..3)];
    assert!(pair == [Some("USA"), Some("CHN")] || pair == [Some("CHN"), Some("USA")]);
    assert_eq!(one(&rows, 1, "REJECT", "CHN", "USA").4, Status::Occurred);
    one(&rows, 2, "SANCTION", "USA", "CHN");
    one(&rows, 3, "REQUEST", "CHN", "USA");
    // "Both sides" are the two parties of the article.
    one(&rows, 4, "AGREE", "USA", "CHN");
    one(&rows, 4, "AGREE", "CHN", "USA");
}

#[test]
fn ceasefire_talks_through_a_mediator() {
    let text = "Russian and Ukrainian delegations met in Istanbul on Monday through Turkish mediation. \
Kyiv accused Moscow of shelling civilian areas overnight. \
The Kremlin denied the accusation. \
Ukraine warned of serious consequences if the shelling continues. \
Russia could withdraw its troops from the front line if talks succeed.";
    let rows = code(text);
    // A meeting through a mediator is one event with the mediator.
    let met: Vec<&Row> = rows.iter().filter(|r| r.0 == 0).collect();
    assert_eq!(met.len(), 1, "{rows:#?}");
    assert_eq!(met[0].1, "CONSULT");
    assert_eq!(met[0].5.as_deref().and_then(|m| m.get(..3)), Some("TUR"));
    one(&rows, 1, "ACCUSE", "UKR", "RUS");
    // A denial is a statement, not an event.
    assert!(rows.iter().all(|r| r.0 != 2), "{rows:#?}");
    // Threats include "consequences"; the target is the other party.
    one(&rows, 3, "THREATEN", "UKR", "RUS");
    assert_eq!(
        one(&rows, 4, "RETREAT", "RUS", "UKR").4,
        Status::Hypothetical
    );
}

#[test]
fn election_dispute() {
    let text = "Kenya's opposition leader refused to accept the election results on Friday. \
Kenyan police fired tear gas at opposition supporters in Nairobi. \
Tanzania urged the Kenyan government to open talks with the opposition. \
Kenyan opposition supporters protested against the electoral commission. \
Kenya's president will meet the opposition leader in Nairobi tomorrow.";
    let rows = code(text);
    let refused: Vec<&Row> = rows.iter().filter(|r| r.0 == 0).collect();
    assert!(
        refused
            .iter()
            .all(|r| r.2 == "KENOPP" && r.4 == Status::Negated)
            && !refused.is_empty(),
        "{rows:#?}"
    );
    // The capital of the police's own country is where, not whom.
    one(&rows, 1, "ASSAULT", "KENCOP", "");
    one(&rows, 2, "REQUEST", "TZA", "KENGOV");
    one(&rows, 3, "PROTEST", "KENOPP", "");
    assert_eq!(one(&rows, 4, "CONSULT", "KENGOV", "").4, Status::Planned);
}
