//! The crate's one error type: what went wrong in a dossier file, with the line and field.

/// Why a dossier file could not be read. Every variant names the line (1-based) and the
/// field, and says what to change.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DossierError {
    /// The text is not valid TOML, or a field has the wrong type.
    #[error("line {line}: {message}")]
    Syntax {
        /// Line of the error.
        line: usize,
        /// The TOML parser's message.
        message: String,
    },
    /// A required field is absent or empty.
    #[error("line {line}: `{field}` is missing or empty; {hint}")]
    Missing {
        /// Line of the table that lacks the field.
        line: usize,
        /// Field name (`question`, `issue.id`…).
        field: String,
        /// What to add.
        hint: &'static str,
    },
    /// An actor code that is not ISO-3166 alpha-3 plus optional three-letter sectors.
    #[error(
        "line {line}: `{field}` has code `{code}`, which is not a CAMEO-style code; use three capital letters (`IRN`) optionally followed by sectors (`IRNGOV`)"
    )]
    BadCode {
        /// Line of the code.
        line: usize,
        /// Field name (`parties`, `mediators`, `capability`).
        field: String,
        /// The offending code.
        code: String,
    },
    /// The same code listed twice, or as party and mediator.
    #[error("line {line}: `{field}` lists `{code}` twice; keep one")]
    DuplicateCode {
        /// Line of the second occurrence.
        line: usize,
        /// Field name.
        field: String,
        /// The repeated code.
        code: String,
    },
    /// Two issues with one id.
    #[error(
        "line {line}: issue id `{id}` is already used on line {first_line}; give each issue its own id"
    )]
    DuplicateIssue {
        /// Line of the second issue.
        line: usize,
        /// The repeated id.
        id: String,
        /// Line of the first issue.
        first_line: usize,
    },
    /// An issue id that is not a short lowercase identifier.
    #[error(
        "line {line}: issue id `{id}` must be lowercase letters, digits and `_` (e.g. `military_pressure`)"
    )]
    BadIssueId {
        /// Line of the id.
        line: usize,
        /// The id.
        id: String,
    },
    /// A scale key that is not a number.
    #[error(
        "line {line}: issue `{issue}`: scale key `{key}` is not a number; use keys such as 0 and 100"
    )]
    ScaleKey {
        /// Line of the scale.
        line: usize,
        /// Issue id.
        issue: String,
        /// The key as written.
        key: String,
    },
    /// A scale key outside 0–100.
    #[error(
        "line {line}: issue `{issue}`: scale key {key} is outside 0-100; scales run from 0 to 100"
    )]
    ScaleRange {
        /// Line of the scale.
        line: usize,
        /// Issue id.
        issue: String,
        /// The key as written.
        key: String,
    },
    /// A scale with fewer than two points or an empty label.
    #[error("line {line}: issue `{issue}`: {problem}")]
    BadScale {
        /// Line of the scale.
        line: usize,
        /// Issue id.
        issue: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// A capability that is not a finite non-negative number.
    #[error(
        "line {line}: capability of `{code}` is {value}; give a number of 0 or more (a CINC share such as 0.03)"
    )]
    Capability {
        /// Line of the value.
        line: usize,
        /// Actor code.
        code: String,
        /// The value.
        value: f64,
    },
}
