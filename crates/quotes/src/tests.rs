//! Data-driven tests over our own short articles. In a fixture, `[[…]]` marks a quote's content
//! and `{{…}}` a speaker mention; each expectation names the kind and the index of the speaker
//! mark (or `None`).

use model::Span;

use crate::{QuoteKind, SpeakerHint, extract_quotes, split_sentences};

use QuoteKind::{Direct, Indirect};

/// Removes `[[ ]]` and `{{ }}` marks (which may nest) and returns the plain text, the content
/// spans in order of their start and the speaker spans in order.
fn split_marks(marked: &str) -> (String, Vec<Span>, Vec<Span>) {
    let mut text = String::new();
    let (mut contents, mut speakers) = (Vec::new(), Vec::new());
    let (mut open_c, mut open_s) = (Vec::new(), Vec::new());
    let mut rest = marked;
    while let Some(c) = rest.chars().next() {
        let span =
            |start: usize, end: usize| Span::new(start as u32, end as u32).expect("ordered marks");
        if let Some(r) = rest.strip_prefix("[[") {
            open_c.push(text.len());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("]]") {
            contents.push(span(open_c.pop().expect("]] closes a [["), text.len()));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{{") {
            open_s.push(text.len());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("}}") {
            speakers.push(span(open_s.pop().expect("}} closes a {{"), text.len()));
            rest = r;
        } else {
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    contents.sort_by_key(|s| (s.start(), s.end()));
    (text, contents, speakers)
}

#[track_caller]
fn check(marked: &str, want: &[(QuoteKind, Option<usize>)]) {
    let (text, contents, speakers) = split_marks(marked);
    let got = extract_quotes(&text, &split_sentences(&text), &[]);
    let show = |s: Span| s.slice(&text).unwrap_or("?").to_string();
    let got_view: Vec<(String, QuoteKind, Option<String>)> = got
        .iter()
        .map(|q| (show(q.span), q.kind, q.speaker.map(show)))
        .collect();
    let want_view: Vec<(String, QuoteKind, Option<String>)> = contents
        .iter()
        .zip(want)
        .map(|(c, (k, s))| (show(*c), *k, s.map(|i| show(speakers[i]))))
        .collect();
    assert_eq!(
        contents.len(),
        want.len(),
        "fixture and expectations disagree"
    );
    assert_eq!(got_view, want_view);
    for (q, (_, s)) in got.iter().zip(want) {
        assert_eq!(q.speaker, s.map(|i| speakers[i]), "speaker span");
    }
}

#[test]
fn direct_then_speaker_and_verb() {
    check(
        "\u{201c}[[We came to listen, not to negotiate]],\u{201d} {{Araghchi}} told reporters in Muscat.",
        &[(Direct, Some(0))],
    );
}

#[test]
fn direct_then_inverted_speaker() {
    check(
        "\u{201c}[[The door remains open]],\u{201d} said {{the Omani mediator}}.",
        &[(Direct, Some(0))],
    );
}

#[test]
fn speaker_and_colon_before_quote() {
    check(
        "{{The envoy}} told reporters: \u{201c}[[We expect a written reply by Friday.]]\u{201d}",
        &[(Direct, Some(0))],
    );
}

#[test]
fn split_quote_with_speaker_in_the_middle() {
    check(
        "\"[[Nobody wants a wider war]],\" {{he}} said. \"[[But nobody will back down first.]]\"",
        &[(Direct, Some(0)), (Direct, Some(0))],
    );
}

#[test]
fn quote_continues_over_paragraphs() {
    check(
        "{{Witkoff}} said: \u{201c}[[The first phase is about prisoners.\n\n\u{201c}The second phase is about the border.]]\u{201d}",
        &[(Direct, Some(0))],
    );
}

#[test]
fn unattributed_scare_quote_is_skipped_but_attributed_partial_quote_counts() {
    check(
        "The so-called \u{201c}snapback\u{201d} clause still looms over the talks.",
        &[],
    );
    check(
        "{{Araghchi}} called [[the first round a \u{201c}[[good start]],\u{201d} and left for Tehran]].",
        &[(Indirect, Some(0)), (Direct, Some(0))],
    );
}

#[test]
fn according_to_before_and_after() {
    check(
        "[[The ceasefire will hold through the weekend]], according to {{Qatari mediators}}.",
        &[(Indirect, Some(0))],
    );
    check(
        "According to {{Egyptian officials}}, [[Hamas has accepted the revised draft]].",
        &[(Indirect, Some(0))],
    );
}

#[test]
fn said_that_and_told_someone_that() {
    check(
        "{{Zelensky}} said [[that Ukraine would not cede any territory]].",
        &[(Indirect, Some(0))],
    );
    check(
        "{{Lavrov}} told reporters on Tuesday [[that Moscow saw no basis for a truce]].",
        &[(Indirect, Some(0))],
    );
}

#[test]
fn possessive_office_and_present_tense() {
    check(
        "{{Netanyahu\u{2019}s office}} said [[the delegation would return to Cairo]].",
        &[(Indirect, Some(0))],
    );
    check(
        "{{The opposition}} says [[the count in three districts was rigged]].",
        &[(Indirect, Some(0))],
    );
}

/// A relative or participial apposition describes the speaker; the phrase before it names
/// them (a noun apposition such as `Oman's foreign minister, Badr al-Busaidi,` is kept).
#[test]
fn apposition_with_who_clause() {
    check(
        "{{The official}}, who spoke on condition of anonymity, said [[the tariff pause would be extended]].",
        &[(Indirect, Some(0))],
    );
}

#[test]
fn clause_before_speaker() {
    check(
        "[[The recount will start on Monday]], {{the electoral commission}} said.",
        &[(Indirect, Some(0))],
    );
}

#[test]
fn reporting_verbs_beyond_say() {
    check(
        "{{Beijing}} warned [[that new tariffs would be met with countermeasures]].",
        &[(Indirect, Some(0))],
    );
    check(
        "{{Candidate Maria Okafor}} insisted [[she had won the runoff outright]].",
        &[(Indirect, Some(0))],
    );
    check(
        "{{The commerce ministry}} denied [[it had halted soybean purchases]].",
        &[(Indirect, Some(0))],
    );
}

#[test]
fn narration_without_cue_has_no_quote() {
    check(
        "Negotiators met for three hours in Muscat and left without a statement.",
        &[],
    );
}

#[test]
fn pronoun_resolves_to_the_last_named_speaker() {
    let text = "Wang Yi said the talks were useful. He added that China wanted a fair deal.";
    let got = extract_quotes(text, &split_sentences(text), &[]);
    let names: Vec<Option<&str>> = got.iter().map(|q| q.speaker_name(text, &[])).collect();
    assert_eq!(names, [Some("Wang Yi"), Some("Wang Yi")]);
    assert_eq!(got[1].speaker.and_then(|s| s.slice(text)), Some("He"));
}

#[test]
fn hints_give_codes_and_entities() {
    let text = "Araqchi said the first round was serious. He said Iran would not discuss missiles.";
    let start = 0;
    let hint = SpeakerHint {
        span: Span::new(start, 7).expect("valid span"),
        code: Some("IRNGOV"),
        entity: Some("Abbas Araghchi"),
    };
    let got = extract_quotes(text, &split_sentences(text), &[hint]);
    let records: Vec<(Option<&str>, Option<&str>)> = got
        .iter()
        .map(|q| {
            (
                q.record(text, &[hint]).speaker_code,
                q.speaker_name(text, &[hint]),
            )
        })
        .collect();
    assert_eq!(
        records,
        [
            (Some("IRNGOV"), Some("Abbas Araghchi")),
            (Some("IRNGOV"), Some("Abbas Araghchi"))
        ]
    );
}

#[test]
fn he_refers_back_to_a_person_not_to_an_agency_named_in_between() {
    let text = "Minister Lena Park said Seoul would give the International Atomic Energy Agency more access. \"Our missiles are not for sale,\" he said.";
    let span = |a: &str| {
        let s = text.find(a).expect("in text") as u32;
        Span::new(s, s + a.len() as u32).expect("valid span")
    };
    let hints = [
        SpeakerHint {
            span: span("Lena Park"),
            code: Some("KORGOV"),
            entity: Some("Lena Park"),
        },
        SpeakerHint {
            span: span("International Atomic Energy Agency"),
            code: Some("IGOUNOIAE"),
            entity: Some("International Atomic Energy Agency"),
        },
    ];
    let got = extract_quotes(text, &split_sentences(text), &hints);
    let direct = got
        .iter()
        .find(|q| q.kind == QuoteKind::Direct)
        .expect("the direct quote");
    assert_eq!(direct.record(text, &hints).speaker_code, Some("KORGOV"));
}

#[test]
fn records_follow_the_spec_fields() {
    let text = "\u{201c}Enough,\u{201d} she said.";
    let got = extract_quotes(text, &split_sentences(text), &[]);
    let json = serde_json::to_string(&got[0].record(text, &[])).expect("serialisable");
    assert_eq!(
        json,
        r#"{"start":3,"end":9,"text":"Enough","speaker":null,"speaker_text":"she","speaker_start":14,"speaker_end":17,"speaker_code":null,"cue":"said","kind":"direct"}"#
    );
}

#[test]
fn nested_report_belongs_to_the_outer_speaker() {
    check(
        "{{A diplomat briefed on the talks}} said [[Hamas insisted on a \u{201c}[[full withdrawal]]\u{201d} from the corridor]].",
        &[(Indirect, Some(0)), (Direct, Some(0))],
    );
}

#[test]
fn headline_colon_and_unlisted_verb_after_quote() {
    check(
        "{{Kyiv}}: [[No talks while shelling continues]]\n\nThe rest follows.",
        &[(Indirect, Some(0))],
    );
    check(
        "\u{201c}[[We will not sign this]],\u{201d} {{Sanchez}} scoffed.",
        &[(Direct, Some(0))],
    );
}

#[test]
fn participle_takes_the_clause_subject() {
    check(
        "{{The trade representative}} left Geneva on Friday, saying [[the tariff truce would hold]].",
        &[(Indirect, Some(0))],
    );
}

#[test]
fn coordinated_speakers_close_the_clause() {
    check(
        "[[Water had reached the second floor of the clinic]], {{local officials and relief workers}} said.",
        &[(Indirect, Some(0))],
    );
}

#[test]
fn speaker_phrases_keep_their_post_modifiers() {
    check(
        "[[The count will be repeated in four districts]], according to {{a memo by the election monitors}}, which was seen by this newspaper.",
        &[(Indirect, Some(0))],
    );
    check(
        "\u{201c}[[Nobody will sign before the summer]],\u{201d} said {{a negotiator from a Nordic delegation}} who asked not to be named.",
        &[(Direct, Some(0))],
    );
    check(
        "[[The ferry had left an hour early]], according to {{three passengers who missed it}}.",
        &[(Indirect, Some(0))],
    );
    check(
        "{{A senior diplomat in Nairobi}} put it plainly: \u{201c}[[We are running out of patience.]]\u{201d}",
        &[(Direct, Some(0))],
    );
}

#[test]
fn a_verb_after_the_noun_ends_the_speaker() {
    check(
        "{{The tribunal}} declined to act, saying [[it would rule \u{201c}[[on the evidence.]]\u{201d}]]",
        &[(Indirect, Some(0)), (Direct, Some(0))],
    );
}

#[test]
fn a_quote_ending_its_sentence_does_not_take_the_next_sentences_frame() {
    check(
        "In Lisbon, {{the cabinet}} said in a statement that it would \u{201c}[[judge the union by its votes, not its speeches.]]\u{201d} {{The statement}} also called on [[the unions to return to work before Friday]].",
        &[(Direct, Some(0)), (Indirect, Some(1))],
    );
}

#[test]
fn long_opening_phrases_before_the_subject() {
    check(
        "In a brief message broadcast on national radio, {{the prime minister}} thanked farmers for \u{201c}[[keeping faith]]\u{201d} and said [[the harvest would be bought at fixed prices]].",
        &[(Direct, Some(0)), (Indirect, Some(0))],
    );
}

#[test]
fn judgements_with_as_report_the_subjects_words() {
    check(
        "It was a claim {{the ministry}} dismissed as \u{201c}[[pure fantasy.]]\u{201d}",
        &[(Direct, Some(0))],
    );
}

#[test]
fn numbers_start_reported_clauses() {
    check(
        "{{The agency}} said [[120 people were moved to higher ground, including 40 children]].",
        &[(Indirect, Some(0))],
    );
}

#[test]
fn commas_inside_a_relative_clause() {
    check(
        "{{Finance Minister Lars Eberg}}, who did not meet the governor, Ana Ruiz, in Oslo, accused the bank of \u{201c}[[playing politics with rates.]]\u{201d}",
        &[(Direct, Some(0))],
    );
}

#[test]
fn cautions_and_hints_report_speech() {
    check(
        "{{Aid groups}} cautioned [[that the camps could not take more families]]. {{Officials}} have hinted [[that the border may reopen next week]].",
        &[(Indirect, Some(0)), (Indirect, Some(1))],
    );
}

#[test]
fn a_clause_between_commas_is_no_apposition() {
    check(
        "[[Her deputy, Karl Renner, has been more cautious in private]], say {{officials who know him}}, and he has not spoken since.",
        &[(Indirect, Some(0))],
    );
}

#[test]
fn relative_pronouns_point_to_the_phrase_before() {
    let text = "The talks were led by Deputy Minister Nadia Ferreira, who told reporters that the gap had narrowed.";
    let quotes = extract_quotes(text, &split_sentences(text), &[]);
    assert_eq!(quotes.len(), 1);
    let q = &quotes[0];
    assert_eq!(q.speaker.and_then(|s| s.slice(text)), Some("who"));
    assert_eq!(
        q.antecedent.and_then(|s| s.slice(text)),
        Some("Deputy Minister Nadia Ferreira")
    );
}

#[test]
fn speaker_hints_prefer_the_named_head_of_the_phrase() {
    let text = "Vice Minister Olga Brandt, who led the Danish team, called the meeting \u{201c}useful\u{201d} on Friday.";
    let at = |w: &str| {
        let s = text.find(w).expect("word in text");
        Span::within(text, s, s + w.len()).expect("span")
    };
    let hints = [
        SpeakerHint {
            span: at("Olga Brandt"),
            code: None,
            entity: Some("Olga Brandt"),
        },
        SpeakerHint {
            span: at("Danish"),
            code: Some("DNK"),
            entity: None,
        },
    ];
    let quotes = extract_quotes(text, &split_sentences(text), &hints);
    let q = quotes
        .iter()
        .find(|q| q.kind == Direct)
        .expect("direct quote");
    assert_eq!(q.hint, Some(0));
}
