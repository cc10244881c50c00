//! The brief as one self-contained HTML file: inline CSS and SVG, no script, no network.
//! Each citation is a link to the quoted sentence in the sources list (highlighted when
//! followed) and shows the sentence on hover.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use dossier::TimelineItem;

use crate::view::{Block, Inline, Line, View};

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root{--ink:#1d2430;--muted:#5b6575;--line:#dde2ea;--bg:#fff;--soft:#f5f7fa;--accent:#1f5fbf}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header{padding:28px 40px 14px;border-bottom:1px solid var(--line);background:var(--soft)}
h1{margin:0 0 4px;font-size:26px}
.sub{margin:0;color:var(--muted)}
nav{margin-top:12px;display:flex;flex-wrap:wrap;gap:6px 14px;font-size:14px}
nav a{color:var(--accent);text-decoration:none}
main{max-width:1180px;padding:8px 40px 60px}
h2{margin:34px 0 10px;font-size:20px;border-bottom:2px solid var(--line);padding-bottom:4px}
ul{padding-left:22px}
li{margin:4px 0}
table{border-collapse:collapse;width:100%;font-size:14px}
th{text-align:left;background:var(--soft);position:sticky;top:0;border-bottom:2px solid var(--line);padding:6px 8px}
td{border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top}
tr:nth-child(even) td{background:#fbfcfd}
code{background:#eef2f7;border-radius:4px;padding:1px 5px;font-size:13px}
.kind{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;white-space:nowrap;color:#fff;background:#6b7280}
.k-red_line{background:#b42318}.k-demand{background:#c4560c}.k-offer{background:#1a7f37}
.k-concession{background:#0e7490}.k-rejection{background:#7a1f5c}.k-position{background:#4b5563}
.scale{display:inline-flex;align-items:center;gap:6px;white-space:nowrap;font-variant-numeric:tabular-nums}
.bar{position:relative;display:inline-block;width:64px;height:6px;border-radius:3px;background:linear-gradient(90deg,#dbe4f0,#9db3d3)}
.bar i{position:absolute;top:-3px;width:4px;height:12px;margin-left:-2px;border-radius:2px;background:var(--ink)}
.cites{white-space:nowrap;font-size:12.5px;color:var(--muted)}
a.cite{position:relative;color:var(--accent);text-decoration:none;border-bottom:1px dotted var(--accent)}
a.cite:hover::after{content:attr(data-q);position:absolute;left:0;top:1.6em;z-index:10;width:420px;white-space:normal;background:#111827;color:#f9fafb;padding:8px 10px;border-radius:6px;font-size:13px;line-height:1.4;box-shadow:0 4px 14px rgba(0,0,0,.25)}
ol.sources{padding-left:0;list-style:none}
ol.sources li{padding:8px 12px;border-left:3px solid var(--line);margin:8px 0;scroll-margin-top:20px}
ol.sources li:target{border-left-color:var(--accent);background:#eaf1fc}
.src-label{font-weight:600}
.src-meta{color:var(--muted);font-size:13px;margin-left:6px}
blockquote{margin:4px 0 0;font-style:italic}
figure{margin:8px 0 16px}
figure.chart svg{max-width:520px;height:auto}
h3{margin:24px 0 6px;font-size:16px}
figcaption{color:var(--muted);font-size:13px}
footer{color:var(--muted);font-size:12.5px;margin-top:40px}
"#;

fn inline(view: &View, run: &Inline, out: &mut String) {
    match run {
        Inline::Text(t) => out.push_str(&escape(t)),
        Inline::Code(t) => {
            let _ = write!(out, "<code>{}</code>", escape(t));
        }
        Inline::Strong(t) => {
            let _ = write!(out, "<strong>{}</strong>", escape(t));
        }
        Inline::Kind(k) => {
            let _ = write!(
                out,
                r#"<span class="kind k-{}">{}</span>"#,
                escape(k),
                escape(&k.replace('_', " "))
            );
        }
        Inline::Scale(v) => match v {
            Some(v) => {
                let _ = write!(
                    out,
                    r#"<span class="scale" title="{v:.0} on the issue's 0–100 scale"><span class="bar"><i style="left:{:.0}%"></i></span>{v:.0}</span>"#,
                    v.clamp(0.0, 100.0)
                );
            }
            None => out.push('–'),
        },
        Inline::Cite(refs, more) => {
            if refs.is_empty() {
                return;
            }
            out.push_str(r#" <span class="cites">["#);
            for (n, &i) in refs.iter().enumerate() {
                let Some(c) = view.cited.get(i) else { continue };
                if n > 0 {
                    out.push_str("; ");
                }
                let _ = write!(
                    out,
                    r##"<a class="cite" href="#c{}" data-q="{}">{}</a>"##,
                    i + 1,
                    escape(&c.quote),
                    escape(&c.label)
                );
            }
            if *more > 0 {
                let _ = write!(out, "; +{more}");
            }
            out.push_str("]</span>");
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

/// PLOVER type colours (one hue family per broad class: cooperation blue/green, verbal
/// conflict amber, material conflict red).
fn plover_colour(kind: &str) -> &'static str {
    match kind {
        "CONSULT" => "#2563eb",
        "AGREE" => "#059669",
        "SUPPORT" => "#10b981",
        "COOPERATE" => "#0d9488",
        "AID" => "#65a30d",
        "CONCEDE" => "#0891b2",
        "RETREAT" => "#06b6d4",
        "REQUEST" => "#7c3aed",
        "ACCUSE" => "#d97706",
        "REJECT" => "#ea580c",
        "THREATEN" => "#dc2626",
        "PROTEST" => "#f59e0b",
        "SANCTION" => "#b91c1c",
        "MOBILIZE" => "#9f1239",
        "COERCE" => "#7f1d1d",
        "ASSAULT" => "#450a0a",
        _ => "#6b7280",
    }
}

fn day_number(date: &str) -> Option<i64> {
    let day: jiff::civil::Date = date.get(..10)?.parse().ok()?;
    let epoch = jiff::civil::date(1970, 1, 1);
    Some(i64::from((day - epoch).get_days()))
}

/// The timeline as an SVG strip: one lane per PLOVER type, one dot per event, sized by
/// the number of sources, hollow when planned.
fn timeline_svg(items: &[TimelineItem]) -> String {
    let dated: Vec<(i64, &TimelineItem)> = items
        .iter()
        .filter_map(|t| day_number(&t.date).map(|d| (d, t)))
        .collect();
    if dated.is_empty() {
        return String::new();
    }
    let mut lanes: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, t) in &dated {
        let n = lanes.len();
        lanes.entry(t.plover.as_str()).or_insert(n);
    }
    let first = dated.iter().map(|(d, _)| *d).min().unwrap_or(0);
    let last = dated
        .iter()
        .map(|(d, _)| *d)
        .max()
        .unwrap_or(0)
        .max(first + 1);
    let (left, right, top, lane_h) = (110.0, 1040.0, 16.0, 30.0);
    let height = top + lane_h * lanes.len() as f64 + 34.0;
    let x = |d: i64| left + (right - left) * (d - first) as f64 / (last - first) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 {height:.0}" width="100%" role="img" aria-label="Timeline of events by type">"#
    );
    for (kind, &lane) in &lanes {
        let y = top + lane_h * lane as f64 + lane_h / 2.0;
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{right}" y1="{y}" y2="{y}" stroke="#e5e7eb"/><text x="{:.0}" y="{:.0}" font-size="12" text-anchor="end" fill="#374151">{}</text>"##,
            left - 10.0,
            y + 4.0,
            escape(kind)
        );
    }
    let axis = top + lane_h * lanes.len() as f64 + 6.0;
    let step = ((last - first) / 8).max(1);
    let mut d = first;
    while d <= last {
        let date = jiff::civil::date(1970, 1, 1)
            .checked_add(jiff::Span::new().days(d))
            .map(|x| x.to_string())
            .unwrap_or_default();
        let _ = write!(
            svg,
            r##"<line x1="{0:.1}" x2="{0:.1}" y1="{top}" y2="{axis}" stroke="#f0f2f5"/><text x="{0:.1}" y="{1:.0}" font-size="11" text-anchor="middle" fill="#6b7280">{2}</text>"##,
            x(d),
            axis + 16.0,
            date.get(5..).unwrap_or(&date)
        );
        d += step;
    }
    for (day, t) in &dated {
        let lane = lanes.get(t.plover.as_str()).copied().unwrap_or(0);
        let y = top + lane_h * lane as f64 + lane_h / 2.0;
        let r = 4.0 + 2.5 * (t.sources as f64).sqrt();
        let colour = plover_colour(&t.plover);
        let fill = if t.status == "planned" {
            "#fff"
        } else {
            colour
        };
        let _ = write!(
            svg,
            r#"<circle cx="{:.1}" cy="{y:.1}" r="{r:.1}" fill="{fill}" fill-opacity="0.85" stroke="{colour}" stroke-width="2"><title>{} — {} ({}, {} sources)</title></circle>"#,
            x(*day),
            escape(&t.date),
            escape(&t.what),
            escape(&t.status),
            t.sources
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Renders the view; `generated` is a line for the footer (what the brief was made from).
pub(crate) fn render(view: &View, generated: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n<nav>",
        escape(&view.title),
        escape(&view.title),
        escape(&view.subtitle)
    );
    for section in &view.sections {
        let _ = write!(
            out,
            r##"<a href="#{}">{}</a>"##,
            section.id,
            escape(section.title)
        );
    }
    out.push_str("<a href=\"#sources\">Sources cited</a></nav>\n</header>\n<main>\n");
    for section in &view.sections {
        let _ = writeln!(
            out,
            r#"<section id="{}"><h2>{}</h2>"#,
            section.id,
            escape(section.title)
        );
        for block in &section.blocks {
            match block {
                Block::Para(runs) => {
                    let _ = writeln!(out, "<p>{}</p>", line(view, runs));
                }
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for (head, sub) in items {
                        let _ = write!(out, "<li>{}", line(view, head));
                        if !sub.is_empty() {
                            out.push_str("<ul>");
                            for s in sub {
                                let _ = write!(out, "<li>{}</li>", line(view, s));
                            }
                            out.push_str("</ul>");
                        }
                        out.push_str("</li>\n");
                    }
                    out.push_str("</ul>\n");
                }
                Block::Table { head, rows } => {
                    out.push_str("<table>\n<thead><tr>");
                    for h in head {
                        let _ = write!(out, "<th>{}</th>", escape(h));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for row in rows {
                        out.push_str("<tr>");
                        for c in row {
                            let _ = write!(out, "<td>{}</td>", line(view, c));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Heading(h) => {
                    let _ = writeln!(out, "<h3>{}</h3>", escape(h));
                }
                Block::Svg(svg, caption) => {
                    let _ = writeln!(
                        out,
                        "<figure class=\"chart\">{svg}<figcaption>{}</figcaption></figure>",
                        escape(caption)
                    );
                }
                Block::Timeline(items) => {
                    let svg = timeline_svg(items);
                    if !svg.is_empty() {
                        let _ = writeln!(
                            out,
                            "<figure>{svg}<figcaption>Events by date and PLOVER type; larger dots are reported by more sources, hollow dots are planned.</figcaption></figure>"
                        );
                    }
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("<section id=\"sources\"><h2>Sources cited</h2>\n<ol class=\"sources\">\n");
    for (i, c) in view.cited.iter().enumerate() {
        let meta: Vec<&str> = [c.outlet.as_deref(), c.date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let _ = writeln!(
            out,
            r#"<li id="c{}"><span class="src-label">{}</span><span class="src-meta">{}</span><blockquote>“{}”</blockquote></li>"#,
            i + 1,
            escape(&c.label),
            escape(&meta.join(" · ")),
            escape(&c.quote)
        );
    }
    let _ = write!(
        out,
        "</ol>\n</section>\n<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        escape(generated)
    );
    out
}
