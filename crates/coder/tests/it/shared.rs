//! The evaluation figures on the shared gold sets (SPEC §8). These read `../shared` at test
//! time: without it they print why and pass, unless `CI` is set.

use std::path::PathBuf;

fn event_coding() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/external/event-coding");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing",
        dir.display()
    );
    eprintln!("skipped: {} is missing", dir.display());
    None
}

fn read(dir: &std::path::Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("reading {file}: {e}"))
}

#[test]
fn shared_petrarch_unit_tests_reach_the_target() {
    let Some(dir) = event_coding() else { return };
    let dicts = coder::Dictionaries::parse(
        &read(
            &dir,
            "universalpetrarch-validation/PETR.Validate.verbs.2.0.txt",
        ),
        &read(&dir, "petrarch-unittest/PETR.Validate.actors.txt"),
        &read(&dir, "petrarch-unittest/PETR.Validate.agents.txt"),
        &read(&dir, "petrarch-unittest/PETR.Validate.discards.txt"),
    )
    .expect("the validation dictionaries parse");
    let coder = coder::Coder::with_config(dicts, coder::eval::petrarch::unit_test_config());
    let records = coder::eval::petrarch::parse_records(&read(
        &dir,
        "universalpetrarch-validation/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
    ))
    .expect("the records parse");
    assert_eq!(records.len(), 284);
    assert_eq!(records.iter().filter(|r| r.noevents).count(), 19);
    let report = coder::eval::petrarch::evaluate(&coder, &records);
    let t = report.total;
    assert_eq!(
        t.gold, 349,
        "codings with an event code (375 <EventCoding> minus 19 noevents and 7 error markers)"
    );
    assert!(t.precision() >= 0.80, "precision {:.3}", t.precision());
    assert!(t.recall() >= 0.80, "recall {:.3}", t.recall());
    assert_eq!(t.noevent_false_positives, 0);
}

#[test]
fn shared_plover_gold_records() {
    let Some(dir) = event_coding() else { return };
    let d = "petrarch2-dictionaries/";
    let actors = [
        read(&dir, &format!("{d}Phoenix.Countries.actors.txt")),
        read(&dir, &format!("{d}Phoenix.International.actors.txt")),
        read(&dir, &format!("{d}Phoenix.MilNonState.actors.txt")),
    ];
    let dicts = coder::Dictionaries::builtin_with(
        &[&actors[0], &actors[1], &actors[2]],
        &read(&dir, &format!("{d}Phoenix.agents.txt")),
        &read(&dir, &format!("{d}Phoenix.discards.txt")),
    )
    .expect("the production dictionaries parse");
    let coder = coder::Coder::with_config(dicts, coder::eval::plover::gsr_config());
    let records = coder::eval::plover::parse_records(&read(&dir, "plover/PLOVER_GSR_CAMEO.txt"))
        .expect("the records parse");
    assert_eq!(records.len(), 322);
    let report = coder::eval::plover::evaluate(&coder, &records);
    assert!(
        report.type_accuracy() >= 0.75,
        "type accuracy {:.3}",
        report.type_accuracy()
    );
}

/// The shipped verb dictionary is `CAMEO.2.0.txt` without its comments: the same synsets,
/// blocks, verb forms and patterns (line numbers aside), and the converter reproduces it.
#[test]
fn shared_shipped_verbs_equal_the_original() {
    let Some(dir) = event_coding() else { return };
    let original = read(&dir, "petrarch2-dictionaries/CAMEO.2.0.txt");
    let shipped = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cameo_verbs.txt"),
    )
    .expect("the shipped verbs");
    assert_eq!(
        coder::verbs::shipped(&original),
        shipped,
        "re-run convert_cameo_verbs"
    );
    let (a, pa) = coder::VerbDictionary::parse(&original);
    let (mut b, pb) = coder::VerbDictionary::parse(&shipped);
    assert_eq!(pa.len(), pb.len());
    assert_eq!(a.synsets, b.synsets);
    assert_eq!(a.forms, b.forms);
    assert_eq!(a.blocks.len(), 397);
    let mut a = a;
    for blocks in [&mut a.blocks, &mut b.blocks] {
        for block in blocks.iter_mut() {
            for p in &mut block.patterns {
                p.line = 0;
            }
        }
    }
    assert_eq!(a.blocks, b.blocks);
}
