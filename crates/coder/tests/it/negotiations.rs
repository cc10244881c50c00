//! Our own sentences about four negotiations (Iran–US via Oman, Russia–Ukraine, a Gaza
//! ceasefire via Qatar and Egypt, US–China trade), coded with a small hand-written
//! dictionary in the PETRARCH-2 formats.

use coder::{Coder, Dictionaries, Event, SentenceContext, Status};

const VERBS: &str = "\
--- MEET [040:040] ---
MEET {MEETS MET MEETING}
HOLD {HOLDS HELD HOLDING} [---]
- * TALKS [040:040]
- * NEGOTIATIONS [040:040]

--- ATTACK [190] ---
ATTACK
STRIKE {STRIKES STRUCK STRIKING}

--- AGREE [050] ---
AGREE

--- MEDIATE [045] ---
MEDIATE

--- IMPOSE [---] ---
IMPOSE
- * TARIFFS (ON +) [163]
- * SANCTIONS (ON +) [163]

--- URGE [023] ---
URGE

--- REJECT [---] ---
REJECT
- * PROPOSAL [120]

--- SAY [010] ---
SAY {SAYS SAID SAYING}
";

const ACTORS: &str = "\
IRAN [IRN]
+IRANIAN
+TEHRAN
UNITED_STATES [USA]
+WASHINGTON
OMAN [OMN]
+OMANI
+MUSCAT
RUSSIA [RUS]
+RUSSIAN
UKRAINE [UKR]
+UKRAINIAN
+KYIV
ISRAEL [ISR]
HAMAS [PSEREB]
QATAR [QAT]
+QATARI
EGYPT [EGY]
+EGYPTIAN
CHINA [CHN]
+CHINESE
+BEIJING
ABBAS_ARAGHCHI [IRNGOV]
+ARAGHCHI
";

const AGENTS: &str = "\
FOREIGN_MINISTER [~GOV]
OFFICIAL [~GOV]
NEGOTIATOR [~GOV]
";

fn coder() -> Coder {
    let dicts = Dictionaries::parse(VERBS, ACTORS, AGENTS, "+FOOTBALL_")
        .expect("the test dictionary is valid");
    assert!(dicts.problems.is_empty(), "{:?}", dicts.problems);
    Coder::new(dicts)
}

/// `(cameo, source, target, status)` of every event.
#[track_caller]
fn check(sentence: &str, want: &[(&str, &str, &str, Status)]) -> Vec<Event> {
    let events = coder().code(sentence, &SentenceContext::default());
    let got: Vec<(&str, &str, &str, Status)> = events
        .iter()
        .map(|e| {
            (
                e.cameo.as_str(),
                e.source.code.as_str(),
                e.target.as_ref().map_or("-", |t| t.code.as_str()),
                e.status,
            )
        })
        .collect();
    assert_eq!(got, want, "{sentence}");
    events
}

#[test]
fn compound_subject_meets_each_other_with_a_mediator() {
    let s = "Iran and the United States held indirect talks in Muscat on Friday, mediated by Oman.";
    let events = check(
        s,
        &[
            ("040", "IRN", "USA", Status::Occurred),
            ("040", "USA", "IRN", Status::Occurred),
        ],
    );
    let m = events[0].mediator.as_ref().expect("Oman mediates");
    assert_eq!(m.code, "OMN");
    assert_eq!(&s[m.start..m.end], "Oman");
    assert_eq!(events[0].plover, Some("CONSULT"));
    assert_eq!(events[0].goldstein, Some(1.0));
    assert_eq!(&s[events[0].trigger.0..events[0].trigger.1], "held");
}

#[test]
fn adjectives_share_the_agent_and_future_is_planned() {
    check(
        "Russian and Ukrainian negotiators will meet in Istanbul next week.",
        &[
            ("040", "RUSGOV", "UKRGOV", Status::Planned),
            ("040", "UKRGOV", "RUSGOV", Status::Planned),
        ],
    );
}

#[test]
fn agreeing_to_something_is_an_intent_through_mediators() {
    let events = check(
        "Israel and Hamas agreed to a ceasefire through Qatari and Egyptian mediators.",
        &[
            ("030", "ISR", "PSEREB", Status::Occurred),
            ("030", "PSEREB", "ISR", Status::Occurred),
        ],
    );
    assert_eq!(events[0].plover, Some("AGREE"));
    assert_eq!(
        events[0].mediator.as_ref().map(|m| m.code.as_str()),
        Some("QAT")
    );
}

#[test]
fn passive_by_phrase_is_the_source() {
    let events = check(
        "Kyiv was struck by Russian missiles overnight.",
        &[("190", "RUS", "UKR", Status::Occurred)],
    );
    assert_eq!(events[0].plover, Some("ASSAULT"));
}

#[test]
fn passive_without_agent_codes_nothing() {
    check("Kyiv was struck overnight.", &[]);
}

#[test]
fn negation_keeps_the_code_and_marks_the_status() {
    check(
        "Iran did not meet the United States in Geneva.",
        &[
            ("040", "IRN", "USA", Status::Negated),
            ("040", "USA", "IRN", Status::Negated),
        ],
    );
}

#[test]
fn plans_are_planned_and_patterns_bind_the_target() {
    let events = check(
        "Washington plans to impose new tariffs on Chinese goods.",
        &[("163", "USA", "CHN", Status::Planned)],
    );
    assert_eq!(events[0].plover, Some("SANCTION"));
}

#[test]
fn modal_and_conditional_are_hypothetical() {
    check(
        "Tehran could meet Washington again if sanctions are eased.",
        &[
            ("040", "IRN", "USA", Status::Hypothetical),
            ("040", "USA", "IRN", Status::Hypothetical),
        ],
    );
}

#[test]
fn reported_speech_codes_the_reported_event_not_the_statement() {
    check(
        "Araghchi said Israel attacked Iranian facilities.",
        &[("190", "ISR", "IRN", Status::Occurred)],
    );
}

#[test]
fn compound_target_gives_one_dyad_each() {
    check(
        "The United States urged Russia and Ukraine to agree to a ceasefire.",
        &[
            ("023", "USA", "RUS", Status::Occurred),
            ("023", "USA", "UKR", Status::Occurred),
        ],
    );
}

#[test]
fn a_title_and_name_keep_the_titled_code() {
    check(
        "Iran's Foreign Minister Abbas Araghchi met Omani officials in Muscat.",
        &[
            ("040", "IRNGOV", "OMNGOV", Status::Occurred),
            ("040", "OMNGOV", "IRNGOV", Status::Occurred),
        ],
    );
}

#[test]
fn rejecting_a_proposal_without_a_stated_target() {
    check(
        "Beijing rejected the proposal.",
        &[("120", "CHN", "-", Status::Occurred)],
    );
}

#[test]
fn lower_case_words_are_not_country_names_and_discards_discard() {
    check("The chinese restaurant met us.", &[]);
    check("Iran met the United States after the football final.", &[]);
}
