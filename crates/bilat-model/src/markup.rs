//! Escaping text for HTML and SVG, here because every renderer (the brief, its charts, the
//! claim check's page) needs the same rule and this crate is the one they all depend on.

/// Escapes `&`, `<`, `>` and `"`, so the result is safe both as element text and inside a
/// double-quoted attribute (HTML and SVG/XML alike).
///
/// ```
/// assert_eq!(bilat_model::escape_html("T & <x> \"y\""), "T &amp; &lt;x&gt; &quot;y&quot;");
/// ```
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A CSV field, quoted (RFC 4180) only when it holds a comma, a quote or a line break: the one
/// CSV escape of the reports and the claim checker.
///
/// ```
/// assert_eq!(bilat_model::csv_field("a,b \"c\""), "\"a,b \"\"c\"\"\"");
/// assert_eq!(bilat_model::csv_field("plain"), "plain");
/// ```
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
