//! HTTP tests against a tiny server on 127.0.0.1 that serves fixtures.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

use fetch::{Client, Config, FetchError, Fetched, Validators};

/// Serves `n` connections. Each request path picks a behaviour: `/feed` (ETag "v1", 304 on
/// If-None-Match), `/redirect` (302 to /feed), `/big` (a body over the limit), `/slow`
/// (never answers), `/missing` (404).
fn serve(n: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut first = String::new();
            reader.read_line(&mut first).expect("request line");
            let mut if_none_match = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("if-none-match:") {
                    if_none_match = Some(v.trim().to_owned());
                }
            }
            let path = first.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let response = match path.as_str() {
                "/feed" if if_none_match.as_deref() == Some("\"v1\"") => {
                    "HTTP/1.1 304 Not Modified\r\nConnection: close\r\nETag: \"v1\"\r\nContent-Length: 0\r\n\r\n"
                        .to_owned()
                }
                "/feed" => {
                    let body = "<rss version=\"2.0\"><channel><title>T</title></channel></rss>";
                    format!(
                        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/rss+xml\r\nETag: \"v1\"\r\nLast-Modified: Tue, 03 Mar 2026 08:00:00 GMT\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    )
                }
                "/redirect" => {
                    "HTTP/1.1 302 Found\r\nConnection: close\r\nLocation: /feed\r\nContent-Length: 0\r\n\r\n".to_owned()
                }
                "/big" => {
                    let body = "x".repeat(5000);
                    format!(
                        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    )
                }
                "/slow" => {
                    std::thread::sleep(Duration::from_secs(3));
                    continue;
                }
                _ => "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".to_owned(),
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://{addr}")
}

fn client(timeout: Duration) -> Client {
    Client::new(Config {
        timeout,
        max_bytes: 1000,
        per_host_delay: Duration::ZERO,
        ..Config::default()
    })
}

fn client_short() -> Client {
    client(Duration::from_millis(700))
}

#[test]
fn conditional_get_redirects_limits_and_errors() {
    let base = serve(6);
    // Generous for the requests that must succeed (the machine may be busy), short for the
    // one that must time out.
    let client = client(Duration::from_secs(20));
    let impatient = client_short();
    let Fetched::Body {
        bytes,
        content_type,
        validators,
        final_url,
    } = client.get(&format!("{base}/redirect"), None).expect("200")
    else {
        panic!("expected a body");
    };
    assert!(bytes.starts_with(b"<rss"));
    assert_eq!(content_type.as_deref(), Some("application/rss+xml"));
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        validators.last_modified.as_deref(),
        Some("Tue, 03 Mar 2026 08:00:00 GMT")
    );
    assert_eq!(final_url, format!("{base}/feed"));

    let again = client
        .get(&format!("{base}/feed"), Some(&validators))
        .expect("304");
    assert_eq!(again, Fetched::NotModified);

    let big = client.get(&format!("{base}/big"), None);
    assert!(
        matches!(big, Err(FetchError::TooLarge { limit: 1000, .. })),
        "{big:?}"
    );

    let missing = client.get(&format!("{base}/missing"), None);
    assert!(
        matches!(missing, Err(FetchError::Status { status: 404, .. })),
        "{missing:?}"
    );

    let slow = impatient.get(&format!("{base}/slow"), Some(&Validators::default()));
    let err = slow.expect_err("times out");
    assert!(err.to_string().contains("timed out"), "{err}");
}
