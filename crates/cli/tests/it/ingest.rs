//! `ingest`, `docs` and `search` on good and bad inputs.

use std::io::Write;
use std::net::TcpListener;

use crate::support::{Dir, article};

fn summary(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).expect("JSON summary on stdout")
}

fn doc_ids(dir: &Dir) -> Vec<String> {
    let run = dir.run(&["docs", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("JSON list");
    rows.iter()
        .map(|r| r["id"].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn text_markdown_jsonl_and_rerun_is_idempotent() {
    let dir = Dir::new();
    dir.write(
        "news/a.txt",
        format!(" date 2026-03-01 {}", article("water sharing", 1)),
    );
    dir.write(
        "news/b.md",
        format!(
            "---\ntitle: Water talks\nsource: River Post\ndate: 2026-03-02\n---\n\n{}",
            article("dam operations", 2)
        ),
    );
    dir.write(
        "news/wire.jsonl",
        format!(
            "{}\n{}\n",
            serde_json::json!({"id": "w1", "text": article("fishing rights", 3), "published": "2026-03-03", "source": "Wire"}),
            serde_json::json!({"id": "w2", "text": article("border posts", 4)}),
        ),
    );
    let run = dir.run(&["ingest", "news", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("ingested 4, duplicates 0, unchanged 0, failed 0"),
        "{}",
        run.stderr
    );
    let s = summary(&run.stdout);
    assert_eq!(s["ingested"], 4);
    assert_eq!(doc_ids(&dir), ["a", "b", "w1", "w2"]);

    let again = dir.run(&["ingest", "news"]);
    assert_eq!(again.code, 0);
    assert!(
        again
            .stderr
            .contains("ingested 0, duplicates 0, unchanged 4, failed 0"),
        "{}",
        again.stderr
    );

    let docs = dir.run(&["docs"]);
    assert!(
        docs.stdout.contains("b   2026-03-02   River Post"),
        "{}",
        docs.stdout
    );
    let hits = dir.run(&["search", "fishing", "--format", "json"]);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&hits.stdout).expect("JSON");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["id"], "w1");
    assert!(
        hits[0]["snippet"]
            .as_str()
            .expect("snippet")
            .contains("[fishing]")
    );
}

#[test]
fn stored_text_is_the_file_minus_its_metadata() {
    let dir = Dir::new();
    let body = "First paragraph.\r\n\r\n  Second, with “curly quotes” and a tab\there.\n";
    dir.write("x.txt", format!(" date 2026-02-05 {body}"));
    assert_eq!(dir.run(&["ingest", "x.txt"]).code, 0);
    let db = rusqlite_text(&dir, "x");
    assert_eq!(db, body);
}

/// Reads a document's stored text straight from the database file.
fn rusqlite_text(dir: &Dir, id: &str) -> String {
    let store = store::SqliteStore::open(&dir.path("test.db")).expect("open");
    use store::Store;
    store
        .document(&model::DocId::new(id).expect("id"))
        .expect("read")
        .expect("present")
        .text
}

#[test]
fn bad_inputs_are_reported_and_the_batch_goes_on() {
    let dir = Dir::new();
    dir.write("in/good.txt", article("grain exports", 1));
    dir.write(
        "in/binary.txt",
        [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0x49, 0x48],
    );
    dir.write("in/empty.txt", "");
    dir.write("in/cp1252.txt", b"The minister called it \x93a fair deal\x94 after talks in Gen\xe8ve on Monday, and aides agreed.".as_slice());
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in article("ports", 2).encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    dir.write("in/utf16.txt", utf16);
    dir.write("in/truncated.html", "<html><head><title>Cut</title></head><body><article><h1>Ceasefire talks</h1><p>Mediators from two countries met the delegations on Sunday evening and said a draft text would be circulated before the end of the week, after a long session.</p><p>The second paragraph was cut off in the mid");
    dir.write(
        "in/lines.jsonl",
        format!(
            "{}\n{{\"text\": broken\n{}\n",
            serde_json::json!({"id": "j1", "text": article("tariffs", 3)}),
            serde_json::json!({"id": "j3", "text": article("quotas", 4)}),
        ),
    );
    dir.write(
        "in/broken.xml",
        "<rss><channel><title>Feed</title><item><title>Cut",
    );
    let huge = "word ".repeat(10 * 1024 * 1024) + "\n";
    dir.write("in/huge.txt", huge);
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path("in"), dir.path("in/loop")).expect("symlink");

    let run = dir.run(&["ingest", "in", "missing.txt", "--format", "json"]);
    assert_eq!(
        run.code, 1,
        "rejected inputs give exit code 1\n{}",
        run.stderr
    );
    let s = summary(&run.stdout);
    let problems: Vec<String> = s["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p.as_str().expect("string").to_owned())
        .collect();
    let has = |needle: &str| {
        assert!(
            problems.iter().any(|p| p.contains(needle)),
            "no problem mentions {needle:?}: {problems:#?}"
        );
    };
    has("missing.txt: no such file or directory");
    has("binary.txt: looks like a binary file");
    has("empty.txt: empty document");
    has("lines.jsonl:2: not a JSON object");
    has("broken.xml: not a readable RSS/Atom/JSON feed");
    has("huge.txt: document is 52428801 bytes, over the 16777216-byte limit");
    #[cfg(unix)]
    has("symbolic link loop");
    assert!(run.stderr.contains("error: "), "{}", run.stderr);

    let ids = doc_ids(&dir);
    for want in ["good", "cp1252", "utf16", "truncated", "j1", "j3"] {
        assert!(
            ids.contains(&want.to_owned()),
            "{want} missing from {ids:?}"
        );
    }
    assert_eq!(ids.len(), 6, "{ids:?}");
    let cp = rusqlite_text(&dir, "cp1252");
    assert!(
        cp.contains("“a fair deal”") && cp.contains("Genève"),
        "{cp}"
    );
    assert!(
        run.stderr
            .contains("cp1252.txt: not valid UTF-8; decoded as windows-1252"),
        "{}",
        run.stderr
    );
    let truncated = rusqlite_text(&dir, "truncated");
    assert!(
        truncated.contains("Mediators from two countries met"),
        "{truncated}"
    );
}

#[cfg(unix)]
#[test]
fn permission_denied_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    let locked = dir.write("locked.txt", article("airspace", 1));
    dir.write("open.txt", article("airspace", 2));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    std::fs::set_permissions(dir.root(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let mut cmd = dir.cmd(&["ingest", "locked.txt", "open.txt"]);
    // Root reads any file; run as `nobody` then, so the kernel really refuses.
    if std::fs::read(&locked).is_ok() {
        let mut wrapped = std::process::Command::new("setpriv");
        wrapped
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(cmd.get_program())
            .args(cmd.get_args())
            .current_dir(dir.root());
        cmd = wrapped;
    }
    let run = crate::support::Run::from(cmd.output().expect("runs"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("locked.txt: cannot read: Permission denied"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ingested 1,"), "{}", run.stderr);
}

#[test]
fn duplicates_are_linked_not_dropped() {
    let dir = Dir::new();
    let story = article("a prisoner exchange", 7).repeat(3);
    dir.write("a/original.txt", &story);
    dir.write("b/copy.txt", story.to_uppercase());
    dir.write(
        "c/edited.txt",
        story.replacen("officials said", "aides confirmed", 1) + "Reporting by the desk.\n",
    );
    let run = dir.run(&["ingest", "a", "b", "c", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let s = summary(&run.stdout);
    assert_eq!(s["ingested"], 3);
    assert_eq!(s["duplicates"], 2);
    let docs = s["documents"].as_array().expect("documents");
    assert_eq!(docs[1]["outcome"], "duplicate");
    assert_eq!(docs[1]["duplicate_of"], "original");
    assert_eq!(docs[2]["outcome"], "near-duplicate");
    assert_eq!(docs[2]["duplicate_of"], "original");
}

#[test]
fn same_id_with_new_content_gets_a_suffix() {
    let dir = Dir::new();
    dir.write("one/report.txt", article("electricity", 1));
    dir.write(
        "two/report.txt",
        article("a different subject entirely, gas pipelines", 2),
    );
    let run = dir.run(&["ingest", "one", "two", "--format", "json"]);
    let s = summary(&run.stdout);
    let second = s["documents"][1]["id"].as_str().expect("id");
    assert!(
        second.starts_with("report~") && second.len() == "report~".len() + 8,
        "{second}"
    );
}

#[test]
fn stdin_is_read() {
    let dir = Dir::new();
    let mut child = dir
        .cmd(&["ingest", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!(" date 2026-04-01 {}", article("visas", 1)).as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(doc_ids(&dir), ["stdin"]);
}

/// A server on loopback: `/feed.xml` serves an RSS file with an ETag and answers 304 to a
/// matching If-None-Match; `/slow` never answers.
fn feed_server(connections: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loopback Wire</title>\
         <item><title>Talks in Vienna</title><link>http://x.example/1</link><guid>x1</guid>\
         <pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate><description>{}</description></item>\
         </channel></rss>",
        article("water", 1)
    );
    std::thread::spawn(move || {
        use std::io::{BufRead, BufReader};
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            let mut conditional = false;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                conditional |= line
                    .to_ascii_lowercase()
                    .starts_with("if-none-match: \"r1\"");
            }
            if first.contains("/slow") {
                std::thread::sleep(std::time::Duration::from_secs(3));
                continue;
            }
            let response = if conditional {
                "HTTP/1.1 304 Not Modified\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
                    .to_owned()
            } else {
                format!(
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/rss+xml\r\nETag: \"r1\"\r\nContent-Length: {}\r\n\r\n{rss}",
                    rss.len()
                )
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    base
}

#[test]
fn feed_url_conditional_get_and_timeout() {
    let dir = Dir::new();
    let base = feed_server(3);
    let feed = format!("{base}/feed.xml");
    let run = dir.run(&["ingest", &feed, "--delay", "0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("ingested 1,"), "{}", run.stderr);
    let again = dir.run(&["ingest", &feed, "--delay", "0"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("not modified since the last fetch"),
        "{}",
        again.stderr
    );
    let slow = dir.run(&["ingest", &format!("{base}/slow"), "--timeout", "0.5"]);
    assert_eq!(slow.code, 1, "{}", slow.stderr);
    assert!(slow.stderr.contains("/slow: timed out"), "{}", slow.stderr);
}

#[test]
fn killed_ingest_leaves_a_consistent_database_and_a_rerun_finishes() {
    let dir = Dir::new();
    for i in 0..400 {
        dir.write(
            &format!("bulk/{i:03}.txt"),
            article(&format!("topic number {i}"), i),
        );
    }
    for attempt in 0..3 {
        let mut child = dir
            .cmd(&["ingest", "bulk", "--quiet"])
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(60 + attempt * 40));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever was committed is complete and readable.
        let ids = doc_ids(&dir);
        assert!(ids.len() <= 400);
    }
    let run = dir.run(&["ingest", "bulk"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids = doc_ids(&dir);
    assert_eq!(ids.len(), 400);
    let conn_check = store::SqliteStore::open(&dir.path("test.db")).expect("reopen");
    use store::Store;
    assert_eq!(conn_check.count_documents().expect("count"), 400);
    assert_eq!(conn_check.search("topic", 1000).expect("search").len(), 400);
}

#[test]
fn errors_use_exit_code_2_with_a_hint() {
    let dir = Dir::new();
    let run = dir.run(&["docs"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(
        run.stderr.contains("hint: run `backchannel ingest"),
        "{}",
        run.stderr
    );
    let nothing = dir.run(&["ingest"]);
    assert_eq!(nothing.code, 2);
    assert!(
        nothing.stderr.contains("nothing to ingest"),
        "{}",
        nothing.stderr
    );
}

#[test]
fn follow_links_fetches_full_articles_and_honours_robots() {
    let dir = Dir::new();
    // The feed must name the server's own address, which is known only once it listens:
    // serve the feed from a file instead, pointing at the server.
    let page = format!(
        "<html><head><title>Full story</title></head><body><nav>Home | World</nav><article><h1>Full story</h1><p>{}</p><p>{}</p><p>{}</p></article><footer>Copyright</footer></body></html>",
        article("reservoirs", 1),
        article("reservoirs", 2),
        article("reservoirs", 3)
    );
    let base = crate::support::serve(
        vec![
            (
                "/robots.txt",
                "text/plain",
                "User-agent: *\nDisallow: /private\n".to_owned(),
            ),
            ("/story", "text/html", page),
        ],
        4,
    );
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loop Wire</title>\
         <item><title>Open</title><link>{base}/story</link><guid>o1</guid><description>Short summary one about reservoirs.</description></item>\
         <item><title>Closed</title><link>{base}/private/x</link><guid>c1</guid><description>Short summary two, kept.</description></item>\
         </channel></rss>"
    );
    dir.write("feed.xml", rss);
    let run = dir.run(&[
        "ingest",
        "feed.xml",
        "--follow-links",
        "--delay",
        "0",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("private/x: robots.txt disallows fetching"),
        "{}",
        run.stderr
    );
    let s = summary(&run.stdout);
    let ids: Vec<String> = s["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(ids.len(), 2);
    let open = rusqlite_text(&dir, &ids[0]);
    assert!(
        open.contains("A senior negotiator told reporters"),
        "{open}"
    );
    assert!(!open.contains("Copyright"), "{open}");
    assert_eq!(rusqlite_text(&dir, &ids[1]), "Short summary two, kept.");
}
