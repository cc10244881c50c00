//! The brief as Markdown: `[document §sentence]` citations, and a sources list at the end
//! that quotes each cited sentence.

use std::fmt::Write as _;

use crate::view::{Block, Inline, Line, View};

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn inline(view: &View, run: &Inline, out: &mut String) {
    match run {
        Inline::Text(t) => out.push_str(t),
        Inline::Code(t) => {
            let _ = write!(out, "`{t}`");
        }
        Inline::Strong(t) => {
            let _ = write!(out, "**{t}**");
        }
        Inline::Kind(k) => out.push_str(&k.replace('_', " ")),
        Inline::Scale(v) => match v {
            Some(v) => {
                let _ = write!(out, "{v:.0}");
            }
            None => out.push('–'),
        },
        Inline::Cite(refs, more) => {
            if refs.is_empty() {
                return;
            }
            let mut parts: Vec<String> = refs
                .iter()
                .filter_map(|&i| view.cited.get(i).map(|c| c.label.clone()))
                .collect();
            if *more > 0 {
                parts.push(format!("+{more}"));
            }
            let _ = write!(out, " [{}]", parts.join("; "));
        }
    }
}

fn line(view: &View, runs: &Line) -> String {
    let mut out = String::new();
    for run in runs {
        inline(view, run, &mut out);
    }
    out
}

/// Renders the view.
pub(crate) fn render(view: &View) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", view.title);
    let _ = writeln!(out, "{}", view.subtitle);
    for section in &view.sections {
        let _ = writeln!(out, "\n## {}\n", section.title);
        for (n, block) in section.blocks.iter().enumerate() {
            if n > 0 && !matches!(block, Block::Timeline(_) | Block::Svg(..)) {
                out.push('\n');
            }
            match block {
                Block::Para(runs) => {
                    let _ = writeln!(out, "{}", line(view, runs));
                }
                Block::List(items) => {
                    for (head, sub) in items {
                        let _ = writeln!(out, "- {}", line(view, head));
                        for s in sub {
                            let _ = writeln!(out, "  - {}", line(view, s));
                        }
                    }
                }
                Block::Table { head, rows } => {
                    let _ = writeln!(out, "| {} |", head.join(" | "));
                    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
                    for row in rows {
                        let cells: Vec<String> =
                            row.iter().map(|c| cell(line(view, c).trim())).collect();
                        let _ = writeln!(out, "| {} |", cells.join(" | "));
                    }
                }
                // The list that follows the timeline says the same in words; charts are
                // for the HTML page.
                Block::Timeline(_) | Block::Svg(..) => {}
                Block::Heading(h) => {
                    let _ = writeln!(out, "### {h}");
                }
            }
        }
    }
    let _ = writeln!(out, "\n## Sources cited\n");
    for c in &view.cited {
        let outlet = c
            .outlet
            .as_deref()
            .map_or(String::new(), |o| format!(" ({o})"));
        let _ = writeln!(out, "- **{}**{outlet}: “{}”", c.label, c.quote);
    }
    out
}
