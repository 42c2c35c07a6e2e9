//! What part of the product space a profile's flows cover, from the catalog's coverage records
//! (`bilat_warehouse::FlowCoverage`): a total of an extract (39 wood codes, six shrimp codes)
//! must never read as the pair's whole trade, in the profile, the brief or the claim checker.

use bilat_warehouse::{QueryEngine, Scope};
use serde::Serialize;

/// Whether a flow's loaded rows cover all goods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CoverageStatus {
    /// A `TOTAL` row, or rows in at least 50 of the 96 HS chapters, are loaded.
    Complete,
    /// Only some chapters are loaded and no `TOTAL` row: the figures are of those products.
    Partial,
    /// The import was committed before coverage was recorded (re-import to know), or the flow
    /// has no rows.
    Unknown,
}

/// The products behind one flow of a profile.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ProductCoverage {
    /// Complete, partial or unknown (see [`CoverageStatus`]).
    pub status: CoverageStatus,
    /// HS chapters loaded, when partial (e.g. `["44", "47", "48", "94"]`); empty otherwise.
    pub chapters: Vec<String>,
    /// The product codes loaded, when partial and at most 12 of them.
    pub codes: Vec<String>,
    /// Distinct product codes loaded for the flow (any level).
    pub code_count: u64,
}

impl ProductCoverage {
    fn unknown() -> Self {
        ProductCoverage {
            status: CoverageStatus::Unknown,
            chapters: vec![],
            codes: vec![],
            code_count: 0,
        }
    }

    /// True when the flow holds only some products.
    pub fn is_partial(&self) -> bool {
        self.status == CoverageStatus::Partial
    }

    /// The loaded products in HS terms, when partial: `HS 44, 47, 48, 94` or, for a few codes,
    /// `HS 030616, 030617 (2 codes)`.
    pub fn hs_label(&self) -> Option<String> {
        if !self.is_partial() {
            return None;
        }
        Some(if self.codes.is_empty() {
            format!("HS {}", self.chapters.join(", "))
        } else {
            format!(
                "HS {} ({} code{})",
                self.codes.join(", "),
                self.codes.len(),
                if self.codes.len() == 1 { "" } else { "s" }
            )
        })
    }
}

/// Both flows of a profile.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Coverage {
    /// A's exports to B.
    pub exports: ProductCoverage,
    /// A's imports from B.
    pub imports: ProductCoverage,
}

impl Coverage {
    /// Both flows unknown (a profile built without a catalog).
    pub fn unknown() -> Self {
        Coverage {
            exports: ProductCoverage::unknown(),
            imports: ProductCoverage::unknown(),
        }
    }

    /// True when either flow is partial (turnover and balance then are too).
    pub fn any_partial(&self) -> bool {
        self.exports.is_partial() || self.imports.is_partial()
    }
}

/// The coverage of the flows a profile reads: `reported_by` rows of `source`/`vintage` in the
/// profile year, and in the comparison year (a change against a complete base of a partial
/// year is no change of trade). Partial in either year is partial; the chapters listed are the
/// profile year's.
pub(crate) fn of_flows(
    engine: &QueryEngine,
    (source, vintage): (&str, &str),
    reported_by: &str,
    year: i32,
    base_year: i32,
) -> ProductCoverage {
    let now = engine.scope(source, vintage, &[year], reported_by);
    let base = engine.scope(source, vintage, &[base_year], reported_by);
    let Some(now) = now else {
        return ProductCoverage::unknown();
    };
    let partial = now.is_partial() || base.as_ref().is_some_and(Scope::is_partial);
    if !partial {
        return ProductCoverage {
            status: CoverageStatus::Complete,
            chapters: vec![],
            codes: vec![],
            code_count: now.codes,
        };
    }
    // A complete profile year against a partial base: name the base's products.
    let shown = if now.is_partial() {
        &now
    } else {
        base.as_ref().unwrap_or(&now)
    };
    ProductCoverage {
        status: CoverageStatus::Partial,
        chapters: shown.chapter_codes(),
        codes: shown.listed_codes(),
        code_count: shown.codes,
    }
}

/// The profile's note on a partial flow, e.g. "partial product coverage: the loaded imports
/// cover only HS 44, 47, 48, 94 (4 of 96 chapters, 39 codes); totals, shares, ranks and
/// changes are of those products, not of all goods".
pub(crate) fn note(flow: &str, c: &ProductCoverage) -> Option<String> {
    let label = c.hs_label()?;
    Some(format!(
        "partial product coverage: the loaded {flow} cover only {label} ({} of 96 chapters, {} codes); \
         totals, shares, ranks and changes are of those products, not of all goods",
        c.chapters.len(),
        c.code_count
    ))
}

/// The coverage of both flows of a profile in `view`.
pub(crate) fn of_profile(
    engine: &QueryEngine,
    sv: (&str, &str),
    (x_by, m_by): (&str, &str),
    years: (i32, i32),
) -> Coverage {
    Coverage {
        exports: of_flows(engine, sv, x_by, years.0, years.1),
        imports: of_flows(engine, sv, m_by, years.0, years.1),
    }
}
