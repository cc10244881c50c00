//! People the dictionary does not know, recognised by their context, in short texts of our
//! own (every name here is invented).

use actors::{ActorDictionary, Mention, group_actors};
use jiff::civil::Date;

fn annotate(text: &str) -> Vec<Mention> {
    ActorDictionary::builtin().annotate(text, Date::new(2026, 5, 4).ok())
}

/// The people found: (surface, entity, code, role).
fn people(text: &str) -> Vec<(String, String, String, String)> {
    annotate(text)
        .into_iter()
        .filter(|m| m.is_person())
        .filter_map(|m| {
            Some((
                m.span.slice(text)?.to_owned(),
                m.entity.clone()?,
                m.code.clone(),
                m.role.clone().unwrap_or_default(),
            ))
        })
        .collect()
}

fn row(surface: &str, entity: &str, code: &str, role: &str) -> (String, String, String, String) {
    (surface.into(), entity.into(), code.into(), role.into())
}

#[test]
fn a_title_before_the_name_gives_role_and_sector() {
    // The second minister's role names no country; Kenya, named first and three times (its
    // minister, Nairobi), is the home country. "Farah" is also a province the dictionary
    // knows; after a first name it is a surname.
    let text = "Kenya's Trade Minister Wanjiru Otieno met Interior Minister Daud Farah in Nairobi.";
    assert_eq!(
        people(text),
        [
            row(
                "Wanjiru Otieno",
                "Wanjiru Otieno",
                "KENGOV",
                "Trade Minister"
            ),
            row("Daud Farah", "Daud Farah", "KENGOV", "Interior Minister"),
        ]
    );
    // Named once, Kenya is no home country: the minister without a country keeps no code.
    let text = "Interior Minister Daud Farah flew to Nairobi.";
    assert_eq!(
        people(text),
        [row("Daud Farah", "Daud Farah", "", "Interior Minister")]
    );
}

#[test]
fn titles_with_particles_hyphens_and_accents() {
    let text = "Minister of State Faisal bin-Rashid al-Qadiri met Deputy Foreign Minister \
                Élodie Mbeki-Duarte and Colonel Jean-Pierre van der Berg.";
    let got: Vec<(String, String)> = people(text)
        .into_iter()
        .map(|(s, _, _, r)| (s, r))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Faisal bin-Rashid al-Qadiri".to_owned(),
                "Minister of State".to_owned()
            ),
            (
                "Élodie Mbeki-Duarte".to_owned(),
                "Deputy Foreign Minister".to_owned()
            ),
            ("Jean-Pierre van der Berg".to_owned(), "Colonel".to_owned()),
        ]
    );
}

#[test]
fn a_body_in_the_role_decides_the_sector() {
    let text = "BAMAKO — Army spokesman Major Issa Keita said the road was open. The rebels' \
                spokesman, Seydou Konaté-Bah, denied it. Opposition leader Fanta Diallo called for \
                calm, and Chief Justice Oumar Sanogo opened the hearing.";
    let got: Vec<(String, String)> = people(text)
        .into_iter()
        .map(|(s, _, c, _)| (s, c))
        .collect();
    assert_eq!(
        got,
        [
            ("Issa Keita".to_owned(), "MLIMIL".to_owned()),
            ("Seydou Konaté-Bah".to_owned(), "MLIREB".to_owned()),
            ("Fanta Diallo".to_owned(), "MLIOPP".to_owned()),
            ("Oumar Sanogo".to_owned(), "MLIJUD".to_owned()),
        ]
    );
}

#[test]
fn the_country_comes_from_the_role_or_the_apposition() {
    let text = "The talks were hosted by Ngozi Adeyemi, Nigeria's foreign minister, and by a \
                French minister, Hélène Marchal. \"We are close,\" said Piotr Zielinski, an \
                economist at a Warsaw institute.";
    let got: Vec<(String, String)> = people(text)
        .into_iter()
        .map(|(s, _, c, _)| (s, c))
        .collect();
    assert_eq!(
        got,
        [
            ("Ngozi Adeyemi".to_owned(), "NGAGOV".to_owned()),
            ("Hélène Marchal".to_owned(), "FRAGOV".to_owned()),
            ("Piotr Zielinski".to_owned(), "POLEDU".to_owned()),
        ]
    );
}

#[test]
fn its_and_whose_point_to_the_body_before() {
    let text = "The talks took place at the World Trade Organization, whose deputy \
                director-general, Rosa Lindholm, opened them. ECOWAS met too; its envoy, \
                Kofi Adjei, arrived late.";
    let got: Vec<(String, String)> = people(text)
        .into_iter()
        .map(|(s, _, c, _)| (s, c))
        .collect();
    assert_eq!(
        got,
        [
            ("Rosa Lindholm".to_owned(), "IGOWTO".to_owned()),
            ("Kofi Adjei".to_owned(), "IGOWAF".to_owned()),
        ]
    );
}

#[test]
fn a_commissioner_belongs_to_the_body_with_a_commission() {
    let text = "The European Union sent Energy Commissioner Birgit Aalto to the talks.";
    assert_eq!(
        people(text),
        [row(
            "Birgit Aalto",
            "Birgit Aalto",
            "IGOEUR",
            "Energy Commissioner"
        )]
    );
}

#[test]
fn former_offices_and_unknown_bodies() {
    let text = "The mission is led by Yaw Boateng, a former Ghanaian defence minister. A \
                spokeswoman for the National Renewal Front, Awa Ceesay, said nothing.";
    let got: Vec<(String, String)> = people(text)
        .into_iter()
        .map(|(s, _, c, _)| (s, c))
        .collect();
    assert_eq!(
        got,
        [
            ("Yaw Boateng".to_owned(), "GHAELI".to_owned()),
            ("Awa Ceesay".to_owned(), String::new()),
        ]
    );
}

#[test]
fn reporting_verbs_mark_people_and_need_two_words() {
    let text = "Talks stalled on Monday, Halima Osei told reporters. \"Not yet,\" said Tomas \
                Brandt. Brandt later left. Freedom said nothing.";
    let got: Vec<(String, String)> = people(text)
        .into_iter()
        .map(|(s, e, _, _)| (s, e))
        .collect();
    assert_eq!(
        got,
        [
            ("Halima Osei".to_owned(), "Halima Osei".to_owned()),
            ("Tomas Brandt".to_owned(), "Tomas Brandt".to_owned()),
            ("Brandt".to_owned(), "Tomas Brandt".to_owned()),
        ]
    );
}

#[test]
fn later_mentions_take_the_persons_entity() {
    let text = "Mediator Kwame Asante-Boateng arrived on Monday. Asante-Boateng said little, \
                and Asante Boateng's aides said less. Vice Minister Lin Hao spoke later; \
                Minister Lin thanked him.";
    let got: Vec<(String, String)> = people(text)
        .into_iter()
        .map(|(s, e, _, _)| (s, e))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Kwame Asante-Boateng".to_owned(),
                "Kwame Asante-Boateng".to_owned()
            ),
            (
                "Asante-Boateng".to_owned(),
                "Kwame Asante-Boateng".to_owned()
            ),
            (
                "Asante Boateng".to_owned(),
                "Kwame Asante-Boateng".to_owned()
            ),
            ("Lin Hao".to_owned(), "Lin Hao".to_owned()),
            ("Lin".to_owned(), "Lin Hao".to_owned()),
        ]
    );
}

#[test]
fn places_events_and_bylines_are_no_people() {
    let text = "Saida Mwangi\nThe Supreme Court sat at State House on Kairaba Avenue. The \
                Peace and Security Council met. Tuesday Morning said nothing.";
    assert!(people(text).is_empty(), "{:?}", people(text));
}

#[test]
fn people_without_a_country_keep_their_entity() {
    let text = "Chief negotiator Tarek Haddad, who leads the talks, said the gap was narrow.";
    let mentions = annotate(text);
    let actors = group_actors(text, &mentions);
    let person = actors
        .iter()
        .find(|a| a.entity.as_deref() == Some("Tarek Haddad"))
        .expect("the negotiator is an actor");
    assert_eq!(person.code, "");
    assert_eq!(person.country, None);
    assert_eq!(person.role.as_deref(), Some("Chief negotiator"));
}

#[test]
fn a_surname_after_an_unknown_first_name_is_someone_else() {
    // The dictionary's Gideon Saar is not "Dana Saar", nor the first part of "Saar-Levi".
    let dict = ActorDictionary::builtin();
    let date = Date::new(2026, 2, 1).ok();
    let codes = |text: &str| -> Vec<String> {
        dict.annotate(text, date)
            .into_iter()
            .map(|m| m.code)
            .collect()
    };
    assert!(
        codes("Dana Saar wrote the report.")
            .iter()
            .all(|c| c != "ISRGOV")
    );
    assert!(
        codes("Maya Saar-Levi wrote it.")
            .iter()
            .all(|c| c != "ISRGOV")
    );
    assert!(
        codes("Foreign Minister Saar spoke.")
            .iter()
            .any(|c| c == "ISRGOV")
    );
    // Opening a sentence after another one's last word, it is the dictionary's person.
    assert!(
        codes("The talks ended on Monday. Saar said little.")
            .iter()
            .any(|c| c == "ISRGOV")
    );
    // Nor the first name of someone else: "Saar Cohen".
    assert!(
        codes("Saar Cohen wrote the report.")
            .iter()
            .all(|c| c != "ISRGOV")
    );
}

#[test]
fn the_country_after_the_name_and_a_pair_sharing_one_title() {
    let text = "Foreign Ministers Tomas Varga of Hungary and Ilse Brandt of Austria met in Vienna.";
    assert_eq!(
        people(text),
        [
            row("Tomas Varga", "Tomas Varga", "HUNGOV", "Foreign Ministers"),
            row("Ilse Brandt", "Ilse Brandt", "AUTGOV", "Foreign Ministers"),
        ]
    );
    let text = "Deputy Foreign Minister Aurelio Pinto of Peru signed the note.";
    assert_eq!(
        people(text),
        [row(
            "Aurelio Pinto",
            "Aurelio Pinto",
            "PERGOV",
            "Deputy Foreign Minister"
        )]
    );
}

#[test]
fn a_deputy_minister_is_government_not_police() {
    let codes: Vec<String> = annotate("Chile's deputy foreign minister, Rosa Ibarra, objected.")
        .into_iter()
        .map(|m| m.code)
        .collect();
    assert!(codes.iter().all(|c| !c.ends_with("COP")), "{codes:?}");
    assert!(codes.iter().any(|c| c == "CHLGOV"), "{codes:?}");
}
