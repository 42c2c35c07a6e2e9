//! Charts of the brief as SVG, written by hand.
//!
//! Three charts, from the same figures as the text:
//! - `history`: exports and imports of every loaded year, grouped bars (USD million);
//! - `composition`: one stacked bar per direction, segments = HS sections (% of the flow);
//! - `products`: the brief's main products each way, horizontal bars (USD million).
//!
//! Why not plotters: its SVG backend cannot attach a class, `data-*` attributes or a `<title>`
//! to a bar, and the tests (and screen readers) need to find each bar and its value; without a
//! font feature it also cannot measure label widths. The SVG here is a few rectangles and
//! labels, deterministic to the byte: every coordinate is printed with one decimal.
//!
//! Every bar is `<rect class="bar" data-series=… data-value=…>` (segments: `class="segment"`),
//! so a test can count bars and compare their values with the JSON figures.

use std::fmt::Write;

use bilat_model::escape_html as esc;
use serde::Serialize;

/// One named series of a chart: labels with values.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ChartSeries {
    /// Machine name, e.g. `exports`.
    pub id: String,
    /// Legend label in the brief's language.
    pub label: String,
    /// `(category, value)`: years or product names with USD million, or sections with %.
    pub points: Vec<(String, f64)>,
}

/// A chart: its data (serialized into the JSON brief) and its SVG (not serialized).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Chart {
    /// `history`, `composition` or `products`.
    pub id: String,
    /// Title in the brief's language.
    pub title: String,
    /// Unit of the values: `USD million` or `%`.
    pub unit: String,
    /// The plotted data.
    pub series: Vec<ChartSeries>,
    /// The rendered SVG document.
    #[serde(skip)]
    pub svg: String,
}

const COLORS: [&str; 2] = ["#1f5f99", "#d9822b"];
const PALETTE: [&str; 12] = [
    "#1f5f99", "#d9822b", "#3a9a5b", "#b8404a", "#7d5ba6", "#8c6d46", "#c96fb0", "#4bb3c4",
    "#b5b035", "#2e4057", "#e0a3a3", "#6b8e23",
];
/// Colour of the "other" segment, which `stacked_shares` keeps last in the legend.
const OTHER: &str = "#9a9a9a";

fn open(o: &mut String, id: &str, w: f64, h: f64, title: &str) {
    let _ = write!(
        o,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-{id}" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" role="img" aria-label="{t}" font-family="Helvetica, Arial, sans-serif" font-size="11"><title>{t}</title><rect width="{w:.0}" height="{h:.0}" fill="#ffffff"/><text x="10" y="18" font-size="13" font-weight="bold">{t}</text>"##,
        t = esc(title)
    );
}

/// A "nice" axis maximum ≥ `v`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_max(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

/// Grouped bars: one group per category, one bar per series (the `history` chart).
pub fn grouped_bars(
    id: &str,
    title: &str,
    unit: &str,
    series: Vec<ChartSeries>,
    fmt: &dyn Fn(f64) -> String,
) -> Chart {
    let (w, h) = (640.0, 300.0);
    let (left, right, top, bottom) = (60.0, 20.0, 50.0, 40.0);
    let cats: Vec<String> = series
        .first()
        .map(|s| s.points.iter().map(|p| p.0.clone()).collect())
        .unwrap_or_default();
    let max = nice_max(
        series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .fold(0.0, f64::max),
    );
    let mut o = String::new();
    open(&mut o, id, w, h, title);
    let ph = h - top - bottom;
    let pw = w - left - right;
    for i in 0..=4 {
        let v = max * f64::from(i) / 4.0;
        let y = top + ph - ph * f64::from(i) / 4.0;
        let _ = write!(
            o,
            r##"<line x1="{left:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#dddddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            w - right,
            left - 6.0,
            y + 4.0,
            esc(&format!("{v:.0}"))
        );
    }
    // Legend.
    for (k, s) in series.iter().enumerate() {
        let x = left + 160.0 * k as f64;
        let _ = write!(
            o,
            r##"<rect x="{x:.1}" y="28" width="10" height="10" fill="{}"/><text x="{:.1}" y="37">{}</text>"##,
            COLORS[k % 2],
            x + 14.0,
            esc(&s.label)
        );
    }
    let n = cats.len().max(1) as f64;
    let gw = pw / n;
    let bw = (gw * 0.8 / series.len().max(1) as f64).min(40.0);
    for (c, cat) in cats.iter().enumerate() {
        let gx = left + gw * c as f64 + (gw - bw * series.len() as f64) / 2.0;
        for (k, s) in series.iter().enumerate() {
            let v = s.points.get(c).map_or(0.0, |p| p.1);
            let bh = if max > 0.0 { ph * v / max } else { 0.0 };
            let _ = write!(
                o,
                r##"<rect class="bar" data-series="{sid}" data-category="{cat}" data-value="{v}" x="{:.1}" y="{:.1}" width="{bw:.1}" height="{bh:.1}" fill="{}"><title>{cat}: {lbl} {val} {unit}</title></rect>"##,
                gx + bw * k as f64,
                top + ph - bh,
                COLORS[k % 2],
                sid = esc(&s.id),
                cat = esc(cat),
                lbl = esc(&s.label),
                val = esc(&fmt(v)),
                unit = esc(unit),
            );
        }
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            left + gw * c as f64 + gw / 2.0,
            h - bottom + 16.0,
            esc(cat)
        );
    }
    o.push_str("</svg>");
    Chart {
        id: id.into(),
        title: title.into(),
        unit: unit.into(),
        series,
        svg: o,
    }
}

/// One stacked 100% bar per series; `series[k].points` are (segment label, share %). A segment
/// labelled `other` is drawn grey and listed last.
pub fn stacked_shares(
    id: &str,
    title: &str,
    other: &str,
    series: Vec<ChartSeries>,
    fmt: &dyn Fn(f64) -> String,
) -> Chart {
    let w = 640.0;
    let (left, right, top) = (90.0, 20.0, 40.0);
    let row = 46.0;
    // Legend rows: one per distinct segment label, in first-seen order.
    let mut legend: Vec<String> = Vec::new();
    for s in &series {
        for p in &s.points {
            if !legend.contains(&p.0) {
                legend.push(p.0.clone());
            }
        }
    }
    if let Some(i) = legend.iter().position(|l| l == other) {
        let o = legend.remove(i);
        legend.push(o);
    }
    let h = top + row * series.len() as f64 + 18.0 * legend.len() as f64 + 16.0;
    let mut o = String::new();
    open(&mut o, id, w, h, title);
    let pw = w - left - right;
    let color = |label: &str| {
        if label == other {
            return OTHER;
        }
        let i = legend.iter().position(|l| l == label).unwrap_or(0);
        PALETTE[i % PALETTE.len()]
    };
    for (k, s) in series.iter().enumerate() {
        let y = top + row * k as f64;
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            left - 6.0,
            y + 20.0,
            esc(&s.label)
        );
        let mut x = left;
        for (label, share) in &s.points {
            let sw = pw * share.max(0.0) / 100.0;
            let _ = write!(
                o,
                r##"<rect class="segment" data-series="{sid}" data-category="{cat}" data-value="{share}" x="{x:.1}" y="{y:.1}" width="{sw:.1}" height="30" fill="{}" stroke="#ffffff"><title>{cat}: {val}%</title></rect>"##,
                color(label),
                sid = esc(&s.id),
                cat = esc(label),
                val = esc(&fmt(*share)),
            );
            if sw > 34.0 {
                let _ = write!(
                    o,
                    r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#ffffff">{}%</text>"##,
                    x + sw / 2.0,
                    y + 19.0,
                    esc(&fmt(*share))
                );
            }
            x += sw;
        }
    }
    let ly = top + row * series.len() as f64;
    for (i, l) in legend.iter().enumerate() {
        let y = ly + 18.0 * i as f64;
        // Long section names are cut to fit the width.
        let shown: String = if l.chars().count() > 80 {
            l.chars().take(79).collect::<String>() + "…"
        } else {
            l.clone()
        };
        let _ = write!(
            o,
            r##"<rect x="{left:.1}" y="{y:.1}" width="10" height="10" fill="{}"/><text x="{:.1}" y="{:.1}">{}</text>"##,
            color(l),
            left + 14.0,
            y + 9.0,
            esc(&shown)
        );
    }
    o.push_str("</svg>");
    Chart {
        id: id.into(),
        title: title.into(),
        unit: "%".into(),
        series,
        svg: o,
    }
}

/// Horizontal bars, one panel per series (the `products` chart).
pub fn horizontal_bars(
    id: &str,
    title: &str,
    unit: &str,
    series: Vec<ChartSeries>,
    fmt: &dyn Fn(f64) -> String,
) -> Chart {
    let w = 640.0;
    let (left, right, top) = (230.0, 90.0, 34.0);
    let bar = 18.0;
    let rows: usize = series.iter().map(|s| s.points.len() + 1).sum();
    let h = top + bar * rows as f64 + 10.0;
    let max = nice_max(
        series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .fold(0.0, f64::max),
    );
    let pw = w - left - right;
    let mut o = String::new();
    open(&mut o, id, w, h, title);
    let mut y = top;
    for (k, s) in series.iter().enumerate() {
        let _ = write!(
            o,
            r##"<text x="10" y="{:.1}" font-weight="bold">{}</text>"##,
            y + 13.0,
            esc(&s.label)
        );
        y += bar;
        for (label, v) in &s.points {
            let bw = if max > 0.0 { pw * v / max } else { 0.0 };
            let _ = write!(
                o,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{cat}</text><rect class="bar" data-series="{sid}" data-category="{cat}" data-value="{v}" x="{left:.1}" y="{:.1}" width="{bw:.1}" height="{:.1}" fill="{}"><title>{cat}: {val} {unit}</title></rect><text x="{:.1}" y="{:.1}">{val}</text>"##,
                left - 6.0,
                y + 12.0,
                y + 2.0,
                bar - 4.0,
                COLORS[k % 2],
                left + bw + 4.0,
                y + 12.0,
                sid = esc(&s.id),
                cat = esc(label),
                val = esc(&fmt(*v)),
                unit = esc(unit),
            );
            y += bar;
        }
    }
    o.push_str("</svg>");
    Chart {
        id: id.into(),
        title: title.into(),
        unit: unit.into(),
        series,
        svg: o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(id: &str, pts: &[(&str, f64)]) -> ChartSeries {
        ChartSeries {
            id: id.into(),
            label: id.into(),
            points: pts.iter().map(|(a, b)| (a.to_string(), *b)).collect(),
        }
    }

    #[test]
    fn bars_are_tagged_with_their_values() {
        let f = |v: f64| format!("{v:.1}");
        let c = grouped_bars(
            "history",
            "T & <x>",
            "USD million",
            vec![
                s("exports", &[("2017", 1.0), ("2018", 2.0)]),
                s("imports", &[("2017", 0.5), ("2018", 0.7)]),
            ],
            &f,
        );
        assert_eq!(c.svg.matches(r#"class="bar""#).count(), 4);
        assert!(c.svg.contains(r#"data-value="0.7""#));
        assert!(c.svg.contains("T &amp; &lt;x&gt;"));
        assert!(c.svg.starts_with("<svg") && c.svg.ends_with("</svg>"));
        let c = stacked_shares(
            "composition",
            "t",
            "Other",
            vec![s(
                "exports",
                &[("XVII", 60.0), ("Other", 10.0), ("I", 30.0)],
            )],
            &f,
        );
        // "Other" is grey and listed last in the legend.
        let seg = &c.svg[c.svg.find(r#"data-category="Other""#).unwrap()..];
        assert!(seg[..seg.find('>').unwrap()].contains(r##"fill="#9a9a9a""##));
        assert!(c.svg.ends_with(">Other</text></svg>"));
        assert_eq!(c.svg.matches(r#"class="segment""#).count(), 3);
        let c = horizontal_bars(
            "products",
            "t",
            "USD million",
            vec![
                s("exports", &[("a", 3.0)]),
                s("imports", &[("b", 1.0), ("c", 0.5)]),
            ],
            &f,
        );
        assert_eq!(c.svg.matches(r#"class="bar""#).count(), 3);
    }

    #[test]
    fn nice_axis() {
        assert_eq!(nice_max(783.7), 1000.0);
        assert_eq!(nice_max(112.3), 200.0);
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(2.3), 2.5);
    }
}
