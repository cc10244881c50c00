//! The crate's one error type.

/// Everything that can go wrong in `forecast`. Input errors name the row (1-based line of the
/// input) and the column (1-based field, or a field name) so the user can fix the file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForecastError {
    /// A field could not be read as a number.
    #[error(
        "row {row}, column {column}: `{value}` is not a number; write a plain decimal such as 42.5"
    )]
    NotANumber {
        /// 1-based row.
        row: usize,
        /// Column (1-based index or name).
        column: String,
        /// The offending text.
        value: String,
    },
    /// A number lies outside the range its format allows.
    #[error(
        "row {row}, column {column}: {value} is outside {min}–{max}; rescale the value to that range"
    )]
    OutOfRange {
        /// 1-based row.
        row: usize,
        /// Column (1-based index or name).
        column: String,
        /// The value read.
        value: f64,
        /// Lowest allowed value.
        min: f64,
        /// Highest allowed value.
        max: f64,
    },
    /// A row has the wrong number of fields.
    #[error(
        "row {row}: expected {expected} columns, found {found}; each actor needs name, description, capability and a position and salience per dimension"
    )]
    ColumnCount {
        /// 1-based row.
        row: usize,
        /// Columns expected.
        expected: usize,
        /// Columns found.
        found: usize,
    },
    /// Something is structurally wrong with the input.
    #[error("row {row}: {message}")]
    Malformed {
        /// 1-based row (0 when the whole input is concerned).
        row: usize,
        /// What is wrong and what to do.
        message: String,
    },
    /// Two actors share a name.
    #[error(
        "row {row}: actor `{name}` already appears in row {first_row}; give every actor a unique name"
    )]
    DuplicateActor {
        /// 1-based row of the second occurrence.
        row: usize,
        /// The duplicated name.
        name: String,
        /// 1-based row of the first occurrence.
        first_row: usize,
    },
    /// Fewer than two actors.
    #[error(
        "a scenario needs at least two actors, found {found}; add the other parties to the table"
    )]
    TooFewActors {
        /// Number of actors found.
        found: usize,
    },
    /// A table has cells without values.
    #[error("{} missing value(s){}; fill them in or drop the actor", missing.len(), first_missing(missing))]
    Missing {
        /// Every missing cell.
        missing: Vec<crate::scenario::MissingValue>,
    },
    /// A TOML scenario could not be read.
    #[error("TOML scenario: {message}")]
    Toml {
        /// The TOML parser's message (with line and column).
        message: String,
    },
    /// A model parameter had an unknown value.
    #[error("unknown {parameter} `{value}`; expected one of: {expected}")]
    UnknownParameterValue {
        /// The parameter.
        parameter: &'static str,
        /// The value given.
        value: String,
        /// Accepted values.
        expected: String,
    },
    /// An iterative computation did not converge.
    #[error("{what} did not converge; check the scenario for degenerate inputs")]
    NoConvergence {
        /// Which computation.
        what: &'static str,
    },
}

fn first_missing(missing: &[crate::scenario::MissingValue]) -> String {
    missing.first().map_or_else(String::new, |m| {
        format!(", first: actor `{}`, {}", m.actor, m.field)
    })
}
