//! Document context: countries as actors and as places, datelines, the home country of a
//! story, and role nouns without a country (texts of our own).

use actors::ActorDictionary;
use jiff::civil::Date;

fn codes(text: &str) -> Vec<(String, String)> {
    ActorDictionary::builtin()
        .annotate(text, Date::new(2026, 5, 4).ok())
        .into_iter()
        .map(|m| (m.span.slice(text).unwrap_or("?").to_owned(), m.code))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn a_country_that_acts_is_its_government() {
    assert_eq!(
        codes("Norway and Chile urged restraint, and Ottawa agreed."),
        pairs(&[
            ("Norway", "NORGOV"),
            ("Chile", "CHLGOV"),
            ("Ottawa", "CANGOV")
        ])
    );
}

#[test]
fn places_adjectives_and_longer_names_stay_countries() {
    assert_eq!(
        codes("Plants in Hungary and Slovakia make Chilean wine for the Norway Cup."),
        pairs(&[
            ("Hungary", "HUN"),
            ("Slovakia", "SVK"),
            ("Chilean", "CHL"),
            ("Norway", "NOR")
        ])
    );
}

#[test]
fn datelines_are_places_and_make_the_home_country() {
    let text = "LUSAKA — Police dispersed a march on Sunday. The opposition said the Supreme \
                Court would hear its case, and the government declined to comment.";
    assert_eq!(
        codes(text),
        pairs(&[
            ("LUSAKA", "ZMB"),
            ("Police", "ZMBCOP"),
            ("The opposition", "ZMBOPP"),
            ("the Supreme Court", "ZMBJUD"),
            ("the government", "ZMBGOV"),
        ])
    );
}

#[test]
fn a_bare_role_takes_the_country_of_the_same_role_before() {
    // No dateline; Peru and Bolivia are named equally often, so there is no home country:
    // "the army" is Peru's because "Peru's army" came first, and "the envoys" are dropped.
    let text = "Peru's army crossed the river near Bolivia. Later the army withdrew, the \
                envoys said.";
    assert_eq!(
        codes(text),
        pairs(&[
            ("Peru's army", "PERMIL"),
            ("Bolivia", "BOL"),
            ("the army", "PERMIL")
        ])
    );
}

#[test]
fn people_named_by_a_role_take_the_home_country() {
    // The dateline's country is named as often as any other (Zambia twice, Ghana twice).
    let text = "LUSAKA — President Mwila Banda met opposition leader Chanda Phiri on Monday, a \
                week after Zambia's election. The mediator, Grace Mensah, a Ghanaian diplomat, \
                said the president listened.";
    assert_eq!(
        codes(text),
        pairs(&[
            ("LUSAKA", "ZMB"),
            ("Mwila Banda", "ZMBGOV"),
            ("Chanda Phiri", "ZMBOPP"),
            ("Zambia", "ZMBGOV"),
            ("Grace Mensah", "GHAGOV"),
            ("Ghanaian diplomat", "GHAGOV"),
            ("the president", "ZMBGOV"),
        ])
    );
}

#[test]
fn no_home_country_when_another_is_named_more() {
    // Datelined in Doha, but the story is about Sudan's parties: Sudan is named more often,
    // so bare roles find no home and a minister without a country keeps no code.
    let text = "DOHA — Sudan's army and Sudanese rebels met in Qatar. Sudan's government \
                welcomed it, and Minister Hamid Osman said the army would stop.";
    let got = codes(text);
    assert!(
        got.contains(&("Hamid Osman".to_owned(), String::new())),
        "{got:?}"
    );
    assert!(
        got.contains(&("the army".to_owned(), "SDNMIL".to_owned())),
        "{got:?}"
    );
}
