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
