//! Renderings of a [`Brief`]: plain text wrapped at 96 columns, Markdown with inline SVG, a
//! self-contained HTML page, and JSON (the stable interface).

use bilat_model::{Lang, escape_html as esc};

use super::Brief;

/// Output formats of a brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BriefFormat {
    /// Plain text, wrapped at 96 columns.
    #[default]
    Text,
    /// Markdown with the charts as inline SVG.
    Md,
    /// A self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched).
    Html,
    /// JSON: text, figures, provenance and chart data.
    Json,
}

/// Renders a brief.
pub fn render_brief(b: &Brief, format: BriefFormat) -> String {
    match format {
        BriefFormat::Json => serde_json::to_string_pretty(b).expect("brief serializes") + "\n",
        BriefFormat::Text => text(b),
        BriefFormat::Md => md(b),
        BriefFormat::Html => html(b),
    }
}

fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0usize;
    for word in s.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

fn body_paragraphs(b: &Brief) -> Vec<&str> {
    let mut v = vec![b.lead.as_str()];
    v.extend(b.paragraphs.iter().map(|p| p.text.as_str()));
    v
}

fn text(b: &Brief) -> String {
    let mut o = String::new();
    o.push_str(&wrap(&b.headline, 96));
    o.push('\n');
    o.push_str(&"=".repeat(b.headline.chars().count().min(96)));
    o.push_str("\n\n");
    for p in body_paragraphs(b) {
        o.push_str(&wrap(p, 96));
        o.push_str("\n\n");
    }
    o.push_str(&wrap(
        &format!("{}: {}", b.labels.data_note, b.data_note),
        96,
    ));
    o.push('\n');
    o
}

fn md(b: &Brief) -> String {
    let mut o = format!("# {}\n\n", b.headline);
    for p in body_paragraphs(b) {
        o.push_str(p);
        o.push_str("\n\n");
    }
    for c in &b.charts {
        o.push_str(&c.svg);
        o.push_str("\n\n");
    }
    o.push_str(&format!("## {}\n\n{}\n", b.labels.data_note, b.data_note));
    o
}

fn html(b: &Brief) -> String {
    let lang = match b.lang {
        Lang::En => "en",
        Lang::Ru => "ru",
    };
    let mut o = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<style>\nbody{{font-family:Georgia,serif;max-width:680px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}}\nh1{{font-size:1.6em;line-height:1.25}}\n.lead{{font-weight:bold}}\n.chart{{display:block;margin:1.5em 0;max-width:100%;height:auto}}\n.note{{font-size:.85em;color:#555;border-top:1px solid #ccc;padding-top:.5em}}\n</style>\n</head>\n<body>\n<article>\n<h1>{t}</h1>\n<p class=\"lead\">{l}</p>\n",
        t = esc(&b.headline),
        l = esc(&b.lead)
    );
    for p in &b.paragraphs {
        o.push_str(&format!(
            "<p class=\"{}\">{}</p>\n",
            esc(&p.topic),
            esc(&p.text)
        ));
    }
    for c in &b.charts {
        o.push_str("<figure>");
        o.push_str(&c.svg);
        o.push_str("</figure>\n");
    }
    o.push_str(&format!(
        "<p class=\"note\"><strong>{}:</strong> {}</p>\n</article>\n</body>\n</html>\n",
        esc(&b.labels.data_note),
        esc(&b.data_note)
    ));
    o
}
