//! `extract` (stateless records) and the records `ingest` stores.

use crate::support::Dir;

const STORY: &str = " date 2026-03-02 Qatar's prime minister will host Israeli and Hamas negotiators in Doha tomorrow, officials said.\n\n\"We are close to a text,\" Sheikh Mohammed bin Abdulrahman Al Thani told reporters on Monday.\n";

#[test]
fn extract_prints_spec_records_with_checkable_spans() {
    let dir = Dir::new();
    let path = dir.write("doha.txt", STORY);
    let run = dir.run(&[
        "extract",
        path.to_str().expect("utf-8"),
        "--format",
        "jsonl",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    let record: serde_json::Value = serde_json::from_str(lines[0]).expect("JSON record");
    assert_eq!(record["doc"]["id"], "doha");
    assert_eq!(record["doc"]["published"], "2026-03-02");
    let text = &STORY[" date 2026-03-02 ".len()..];
    let times = record["times"].as_array().expect("times");
    let tomorrow = times
        .iter()
        .find(|t| t["text"] == "tomorrow")
        .expect("tomorrow");
    assert_eq!(tomorrow["value"], "2026-03-03");
    let start = tomorrow["start"].as_u64().expect("start") as usize;
    let end = tomorrow["end"].as_u64().expect("end") as usize;
    assert_eq!(&text[start..end], "tomorrow");
    let quotes = record["quotes"].as_array().expect("quotes");
    let reported = &quotes[0];
    assert_eq!(reported["kind"], "indirect");
    assert_eq!(reported["speaker_text"], "officials");
    let quote = quotes
        .iter()
        .find(|q| q["kind"] == "direct")
        .expect("direct quote");
    assert_eq!(quote["text"], "We are close to a text");
    assert_eq!(quote["speaker_code"], "QATGOV");
    assert!(
        record["actors"]
            .as_array()
            .expect("actors")
            .iter()
            .any(|a| a["code"] == "QATGOV")
    );
    assert!(
        run.stderr.contains("extracted 1 documents, failed 0"),
        "{}",
        run.stderr
    );
}

#[test]
fn ingest_stores_a_record_per_document() {
    let dir = Dir::new();
    dir.write("in/doha.txt", STORY);
    assert_eq!(dir.run(&["ingest", "in"]).code, 0);
    let store = store::SqliteStore::open(&dir.path("test.db")).expect("open");
    use store::Store;
    let record = store
        .record(&model::DocId::new("doha").expect("id"))
        .expect("read")
        .expect("ingest stored the record");
    assert!(
        record
            .quotes
            .iter()
            .any(|q| q.text == "We are close to a text" && q.kind == "direct"),
        "{:?}",
        record.quotes
    );
    assert!(
        store
            .stale_documents(&record.doc.extractor)
            .expect("stale")
            .is_empty()
    );
}
