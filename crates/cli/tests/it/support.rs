//! A temporary working directory and a way to run the binary in it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch directory with its own database.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// A command for the binary, run in this directory with `--db` pointing here.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_backchannel"));
        cmd.current_dir(self.tmp.path())
            .env_remove("BACKCHANNEL_DB")
            .arg("--db")
            .arg(self.path("test.db"))
            .args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.cmd(args).output().expect("binary runs"))
    }

    pub fn root(&self) -> &Path {
        self.tmp.path()
    }
}

/// What a run printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// A short article in the style of the seeds, written for these tests. Different `n % 5`
/// give different stories (not near-duplicates of each other).
pub fn article(topic: &str, n: usize) -> String {
    match n % 5 {
        0 => format!(
            "Delegations met in Vienna on Tuesday for talks on {topic}, officials said. The \
             mediator shuttled between rooms for several hours and both sides described the \
             session as businesslike. Item {n}.\n"
        ),
        1 => format!(
            "A senior negotiator told reporters that progress on {topic} had stalled over \
             verification, and that his government would not accept inspections without a \
             timetable for lifting penalties. Item {n}.\n"
        ),
        2 => format!(
            "Ministers from the two neighbours will gather in Doha next Thursday, the host \
             country announced, hoping a draft on {topic} can be signed before the summer \
             recess of both parliaments. Item {n}.\n"
        ),
        3 => format!(
            "Opposition lawmakers accused the cabinet of conceding too much on {topic} and \
             demanded that any agreement be put to a vote, while analysts warned that delay \
             could unravel months of quiet diplomacy. Item {n}.\n"
        ),
        _ => format!(
            "Shipping insurers raised premiums again after the latest incident, and traders \
             said markets were watching the {topic} negotiations closely for any sign that \
             restrictions might ease soon. Item {n}.\n"
        ),
    }
}

/// Serves fixed routes on 127.0.0.1 for `connections` requests: `(path, content type, body)`;
/// any other path gets 404. Returns the base URL.
pub fn serve(routes: Vec<(&'static str, &'static str, String)>, connections: usize) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let path = first.split_whitespace().nth(1).unwrap_or("/");
            let response = match routes.iter().find(|(p, _, _)| *p == path) {
                Some((_, kind, body)) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                ),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_owned(),
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    base
}
