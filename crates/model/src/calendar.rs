//! English day and month names, shared by the stages that read dates in text.

/// The days of the week, lowercase, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The months, lowercase, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether `word` is a day or month name, ignoring ASCII case ("May" included).
pub fn is_day_or_month(word: &str) -> bool {
    WEEKDAYS
        .iter()
        .chain(MONTHS.iter())
        .any(|d| word.eq_ignore_ascii_case(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_in_any_case() {
        assert!(is_day_or_month("Monday"));
        assert!(is_day_or_month("SEPTEMBER"));
        assert!(is_day_or_month("may"));
        assert!(!is_day_or_month("Mayday"));
        assert!(!is_day_or_month("tomorrow"));
    }
}
