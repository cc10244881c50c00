//! The coder: sentence → events.
//!
//! Steps per sentence: tokenize; check the discard list; scan actors and agents (one
//! Aho-Corasick automaton) and verb forms (another); tag tokens with a closed-class
//! part-of-speech layer; build actor units ("Osgiliath soldiers", "the government of
//! Gondor") and compound groups ("Iran and the United States"); pick the verbs that read
//! as verbs; match each verb's patterns; find source (subject before the verb, or the
//! `by` phrase of a passive), target (first actor group after the verb), mediator and
//! status; emit one event per dyad.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::CoderError;
use crate::actors::{ActorDictionary, AgentDictionary, Discards};
use crate::tables;
use crate::text::{Tokens, tokenize};
use crate::verbs::{Codes, Element, VerbDictionary};

/// The four dictionaries a coder needs, parsed, with the lines that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    /// Verb patterns.
    pub verbs: VerbDictionary,
    /// Actors (all actor files together).
    pub actors: ActorDictionary,
    /// Agents.
    pub agents: AgentDictionary,
    /// Discard phrases.
    pub discards: Discards,
    /// Lines that were skipped, each naming its dictionary and line.
    pub problems: Vec<CoderError>,
    /// Index of the first verb block added by [`Dictionaries::add_supplement`]: a verb the
    /// supplement also lists takes the supplement's default code.
    pub supplement_from: Option<usize>,
}

const SUPPLEMENT_VERBS: &str = include_str!("../data/supplement.verbs.txt");
const SUPPLEMENT_AGENTS: &str = include_str!("../data/supplement.agents.txt");
const SHIPPED_VERBS: &str = include_str!("../data/cameo_verbs.txt");

/// Version of the verb data compiled into the crate, for records' `doc.extractor` (SPEC §7):
/// `verbs-` and the first 8 hex digits of a 64-bit FNV-1a hash over the shipped verb
/// dictionary and the supplement, so any change to them gives a new version.
pub fn dictionary_version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for data in [SHIPPED_VERBS, SUPPLEMENT_VERBS, SUPPLEMENT_AGENTS] {
            for &b in data.as_bytes() {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!("verbs-{:08x}", hash >> 32)
    })
}

impl Dictionaries {
    /// The shipped verb dictionary (`data/cameo_verbs.txt`, converted from PETRARCH-2's
    /// `CAMEO.2.0.txt`) with the project's supplement, and no actors, agents or discards:
    /// the product codes sentences with actor mentions resolved by the `actors` crate
    /// ([`Coder::code_mentions`]).
    pub fn builtin() -> Dictionaries {
        let (verbs, problems) = VerbDictionary::parse(SHIPPED_VERBS);
        let mut d = Dictionaries {
            verbs,
            problems,
            ..Dictionaries::default()
        };
        d.add_supplement();
        d
    }

    /// The shipped verbs and supplement (as [`Dictionaries::builtin`]) with actor, agent and
    /// discard dictionaries given as text: the dictionary path, for evaluations on gold sets
    /// whose actors are PETRARCH's.
    ///
    /// # Errors
    /// Fails when no actor could be read.
    pub fn builtin_with(actors: &[&str], agents: &str, discards: &str) -> Result<Self, CoderError> {
        let mut d = Dictionaries::builtin();
        for text in actors {
            let (a, p) = ActorDictionary::parse(text);
            d.actors.entries.extend(a.entries);
            d.problems.extend(p);
        }
        if d.actors.entries.is_empty() {
            return Err(CoderError::Dictionary {
                dictionary: "actors",
                line: 1,
                message: "no actor phrase found".into(),
            });
        }
        let (a, p) = AgentDictionary::parse(agents);
        // The supplement's agents come after the dictionary's own.
        let supplement = std::mem::replace(&mut d.agents.entries, a.entries);
        d.agents.entries.extend(supplement);
        d.problems.extend(p);
        d.discards = Discards::parse(discards);
        Ok(d)
    }

    /// Adds the project's own small supplement (`data/supplement.*.txt`): verbs and agent
    /// nouns common in negotiation coverage that the 2016 PETRARCH-2 production dictionaries
    /// lack ("urged", "officials", "negotiators"). Phrases already in the dictionaries keep
    /// their entries: the dictionaries' own come first.
    pub fn add_supplement(&mut self) {
        self.supplement_from.get_or_insert(self.verbs.blocks.len());
        let (verbs, mut problems) = VerbDictionary::parse(SUPPLEMENT_VERBS);
        self.verbs.extend(verbs);
        let (agents, p) = AgentDictionary::parse(SUPPLEMENT_AGENTS);
        problems.extend(p);
        self.agents.entries.extend(agents.entries);
        self.problems.extend(problems);
    }

    /// Parses the dictionaries from their text: the verb file, the actor file(s) (several
    /// can be given in one string each, see [`Dictionaries::parse_many`]), agents, discards.
    ///
    /// # Errors
    /// Fails when the verb dictionary has no verb block or no actor could be read: the files
    /// are then not dictionaries of these formats.
    pub fn parse(
        verbs: &str,
        actors: &str,
        agents: &str,
        discards: &str,
    ) -> Result<Self, CoderError> {
        Self::parse_many(verbs, &[actors], agents, discards)
    }

    /// Like [`Dictionaries::parse`], with several actor files.
    ///
    /// # Errors
    /// As [`Dictionaries::parse`].
    pub fn parse_many(
        verbs: &str,
        actors: &[&str],
        agents: &str,
        discards: &str,
    ) -> Result<Self, CoderError> {
        let (verbs, mut problems) = VerbDictionary::parse(verbs);
        if verbs.blocks.is_empty() {
            return Err(CoderError::Dictionary {
                dictionary: "verbs",
                line: 1,
                message: "no `--- NAME [CODE] ---` verb block found".into(),
            });
        }
        let mut all = ActorDictionary::default();
        for text in actors {
            let (a, p) = ActorDictionary::parse(text);
            all.entries.extend(a.entries);
            problems.extend(p);
        }
        if all.entries.is_empty() {
            return Err(CoderError::Dictionary {
                dictionary: "actors",
                line: 1,
                message: "no actor phrase found".into(),
            });
        }
        let (agents, p) = AgentDictionary::parse(agents);
        problems.extend(p);
        Ok(Dictionaries {
            verbs,
            actors: all,
            agents,
            discards: Discards::parse(discards),
            problems,
            supplement_from: None,
        })
    }
}

/// What the coder knows about a sentence besides its text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SentenceContext {
    /// The date (`yyyymmdd`) that picks date-restricted actor codes; `None` takes each
    /// actor's most recent code.
    pub date: Option<u32>,
}

/// Coder options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Emit CAMEO 01 (public statement) events, which have no PLOVER type. Off for the
    /// product (SPEC §3: no event), on for the PETRARCH unit tests.
    pub statements: bool,
    /// Emit negated events (status `negated`).
    pub negated: bool,
    /// Emit events whose source or target has an agent but no country (`---GOV`).
    pub unknown_country: bool,
    /// Emit events whose verb pattern and source are found but no target ("rebels
    /// surrendered"), with `target: None`.
    pub unknown_target: bool,
    /// Code announced future actions as CAMEO "express intent" (03x), as the CAMEO
    /// codebook does ("will visit" → 036), instead of keeping the action's code with status
    /// `planned`.
    pub intent_codes: bool,
    /// Code events named by nouns: "talks between Iran and the United States", "Iran's
    /// demands", "new U.S. sanctions on Iranian oil" (see the coder's noun rules).
    pub noun_events: bool,
    /// Code events whose actor the sentence does not name (a passive without its agent, a
    /// verb without a subject), with source `---`. For scoring event types on gold records
    /// that often have no source; the product leaves it off.
    pub unknown_source: bool,
    /// Follow ANNOTATION.md and PLOVER where they differ from the CAMEO codebook that
    /// PETRARCH's unit tests encode: a place after "in" or "at" is the event's venue, not
    /// its target ("told reporters in Brussels"), and an intent to meet is the meeting
    /// itself, planned ("scheduled to meet": CONSULT, not CAMEO 036); the agent of a
    /// participle after the object is not the target ("sent a mission led by Ghana").
    pub venues: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            statements: false,
            negated: true,
            unknown_country: false,
            unknown_target: true,
            intent_codes: false,
            noun_events: true,
            unknown_source: false,
            venues: true,
        }
    }
}

/// Whether the event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// It happened.
    Occurred,
    /// It is announced or scheduled ("will meet", "plans to").
    Planned,
    /// It may happen ("could", "if").
    Hypothetical,
    /// It did not or will not happen ("did not meet", "refused to").
    Negated,
}

/// An actor as coded: the CAMEO code and the byte span of its mention in the sentence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActorRef {
    /// Country (or `---` when unknown) plus sectors: `IRNGOV`, `---GOV`.
    pub code: String,
    /// Byte offset of the mention's start in the sentence.
    pub start: usize,
    /// Byte offset of the mention's end.
    pub end: usize,
    /// With [`Coder::code_mentions`]: the index of the mention (in the slice given) that
    /// names the actor; `None` on the dictionary path.
    pub mention: Option<usize>,
}

/// An actor mention resolved outside the coder (by the `actors` crate, with coreference):
/// a byte range of the sentence and the actor's final code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorMention<'a> {
    /// Byte offset of the mention's start in the sentence.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// CAMEO actor code (`IRNGOV`, `OMN`, `GCC`); an empty code is ignored.
    pub code: &'a str,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Event {
    /// CAMEO event code (`040`).
    pub cameo: String,
    /// Goldstein weight of the code.
    pub goldstein: Option<f32>,
    /// PLOVER type; `None` for CAMEO 01 statements.
    pub plover: Option<&'static str>,
    /// PLOVER mode (may be empty).
    pub mode: &'static str,
    /// Who acts.
    pub source: ActorRef,
    /// At whom; `None` when the sentence does not say (only with
    /// [`Config::unknown_target`]).
    pub target: Option<ActorRef>,
    /// Through whom, for meetings and agreements.
    pub mediator: Option<ActorRef>,
    /// Occurred, planned, hypothetical or negated.
    pub status: Status,
    /// Byte span of the verb that triggered the event.
    pub trigger: (usize, usize),
}

#[derive(Debug, Clone, Copy)]
enum NounHit {
    Actor(u32),
    Agent(u32),
}

#[derive(Debug, Clone)]
enum El {
    Word(u32),
    Syn(u32),
    Np(Vec<El>),
    Pp(Vec<El>),
    Source,
    Target,
    Skip,
    Compound,
}

#[derive(Debug, Clone)]
struct CPattern {
    /// Every literal word the pattern needs, sorted: a pattern is tried only when the
    /// sentence has them all.
    required: Vec<u32>,
    pre: Vec<El>,
    post: Vec<El>,
    codes: Codes,
    weight: u32,
    /// Line in the verb dictionary, for traces.
    line: usize,
}

#[derive(Debug, Clone)]
struct CBlock {
    agree: bool,
    codes: Codes,
    patterns: Vec<CPattern>,
}

#[derive(Debug, Clone, Copy)]
struct Form {
    block: u32,
    codes: Option<u32>, // index into Coder::line_codes
    past: bool,
    gerund: bool,
    words: u8,
}

/// A compiled coder. Build once, share by reference.
#[derive(Debug, Clone)]
pub struct Coder {
    dicts: Dictionaries,
    config: Config,
    nouns: AhoCorasick,
    noun_hits: Vec<NounHit>,
    /// Verb forms by their first word: (form, the words after the first), longest first.
    verb_lists: Vec<Vec<(u32, Vec<String>)>>,
    /// Every word the coder knows: its vocabulary id and its verb list (`NONE` for none).
    lexicon: FxMap<String, (u32, u32)>,
    verb_hits: Vec<Vec<Form>>,
    line_codes: Vec<Codes>,
    discards: Option<AhoCorasick>,
    /// The pattern word id of "that" (see [`Sentence::match_seq`]).
    that_word: Option<u32>,
    vocab: FxMap<String, u32>,
    /// Number of distinct vocabulary ids.
    vocab_size: usize,
    /// Per synset: first word → members starting with it.
    synsets: Vec<FxMap<u32, Vec<Vec<u32>>>>,
    blocks: Vec<CBlock>,
}

/// ` W1  W2 ` — see `text` for the layout.
fn compile_phrase(words: &[String]) -> String {
    let mut s = String::with_capacity(words.iter().map(|w| w.len() + 2).sum::<usize>() + 1);
    s.push(' ');
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            s.push_str("  ");
        }
        s.push_str(w);
    }
    s.push(' ');
    s
}

const AUX_WORDS: &[&str] = &[
    "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "HAS", "HAVE", "HAD", "HAVING", "DO",
    "DOES", "DID", "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST",
];

impl Coder {
    /// Compiles a coder with the default [`Config`].
    pub fn new(dicts: Dictionaries) -> Self {
        Self::with_config(dicts, Config::default())
    }

    /// Compiles a coder.
    pub fn with_config(dicts: Dictionaries, config: Config) -> Self {
        // Nouns: actors first, so an actor wins over an agent with the same phrase.
        let mut noun_index: HashMap<String, usize> = HashMap::new();
        let mut noun_patterns = Vec::new();
        let mut noun_hits = Vec::new();
        for (i, e) in dicts.actors.entries.iter().enumerate() {
            for p in &e.phrases {
                let key = compile_phrase(p);
                if !noun_index.contains_key(&key) {
                    noun_index.insert(key.clone(), noun_patterns.len());
                    noun_patterns.push(key);
                    noun_hits.push(NounHit::Actor(i as u32));
                }
            }
        }
        // Demonyms name groups in the plural ("Albanians", "Israelis"): add the plural of
        // one-word phrases ending in -AN or -I where the dictionary does not list it.
        for (i, e) in dicts.actors.entries.iter().enumerate() {
            for p in &e.phrases {
                if let [w] = p.as_slice()
                    && w.len() > 4
                    && (w.ends_with("AN") || w.ends_with('I'))
                {
                    let key = compile_phrase(&[format!("{w}S")]);
                    if !noun_index.contains_key(&key) {
                        noun_index.insert(key.clone(), noun_patterns.len());
                        noun_patterns.push(key);
                        noun_hits.push(NounHit::Actor(i as u32));
                    }
                }
            }
        }
        for (i, e) in dicts.agents.entries.iter().enumerate() {
            let key = compile_phrase(&e.words);
            if !noun_index.contains_key(&key) {
                noun_index.insert(key.clone(), noun_patterns.len());
                noun_patterns.push(key);
                noun_hits.push(NounHit::Agent(i as u32));
            }
        }
        let nouns = build_ac(&noun_patterns);

        let mut verb_index: HashMap<String, usize> = HashMap::new();
        let mut verb_patterns = Vec::new();
        let mut verb_hits: Vec<Vec<Form>> = Vec::new();
        let mut line_codes = Vec::new();
        for f in &dicts.verbs.forms {
            // Auxiliaries and modals are never event verbs (PETRARCH's own note on WILL).
            if f.words.len() == 1 && AUX_WORDS.contains(&f.words[0].as_str()) {
                continue;
            }
            let key = compile_phrase(&f.words);
            let k = *verb_index.entry(key.clone()).or_insert_with(|| {
                verb_patterns.push(key);
                verb_hits.push(Vec::new());
                verb_patterns.len() - 1
            });
            let codes = f.codes.clone().map(|c| {
                line_codes.push(c);
                (line_codes.len() - 1) as u32
            });
            if !verb_hits[k].iter().any(|h| h.block == f.block as u32) {
                verb_hits[k].push(Form {
                    block: f.block as u32,
                    codes,
                    past: f.past,
                    gerund: f.gerund,
                    words: f.words.len().min(255) as u8,
                });
            }
        }
        // Verb forms by first word, longest first: one hash lookup per token finds them.
        let mut verb_first: FxMap<String, Vec<(u32, Vec<String>)>> = FxMap::default();
        for f in &dicts.verbs.forms {
            if f.words.len() == 1 && AUX_WORDS.contains(&f.words[0].as_str()) {
                continue;
            }
            let Some(&k) = verb_index.get(&compile_phrase(&f.words)) else {
                continue;
            };
            let entry = verb_first.entry(f.words[0].clone()).or_default();
            if !entry.iter().any(|(h, _)| *h == k as u32) {
                entry.push((k as u32, f.words[1..].to_vec()));
            }
        }
        for forms in verb_first.values_mut() {
            forms.sort_by_key(|(_, rest)| std::cmp::Reverse(rest.len()));
        }
        drop(verb_patterns);

        let discard_patterns: Vec<String> = dicts
            .discards
            .entries
            .iter()
            .map(|d| {
                let mut p = compile_phrase(&d.words);
                if !d.exact {
                    p.pop();
                }
                p
            })
            .collect();
        let discards = if discard_patterns.is_empty() {
            None
        } else {
            Some(build_ac(&discard_patterns))
        };

        let mut vocab: FxMap<String, u32> = FxMap::default();
        let mut intern = |w: &str| -> u32 {
            let n = vocab.len() as u32;
            *vocab.entry(w.to_string()).or_insert(n)
        };
        let synsets: Vec<Vec<Vec<u32>>> = dicts
            .verbs
            .synsets
            .iter()
            .map(|s| {
                s.members
                    .iter()
                    .map(|m| m.iter().map(|w| intern(w)).collect())
                    .collect()
            })
            .collect();
        fn compile(e: &Element, intern: &mut dyn FnMut(&str) -> u32) -> El {
            match e {
                Element::Word(w) => El::Word(intern(w)),
                Element::Synset(k) => El::Syn(*k as u32),
                Element::NounPhrase(v) => El::Np(v.iter().map(|x| compile(x, intern)).collect()),
                Element::PrepPhrase(v) => El::Pp(v.iter().map(|x| compile(x, intern)).collect()),
                Element::Source => El::Source,
                Element::Target => El::Target,
                Element::Skip => El::Skip,
                Element::Compound => El::Compound,
            }
        }
        let syn_len: Vec<u32> = synsets
            .iter()
            .map(|m| m.iter().map(|w| w.len() as u32).max().unwrap_or(0))
            .collect();
        let weight = |e: &El| -> u32 {
            fn w(e: &El, syn_len: &[u32]) -> u32 {
                match e {
                    El::Word(_) => 2,
                    El::Syn(k) => 2 * syn_len.get(*k as usize).copied().unwrap_or(1),
                    El::Np(v) | El::Pp(v) => v.iter().map(|x| w(x, syn_len)).sum::<u32>() + 1,
                    El::Source | El::Target => 1,
                    El::Skip | El::Compound => 0,
                }
            }
            w(e, &syn_len) + 1
        };
        let blocks = dicts
            .verbs
            .blocks
            .iter()
            .map(|b| CBlock {
                agree: b.name == "AGREE",
                codes: b.codes.clone(),
                patterns: b
                    .patterns
                    .iter()
                    .map(|p| {
                        let pre: Vec<El> = p.pre.iter().map(|e| compile(e, &mut intern)).collect();
                        let post: Vec<El> =
                            p.post.iter().map(|e| compile(e, &mut intern)).collect();
                        let weight = pre.iter().chain(post.iter()).map(&weight).sum::<u32>() + 1;
                        fn words(e: &El, out: &mut Vec<u32>) {
                            match e {
                                El::Word(id) => out.push(*id),
                                El::Np(v) | El::Pp(v) => v.iter().for_each(|x| words(x, out)),
                                _ => {}
                            }
                        }
                        let mut required = Vec::new();
                        pre.iter()
                            .chain(post.iter())
                            .for_each(|e| words(e, &mut required));
                        required.sort_unstable();
                        required.dedup();
                        CPattern {
                            required,
                            pre,
                            post,
                            codes: p.codes.clone(),
                            weight,
                            line: p.line,
                        }
                    })
                    .collect(),
            })
            .collect();
        // Pattern words also match their regular plural ("EFFORT" matches "efforts").
        let words: Vec<(String, u32)> = vocab.iter().map(|(w, &id)| (w.clone(), id)).collect();
        for (w, id) in words {
            if w.bytes().all(|b| b.is_ascii_alphabetic()) && w.len() > 2 {
                vocab.entry(crate::actors::plural(&w)).or_insert(id);
            }
        }
        let synsets: Vec<FxMap<u32, Vec<Vec<u32>>>> = synsets
            .into_iter()
            .map(|members| {
                let mut by_first: FxMap<u32, Vec<Vec<u32>>> = FxMap::default();
                for m in members {
                    if let Some(&f) = m.first() {
                        by_first.entry(f).or_default().push(m);
                    }
                }
                by_first
            })
            .collect();
        let vocab_size = vocab.values().map(|&id| id as usize + 1).max().unwrap_or(0);
        // One lookup per token gives both the vocabulary id and the verb forms.
        let mut lexicon: FxMap<String, (u32, u32)> = vocab
            .iter()
            .map(|(w, &id)| (w.clone(), (id, NONE)))
            .collect();
        let mut verb_lists = Vec::with_capacity(verb_first.len());
        for (w, forms) in verb_first {
            lexicon.entry(w).or_insert((NONE, NONE)).1 = verb_lists.len() as u32;
            verb_lists.push(forms);
        }
        Coder {
            dicts,
            config,
            nouns,
            noun_hits,
            verb_lists,
            lexicon,
            verb_hits,
            line_codes,
            discards,
            that_word: vocab.get("THAT").copied(),
            vocab,
            vocab_size,
            synsets,
            blocks,
        }
    }

    /// The dictionaries this coder was built from.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// The options.
    pub fn config(&self) -> Config {
        self.config
    }

    /// Codes one sentence.
    pub fn code(&self, sentence: &str, ctx: &SentenceContext) -> Vec<Event> {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        self.code_with(sentence, ctx, &mut scratch, &mut out);
        out
    }

    /// Codes one sentence, reusing `scratch` across calls and appending to `out`.
    pub fn code_with(
        &self,
        sentence: &str,
        ctx: &SentenceContext,
        scratch: &mut Scratch,
        out: &mut Vec<Event>,
    ) {
        scratch.clear();
        tokenize(sentence, &mut scratch.tokens);
        if scratch.tokens.is_empty() {
            return;
        }
        if let Some(ac) = &self.discards
            && ac.is_match(scratch.tokens.haystack())
        {
            return;
        }
        let mut s = Sentence::new(self, sentence, ctx, scratch);
        s.run(out);
    }

    /// Codes one sentence whose actor mentions were resolved outside the coder (byte ranges
    /// within `sentence`, in text order, with final codes); the coder's own actor and agent
    /// dictionaries are not used. Events' actors carry the index of their mention.
    pub fn code_mentions(
        &self,
        sentence: &str,
        mentions: &[ActorMention<'_>],
        scratch: &mut Scratch,
        out: &mut Vec<Event>,
    ) {
        scratch.clear();
        tokenize(sentence, &mut scratch.tokens);
        if scratch.tokens.is_empty() || mentions.is_empty() {
            return;
        }
        if let Some(ac) = &self.discards
            && ac.is_match(scratch.tokens.haystack())
        {
            return;
        }
        let mut s = Sentence::new(self, sentence, &SentenceContext::default(), scratch);
        s.mentions = Some(mentions);
        s.run(out);
    }

    /// [`Coder::code_mentions`] with a trace as [`Coder::trace`] gives.
    pub fn trace_mentions(&self, sentence: &str, mentions: &[ActorMention<'_>]) -> String {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        tokenize(sentence, &mut scratch.tokens);
        let mut s = Sentence::new(self, sentence, &SentenceContext::default(), &mut scratch);
        s.mentions = Some(mentions);
        s.trace = Some(String::new());
        s.run(&mut out);
        let mut trace = s.trace.take().unwrap_or_default();
        for e in &out {
            trace.push_str(&format!(
                "event {} {} -> {} {:?} mediator {} [{}]\n",
                e.cameo,
                e.source.code,
                e.target.as_ref().map_or("-", |t| t.code.as_str()),
                e.status,
                e.mediator.as_ref().map_or("-", |m| m.code.as_str()),
                sentence.get(e.trigger.0..e.trigger.1).unwrap_or("")
            ));
        }
        trace
    }

    /// The built-in coder ([`Dictionaries::builtin`], default [`Config`]), built on first use
    /// and shared by the whole process.
    pub fn builtin() -> &'static Coder {
        static CODER: OnceLock<Coder> = OnceLock::new();
        CODER.get_or_init(|| Coder::new(Dictionaries::builtin()))
    }

    /// Codes one sentence and describes how: the actor units and groups, and the verbs
    /// read as verbs (token indices), then the events. For people studying a coding.
    pub fn trace(&self, sentence: &str, ctx: &SentenceContext) -> String {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        tokenize(sentence, &mut scratch.tokens);
        let mut s = Sentence::new(self, sentence, ctx, &mut scratch);
        s.trace = Some(String::new());
        s.run(&mut out);
        let mut trace = s.trace.take().unwrap_or_default();
        for e in &out {
            trace.push_str(&format!(
                "event {} {} -> {} {:?} mediator {} [{}]\n",
                e.cameo,
                e.source.code,
                e.target.as_ref().map_or("-", |t| t.code.as_str()),
                e.status,
                e.mediator.as_ref().map_or("-", |m| m.code.as_str()),
                sentence.get(e.trigger.0..e.trigger.1).unwrap_or("")
            ));
        }
        trace
    }

    /// The bare dictionary scan the benchmark compares against: tokenizing, the actor and
    /// agent automaton (empty on the mention path) and the verb-form lookup of every token.
    /// Returns the number of hits.
    pub fn bare_scan(&self, sentence: &str, scratch: &mut Scratch) -> usize {
        tokenize(sentence, &mut scratch.tokens);
        let toks = &scratch.tokens;
        let mut hits = self.nouns.find_iter(toks.haystack()).count();
        let mut i = 0;
        while i < toks.len() {
            match self.verb_form_at(toks, i) {
                Some((_, len)) => {
                    hits += 1;
                    i += len;
                }
                None => i += 1,
            }
        }
        hits
    }

    /// The longest verb form starting at token `i`: (form, number of words).
    fn verb_form_at(&self, toks: &Tokens, i: usize) -> Option<(usize, usize)> {
        let list = self.lexicon.get(toks.norm(i))?.1;
        self.verb_form_in(list, toks, i)
    }

    /// The longest form of verb list `list` (`NONE`: none) starting at token `i`.
    fn verb_form_in(&self, list: u32, toks: &Tokens, i: usize) -> Option<(usize, usize)> {
        self.verb_lists
            .get(list as usize)?
            .iter()
            .find(|(_, rest)| {
                i + rest.len() < toks.len()
                    && rest
                        .iter()
                        .enumerate()
                        .all(|(j, w)| toks.norm(i + 1 + j) == w)
            })
            .map(|(hit, rest)| (*hit as usize, rest.len() + 1))
    }
}

fn build_ac(patterns: &[String]) -> AhoCorasick {
    // The builder's own choice of automaton (a contiguous NFA for the verb forms: 0.4 MB,
    // where a DFA takes 3.5 MB and is no faster beside the other stages' automata).
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        // Every pattern starts with a space: a start-byte prefilter would stop everywhere.
        .prefilter(false)
        .build(patterns)
        .unwrap_or_else(|_| {
            // Only fails past the automaton's size limits; an empty matcher codes nothing.
            AhoCorasick::new(std::iter::empty::<&str>()).expect("an empty automaton always builds")
        })
}

/// Reusable buffers for [`Coder::code_with`].
#[derive(Debug, Default)]
pub struct Scratch {
    tokens: Tokens,
    tags: Vec<Tag>,
    ids: Vec<u32>,
    mention_of: Vec<u32>,
    verb_at: Vec<bool>,
    raw_verbs: Vec<(usize, usize, usize)>,
    present: Vec<u64>,
    sing: Vec<u32>,
    verb_of: Vec<u32>,
}

impl Scratch {
    fn clear(&mut self) {
        self.tags.clear();
        self.ids.clear();
        self.mention_of.clear();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Word,
    Det,
    Prep,
    To,
    Conj,
    Comma,
    Stop,
    Be,
    Have,
    Do,
    Modal,
    Neg,
    Pron,
    Rel,
    Poss,
    Sub,
    That,
    Adv,
    Num,
}

fn tag_of(norm: &str) -> Tag {
    match norm {
        "THE" | "A" | "AN" | "THIS" | "THESE" | "THOSE" | "ITS" | "THEIR" | "HIS" | "HER"
        | "OUR" | "MY" | "YOUR" | "ANY" | "SOME" | "EACH" | "EVERY" | "ALL" | "BOTH"
        | "NEITHER" | "EITHER" | "SEVERAL" | "MANY" | "ANOTHER" => Tag::Det,
        "OF" | "IN" | "ON" | "AT" | "BY" | "FOR" | "WITH" | "FROM" | "INTO" | "AGAINST"
        | "OVER" | "UNDER" | "ABOUT" | "TOWARD" | "TOWARDS" | "BETWEEN" | "AMONG" | "THROUGH"
        | "VIA" | "DURING" | "NEAR" | "ACROSS" | "ALONG" | "AROUND" | "WITHOUT" | "DESPITE"
        | "UPON" | "BEYOND" | "AMID" | "OUTSIDE" | "INSIDE" | "TO"
            if norm != "TO" =>
        {
            Tag::Prep
        }
        "TO" => Tag::To,
        "AND" | "OR" | "NOR" | "BUT" | "&" => Tag::Conj,
        "," => Tag::Comma,
        "." | ";" | ":" | "!" | "?" | "--" | "\"" | "(" | ")" => Tag::Stop,
        "IS" | "ARE" | "WAS" | "WERE" | "BE" | "BEEN" | "BEING" | "AM" | "'S'" => Tag::Be,
        "HAS" | "HAVE" | "HAD" | "HAVING" => Tag::Have,
        "DO" | "DOES" | "DID" => Tag::Do,
        "WILL" | "WOULD" | "SHALL" | "SHOULD" | "CAN" | "COULD" | "MAY" | "MIGHT" | "MUST"
        | "WO" | "CA" | "'LL" | "'D" => Tag::Modal,
        "NOT" | "N'T" | "NEVER" => Tag::Neg,
        "HE" | "SHE" | "IT" | "THEY" | "WE" | "I" | "YOU" | "HIM" | "THEM" | "US" => Tag::Pron,
        "WHO" | "WHICH" | "WHOM" | "WHOSE" | "WHERE" => Tag::Rel,
        "'S" | "'" => Tag::Poss,
        "IF" | "WHETHER" | "BECAUSE" | "ALTHOUGH" | "THOUGH" | "UNLESS" | "WHILE" | "WHEN"
        | "AFTER" | "BEFORE" | "UNTIL" | "SINCE" | "AS" | "ONCE" => Tag::Sub,
        "THAT" => Tag::That,
        _ => {
            let b = norm.as_bytes();
            if b.first().is_some_and(u8::is_ascii_digit) {
                Tag::Num
            } else if norm.len() > 4
                && norm.ends_with("LY")
                // "nuclear-only" is an adjective.
                && !norm.contains('-')
                && !matches!(
                    norm,
                    "ITALY"
                        | "RALLY"
                        | "ALLY"
                        | "FAMILY"
                        | "SUPPLY"
                        | "REPLY"
                        | "APPLY"
                        | "ASSEMBLY"
                        | "MONOPOLY"
                )
            {
                Tag::Adv
            } else {
                Tag::Word
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Unit<'c> {
    start: usize,
    end: usize,
    actor: Option<&'c str>,
    prefix: Vec<&'c str>,
    suffix: Vec<&'c str>,
    /// The external mention the unit comes from (mention path).
    mention: Option<usize>,
}

impl Unit<'_> {
    fn code(&self) -> String {
        let mut s = String::new();
        for p in &self.prefix {
            s.push_str(p);
        }
        s.push_str(self.actor.unwrap_or("---"));
        for a in &self.suffix {
            if !s.ends_with(a) {
                s.push_str(a);
            }
        }
        s
    }
    fn has_agent(&self) -> bool {
        !self.prefix.is_empty() || !self.suffix.is_empty()
    }
}

#[derive(Debug, Clone)]
struct Group {
    start: usize,
    end: usize,
    units: Vec<usize>,
    mediator: bool,
}

#[derive(Debug, Clone)]
struct VerbCand {
    start: usize,
    end: usize,
    hit: usize,
    past: bool,
    /// A participle opening an adjunct clause ("…, praising the talks", "while ramping up
    /// pressure"): its subject is the main clause's.
    adjunct: bool,
}

struct Sentence<'c, 's> {
    coder: &'c Coder,
    text: &'s str,
    ctx: SentenceContext,
    toks: &'s Tokens,
    tags: &'s mut Vec<Tag>,
    ids: &'s mut Vec<u32>,
    units: Vec<Unit<'c>>,
    groups: Vec<Group>,
    /// Token → group index (or u32::MAX).
    group_of: &'s mut Vec<u32>,
    /// Tokens where a dictionary verb form starts.
    verb_at: &'s mut Vec<bool>,
    /// Where [`Coder::trace`] collects its lines.
    trace: Option<String>,
    /// Verb forms found: (first token, end token, automaton pattern).
    raw_verbs: &'s mut Vec<(usize, usize, usize)>,
    /// Vocabulary ids of the sentence's tokens and of their singulars, sorted.
    present: &'s mut Vec<u64>,
    /// Vocabulary id of each token's singular (`NONE` when it has none).
    sing: &'s mut Vec<u32>,
    /// Each token's verb list in the coder's lexicon (`NONE`: no verb form starts there).
    verb_of: &'s mut Vec<u32>,
    /// Actor mentions resolved outside (mention path); `None` scans the coder's own actor
    /// and agent dictionaries.
    mentions: Option<&'c [ActorMention<'c>]>,
}

const NONE: u32 = u32::MAX;

/// The vocabulary maps are looked up several times per token: a fast non-keyed hash (the
/// keys are our own dictionary words, so hash flooding is not a concern).
type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

impl<'c, 's> Sentence<'c, 's> {
    fn new(
        coder: &'c Coder,
        text: &'s str,
        ctx: &SentenceContext,
        scratch: &'s mut Scratch,
    ) -> Self {
        let Scratch {
            tokens,
            tags,
            ids,
            mention_of,
            verb_at,
            raw_verbs,
            present,
            sing,
            verb_of,
        } = scratch;
        verb_of.clear();
        let n = tokens.len();
        for i in 0..n {
            let norm = tokens.norm(i);
            tags.push(tag_of(norm));
            let (id, verbs) = coder.lexicon.get(norm).copied().unwrap_or((NONE, NONE));
            ids.push(id);
            verb_of.push(verbs);
        }
        // "once again", "once more" are adverbs, not the subordinator "once".
        for (i, tag) in tags.iter_mut().enumerate().take(n.saturating_sub(1)) {
            if *tag == Tag::Sub
                && tokens.norm(i) == "ONCE"
                && matches!(tokens.norm(i + 1), "AGAIN" | "MORE")
            {
                *tag = Tag::Adv;
            }
        }
        mention_of.resize(n, NONE);
        verb_at.clear();
        verb_at.resize(n, false);
        raw_verbs.clear();
        Sentence {
            coder,
            text,
            ctx: *ctx,
            toks: tokens,
            tags,
            ids,
            units: Vec::new(),
            groups: Vec::new(),
            group_of: mention_of,
            verb_at,
            trace: None,
            raw_verbs,
            present,
            sing,
            verb_of,
            mentions: None,
        }
    }

    fn norm(&self, i: usize) -> &str {
        self.toks.norm(i)
    }

    /// The vocabulary id of token `i`'s singular, for plural nouns ("efforts" → EFFORT).
    fn singular(&self, i: usize) -> Option<u32> {
        let w = self.norm(i);
        let vocab = &self.coder.vocab;
        if let Some(stem) = w.strip_suffix("IES") {
            let mut s = String::with_capacity(w.len());
            s.push_str(stem);
            s.push('Y');
            if let Some(&id) = vocab.get(&s) {
                return Some(id);
            }
        }
        if let Some(stem) = w.strip_suffix("ES")
            && let Some(&id) = vocab.get(stem)
        {
            return Some(id);
        }
        w.strip_suffix('S')
            .and_then(|stem| vocab.get(stem).copied())
    }

    fn is(&self, i: usize, w: &str) -> bool {
        i < self.toks.len() && self.toks.norm(i) == w
    }

    fn run(&mut self, out: &mut Vec<Event>) {
        self.scan_verbs();
        // Without a verb form or an event noun there is nothing to code.
        if self.raw_verbs.is_empty()
            && self.trace.is_none()
            && !(self.coder.config.noun_events
                && (0..self.toks.len()).any(|i| is_event_noun(self.norm(i))))
        {
            return;
        }
        match self.mentions {
            Some(m) => self.units_from_mentions(m),
            None => self.build_units(),
        }
        self.build_groups();
        // "The US and Senegal both urged", "the parties all agreed": a quantifier floating
        // after the subject, before its verb, is an adverb there, not a determiner.
        for i in 1..self.toks.len().saturating_sub(1) {
            if self.tags[i] == Tag::Det
                && matches!(self.norm(i), "BOTH" | "ALL" | "EACH")
                && self.group_of[i - 1] != NONE
                && self.group_of[i] == NONE
                && self.verb_at[i + 1]
                && self.group_of[i + 1] == NONE
            {
                self.tags[i] = Tag::Adv;
            }
        }
        let verbs = self.verb_candidates();
        if !verbs.is_empty() {
            // The pattern words the sentence has (and their singulars), for `best_pattern`.
            self.present.clear();
            self.present.resize(self.coder.vocab_size.div_ceil(64), 0);
            self.sing.clear();
            for i in 0..self.toks.len() {
                let id = self.ids[i];
                if id != NONE {
                    self.present[id as usize / 64] |= 1 << (id % 64);
                }
                let sing = self.singular(i).unwrap_or(NONE);
                if sing != NONE {
                    self.present[sing as usize / 64] |= 1 << (sing % 64);
                }
                self.sing.push(sing);
            }
        }
        if let Some(trace) = self.trace.as_mut() {
            use std::fmt::Write as _;
            for u in &self.units {
                let _ = writeln!(trace, "unit {}..{} {}", u.start, u.end, u.code());
            }
            for g in &self.groups {
                let _ = writeln!(
                    trace,
                    "group {}..{} units {:?} mediator {}",
                    g.start, g.end, g.units, g.mediator
                );
            }
            for v in &verbs {
                let _ = writeln!(
                    trace,
                    "verb {}..{} {}",
                    v.start,
                    v.end,
                    self.toks.norm(v.start)
                );
            }
        }
        let first = out.len();
        self.code_verbs(&verbs, out);
        if self.coder.config.noun_events {
            self.code_nouns(first, out);
        }
    }

    fn build_units(&mut self) {
        let toks = self.toks;
        let hay = toks.haystack();
        let coder = self.coder;
        for m in coder.nouns.find_iter(hay) {
            let (Some(s), Some(e)) = (
                toks.token_at_separator(m.start()),
                toks.token_ending_at(m.end()),
            ) else {
                continue;
            };
            let e = e + 1;
            match coder.noun_hits[m.pattern().as_usize()] {
                NounHit::Actor(k) => {
                    // Proper names are capitalised: "us" is not the United States.
                    if (s..e).all(|i| toks.tokens()[i].lower) {
                        continue;
                    }
                    let Some(code) = coder.dicts.actors.entries[k as usize].code_on(self.ctx.date)
                    else {
                        continue;
                    };
                    self.push_mention(s, e, Some(code), None);
                }
                NounHit::Agent(k) => {
                    let a = &coder.dicts.agents.entries[k as usize];
                    self.push_mention(s, e, None, Some((a.code.as_str(), a.prefix)));
                }
            }
        }
    }

    /// The units of the mention path: one per external mention, on the tokens it covers.
    /// A country or place right before a possessive and another mention is folded into that
    /// mention ("Iran's foreign minister Abbas Araghchi" is the minister).
    fn units_from_mentions(&mut self, mentions: &'c [ActorMention<'c>]) {
        let toks = self.toks.tokens();
        for (k, m) in mentions.iter().enumerate() {
            if m.code.is_empty() || m.start >= m.end {
                continue;
            }
            let s = toks.partition_point(|t| t.end <= m.start);
            let e = toks.partition_point(|t| t.start < m.end);
            if s >= e {
                continue;
            }
            // "the Banjul process", "the Doha talks": a one-word name between "the" and a
            // process noun modifies the noun; it does not act.
            if e == s + 1
                && s > 0
                && self.is(s - 1, "THE")
                && e < toks.len()
                && is_process_noun(self.norm(e))
            {
                continue;
            }
            if let Some(last) = self.units.last_mut() {
                if (last.start, last.end) == (s, e) && last.actor != Some(m.code) {
                    // One phrase for two actors ("both sides"): a compound.
                    self.units.push(Unit {
                        start: s,
                        end: e,
                        actor: Some(m.code),
                        prefix: Vec::new(),
                        suffix: Vec::new(),
                        mention: Some(k),
                    });
                    continue;
                }
                if last.end > s {
                    // Two mentions in one token ("U.S.-Iran"): keep the first.
                    continue;
                }
                let gap = last.end..s;
                if !gap.is_empty()
                    && gap.len() <= 5
                    && self.tags[last.end] == Tag::Poss
                    && gap
                        .clone()
                        .skip(1)
                        .all(|i| self.tags[i] == Tag::Word && !self.verb_at[i])
                {
                    last.end = e;
                    last.actor = Some(m.code);
                    last.mention = Some(k);
                    continue;
                }
            }
            self.units.push(Unit {
                start: s,
                end: e,
                actor: Some(m.code),
                prefix: Vec::new(),
                suffix: Vec::new(),
                mention: Some(k),
            });
        }
    }

    /// Adds a mention, joining it to the previous unit when they form one noun phrase
    /// ("Osgiliath soldiers", "Gondor's main opposition group", "MSF Arnor").
    fn push_mention(
        &mut self,
        s: usize,
        e: usize,
        actor: Option<&'c str>,
        agent: Option<(&'c str, bool)>,
    ) {
        if let Some(last) = self.units.last_mut() {
            let gap = last.end..s;
            let gap_ok = gap.len() <= 3
                && !gap.clone().any(|i| self.verb_at[i])
                && gap.clone().all(|i| {
                    matches!(self.tags[i], Tag::Poss | Tag::Word | Tag::Adv | Tag::Num)
                        && (self.tags[i] != Tag::Word || self.toks.tokens()[i].lower)
                });
            // Adjective coordination inside one phrase: "Ithilen's awful and evil minister".
            let coord_ok = agent.is_some()
                && gap.len() <= 5
                && !gap.clone().any(|i| self.verb_at[i])
                && gap.clone().any(|i| self.tags[i] == Tag::Poss)
                && gap.clone().all(|i| {
                    matches!(self.tags[i], Tag::Poss | Tag::Word | Tag::Conj)
                        && (self.tags[i] != Tag::Word || self.toks.tokens()[i].lower)
                });
            // A name right after a title names its holder: "Bree Prime Minister Romendacil",
            // "Iran's Foreign Minister Abbas Araghchi" keep the titled unit's code.
            // Also across the rest of a name: "British Defence Secretary Tom King".
            let name_gap = gap.len() <= 3
                && gap.clone().all(|i| {
                    self.tags[i] == Tag::Word
                        && self.toks.tokens()[i].capitalised
                        && !self.verb_at[i]
                });
            if last.actor.is_some()
                && last.has_agent()
                && (actor.is_some() && agent.is_none() && gap.is_empty()
                    || name_gap && !gap.is_empty() && self.toks.tokens()[s].capitalised)
            {
                last.end = e;
                return;
            }
            let joins = (gap_ok || coord_ok)
                && match (actor, agent) {
                    (Some(_), _) => last.actor.is_none(),
                    (None, Some(_)) => true,
                    (None, None) => false,
                };
            if joins {
                last.end = e;
                if let Some(a) = actor {
                    last.actor = Some(a);
                }
                if let Some((code, prefix)) = agent {
                    if prefix {
                        last.prefix.push(code);
                    } else {
                        last.suffix.push(code);
                    }
                }
                return;
            }
        }
        let mut u = Unit {
            start: s,
            end: e,
            actor,
            prefix: Vec::new(),
            suffix: Vec::new(),
            mention: None,
        };
        if let Some((code, prefix)) = agent {
            if prefix {
                u.prefix.push(code);
            } else {
                u.suffix.push(code);
            }
        }
        self.units.push(u);
    }

    /// Whether tokens `a..b` only join list members: `,`, `and`, `or`, `nor`, articles and
    /// up to two lower-case modifiers ("Arnor and the evil awful Gondor").
    fn list_gap(&self, a: usize, b: usize) -> bool {
        let gap = a..b;
        if gap.is_empty() || gap.len() > 6 {
            return false;
        }
        let mut joiner = false;
        let mut words = 0;
        for i in gap {
            match self.tags[i] {
                Tag::Comma => joiner = true,
                Tag::Conj if matches!(self.norm(i), "AND" | "OR" | "NOR" | "&") => joiner = true,
                // "Pakistan, a key U.S. ally": an indefinite article opens an apposition.
                Tag::Det if matches!(self.norm(i), "A" | "AN") => return false,
                Tag::Det => {}
                Tag::Word if self.verb_at[i] => return false,
                Tag::Word
                    if self.toks.tokens()[i].lower
                        || self.toks.tokens()[i].capitalised
                            && words == 0
                            && i > a
                            && self.tags[i - 1] == Tag::Conj =>
                {
                    words += 1;
                    if words > 2 {
                        return false;
                    }
                }
                _ => return false,
            }
        }
        joiner
    }

    fn build_groups(&mut self) {
        // 0. A short parenthesis after a mention belongs to it: "the European Union (EU)".
        for u in &mut self.units {
            let e = u.end;
            if e < self.toks.len()
                && self.toks.norm(e) == "("
                && let Some(close) =
                    (e + 1..(e + 5).min(self.toks.len())).find(|&j| self.toks.norm(j) == ")")
            {
                u.end = close + 1;
            }
        }
        // 1. Agent-only units followed by of/in/from + actors: "the ambassadors of Arnor,
        //    Osgiliath and Gondor", "Lawmakers and officials in Arnor and Gondor".
        let mut raw: Vec<Vec<usize>> = Vec::new();
        for i in 0..self.units.len() {
            if let Some(g) = raw.last_mut()
                && let Some(&prev) = g.last()
                && (self.list_gap(self.units[prev].end, self.units[i].start)
                    || self.units[prev].start == self.units[i].start)
            {
                g.push(i);
                continue;
            }
            raw.push(vec![i]);
        }
        let mut merged: Vec<Vec<usize>> = Vec::new();
        let mut k = 0;
        while k < raw.len() {
            let g = &raw[k];
            // The agent-only tail of the group: "Ithilen and [the government] of Gondor",
            // "[Lawmakers and officials] in Arnor and Gondor".
            let tail_from = g
                .iter()
                .rposition(|&u| self.units[u].actor.is_some())
                .map_or(0, |p| p + 1);
            if tail_from < g.len() && k + 1 < raw.len() {
                let end = self.units[*g.last().unwrap_or(&0)].end;
                let next = &raw[k + 1];
                let next_start = self.units[next[0]].start;
                let mut p = end;
                let linked =
                    p < next_start && matches!(self.norm(p), "OF" | "IN" | "FROM" | "AT") && {
                        p += 1;
                        // Articles, and after one, adjectives: "from the defeated Fatah Party".
                        let mut det = false;
                        while p < next_start
                            && (self.tags[p] == Tag::Det
                                || det && self.tags[p] == Tag::Word && self.toks.tokens()[p].lower)
                        {
                            det |= self.tags[p] == Tag::Det;
                            p += 1;
                        }
                        p == next_start
                    };
                if linked && next.iter().any(|&u| self.units[u].actor.is_some()) {
                    let mut combined: Vec<usize> = g[..tail_from].to_vec();
                    let last = self.units[*next.last().unwrap_or(&next[0])].end;
                    for &a in &g[tail_from..] {
                        for &c in next {
                            let mut u = self.units[c].clone();
                            u.start = self.units[a].start;
                            u.end = last;
                            u.prefix.extend(self.units[a].prefix.iter().copied());
                            u.suffix.extend(self.units[a].suffix.iter().copied());
                            self.units.push(u);
                            combined.push(self.units.len() - 1);
                        }
                    }
                    merged.push(combined);
                    k += 2;
                    continue;
                }
            }
            merged.push(std::mem::take(&mut raw[k]));
            k += 1;
        }
        // 2. Agent-only members inherit the country of an earlier member: "Danish media and
        //    government"; bare countries listed right before a member with agents share its
        //    agents: "Russian and Ukrainian negotiators".
        for g in &merged {
            for w in (0..g.len().saturating_sub(1)).rev() {
                let (a, b) = (g[w], g[w + 1]);
                let adjacent = self.units[b].start == self.units[a].end + 1;
                if adjacent
                    && !self.units[a].has_agent()
                    && self.units[a].actor.is_some()
                    && self.units[b].has_agent()
                {
                    let (prefix, suffix) =
                        (self.units[b].prefix.clone(), self.units[b].suffix.clone());
                    self.units[a].prefix = prefix;
                    self.units[a].suffix = suffix;
                }
            }
        }
        for g in &merged {
            let mut country = None;
            for &u in g {
                match self.units[u].actor {
                    Some(a) => country = Some(a),
                    None => {
                        if let Some(a) = country
                            && self.units[u].has_agent()
                        {
                            self.units[u].actor = Some(a);
                        }
                    }
                }
            }
        }
        for g in merged {
            let start = g.iter().map(|&u| self.units[u].start).min().unwrap_or(0);
            let end = g.iter().map(|&u| self.units[u].end).max().unwrap_or(0);
            let gi = self.groups.len() as u32;
            for t in start..end.min(self.group_of.len()) {
                self.group_of[t] = gi;
            }
            self.groups.push(Group {
                start,
                end,
                units: g,
                mediator: false,
            });
        }
        self.mark_mediators();
    }

    /// "mediated by Oman", "through Omani intermediaries", "under Omani mediation", "with
    /// Qatar mediating", "brokered by Egypt and Qatar", "hosted by Oman".
    fn mark_mediators(&mut self) {
        for gi in 0..self.groups.len() {
            let (s, e) = (self.groups[gi].start, self.groups[gi].end);
            let mut before = s;
            while before > 0 && self.tags[before - 1] == Tag::Det {
                before -= 1;
            }
            let by_mediator = before >= 2
                && self.is(before - 1, "BY")
                && matches!(
                    self.norm(before - 2),
                    "MEDIATED" | "BROKERED" | "HOSTED" | "FACILITATED" | "SPONSORED" | "CONVENED"
                );
            let through =
                before >= 1 && matches!(self.norm(before - 1), "THROUGH" | "VIA" | "UNDER");
            // The mediation noun follows the group, or ends it when an outside mention
            // covers it ("Omani mediation").
            let is_med = |i: usize| {
                i < self.toks.len()
                    && matches!(
                        self.norm(i),
                        "MEDIATION"
                            | "MEDIATORS"
                            | "MEDIATOR"
                            | "INTERMEDIARIES"
                            | "INTERMEDIARY"
                            | "MEDIATING"
                            | "FACILITATION"
                            | "AUSPICES"
                    )
            };
            // "EU-hosted talks", "Qatar-brokered truce": the host written onto the noun.
            let hyphen_host = e > s && {
                let t = self.toks.tokens()[e - 1];
                let word = self.text.get(t.start..t.end).unwrap_or("");
                let rest = self.text.get(t.end..).unwrap_or("");
                [
                    "-hosted",
                    "-brokered",
                    "-mediated",
                    "-sponsored",
                    "-facilitated",
                ]
                .iter()
                .any(|h| {
                    let ci = |x: Option<&str>| x.is_some_and(|r| r.eq_ignore_ascii_case(h));
                    ci(rest.get(..h.len())) || ci(word.get(word.len().saturating_sub(h.len())..))
                })
            };
            let after_noun = e > s && (is_med(e) || is_med(e - 1));
            let as_mediator = e + 2 < self.toks.len()
                && self.is(e, "AS")
                && matches!(self.norm(e + 1), "MEDIATOR" | "INTERMEDIARY" | "GO-BETWEEN")
                || e + 2 < self.toks.len() && self.is(e, "ACTING") && self.is(e + 1, "AS");
            // "talks through Oman", "messages via Qatar": a party the contact passes
            // through (only meetings and agreements take a mediator, see `emit`).
            let through_party = before >= 1
                && matches!(self.norm(before - 1), "THROUGH" | "VIA")
                && self.groups[gi].units.len() == 1;
            if by_mediator
                || hyphen_host
                || through_party
                || (through && after_noun)
                || (before >= 1 && self.is(before - 1, "WITH") && after_noun)
                || as_mediator
                || (after_noun && before >= 1 && self.is(before - 1, "UNDER"))
            {
                self.groups[gi].mediator = true;
            }
        }
    }

    /// Verb forms that read as verbs here.
    /// Finds every dictionary verb form (before actors, so that a noun phrase never
    /// swallows a verb).
    fn scan_verbs(&mut self) {
        let toks = self.toks;
        let mut i = 0;
        while i < toks.len() {
            match self.coder.verb_form_in(self.verb_of[i], toks, i) {
                Some((hit, len)) => {
                    self.verb_at[i] = true;
                    self.raw_verbs.push((i, i + len, hit));
                    i += len;
                }
                None => i += 1,
            }
        }
    }

    fn verb_candidates(&mut self) -> Vec<VerbCand> {
        let toks = self.toks;
        let mut out = Vec::new();
        for k in 0..self.raw_verbs.len() {
            let (s, e, hit) = self.raw_verbs[k];
            if self.group_of[s] != NONE {
                continue;
            }
            let forms = &self.coder.verb_hits[hit];
            let past = forms.iter().any(|f| f.past);
            let gerund = forms.iter().all(|f| f.gerund);
            let w = self.norm(s);
            let prev = (s > 0).then(|| self.tags[s - 1]);
            let prev_is_noun = s > 0 && self.group_of[s - 1] != NONE;
            // "a US offer": after an indefinite article a country name is a modifier.
            let modifier = prev_is_noun && !past && {
                let g = &self.groups[self.group_of[s - 1] as usize];
                let mut p = g.start;
                while p > 0 && self.tags[p - 1] == Tag::Word && toks.tokens()[p - 1].lower {
                    p -= 1;
                }
                g.units.len() == 1 && p > 0 && matches!(self.norm(p - 1), "A" | "AN")
            };
            if modifier {
                continue;
            }
            let noun_reading = match prev {
                Some(Tag::Det | Tag::Poss | Tag::Num | Tag::Prep) => true,
                Some(Tag::To) => w.ends_with('S') && !past && !w.ends_with("SS"),
                _ => false,
            };
            if noun_reading {
                continue;
            }
            // Words that look like verbs and are not here: "according to", "following the
            // deal" (a preposition), "based in" after a noun.
            if w == "ACCORDING"
                || w == "FOLLOWING"
                    && e < toks.len()
                    && (matches!(self.tags[e], Tag::Det | Tag::Num | Tag::Poss)
                        || self.group_of[e] != NONE)
            {
                continue;
            }
            // "Ousted President Akayev", "Newly appointed Prime Minister Haniyeh": a
            // participle before a name modifies it.
            if past
                && e < toks.len()
                && self.group_of[e] != NONE
                && (s == 0
                    || matches!(prev, Some(Tag::Det))
                    || prev == Some(Tag::Adv) && (s == 1 || matches!(self.tags[s - 2], Tag::Det)))
            {
                continue;
            }
            // "a body linked to the OAU", "a terror group based in Trinidad": a participle
            // after a noun phrase, before a preposition, modifies the noun.
            if past
                && prev == Some(Tag::Word)
                && toks.tokens()[s - 1].lower
                && s >= 2
                && matches!(self.tags[s - 2], Tag::Det | Tag::Num | Tag::Word)
                && self.group_of[s - 2] == NONE
                && e < toks.len()
                && matches!(self.tags[e], Tag::Prep | Tag::To)
                && !self.raw_verbs.iter().any(|&(rs, _, _)| rs == s - 2)
            {
                continue;
            }
            // "the expansion of American demands": after a demonym adjective, a noun.
            if prev_is_noun && !past && is_demonym_adjective(self.norm(s - 1)) {
                continue;
            }
            // "and head of the council": a noun.
            if !past
                && !gerund
                && e < toks.len()
                && self.is(e, "OF")
                && matches!(prev, Some(Tag::Conj | Tag::Comma))
            {
                continue;
            }
            // "vessels linked to oil trade", "an order tied to tariffs": a participle after a
            // common noun, in a clause whose verb came earlier, modifies the noun.
            if past
                && prev == Some(Tag::Word)
                && toks.tokens()[s - 1].lower
                && e < toks.len()
                && (matches!(self.tags[e], Tag::Prep | Tag::To)
                    || self.tags[e] == Tag::Word && self.norm(e).ends_with("ING"))
                && self.earlier_verb_in_clause(s - 1)
            {
                continue;
            }
            // A present form after "and" is a verb when something can coordinate with it:
            // a subject right before ("Iran and Oman meet") or an earlier verb ("condemns the
            // attack and pledges aid"); "threats and pressure" is a noun.
            if prev == Some(Tag::Conj)
                && !past
                && !gerund
                && s >= 2
                && self.group_of[s - 2] == NONE
                && !self.earlier_verb_in_clause(s - 1)
            {
                continue;
            }
            let adjunct = gerund
                && e < toks.len()
                && !matches!(self.tags[e], Tag::Pron | Tag::That | Tag::Stop)
                && (prev == Some(Tag::Comma)
                    || s > 0 && matches!(self.norm(s - 1), "WHILE" | "AFTER" | "BEFORE" | "BY")
                    || prev == Some(Tag::Conj)
                        && out
                            .last()
                            .is_some_and(|c: &VerbCand| c.adjunct && s - c.end <= 8));
            if adjunct {
                out.push(VerbCand {
                    start: s,
                    end: e,
                    hit,
                    past,
                    adjunct: true,
                });
                continue;
            }
            let aux_before = matches!(
                prev,
                Some(Tag::Be | Tag::Have | Tag::Do | Tag::Modal | Tag::Neg | Tag::To | Tag::Adv)
            );
            let ok = if gerund {
                // "is meeting", "will be renewing"; "U.S. and Iranian delegations meeting";
                // "began collecting", "resumed shelling".
                matches!(prev, Some(Tag::Be | Tag::Adv | Tag::Neg)) && self.be_before(s)
                    || s > 0
                        && self
                            .raw_verbs
                            .iter()
                            .any(|&(rs, re, _)| re == s && is_aspect_verb(self.norm(rs)))
                    || prev_is_noun && self.groups[self.group_of[s - 1] as usize].units.len() >= 2
            } else if past {
                let reduced_relative =
                    prev == Some(Tag::Word) && e < toks.len() && self.norm(e) == "BY";
                !matches!(prev, Some(Tag::Det)) && !reduced_relative
                    || aux_before
                    || prev_is_noun
                    || matches!(prev, Some(Tag::Comma | Tag::Rel | Tag::Pron | Tag::Conj))
            } else if w.ends_with('S') && !w.ends_with("SS") {
                prev_is_noun
                    || aux_before
                    || matches!(
                        prev,
                        Some(Tag::Pron | Tag::Rel | Tag::Adv | Tag::Conj | Tag::That)
                    )
                    || prev.is_none()
            } else {
                prev_is_noun
                    || aux_before
                    || matches!(prev, Some(Tag::Pron | Tag::Rel | Tag::Conj | Tag::That))
            };
            if !ok {
                continue;
            }
            out.push(VerbCand {
                start: s,
                end: e,
                hit,
                past,
                adjunct: false,
            });
        }
        out
    }

    /// Whether a dictionary verb form that reads as a verb (after a subject or an
    /// auxiliary) stands before token `i` in the same clause.
    fn earlier_verb_in_clause(&self, i: usize) -> bool {
        self.raw_verbs.iter().any(|&(vs, _, _)| {
            vs < i
                && !(vs..i).any(|j| self.is_boundary(j))
                && vs > 0
                && (self.group_of[vs - 1] != NONE
                    || matches!(
                        self.tags[vs - 1],
                        Tag::Be | Tag::Have | Tag::Modal | Tag::Do | Tag::Pron | Tag::Adv
                    ))
        })
    }

    /// The subject of the main clause before token `before`: the last group (not a
    /// mediator, not inside a prepositional phrase) followed by a verb or auxiliary.
    fn clause_subject(&self, before: usize) -> Option<usize> {
        let mut best = None;
        for (g, grp) in self.groups.iter().enumerate() {
            if grp.end >= before {
                break;
            }
            if grp.mediator {
                continue;
            }
            let mut p = grp.start;
            while p > 0 && self.tags[p - 1] == Tag::Det {
                p -= 1;
            }
            if p > 0 && self.tags[p - 1] == Tag::Prep {
                continue;
            }
            let mut k = grp.end;
            while k < before && matches!(self.tags[k], Tag::Adv) {
                k += 1;
            }
            if k < before
                && (matches!(self.tags[k], Tag::Be | Tag::Have | Tag::Modal | Tag::Do)
                    || self.verb_at[k])
            {
                best = Some(g);
            }
        }
        best
    }

    fn is_verbish_word(&self, w: &str) -> bool {
        matches!(
            w,
            "ALSO"
                | "JUST"
                | "THEN"
                | "NOW"
                | "EVER"
                | "EVEN"
                | "STILL"
                | "ALREADY"
                | "AGAIN"
                | "REPORTEDLY"
                | "LATER"
                | "FIRST"
        )
    }

    fn be_before(&self, s: usize) -> bool {
        let mut i = s;
        while i > 0 {
            i -= 1;
            match self.tags[i] {
                Tag::Be => return true,
                Tag::Adv | Tag::Neg => continue,
                _ if self.is_verbish_word(self.norm(i)) => continue,
                _ => return false,
            }
        }
        false
    }

    /// Start of the verb group: auxiliaries, modals, negation, adverbs and "about to",
    /// "plans to" before the verb.
    fn verb_group_start(&self, s: usize) -> usize {
        let mut i = s;
        while i > 0 {
            let t = self.tags[i - 1];
            let w = self.norm(i - 1);
            let take = matches!(
                t,
                Tag::Be | Tag::Have | Tag::Do | Tag::Modal | Tag::Neg | Tag::Adv | Tag::To
            ) || self.is_verbish_word(w)
                || matches!(
                    w,
                    "ABOUT"
                        | "SET"
                        | "GOING"
                        | "DUE"
                        | "EXPECTED"
                        | "SCHEDULED"
                        | "PLAN"
                        | "PLANS"
                        | "PLANNED"
                        | "PLANNING"
                        | "INTENDS"
                        | "INTEND"
                        | "INTENDED"
                        | "LIKELY"
                        | "READY"
                        | "PREPARING"
                        | "WILLING"
                        | "COMMITTED"
                        | "DETERMINED"
                        | "EAGER"
                        | "PREPARED"
                        | "TRY"
                        | "TRIES"
                        | "TRIED"
                        | "TRYING"
                        | "WANT"
                        | "WANTS"
                        | "WANTED"
                        | "SEEK"
                        | "SEEKS"
                        | "SOUGHT"
                        | "HOPE"
                        | "HOPES"
                        | "HOPED"
                        | "REFUSED"
                        | "REFUSES"
                        | "REFUSE"
                        | "REFUSING"
                        | "DECLINED"
                        | "DECLINES"
                        | "DECLINING"
                        | "FAILED"
                        | "FAILS"
                        | "UNLIKELY"
                        | "UNABLE"
                        | "ABLE"
                        | "CERTAINLY"
                        | "REALLY"
                        | "MOST"
                        | "UNEXPECTEDLY"
                        | "AIMS"
                        | "AIM"
                        | "THREATENED"
                        | "THREATENS"
                        | "VOWED"
                        | "VOWS"
                        | "PROMISED"
                        | "PROMISES"
                        | "PLEDGED"
                        | "PLEDGES"
                        | "SWORE"
                        | "SWORN"
                        | "AGREED"
                        | "AGREES"
                        | "DECIDED"
                        | "DECIDES"
                        | "OFFERED"
                        | "OFFERS"
                );
            if !take {
                // "has not, so far, threatened": a short aside between commas inside the
                // verb group.
                if t == Tag::Comma
                    && let Some(open) = (i.saturating_sub(5)..i - 1)
                        .rev()
                        .find(|&k| self.tags[k] == Tag::Comma)
                    && open > 0
                    && (open + 1..i - 1).all(|k| self.group_of[k] == NONE && !self.verb_at[k])
                    && matches!(
                        self.tags[open - 1],
                        Tag::Neg | Tag::Have | Tag::Modal | Tag::Be | Tag::Adv
                    )
                {
                    i = open;
                    continue;
                }
                break;
            }
            i -= 1;
        }
        i
    }

    fn status(&self, vg: usize, s: usize, clause_start: usize) -> Status {
        let words = || (vg..s).map(|i| self.norm(i));
        if words().any(|w| {
            matches!(
                w,
                "NOT"
                    | "N'T"
                    | "NEVER"
                    | "REFUSED"
                    | "REFUSES"
                    | "REFUSE"
                    | "REFUSING"
                    | "DECLINED"
                    | "DECLINES"
                    | "DECLINING"
                    | "FAILED"
                    | "FAILS"
                    | "UNABLE"
                    | "UNLIKELY"
            )
        }) {
            return Status::Negated;
        }
        if words().any(|w| {
            matches!(
                w,
                "COULD"
                    | "MIGHT"
                    | "MAY"
                    | "WOULD"
                    | "SHOULD"
                    | "MUST"
                    | "CAN"
                    | "CA"
                    | "'D"
                    | "HOPE"
                    | "HOPES"
                    | "HOPED"
                    | "WANT"
                    | "WANTS"
                    | "WANTED"
                    | "SEEK"
                    | "SEEKS"
                    | "SOUGHT"
                    | "THREATENED"
                    | "THREATENS"
                    | "ABLE"
                    | "OFFERED"
                    | "OFFERS"
                    | "READY"
                    | "WILLING"
                    | "PREPARED"
                    | "EAGER"
            )
        }) || (clause_start..vg).any(|i| matches!(self.norm(i), "IF" | "UNLESS" | "WHETHER"))
        {
            return Status::Hypothetical;
        }
        if words().any(|w| {
            matches!(
                w,
                "WILL"
                    | "WO"
                    | "SHALL"
                    | "'LL"
                    | "ABOUT"
                    | "SET"
                    | "GOING"
                    | "DUE"
                    | "EXPECTED"
                    | "SCHEDULED"
                    | "PLAN"
                    | "PLANS"
                    | "PLANNED"
                    | "PLANNING"
                    | "INTENDS"
                    | "INTEND"
                    | "INTENDED"
                    | "LIKELY"
                    | "PREPARING"
                    | "COMMITTED"
                    | "DETERMINED"
                    | "VOWED"
                    | "VOWS"
                    | "PROMISED"
                    | "PROMISES"
                    | "PLEDGED"
                    | "PLEDGES"
                    | "SWORE"
                    | "SWORN"
                    | "AGREED"
                    | "AGREES"
                    | "DECIDED"
                    | "DECIDES"
                    | "AIMS"
                    | "AIM"
            )
        }) || (vg + 1 < s && self.tags[vg] == Tag::Be && self.tags[vg + 1] == Tag::To)
        {
            return Status::Planned;
        }
        Status::Occurred
    }

    fn is_boundary(&self, i: usize) -> bool {
        matches!(self.tags[i], Tag::Stop | Tag::Sub | Tag::That | Tag::Rel)
            && self.group_of[i] == NONE
    }

    /// The group acting as subject of a verb whose group starts at `vg`: the nearest group
    /// before it in the same clause that is not inside a prepositional phrase.
    fn subject_before(&self, vg: usize, floor: usize) -> Option<usize> {
        let mut i = vg;
        while i > floor {
            i -= 1;
            let g = self.group_of[i];
            if g != NONE {
                let grp = &self.groups[g as usize];
                if grp.mediator {
                    i = grp.start;
                    continue;
                }
                let mut p = grp.start;
                while p > 0
                    && matches!(self.tags[p - 1], Tag::Det | Tag::Word)
                    && self.toks.tokens()[p - 1].lower
                {
                    p -= 1;
                }
                // "Negotiators from the EU and China will…": people from a side are that side.
                // "Lawyers for the president have asked…": so do those who speak for it.
                let people_from = p >= 2
                    && (self.is(p - 1, "FROM") && is_people_noun(self.norm(p - 2))
                        || self.is(p - 1, "FOR") && is_agent_for_noun(self.norm(p - 2)))
                    && self.group_of[p - 2] == NONE;
                let in_pp = p > 0
                    && matches!(self.tags[p - 1], Tag::Prep)
                    && !self.is(p - 1, "OF")
                    && !people_from;
                // "Pakistan, the key ally, …": an apposition follows a name; after an
                // opening phrase ("Despite warnings, the government …") it is the subject.
                let appositive = grp.start > 0
                    && self.tags[grp.start - 1] == Tag::Det
                    && p >= 2
                    && self.tags[p - 1] == Tag::Comma
                    && self.group_of[p - 2] != NONE;
                if in_pp || appositive {
                    i = p;
                    continue;
                }
                return Some(g as usize);
            }
            if self.tags[i] == Tag::Pron {
                // "Ethiopia indicated it would act": a pronoun right after a reporting verb
                // (or its "that") refers to that verb's subject; otherwise we cannot say.
                // Time and place phrases may stand between: "said on Wednesday they would".
                let mut j = i;
                if j > 0 && self.tags[j - 1] == Tag::That {
                    j -= 1;
                }
                let mut k = j;
                while k > 0
                    && j - k < 5
                    && !self.verb_at[k - 1]
                    && self.group_of[k - 1] == NONE
                    && (matches!(
                        self.tags[k - 1],
                        Tag::Prep | Tag::Det | Tag::Num | Tag::Comma
                    ) || self.tags[k - 1] == Tag::Word && self.toks.tokens()[k - 1].capitalised)
                {
                    k -= 1;
                }
                for j in [j, k] {
                    if j > 0
                        && self.verb_at[j - 1]
                        && matches!(self.norm(i), "IT" | "HE" | "SHE" | "THEY" | "WE")
                    {
                        return self.subject_before(self.verb_group_start(j - 1), 0);
                    }
                }
                return None;
            }
            if self.is_boundary(i) {
                // "Tang, its chief negotiator, who met Lindqvist": a relative "who" or
                // "which" after a comma stands for the nearest name before it.
                return None;
            }
        }
        None
    }

    /// The subject of a verb group at `vg` opened by a relative "who" or "which" ("…, its
    /// chief negotiator, who met Lindqvist"): the name the pronoun stands for.
    fn relative_subject(&self, vg: usize) -> Option<usize> {
        (vg > 0 && matches!(self.norm(vg - 1), "WHO" | "WHICH") && self.group_of[vg - 1] == NONE)
            .then(|| self.relative_antecedent(vg - 1))
            .flatten()
    }

    /// The group a relative pronoun at `rel` stands for: the nearest group before it, within
    /// a short apposition ("Tang Wei, its most senior negotiator, who …") and no verb.
    fn relative_antecedent(&self, rel: usize) -> Option<usize> {
        if rel == 0 || self.tags[rel - 1] != Tag::Comma {
            return None;
        }
        let mut j = rel - 1;
        while j > 0 && rel - j < 10 {
            j -= 1;
            let g = self.group_of[j];
            if g != NONE {
                return (!self.groups[g as usize].mediator).then_some(g as usize);
            }
            if self.verb_at[j] || matches!(self.tags[j], Tag::Stop | Tag::Rel | Tag::That) {
                return None;
            }
        }
        None
    }

    /// "Germany, whose carmakers sell in China, has pressed …": when the verb group at `vg`
    /// follows a relative clause set off by commas, the token where that clause opens (its
    /// comma), so that the subject is looked for before it.
    fn relative_clause_before(&self, vg: usize) -> Option<usize> {
        if vg < 3 || self.tags[vg - 1] != Tag::Comma {
            return None;
        }
        let mut j = vg - 1;
        while j > 1 && vg - j < 16 {
            j -= 1;
            match self.tags[j] {
                Tag::Stop | Tag::Comma => return None,
                Tag::Rel if self.tags[j - 1] == Tag::Comma && self.group_of[j] == NONE => {
                    return Some(j - 1);
                }
                _ => {}
            }
        }
        None
    }

    /// The first non-mediator group after the verb, before the clause ends.
    fn object_after(&self, from: usize, skip: Option<usize>) -> Option<usize> {
        self.object_after_venues(from, skip, false)
    }

    /// [`Sentence::object_after`], passing over venues ("told reporters in Brussels",
    /// "talks in Geneva") and agents of participles ("a mission led by Ghana") when
    /// `skip_venues`.
    fn object_after_venues(
        &self,
        from: usize,
        skip: Option<usize>,
        skip_venues: bool,
    ) -> Option<usize> {
        let mut i = from;
        while i < self.toks.len() {
            if self.tags[i] == Tag::Comma
                && (self.clause_after_comma(i)
                    || self.apposition_after(i)
                    || self.predicate_after_comma(i))
            {
                return None;
            }
            // A complement clause's subject is the target of statements, beliefs and warnings
            // ("Arnor believes that Dagolath …"), as PETRARCH codes them.
            if matches!(self.tags[i], Tag::Stop | Tag::Sub | Tag::Rel) && !self.is(i, "AS") {
                return None;
            }
            let g = self.group_of[i];
            if g != NONE && Some(g as usize) != skip {
                let grp = &self.groups[g as usize];
                // "a mission led by Appiah-Mensah": an agent of a participle is not the
                // verb's object.
                let by_agent = {
                    let mut p = grp.start;
                    while p > 0 && self.tags[p - 1] == Tag::Det {
                        p -= 1;
                    }
                    skip_venues && p > from && self.is(p - 1, "BY")
                };
                if grp.mediator || by_agent || skip_venues && self.locative(g as usize) {
                    i = grp.end;
                    continue;
                }
                return Some(g as usize);
            }
            i += 1;
        }
        None
    }

    /// Whether the verb group at `vg` lies in a "that" clause under a verb of demanding or
    /// urging ("demanded that the EU drop", "insisted that Kyiv withdraw"): its action is
    /// what is demanded.
    fn in_directive_clause(&self, vg: usize) -> bool {
        let mut i = vg;
        while i > 0 && vg - i < 12 {
            i -= 1;
            if matches!(self.tags[i], Tag::Stop | Tag::Sub | Tag::Rel) {
                return false;
            }
            if self.verb_at[i] && self.group_of[i] == NONE {
                // "said Chile must withdraw": the reported "must" clause is the demand's.
                return self.coder.config.venues
                    && is_saying_verb(self.norm(i))
                    && (i + 1..(vg + 2).min(self.toks.len()))
                        .any(|k| matches!(self.norm(k), "MUST" | "SHOULD"));
            }
            if self.tags[i] == Tag::That {
                let mut h = i;
                while h > 0 && self.tags[h - 1] == Tag::Adv {
                    h -= 1;
                }
                return h > 0
                    && (is_directive_verb(self.norm(h - 1))
                        || self.coder.config.venues
                            && is_saying_verb(self.norm(h - 1))
                            && self.deontic_clause(i));
            }
        }
        false
    }

    /// Whether group `g` follows a locative preposition ("talks in Geneva", "told reporters
    /// at the Qatari capital"): a place where the event happens, not a party to it.
    /// Also through a place noun: "at the headquarters of the WTO", "in the capital of Qatar".
    fn locative(&self, g: usize) -> bool {
        let start = self.groups[g].start;
        let mut p = start;
        while p > 0 && start - p < 6 {
            let t = self.tags[p - 1];
            let lower_word =
                t == Tag::Word && self.toks.tokens()[p - 1].lower && !self.verb_at[p - 1];
            if t == Tag::Det || lower_word || self.is(p - 1, "OF") {
                p -= 1;
            } else {
                break;
            }
        }
        // Only a preposition right before the group, or one before "… of" ("the
        // headquarters of"), places it: "in Geneva", not "in talks with Iran".
        let through_of = p < start && (p..start).any(|i| self.is(i, "OF"));
        let direct = (p..start).all(|i| self.tags[i] == Tag::Det);
        p > 0 && matches!(self.norm(p - 1), "IN" | "AT") && (direct || through_of)
    }

    /// The codes a verb gives without a pattern: its line's, else its block's.
    fn default_codes(&self, v: &VerbCand) -> Codes {
        let from = self.coder.dicts.supplement_from.unwrap_or(usize::MAX);
        let hits = &self.coder.verb_hits[v.hit];
        let fits = |f: &&Form| f.words as usize == v.end - v.start;
        let codes_of = |f: &Form| match f.codes {
            Some(c) => &self.coder.line_codes[c as usize],
            None => &self.coder.blocks[f.block as usize].codes,
        };
        // The supplement's entry for a verb wins over the dictionary's, unless it has no
        // code of its own (a block that only adds patterns).
        let form = hits
            .iter()
            .filter(fits)
            .find(|f| {
                f.block as usize >= from && {
                    let c = codes_of(f);
                    c.forward.is_some() || c.reverse.is_some()
                }
            })
            .or_else(|| hits.iter().filter(fits).find(|f| (f.block as usize) < from))
            .or_else(|| hits.iter().find(fits));
        form.and_then(|f| f.codes.map(|c| self.coder.line_codes[c as usize].clone()))
            .or_else(|| form.map(|f| self.coder.blocks[f.block as usize].codes.clone()))
            .unwrap_or_default()
    }

    /// Whether the clause reported from token `at` (to the sentence's end) says what must
    /// happen: "must", "should", "has to", "have to", "need to".
    fn deontic_clause(&self, at: usize) -> bool {
        let n = self.toks.len();
        (at..n)
            .take_while(|&i| self.tags[i] != Tag::Stop)
            .any(|i| match self.norm(i) {
                "MUST" | "SHOULD" => true,
                "HAVE" | "HAS" | "NEED" | "NEEDS" => i + 1 < n && self.tags[i + 1] == Tag::To,
                _ => false,
            })
    }

    /// Whether the clause from token `at` states a fact rather than what must happen: its
    /// first verb is a form of BE or HAVE, or follows a modal of prediction ("will",
    /// "would", "can"), not one of obligation ("must", "should").
    fn asserts_clause(&self, at: usize) -> bool {
        if at >= self.toks.len() || matches!(self.norm(at), "ON" | "UPON") {
            return false;
        }
        (at..self.toks.len())
            .take_while(|&i| self.tags[i] != Tag::Stop)
            .find(|&i| {
                matches!(self.tags[i], Tag::Be | Tag::Have | Tag::Modal)
                    // A verb form after an article is a noun ("the talks").
                    || self.verb_at.get(i).copied().unwrap_or(false)
                        && !(i > 0 && self.tags[i - 1] == Tag::Det)
            })
            .is_some_and(|i| match self.tags[i] {
                Tag::Be | Tag::Have => true,
                Tag::Modal => !matches!(self.norm(i), "MUST" | "SHOULD" | "SHALL"),
                _ => false,
            })
    }

    /// The two-actor group right after "between" in the clause from token `from` ("a deal
    /// between Congo and Rwanda").
    fn between_pair(&self, from: usize) -> Option<usize> {
        let n = self.toks.len();
        let at = (from..n.min(from + 8))
            .take_while(|&i| !matches!(self.tags[i], Tag::Stop | Tag::Comma))
            .find(|&i| self.is(i, "BETWEEN"))?;
        let mut j = at + 1;
        while j < n && self.tags[j] == Tag::Det {
            j += 1;
        }
        let g = *self.group_of.get(j)?;
        (g != NONE && self.groups[g as usize].units.len() == 2).then_some(g as usize)
    }

    /// Whether the comma at `i` closes an aside and hands back to the main clause's verb
    /// ("the United States, which brokered a framework last year, praised Qatar").
    fn predicate_after_comma(&self, i: usize) -> bool {
        let mut j = i + 1;
        while j < self.toks.len() && matches!(self.tags[j], Tag::Adv | Tag::Have | Tag::Modal) {
            j += 1;
        }
        j < self.toks.len()
            && self.verb_at[j]
            && self.group_of[j] == NONE
            && !self.norm(j).ends_with("ING")
    }

    /// Whether the comma at `i` opens a noun phrase that sums up the clause before it
    /// ("…, the first result of two days of talks", "…, a step toward a deal"): what it
    /// names is not the verb's object.
    fn apposition_after(&self, i: usize) -> bool {
        let n = self.toks.len();
        if i + 2 >= n || self.tags[i + 1] != Tag::Det || self.group_of[i + 1] != NONE {
            return false;
        }
        let mut j = i + 2;
        while j < n && self.tags[j] == Tag::Word && self.group_of[j] == NONE && j < i + 6 {
            j += 1;
        }
        j > i + 2 && j < n && matches!(self.norm(j), "OF" | "TOWARD" | "TOWARDS")
    }

    /// Whether the comma at `i` opens a clause with its own subject and verb ("…, a senior
    /// official said").
    fn clause_after_comma(&self, i: usize) -> bool {
        let mut j = i + 1;
        let n = self.toks.len();
        while j < n
            && j <= i + 5
            && matches!(self.tags[j], Tag::Det | Tag::Word | Tag::Adv)
            && self.group_of[j] == NONE
        {
            j += 1;
        }
        let g = match self.group_of.get(j) {
            Some(&g) if g != NONE => g as usize,
            _ => return false,
        };
        let mut k = self.groups[g].end;
        while k < n
            && matches!(
                self.tags[k],
                Tag::Adv | Tag::Be | Tag::Have | Tag::Modal | Tag::Do | Tag::Neg
            )
        {
            k += 1;
        }
        k < n && self.verb_at.get(k).copied().unwrap_or(false)
    }

    fn code_verbs(&mut self, verbs: &[VerbCand], out: &mut Vec<Event>) {
        let mut consumed_until = 0usize;
        let mut last_coded_end: Option<usize> = None;
        let mut prev_source: Option<(usize, usize)> = None; // (group, verb end)
        let mut clause_floor = 0usize;
        let first_out = out.len();
        // (modality verb, its complement verb) token starts.
        let mut modality: Vec<(usize, usize)> = Vec::new();
        for v in verbs {
            if v.start < consumed_until {
                continue;
            }
            // "mediated by Oman", "brokered by Qatar": the mediation is part of the meeting
            // event (its `mediator`), not an event of its own.
            if v.end + 1 < self.toks.len()
                && self.is(v.end, "BY")
                && self.object_after(v.end + 1, None).is_none()
                && self
                    .groups
                    .iter()
                    .any(|g| g.mediator && g.start <= v.end + 3 && g.start > v.end)
            {
                continue;
            }
            // "decided to allow", "plans to impose", "began collecting": the verb that says
            // how the action stands is not the event when the action is coded (with its
            // status); it stays when the action gives nothing ("prepared to lift a ban").
            let complement = if is_modality_verb(self.norm(v.start)) {
                verbs.iter().find(|w| {
                    w.start == v.end + 1 && self.is(v.end, "TO")
                        || w.start == v.end && self.norm(w.start).ends_with("ING")
                })
            } else {
                None
            };
            if let Some(w) = complement {
                modality.push((v.start, w.start));
            }
            let vg = self.verb_group_start(v.start);
            // "urged Eriador to respond": an infinitive under a verb that was coded in the
            // same clause belongs to that event.
            if let Some(prev_end) = last_coded_end
                && (vg..v.start).any(|i| self.tags[i] == Tag::To)
                && prev_end <= vg
                && vg - prev_end <= 6
                && !(prev_end..vg).any(|i| {
                    self.is_boundary(i)
                        || matches!(self.tags[i], Tag::Comma | Tag::Pron | Tag::Be | Tag::Modal)
                })
            {
                last_coded_end = Some(v.end);
                continue;
            }
            // "on how to settle", "whether to resume": an indirect question names an action
            // that nobody took.
            if vg >= 2
                && self.tags[vg] == Tag::To
                && matches!(
                    self.norm(vg - 1),
                    "HOW" | "WHETHER" | "WHAT" | "WHEN" | "WHERE"
                )
            {
                continue;
            }
            // "demanded that the EU drop the probe": the demanded action is the demand's
            // content, not an event of its own.
            if self.in_directive_clause(vg) {
                continue;
            }
            // Clause floor: the last boundary before the verb group.
            let floor = (clause_floor..vg)
                .rev()
                .find(|&i| self.is_boundary(i))
                .map_or(clause_floor, |i| i + 1);
            let mut status = self.status(vg, v.start, floor);
            // "is expected in Muscat", "is due in Moscow": a scheduled arrival, not a passive.
            let scheduled = v.past
                && matches!(self.norm(v.start), "EXPECTED" | "DUE" | "SCHEDULED")
                && v.end < self.toks.len()
                && matches!(self.norm(v.end), "IN" | "AT");
            if scheduled {
                status = Status::Planned;
            }
            // Passive: a form of BE right before a past participle.
            // A form that is not a gerund after BE is a participle even when the dictionary
            // lists it as a base form ("were hit", "was cut").
            let participle = v.past || !self.norm(v.start).ends_with("ING");
            let passive = participle
                && !scheduled
                && (vg..v.start).any(|i| self.tags[i] == Tag::Be)
                && !(vg..v.start).any(|i| self.tags[i] == Tag::To && i + 1 == v.start);
            // "its ability to impose costs", "the right to enrich": a capacity, not an event.
            if vg > 0
                && (vg..v.start).any(|i| self.tags[i] == Tag::To)
                && matches!(
                    self.norm(vg - 1),
                    "ABILITY"
                        | "CAPACITY"
                        | "CAPABILITY"
                        | "CAPABILITIES"
                        | "RIGHT"
                        | "MEANS"
                        | "POWER"
                        | "WILLINGNESS"
                        | "READINESS"
                        | "ATTEMPT"
                        | "ATTEMPTS"
                )
            {
                continue;
            }
            // "at agreed prices", "the signed text", "an imposed settlement": a participle
            // right after a determiner or a preposition modifies a noun; nobody acts.
            if v.past
                && vg == v.start
                && v.start > 0
                && v.end < self.toks.len()
                && self.tags[v.end] == Tag::Word
                && (self.tags[v.start - 1] == Tag::Det
                    || matches!(
                        self.norm(v.start - 1),
                        "AT" | "ON" | "FOR" | "WITH" | "OF" | "UNDER" | "FROM" | "INTO" | "WITHIN"
                    ))
            {
                continue;
            }
            // "insists the talks are technical", "insists it will not sign": insisting on a
            // fact asserts it. Insisting on something ("insisted on a guarantee"), that it
            // must be done, or that it be done ("insisting talks stay limited") demands it.
            if self.norm(v.start).starts_with("INSIST") && self.asserts_clause(v.end) {
                continue;
            }
            // VP coordination: "condemned … and promised aid".
            let coordinated = vg > 0
                && self.tags[vg - 1] == Tag::Conj
                && prev_source.is_some()
                && !(vg >= 2
                    && self.group_of[vg - 2] != NONE
                    && prev_source.is_some_and(|(_, end)| end > vg));
            let mut source = if coordinated {
                prev_source.map(|(g, _)| g)
            } else if v.adjunct {
                self.clause_subject(vg)
            } else if let Some(g) = self.relative_subject(vg) {
                Some(g)
            } else if let Some(c) = self.relative_clause_before(vg) {
                // The relative clause's own verb may have moved the floor past its antecedent.
                let lo = if clause_floor <= c { clause_floor } else { 0 };
                let outer = (lo..c)
                    .rev()
                    .find(|&i| self.is_boundary(i))
                    .map_or(lo, |i| i + 1);
                self.subject_before(c, outer)
            } else {
                self.subject_before(vg, floor)
            };
            // "…; postponed military drills, eased treatment of detainees": a list of actions
            // after a semicolon or colon shares the sentence's subject.
            if source.is_none()
                && v.past
                && (0..vg)
                    .rev()
                    .find(|&i| self.tags[i] == Tag::Stop)
                    .is_some_and(|i| matches!(self.norm(i), ";" | ":"))
            {
                source = self.clause_subject(vg);
            }
            let mut by_agent = None;
            if passive {
                let mut j = v.end;
                while j < self.toks.len()
                    && j < v.end + 4
                    && !self.is(j, "BY")
                    && !self.is_boundary(j)
                {
                    j += 1;
                }
                if self.is(j, "BY") {
                    by_agent = self
                        .object_after(j + 1, None)
                        .filter(|&g| self.groups[g].start <= j + 3);
                }
            }
            // Match patterns; words before the verb belong after the subject.
            let pre_floor = source.map_or(floor, |g| self.groups[g].end.max(floor));
            let matched = self.best_pattern(v, vg, floor, pre_floor, source);
            if let (Some(trace), Some(m)) = (self.trace.as_mut(), matched.as_ref()) {
                use std::fmt::Write as _;
                let _ = writeln!(
                    trace,
                    "pattern line {} {:?} for {}",
                    m.line,
                    m.codes,
                    self.toks.norm(v.start)
                );
            }
            let (mut codes, pat_end, pat_source, pat_target, compound) = match &matched {
                Some(m) => (m.codes.clone(), m.end, m.source, m.target, m.compound),
                None => (self.default_codes(v), v.end, None, None, false),
            };
            // "said the talks must end with the duties lifted", "said Chinese makers would
            // have to commit": saying what must happen demands it.
            if self.coder.config.venues
                && matched.is_none()
                && is_saying_verb(self.norm(v.start))
                && self.deontic_clause(v.end)
            {
                codes = Codes {
                    forward: Some("100".to_owned()),
                    reverse: None,
                };
            }
            if codes.forward.is_none() && codes.reverse.is_none() {
                continue;
            }
            // "wants the duties removed": wanting states a preference, not an act; only the
            // dictionary's patterns for it ("wants talks") code an event.
            if matched.is_none() && self.norm(v.start).starts_with("WANT") {
                continue;
            }
            // "negotiators led by X", "who heads the commission": who leads a body is a
            // description, not cooperation with anyone.
            if self.coder.config.venues
                && matched.is_none()
                && matches!(
                    self.norm(v.start),
                    "LEAD" | "LEADS" | "LEADING" | "LED" | "HEAD" | "HEADS" | "HEADED" | "HEADING"
                )
            {
                continue;
            }
            // Without CAMEO's intent codes, an intent to meet ("scheduled to meet", "meet
            // for talks") is the meeting itself, with the status its verb group gives.
            if self.coder.config.venues
                && !self.coder.config.intent_codes
                && codes.forward.as_deref() == Some("036")
            {
                codes = Codes {
                    forward: Some("040".to_string()),
                    reverse: Some("040".to_string()),
                };
            }
            // "help shape what comes next", "helped to end": helping to do something is not
            // aid; the aid verb needs a recipient.
            if matched.is_none()
                && codes
                    .forward
                    .as_deref()
                    .is_some_and(|c| c.starts_with("07"))
                && self.norm(v.start).starts_with("HELP")
                && v.end < self.toks.len()
                && (self.tags[v.end] == Tag::To
                    || self.raw_verbs.iter().any(|&(rs, _, _)| rs == v.end))
            {
                continue;
            }
            // "calling the probe a legal matter": to call someone (a phone call) needs the
            // person right after the verb. The verb still gives its subject to a verb
            // coordinated with it ("called it a victory and urged…").
            let naming = matched.is_none()
                && self.norm(v.start).starts_with("CALL")
                && v.end == v.start + 1
                && {
                    let mut q = v.end;
                    while q < self.toks.len() && self.tags[q] == Tag::Det {
                        q += 1;
                    }
                    q >= self.toks.len() || self.group_of[q] == NONE
                };
            if matched.is_some() {
                consumed_until = consumed_until.max(pat_end);
            }
            // Words, meetings and measures happen somewhere: a place after "in" or "at" is
            // their venue. Force is used on a place: "fought in Lebanon" (CAMEO 14–20).
            let venue_free = self.coder.config.venues
                && codes
                    .forward
                    .as_deref()
                    .and_then(|c| c.get(..2))
                    .is_some_and(|r| r < "14");
            let mut target =
                pat_target.or_else(|| self.object_after_venues(v.end, None, venue_free));
            // Parties that meet each other meet somewhere: "Iran and the United States held
            // talks in Muscat" names a venue, not a third party.
            if pat_target.is_none()
                && source.is_some_and(|g| self.groups[g].units.len() >= 2)
                && target.is_some_and(|t| {
                    let st = self.groups[t].start;
                    let mut p = st;
                    while p > 0 && self.tags[p - 1] == Tag::Det {
                        p -= 1;
                    }
                    p > 0 && matches!(self.norm(p - 1), "IN" | "AT")
                })
            {
                target = None;
            }
            if let Some(s) = pat_source {
                source = Some(s);
            }
            if passive && pat_source.is_none() {
                if let Some(b) = by_agent {
                    // The subject of a passive is the target.
                    target = source.or(target.filter(|&t| t != b));
                    source = Some(b);
                } else if self.coder.config.unknown_source {
                    // A passive without its agent: someone unnamed acted on the subject.
                    target = source.or(target);
                    source = Some(self.unknown_group(v.start));
                } else {
                    // A passive without its agent does not say who acted.
                    continue;
                }
            }
            if source.is_none() && self.coder.config.unknown_source {
                source = Some(self.unknown_group(v.start));
            }
            let Some(src) = source else { continue };
            prev_source = Some((src, v.end));
            if naming {
                continue;
            }
            if complement.is_none() {
                last_coded_end = Some(v.end);
            }
            clause_floor = clause_floor.max(floor);
            let mediator = self.groups.iter().position(|g| g.mediator);
            let trigger = (
                self.toks.tokens()[v.start].start,
                self.toks.tokens()[v.end - 1].end,
            );
            // "brokered a framework between Congo and Rwanda": the two sides agreed, with the
            // broker as mediator.
            if self.coder.config.venues
                && ["BROKER", "MEDIAT"]
                    .iter()
                    .any(|b| self.norm(v.start).starts_with(b))
                && let Some(pair) = self.between_pair(v.end)
            {
                let units = self.groups[pair].units.clone();
                // One event, the side named first as source (ANNOTATION.md).
                self.emit(
                    "057",
                    units[0],
                    Some(units[1]),
                    Some(src),
                    status,
                    trigger,
                    out,
                );
                last_coded_end = Some(v.end);
                continue;
            }
            let src_units = self.groups[src].units.clone();
            // "agreed to V" (and, in intent mode, announced future actions) express intent.
            let agree = matched.is_none()
                && self.coder.verb_hits[v.hit]
                    .iter()
                    .any(|f| self.coder.blocks[f.block as usize].agree);
            if agree
                && codes
                    .forward
                    .as_deref()
                    .is_some_and(|c| c.starts_with("05"))
            {
                let next = verbs
                    .iter()
                    .find(|w| w.start == v.end + 1 && self.is(v.end, "TO"));
                let root = next
                    .and_then(|w| self.default_codes(w).forward)
                    .map(|c| c[..2].to_string());
                codes = Codes {
                    forward: Some(intent_code(root.as_deref()).to_string()),
                    reverse: None,
                };
                if let Some(w) = next {
                    consumed_until = consumed_until.max(w.end);
                }
            }
            // CAMEO codes an announced conflictual action as a threat: "will blockade",
            // "could strike", "will withdraw … unless" → 13x.
            if self.coder.config.intent_codes
                && matches!(status, Status::Planned | Status::Hypothetical)
                && let Some(f) = codes.forward.as_deref()
            {
                let conditional =
                    (v.end..self.toks.len()).any(|i| matches!(self.norm(i), "UNLESS" | "IF"));
                let threat = match &f[..2] {
                    "15" | "18" | "19" | "20" => Some("138"),
                    "16" => Some("131"),
                    "17" => Some("130"),
                    "12" | "14" | "08" | "03" | "04" | "05" | "06" | "07" if conditional => {
                        Some("130")
                    }
                    _ => None,
                };
                if let Some(t) = threat {
                    codes = Codes {
                        forward: Some(t.to_string()),
                        reverse: None,
                    };
                    status = Status::Occurred;
                }
            }
            if self.coder.config.intent_codes
                && matches!(status, Status::Planned | Status::Hypothetical)
                && let Some(f) = codes.forward.as_deref()
                && matches!(&f[..2], "04" | "05" | "06" | "07" | "08")
            {
                codes = Codes {
                    forward: Some(intent_code(Some(&f[..2])).to_string()),
                    reverse: None,
                };
            }
            // CAMEO codes refusing cooperation as a rejection: "will not accept", "refused to
            // allow" → 120.
            let refused = (vg..v.start).any(|i| {
                matches!(
                    self.norm(i),
                    "REFUSED" | "REFUSES" | "REFUSE" | "REFUSING" | "DECLINED" | "DECLINES"
                )
            });
            if self.coder.config.intent_codes
                && status == Status::Negated
                && let Some(f) = codes.forward.as_deref()
                && (refused || matches!(&f[..2], "03" | "04" | "05" | "06" | "07" | "08"))
            {
                codes = Codes {
                    forward: Some("120".to_string()),
                    reverse: None,
                };
                status = Status::Occurred;
            }
            // "was ready to sign", "is willing to reopen", "was prepared to give": a stated
            // readiness to cooperate is an offer (030), made now; "could be ready" stays
            // hypothetical.
            let ready = (vg..v.start).find(|&i| {
                matches!(self.norm(i), "READY" | "WILLING")
                    || self.norm(i) == "PREPARED" && i > 0 && self.tags[i - 1] == Tag::Be
            });
            if self.coder.config.venues
                && let Some(r) = ready
                && self.tags[v.start - 1] == Tag::To
                && status != Status::Negated
                // Readiness to walk away or to strike is no offer.
                && codes.forward.as_deref().is_some_and(|f| f.starts_with('0'))
            {
                codes = Codes {
                    forward: Some("030".to_string()),
                    reverse: None,
                };
                status = if (vg..r).any(|i| matches!(self.norm(i), "COULD" | "MIGHT" | "MAY")) {
                    Status::Hypothetical
                } else {
                    Status::Occurred
                };
            }
            // "would not sign", "refused to sign", "was not ready to accept": refusing to agree
            // is rejecting what is proposed (ANNOTATION.md: "refusing a demand or proposal =
            // REJECT"); failing to ("failed to agree") and refusing to meet or to act ("refused
            // to meet") are the agreement, meeting or act negated.
            let volitional = refused
                || ready.is_some()
                || (vg..v.start).any(|i| {
                    matches!(self.norm(i), "WILL" | "WOULD" | "WO")
                        && i + 1 < v.start
                        && self.tags[i + 1] == Tag::Neg
                });
            if self.coder.config.venues
                && status == Status::Negated
                && volitional
                && codes
                    .forward
                    .as_deref()
                    .is_some_and(|f| matches!(&f[..2], "03" | "05"))
            {
                codes = Codes {
                    forward: Some("120".to_string()),
                    reverse: None,
                };
                status = Status::Occurred;
            }
            // "did not accept the ruling", "will not accept": refusing what is offered or
            // decided is a rejection.
            if status == Status::Negated
                && matched.is_none()
                && self.norm(v.start).starts_with("ACCEPT")
            {
                codes = Codes {
                    forward: Some("120".to_string()),
                    reverse: None,
                };
                status = Status::Occurred;
            }
            // "X said Y must …" is X's demand on Y; "… Y should …" an appeal.
            if codes
                .forward
                .as_deref()
                .is_some_and(|f| f.starts_with("01"))
                && let Some(t) = target
            {
                let end = self.groups[t].end;
                let modal =
                    (end..(end + 2).min(self.toks.len())).find_map(|i| match self.norm(i) {
                        "MUST" => Some("100"),
                        "SHOULD" => Some("020"),
                        // "would have to", "has to", "will need to".
                        "HAVE" | "HAS" | "NEED" | "NEEDS"
                            if i + 1 < self.toks.len() && self.tags[i + 1] == Tag::To =>
                        {
                            Some("100")
                        }
                        _ => None,
                    });
                if let Some(code) = modal {
                    codes = Codes {
                        forward: Some(code.to_string()),
                        reverse: None,
                    };
                }
            }
            let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
            match target {
                Some(t) if t != src => {
                    for &a in &src_units {
                        for &b in &self.groups[t].units {
                            pairs.push((a, Some(b)));
                        }
                    }
                }
                _ => {
                    // Compound subject acting on each other: "Iran and the US held talks";
                    // only reciprocal actions (meeting, agreeing, cooperating, or a code
                    // with a reverse): "Ireland and France urged…" urge someone else.
                    let reciprocal = codes.reverse.is_some()
                        || codes
                            .forward
                            .as_deref()
                            .is_some_and(|c| matches!(c.get(..2), Some("03" | "04" | "05" | "06")));
                    if src_units.len() >= 2 && reciprocal || compound {
                        for &a in &src_units {
                            for &b in &src_units {
                                if a != b {
                                    pairs.push((a, Some(b)));
                                }
                            }
                        }
                    } else {
                        for &a in &src_units {
                            pairs.push((a, None));
                        }
                    }
                }
            }
            for (a, b) in pairs {
                if let Some(code) = &codes.forward {
                    self.emit(code, a, b, mediator, status, trigger, out);
                }
                if let (Some(code), Some(b)) = (&codes.reverse, b) {
                    self.emit(code, b, Some(a), mediator, status, trigger, out);
                }
            }
        }
        // A modality verb gives way to its complement when that was coded; along a chain
        // ("promised to begin withdrawing") the last coded verb wins.
        let byte = |t: usize| self.toks.tokens()[t].start;
        let mut coded: Vec<usize> = out[first_out..].iter().map(|e| e.trigger.0).collect();
        for &(m, w) in modality.iter().rev() {
            if !coded.contains(&byte(w)) {
                continue;
            }
            let at = byte(m);
            let mut k = first_out;
            while k < out.len() {
                if out[k].trigger.0 == at {
                    out.remove(k);
                } else {
                    k += 1;
                }
            }
            coded.push(at);
            // "promised to release the soldiers", "pledged to open the border": in news
            // coding the promise is the event (an agreement, CAMEO 030) aimed where the
            // promised act is, dated now; the act itself has not happened.
            if self.coder.config.venues && is_commissive_verb(self.norm(m)) {
                let to = self.toks.tokens()[m].end;
                let promise = tables::plover("030");
                for e in out[first_out..]
                    .iter_mut()
                    .filter(|e| e.trigger.0 == byte(w))
                {
                    e.cameo = "030".to_owned();
                    e.goldstein = tables::goldstein("030");
                    e.plover = promise.map(|p| p.event);
                    e.mode = promise.map_or("", |p| p.mode);
                    if e.status == Status::Planned {
                        e.status = Status::Occurred;
                    }
                    e.trigger = (at, to);
                }
            }
        }
        // One event per (code, source, target).
        let same = |a: &Event, b: &Event| {
            a.cameo == b.cameo
                && a.source.code == b.source.code
                && a.target.as_ref().map(|t| &t.code) == b.target.as_ref().map(|t| &t.code)
        };
        let mut k = first_out;
        while k < out.len() {
            if out[first_out..k].iter().any(|e| same(e, &out[k])) {
                out.remove(k);
            } else {
                k += 1;
            }
        }
    }

    /// Events named by nouns, where the verbs gave none for the same dyad:
    /// - meetings: "talks between A and B", "A–B talks", "A's talks with B" → consult (044
    ///   when a mediator is named);
    /// - demands: "A's demands", "A's call for" → demand, target unstated unless "on B";
    /// - sanctions: "A (new) sanctions / tariffs on B", "A measures targeting B" → sanctions.
    ///
    /// Status comes from the words around the noun ("will begin", "planned talks").
    fn code_nouns(&self, first: usize, out: &mut Vec<Event>) {
        let n = self.toks.len();
        for i in 0..n {
            if self.group_of[i] != NONE || self.verb_at[i] && self.is_coded_trigger(i, first, out) {
                continue;
            }
            let w = self.norm(i);
            if !is_event_noun(w) {
                continue;
            }
            let kind = match w {
                "TALKS" | "NEGOTIATIONS" | "MEETING" | "MEETINGS" | "CONSULTATIONS"
                | "DISCUSSIONS" | "DIALOGUE" | "SUMMIT" => NounKind::Consult,
                "DEMANDS" | "DEMAND" | "APPEAL" | "APPEALS" | "CALLS" | "CALL" => NounKind::Demand,
                "SANCTIONS" | "TARIFFS" | "MEASURES" | "RESTRICTIONS" | "EMBARGO" | "DUTIES" => {
                    NounKind::Sanction
                }
                "RIOTS" | "PROTESTS" | "DEMONSTRATIONS" | "RIOT" | "PROTEST" | "DEMONSTRATION" => {
                    NounKind::Protest
                }
                "MEDIATION" => NounKind::Mediate,
                "AGREEMENT" | "DEAL" | "ACCORD" => NounKind::NoAgreement,
                _ => continue,
            };
            // The group right before the noun (adjectives between), as modifier or possessor.
            let mut p = i;
            while p > 0
                && self.group_of[p - 1] == NONE
                && (self.tags[p - 1] == Tag::Word && self.toks.tokens()[p - 1].lower
                    || self.tags[p - 1] == Tag::Adv)
                && !self.verb_at[p - 1]
                && i - p < 3
            {
                p -= 1;
            }
            let possessive = p > 0 && self.tags[p - 1] == Tag::Poss;
            let before = if possessive { p - 1 } else { p };
            let before_group = (before > 0 && self.group_of[before - 1] != NONE)
                .then(|| self.group_of[before - 1] as usize)
                .filter(|&g| !self.groups[g].mediator);
            // The group after a linking word right after the noun.
            let after_group = |words: &[&str]| -> Option<usize> {
                let mut q = i + 1;
                if q >= n || !words.contains(&self.norm(q)) {
                    return None;
                }
                q += 1;
                while q < n && self.group_of[q] == NONE && q <= i + 4 {
                    if !matches!(self.tags[q], Tag::Det | Tag::Word | Tag::Adv | Tag::Num)
                        || self.tags[q] == Tag::Word && self.toks.tokens()[q].capitalised
                    {
                        return None;
                    }
                    q += 1;
                }
                (q < n && self.group_of[q] != NONE)
                    .then(|| self.group_of[q] as usize)
                    .filter(|&g| !self.groups[g].mediator)
            };
            let trigger = (self.toks.tokens()[i].start, self.toks.tokens()[i].end);
            let mut status = self.noun_status(p, i);
            let mediator = self.groups.iter().position(|g| g.mediator);
            let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
            let code;
            match kind {
                NounKind::Consult => {
                    code = if mediator.is_some() { "044" } else { "040" };
                    if let Some(g) = after_group(&["BETWEEN"])
                        && let [a, b, ..] = self.groups[g].units[..]
                    {
                        pairs.push((a, Some(b)));
                    } else if let Some(g) = before_group
                        && !possessive
                        && let [a, b, ..] = self.groups[g].units[..]
                    {
                        pairs.push((a, Some(b)));
                    } else if let Some(g) = before_group
                        && possessive
                        && let Some(t) = after_group(&["WITH"])
                    {
                        for &a in &self.groups[g].units {
                            for &b in &self.groups[t].units {
                                pairs.push((a, Some(b)));
                            }
                        }
                    }
                }
                NounKind::Demand => {
                    code = if w.starts_with("DEMAND") {
                        "100"
                    } else {
                        "020"
                    };
                    // "calls" and "call" only as "call(s) for".
                    if w.starts_with("CALL") && !self.is(i + 1, "FOR") {
                        continue;
                    }
                    if let Some(g) = before_group
                        && possessive
                    {
                        // "Kinshasa's demand that Rwandan troops leave" is made on them.
                        let t = after_group(&["ON", "TO", "FROM", "THAT"]);
                        for &a in &self.groups[g].units {
                            match t {
                                Some(t) => {
                                    for &b in &self.groups[t].units {
                                        pairs.push((a, Some(b)));
                                    }
                                }
                                None => pairs.push((a, None)),
                            }
                        }
                    }
                }
                NounKind::Protest => {
                    // "Palestinian riots against Israeli policies": the protesters are named
                    // before the noun.
                    code = if w.starts_with("RIOT") { "145" } else { "141" };
                    if let Some(g) = before_group {
                        let t = after_group(&["AGAINST"]);
                        for &a in &self.groups[g].units {
                            match t {
                                Some(t) => {
                                    for &b in &self.groups[t].units {
                                        pairs.push((a, Some(b)));
                                    }
                                }
                                None => pairs.push((a, None)),
                            }
                        }
                    }
                }
                NounKind::NoAgreement => {
                    // "met … but emerged without an agreement", "ended with no deal": the
                    // parties that met did not agree.
                    code = "030";
                    let mut q = i;
                    while q > 0 && i - q < 3 && self.tags[q - 1] == Tag::Det {
                        q -= 1;
                    }
                    if !(q > 0 && self.is(q - 1, "WITHOUT") || i > 0 && self.is(i - 1, "NO")) {
                        continue;
                    }
                    status = Status::Negated;
                    if let Some(subject) = self.clause_subject(i)
                        && let [a, b, ..] = self.groups[subject].units[..]
                    {
                        pairs.push((a, Some(b)));
                    }
                }
                NounKind::Mediate => {
                    // "undertook a mediation mission between Syria and the PLO": the clause's
                    // subject mediates between the parties.
                    code = "045";
                    let mut q = i + 1;
                    while q < n
                        && q <= i + 2
                        && matches!(self.norm(q), "MISSION" | "EFFORTS" | "EFFORT")
                    {
                        q += 1;
                    }
                    if q < n
                        && self.is(q, "BETWEEN")
                        && q + 1 < n
                        && let Some(subject) = self.clause_subject(i)
                        && self.group_of[q + 1] != NONE
                    {
                        let t = self.group_of[q + 1] as usize;
                        for &a in &self.groups[subject].units {
                            for &b in &self.groups[t].units {
                                pairs.push((a, Some(b)));
                            }
                        }
                    }
                }
                NounKind::Sanction => {
                    code = "163";
                    if self.is(i + 1, "RELIEF") {
                        continue;
                    }
                    let t = after_group(&["ON", "AGAINST", "TARGETING", "TARGETTING"]);
                    // "measures" and "restrictions" are sanctions only when aimed at someone.
                    // "duties" are import duties only with an issuer before them ("China's
                    // duties", "EU duties") or a target.
                    if matches!(w, "MEASURES" | "RESTRICTIONS") && t.is_none()
                        || w == "DUTIES" && t.is_none() && before_group.is_none()
                    {
                        continue;
                    }
                    if let Some(g) = before_group {
                        for &a in &self.groups[g].units {
                            match t {
                                Some(t) => {
                                    for &b in &self.groups[t].units {
                                        pairs.push((a, Some(b)));
                                    }
                                }
                                None => pairs.push((a, None)),
                            }
                        }
                    }
                }
            }
            for (a, b) in pairs {
                let dup = out[first..].iter().any(|e| {
                    tables::plover(&e.cameo) == tables::plover(code)
                        && e.source.start == self.toks.tokens()[self.units[a].start].start
                        || e.trigger == trigger
                });
                if !dup {
                    self.emit(code, a, b, mediator, status, trigger, out);
                }
            }
        }
    }

    /// A group standing for an actor the sentence does not name (source `---`), placed on
    /// token `at`; made once per sentence.
    fn unknown_group(&mut self, at: usize) -> usize {
        if let Some(g) = self.groups.iter().position(|g| {
            g.units.len() == 1 && self.units[g.units[0]].actor.is_none() && g.start == g.end
        }) {
            return g;
        }
        self.units.push(Unit {
            start: at,
            end: at + 1,
            actor: None,
            prefix: Vec::new(),
            suffix: Vec::new(),
            mention: None,
        });
        self.groups.push(Group {
            start: at,
            end: at,
            units: vec![self.units.len() - 1],
            mediator: false,
        });
        self.groups.len() - 1
    }

    /// Whether a verb event starting at token `i` was coded already.
    fn is_coded_trigger(&self, i: usize, first: usize, out: &[Event]) -> bool {
        let start = self.toks.tokens()[i].start;
        out[first..].iter().any(|e| e.trigger.0 == start)
    }

    /// The status of a noun event whose phrase runs from `start` to the noun at `noun`:
    /// "planned/upcoming talks", "talks … will begin", "could hold", "no talks".
    fn noun_status(&self, start: usize, noun: usize) -> Status {
        let from = start.saturating_sub(2);
        for i in from..noun {
            match self.norm(i) {
                "PLANNED" | "UPCOMING" | "PROPOSED" | "SCHEDULED" | "NEXT" | "FUTURE" => {
                    return Status::Planned;
                }
                "POSSIBLE" | "POTENTIAL" => return Status::Hypothetical,
                "NO" => return Status::Negated,
                _ => {}
            }
        }
        // The verb group after the noun phrase, in the same clause.
        let mut i = noun + 1;
        while i < self.toks.len() && i <= noun + 8 {
            if self.is_boundary(i) || self.tags[i] == Tag::Comma {
                break;
            }
            // Words inside an actor's name ("the United States") are not the verb.
            if self.group_of[i] == NONE
                && (matches!(
                    self.tags[i],
                    Tag::Modal | Tag::Be | Tag::Have | Tag::Do | Tag::Neg
                ) || self.verb_at[i])
            {
                let vg = i;
                let mut e = i;
                while e < self.toks.len()
                    && (matches!(
                        self.tags[e],
                        Tag::Modal | Tag::Be | Tag::Have | Tag::Do | Tag::Neg | Tag::Adv | Tag::To
                    ) || self.is_verbish_word(self.norm(e)))
                {
                    e += 1;
                }
                return self.status(vg, e.max(vg), vg);
            }
            i += 1;
        }
        Status::Occurred
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        code: &str,
        from: usize,
        to: Option<usize>,
        mediator: Option<usize>,
        status: Status,
        trigger: (usize, usize),
        out: &mut Vec<Event>,
    ) {
        let cfg = self.coder.config;
        if code.starts_with("01") && !cfg.statements {
            return;
        }
        if status == Status::Negated && !cfg.negated {
            return;
        }
        let su = &self.units[from];
        let mut tu = to.map(|t| &self.units[t]);
        if su.actor.is_none() && !cfg.unknown_country {
            return;
        }
        // A target with no country ("23 people") is an unstated target.
        if tu.is_some_and(|t| t.actor.is_none()) && !cfg.unknown_country {
            tu = None;
        }
        // "Israel … in East Jerusalem": a target coded like the source is not a dyad, nor is
        // a bare place of the source's own country ("Kenyan police … in Nairobi").
        // Nor are the source's own forces: "Russia withdrew its troops".
        if tu.is_some_and(|t| {
            let (tc, sc) = (t.code(), su.code());
            let own = t.start > 0
                && matches!(
                    self.norm(t.start - 1),
                    "ITS" | "THEIR" | "HIS" | "HER" | "OUR"
                )
                && tc.get(..3) == sc.get(..3);
            own || tc == sc
                || tc.len() == 3 && sc.len() > 3 && sc.starts_with(&tc) && !t.has_agent()
        }) {
            tu = None;
        }
        if tu.is_none() && !cfg.unknown_target {
            return;
        }
        let span = |u: &Unit| {
            (
                self.toks.tokens()[u.start].start,
                self.toks.tokens()[u.end - 1].end,
            )
        };
        let actor_ref = |u: &Unit| {
            let (start, end) = span(u);
            ActorRef {
                code: u.code(),
                start,
                end,
                mention: u.mention,
            }
        };
        let plover = tables::plover(code);
        let mediator = mediator
            .filter(|_| code.starts_with("03") || code.starts_with("04") || code.starts_with("05"))
            .and_then(|g| {
                self.groups[g]
                    .units
                    .first()
                    .map(|&u| actor_ref(&self.units[u]))
            });
        let _ = self.text;
        out.push(Event {
            cameo: code.to_string(),
            goldstein: tables::goldstein(code),
            plover: plover.map(|p| p.event),
            mode: plover.map_or("", |p| p.mode),
            source: actor_ref(su),
            target: tu.map(actor_ref),
            mediator,
            status,
            trigger,
        });
    }
}

/// The nouns `code_nouns` looks at.
fn is_event_noun(w: &str) -> bool {
    matches!(
        w,
        "TALKS"
            | "NEGOTIATIONS"
            | "MEETING"
            | "MEETINGS"
            | "CONSULTATIONS"
            | "DISCUSSIONS"
            | "DIALOGUE"
            | "SUMMIT"
            | "DEMANDS"
            | "DEMAND"
            | "APPEAL"
            | "APPEALS"
            | "CALLS"
            | "CALL"
            | "SANCTIONS"
            | "TARIFFS"
            | "MEASURES"
            | "RESTRICTIONS"
            | "EMBARGO"
            | "DUTIES"
            | "RIOTS"
            | "PROTESTS"
            | "DEMONSTRATIONS"
            | "RIOT"
            | "PROTEST"
            | "DEMONSTRATION"
            | "MEDIATION"
            | "AGREEMENT"
            | "DEAL"
            | "ACCORD"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NounKind {
    Consult,
    Demand,
    Sanction,
    Protest,
    Mediate,
    NoAgreement,
}

/// Verbs that say how an action stands (decided, planned, begun, promised…) rather than
/// being one, when another verb follows them ("decided to allow", "began collecting").
fn is_modality_verb(w: &str) -> bool {
    is_aspect_verb(w)
        || is_commissive_verb(w)
        || matches!(
            w,
            "DECIDE"
                | "DECIDES"
                | "DECIDED"
                | "DECIDING"
                | "PLAN"
                | "PLANS"
                | "PLANNED"
                | "PLANNING"
                | "INTEND"
                | "INTENDS"
                | "INTENDED"
                | "HOPE"
                | "HOPES"
                | "HOPED"
                | "WANT"
                | "WANTS"
                | "WANTED"
                | "SEEK"
                | "SEEKS"
                | "SOUGHT"
                | "TRY"
                | "TRIES"
                | "TRIED"
                | "ATTEMPT"
                | "ATTEMPTS"
                | "ATTEMPTED"
                | "PREPARE"
                | "PREPARES"
                | "PREPARED"
                | "VOW"
                | "VOWS"
                | "VOWED"
                | "SWEAR"
                | "SWEARS"
                | "SWORE"
                | "SWORN"
                | "CLAIM"
                | "CLAIMS"
                | "CLAIMED"
                | "AIM"
                | "AIMS"
                | "AIMED"
                | "EXPECT"
                | "EXPECTS"
                | "EXPECTED"
                | "FAIL"
                | "FAILS"
                | "FAILED"
                | "REFUSE"
                | "REFUSES"
                | "REFUSED"
                | "REFUSING"
        )
}

/// Nouns for people acting for a side ("negotiators from the EU", "envoys from Qatar").
fn is_people_noun(w: &str) -> bool {
    matches!(
        w,
        "NEGOTIATORS"
            | "OFFICIALS"
            | "DELEGATES"
            | "DELEGATIONS"
            | "DIPLOMATS"
            | "ENVOYS"
            | "REPRESENTATIVES"
            | "LEADERS"
            | "MINISTERS"
            | "TEAMS"
            | "MEDIATORS"
            | "LAWMAKERS"
            | "TROOPS"
            | "FORCES"
            | "SOLDIERS"
            | "FIGHTERS"
    )
}

/// Nouns for people who act or speak for someone ("lawyers for the president", "a
/// spokesman for the rebels").
fn is_agent_for_noun(w: &str) -> bool {
    matches!(
        w,
        "LAWYERS"
            | "LAWYER"
            | "ATTORNEYS"
            | "ATTORNEY"
            | "SPOKESMAN"
            | "SPOKESWOMAN"
            | "SPOKESPERSON"
            | "NEGOTIATORS"
            | "NEGOTIATOR"
            | "ENVOY"
            | "ENVOYS"
            | "REPRESENTATIVES"
            | "REPRESENTATIVE"
    )
}

/// Nouns a place name modifies when it names a process rather than an actor ("the Doha
/// talks", "the Banjul process", "the Washington framework").
fn is_process_noun(w: &str) -> bool {
    matches!(
        w,
        "PROCESS"
            | "CHANNEL"
            | "TRACK"
            | "TRACKS"
            | "FORMAT"
            | "ROUND"
            | "TALKS"
            | "AGREEMENT"
            | "ACCORD"
            | "ACCORDS"
            | "DEAL"
            | "FRAMEWORK"
            | "PLATFORM"
            | "DECLARATION"
            | "PROTOCOL"
            | "SUMMIT"
            | "CONFERENCE"
    )
}

/// Verbs of demanding and urging, whose "that" clause is what they demand.
fn is_directive_verb(w: &str) -> bool {
    [
        "DEMAND",
        "URGE",
        "INSIST",
        "ASK",
        "REQUEST",
        "REQUIRE",
        "PROPOSE",
        "RECOMMEND",
    ]
    .iter()
    .any(|v| w.starts_with(v))
}

/// Verbs that report speech.
fn is_saying_verb(w: &str) -> bool {
    matches!(
        w,
        "SAY" | "SAYS" | "SAID" | "SAYING" | "STATE" | "STATES" | "STATED" | "ADDED" | "TOLD"
    )
}

/// Verbs of promising, whose promise is itself an event ("promised to release").
fn is_commissive_verb(w: &str) -> bool {
    matches!(
        w,
        "UNDERTAKE"
            | "UNDERTAKES"
            | "UNDERTOOK"
            | "PROMISE"
            | "PROMISES"
            | "PROMISED"
            | "PLEDGE"
            | "PLEDGES"
            | "PLEDGED"
            | "OFFER"
            | "OFFERS"
            | "OFFERED"
    )
}

/// Verbs of beginning and continuing, which take a gerund ("began collecting").
fn is_aspect_verb(w: &str) -> bool {
    matches!(
        w,
        "BEGIN"
            | "BEGINS"
            | "BEGAN"
            | "BEGUN"
            | "START"
            | "STARTS"
            | "STARTED"
            | "CONTINUE"
            | "CONTINUES"
            | "CONTINUED"
            | "RESUME"
            | "RESUMES"
            | "RESUMED"
            | "KEEP"
            | "KEEPS"
            | "KEPT"
    )
}

/// Whether a word is a demonym used as an adjective ("American", "Chinese", "Israeli").
fn is_demonym_adjective(w: &str) -> bool {
    w.len() > 4
        && (w.ends_with("IAN")
            || w.ends_with("CAN")
            || w.ends_with("ESE")
            || w.ends_with("ISH")
            || w.ends_with('I') && !w.ends_with("II"))
}

/// The CAMEO "express intent" code for an action of root `root`: meet → 036, diplomatic
/// cooperation → 032, material cooperation → 031, aid → 033, yield → 035, else 030.
fn intent_code(root: Option<&str>) -> &'static str {
    match root {
        Some("04") => "036",
        Some("05") => "032",
        Some("06") => "031",
        Some("07") => "033",
        Some("08") => "035",
        _ => "030",
    }
}

struct PatternMatch {
    line: usize,
    codes: Codes,
    end: usize,
    source: Option<usize>,
    target: Option<usize>,
    compound: bool,
}

const MAX_GAP: usize = 6;

impl Sentence<'_, '_> {
    fn best_pattern(
        &self,
        v: &VerbCand,
        vg: usize,
        floor: usize,
        pre_floor: usize,
        subject: Option<usize>,
    ) -> Option<PatternMatch> {
        let mut best: Option<(u32, PatternMatch)> = None;
        let supplement_from = self.coder.dicts.supplement_from.unwrap_or(usize::MAX);
        for form in &self.coder.verb_hits[v.hit] {
            let block = &self.coder.blocks[form.block as usize];
            for p in &block.patterns {
                if best.as_ref().is_some_and(|(w, _)| *w > p.weight) {
                    continue;
                }
                if !p
                    .required
                    .iter()
                    .all(|&id| self.present[id as usize / 64] & (1 << (id % 64)) != 0)
                {
                    continue;
                }
                let mut bind = Binding::default();
                let Some(end) = self.match_seq(&p.post, v.end, &mut bind) else {
                    continue;
                };
                if !p.pre.is_empty() {
                    // Words before the verb sit after the subject; `$`/`+` may be the subject.
                    let binds = p.pre.iter().any(|e| matches!(e, El::Source | El::Target));
                    let lo =
                        if binds { floor } else { pre_floor }.max(vg.saturating_sub(MAX_GAP + 2));
                    let mut found = false;
                    for start in lo..=vg.max(lo) {
                        let mut b2 = Binding::default();
                        // Before the verb group: auxiliaries and adverbs are not pattern words.
                        if let Some(mut e) = self.match_seq(&p.pre, start, &mut b2)
                            && e <= vg
                            && {
                                // The rest of the subject's noun phrase may follow the match.
                                while e < vg
                                    && (self.tags[e] == Tag::Poss
                                        || self.tags[e] == Tag::Word && self.toks.tokens()[e].lower)
                                {
                                    e += 1;
                                }
                                vg - e <= 3
                            }
                        {
                            bind.source = bind.source.or(b2.source);
                            bind.target = bind.target.or(b2.target);
                            bind.score += b2.score;
                            found = true;
                            break;
                        }
                    }
                    if !found {
                        continue;
                    }
                }
                let compound = p
                    .pre
                    .iter()
                    .chain(p.post.iter())
                    .any(|e| matches!(e, El::Compound));
                if compound && subject.is_none_or(|g| self.groups[g].units.len() < 2) {
                    continue;
                }
                let score = bind.score + 1;
                // On equal scores the match nearer the verb wins; on the same words, the
                // supplement's pattern (which corrects the dictionary's).
                let supplement = form.block as usize >= supplement_from;
                if best.as_ref().is_some_and(|(w, m)| {
                    *w > score || *w == score && (m.end < end || m.end == end && !supplement)
                }) {
                    continue;
                }
                best = Some((
                    score,
                    PatternMatch {
                        line: p.line,
                        codes: p.codes.clone(),
                        end,
                        source: bind.source,
                        target: bind.target,
                        compound,
                    },
                ));
            }
        }
        best.map(|(_, m)| m)
    }

    /// Matches `elems` in order from token `at`; elements after the first, and the first
    /// one after the verb, may skip up to `MAX_GAP` tokens, but never a sentence stop or
    /// the start of another clause (a pronoun, modal, relative or subordinating word).
    fn match_seq(&self, elems: &[El], at: usize, bind: &mut Binding) -> Option<usize> {
        let mut p = at;
        for e in elems {
            if matches!(e, El::Compound) {
                continue;
            }
            let mut found = None;
            let mut q = p;
            // A bare preposition ("call (ON)") heads the verb's own phrase: it does not reach
            // past an object ("telephoned Kozyrev on Tuesday").
            let bare_pp = matches!(e, El::Pp(v) if v.len() == 1);
            // "accept that …" states; in "accept any arrangement that …" the "that" after a
            // determiner and its noun opens a relative clause, not the verb's complement.
            let complementizer = matches!(e, El::Word(id) if self.coder.that_word == Some(*id));
            while q <= p + MAX_GAP && q <= self.toks.len() {
                if complementizer && q < self.toks.len() && self.tags[q] == Tag::Det {
                    break;
                }
                if let Some(end) = self.match_el(e, q, bind) {
                    found = Some(end);
                    break;
                }
                if bare_pp && q < self.toks.len() && self.group_of[q] != NONE {
                    break;
                }
                // "said the rebels broke the truce": an actor and its own verb open a clause
                // the pattern does not reach into.
                if q > at && q < self.toks.len() && self.group_of[q] != NONE {
                    let mut k = self.groups[self.group_of[q] as usize].end;
                    while k < self.toks.len()
                        && matches!(self.tags[k], Tag::Adv | Tag::Have | Tag::Modal)
                    {
                        k += 1;
                    }
                    // The verb takes its own object ("broke the truce"); a participle after
                    // a noun ("diplomats based in Geneva") does not open a clause.
                    if k + 1 < self.toks.len()
                        && self.verb_at[k]
                        && self.group_of[k] == NONE
                        && (matches!(self.tags[k + 1], Tag::Det | Tag::Pron)
                            || self.group_of[k + 1] != NONE)
                    {
                        break;
                    }
                }
                if q >= self.toks.len()
                    || (self.tags[q] == Tag::Stop && self.norm(q) != "\"")
                    || matches!(
                        self.tags[q],
                        Tag::Pron | Tag::Modal | Tag::Rel | Tag::Sub | Tag::That
                    )
                {
                    break;
                }
                q += 1;
            }
            p = found?;
        }
        Some(p)
    }

    fn match_el(&self, e: &El, at: usize, bind: &mut Binding) -> Option<usize> {
        let n = self.toks.len();
        match e {
            El::Word(id) => (at < n && (self.ids[at] == *id || self.sing[at] == *id)).then(|| {
                bind.score += 2;
                at + 1
            }),
            El::Syn(k) => {
                let members = self.coder.synsets[*k as usize].get(self.ids.get(at)?)?;
                let end = members
                    .iter()
                    .filter(|m| {
                        at + m.len() <= n
                            && m.iter().enumerate().all(|(j, id)| self.ids[at + j] == *id)
                    })
                    .map(|m| at + m.len())
                    .max()?;
                bind.score += 2 * (end - at) as u32;
                Some(end)
            }
            El::Np(v) => {
                // Modifiers may stand between the earlier words of a noun phrase ("new global
                // economic relations"), but the word before the head must touch it.
                let mut p = at;
                let last = v.len().saturating_sub(1);
                for (j, x) in v.iter().enumerate() {
                    if j == 0 || j == last {
                        p = self.match_el(x, p, bind)?;
                    } else {
                        let mut q = p;
                        let mut found = None;
                        while q < n && q <= p + 2 {
                            if let Some(end) = self.match_el(x, q, bind) {
                                found = Some(end);
                                break;
                            }
                            if !matches!(self.tags[q], Tag::Word | Tag::Adv) {
                                break;
                            }
                            q += 1;
                        }
                        p = found?;
                    }
                }
                bind.score += 1;
                Some(p)
            }
            El::Pp(v) => {
                // A bare preposition stands for a prepositional phrase: "to" before a verb
                // is an infinitive, not one.
                if v.len() == 1
                    && at + 1 < n
                    && self.tags[at] == Tag::To
                    && self.raw_verbs.iter().any(|&(rs, _, _)| rs == at + 1)
                {
                    return None;
                }
                let mut p = at;
                for (j, x) in v.iter().enumerate() {
                    if j == 1 {
                        // Articles and modifiers between the preposition and its object.
                        let mut q = p;
                        let mut found = None;
                        while q < n && q <= p + 3 {
                            if let Some(end) = self.match_el(x, q, bind) {
                                found = Some(end);
                                break;
                            }
                            if !matches!(self.tags[q], Tag::Det | Tag::Word | Tag::Adv | Tag::Poss)
                            {
                                break;
                            }
                            q += 1;
                        }
                        p = found?;
                    } else {
                        p = self.match_el(x, p, bind)?;
                    }
                }
                bind.score += 1;
                Some(p)
            }
            El::Source | El::Target => {
                let mut q = at;
                while q < n && self.tags[q] == Tag::Det {
                    q += 1;
                }
                let g = *self.group_of.get(q)?;
                if g == NONE || self.groups[g as usize].start != q {
                    return None;
                }
                if matches!(e, El::Source) {
                    bind.source = Some(g as usize);
                } else {
                    bind.target = Some(g as usize);
                }
                bind.score += 1;
                Some(self.groups[g as usize].end)
            }
            El::Skip => (at < n).then_some(at + 1),
            El::Compound => Some(at),
        }
    }
}

#[derive(Debug, Default)]
struct Binding {
    source: Option<usize>,
    target: Option<usize>,
    score: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_verbs_and_supplement_read_without_problems() {
        let (_, problems) = VerbDictionary::parse(SUPPLEMENT_VERBS);
        assert!(problems.is_empty(), "{problems:?}");
        let d = Dictionaries::builtin();
        // CAMEO.2.0.txt has 10 lines its own reader skips too (PETRARCH-1 leftovers).
        assert_eq!(d.problems.len(), 10, "{:?}", d.problems);
        assert!(d.supplement_from.is_some_and(|k| k == 397));
        assert!(dictionary_version().starts_with("verbs-"));
    }

    #[test]
    fn builtin_codes_the_mention_path() {
        let coder = Coder::builtin();
        let text = "Kyiv rejected the Russian proposal.";
        let mentions = [
            ActorMention {
                start: 0,
                end: 4,
                code: "UKRGOV",
            },
            ActorMention {
                start: 18,
                end: 25,
                code: "RUS",
            },
        ];
        let mut out = Vec::new();
        coder.code_mentions(text, &mentions, &mut Scratch::default(), &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].plover, Some("REJECT"));
        assert_eq!(out[0].source.mention, Some(0));
        assert_eq!(out[0].target.as_ref().and_then(|t| t.mention), Some(1));
    }

    #[test]
    fn noun_events_take_the_status_of_their_verb() {
        let coder = Coder::builtin();
        let text = "Talks between Iran and the United States will begin tomorrow.";
        let mentions = [
            ActorMention {
                start: 13,
                end: 17,
                code: "IRN",
            },
            ActorMention {
                start: 26,
                end: 39,
                code: "USA",
            },
        ];
        let mut out = Vec::new();
        coder.code_mentions(text, &mentions, &mut Scratch::default(), &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].plover, Some("CONSULT"));
        assert_eq!(out[0].status, Status::Planned);
        assert_eq!(&text[out[0].trigger.0..out[0].trigger.1], "Talks");
    }

    /// Codes `text` on the mention path with mentions given as (phrase, code); returns
    /// `(plover, source, target, status)` of each event.
    pub(super) fn coded(
        text: &str,
        names: &[(&str, &'static str)],
    ) -> Vec<(&'static str, String, Option<String>, Status)> {
        let mut mentions: Vec<ActorMention<'static>> = names
            .iter()
            .map(|(phrase, code)| {
                let start = text.find(phrase).expect("phrase in the sentence");
                ActorMention {
                    start,
                    end: start + phrase.len(),
                    code,
                }
            })
            .collect();
        mentions.sort_by_key(|m| m.start);
        let mut out = Vec::new();
        Coder::builtin().code_mentions(text, &mentions, &mut Scratch::default(), &mut out);
        out.into_iter()
            .map(|e| {
                (
                    e.plover.unwrap_or("-"),
                    e.source.code,
                    e.target.map(|t| t.code),
                    e.status,
                )
            })
            .collect()
    }

    #[test]
    fn a_place_after_in_or_at_is_a_venue_not_a_target() {
        let events = coded(
            "Mexico threatened new tariffs at a news conference in Ottawa.",
            &[("Mexico", "MEXGOV"), ("Ottawa", "CAN")],
        );
        assert!(!events.is_empty(), "the threat is coded");
        assert!(
            events.iter().all(|e| e.2.is_none()),
            "Ottawa is where it was said: {events:?}"
        );
        // Through a place noun: "at the headquarters of".
        let events = coded(
            "Delegates from Peru and Chile are scheduled to meet at the headquarters of the OAS.",
            &[("Peru", "PER"), ("Chile", "CHL"), ("OAS", "IGOOAS")],
        );
        assert!(
            events.iter().all(|e| e.2.as_deref() != Some("IGOOAS")),
            "{events:?}"
        );
    }

    #[test]
    fn people_from_two_sides_meeting_is_a_planned_consultation() {
        let events = coded(
            "Delegates from Peru and Chile are scheduled to meet next week.",
            &[("Peru", "PER"), ("Chile", "CHL")],
        );
        assert!(
            events.contains(&("CONSULT", "PER".into(), Some("CHL".into()), Status::Planned)),
            "{events:?}"
        );
        assert!(events.iter().all(|e| e.0 == "CONSULT"), "{events:?}");
    }

    #[test]
    fn a_demanded_action_is_the_demand_content() {
        let events = coded(
            "Norway demanded that Sweden withdraw its ambassador.",
            &[("Norway", "NORGOV"), ("Sweden", "SWEGOV")],
        );
        assert_eq!(
            events,
            vec![(
                "REQUEST",
                "NORGOV".into(),
                Some("SWEGOV".into()),
                Status::Occurred
            )]
        );
    }

    #[test]
    fn a_compound_subject_urges_someone_else() {
        let events = coded(
            "Ireland and Portugal have urged restraint.",
            &[("Ireland", "IRLGOV"), ("Portugal", "PRTGOV")],
        );
        assert!(!events.is_empty());
        assert!(
            events.iter().all(|e| e.0 == "REQUEST" && e.2.is_none()),
            "not each other: {events:?}"
        );
        // Meeting is reciprocal.
        let events = coded(
            "Ireland and Portugal met on Monday.",
            &[("Ireland", "IRLGOV"), ("Portugal", "PRTGOV")],
        );
        assert!(
            events
                .iter()
                .any(|e| e.0 == "CONSULT" && e.2.as_deref() == Some("PRTGOV")),
            "{events:?}"
        );
    }

    #[test]
    fn a_relative_who_after_an_apposition_is_the_name_before_it() {
        let events = coded(
            "Nairobi sent Amina Odhiambo, its chief negotiator, who met Somalia's envoy on Friday.",
            &[
                ("Nairobi", "KENGOV"),
                ("Amina Odhiambo", "KENGOV"),
                ("Somalia", "SOMGOV"),
            ],
        );
        assert!(
            events
                .iter()
                .any(|e| e.0 == "CONSULT" && e.1 == "KENGOV" && e.2.as_deref() == Some("SOMGOV")),
            "{events:?}"
        );
    }

    #[test]
    fn the_subject_is_found_before_a_relative_clause() {
        let events = coded(
            "Poland, whose farmers export grain to Ukraine, has urged Brussels to act.",
            &[
                ("Poland", "POLGOV"),
                ("Ukraine", "UKR"),
                ("Brussels", "IGOEUR"),
            ],
        );
        assert!(
            events
                .iter()
                .any(|e| e.0 == "REQUEST" && e.1 == "POLGOV" && e.2.as_deref() == Some("IGOEUR")),
            "{events:?}"
        );
        assert!(events.iter().all(|e| e.1 != "UKR"), "{events:?}");
    }

    #[test]
    fn a_participle_after_a_noun_before_a_gerund_modifies_the_noun() {
        let events = coded(
            "Seoul warned of penalties for any firm caught selling chips to Pyongyang.",
            &[("Seoul", "KORGOV"), ("Pyongyang", "PRKGOV")],
        );
        assert!(events.iter().all(|e| e.0 != "COERCE"), "{events:?}");
    }

    #[test]
    fn a_demand_that_someone_acts_is_made_on_them() {
        let events = coded(
            "Athens repeated Greece's demand that Turkish ships leave the strait.",
            &[
                ("Athens", "GRCGOV"),
                ("Greece", "GRC"),
                ("Turkish ships", "TURMIL"),
            ],
        );
        assert!(
            events
                .iter()
                .any(|e| e.0 == "REQUEST" && e.2.as_deref() == Some("TURMIL")),
            "{events:?}"
        );
        assert!(events.iter().all(|e| e.1 != "TURMIL"), "{events:?}");
    }

    #[test]
    fn an_indirect_question_is_not_an_event() {
        let events = coded(
            "Lima and Quito talked for hours but could not agree on how to settle the border row.",
            &[("Lima", "PERGOV"), ("Quito", "ECUGOV")],
        );
        assert!(
            events
                .iter()
                .all(|e| e.0 != "AGREE" || e.3 != Status::Occurred),
            "{events:?}"
        );
    }

    #[test]
    fn those_who_speak_for_an_actor_act_for_it() {
        let events = coded(
            "Lawyers for the prime minister have asked the tribunal to reject the appeal.",
            &[("the prime minister", "NPLGOV"), ("the tribunal", "NPLJUD")],
        );
        assert!(
            events
                .iter()
                .any(|e| e.0 == "REQUEST" && e.1 == "NPLGOV" && e.2.as_deref() == Some("NPLJUD")),
            "{events:?}"
        );
    }

    #[test]
    fn a_place_naming_a_process_does_not_act() {
        let events = coded(
            "Delegates said they would walk out if the Tashkent process stalled.",
            &[("Tashkent", "UZBGOV")],
        );
        assert!(events.is_empty(), "{events:?}");
    }

    #[test]
    fn calling_something_a_name_is_not_a_phone_call() {
        let events = coded(
            "Madrid rejected the Moroccan offer, calling the plan a distraction.",
            &[("Madrid", "ESPGOV"), ("Moroccan", "MAR")],
        );
        assert!(events.iter().all(|e| e.0 != "CONSULT"), "{events:?}");
        let events = coded(
            "Madrid called Rabat on Monday.",
            &[("Madrid", "ESPGOV"), ("Rabat", "MARGOV")],
        );
        assert!(events.iter().any(|e| e.0 == "CONSULT"), "{events:?}");
    }

    #[test]
    fn duties_with_an_issuer_are_sanctions() {
        let events = coded(
            "India's new duties of up to 30% on Vietnamese steel took effect.",
            &[("India", "INDGOV"), ("Vietnamese steel", "VNMBUS")],
        );
        assert!(
            events.iter().any(|e| e.0 == "SANCTION" && e.1 == "INDGOV"),
            "{events:?}"
        );
        // Duties as obligations, with no issuer, are not.
        let events = coded(
            "Officials said the duties of the envoy were unclear, Oslo said.",
            &[("Oslo", "NORGOV")],
        );
        assert!(events.iter().all(|e| e.0 != "SANCTION"), "{events:?}");
    }

    #[test]
    fn a_base_form_after_be_is_a_passive() {
        let events = coded(
            "Canberra threatened retaliation if Australian exporters were hit again.",
            &[("Canberra", "AUSGOV"), ("Australian exporters", "AUSBUS")],
        );
        assert!(events.iter().all(|e| e.0 != "ASSAULT"), "{events:?}");
    }

    #[test]
    fn not_accepting_is_rejecting() {
        let events = coded(
            "The Kenyan opposition said it did not accept the verdict of the court.",
            &[("The Kenyan opposition", "KENOPP"), ("the court", "KENJUD")],
        );
        assert!(
            events
                .iter()
                .any(|e| e.0 == "REJECT" && e.2.as_deref() == Some("KENJUD")),
            "{events:?}"
        );
    }

    #[test]
    fn the_agent_of_a_participle_is_not_the_object() {
        let events = coded(
            "The AU said it was sending a mission led by Ghana to the border.",
            &[("The AU", "IGOAFR"), ("Ghana", "GHAGOV")],
        );
        assert!(
            events.iter().all(|e| e.2.as_deref() != Some("GHAGOV")),
            "{events:?}"
        );
    }

    #[test]
    fn a_naming_verb_still_gives_its_subject_to_the_next() {
        let events = coded(
            "Oslo called the deal a milestone and urged Moscow to sign it.",
            &[("Oslo", "NORGOV"), ("Moscow", "RUSGOV")],
        );
        assert!(
            events
                .iter()
                .any(|e| e.0 == "REQUEST" && e.1 == "NORGOV" && e.2.as_deref() == Some("RUSGOV")),
            "{events:?}"
        );
        assert!(events.iter().all(|e| e.0 != "CONSULT"), "{events:?}");
    }

    #[test]
    fn meeting_without_an_agreement_is_a_negated_agreement() {
        let events = coded(
            "Serbia and Kosovo met in Brussels but ended the day without an agreement.",
            &[
                ("Serbia", "SRBGOV"),
                ("Kosovo", "XKXGOV"),
                ("Brussels", "IGOEUR"),
            ],
        );
        assert!(
            events.contains(&(
                "AGREE",
                "SRBGOV".into(),
                Some("XKXGOV".into()),
                Status::Negated
            )),
            "{events:?}"
        );
        // An agreement that was reached is a verb's business, not this rule's.
        let events = coded(
            "Serbia and Kosovo praised the agreement.",
            &[("Serbia", "SRBGOV"), ("Kosovo", "XKXGOV")],
        );
        assert!(events.iter().all(|e| e.3 != Status::Negated), "{events:?}");
    }
}
#[cfg(test)]
mod news_rules {
    //! Sentence rules of news language, on sentences written for these tests.
    use super::*;

    /// Codes `text` with the mentions given as (word, code) pairs, each word found at its
    /// first occurrence at or after the previous one.
    fn events(text: &str, actors: &[(&str, &'static str)]) -> Vec<Event> {
        let mentions = crate::testkit::mentions_in(text, actors);
        let mut out = Vec::new();
        Coder::builtin().code_mentions(text, &mentions, &mut Scratch::default(), &mut out);
        out
    }

    /// [`events`] as (CAMEO, source, target).
    fn code(text: &str, actors: &[(&str, &'static str)]) -> Vec<(String, String, String)> {
        events(text, actors)
            .into_iter()
            .map(|e| {
                (
                    e.cameo,
                    e.source.code,
                    e.target.map_or_else(String::new, |t| t.code),
                )
            })
            .collect()
    }

    fn ev(cameo: &str, source: &str, target: &str) -> (String, String, String) {
        (cameo.into(), source.into(), target.into())
    }

    #[test]
    fn signing_a_truce_is_signing_an_agreement() {
        let got = code(
            "Kosovo and Serbia signed a ceasefire agreement in Ohrid on Friday.",
            &[("Kosovo", "XKXGOV"), ("Serbia", "SRBGOV")],
        );
        assert_eq!(
            got,
            vec![ev("057", "XKXGOV", "SRBGOV"), ev("057", "SRBGOV", "XKXGOV")]
        );
        assert_eq!(crate::plover("057").map(|p| p.event), Some("AGREE"));
    }

    #[test]
    fn a_participle_before_a_noun_is_no_event() {
        let got = code(
            "Mexico wants US carmakers to sell at agreed minimum prices.",
            &[("Mexico", "MEXGOV"), ("US carmakers", "USABUS")],
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn insisting_on_a_fact_is_no_demand() {
        let fact = code(
            "Peru insists the talks with Chile are about fishing quotas only.",
            &[("Peru", "PERGOV"), ("Chile", "CHLGOV")],
        );
        assert!(fact.is_empty(), "{fact:?}");
        let demand = code(
            "Peru insisted that Chile must withdraw its trawlers.",
            &[("Peru", "PERGOV"), ("Chile", "CHLGOV")],
        );
        assert_eq!(demand, vec![ev("100", "PERGOV", "CHLGOV")]);
        let on = code(
            "Peru insisted on guarantees from Chile.",
            &[("Peru", "PERGOV"), ("Chile", "CHLGOV")],
        );
        assert_eq!(on.len(), 1, "{on:?}");
    }

    #[test]
    fn a_summing_up_apposition_is_not_the_object() {
        // The compound subject agrees with itself; the host in the apposition is no party.
        let got = code(
            "Kenya and Somalia agreed on Monday to reopen the border, the first result of \
             three days of AU-hosted talks.",
            &[("Kenya", "KENGOV"), ("Somalia", "SOMGOV"), ("AU", "IGOAFR")],
        );
        assert_eq!(
            got.iter().map(|e| (&*e.1, &*e.2)).collect::<Vec<_>>(),
            vec![("KENGOV", "SOMGOV"), ("SOMGOV", "KENGOV")]
        );
    }

    #[test]
    fn a_host_written_onto_the_talks_mediates() {
        let text = "Kenya met Somalia for Qatar-brokered talks on Monday.";
        let out = events(
            text,
            &[
                ("Kenya", "KENGOV"),
                ("Somalia", "SOMGOV"),
                ("Qatar", "QATGOV"),
            ],
        );
        assert!(!out.is_empty());
        for e in &out {
            assert_eq!(e.cameo, "040", "{e:?}");
            assert_eq!(e.mediator.as_ref().map(|m| m.code.as_str()), Some("QATGOV"));
            assert_ne!(e.target.as_ref().map(|t| t.code.as_str()), Some("QATGOV"));
        }
    }

    #[test]
    fn ruling_out_turning_down_and_dismissing_as_reject() {
        let actors = [("Quito", "ECUGOV"), ("Lima", "PERGOV")];
        for text in [
            "Quito ruled out any deal with Lima.",
            "Quito turned down an offer from Lima.",
            "Quito dismissed the plan from Lima as a stunt.",
        ] {
            assert_eq!(
                code(text, &actors),
                vec![ev("120", "ECUGOV", "PERGOV")],
                "{text}"
            );
        }
    }

    #[test]
    fn a_negation_before_an_aside_negates_the_verb() {
        let text = "Lima has not, so far, threatened Chile with sanctions.";
        let out = events(text, &[("Lima", "PERGOV"), ("Chile", "CHLGOV")]);
        assert!(!out.is_empty());
        assert!(out.iter().all(|e| e.status == Status::Negated), "{out:?}");
    }

    #[test]
    fn both_after_the_subject_does_not_make_the_verb_a_noun() {
        let got = code(
            "Chile and Peru both rejected the proposal from Bolivia.",
            &[
                ("Chile", "CHLGOV"),
                ("Peru", "PERGOV"),
                ("Bolivia", "BOLGOV"),
            ],
        );
        assert_eq!(
            got,
            vec![ev("120", "CHLGOV", "BOLGOV"), ev("120", "PERGOV", "BOLGOV")]
        );
    }

    #[test]
    fn who_leads_a_delegation_is_no_event() {
        let got = code(
            "The Peruvian side will be led by Trade Minister Rosa Ibarra, who heads the \
             commission with Chile.",
            &[
                ("Peruvian side", "PERGOV"),
                ("Rosa Ibarra", "PERGOV"),
                ("Chile", "CHLGOV"),
            ],
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn saying_what_must_happen_demands_it() {
        let got = code(
            "Lima said Chile must withdraw its trawlers before the next round.",
            &[("Lima", "PERGOV"), ("Chile", "CHLGOV")],
        );
        assert_eq!(got, vec![ev("100", "PERGOV", "CHLGOV")]);
        let fact = code(
            "Lima said Chile had withdrawn its trawlers.",
            &[("Lima", "PERGOV"), ("Chile", "CHLGOV")],
        );
        assert!(fact.iter().all(|e| e.0 != "100"), "{fact:?}");
    }

    #[test]
    fn a_broker_between_two_sides_mediates_their_agreement() {
        let text = "Norway brokered a truce between Colombia and the ELN on Friday.";
        let out = events(
            text,
            &[
                ("Norway", "NORGOV"),
                ("Colombia", "COLGOV"),
                ("the ELN", "COLREB"),
            ],
        );
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].plover, Some("AGREE"));
        assert_eq!(out[0].source.code, "COLGOV");
        assert_eq!(
            out[0].target.as_ref().map(|t| t.code.as_str()),
            Some("COLREB")
        );
        assert_eq!(
            out[0].mediator.as_ref().map(|m| m.code.as_str()),
            Some("NORGOV")
        );
    }

    #[test]
    fn the_main_verb_after_a_relative_clause_is_coded_with_its_own_object() {
        let got = code(
            "Chile, which met Peru last year, praised Norway's mediation.",
            &[
                ("Chile", "CHLGOV"),
                ("Peru", "PERGOV"),
                ("Norway", "NORGOV"),
            ],
        );
        assert!(got.contains(&ev("051", "CHLGOV", "NORGOV")), "{got:?}");
        assert!(
            !got.iter().any(|e| e.0.starts_with("04") && e.2 == "NORGOV"),
            "{got:?}"
        );
    }

    #[test]
    fn arriving_in_a_capital_visits_its_country() {
        let got = code(
            "Ruto will arrive in Addis Ababa for a two-day visit.",
            &[("Ruto", "KENGOV"), ("Addis Ababa", "ETH")],
        );
        assert_eq!(got, vec![ev("042", "KENGOV", "ETH")]);
    }

    #[test]
    fn a_pattern_does_not_reach_into_a_reported_clause() {
        let got = code(
            "Bogota said the rebels broke the truce on Sunday.",
            &[("Bogota", "COLGOV"), ("the rebels", "COLREB")],
        );
        assert!(
            !got.iter().any(|e| e.0 == "0871" && e.1 == "COLGOV"),
            "{got:?}"
        );
    }

    // (PLOVER type, source, target, status) of each event of a sentence.
    use super::tests::coded as typed;

    #[test]
    fn refusing_to_sign_or_accept_is_rejecting_but_failing_to_agree_is_negated() {
        let got = typed(
            "Lima would not sign any document that limits its fishing rights.",
            &[("Lima", "PERGOV")],
        );
        assert_eq!(
            got,
            vec![("REJECT", "PERGOV".into(), None, Status::Occurred)]
        );
        let got = typed(
            "Peru refused to sign the text drafted by Chile.",
            &[("Peru", "PERGOV"), ("Chile", "CHLGOV")],
        );
        assert!(got.iter().any(|e| e.0 == "REJECT"), "{got:?}");
        assert!(!got.iter().any(|e| e.0 == "AGREE"), "{got:?}");
        let got = typed(
            "Peru and Chile failed to agree on the quota.",
            &[("Peru", "PERGOV"), ("Chile", "CHLGOV")],
        );
        assert!(
            got.iter().all(|e| e.0 == "AGREE" && e.3 == Status::Negated),
            "{got:?}"
        );
        // "accept any arrangement that …": the relative "that" is no complement.
        let got = typed(
            "Quito said it would not accept any arrangement that cut its quota.",
            &[("Quito", "ECUGOV"), ("it", "ECUGOV")],
        );
        assert!(got.iter().any(|e| e.0 == "REJECT"), "{got:?}");
    }

    #[test]
    fn stated_readiness_to_cooperate_is_an_offer() {
        let got = typed(
            "Chile was ready to sign the fisheries protocol with Peru.",
            &[("Chile", "CHLGOV"), ("Peru", "PERGOV")],
        );
        assert!(
            got.iter()
                .any(|e| e.0 == "AGREE" && e.3 == Status::Occurred),
            "{got:?}"
        );
        let got = typed(
            "Peru is willing to reopen talks with Chile.",
            &[("Peru", "PERGOV"), ("Chile", "CHLGOV")],
        );
        assert_eq!(
            got,
            vec![(
                "AGREE",
                "PERGOV".into(),
                Some("CHLGOV".into()),
                Status::Occurred
            )]
        );
        // An undertaking is an offer too.
        let got = typed(
            "Chile undertook to lift its blockade of the port for Peru.",
            &[("Chile", "CHLGOV"), ("Peru", "PERGOV")],
        );
        assert!(got.iter().any(|e| e.0 == "AGREE"), "{got:?}");
        // Readiness to break off is no offer.
        let got = typed(
            "Peru seemed ready to walk away from the talks with Chile.",
            &[("Peru", "PERGOV"), ("Chile", "CHLGOV")],
        );
        assert!(!got.iter().any(|e| e.0 == "AGREE"), "{got:?}");
    }
}
