//! Reader for the CAMEO 2.0 verb-pattern dictionary (PETRARCH-2 syntax), used by both the
//! production `CAMEO.2.0.txt` and the unit tests' `PETR.Validate.verbs.2.0.txt`.
//!
//! The file holds synonym sets (`&NAME` then `+member` lines; a label or member ending in
//! `_` gets no automatic plural) and verb blocks: a header `--- NAME [CODE] ---`, verb lines
//! (`MEET {MEETS MET MEETING} [040]`; without `{…}` the regular forms are generated; a
//! multi-word verb marks its verb word with `+`: `+CORDON_OFF`, `WIRE_+TAP`) and patterns
//! `- PRE * POST [CODE]`. Pattern elements: words, `&SYNSET`, `{noun phrase}` (consecutive
//! words), `(prepositional phrase)`, `$` source, `+` target, `^` any one word, `%` compound
//! subject. Codes: `[040]`, `[040:040]` (second code for target → source), `[:173]` (only
//! target → source), `[---]` (no event). Transformations (`~` lines) are not used.

use std::collections::HashMap;

use crate::CoderError;
use crate::actors::{phrase_words, plural, strip_comments};

/// The codes a verb or pattern gives: source → target and target → source. `None` on both
/// sides is the null code `---` (no event).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codes {
    /// Source → target CAMEO code.
    pub forward: Option<String>,
    /// Target → source CAMEO code.
    pub reverse: Option<String>,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// A word (upper case).
    Word(String),
    /// A synonym set, by index.
    Synset(usize),
    /// `{…}`: consecutive elements in a noun phrase.
    NounPhrase(Vec<Element>),
    /// `(…)`: a prepositional phrase: the preposition, then its object.
    PrepPhrase(Vec<Element>),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `^`: any one word.
    Skip,
    /// `%`: the subject is compound (the actors act on each other).
    Compound,
}

/// A verb pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Elements before the verb, in text order.
    pub pre: Vec<Element>,
    /// Elements after the verb, in text order.
    pub post: Vec<Element>,
    /// The codes it gives.
    pub codes: Codes,
    /// 1-based line in the dictionary.
    pub line: usize,
}

/// A verb block: its default code and patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The name in the header.
    pub name: String,
    /// The block's default code.
    pub codes: Codes,
    /// The patterns, in file order.
    pub patterns: Vec<Pattern>,
}

/// One verb form (`MET`, `CORDONED OFF`) and the block it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbForm {
    /// The words (upper case).
    pub words: Vec<String>,
    /// The block.
    pub block: usize,
    /// The verb line's own code, overriding the block's.
    pub codes: Option<Codes>,
    /// The form is a past tense or participle (for passive detection).
    pub past: bool,
    /// The form is a gerund.
    pub gerund: bool,
}

/// A synonym set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// The label including `&`.
    pub name: String,
    /// Members as word lists.
    pub members: Vec<Vec<String>>,
}

/// A parsed CAMEO 2.0 verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    /// Synonym sets.
    pub synsets: Vec<Synset>,
    /// Verb blocks.
    pub blocks: Vec<Block>,
    /// Every verb form.
    pub forms: Vec<VerbForm>,
}

fn is_vowel(b: u8) -> bool {
    b"AEIOU".contains(&b)
}

/// Regular verb forms: base, third person, past, gerund (with a doubled final consonant
/// variant for short consonant-vowel-consonant verbs). Returns `(form, past, gerund)`.
fn regular_forms(base: &str) -> Vec<(String, bool, bool)> {
    let b = base.as_bytes();
    let n = b.len();
    let mut out = vec![(base.to_string(), false, false)];
    if n == 0 || !base.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-') {
        return out;
    }
    let last = b[n - 1];
    let third = if n >= 2 && last == b'Y' && !is_vowel(b[n - 2]) {
        format!("{}IES", &base[..n - 1])
    } else if base.ends_with('S')
        || base.ends_with("SH")
        || base.ends_with("CH")
        || base.ends_with('X')
        || base.ends_with('Z')
        || base.ends_with('O')
    {
        format!("{base}ES")
    } else {
        format!("{base}S")
    };
    out.push((third, false, false));
    let (past, ing) = if last == b'E' {
        (
            format!("{base}D"),
            if base.ends_with("EE") {
                format!("{base}ING")
            } else {
                format!("{}ING", &base[..n - 1])
            },
        )
    } else if n >= 2 && last == b'Y' && !is_vowel(b[n - 2]) {
        (format!("{}IED", &base[..n - 1]), format!("{base}ING"))
    } else {
        (format!("{base}ED"), format!("{base}ING"))
    };
    out.push((past, true, false));
    out.push((ing, false, true));
    let cvc = (3..=6).contains(&n)
        && !is_vowel(last)
        && !b"WXY".contains(&last)
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3]);
    if cvc {
        let c = last as char;
        out.push((format!("{base}{c}ED"), true, false));
        out.push((format!("{base}{c}ING"), false, true));
    }
    out
}

fn parse_code_side(s: &str) -> Result<Option<String>, String> {
    let s = s.trim();
    if s.is_empty() || s == "---" {
        return Ok(None);
    }
    // Two to four digits; TABARI-era files add one letter to mark a variant (`174L`).
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if (2..=4).contains(&digits.len())
        && s.len() - digits.len() <= 1
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        return Ok(Some(s.to_string()));
    }
    Err(format!("`{s}` is not a CAMEO code"))
}

/// Splits `text [CODE]` into the text and the parsed codes (if a bracket is present).
fn split_code(line: &str) -> (&str, Option<Result<Codes, String>>) {
    let Some(open) = line.rfind('[') else {
        return (line, None);
    };
    let Some(close) = line[open..].find(']') else {
        return (line, Some(Err("unclosed [code]".into())));
    };
    let inner = &line[open + 1..open + close];
    let codes = match inner.split_once(':') {
        Some((f, r)) => parse_code_side(f)
            .and_then(|forward| parse_code_side(r).map(|reverse| Codes { forward, reverse })),
        None => parse_code_side(inner).map(|forward| Codes {
            forward,
            reverse: None,
        }),
    };
    (&line[..open], Some(codes))
}

struct PatternParser<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    src: &'a str,
}

impl PatternParser<'_> {
    /// Parses elements until `close` (or the end). `*` is returned as `None` in the list.
    fn elements(
        &mut self,
        close: Option<char>,
        synsets: &HashMap<String, usize>,
    ) -> Result<Vec<Option<Element>>, String> {
        let mut out = Vec::new();
        while let Some(&(i, c)) = self.chars.peek() {
            if c.is_whitespace() {
                self.chars.next();
                continue;
            }
            if Some(c) == close {
                self.chars.next();
                return Ok(out);
            }
            match c {
                '(' | '{' => {
                    self.chars.next();
                    let inner = self.elements(Some(if c == '(' { ')' } else { '}' }), synsets)?;
                    let inner: Vec<Element> = inner.into_iter().flatten().collect();
                    if inner.is_empty() {
                        return Err("empty group".into());
                    }
                    out.push(Some(if c == '(' {
                        Element::PrepPhrase(inner)
                    } else {
                        Element::NounPhrase(inner)
                    }));
                }
                ')' | '}' => return Err(format!("unbalanced `{c}`")),
                _ => {
                    let mut end = i;
                    while let Some(&(j, d)) = self.chars.peek() {
                        if d.is_whitespace() || matches!(d, '(' | ')' | '{' | '}') {
                            break;
                        }
                        end = j + d.len_utf8();
                        self.chars.next();
                    }
                    let word = &self.src[i..end];
                    match word {
                        "*" | "**" => out.push(None),
                        "$" => out.push(Some(Element::Source)),
                        "+" => out.push(Some(Element::Target)),
                        "^" => out.push(Some(Element::Skip)),
                        "%" => out.push(Some(Element::Compound)),
                        w if w.starts_with('&') => {
                            let name = w.trim_end_matches('_').to_uppercase();
                            match synsets.get(&name) {
                                Some(&k) => out.push(Some(Element::Synset(k))),
                                None => return Err(format!("synset {w} is not defined")),
                            }
                        }
                        w => {
                            let words = phrase_words(w);
                            if words.len() > 1 {
                                out.push(Some(Element::NounPhrase(
                                    words.into_iter().map(Element::Word).collect(),
                                )));
                            } else if let Some(w) = words.into_iter().next() {
                                out.push(Some(Element::Word(w)));
                            }
                        }
                    }
                }
            }
        }
        if close.is_some() {
            return Err("unclosed group".into());
        }
        Ok(out)
    }
}

fn shift_synsets(e: &mut Element, by: usize) {
    match e {
        Element::Synset(k) => *k += by,
        Element::NounPhrase(v) | Element::PrepPhrase(v) => {
            v.iter_mut().for_each(|x| shift_synsets(x, by))
        }
        _ => {}
    }
}

impl VerbDictionary {
    /// Appends another dictionary's synsets, blocks and forms (indices renumbered).
    pub fn extend(&mut self, mut other: VerbDictionary) {
        let (syn, blocks) = (self.synsets.len(), self.blocks.len());
        for b in &mut other.blocks {
            for p in &mut b.patterns {
                p.pre
                    .iter_mut()
                    .chain(p.post.iter_mut())
                    .for_each(|e| shift_synsets(e, syn));
            }
        }
        for f in &mut other.forms {
            f.block += blocks;
        }
        self.synsets.extend(other.synsets);
        self.blocks.extend(other.blocks);
        self.forms.extend(other.forms);
    }

    /// Reads a CAMEO 2.0 verb dictionary. Structural errors (a pattern or verb before any
    /// block) and unreadable patterns or codes are returned as problems naming the line;
    /// those lines are skipped and the rest is kept.
    pub fn parse(text: &str) -> (Self, Vec<CoderError>) {
        let mut dict = VerbDictionary::default();
        let mut problems = Vec::new();
        let mut synset_index: HashMap<String, usize> = HashMap::new();
        let mut in_synset: Option<(usize, bool)> = None; // (index, plurals allowed)
        let problem = |line: usize, message: String| CoderError::Dictionary {
            dictionary: "verbs",
            line,
            message,
        };
        for (idx, raw) in strip_comments(text).iter().enumerate() {
            let line_no = idx + 1;
            let line = raw.split(';').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(label) = line.strip_prefix('&') {
                let label = label.trim();
                let plurals = !label.ends_with('_');
                let name = format!("&{}", label.trim_end_matches('_').to_uppercase());
                let k = match synset_index.get(&name) {
                    Some(&k) => k,
                    None => {
                        dict.synsets.push(Synset {
                            name: name.clone(),
                            members: Vec::new(),
                        });
                        synset_index.insert(name, dict.synsets.len() - 1);
                        dict.synsets.len() - 1
                    }
                };
                in_synset = Some((k, plurals));
                continue;
            }
            if let (Some((k, plurals)), Some(member)) = (in_synset, line.strip_prefix('+')) {
                let member = member.trim().trim_start_matches('(').trim_end_matches(')');
                if let Some(nested) = member.strip_prefix('&') {
                    let name = format!("&{}", nested.trim_end_matches('_').to_uppercase());
                    match synset_index.get(&name) {
                        Some(&j) => {
                            let copy = dict.synsets[j].members.clone();
                            dict.synsets[k].members.extend(copy);
                        }
                        None => {
                            problems.push(problem(line_no, format!("synset {name} is not defined")))
                        }
                    }
                    continue;
                }
                let words = phrase_words(member);
                if words.is_empty() {
                    continue;
                }
                let exact = member.trim_end().ends_with('_');
                if plurals && !exact {
                    let mut pl = words.clone();
                    if let Some(last) = pl.last_mut() {
                        *last = plural(last);
                    }
                    dict.synsets[k].members.push(words);
                    dict.synsets[k].members.push(pl);
                } else {
                    dict.synsets[k].members.push(words);
                }
                continue;
            }
            in_synset = None;
            if line.starts_with('~') {
                continue; // transformations are not used
            }
            if line.starts_with("---") {
                let body = line.trim_matches('-').trim();
                let (name, codes) = split_code(body);
                let codes = match codes {
                    Some(Ok(c)) => c,
                    Some(Err(e)) => {
                        problems.push(problem(line_no, e));
                        Codes::default()
                    }
                    None => Codes::default(),
                };
                dict.blocks.push(Block {
                    name: name.trim().to_uppercase(),
                    codes,
                    patterns: Vec::new(),
                });
                continue;
            }
            let Some(block) = dict.blocks.len().checked_sub(1) else {
                problems.push(problem(
                    line_no,
                    "a verb or pattern before the first `--- NAME ---` block header".into(),
                ));
                continue;
            };
            if line.starts_with('-') || line.starts_with('*') {
                let body = line.strip_prefix('-').unwrap_or(line);
                let (body, codes) = split_code(body);
                let codes = match codes {
                    Some(Ok(c)) => c,
                    Some(Err(e)) => {
                        problems.push(problem(line_no, e));
                        continue;
                    }
                    None => {
                        problems.push(problem(line_no, "pattern without a [code]".into()));
                        continue;
                    }
                };
                let mut parser = PatternParser {
                    chars: body.char_indices().peekable(),
                    src: body,
                };
                match parser.elements(None, &synset_index) {
                    Ok(elems) => {
                        let Some(star) = elems.iter().position(Option::is_none) else {
                            problems
                                .push(problem(line_no, "pattern without `*` for the verb".into()));
                            continue;
                        };
                        let pre = elems[..star].iter().flatten().cloned().collect();
                        let post = elems[star + 1..].iter().flatten().cloned().collect();
                        dict.blocks[block].patterns.push(Pattern {
                            pre,
                            post,
                            codes,
                            line: line_no,
                        });
                    }
                    Err(e) => problems.push(problem(line_no, e)),
                }
                continue;
            }
            // A verb line.
            let (head, codes) = split_code(line);
            let codes = match codes {
                Some(Ok(c)) => Some(c),
                Some(Err(e)) => {
                    problems.push(problem(line_no, e));
                    continue;
                }
                None => None,
            };
            let (base, irregular) = match head.find('{') {
                Some(b) => {
                    let end = head[b..].find('}').map_or(head.len(), |e| b + e);
                    (head[..b].trim(), Some(&head[b + 1..end]))
                }
                None => (head.trim(), None),
            };
            let base = base.trim_start_matches('+');
            let add = |dict: &mut VerbDictionary,
                       spelled: &str,
                       past: bool,
                       gerund: bool,
                       regular: bool| {
                // `WIRE_+TAP`: the `+` marks the verb word; regular forms inflect it.
                let parts: Vec<&str> = spelled
                    .split(['_', ' '])
                    .filter(|w| !w.is_empty())
                    .collect();
                let verb_at = parts.iter().position(|w| w.starts_with('+')).unwrap_or(0);
                let clean: Vec<String> = parts
                    .iter()
                    .map(|w| w.trim_start_matches('+').to_uppercase())
                    .collect();
                if clean.is_empty() {
                    return;
                }
                let variants = if regular {
                    regular_forms(&clean[verb_at])
                } else {
                    vec![(clean[verb_at].clone(), past, gerund)]
                };
                for (v, past, gerund) in variants {
                    let mut words = clean.clone();
                    words[verb_at] = v;
                    dict.forms.push(VerbForm {
                        words,
                        block,
                        codes: codes.clone(),
                        past,
                        gerund,
                    });
                }
            };
            match irregular {
                Some(list) => {
                    add(&mut dict, base, false, false, false);
                    // Forms are separated by spaces, in a few files also by commas.
                    for form in list
                        .split(|c: char| c.is_whitespace() || c == ',')
                        .filter(|f| f.chars().any(char::is_alphabetic))
                    {
                        let f = form.trim_start_matches('+').to_uppercase();
                        let gerund = f.split(['_', ' ']).any(|w| w.ends_with("ING"));
                        add(&mut dict, form, !gerund, gerund, false);
                    }
                }
                None => add(&mut dict, base, false, false, true),
            }
        }
        (dict, problems)
    }
}

/// The attribution header of the shipped verb dictionary (`data/cameo_verbs.txt`).
pub const SHIPPED_HEADER: &str = "\
# Converted from the PETRARCH-2 CAMEO verb dictionary CAMEO.2.0.txt (openeventdata/petrarch2,
# commit 676801cd9cb2924bbbad09f86d15c9323e7097bf, petrarch2/data/dictionaries/CAMEO.2.0.txt).
# Generated by crates/coder/src/bin/convert_cameo_verbs.rs: comments and blank lines removed,
# trailing spaces trimmed, nothing else changed. Do not edit by hand; the project's own
# additions live in supplement.verbs.txt.
#
# The MIT License (MIT)
#
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the \"Software\"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
";

/// The shipped form of a verb dictionary: [`SHIPPED_HEADER`], then every line with its
/// comments (`#`, `;`, `<!-- … -->`) and trailing spaces removed, blank lines dropped. It
/// parses to the same blocks, forms, synsets and patterns as the original (only the line
/// numbers of patterns differ).
pub fn shipped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    out.push_str(SHIPPED_HEADER);
    for line in strip_comments(text) {
        let line = line.split(';').next().unwrap_or("").trim_end();
        if line.trim().is_empty() {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "&TIETYPES_\n+MILITARY\n+ECONOMIC\n&CURRENCY\n+DOLLAR\n+KRONER_\n\n--- MEET [040:040] ---\nMEET {MEETS MET MEETING}\n- (OUT OF) * [112]\n--- RESTORE [050] ---\nRESTORE\n+CORDON_OFF {+CORDONED_OFF}\nWIRE_+TAP [170]\n- * {&TIETYPES TIES} (WITH +) [080:081]\n- * {THE FULL} [xxy]\n- * &CURRENCY [:173] # note\n";

    #[test]
    fn reads_blocks_forms_patterns_and_synsets() {
        let (d, problems) = VerbDictionary::parse(SAMPLE);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].to_string().contains("line 16"),
            "{}",
            problems[0]
        );
        assert_eq!(
            d.synsets[0].members,
            [vec!["MILITARY".to_string()], vec!["ECONOMIC".to_string()]]
        );
        assert_eq!(d.synsets[1].members.len(), 3); // DOLLAR, DOLLARS, KRONER
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.blocks[0].codes.reverse.as_deref(), Some("040"));
        let forms: Vec<String> = d.forms.iter().map(|f| f.words.join(" ")).collect();
        assert!(forms.contains(&"MET".to_string()));
        assert!(forms.contains(&"RESTORED".to_string()));
        assert!(forms.contains(&"RESTORING".to_string()));
        assert!(forms.contains(&"CORDONED OFF".to_string()));
        assert!(forms.contains(&"WIRE TAPPED".to_string()));
        let p = &d.blocks[1].patterns[0];
        assert_eq!(p.codes.forward.as_deref(), Some("080"));
        assert_eq!(p.post.len(), 2);
        assert!(matches!(&p.post[1], Element::PrepPhrase(v) if v[1] == Element::Target));
        assert_eq!(d.blocks[1].patterns[1].codes.forward, None);
        assert_eq!(
            d.blocks[1].patterns[1].codes.reverse.as_deref(),
            Some("173")
        );
        assert_eq!(d.blocks[0].patterns[0].pre.len(), 1);
    }

    #[test]
    fn regular_forms_follow_english_spelling() {
        let f: Vec<String> = regular_forms("URGE").into_iter().map(|x| x.0).collect();
        assert_eq!(f, ["URGE", "URGES", "URGED", "URGING"]);
        let f: Vec<String> = regular_forms("STOP").into_iter().map(|x| x.0).collect();
        assert!(f.contains(&"STOPPED".to_string()));
        let f: Vec<String> = regular_forms("DENY").into_iter().map(|x| x.0).collect();
        assert!(f.contains(&"DENIED".to_string()) && f.contains(&"DENIES".to_string()));
    }
}
