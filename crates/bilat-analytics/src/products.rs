//! Finding products by name or code: the `products` dictionary of the imports (each source's
//! own descriptions) and the HS chapter names bilat ships, for a product picker.
//!
//! A query of digits matches codes that start with it; any other text matches names that
//! contain it, case-insensitively (SQL `ILIKE` with `%`, `_` and `\` escaped, so the text is
//! matched literally). Codes come back once, shortest first, with the first name found.

use bilat_model::HsLevel;
use bilat_warehouse::QueryEngine;
use serde::Serialize;

use crate::Result;
use crate::query::{i64s, lit, strings};

/// One product found.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ProductMatch {
    /// HS code (2, 4 or 6 digits).
    pub code: String,
    /// HS level: 2, 4 or 6.
    pub level: u8,
    /// Its name (English where the source gives one).
    pub name: String,
    /// Its Russian name, when the source gives one (else empty).
    pub name_ru: String,
    /// Where the name comes from: a source of the warehouse, or `hs` for bilat's chapter names.
    pub source: String,
}

/// Products whose code starts with `q` (digits) or whose name contains it, at `level` when
/// given, at most `limit`.
pub async fn search_products(
    engine: &QueryEngine,
    q: &str,
    level: Option<HsLevel>,
    limit: usize,
) -> Result<Vec<ProductMatch>> {
    let q = q.trim();
    if q.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let digits = q.chars().all(|c| c.is_ascii_digit());
    let mut out: Vec<ProductMatch> = Vec::new();
    // HS chapters from the model, so a warehouse without a dictionary still finds "02 Meat".
    if level.is_none_or(|l| l.digits() == 2) {
        let needle = q.to_lowercase();
        for (ch, en, ru) in bilat_model::hs::chapters() {
            let code = format!("{ch:02}");
            let hit = if digits {
                code.starts_with(q)
            } else {
                en.to_lowercase().contains(&needle) || ru.to_lowercase().contains(&needle)
            };
            if hit {
                out.push(ProductMatch {
                    code,
                    level: 2,
                    name: (*en).to_string(),
                    name_ru: (*ru).to_string(),
                    source: "hs".into(),
                });
            }
        }
    }
    let cond = if digits {
        format!("code LIKE {}", lit(&format!("{q}%")))
    } else {
        let escaped = q
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("name ILIKE {} ESCAPE '\\'", lit(&format!("%{escaped}%")))
    };
    let level_cond = level.map_or_else(String::new, |l| {
        format!(" AND product_level = {}", l.digits())
    });
    // Matched in any language; named in English where the source gives English.
    let sql = format!(
        "SELECT code, product_level AS lvl, \
         coalesce(min(CASE WHEN lang = 'en' THEN name END), min(name)) AS name, \
         coalesce(min(CASE WHEN lang = 'ru' THEN name END), '') AS name_ru, min(source) AS source \
         FROM products WHERE code IN (SELECT code FROM products WHERE {cond}{level_cond}) \
         GROUP BY code, product_level ORDER BY product_level, code LIMIT {limit}"
    );
    let rows = engine.sql(&sql).await?;
    let (code, lvl, name, name_ru, source) = (
        strings(&rows, "code")?,
        i64s(&rows, "lvl")?,
        strings(&rows, "name")?,
        strings(&rows, "name_ru")?,
        strings(&rows, "source")?,
    );
    for i in 0..code.len() {
        if out.iter().any(|m| m.code == code[i]) {
            continue;
        }
        out.push(ProductMatch {
            code: code[i].clone(),
            level: lvl[i].and_then(|l| u8::try_from(l).ok()).unwrap_or(0),
            name: name[i].clone(),
            name_ru: name_ru[i].clone(),
            source: source[i].clone(),
        });
    }
    out.sort_by(|a, b| (a.level, &a.code).cmp(&(b.level, &b.code)));
    out.truncate(limit);
    Ok(out)
}
