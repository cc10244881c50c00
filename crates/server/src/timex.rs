//! TIMEX3 date values as day ranges, so that date filters compare a week or a month with
//! days: `2026-02-06` is one day, `2026-W07` seven, `2026-02` the month, `2026` the year.
//! Values with unknown parts (`XXXX-02-11`) or vague references (`FUTURE_REF`) have no range.

use jiff::civil::{Date, ISOWeekDate, Weekday};

/// The first and last day a TIMEX3 date value covers.
pub(crate) fn day_range(value: &str) -> Option<(Date, Date)> {
    let bytes = value.as_bytes();
    let year: i16 = value.get(..4)?.parse().ok()?;
    if !bytes[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let rest = &value[4..];
    if rest.is_empty() {
        return Some((Date::new(year, 1, 1).ok()?, Date::new(year, 12, 31).ok()?));
    }
    let rest = rest.strip_prefix('-')?;
    if let Some(week) = rest.strip_prefix('W') {
        let week: i8 = week.get(..2)?.parse().ok()?;
        let monday = ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date();
        let sunday = ISOWeekDate::new(year, week, Weekday::Sunday).ok()?.date();
        return Some((monday, sunday));
    }
    let month: i8 = rest.get(..2)?.parse().ok()?;
    let rest = &rest[2..];
    if rest.is_empty() {
        let first = Date::new(year, month, 1).ok()?;
        return Some((first, first.last_of_month()));
    }
    let day: i8 = rest.strip_prefix('-')?.get(..2)?.parse().ok()?;
    let date = Date::new(year, month, day).ok()?;
    Some((date, date))
}

/// True when the value's range overlaps `[since, until]` (either end open).
pub(crate) fn overlaps(value: Option<&str>, since: Option<Date>, until: Option<Date>) -> bool {
    if since.is_none() && until.is_none() {
        return true;
    }
    let Some((first, last)) = value.and_then(day_range) else {
        return false;
    };
    since.is_none_or(|s| last >= s) && until.is_none_or(|u| first <= u)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("test date")
    }

    #[test]
    fn ranges() {
        assert_eq!(
            day_range("2026-02-06"),
            Some((d("2026-02-06"), d("2026-02-06")))
        );
        assert_eq!(
            day_range("2026-W07"),
            Some((d("2026-02-09"), d("2026-02-15")))
        );
        assert_eq!(
            day_range("2026-02"),
            Some((d("2026-02-01"), d("2026-02-28")))
        );
        assert_eq!(day_range("2025"), Some((d("2025-01-01"), d("2025-12-31"))));
        assert_eq!(
            day_range("2026-02-06T10:00"),
            Some((d("2026-02-06"), d("2026-02-06")))
        );
        assert_eq!(day_range("XXXX-02-11"), None);
        assert_eq!(day_range("FUTURE_REF"), None);
        assert_eq!(day_range("2026-13"), None);
    }

    #[test]
    fn overlap() {
        let since = Some(d("2026-02-10"));
        assert!(overlaps(Some("2026-W07"), since, None));
        assert!(!overlaps(Some("2026-02-06"), since, None));
        assert!(overlaps(Some("2026-02"), None, Some(d("2026-02-01"))));
        assert!(!overlaps(None, since, None));
        assert!(overlaps(None, None, None));
    }
}
