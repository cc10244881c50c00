//! Time expressions (TimeML TIMEX3): found with one regular expression built once, then
//! normalised against the document's publication date (DCT) and the tense of their clause.
//!
//! Every rule is one alternative of a single regex, tried in order at each position
//! (leftmost-first), so a longer, more specific rule listed earlier wins over a shorter one
//! that starts at the same place. Values follow TimeML: `2026-02-06`, `2026-W06`, `2026-02`,
//! `2026`, `2026-Q1`, `2025-SU`, `202` (a decade), `P3D`, `PT2H`, `PXM`, `XXXX-WXX-3`,
//! `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`, and times `2026-02-06T15:00`.
//!
//! Without a DCT, expressions that need one keep TimeML's unknown parts (`XXXX-XX-XX`,
//! `XXXX-WXX`, `XXXX`) and are marked [`Resolution::Unresolved`].

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use model::Span;
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, PatternID};
use serde::Serialize;

/// The TIMEX3 type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2026-02-06`, `2026-W06`, `2026`, `PAST_REF`.
    Date,
    /// A time of day: `2026-02-06T15:00`, `2026-02-06TEV`.
    Time,
    /// A length of time: `P3D`, `PT2H`, `PXM`.
    Duration,
    /// A recurring time: `XXXX-WXX-3`, `P1W`.
    Set,
}

impl TimexType {
    /// The TimeML name: `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Resolution {
    /// The text alone gives the value ("February 6, 2026", "three days", "Feb. 11" without a
    /// year as `XXXX-02-11`, "recently" as `PAST_REF`).
    Text,
    /// Resolved against the publication date ("tomorrow", "last June", "Feb. 11").
    Dct,
    /// Needs a publication date that was not given: the value keeps TimeML's unknown parts.
    Unresolved,
}

/// One time expression in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Byte span of the expression in the document text.
    pub span: Span,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// Where the value came from; `Unresolved` when a DCT was needed but absent.
    pub resolution: Resolution,
}

/// The SPEC §3 `times` record of a [`Timex`]: `{start, end, text, type, value}`, plus
/// `unresolved: true` when the value still has parts a publication date would fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimexRecord<'a> {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The expression as written.
    pub text: &'a str,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: &'a str,
    /// Present (true) only when the value needs a publication date that was absent.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unresolved: bool,
}

impl Timex {
    /// The SPEC §3 record (`model::record::TimeRecord`) for `text`, the document text the span
    /// points into.
    pub fn to_time_record(&self, text: &str) -> model::record::TimeRecord {
        model::record::TimeRecord {
            start: self.span.start(),
            end: self.span.end(),
            text: self.span.slice(text).unwrap_or("").to_owned(),
            kind: self.kind.as_str().to_owned(),
            value: self.value.clone(),
            unresolved: self.resolution == Resolution::Unresolved,
        }
    }

    /// The record for `text`, the document text the span points into.
    pub fn record<'a>(&'a self, text: &'a str) -> TimexRecord<'a> {
        TimexRecord {
            start: self.span.start(),
            end: self.span.end(),
            text: self.span.slice(text).unwrap_or(""),
            kind: self.kind,
            value: &self.value,
            unresolved: self.resolution == Resolution::Unresolved,
        }
    }
}

/// Tense of the clause around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    IsoDate,
    IsoWeek,
    MonthDay,
    DayMonth,
    OnThe,
    MonthYear,
    Decade,
    Quarter,
    DurationRel,
    RelUnit,
    PartOf,
    Ago,
    Set,
    DayRef,
    Weekday,
    Weekend,
    YearAdj,
    SpelledYear,
    QuarterOfYear,
    MonthRelYear,
    Season,
    Time,
    Vague,
    Duration,
    BarePlural,
    Year,
    Month,
}

const MONTH_FULL: &str = "(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)";
const MONTH_ABBR: &str = "(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)";
const WEEKDAY: &str = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)";
const NUM: &str = r"(?:\d+(?:\.\d+)?|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a\s+hundred|hundred|a\s+few|few|several|many|some|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+dozen|dozens\s+of|hundreds\s+of|thousands\s+of))";
const UNIT: &str = r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|centuries|century|quarters?)";
const UNIT_NQ: &str = r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|centuries|century)";
const B: &str = r"(?-u:\b)";

fn rule_patterns() -> Vec<(Rule, String)> {
    let month = format!(r"(?:{MONTH_FULL}|{MONTH_ABBR}\.?)");
    let day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?";
    let year_tail = r"(?:,?\s+(?P<y>(?:1[6-9]|20)\d\d)(?-u:\b))?";
    let mods = r"(?i:early|late|mid-|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)";
    vec![
        (
            Rule::IsoDate,
            format!(
                r"{B}(?P<y>\d{{4}})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<h>[0-2]\d):(?P<mi>[0-5]\d))?{B}"
            ),
        ),
        (
            Rule::IsoWeek,
            format!(r"{B}(?P<y>\d{{4}})-W(?P<w>[0-5]\d){B}"),
        ),
        (
            Rule::MonthDay,
            format!(
                r"{B}(?:{WEEKDAY},?\s+)?(?P<mon>{month})\s+{day}{B}(?:,?\s+(?P<y>(?:1[6-9]|20)\d\d){B})?"
            ),
        ),
        (
            Rule::DayMonth,
            format!(
                r"{B}(?:{WEEKDAY},?\s+)?(?:(?i:the)\s+)?{day}\s+(?:(?i:of)\s+)?(?P<mon>{MONTH_FULL}{B}|{MONTH_ABBR}(?:\.|{B})){year_tail}"
            ),
        ),
        (
            Rule::OnThe,
            format!(
                r"{B}(?i:on)\s+(?P<x>(?i:the)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?:\s+(?i:of)\s+(?P<mon>{month}){year_tail})?){B}"
            ),
        ),
        (
            Rule::MonthRelYear,
            format!(r"{B}(?P<mon>{MONTH_FULL})\s+(?P<rel>(?i:this|last|next))\s+(?i:year){B}"),
        ),
        (
            Rule::QuarterOfYear,
            format!(
                r"{B}(?P<rel>(?i:this|last|next))\s+(?i:year)(?:'s|’s)\s+(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[-\s](?i:quarter){B}"
            ),
        ),
        (
            Rule::SpelledYear,
            format!(
                r"{B}(?:(?i:the\s+year)\s+)?(?:(?P<sy>(?i:nineteen|two\s+thousand(?:\s+and)?)(?:\s+|-)(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|oh[- ](?:one|two|three|four|five|six|seven|eight|nine)))|(?P<y2k>(?i:the\s+year\s+two\s+thousand))){B}"
            ),
        ),
        (
            Rule::YearAdj,
            format!(r"{B}(?i:year-earlier|year-ago|year-before){B}"),
        ),
        (
            Rule::MonthYear,
            format!(
                r"{B}(?:(?P<mod>{mods})\s*)?(?P<mon>{month}),?\s+(?:(?i:of)\s+)?(?P<y>(?:1[6-9]|20)\d\d){B}"
            ),
        ),
        (
            Rule::Decade,
            format!(
                r"{B}(?:(?i:the)\s+)?(?:(?i:early|mid|late)[-\s])?(?P<dec>1[6-9]\d0|20[0-9]0)'?s{B}"
            ),
        ),
        (
            Rule::Quarter,
            format!(
                r"{B}(?:(?i:the)\s+)?(?:(?P<y0>(?:19|20)\d\d)\s+)?(?:(?P<rel>(?i:last|latest|previous|past|current|next|coming|same|recent|year-earlier|year-ago|fiscal))\s+)?(?:(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[-\s])?(?i:quarter|period){B}(?:\s+(?i:of\s+)?(?:(?i:fiscal\s+))?(?P<y>(?:19|20)\d\d){B})?"
            ),
        ),
        (
            Rule::DurationRel,
            format!(
                r"{B}(?:(?i:the)\s+)?(?P<rel>(?i:past|last|next|coming|first|previous|following|final|last|recent))\s+(?P<n>{NUM})\s+(?P<unit>{UNIT}){B}"
            ),
        ),
        (
            Rule::RelUnit,
            format!(
                r"{B}(?:(?P<pre>(?i:early|late|earlier|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of))[-\s]+)?(?P<rel>(?i:last|next|this|coming|past|previous|current|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+current|the\s+following))\s+(?P<unit>(?i:week|month|year|weekend|decade|century|fiscal\s+year)){B}"
            ),
        ),
        (
            Rule::PartOf,
            format!(
                r"{B}(?P<pre>(?i:the\s+end|the\s+beginning|the\s+start|the\s+middle|the\s+rest|the\s+remainder))\s+(?i:of)\s+(?P<rel>(?i:the|this|next|last))\s+(?P<unit>(?i:year|month|week|decade)){B}"
            ),
        ),
        (
            Rule::Ago,
            format!(
                r"{B}(?:(?i:about|around|nearly|almost|roughly|some|more\s+than|less\s+than|over|just|only)\s+)?(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})\s+(?P<dir>(?i:ago|from\s+now|hence|earlier)){B}"
            ),
        ),
        (
            Rule::Set,
            format!(
                r"{B}(?:(?i:every|each)\s+(?P<every>{WEEKDAY}|(?i:day|week|month|year|morning|night|evening|weekend|summer|winter|spring))|(?P<adv>(?i:daily|weekly|monthly|hourly|nightly|biweekly))|(?:(?i:once|twice|thrice|(?:\d+|three|four|five|six)\s+times))\s+(?:(?i:a|per|each|every))\s+(?P<per>(?i:day|week|month|year))){B}"
            ),
        ),
        (
            Rule::DayRef,
            format!(
                r"{B}(?:(?i:early|late|earlier|later)\s+)?(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|tomorrow|yesterday|this\s+morning|this\s+afternoon|this\s+evening|last\s+night|last\s+evening))(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?{B}"
            ),
        ),
        (
            Rule::Weekday,
            format!(
                r"{B}(?:(?i:early|late|earlier|later)\s+)?(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|coming|past))\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?{B}"
            ),
        ),
        (Rule::Weekend, format!(r"{B}(?i:the)\s+(?i:weekend){B}")),
        (
            Rule::Season,
            format!(
                r"{B}(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|early|late|(?:the\s+)?(?:past|coming)))\s+(?P<s>(?i:summer|winter|spring|fall|autumn))|(?:(?i:the)\s+)?(?P<s2>(?i:summer|winter|spring|autumn|fall))\s+(?:(?i:of)\s+)?(?P<y>(?:19|20)\d\d)){B}"
            ),
        ),
        (
            Rule::Time,
            format!(
                r"{B}(?:(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[aApP]\.[mM]\.|[aApP][mM]{B})(?:\s+(?P<tz>GMT|UTC|EST|EDT|CST|PST|CET)(?-u:\b))?|(?P<h2>[0-2]?\d):(?P<mi2>[0-5]\d)\s+(?:GMT|UTC|(?i:local\s+time|hours))(?-u:\b)|(?P<noon>(?i:noon|midnight)){B})"
            ),
        ),
        (
            Rule::Vague,
            format!(
                r"{B}(?P<v>(?i:now|currently|recently|nowadays|lately|the\s+past|the\s+future|these\s+days|at\s+present|the\s+present|(?:the\s+)?coming\s+(?:few\s+)?(?:days|weeks|months|years)|recent\s+(?:days|weeks|months|years)|(?:the\s+)?(?:next|past|last)\s+few\s+(?:days|weeks|months|years)|the\s+near\s+future)){B}"
            ),
        ),
        (
            Rule::Duration,
            format!(
                r"{B}(?:(?P<q>(?i:about|around|nearly|almost|more\s+than|less\s+than|at\s+least|roughly|approximately|up\s+to|the))\s+)?(?P<n>{NUM})[-\s](?P<unit>{UNIT_NQ})(?:-(?i:long))?{B}"
            ),
        ),
        (
            Rule::BarePlural,
            format!(
                r"{B}(?P<unit>(?i:minutes|hours|days|weeks|months|years|decades|centuries)){B}"
            ),
        ),
        (
            Rule::Year,
            format!(
                r"{B}(?:(?P<mod>(?i:fiscal|early|late|mid-|mid|the\s+first\s+half\s+of|the\s+(?:second|last|latter)\s+half\s+of|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+spring\s+of|the\s+summer\s+of))\s*)?(?P<y>(?:1[89]|20)\d\d){B}"
            ),
        ),
        (
            Rule::Month,
            format!(
                r"{B}(?:(?P<rel>(?i:last|next|this|early|late|mid-|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of))\s*)?(?P<mon>{MONTH_FULL}){B}"
            ),
        ),
    ]
}

/// Finds and normalises time expressions. Build once with [`TimeExtractor::new`] and share:
/// `extract` takes `&self` and allocates only for the expressions it returns.
#[derive(Debug, Clone)]
pub struct TimeExtractor {
    /// One pattern per rule, in priority order: a leftmost-first search over all of them
    /// finds the expression and, through the pattern id, the rule; the capture groups are
    /// then resolved on that rule's pattern alone.
    re: Regex,
    /// The rule of each pattern id.
    rules: Vec<Rule>,
}

impl Default for TimeExtractor {
    fn default() -> Self {
        Self::new()
    }
}

/// The words of a clause that mark future reference.
const FUTURE_CUES: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "shall",
    "going",
    "plans",
    "planned",
    "planning",
    "scheduled",
    "expected",
    "expects",
    "would",
    "upcoming",
    "next",
    "intends",
    "could",
    "may",
    "might",
    "tentatively",
    "slated",
    "ahead",
    "until",
];

/// The words of a clause that mark past reference.
const PAST_CUES: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "ago",
    "last",
    "met",
    "held",
    "began",
    "ended",
    "came",
    "went",
    "took",
    "told",
    "announced",
    "reported",
    "left",
    "arrived",
    "gave",
    "made",
    "spoke",
    "rose",
    "fell",
    "wrote",
    "saw",
    "sent",
    "won",
    "lost",
    "earlier",
];

impl TimeExtractor {
    /// Builds the matcher (one multi-pattern regex for all rules). Takes a few
    /// milliseconds: build once.
    pub fn new() -> Self {
        let patterns = rule_patterns();
        // The lazy DFA of ~90 patterns outgrows the default 2 MB cache on long documents.
        let re = Regex::builder()
            .configure(Regex::config().hybrid_cache_capacity(8 << 20))
            .build_many(&patterns.iter().map(|(_, p)| p).collect::<Vec<_>>())
            .expect("the built-in time patterns are valid regexes");
        let rules = patterns.iter().map(|(rule, _)| *rule).collect();
        TimeExtractor { re, rules }
    }

    /// Finds the time expressions of `text`, sentence by sentence (`sentences` from
    /// [`crate::split_sentences`]), resolving relative ones against `dct`.
    pub fn extract(&self, text: &str, sentences: &[Span], dct: Option<Date>) -> Vec<Timex> {
        let mut out = Vec::new();
        self.extract_into(text, sentences, dct, &mut out);
        out
    }

    /// Like [`TimeExtractor::extract`], appending to `out`.
    pub fn extract_into(
        &self,
        text: &str,
        sentences: &[Span],
        dct: Option<Date>,
        out: &mut Vec<Timex>,
    ) {
        let mut caps = self.re.create_captures();
        for &s in sentences {
            let Some(sent) = s.slice(text) else { continue };
            let base = s.start() as usize;
            let first = out.len();
            let mut at = 0;
            while at <= sent.len() {
                let Some(found) = self.re.search(&Input::new(sent).range(at..)) else {
                    break;
                };
                // No rule matches the empty string, but never loop on one.
                at = if found.is_empty() {
                    found.end() + sent[found.end()..].chars().next().map_or(1, char::len_utf8)
                } else {
                    found.end()
                };
                let pattern = found.pattern();
                let Some(&rule) = self.rules.get(pattern.as_usize()) else {
                    continue;
                };
                if !self.groups_of(sent, found.start(), pattern, &mut caps) {
                    continue;
                }
                let m = Groups { caps: &caps, sent };
                let whole = (found.start(), found.end());
                let (mut start, end) = m.get("x").unwrap_or(whole);
                // "the two-week truce": a hyphenated length is tagged without "the".
                if rule == Rule::Duration
                    && let Some(n) = m.get("n")
                    && sent[whole.0..n.0].eq_ignore_ascii_case("the ")
                    && ctx_hyphen(sent, n.1)
                {
                    start = n.0;
                }
                // "the third-quarter results": the adjective form is tagged without "the".
                if rule == Rule::Quarter
                    && sent[whole.0..whole.1].contains("-quarter")
                    && let Some(ord) = m.get("ord")
                    && m.get("rel").is_none()
                {
                    start = ord.0;
                }
                let ctx = Context {
                    sent,
                    start,
                    end,
                    dct,
                };
                if let Some((kind, value, resolution)) = normalize(rule, &m, &ctx)
                    && let Ok(span) = Span::new((base + start) as u32, (base + end) as u32)
                {
                    out.push(Timex {
                        span,
                        kind,
                        value,
                        resolution,
                    });
                }
            }
            merge_time_and_day(sent, base, out, first);
            anchor_times(&mut out[first..]);
        }
    }

    /// Fills `caps` with the groups of `pattern`'s match starting at `start` (the same match
    /// the search found: leftmost-first within the one pattern). False if it does not match.
    fn groups_of(&self, sent: &str, start: usize, pattern: PatternID, caps: &mut Captures) -> bool {
        let input = Input::new(sent)
            .range(start..)
            .anchored(Anchored::Pattern(pattern));
        self.re.search_captures(&input, caps);
        caps.is_match()
    }
}

/// True when the number ending at `at` is joined to its unit by a hyphen ("two-week").
fn ctx_hyphen(sent: &str, at: usize) -> bool {
    sent[at..].starts_with('-')
}

/// Joins a time of day and the day right after it ("5 p.m. EST, Nov. 9", "noon Saturday")
/// into one TIME expression with that day's date.
fn merge_time_and_day(sent: &str, base: usize, out: &mut Vec<Timex>, first: usize) {
    let mut i = first;
    while i + 1 < out.len() {
        let (a, b) = (&out[i], &out[i + 1]);
        let gap_start = a.span.end() as usize - base;
        let gap_end = b.span.start() as usize - base;
        let gap = sent.get(gap_start..gap_end).unwrap_or("x");
        let joinable = a.kind == TimexType::Time
            && b.kind == TimexType::Date
            && b.value.len() == 10
            && gap.len() <= 3
            && gap.chars().all(|c| c == ' ' || c == ',');
        if joinable
            && let (Some(pos), Ok(span)) =
                (a.value.find('T'), Span::new(a.span.start(), b.span.end()))
        {
            let value = format!("{}{}", b.value, &a.value[pos..]);
            let resolution = b.resolution;
            out[i] = Timex {
                span,
                kind: TimexType::Time,
                value,
                resolution,
            };
            out.remove(i + 1);
        }
        i += 1;
    }
}

/// Gives a time of day the date of a day-level date in the same sentence ("on Friday at
/// 3 p.m.") instead of the publication date.
fn anchor_times(found: &mut [Timex]) {
    let day = found
        .iter()
        .find(|t| t.kind == TimexType::Date && t.value.len() == 10 && !t.value.starts_with('X'))
        .map(|t| t.value.clone());
    let Some(day) = day else { return };
    for t in found.iter_mut() {
        if t.kind == TimexType::Time
            && let Some(pos) = t.value.find('T')
            && pos == 10
        {
            t.value.replace_range(..10, &day);
        }
    }
}

/// Access to one rule's named groups inside the combined regex.
/// The named groups of one rule's match.
struct Groups<'a, 'h> {
    caps: &'a Captures,
    sent: &'h str,
}

impl<'h> Groups<'_, 'h> {
    fn get(&self, name: &str) -> Option<(usize, usize)> {
        self.caps
            .get_group_by_name(name)
            .map(|span| (span.start, span.end))
    }
    fn str(&self, name: &str) -> Option<&'h str> {
        self.get(name).map(|(a, b)| &self.sent[a..b])
    }
}

struct Context<'a> {
    sent: &'a str,
    start: usize,
    end: usize,
    dct: Option<Date>,
}

impl Context<'_> {
    fn prev_word(&self) -> &str {
        let before = self.sent[..self.start].trim_end();
        let from = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        &before[from..]
    }
    fn next_word(&self) -> &str {
        let after = self.sent[self.end..].trim_start();
        let to = after
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(after.len());
        &after[..to]
    }
    /// The char right after the match, skipping spaces.
    fn next_char(&self) -> Option<char> {
        self.sent[self.end..].trim_start().chars().next()
    }
    /// Tense of the clause around the match, falling back to the whole sentence.
    fn tense(&self) -> Tense {
        let is_break = |c: char| matches!(c, ',' | ';' | ':' | '“' | '”' | '"' | '—' | '(' | ')');
        let left = self.sent[..self.start]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_break(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let right = self.sent[self.end..]
            .find(is_break)
            .map_or(self.sent.len(), |i| self.end + i);
        let clause_before = &self.sent[left..self.start];
        let clause_after = &self.sent[self.end..right];
        let t = tense_of(clause_before, clause_after);
        if t != Tense::Unknown {
            return t;
        }
        tense_of(&self.sent[..self.start], &self.sent[self.end..])
    }
}

fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
}

/// Tense from the cue word nearest the expression: words before it are read backwards,
/// words after it forwards, and the closest future or past cue decides (past on a tie).
/// "set to", "due to", "poised to" and "slated to" mark the future too.
fn tense_of(before: &str, after: &str) -> Tense {
    let cue = |w: &str, next: Option<&str>| -> Option<Tense> {
        let lw = w.to_ascii_lowercase();
        let to_follows = next.is_some_and(|n| n.eq_ignore_ascii_case("to"));
        if lw.ends_with("'ll")
            || lw.ends_with("’ll")
            || eq_any(&lw, FUTURE_CUES)
            // "is to visit", "are to meet": a plan.
            || (to_follows && matches!(lw.as_str(), "set" | "due" | "poised" | "about" | "is" | "are"))
        {
            Some(Tense::Future)
        } else if eq_any(&lw, PAST_CUES)
            || irregular_past_with_prefix(&lw)
            || (lw.len() > 4 && lw.ends_with("ed") && !lw.ends_with("eed"))
        {
            Some(Tense::Past)
        } else {
            None
        }
    };
    let before_words: Vec<&str> = words(before).collect();
    let after_words: Vec<&str> = words(after).collect();
    let back = (0..before_words.len())
        .rev()
        .enumerate()
        .find_map(|(dist, i)| {
            let next = before_words.get(i + 1).or(after_words.first()).copied();
            cue(before_words[i], next).map(|t| (dist, t))
        });
    // A complement clause after the expression ("told them on Friday that the court will…")
    // is another clause: its verbs do not date the expression.
    let fwd = (0..after_words.len())
        .take_while(|&i| !after_words[i].eq_ignore_ascii_case("that"))
        .find_map(|i| cue(after_words[i], after_words.get(i + 1).copied()).map(|t| (i, t)));
    match (back, fwd) {
        (Some((i, a)), Some((j, b))) => {
            if i < j {
                a
            } else if j < i {
                b
            } else if a == Tense::Future && b == Tense::Future {
                Tense::Future
            } else {
                Tense::Past
            }
        }
        (Some((_, t)), None) | (None, Some((_, t))) => t,
        (None, None) => Tense::Unknown,
    }
}

/// An irregular past after a verb prefix: "upheld", "withheld", "overtook", "undertook".
fn irregular_past_with_prefix(lower: &str) -> bool {
    ["up", "with", "over", "under", "out", "re", "mis", "fore"]
        .iter()
        .filter_map(|p| lower.strip_prefix(p))
        .any(|rest| rest.len() >= 3 && eq_any(rest, PAST_CUES))
}

fn eq_any(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

fn month_number(name: &str) -> Option<i8> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let key = lower.get(..3)?;
    let n = match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday_of(name: &str) -> Option<Weekday> {
    let lower = name.to_ascii_lowercase();
    if !lower.ends_with("day") {
        return None;
    }
    Some(match lower.get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// A number word or numeral as written in a duration; `None` for vague amounts ("several").
fn number_value(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let lower = lower.trim();
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(lower.to_owned());
    }
    let unit = |w: &str| -> Option<u32> {
        Some(match w {
            "a" | "an" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            "hundred" | "a hundred" => 100,
            "a couple" | "a couple of" | "couple of" => 2,
            "a dozen" => 12,
            _ => return None,
        })
    };
    let norm: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(n) = unit(&norm) {
        return Some(n.to_string());
    }
    if let Some((tens, ones)) = norm.split_once(['-', ' '])
        && let (Some(t), Some(o)) = (unit(tens), unit(ones))
    {
        return Some((t + o).to_string());
    }
    None
}

/// TimeML unit letters for a duration, and whether it is a time (PT…) unit.
fn unit_code(unit: &str) -> Option<(&'static str, bool)> {
    let u = unit.to_ascii_lowercase();
    let u = u.trim_end_matches('s');
    Some(match u {
        "second" => ("S", true),
        "minute" => ("M", true),
        "hour" => ("H", true),
        "day" | "night" => ("D", false),
        "week" => ("W", false),
        "weekend" => ("WE", false),
        "month" => ("M", false),
        "year" => ("Y", false),
        "decade" => ("DE", false),
        "century" | "centurie" => ("CE", false),
        "quarter" => ("Q", false),
        _ => return None,
    })
}

fn duration_value(n: Option<&str>, unit: &str) -> Option<String> {
    let (code, time) = unit_code(unit)?;
    let amount = n.and_then(number_value).unwrap_or_else(|| "X".to_owned());
    Some(if time {
        format!("PT{amount}{code}")
    } else {
        format!("P{amount}{code}")
    })
}

fn ymd(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn iso_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

fn add_months(year: i16, month: i8, n: i32) -> (i32, i32) {
    let total = i32::from(year) * 12 + i32::from(month) - 1 + n;
    (total.div_euclid(12), total.rem_euclid(12) + 1)
}

/// The weekday `wd` nearest `dct` in the direction the tense gives.
fn resolve_weekday(dct: Date, wd: Weekday, rel: Option<&str>, tense: Tense) -> Option<Date> {
    let cur = i64::from(dct.weekday().to_monday_one_offset());
    let want = i64::from(wd.to_monday_one_offset());
    let back = (cur - want).rem_euclid(7); // days back to the latest such weekday (0 = today)
    let fwd = (want - cur).rem_euclid(7);
    let rel = rel.map(|r| r.to_ascii_lowercase());
    let offset = match rel.as_deref() {
        Some("last") | Some("past") | Some("this past") => -(if back == 0 { 7 } else { back }),
        Some("next") | Some("coming") | Some("this coming") => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        _ => match tense {
            Tense::Future => fwd,
            _ => -back,
        },
    };
    add_days(dct, offset)
}

fn part_of_day(part: &str) -> &'static str {
    match part.to_ascii_lowercase().as_str() {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        _ => "TNI",
    }
}

/// Year for a month (and day) written without one: the DCT's year, moved back or forward a
/// year when the tense puts the date on the other side of the DCT by more than a month.
fn year_for(dct: Date, month: i8, day: Option<i8>, tense: Tense) -> i16 {
    let y = dct.year();
    let Some(day) = day else {
        let diff = i32::from(month) - i32::from(dct.month());
        return match tense {
            Tense::Past if diff > 0 => y - 1,
            Tense::Future if diff < 0 => y + 1,
            Tense::Unknown if diff > 6 => y - 1,
            Tense::Unknown if diff < -6 => y + 1,
            _ => y,
        };
    };
    let Ok(d) = Date::new(y, month, day.min(28)) else {
        return y;
    };
    let diff = (d - dct).get_days();
    match tense {
        Tense::Past if diff > 60 => y - 1,
        Tense::Future if diff < -60 => y + 1,
        Tense::Unknown if diff > 183 => y - 1,
        Tense::Unknown if diff < -183 => y + 1,
        _ => y,
    }
}

type Normalized = (TimexType, String, Resolution);

fn date(value: String) -> Option<Normalized> {
    Some((TimexType::Date, value, Resolution::Text))
}

fn anchored(kind: TimexType, value: String) -> Option<Normalized> {
    Some((kind, value, Resolution::Dct))
}

fn unresolved(kind: TimexType, value: &str) -> Option<Normalized> {
    Some((kind, value.to_owned(), Resolution::Unresolved))
}

fn parse_year(s: &str) -> Option<i16> {
    s.parse().ok()
}

/// Nouns after a four-digit number that show it is a count, not a year.
const COUNT_NOUNS: &[&str] = &[
    "people",
    "troops",
    "soldiers",
    "members",
    "cases",
    "deaths",
    "dead",
    "killed",
    "residents",
    "workers",
    "tons",
    "tonnes",
    "barrels",
    "units",
    "points",
    "votes",
    "meters",
    "metres",
    "km",
    "kilometers",
    "miles",
    "jobs",
    "centrifuges",
    "kg",
    "kilograms",
    "pounds",
    "feet",
    "percent",
    "dollars",
    "euros",
    "rials",
    "shares",
    "prisoners",
    "hostages",
    "missiles",
    "rockets",
    "families",
    "children",
    "civilians",
    "delegates",
    "seats",
    "students",
    "employees",
    "homes",
];

fn normalize(rule: Rule, m: &Groups<'_, '_>, ctx: &Context<'_>) -> Option<Normalized> {
    let dct = ctx.dct;
    match rule {
        Rule::IsoDate => {
            let (y, mo, d) = (m.str("y")?, m.str("mo")?, m.str("d")?);
            let mo_n: i8 = mo.parse().ok()?;
            let d_n: i8 = d.parse().ok()?;
            Date::new(parse_year(y)?, mo_n, d_n).ok()?;
            match (m.str("h"), m.str("mi")) {
                (Some(h), Some(mi)) => Some((
                    TimexType::Time,
                    format!("{y}-{mo}-{d}T{h}:{mi}"),
                    Resolution::Text,
                )),
                _ => date(format!("{y}-{mo}-{d}")),
            }
        }
        Rule::IsoWeek => date(format!("{}-W{}", m.str("y")?, m.str("w")?)),
        Rule::MonthDay | Rule::DayMonth | Rule::OnThe => {
            let day: i8 = m.str("d")?.parse().ok()?;
            if !(1..=31).contains(&day) {
                return None;
            }
            let month = match m.str("mon") {
                Some(name) => Some(month_number(name)?),
                None => None,
            };
            if rule == Rule::OnThe && month.is_none() {
                // "on the 6th": a day of the DCT's month, unless a noun follows ("the 6th fleet").
                let next = ctx.next_word();
                if next.chars().next().is_some_and(char::is_alphabetic)
                    && !eq_any(
                        next,
                        &[
                            "and", "at", "to", "when", "in", "as", "after", "before", "or",
                        ],
                    )
                {
                    return None;
                }
                let Some(dct) = dct else {
                    return unresolved(TimexType::Date, &format!("XXXX-XX-{day:02}"));
                };
                Date::new(dct.year(), dct.month(), day).ok()?;
                return anchored(
                    TimexType::Date,
                    format!("{:04}-{:02}-{:02}", dct.year(), dct.month(), day),
                );
            }
            let month = month?;
            // "May 5" needs a capital May; "March 3" likewise: the regex already demands it.
            match m.str("y").and_then(parse_year) {
                Some(y) => {
                    Date::new(y, month, day).ok()?;
                    date(format!("{y:04}-{month:02}-{day:02}"))
                }
                None => match dct {
                    Some(dct) => {
                        let y = year_for(dct, month, Some(day), ctx.tense());
                        Date::new(y, month, day).ok()?;
                        anchored(TimexType::Date, format!("{y:04}-{month:02}-{day:02}"))
                    }
                    None => date(format!("XXXX-{month:02}-{day:02}")),
                },
            }
        }
        Rule::SpelledYear => {
            let Some(sy) = m.str("sy") else {
                return date("2000".to_owned());
            };
            // "two thousand five hundred troops" is a count, not a year.
            let next = ctx.next_word().to_ascii_lowercase();
            if matches!(next.as_str(), "hundred" | "thousand") || eq_any(&next, COUNT_NOUNS) {
                return None;
            }
            let lower = sy.to_ascii_lowercase().replace('-', " ");
            let words: Vec<&str> = lower.split_whitespace().collect();
            let (century, rest) = match words.first() {
                Some(&"nineteen") => (1900, &words[1..]),
                Some(&"two") => (2000, &words[2..]),
                _ => return None,
            };
            let rest: Vec<&str> = rest
                .iter()
                .copied()
                .filter(|w| *w != "and" && *w != "oh")
                .collect();
            let num = |w: &str| number_value(w).and_then(|v| v.parse::<u32>().ok());
            let n: u32 = match rest.as_slice() {
                [one] => num(one)?,
                [tens, ones] => num(tens)? + num(ones)?,
                _ => return None,
            };
            date(format!("{:04}", century + n))
        }
        Rule::MonthRelYear | Rule::QuarterOfYear | Rule::YearAdj => {
            let Some(dct) = dct else {
                return unresolved(TimexType::Date, "XXXX");
            };
            let step = match m.str("rel").map(str::to_ascii_lowercase).as_deref() {
                Some("last") => -1,
                Some("next") => 1,
                Some(_) => 0,
                None => -1,
            };
            let y = i32::from(dct.year()) + step;
            match rule {
                Rule::MonthRelYear => {
                    let month = month_number(m.str("mon")?)?;
                    anchored(TimexType::Date, format!("{y:04}-{month:02}"))
                }
                Rule::QuarterOfYear => {
                    let q = match m.str("ord")?.to_ascii_lowercase().as_str() {
                        "first" | "1st" => 1,
                        "second" | "2nd" => 2,
                        "third" | "3rd" => 3,
                        _ => 4,
                    };
                    anchored(TimexType::Date, format!("{y:04}-Q{q}"))
                }
                _ => {
                    // "year-earlier results": beside a quarter, that quarter a year back.
                    let quarterly = ctx.sent.contains("quarter") || ctx.sent.contains("period");
                    if quarterly {
                        let cur_q = (dct.month() - 1) / 3 + 1;
                        let (y, q) = if cur_q == 1 {
                            (y - 1, 4)
                        } else {
                            (y, cur_q - 1)
                        };
                        anchored(TimexType::Date, format!("{y:04}-Q{q}"))
                    } else {
                        anchored(TimexType::Date, format!("{y:04}"))
                    }
                }
            }
        }
        Rule::MonthYear => {
            let month = month_number(m.str("mon")?)?;
            let y = m.str("y")?;
            date(format!("{y}-{month:02}"))
        }
        Rule::Month => {
            let name = m.str("mon")?;
            let month = month_number(name)?;
            let rel = m.str("rel").map(|r| r.trim().to_ascii_lowercase());
            if rel.is_none() {
                // A bare month name: only after a preposition that takes a date, and never the
                // modal "May" or the verb "March" at the start of a clause.
                let prev = ctx.prev_word().to_ascii_lowercase();
                let ok = matches!(
                    prev.as_str(),
                    "in" | "since"
                        | "by"
                        | "until"
                        | "till"
                        | "of"
                        | "during"
                        | "from"
                        | "through"
                        | "before"
                        | "after"
                        | "early"
                        | "late"
                        | "mid"
                        | "and"
                        | "to"
                        | "or"
                        | "between"
                        | "throughout"
                        | "that"
                        | "for"
                        | "around"
                );
                if !ok {
                    return None;
                }
            }
            let Some(dct) = dct else {
                // "in March" names the month whatever the year (TimeML's `XXXX-03`, as "Feb. 11"
                // is `XXXX-02-11`); "last March" needs the publication date.
                return match rel {
                    None => date(format!("XXXX-{month:02}")),
                    Some(_) => unresolved(TimexType::Date, &format!("XXXX-{month:02}")),
                };
            };
            let cur = dct.month();
            let y = match rel.as_deref() {
                // The latest such month before the DCT's month.
                Some("last") => {
                    if month < cur {
                        dct.year()
                    } else {
                        dct.year() - 1
                    }
                }
                Some("next") => {
                    if month > cur {
                        dct.year()
                    } else {
                        dct.year() + 1
                    }
                }
                Some("this") => dct.year(),
                _ => year_for(dct, month, None, ctx.tense()),
            };
            anchored(TimexType::Date, format!("{y:04}-{month:02}"))
        }
        Rule::Decade => {
            let dec = m.str("dec")?;
            date(dec[..3].to_owned())
        }
        Rule::Quarter => {
            let ord = m.str("ord").map(|o| match o.to_ascii_lowercase().as_str() {
                "first" | "1st" => 1,
                "second" | "2nd" => 2,
                "third" | "3rd" => 3,
                _ => 4,
            });
            let rel = m.str("rel").map(str::to_ascii_lowercase);
            let word = &ctx.sent[ctx.start..ctx.end];
            let is_period = word.to_ascii_lowercase().contains("period");
            if is_period && ord.is_none() && rel.is_none() {
                return None;
            }
            if is_period && ord.is_none() {
                // "the latest period": the last quarter before the DCT, like "the quarter".
            }
            if let Some(y) = m.str("y").or(m.str("y0")) {
                if is_period && ord.is_none() && m.str("y0").is_some() && dct.is_some() {
                    // "the 1988 period": the reporting quarter of that year.
                    let dct = dct?;
                    let cur_q = (dct.month() - 1) / 3 + 1;
                    let q = if cur_q == 1 { 4 } else { cur_q - 1 };
                    return date(format!("{y}-Q{q}"));
                }
                if ord.is_none() && m.str("y0").is_some() && dct.is_some() && !is_period {
                    let dct = dct?;
                    let cur_q = (dct.month() - 1) / 3 + 1;
                    let q = if cur_q == 1 { 4 } else { cur_q - 1 };
                    return date(format!("{y}-Q{q}"));
                }
                return match ord {
                    Some(q) => date(format!("{y}-Q{q}")),
                    None => date(y.to_owned()),
                };
            }
            // A bare "quarter" without article or modifier is too vague to tag.
            let has_article = word.to_ascii_lowercase().starts_with("the");
            if ord.is_none() && rel.is_none() && !has_article {
                return None;
            }
            let Some(dct) = dct else {
                return unresolved(TimexType::Date, "XXXX-QX");
            };
            let cur_q = (dct.month() - 1) / 3 + 1;
            let (mut y, q) = match ord {
                Some(q) => {
                    let y = if q > cur_q && ctx.tense() != Tense::Future {
                        dct.year() - 1
                    } else {
                        dct.year()
                    };
                    (y, q)
                }
                None => match rel.as_deref() {
                    Some("next") | Some("coming") => {
                        if cur_q == 4 {
                            (dct.year() + 1, 1)
                        } else {
                            (dct.year(), cur_q + 1)
                        }
                    }
                    Some("current") => (dct.year(), cur_q),
                    _ => {
                        if cur_q == 1 {
                            (dct.year() - 1, 4)
                        } else {
                            (dct.year(), cur_q - 1)
                        }
                    }
                },
            };
            if matches!(rel.as_deref(), Some("year-earlier") | Some("year-ago")) {
                y -= 1;
            }
            anchored(TimexType::Date, format!("{y:04}-Q{q}"))
        }
        Rule::DurationRel => {
            let value = duration_value(m.str("n"), m.str("unit")?)?;
            Some((TimexType::Duration, value, Resolution::Text))
        }
        Rule::RelUnit | Rule::PartOf => {
            let rel = m.str("rel")?.to_ascii_lowercase();
            let rel = rel.split_whitespace().last().unwrap_or("this").to_owned();
            let unit = m.str("unit")?.to_ascii_lowercase();
            let unit = unit.split_whitespace().last().unwrap_or("year").to_owned();
            let step: i32 = match rel.as_str() {
                "last" | "past" | "previous" => -1,
                "next" | "coming" | "following" => 1,
                _ => 0,
            };
            let Some(dct) = dct else {
                let v = match unit.as_str() {
                    "week" | "weekend" => "XXXX-WXX",
                    "month" => "XXXX-XX",
                    "decade" => "XXX",
                    "century" => "XX",
                    _ => "XXXX",
                };
                return unresolved(TimexType::Date, v);
            };
            let value = match unit.as_str() {
                "week" => iso_week(add_days(dct, 7 * i64::from(step))?),
                "weekend" => format!("{}-WE", iso_week(add_days(dct, 7 * i64::from(step))?)),
                "month" => {
                    let (y, mo) = add_months(dct.year(), dct.month(), step);
                    format!("{y:04}-{mo:02}")
                }
                "decade" => format!("{:03}", (i32::from(dct.year()) / 10) + step),
                "century" => format!("{:02}", (i32::from(dct.year()) / 100) + step),
                _ => format!("{:04}", i32::from(dct.year()) + step),
            };
            anchored(TimexType::Date, value)
        }
        Rule::Ago => {
            let unit = m.str("unit")?;
            if m.str("n").is_none() {
                // "months ago", "years earlier": a vague past (or future) reference.
                if !unit.to_ascii_lowercase().ends_with('s') {
                    return None;
                }
                let dir = m.str("dir")?.to_ascii_lowercase();
                let v = if dir.starts_with("ago") || dir.starts_with("earlier") {
                    "PAST_REF"
                } else {
                    "FUTURE_REF"
                };
                return date(v.to_owned());
            }
            let (code, time) = unit_code(unit)?;
            let n: Option<i64> = m
                .str("n")
                .and_then(number_value)
                .and_then(|s| s.parse::<f64>().ok())
                .map(|f| f.round() as i64);
            let dir = m.str("dir")?.to_ascii_lowercase();
            let sign = if dir.starts_with("ago") || dir.starts_with("earlier") {
                -1
            } else {
                1
            };
            let Some(n) = n else {
                return Some((
                    TimexType::Date,
                    if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_owned(),
                    Resolution::Text,
                ));
            };
            let Some(dct) = dct else {
                return unresolved(TimexType::Date, "XXXX-XX-XX");
            };
            if time {
                return anchored(TimexType::Date, ymd(dct));
            }
            // In results reports "a year ago" next to a quarter is that quarter a year back.
            let quarterly = ctx.sent.contains("quarter") || ctx.sent.contains("period");
            if code == "Y" && n == 1 && sign < 0 && quarterly {
                let cur_q = (dct.month() - 1) / 3 + 1;
                let (y, q) = if cur_q == 1 {
                    (dct.year() - 2, 4)
                } else {
                    (dct.year() - 1, cur_q - 1)
                };
                return anchored(TimexType::Date, format!("{y:04}-Q{q}"));
            }
            let value = match code {
                "D" => ymd(add_days(dct, sign * n)?),
                "W" | "WE" => iso_week(add_days(dct, sign * 7 * n)?),
                "M" => {
                    let (y, mo) = add_months(dct.year(), dct.month(), (sign * n) as i32);
                    format!("{y:04}-{mo:02}")
                }
                "Y" => format!("{:04}", i64::from(dct.year()) + sign * n),
                "DE" => format!("{:03}", (i64::from(dct.year()) + sign * 10 * n) / 10),
                "Q" => {
                    let (y, mo) = add_months(dct.year(), dct.month(), (sign * 3 * n) as i32);
                    format!("{y:04}-Q{}", (mo - 1) / 3 + 1)
                }
                _ => format!("{:02}", (i64::from(dct.year()) + sign * 100 * n) / 100),
            };
            anchored(TimexType::Date, value)
        }
        Rule::Set => {
            if let Some(every) = m.str("every") {
                if let Some(wd) = weekday_of(every) {
                    return Some((
                        TimexType::Set,
                        format!("XXXX-WXX-{}", wd.to_monday_one_offset()),
                        Resolution::Text,
                    ));
                }
                let v = match every.to_ascii_lowercase().as_str() {
                    "day" => "P1D",
                    "week" => "P1W",
                    "month" => "P1M",
                    "year" => "P1Y",
                    "weekend" => "P1WE",
                    "morning" => "TMO",
                    "evening" => "TEV",
                    "night" => "TNI",
                    "summer" => "XXXX-SU",
                    "winter" => "XXXX-WI",
                    _ => "XXXX-SP",
                };
                return Some((TimexType::Set, v.to_owned(), Resolution::Text));
            }
            let key = m.str("adv").or(m.str("per"))?.to_ascii_lowercase();
            let v = match key.as_str() {
                "daily" | "day" => "P1D",
                "weekly" | "week" => "P1W",
                "biweekly" => "P2W",
                "monthly" | "month" => "P1M",
                "hourly" => "PT1H",
                "nightly" => "TNI",
                "quarterly" => "P3M",
                _ => "P1Y",
            };
            Some((TimexType::Set, v.to_owned(), Resolution::Text))
        }
        Rule::DayRef => {
            let w = m.str("w")?.to_ascii_lowercase();
            let w: String = w.split_whitespace().collect::<Vec<_>>().join(" ");
            let (offset, fixed_part): (i64, Option<&str>) = match w.as_str() {
                "today" => (0, None),
                "tonight" => (0, Some("TNI")),
                "tomorrow" => (1, None),
                "yesterday" => (-1, None),
                "this morning" => (0, Some("TMO")),
                "this afternoon" => (0, Some("TAF")),
                "this evening" => (0, Some("TEV")),
                "last night" => (-1, Some("TNI")),
                "last evening" => (-1, Some("TEV")),
                "the day before yesterday" => (-2, None),
                _ => (2, None),
            };
            let part = fixed_part.or(m.str("part").map(part_of_day));
            let kind = if part.is_some() {
                TimexType::Time
            } else {
                TimexType::Date
            };
            let Some(dct) = dct else {
                return unresolved(kind, &format!("XXXX-XX-XX{}", part.unwrap_or_default()));
            };
            let d = add_days(dct, offset)?;
            anchored(kind, format!("{}{}", ymd(d), part.unwrap_or_default()))
        }
        Rule::Weekday => {
            let wd = weekday_of(m.str("wd")?)?;
            let part = m.str("part").map(part_of_day);
            // "Wednesday night" names a day part: TimeML annotators type it DATE.
            let kind = TimexType::Date;
            let Some(dct) = dct else {
                return unresolved(
                    kind,
                    &format!(
                        "XXXX-WXX-{}{}",
                        wd.to_monday_one_offset(),
                        part.unwrap_or_default()
                    ),
                );
            };
            let d = resolve_weekday(dct, wd, m.str("rel"), ctx.tense())?;
            // "Friday night" keeps its part of day (`…TNI`), as most TimeML annotations do.
            anchored(kind, format!("{}{}", ymd(d), part.unwrap_or_default()))
        }
        Rule::Weekend => {
            let Some(dct) = dct else {
                return unresolved(TimexType::Date, "XXXX-WXX-WE");
            };
            let sat = resolve_weekday(dct, Weekday::Saturday, None, ctx.tense())?;
            anchored(TimexType::Date, format!("{}-WE", iso_week(sat)))
        }
        Rule::Season => {
            let (name, rel) = match (m.str("s"), m.str("s2")) {
                (Some(s), _) => (s, m.str("rel")),
                (None, Some(s)) => (s, None),
                _ => return None,
            };
            let code = match name.to_ascii_lowercase().as_str() {
                "summer" => "SU",
                "winter" => "WI",
                "spring" => "SP",
                _ => "FA",
            };
            if let Some(y) = m.str("y") {
                return date(format!("{y}-{code}"));
            }
            let Some(dct) = dct else {
                return unresolved(TimexType::Date, &format!("XXXX-{code}"));
            };
            // Seasons start roughly in months 3 (SP), 6 (SU), 9 (FA), 12 (WI).
            let start: i8 = match code {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            let rel = rel.map(|r| r.to_ascii_lowercase()).unwrap_or_default();
            let m_now = dct.month();
            let y = if rel.contains("last") || rel.contains("past") {
                // "last spring" names last year's, as TimeML annotators read it.
                dct.year() - 1
            } else if rel.contains("next") || rel.contains("coming") {
                if m_now < start {
                    dct.year()
                } else {
                    dct.year() + 1
                }
            } else {
                dct.year()
            };
            anchored(TimexType::Date, format!("{y:04}-{code}"))
        }
        Rule::Time => {
            let (h, mi) = if m.str("noon").is_some() {
                let noon = m.str("noon")?.eq_ignore_ascii_case("noon");
                (if noon { 12 } else { 24 }, 0)
            } else if let Some(h) = m.str("h") {
                let mut h: u32 = h.parse().ok()?;
                let mi: u32 = m.str("mi").map_or(Some(0), |s| s.parse().ok())?;
                let pm = m.str("ampm")?.to_ascii_lowercase().starts_with('p');
                if !(1..=12).contains(&h) {
                    return None;
                }
                if pm && h < 12 {
                    h += 12;
                }
                if !pm && h == 12 {
                    h = 0;
                }
                (h, mi)
            } else {
                let h: u32 = m.str("h2")?.parse().ok()?;
                let mi: u32 = m.str("mi2")?.parse().ok()?;
                if h > 24 {
                    return None;
                }
                (h, mi)
            };
            let Some(dct) = dct else {
                return unresolved(TimexType::Time, &format!("XXXX-XX-XXT{h:02}:{mi:02}"));
            };
            anchored(TimexType::Time, format!("{}T{h:02}:{mi:02}", ymd(dct)))
        }
        Rule::Vague => {
            let v = m.str("v")?.to_ascii_lowercase();
            let v: String = v.split_whitespace().collect::<Vec<_>>().join(" ");
            let value = if v.contains("coming")
                || v.contains("future")
                || v == "soon"
                || v.starts_with("next")
            {
                "FUTURE_REF"
            } else if v.contains("past")
                || v.contains("recent")
                || v == "lately"
                || v.starts_with("last")
            {
                "PAST_REF"
            } else {
                "PRESENT_REF"
            };
            if v == "now" {
                // "now" as in "now that …" is still PRESENT_REF in TimeML; skip "from now on".
                let prev = ctx.prev_word().to_ascii_lowercase();
                if prev == "from" {
                    return None;
                }
            }
            date(value.to_owned())
        }
        Rule::Duration => {
            let n = m.str("n")?;
            let unit = m.str("unit")?;
            let nl = n.to_ascii_lowercase();
            // "a day" in "twice a day" is a set (handled before); "some" + singular is not a
            // duration ("some day"); a lone "a second" is usually the ordinal.
            let singular = !unit.to_ascii_lowercase().ends_with('s');
            if (nl == "some" || nl == "many" || nl == "several") && singular {
                return None;
            }
            if (nl == "a" || nl == "an") && unit.eq_ignore_ascii_case("second") {
                return None;
            }
            // "a decades-long feud": a plural unit after "a" is an adjective, not a length.
            if matches!(nl.as_str(), "a" | "an" | "one") && !singular {
                return None;
            }
            if nl.starts_with(|c: char| c.is_ascii_digit()) && ctx.prev_word() == "$" {
                return None;
            }
            let after = &ctx.sent[ctx.end..];
            if after.starts_with("-old") || after.trim_start().starts_with("old ") {
                return None;
            }
            let value = duration_value(Some(n), unit)?;
            Some((TimexType::Duration, value, Resolution::Text))
        }
        Rule::BarePlural => {
            let prev = ctx.prev_word().to_ascii_lowercase();
            let next = ctx.next_word().to_ascii_lowercase();
            let ok = matches!(
                prev.as_str(),
                "for" | "over" | "within" | "took" | "lasted" | "spent"
            ) || matches!(
                next.as_str(),
                "after" | "later" | "before" | "earlier" | "ago"
            );
            if !ok {
                return None;
            }
            if next == "ago" {
                return date("PAST_REF".to_owned());
            }
            let value = duration_value(None, m.str("unit")?)?;
            Some((TimexType::Duration, value, Resolution::Text))
        }
        Rule::Year => {
            let y: i32 = m.str("y")?.parse().ok()?;
            if !(1800..=2099).contains(&y) {
                return None;
            }
            let prev = ctx.prev_word();
            if matches!(
                prev,
                "$" | "No" | "no" | "number" | "Resolution" | "resolution"
            ) {
                return None;
            }
            let before = ctx.sent[..ctx.start].trim_end();
            if before.ends_with(['$', '#', '€', '£'])
                || before.ends_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            if matches!(ctx.next_char(), Some('%' | ',' ) if ctx.sent[ctx.end..].starts_with(",0") || ctx.sent[ctx.end..].starts_with("%"))
            {
                return None;
            }
            if ctx.sent[ctx.end..].starts_with(['.', ','])
                && ctx.sent[ctx.end + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            let next = ctx.next_word().to_ascii_lowercase();
            if eq_any(&next, COUNT_NOUNS) {
                return None;
            }
            let half = m.str("mod").map(str::to_ascii_lowercase);
            match half.as_deref() {
                Some(h) if h.contains("first half") => date(format!("{y:04}-H1")),
                Some(h) if h.contains("half") => date(format!("{y:04}-H2")),
                _ => date(format!("{y:04}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::split_marks;
    use std::sync::OnceLock;

    fn extractor() -> &'static TimeExtractor {
        static X: OnceLock<TimeExtractor> = OnceLock::new();
        X.get_or_init(TimeExtractor::new)
    }

    #[track_caller]
    fn check_times(dct: &str, marked: &str, want: &[&str]) {
        let (text, spans) = split_marks(marked);
        let dct: Option<Date> = if dct.is_empty() {
            None
        } else {
            Some(dct.parse().expect("valid DCT in test"))
        };
        let sentences = crate::split_sentences(&text);
        let got = extractor().extract(&text, &sentences, dct);
        let got_spans: Vec<&str> = got.iter().filter_map(|t| t.span.slice(&text)).collect();
        let want_spans: Vec<&str> = spans.iter().filter_map(|s| s.slice(&text)).collect();
        assert_eq!(got_spans, want_spans, "spans in {text:?}");
        assert_eq!(
            got.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
            want,
            "values in {text:?}"
        );
    }

    #[track_caller]
    fn check_types(dct: &str, marked: &str, want: &[TimexType]) {
        let (text, _) = split_marks(marked);
        let dct: Date = dct.parse().expect("valid DCT in test");
        let got = extractor().extract(&text, &crate::split_sentences(&text), Some(dct));
        assert_eq!(got.iter().map(|t| t.kind).collect::<Vec<_>>(), want);
    }

    // 2026-02-05 is a Thursday.
    const DCT: &str = "2026-02-05";

    #[test]
    fn tomorrow_today_yesterday() {
        check_times(
            DCT,
            "[[Tomorrow]], indirect talks between Iran and the United States will begin.",
            &["2026-02-06"],
        );
        check_times(
            DCT,
            "The envoy landed [[yesterday]] and met the mediator [[today]].",
            &["2026-02-04", "2026-02-05"],
        );
        check_times(
            DCT,
            "Negotiators will meet again [[tonight]].",
            &["2026-02-05TNI"],
        );
    }

    #[test]
    fn absolute_dates() {
        check_times(
            DCT,
            "MUSCAT, [[Feb. 6]] (Xinhua) -- Talks opened.",
            &["2026-02-06"],
        );
        check_times(
            DCT,
            "The ceasefire took effect on [[February 6, 2026]].",
            &["2026-02-06"],
        );
        check_times(
            DCT,
            "The tariff truce was signed on [[6 February]].",
            &["2026-02-06"],
        );
        check_times(
            DCT,
            "Ballots were counted on [[2026-02-06]].",
            &["2026-02-06"],
        );
        check_times(
            DCT,
            "The trade round resumes [[Feb 16th]], officials said they would attend.",
            &["2026-02-16"],
        );
        check_times(
            DCT,
            "The vote was held on [[the 3rd]], and the count went on.",
            &["2026-02-03"],
        );
        check_times(
            "",
            "A second round is set for [[Wednesday, February 11]].",
            &["XXXX-02-11"],
        );
    }

    #[test]
    fn weekdays_follow_tense() {
        check_times(
            DCT,
            "The mediator met both delegations on [[Wednesday]].",
            &["2026-02-04"],
        );
        check_times(
            DCT,
            "The envoys will meet again on [[Wednesday]].",
            &["2026-02-11"],
        );
        check_times(
            DCT,
            "Ministers meet [[next Thursday]] in Geneva.",
            &["2026-02-12"],
        );
        check_times(DCT, "The strike began [[last Friday]].", &["2026-01-30"]);
    }

    #[test]
    fn scheduled_and_reported_weekdays() {
        check_times(
            DCT,
            "Ceasefire talks are set to resume on [[Monday]] in Cairo.",
            &["2026-02-09"],
        );
        check_times(
            DCT,
            "The electoral commission certified the disputed results on [[Tuesday]].",
            &["2026-02-03"],
        );
        check_times(
            DCT,
            "The trade envoy said on [[Monday]] that tariffs would stay.",
            &["2026-02-02"],
        );
    }

    #[test]
    fn weeks_months_years_seasons() {
        check_times(
            DCT,
            "Another round could come [[early this week]].",
            &["2026-W06"],
        );
        check_times(
            DCT,
            "Opposition leaders disputed the count [[this week]].",
            &["2026-W06"],
        );
        check_times(
            DCT,
            "Ceasefire talks collapsed [[last June]].",
            &["2025-06"],
        );
        check_times(DCT, "The strikes came [[last summer]].", &["2025-SU"]);
        check_times(
            DCT,
            "Tariffs rose [[last year]] and may fall [[next year]].",
            &["2025", "2027"],
        );
        check_times(
            DCT,
            "Trade talks stalled in [[March]] and resumed in [[June 2025]].",
            &["2025-03", "2025-06"],
        );
        check_times(DCT, "Exports fell in [[the third quarter]].", &["2025-Q3"]);
        check_times(DCT, "Sanctions date back to [[the 1990s]].", &["199"]);
        check_times(
            DCT,
            "Missiles were tested during the [[June 2025]] war.",
            &["2025-06"],
        );
        check_times(
            DCT,
            "The accord was drafted in [[2015]] by 5,000 officials.",
            &["2015"],
        );
        check_times(DCT, "Output for [[2026-W07]] is due.", &["2026-W07"]);
        check_times(
            DCT,
            "The anchor recalled the truce of [[nineteen ninety-six]].",
            &["1996"],
        );
        check_times(
            DCT,
            "Exports recovered in [[the second half of 2025]].",
            &["2025-H2"],
        );
    }

    #[test]
    fn vague_references() {
        check_times(
            DCT,
            "A deal could emerge in [[the coming days]].",
            &["FUTURE_REF"],
        );
        check_times(
            DCT,
            "The sides have [[recently]] exchanged letters and are [[now]] talking.",
            &["PAST_REF", "PRESENT_REF"],
        );
        check_times(
            DCT,
            "Talks resumed, [[weeks]] after the election dispute flared.",
            &["PXW"],
        );
    }

    #[test]
    fn durations_and_sets() {
        check_times(
            DCT,
            "The truce lasted [[three days]] and the meeting [[two hours]].",
            &["P3D", "PT2H"],
        );
        check_times(
            DCT,
            "Inspectors need [[two weeks]], perhaps [[several months]].",
            &["P2W", "PXM"],
        );
        check_times(
            DCT,
            "Delegates meet [[every Wednesday]] and publish [[weekly]] notes.",
            &["XXXX-WXX-3", "P1W"],
        );
        check_types(
            DCT,
            "Delegates meet [[every Wednesday]] for [[two hours]].",
            &[TimexType::Set, TimexType::Duration],
        );
    }

    #[test]
    fn times_of_day() {
        check_times(
            DCT,
            "The session opened at [[3 p.m.]] local time.",
            &["2026-02-05T15:00"],
        );
        check_times(
            DCT,
            "Voting closes on [[Friday]] at [[8 p.m.]], officials will say.",
            &["2026-02-06", "2026-02-06T20:00"],
        );
        check_types(DCT, "Voting closes at [[8 p.m.]]", &[TimexType::Time]);
    }

    #[test]
    fn a_month_without_a_year_is_text_even_without_a_publication_date() {
        let text =
            "The first round was held in March; another is planned for last October's venue.";
        let got = extractor().extract(text, &crate::split_sentences(text), None);
        let march = got
            .iter()
            .find(|t| t.span.slice(text) == Some("March"))
            .expect("March found");
        assert_eq!(
            (march.value.as_str(), march.resolution),
            ("XXXX-03", Resolution::Text)
        );
    }

    #[test]
    fn a_weekday_keeps_its_part_of_day() {
        check_times(
            DCT,
            "The ministers dined together on [[Monday night]] and met again [[Tuesday morning]].",
            &["2026-02-02TNI", "2026-02-03TMO"],
        );
    }

    #[test]
    fn tense_clues_from_the_expression_s_own_clause() {
        // A complement clause does not date the expression of the main one.
        check_times(
            DCT,
            "The judge told lawyers at a hearing on [[Monday]] that the verdict is expected soon.",
            &["2026-02-02"],
        );
        // "is to" + verb is a plan.
        check_times(
            DCT,
            "The envoy is to travel to Nairobi on [[Saturday]].",
            &["2026-02-07"],
        );
        // Irregular pasts with a verb prefix.
        check_times(
            DCT,
            "The appeals court on [[Tuesday]] upheld the ban.",
            &["2026-02-03"],
        );
    }

    #[test]
    fn no_dct_leaves_relative_times_unresolved() {
        let text = "Talks resume tomorrow, weeks after last summer's strikes.";
        let got = extractor().extract(text, &crate::split_sentences(text), None);
        let summary: Vec<(&str, &str, Resolution)> = got
            .iter()
            .map(|t| {
                (
                    t.span.slice(text).unwrap_or(""),
                    t.value.as_str(),
                    t.resolution,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("tomorrow", "XXXX-XX-XX", Resolution::Unresolved),
                ("weeks", "PXW", Resolution::Text),
                ("last summer", "XXXX-SU", Resolution::Unresolved),
            ]
        );
        let record = got[0].to_time_record(text);
        assert_eq!(
            (record.text.as_str(), record.kind.as_str()),
            ("tomorrow", "DATE")
        );
        let json = serde_json::to_string(&got[0].record(text)).expect("serializable");
        assert_eq!(
            json,
            r#"{"start":13,"end":21,"text":"tomorrow","type":"DATE","value":"XXXX-XX-XX","unresolved":true}"#
        );
    }

    #[test]
    fn not_times() {
        check_times(
            DCT,
            "About 2000 troops and the 6th Fleet moved; May they agree?",
            &[],
        );
        check_times(DCT, "Some two thousand five hundred delegates voted.", &[]);
    }
}
