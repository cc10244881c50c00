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
