//! Reading dates as they appear in metadata fields and datelines.

use jiff::civil::Date;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Parses a metadata date: ISO `2026-02-05`, RFC 3339 timestamps, RFC 2822 (`Thu, 05 Feb
/// 2026 10:00:00 GMT`), `February 5, 2026`, `Feb. 5, 2026`, `5 February 2026`. Timestamps
/// give their calendar day in their own offset.
pub fn parse_date(value: &str) -> Option<Date> {
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    if value.is_empty() {
        return None;
    }
    if let Ok(date) = value.parse::<Date>() {
        return Some(date);
    }
    if let Ok(ts) = value.parse::<jiff::Timestamp>() {
        // Keep the writer's own calendar day: take the date part of the string.
        if let Some(date) = value.get(..10).and_then(|d| d.parse::<Date>().ok()) {
            return Some(date);
        }
        return Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    if let Ok(dt) = value.parse::<jiff::civil::DateTime>() {
        return Some(dt.date());
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(value) {
        return Some(zoned.date());
    }
    parse_written_date(value).map(|(date, _)| date)
}

/// Parses a written date at the start of `text` ("February 6, 2026", "Feb. 6, 2026",
/// "6 February 2026"), returning it and the byte length it covers. A month and day
/// without a year need `year` from context and are not parsed here.
pub fn parse_written_date(text: &str) -> Option<(Date, usize)> {
    let words: Vec<(usize, &str)> = word_offsets(text).take(4).collect();
    let cleaned = |w: &str| {
        w.trim_end_matches([',', '.'])
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th")
            .to_owned()
    };
    // Month Day, Year
    if words.len() >= 3 {
        if let (Some(month), Ok(day), Ok(year)) = (
            month_number(words[0].1),
            cleaned(words[1].1).parse::<i8>(),
            words[2].1.trim_end_matches([',', '.']).parse::<i16>(),
        ) && let Ok(date) = Date::new(year, month, day)
        {
            let end = words[2].0 + words[2].1.trim_end_matches([',', '.']).len();
            return Some((date, end));
        }
        // Day Month Year
        if let (Ok(day), Some(month), Ok(year)) = (
            cleaned(words[0].1).parse::<i8>(),
            month_number(words[1].1),
            words[2].1.trim_end_matches([',', '.']).parse::<i16>(),
        ) && let Ok(date) = Date::new(year, month, day)
        {
            let end = words[2].0 + words[2].1.trim_end_matches([',', '.']).len();
            return Some((date, end));
        }
    }
    None
}

/// The month number of an English month name or abbreviation ("Feb", "Feb.", "February",
/// "Sept."), case-insensitive.
pub fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    for (i, (short, long)) in MONTHS.iter().zip(model::calendar::MONTHS).enumerate() {
        if word == *short || word == long || (word == "sept" && *short == "sep") {
            return Some(i as i8 + 1);
        }
    }
    None
}

fn word_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn metadata_forms() {
        let want = Some(date(2026, 2, 5));
        assert_eq!(parse_date("2026-02-05"), want);
        assert_eq!(parse_date("2026-02-05T23:30:00-05:00"), want);
        assert_eq!(parse_date("2026-02-05T09:30:00Z"), want);
        assert_eq!(parse_date("Thu, 05 Feb 2026 10:00:00 GMT"), want);
        assert_eq!(parse_date("February 5, 2026"), want);
        assert_eq!(parse_date("Feb. 5, 2026"), want);
        assert_eq!(parse_date("5 February 2026"), want);
        assert_eq!(parse_date("\"2026-02-05\""), want);
        assert_eq!(parse_date("next week"), None);
        assert_eq!(parse_date("February 30, 2026"), None);
    }

    #[test]
    fn written_date_reports_its_length() {
        let text = "February 6, 2026 has the feel of a turning point";
        assert_eq!(parse_written_date(text), Some((date(2026, 2, 6), 16)));
        assert_eq!(parse_written_date("Talks on February 6"), None);
    }
}
