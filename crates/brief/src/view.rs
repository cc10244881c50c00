//! The brief as a small document tree (sections of lists and tables of inline runs, with
//! citations as numbered references), built once from the analysis and rendered as
//! Markdown (`markdown.rs`) or HTML (`html.rs`), so both formats say exactly the same.

use dossier::{Analysis, Dossier, DossierForecast, TimelineItem};
use model::Evidence;

use crate::{Source, headline, plural, who_is_who};

/// A run of inline content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    /// Plain text.
    Text(String),
    /// A value as the data has it (`direct`, `PT4H`).
    Code(String),
    /// Emphasis (the subject of a disagreement).
    Strong(String),
    /// A stance kind (`red_line`): a coloured badge in HTML.
    Kind(String),
    /// A value on an issue's 0–100 scale.
    Scale(Option<f64>),
    /// Citations: indices into [`View::cited`], and how many more were left out.
    Cite(Vec<usize>, usize),
}

/// A line of inline runs.
pub(crate) type Line = Vec<Inline>;

/// A block of a section.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A paragraph.
    Para(Line),
    /// A bulleted list; each item may have sub-items.
    List(Vec<(Line, Vec<Line>)>),
    /// A table.
    Table {
        /// Column headings.
        head: Vec<&'static str>,
        /// Rows of cells.
        rows: Vec<Vec<Line>>,
    },
    /// The events on a time axis (drawn in HTML only; Markdown lists them anyway).
    Timeline(Vec<TimelineItem>),
    /// A chart drawn elsewhere (HTML only), with its caption.
    Svg(String, String),
    /// A subheading.
    Heading(String),
}

/// A section with its anchor id.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    /// Anchor (`stands`).
    pub id: &'static str,
    /// Heading.
    pub title: &'static str,
    /// Content.
    pub blocks: Vec<Block>,
}

/// One cited sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cited {
    /// The evidence.
    pub evidence: Evidence,
    /// `document §n`.
    pub label: String,
    /// The outlet, when known.
    pub outlet: Option<String>,
    /// The document's date (published, else inferred).
    pub date: Option<String>,
    /// The sentence, on one line, shortened to 240 characters.
    pub quote: String,
}

/// The whole brief.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct View {
    /// The negotiation's name.
    pub title: String,
    /// Parties and mediators.
    pub subtitle: String,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Every cited sentence, in order of first citation.
    pub cited: Vec<Cited>,
}

/// Numbers citations in order of first use.
struct Citations<'a> {
    sources: &'a [Source<'a>],
    cited: Vec<Cited>,
}

impl<'a> Citations<'a> {
    /// A citation of the first three evidence items, registering them.
    fn cite(&mut self, evidence: &[Evidence]) -> Inline {
        let mut refs = Vec::new();
        for ev in evidence.iter().take(3) {
            let index = match self.cited.iter().position(|c| &c.evidence == ev) {
                Some(i) => i,
                None => {
                    let cited = self.describe(ev);
                    self.cited.push(cited);
                    self.cited.len() - 1
                }
            };
            refs.push(index);
        }
        Inline::Cite(refs, evidence.len().saturating_sub(3))
    }

    fn source(&self, ev: &Evidence) -> Option<&Source<'a>> {
        self.sources.iter().find(|s| s.document.id == ev.doc)
    }

    fn describe(&self, ev: &Evidence) -> Cited {
        let source = self.source(ev);
        let number = source
            .and_then(|s| {
                s.record.sentences.iter().position(|r| {
                    r.start <= ev.span.start() && ev.span.start() < r.end.max(r.start + 1)
                })
            })
            .map_or(0, |i| i + 1);
        let text = source
            .and_then(|s| ev.span.slice(&s.document.text))
            .unwrap_or("");
        let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let quote = if one_line.chars().count() > 240 {
            format!("{}…", one_line.chars().take(240).collect::<String>())
        } else {
            one_line
        };
        Cited {
            evidence: ev.clone(),
            label: format!("{} §{number}", ev.doc),
            outlet: source.and_then(|s| s.document.source.clone()),
            date: source.and_then(|s| {
                s.document
                    .published
                    .or(s.document.inferred_date)
                    .map(|d| d.to_string())
            }),
            quote,
        }
    }
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn kind_name(kind: &str) -> String {
    kind.replace('_', " ")
}

/// Builds the brief.
pub(crate) fn build(
    dossier: &Dossier,
    analysis: &Analysis,
    sources: &[Source<'_>],
    forecast: Option<&DossierForecast>,
) -> View {
    let mut cites = Citations {
        sources,
        cited: Vec::new(),
    };
    let mediators = if dossier.mediators.is_empty() {
        String::new()
    } else {
        format!("; mediators {}", dossier.mediators.join(", "))
    };
    let subtitle = format!("Parties {}{mediators}.", dossier.parties.join(", "));
    let mut sections = Vec::new();

    let items = headline(analysis, sources)
        .into_iter()
        .map(|h| {
            let mut line = vec![text(h.text)];
            if !h.evidence.is_empty() {
                line.push(cites.cite(&h.evidence));
            }
            (line, Vec::new())
        })
        .collect();
    sections.push(Section {
        id: "headline",
        title: "Headline",
        blocks: vec![Block::List(items)],
    });

    let stands = if analysis.issues.is_empty() {
        vec![Block::Para(vec![text(
            "No stances found on the dossier's issues.",
        )])]
    } else {
        let rows = analysis
            .issues
            .iter()
            .map(|row| {
                vec![
                    vec![text(&row.issue)],
                    vec![text(&row.party)],
                    vec![text(&row.stance)],
                    vec![Inline::Kind(row.kind.as_str().to_owned())],
                    vec![Inline::Scale(row.value)],
                    vec![text(&row.trend)],
                    vec![cites.cite(&row.evidence)],
                ]
            })
            .collect();
        vec![Block::Table {
            head: vec![
                "issue",
                "party",
                "latest stance",
                "kind",
                "value",
                "trend",
                "cited",
            ],
            rows,
        }]
    };
    sections.push(Section {
        id: "stands",
        title: "Where each party stands",
        blocks: stands,
    });

    let changes = if analysis.changes.is_empty() {
        vec![Block::Para(vec![text(
            "No party's stance moved between dates.",
        )])]
    } else {
        let value = |v: Option<f64>| v.map_or(String::new(), |v| format!(" ({v:.0})"));
        let items = analysis
            .changes
            .iter()
            .map(|c| {
                let from = cites.cite(&c.evidence_from);
                let to = cites.cite(&c.evidence_to);
                (
                    vec![
                        text(format!("{} on {}: ", c.party, c.issue)),
                        text(format!(
                            "{}{}",
                            kind_name(c.from.kind.as_str()),
                            value(c.from.value)
                        )),
                        from,
                        text(" → "),
                        text(format!(
                            "{}{}",
                            kind_name(c.to.kind.as_str()),
                            value(c.to.value)
                        )),
                        to,
                    ],
                    Vec::new(),
                )
            })
            .collect();
        vec![Block::List(items)]
    };
    sections.push(Section {
        id: "changes",
        title: "What changed",
        blocks: changes,
    });

    let disagree = if analysis.contradictions.is_empty() {
        vec![Block::Para(vec![text(
            "No contradictions between sources.",
        )])]
    } else {
        let items = analysis
            .contradictions
            .iter()
            .map(|c| {
                let internal = if c.internal {
                    " (within one document)"
                } else {
                    ""
                };
                let head = vec![
                    Inline::Strong(c.subject.clone()),
                    text(format!(" — {}{internal}:", c.attribute)),
                ];
                let sub = c
                    .values
                    .iter()
                    .map(|v| {
                        let copies = if v.copies.is_empty() {
                            String::new()
                        } else {
                            format!(
                                ", plus syndicated cop{} {}",
                                if v.copies.len() == 1 { "y" } else { "ies" },
                                v.copies
                                    .iter()
                                    .map(ToString::to_string)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        };
                        let outlier = if v.outlier { " — lone outlier" } else { "" };
                        vec![
                            Inline::Code(v.value.clone()),
                            text(format!(
                                ": {} source{}{copies}{outlier}",
                                v.sources,
                                plural(v.sources)
                            )),
                            cites.cite(&v.evidence),
                        ]
                    })
                    .collect();
                (head, sub)
            })
            .collect();
        vec![Block::List(items)]
    };
    sections.push(Section {
        id: "disagree",
        title: "Where the sources disagree",
        blocks: disagree,
    });

    let next = if analysis.schedule.is_empty() {
        vec![Block::Para(vec![text(
            "Nothing scheduled in the coverage.",
        )])]
    } else {
        let items = analysis
            .schedule
            .iter()
            .map(|s| {
                let when = if s.date == dossier::UNDATED {
                    "Date not given".to_owned()
                } else {
                    s.date.clone()
                };
                let mut line = vec![
                    text(format!(
                        "{when} — {} — {} source{}",
                        s.what,
                        s.sources,
                        plural(s.sources)
                    )),
                    cites.cite(&s.evidence),
                ];
                line.extend(dissent(&s.other_dates, &mut cites));
                (line, Vec::new())
            })
            .collect();
        vec![Block::List(items)]
    };
    sections.push(Section {
        id: "next",
        title: "What's next",
        blocks: next,
    });

    if !analysis.timeline.is_empty() {
        let items = analysis
            .timeline
            .iter()
            .map(|t| {
                let planned = if t.status == "planned" {
                    " (planned)"
                } else {
                    ""
                };
                let mut line = vec![
                    text(format!(
                        "{} — {}{planned} — {} source{}",
                        t.date,
                        t.what,
                        t.sources,
                        plural(t.sources)
                    )),
                    cites.cite(&t.evidence),
                ];
                line.extend(dissent(&t.other_dates, &mut cites));
                (line, Vec::new())
            })
            .collect();
        sections.push(Section {
            id: "timeline",
            title: "Timeline",
            blocks: vec![
                Block::Timeline(analysis.timeline.clone()),
                Block::List(items),
            ],
        });
    }

    if let Some(f) = forecast {
        sections.push(Section {
            id: "forecast",
            title: "Where it is heading",
            blocks: forecast_blocks(f, &mut cites),
        });
    }

    let rows = who_is_who(sources)
        .into_iter()
        .take(40)
        .map(|w| {
            vec![
                vec![text(w.entity.unwrap_or_else(|| "–".to_owned()))],
                vec![text(w.code)],
                vec![text(w.role.unwrap_or_else(|| "–".to_owned()))],
                vec![text(w.aliases.join(", "))],
                vec![text(w.documents.to_string())],
            ]
        })
        .collect();
    sections.push(Section {
        id: "who",
        title: "Who's who",
        blocks: vec![Block::Table {
            head: vec!["actor", "code", "role", "spellings seen", "documents"],
            rows,
        }],
    });

    View {
        title: dossier.name.clone(),
        subtitle,
        sections,
        cited: cites.cited,
    }
}

/// "; 1 source gives 2026-02-05 [cite]" for each date a minority of sources give.
fn dissent(others: &[dossier::OtherDate], cites: &mut Citations<'_>) -> Vec<Inline> {
    let mut out = Vec::new();
    for o in others {
        out.push(text(format!(
            "; {} source{} give{} {} instead",
            o.sources,
            plural(o.sources),
            if o.sources == 1 { "s" } else { "" },
            o.date
        )));
        out.push(cites.cite(&o.evidence));
    }
    out
}

fn number(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), |v| format!("{v:.0}"))
}

/// The forecast per issue: the outcome with its spread, the inputs each cited, and the
/// explanation; then what could not be forecast and why.
fn forecast_blocks(f: &DossierForecast, cites: &mut Citations<'_>) -> Vec<Block> {
    let mut blocks = vec![Block::Para(vec![text(format!(
        "{} of {} issues forecast from {} stances: KTAB's Spatial Model of Politics with a Monte Carlo over input noise, and the expected-utility model. Inputs — {}.",
        f.issues.len(),
        f.issues.len() + f.skipped.len(),
        f.stances,
        f.method.inputs
    ))])];
    for issue in &f.issues {
        blocks.push(Block::Heading(format!(
            "{} — {}",
            issue.issue, issue.question
        )));
        let spread = match (issue.median, issue.q10, issue.q90) {
            (Some(m), Some(a), Some(b)) => format!(
                "; Monte Carlo median {m:.0}, 10–90 % {a:.0}–{b:.0} ({} runs)",
                issue.runs
            ),
            _ => String::new(),
        };
        blocks.push(Block::Para(vec![
            Inline::Strong(format!("Outcome {:.0}", issue.outcome)),
            text(format!(
                " ({}){spread}; expected-utility model {}.",
                issue.outcome_label,
                number(issue.eum)
            )),
        ]));
        let rows = issue
            .inputs
            .iter()
            .map(|p| {
                vec![
                    vec![text(&p.party)],
                    vec![Inline::Scale(Some(p.position))],
                    vec![Inline::Kind(p.kind.as_str().to_owned())],
                    vec![text(format!("{:.0}", p.salience))],
                    vec![text(format!("{:.4}", p.capability))],
                    vec![text(&p.summary), cites.cite(&p.citation.evidence)],
                ]
            })
            .collect();
        blocks.push(Block::Table {
            head: vec![
                "party",
                "position",
                "stance",
                "salience",
                "capability",
                "from",
            ],
            rows,
        });
        blocks.push(Block::Para(vec![text(&issue.explanation)]));
        if let Some(svg) = &issue.svg {
            blocks.push(Block::Svg(
                svg.clone(),
                format!("Positions on {} over the model's rounds.", issue.issue),
            ));
        }
    }
    if !f.skipped.is_empty() {
        blocks.push(Block::Heading("Not forecast".to_owned()));
        blocks.push(Block::List(
            f.skipped
                .iter()
                .map(|s| (vec![text(format!("{}: {}", s.issue, s.reason))], Vec::new()))
                .collect(),
        ));
    }
    blocks
}
