//! Short articles of our own with the expected mentions marked inline as
//! `[[surface|CODE]]`; everything the matcher finds must be marked, and nothing else.

use actors::{ActorDictionary, MentionKind, group_actors};
use jiff::civil::Date;

/// Splits `[[surface|CODE]]` marks out of `marked`: the plain text and, per mark, its byte
/// range in the plain text and its code.
fn split_marks(marked: &str) -> (String, Vec<(usize, usize, String)>) {
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("]]").expect("every [[ has its ]] in a fixture");
        let (surface, code) = after[..close]
            .split_once('|')
            .expect("a mark is [[surface|CODE]]");
        let start = text.len();
        text.push_str(surface);
        marks.push((start, text.len(), code.to_owned()));
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    (text, marks)
}

#[track_caller]
fn check(date: &str, marked: &str) {
    let (text, want) = split_marks(marked);
    let date: Date = date.parse().expect("valid date in test");
    let got: Vec<(usize, usize, String)> = ActorDictionary::builtin()
        .annotate(&text, Some(date))
        .into_iter()
        .map(|m| (m.span.start() as usize, m.span.end() as usize, m.code))
        .collect();
    let show = |v: &[(usize, usize, String)]| -> Vec<String> {
        v.iter()
            .map(|(s, e, c)| format!("[[{}|{c}]]", &text[*s..*e]))
            .collect()
    };
    assert_eq!(show(&got), show(&want));
    assert_eq!(got, want);
}

#[test]
fn russia_ukraine_talks_in_istanbul() {
    check(
        "2025-05-16",
        "[[Russian|RUS]] and [[Ukrainian delegations|UKRGOV]] met in [[Istanbul|TUR]] on Friday \
         for their first direct talks in three years. [[Turkey|TUR]]’s foreign minister \
         [[Hakan Fidan|TURGOV]] opened the session and urged both sides to agree on a prisoner \
         exchange. The [[Russian|RUS]] side was led by presidential aide \
         [[Vladimir Medinsky|RUSGOV]], while [[Rustem Umerov|UKRGOV]] headed the team sent by \
         [[Kyiv|UKRGOV]]. [[Medinsky|RUSGOV]] said [[Moscow|RUSGOV]] was ready to continue, but \
         [[Umerov|UKRGOV]] told reporters that [[Russia|RUSGOV]]’s demands were unacceptable. \
         The [[Kremlin|RUSGOV]] later called the meeting useful.",
    );
}

#[test]
fn gaza_ceasefire_brokered_by_qatar_and_egypt() {
    check(
        "2025-10-09",
        "[[Qatari|QAT]] and [[Egyptian mediators|EGYGOV]] said on Thursday that [[Israel|ISRGOV]] \
         and [[Hamas|PSEREB]] had agreed to a ceasefire in [[Gaza|PSEGZA]]. \
         [[Qatar’s prime minister|QATGOV]], [[Mohammed bin Abdulrahman Al Thani|QATGOV]], \
         announced the deal in [[Doha|QAT]]. [[Khalil al-Hayya|PSEREB]], who leads the \
         [[Hamas|PSEREB]] team, thanked [[Egypt|EGYGOV]] and [[Hassan Rashad|EGYGOV]]. \
         [[Netanyahu|ISRGOV]]’s office said the first hostages would be freed within days.",
    );
}

#[test]
fn us_china_trade_talks() {
    check(
        "2025-05-12",
        "[[U.S.|USAGOV]] and [[Chinese negotiators|CHNGOV]] ended two days of trade talks in \
         [[Geneva|CHE]] on Monday. Treasury Secretary [[Scott Bessent|USAGOV]] called them \
         productive, and [[He Lifeng|CHNGOV]], [[China’s vice premier|CHNGOV]], said the sides \
         would meet again. [[Beijing|CHNGOV]] will cut its tariffs for 90 days, \
         [[Bessent|USAGOV]] said. A spokesman told us the text would follow.",
    );
}

#[test]
fn titles_resolve_to_the_person_named_before() {
    check(
        "2026-02-06",
        "[[Abbas Araqchi|IRNGOV]] arrived in [[Muscat|OMN]] on Friday. Later \
         [[the foreign minister|IRNGOV]] met [[Steve Witkoff|USAGOV]]; \
         [[the envoy|USAGOV]] left after three hours. [[Iran’s top diplomat|IRNGOV]] called it \
         a good start.",
    );
    let text = "Abbas Araqchi met Witkoff. Later the foreign minister spoke.";
    let mentions = ActorDictionary::builtin().annotate(text, Date::new(2026, 2, 6).ok());
    let title = mentions
        .iter()
        .find(|m| m.kind == MentionKind::Title)
        .expect("title found");
    assert_eq!(title.entity.as_deref(), Some("Abbas Araghchi"));
    assert_eq!(title.role.as_deref(), Some("Foreign Minister"));
}

#[test]
fn titles_without_a_name_go_to_the_office_holder() {
    check(
        "2026-02-10",
        "[[Oman’s foreign minister|OMNGOV]] flew to [[Tehran|IRN]], where \
         the [[Iranian president|IRNGOV]] received him. [[JD Vance|USAGOV]] spoke later; \
         the president did not.",
    );
    let dict = ActorDictionary::builtin();
    let text = "Oman’s foreign minister flew in. JD Vance spoke; the president did not.";
    let entities: Vec<Option<String>> = dict
        .annotate(text, Date::new(2026, 2, 10).ok())
        .into_iter()
        .map(|m| m.entity)
        .collect();
    // "the president" has no country and no president was named: it stays unresolved and
    // is dropped rather than given to the vice president.
    assert_eq!(
        entities,
        [
            Some("Badr al-Busaidi".to_owned()),
            Some("JD Vance".to_owned())
        ]
    );
}

#[test]
fn spelling_variants_case_and_possessives() {
    check(
        "2026-02-06",
        "[[Araghchi|IRNGOV]]’s deputy and [[Araqchi|IRNGOV]]'s aide met \
         [[Al Busaidi|OMNGOV]] and [[Ayatollah Khamene'i|IRNGOV]]'s envoy. Let us hope \
         the [[US|USAGOV]] and the [[EU|IGOEUR]] agree; turkey and chad are food and a name here.",
    );
}

#[test]
fn dates_pick_the_office_held_then() {
    let dict = ActorDictionary::builtin();
    let code_on = |text: &str, date: &str| -> Vec<(String, Option<String>)> {
        dict.annotate(text, Some(date.parse().expect("valid date")))
            .into_iter()
            .map(|m| (m.code, m.role))
            .collect()
    };
    assert_eq!(
        code_on("Joe Biden spoke.", "2024-03-01"),
        [("USAGOV".to_owned(), Some("President".to_owned()))]
    );
    assert_eq!(
        code_on("Joe Biden spoke.", "2026-03-01"),
        [("USAELI".to_owned(), Some("Former President".to_owned()))]
    );
    assert_eq!(
        code_on("Mike Waltz spoke.", "2025-10-01"),
        [(
            "USAGOV".to_owned(),
            Some("Ambassador to the United Nations".to_owned())
        )]
    );
    // Before his appointment, Larijani is not the council's secretary in our table.
    assert_eq!(code_on("Ali Larijani spoke.", "2025-01-01"), []);
}

#[test]
fn user_entries_extend_and_override() {
    let user = r#"
[[entry]]
kind = "person"
code = "NORGOV"
names = ["Kari Nordmann"]
role = "Special Envoy"
valid_from = "2026-01-01"

[[entry]]
kind = "capital"
code = "NORGOV"
names = ["Oslo"]
"#;
    let dict = ActorDictionary::builtin()
        .with_user_entries(user)
        .expect("valid user file");
    let text = "Kari Nordmann flew to Muscat. Nordmann said Oslo would host the next round.";
    let got: Vec<(String, String)> = dict
        .annotate(text, Date::new(2026, 2, 1).ok())
        .into_iter()
        .map(|m| (m.span.slice(text).unwrap_or("").to_owned(), m.code))
        .collect();
    let want = [
        ("Kari Nordmann", "NORGOV"),
        ("Muscat", "OMN"),
        ("Nordmann", "NORGOV"),
        ("Oslo", "NORGOV"),
    ];
    assert_eq!(got, want.map(|(s, c)| (s.to_owned(), c.to_owned())));
}

#[test]
fn user_entries_win_over_built_in_ones() {
    // A user who codes the Omani foreign minister as a mediator body of their own.
    let user = r#"
[[entry]]
kind = "person"
code = "OMNGOVMED"
names = ["Badr al-Busaidi"]
role = "Mediator"
"#;
    let dict = ActorDictionary::builtin()
        .with_user_entries(user)
        .expect("valid user file");
    let got: Vec<(String, Option<String>)> = dict
        .annotate("Busaidi met Badr Al Busaidi.", Date::new(2026, 2, 6).ok())
        .into_iter()
        .map(|m| (m.code, m.role))
        .collect();
    assert_eq!(
        got,
        [
            ("OMNGOVMED".to_owned(), Some("Mediator".to_owned())),
            ("OMNGOVMED".to_owned(), Some("Mediator".to_owned()))
        ]
    );
}

#[test]
fn actors_group_mentions_by_entity_and_code() {
    let text = "Iran’s Foreign Minister Abbas Araghchi met Oman’s Badr al-Busaidi. \
                Araqchi thanked Tehran’s hosts. Iranian officials were pleased.";
    let dict = ActorDictionary::builtin();
    let mentions = dict.annotate(text, Date::new(2026, 2, 6).ok());
    let actors = group_actors(text, &mentions);
    let summary: Vec<(String, String, Option<String>, Vec<String>)> = actors
        .into_iter()
        .map(|a| (a.id, a.code, a.entity, a.aliases))
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        summary,
        vec![
            ("a1".to_owned(), "IRN".to_owned(), None, s(&["Iran"])),
            (
                "a2".to_owned(),
                "IRNGOV".to_owned(),
                Some("Abbas Araghchi".to_owned()),
                s(&["Abbas Araghchi", "Araqchi"])
            ),
            ("a3".to_owned(), "OMN".to_owned(), None, s(&["Oman"])),
            (
                "a4".to_owned(),
                "OMNGOV".to_owned(),
                Some("Badr al-Busaidi".to_owned()),
                s(&["Badr al-Busaidi"])
            ),
            (
                "a5".to_owned(),
                "IRNGOV".to_owned(),
                None,
                s(&["Tehran", "Iranian officials"])
            ),
        ]
    );
}

#[test]
fn places_groups_and_discards() {
    check(
        "2026-02-06",
        "Tankers crossed the Gulf of Oman while [[Gulf states|GCC]] urged calm. \
         [[Tehran|IRNGOV]] blamed [[Washington|USAGOV]]; talks in [[Muscat|OMN]] went on. \
         A senior [[Gulf diplomat|GCCGOV]] said the [[Iranian parliament|IRNLEG]] and \
         [[Israeli military|ISRMIL]] were watching. [[Georgetown University|USAEDU]] hosted a panel.",
    );
}

#[test]
fn actor_records_serialize_as_in_spec() {
    let text = "Araghchi met Witkoff. Araghchi left.";
    let mentions = ActorDictionary::builtin().annotate(text, Date::new(2026, 2, 6).ok());
    let actors = group_actors(text, &mentions);
    let json = serde_json::to_string(&actors[0]).expect("serializable");
    assert_eq!(
        json,
        r#"{"id":"a1","code":"IRNGOV","country":"IRN","sector":"GOV","entity":"Abbas Araghchi","role":"Foreign Minister","aliases":["Araghchi"],"mentions":[{"start":0,"end":8},{"start":22,"end":30}]}"#
    );
    assert!(actors::dictionary_version().starts_with("dict-"));
    assert_eq!(actors::dictionary_version().len(), "dict-".len() + 8);
}
