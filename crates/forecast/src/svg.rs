//! A self-contained SVG line chart of actors' positions over the rounds of an SMP run (no
//! scripts, no external fonts or stylesheets; generic `sans-serif`).

use std::fmt::Write;

use crate::SmpRun;

const PALETTE: [&str; 10] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Draws each actor's position on dimension `dim` (0–100, vertical) against the round
/// (horizontal), with a legend. Returns an empty chart with a note if `dim` does not exist.
pub fn positions_svg(run: &SmpRun, dim: usize) -> String {
    let (w, h) = (760.0, 420.0);
    let (left, right, top, bottom) = (50.0, 200.0, 30.0, 40.0);
    let pw = w - left - right;
    let ph = h - top - bottom;
    let rounds = run.rounds.len().max(2) - 1;
    let x = |t: usize| left + pw * t as f64 / rounds as f64;
    let y = |v: f64| top + ph * (1.0 - v.clamp(0.0, 100.0) / 100.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="sans-serif" font-size="11">"#
    );
    let title = run
        .dimensions
        .get(dim)
        .map_or_else(|| "no such dimension".to_string(), |d| escape(d));
    let _ = write!(
        s,
        r##"<title>Positions over rounds: {title}</title><rect width="{w}" height="{h}" fill="#ffffff"/>"##
    );
    let _ = write!(
        s,
        r##"<text x="{left}" y="18" font-size="13" fill="#222">{title}</text>"##
    );
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let yy = y(v);
        let _ = write!(
            s,
            r##"<line x1="{left}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555">{v}</text>"##,
            left + pw,
            left - 6.0,
            yy + 4.0
        );
    }
    let step = rounds.div_ceil(10).max(1);
    for t in (0..=rounds).step_by(step) {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">{t}</text>"##,
            x(t),
            top + ph + 16.0
        );
    }
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">round</text>"##,
        left + pw / 2.0,
        h - 6.0
    );
    if dim < run.dimensions.len() {
        for (a, name) in run.actors.iter().enumerate() {
            let color = PALETTE[a % PALETTE.len()];
            let mut pts = String::new();
            for (t, r) in run.rounds.iter().enumerate() {
                if let Some(v) = r.positions.get(a).and_then(|p| p.get(dim)) {
                    let _ = write!(pts, "{:.1},{:.1} ", x(t), y(*v));
                }
            }
            let _ = write!(
                s,
                r#"<polyline fill="none" stroke="{color}" stroke-width="1.5" points="{}"><title>{}</title></polyline>"#,
                pts.trim_end(),
                escape(name)
            );
            if a < 30 {
                let ly = top + 14.0 * a as f64;
                let _ = write!(
                    s,
                    r##"<line x1="{:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{color}" stroke-width="2"/><text x="{:.1}" y="{:.1}" fill="#222">{}</text>"##,
                    left + pw + 12.0,
                    left + pw + 28.0,
                    left + pw + 32.0,
                    ly + 4.0,
                    escape(name)
                );
            }
        }
        if run.actors.len() > 30 {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" fill="#555">… {} more</text>"##,
                left + pw + 12.0,
                top + 14.0 * 30.0 + 4.0,
                run.actors.len() - 30
            );
        }
    }
    s.push_str("</svg>");
    s
}
