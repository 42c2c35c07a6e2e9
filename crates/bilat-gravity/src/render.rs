//! Renderers of a [`Fit`]: text (like fixest's `summary`), Markdown and JSON. Output is
//! deterministic: fixed formats, no clocks, no hash-map order.

use serde::Serialize;

use crate::fit::{Coefficient, Dropped, Fit};
use crate::options::Family;

#[derive(Serialize, utoipa::ToSchema)]
struct JsonFit<'a> {
    family: Family,
    formula: &'a str,
    outcome: &'a str,
    statistic: &'static str,
    coefficients: &'a [Coefficient],
    vcov: &'a str,
    vcov_matrix: &'a [Vec<f64>],
    nobs: usize,
    nrows_input: usize,
    dropped: Dropped,
    collinear: &'a [String],
    fixed_effects: Vec<JsonSize<'a>>,
    clusters: Vec<JsonSize<'a>>,
    iterations: usize,
    converged: bool,
    warnings: &'a [String],
    deviance: f64,
    loglik: Option<f64>,
    pseudo_r2: Option<f64>,
    r2: Option<f64>,
    r2_within: Option<f64>,
    df_k: usize,
    df_t: usize,
    /// Recovered fixed effects (level labels and values on the linear-index scale).
    fixed_effect_values: &'a [crate::fit::FixedEffectValues],
}

#[derive(Serialize, utoipa::ToSchema)]
struct JsonSize<'a> {
    name: &'a str,
    levels: usize,
}

fn sizes(v: &[(String, usize)]) -> Vec<JsonSize<'_>> {
    v.iter()
        .map(|(name, levels)| JsonSize {
            name,
            levels: *levels,
        })
        .collect()
}

/// p-values as R prints them: below machine precision as `< 2.2e-16`.
fn format_p(p: f64) -> String {
    if p < 2.2e-16 {
        "< 2.2e-16".to_owned()
    } else {
        format!("{p:.4e}")
    }
}

fn stars(p: f64) -> &'static str {
    if p < 0.001 {
        "***"
    } else if p < 0.01 {
        "**"
    } else if p < 0.05 {
        "*"
    } else if p < 0.1 {
        "."
    } else {
        ""
    }
}

impl Fit {
    fn stat_name(&self) -> &'static str {
        match self.family {
            Family::Poisson => "z",
            Family::Gaussian => "t",
        }
    }

    fn title(&self) -> String {
        match self.family {
            Family::Poisson => format!("Poisson (PPML) estimation, dep. var.: {}", self.outcome),
            Family::Gaussian => format!("OLS estimation, dep. var.: {}", self.outcome),
        }
    }

    fn footer_lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("Formula: {}", self.formula),
            format!("Observations: {} (of {} rows)", self.nobs, self.nrows_input),
            format!(
                "Dropped: {} missing, {} singletons, {} separated ({} fe, {} relu)",
                self.dropped.missing,
                self.dropped.singletons,
                self.dropped.separated,
                self.dropped.separated_fe,
                self.dropped.separated_relu
            ),
        ];
        if !self.fixed_effect_sizes.is_empty() {
            let fe: Vec<String> = self
                .fixed_effect_sizes
                .iter()
                .map(|(n, l)| format!("{n}: {l}"))
                .collect();
            lines.push(format!("Fixed effects: {}", fe.join(", ")));
        }
        let se = if self.cluster_sizes.is_empty() {
            self.vcov_type.clone()
        } else {
            let cl: Vec<String> = self
                .cluster_sizes
                .iter()
                .map(|(n, g)| format!("{n}: {g} clusters"))
                .collect();
            format!("{} ({})", self.vcov_type, cl.join(", "))
        };
        lines.push(format!("Standard errors: {se}"));
        if !self.collinear.is_empty() {
            lines.push(format!(
                "Collinear (dropped): {}",
                self.collinear.join(", ")
            ));
        }
        let conv = if self.converged {
            "converged"
        } else {
            "NOT converged"
        };
        match self.family {
            Family::Poisson => lines.push(format!(
                "Iterations: {} ({conv}); deviance: {:.6}; pseudo R2: {:.6}; log-likelihood: {:.4}",
                self.iterations,
                self.deviance,
                self.pseudo_r2.unwrap_or(f64::NAN),
                self.loglik.unwrap_or(f64::NAN)
            )),
            Family::Gaussian => lines.push(format!(
                "RSS: {:.6}; R2: {:.6}; within R2: {:.6} ({conv})",
                self.deviance,
                self.r2.unwrap_or(f64::NAN),
                self.r2_within.unwrap_or(f64::NAN)
            )),
        }
        for w in &self.warnings {
            lines.push(format!("warning: {w}"));
        }
        lines
    }

    /// Plain-text summary in the spirit of fixest's `summary()`.
    pub fn to_text(&self) -> String {
        let s = self.stat_name();
        let head = [
            String::new(),
            "Estimate".into(),
            "Std. Error".into(),
            format!("{s} value"),
            format!("Pr(>|{s}|)"),
            String::new(),
        ];
        let mut rows: Vec<[String; 6]> = vec![head];
        for c in &self.coefficients {
            rows.push([
                c.name.clone(),
                format!("{:.6}", c.estimate),
                format!("{:.6}", c.std_error),
                format!("{:.4}", c.statistic),
                format_p(c.p_value),
                stars(c.p_value).into(),
            ]);
        }
        let widths: Vec<usize> = (0..6)
            .map(|k| rows.iter().map(|r| r[k].chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = self.title();
        out.push('\n');
        for r in &rows {
            let mut line = format!("{:<w$}", r[0], w = widths[0]);
            for k in 1..5 {
                line.push_str(&format!("  {:>w$}", r[k], w = widths[k]));
            }
            line.push(' ');
            line.push_str(&r[5]);
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push_str("---\nSignif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n");
        for l in self.footer_lines() {
            out.push_str(&l);
            out.push('\n');
        }
        out
    }

    /// Markdown: a coefficient table and a list of facts.
    pub fn to_markdown(&self) -> String {
        let s = self.stat_name();
        let mut out = format!("### {}\n\n", self.title());
        out.push_str(&format!(
            "| term | estimate | std. error | {s} | p | 95% CI |\n| --- | ---: | ---: | ---: | ---: | --- |\n"
        ));
        for c in &self.coefficients {
            out.push_str(&format!(
                "| `{}` | {:.6} | {:.6} | {:.4} | {} | [{:.6}, {:.6}] |\n",
                c.name,
                c.estimate,
                c.std_error,
                c.statistic,
                format_p(c.p_value),
                c.conf_low,
                c.conf_high
            ));
        }
        out.push('\n');
        for l in self.footer_lines() {
            out.push_str(&format!("- {l}\n"));
        }
        out
    }

    /// JSON (stable keys: `coefficients[] {name, estimate, std_error, z, p, conf_low,
    /// conf_high}`, `nobs`, `dropped {missing, singletons, separated, ..}`, `iterations`,
    /// `converged`, `deviance`, `pseudo_r2`, `vcov` (e.g. `"cluster:pair_id"`), …,
    /// `fixed_effect_values[] {name, levels[], values[]}`). For
    /// Gaussian fits the `z` field holds the t statistic and `statistic` says `"t"`.
    pub fn to_json(&self) -> String {
        let j = JsonFit {
            family: self.family,
            formula: &self.formula,
            outcome: &self.outcome,
            statistic: self.stat_name(),
            coefficients: &self.coefficients,
            vcov: &self.vcov_type,
            vcov_matrix: &self.vcov,
            nobs: self.nobs,
            nrows_input: self.nrows_input,
            dropped: self.dropped,
            collinear: &self.collinear,
            fixed_effects: sizes(&self.fixed_effect_sizes),
            clusters: sizes(&self.cluster_sizes),
            iterations: self.iterations,
            converged: self.converged,
            warnings: &self.warnings,
            deviance: self.deviance,
            loglik: self.loglik,
            pseudo_r2: self.pseudo_r2,
            r2: self.r2,
            r2_within: self.r2_within,
            df_k: self.df_k,
            df_t: self.df_t,
            fixed_effect_values: &self.fixed_effects,
        };
        // Serialising plain structs of numbers and strings cannot fail.
        serde_json::to_string_pretty(&j).unwrap_or_default()
    }
}
