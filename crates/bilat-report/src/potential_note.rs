//! The brief's potential paragraph from a product-level export-potential report.

use bilat_analytics::ProductPotentialReport;

use crate::PotentialNote;

impl PotentialNote {
    /// The note of the product-level export potential (issue 5).
    ///
    /// "Trade could reach" is actual trade plus the untapped potential, Σ_k max(potential_k,
    /// actual_k) over both directions: the EPM's untapped potential is summed over the products
    /// where actual trade falls short of the benchmark, so total potential alone can sit below
    /// actual trade plus untapped. Actual is the potential report's (mean of up to three years).
    /// The headings named are the five with the most untapped potential in either direction.
    pub fn from_product_potential(report: &ProductPotentialReport) -> Self {
        let mut top: Vec<(f64, String, String)> = report
            .directions
            .iter()
            .flat_map(|d| d.products.iter())
            .filter(|p| p.untapped_usd > 0.0)
            .map(|p| (p.untapped_usd, p.code.clone(), p.name.clone()))
            .collect();
        top.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        top.dedup_by(|x, y| x.1 == y.1);
        top.truncate(5);
        let untapped: f64 = report.directions.iter().map(|d| d.untapped_usd).sum();
        let actual: f64 = report.directions.iter().map(|d| d.actual_usd).sum();
        PotentialNote {
            potential_usd: actual + untapped,
            untapped_usd: untapped,
            method_en: "ITC-style export-potential".into(),
            method_ru: "модели экспортного потенциала (по методике ITC)".into(),
            top_products: top.iter().map(|t| t.1.clone()).collect(),
            top_product_names: top.into_iter().map(|t| t.2).collect(),
        }
    }
}
