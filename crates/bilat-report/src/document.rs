//! The one document writer of the table reports (profile, indicators, potential): title,
//! headings, the provenance lines, paragraphs, bullet lists and tables, each in plain text for a
//! terminal or GitHub-flavoured Markdown. The renderers say *what* a report holds; how a
//! heading or a table looks is decided here, once, so the formats stay alike.
//!
//! ```text
//! text                              md
//! Title                             # Title
//! =====
//!                                   > demo data (generated)
//! demo data (generated)
//! source: … · unit: USD             source: … · unit: USD
//!
//! Heading                           ## Heading
//! -------
//! a      $1.0 million               | a | $1.0 million |
//! ```

use std::fmt::Write;

/// A report being written, in text or Markdown.
pub(crate) struct Doc {
    out: String,
    md: bool,
}

impl Doc {
    /// An empty document; `md` chooses Markdown over plain text.
    pub(crate) fn new(md: bool) -> Self {
        Doc {
            out: String::new(),
            md,
        }
    }

    /// Whether the document is Markdown (a renderer adds the formulas there).
    pub(crate) fn is_md(&self) -> bool {
        self.md
    }

    /// The document's text.
    pub(crate) fn finish(self) -> String {
        self.out
    }

    /// The title: `# s`, or `s` underlined with `=`.
    pub(crate) fn title(&mut self, s: &str) {
        if self.md {
            let _ = writeln!(self.out, "# {s}");
        } else {
            let _ = writeln!(self.out, "{s}\n{}", "=".repeat(s.chars().count()));
        }
    }

    /// A section heading: `## s`, or `s` underlined with `-`, after a blank line.
    pub(crate) fn heading(&mut self, s: &str) {
        if self.md {
            let _ = writeln!(self.out, "\n## {s}\n");
        } else {
            let _ = writeln!(self.out, "\n{s}\n{}", "-".repeat(s.chars().count()));
        }
    }

    /// The provenance block under the title: the demo label (a quote in Markdown) when the data
    /// are generated, then one paragraph per line (`source: … · unit: …` and the like).
    pub(crate) fn provenance(&mut self, label: Option<&str>, lines: &[String]) {
        if let Some(label) = label {
            let _ = writeln!(self.out, "{}{label}", if self.md { "\n> " } else { "\n" });
        }
        for l in lines {
            self.para(l);
        }
    }

    /// A line that is a paragraph of its own: Markdown needs the blank line before it, text
    /// keeps it on the next line.
    pub(crate) fn para(&mut self, s: &str) {
        let _ = writeln!(self.out, "{}{s}", if self.md { "\n" } else { "" });
    }

    /// A line as is (the first line after a heading, which already ends with a blank line).
    pub(crate) fn line(&mut self, s: &str) {
        let _ = writeln!(self.out, "{s}");
    }

    /// Text as is (a block of formulas).
    pub(crate) fn push_str(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A bullet list, `- item` per line in both formats.
    pub(crate) fn bullets(&mut self, items: &[String]) {
        for n in items {
            let _ = writeln!(self.out, "- {n}");
        }
    }

    /// The "Notes" section, when there are notes.
    pub(crate) fn notes(&mut self, notes: &[String]) {
        if !notes.is_empty() {
            self.heading("Notes");
            self.bullets(notes);
        }
    }

    /// A table: Markdown pipes, or space-aligned text (numbers right-aligned, except in the
    /// second column, which holds codes and names); "(none)" without rows.
    pub(crate) fn table(&mut self, head: &[&str], rows: &[Vec<String>]) {
        let o = &mut self.out;
        if rows.is_empty() {
            let _ = writeln!(o, "(none)");
            return;
        }
        if self.md {
            let _ = writeln!(o, "| {} |", head.join(" | "));
            let _ = writeln!(
                o,
                "|{}|",
                head.iter().map(|_| "---").collect::<Vec<_>>().join("|")
            );
            for r in rows {
                let _ = writeln!(
                    o,
                    "| {} |",
                    r.iter()
                        .map(|c| c.replace('|', "\\|"))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
            }
            return;
        }
        let w: Vec<usize> = (0..head.len())
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].chars().count())
                    .chain([head[i].chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let numeric = |s: &str| {
            s.starts_with(['$', '-', '+'])
                || s.chars().next().is_some_and(|c| c.is_ascii_digit())
                || s.starts_with("up")
                || s.starts_with("down")
                || s == "n/a"
        };
        let line = |cells: Vec<&str>| -> String {
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let pad = w[i].saturating_sub(c.chars().count());
                    if i > 0 && numeric(c) && i != 1 {
                        format!("{}{c}", " ".repeat(pad))
                    } else {
                        format!("{c}{}", " ".repeat(pad))
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let _ = writeln!(o, "{}", line(head.to_vec()));
        for r in rows {
            let _ = writeln!(o, "{}", line(r.iter().map(String::as_str).collect()));
        }
    }
}

pub(crate) use bilat_model::csv_field;
