//! From formula and frame to numbers: outcome, regressor columns, fixed-effect factors.
//!
//! Rows with a missing or non-finite value in any variable the model uses (including
//! `log(0) = −∞`) are dropped and counted, as fixest does.

use std::collections::HashMap;

use crate::absorb::Factor;
use crate::error::{Error, Result};
use crate::formula::{Atom, FixedEffect, Formula, Term};
use crate::frame::{Frame, MISSING_CODE};

/// One factor of a regressor column, with factor levels fixed (so the column can be rebuilt
/// on new data for prediction).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Part {
    Num(String),
    Log(String),
    Dummy { var: String, level: String },
    One,
}

/// A regressor column: name and the product of its parts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ColumnSpec {
    pub name: String,
    pub parts: Vec<Part>,
}

/// Model numbers over all input rows (not yet filtered).
pub(crate) struct Design {
    pub y_name: String,
    pub y: Vec<f64>,
    pub specs: Vec<ColumnSpec>,
    pub x: Vec<Vec<f64>>,
    pub factors: Vec<Factor>,
    pub clusters: Vec<Factor>,
    /// Prior weights (`FitOptions::weights`), over all input rows.
    pub weights: Option<Vec<f64>>,
    /// Offset added to the linear predictor (`FitOptions::offset`), over all input rows.
    pub offset: Option<Vec<f64>>,
    /// Rows with a zero weight (dropped, and counted with the missing ones).
    pub zero_weight: usize,
    /// Rows usable (no missing value anywhere in the model, weight not zero).
    pub complete: Vec<bool>,
}

/// The model's prior weights and offset, by column name.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Extras<'a> {
    pub weights: Option<&'a str>,
    pub offset: Option<&'a str>,
}

fn expand_term(term: &Term, frame: &Frame) -> Result<Vec<ColumnSpec>> {
    let mut specs = vec![ColumnSpec {
        name: String::new(),
        parts: Vec::new(),
    }];
    for atom in &term.atoms {
        let options: Vec<(String, Part)> = match atom {
            Atom::Var(v) => {
                let canonical = frame.require(v)?.0.to_owned();
                frame.numeric(v, &term.to_string())?;
                vec![(canonical.clone(), Part::Num(canonical))]
            }
            Atom::Log(v) => {
                let canonical = frame.require(v)?.0.to_owned();
                frame.numeric(v, &term.to_string())?;
                vec![(format!("log({canonical})"), Part::Log(canonical))]
            }
            Atom::Factor { var, reference } => {
                let canonical = frame.require(var)?.0.to_owned();
                let (_, levels) = frame.factor(var)?;
                let reference = match reference {
                    Some(r) => {
                        if !levels.iter().any(|l| l == r) {
                            return Err(Error::InvalidOption {
                                option: "ref",
                                message: format!("`{r}` is not a level of `{canonical}`"),
                            });
                        }
                        r.clone()
                    }
                    None => levels.first().cloned().unwrap_or_default(),
                };
                levels
                    .into_iter()
                    .filter(|l| *l != reference)
                    .map(|l| {
                        (
                            format!("{canonical}::{l}"),
                            Part::Dummy {
                                var: canonical.clone(),
                                level: l,
                            },
                        )
                    })
                    .collect()
            }
        };
        let mut next = Vec::new();
        for s in &specs {
            for (name, part) in &options {
                let mut parts = s.parts.clone();
                parts.push(part.clone());
                let name = if s.name.is_empty() {
                    name.clone()
                } else {
                    format!("{}:{name}", s.name)
                };
                next.push(ColumnSpec { name, parts });
            }
        }
        specs = next;
    }
    Ok(specs)
}

/// Evaluates regressor columns on any frame (estimation or prediction).
pub(crate) fn eval_columns(specs: &[ColumnSpec], frame: &Frame) -> Result<Vec<Vec<f64>>> {
    let n = frame.nrows();
    let mut dummy_cache: HashMap<String, (Vec<u32>, Vec<String>)> = HashMap::new();
    let mut out = Vec::with_capacity(specs.len());
    for spec in specs {
        let mut col = vec![1.0; n];
        for part in &spec.parts {
            match part {
                Part::One => {}
                Part::Num(v) => {
                    let x = frame.numeric(v, &spec.name)?;
                    col.iter_mut().zip(x).for_each(|(c, x)| *c *= x);
                }
                Part::Log(v) => {
                    let x = frame.numeric(v, &spec.name)?;
                    col.iter_mut().zip(x).for_each(|(c, x)| *c *= x.ln());
                }
                Part::Dummy { var, level } => {
                    if !dummy_cache.contains_key(var) {
                        dummy_cache.insert(var.clone(), frame.factor(var)?);
                    }
                    let (codes, levels) = &dummy_cache[var];
                    let target = levels.iter().position(|l| l == level).map(|p| p as u32);
                    col.iter_mut().zip(codes).for_each(|(c, &code)| {
                        if code == MISSING_CODE {
                            *c = f64::NAN;
                        } else if Some(code) != target {
                            *c = 0.0;
                        }
                    });
                }
            }
        }
        out.push(col);
    }
    Ok(out)
}

/// Factor codes and labels of columns, computed once per column.
pub(crate) type FactorCache = HashMap<String, (Vec<u32>, Vec<String>)>;

/// Builds a factor from the interaction of one or more columns; labels are joined by `_`.
/// Levels are ordered lexicographically by their components' level order.
pub(crate) fn build_factor(
    fe: &FixedEffect,
    frame: &Frame,
    cache: &mut FactorCache,
) -> Result<Factor> {
    let n = frame.nrows();
    let mut names = Vec::new();
    for v in &fe.vars {
        let canonical = frame.require(v)?.0.to_owned();
        if !cache.contains_key(&canonical) {
            let f = frame.factor(v)?;
            cache.insert(canonical.clone(), f);
        }
        names.push(canonical);
    }
    let comps: Vec<&(Vec<u32>, Vec<String>)> = names.iter().map(|n| &cache[n]).collect();
    if comps.len() == 1 {
        let (codes, labels) = comps[0];
        return Ok(Factor {
            name: names.join("^"),
            codes: codes.clone(),
            labels: labels.clone(),
        });
    }
    let mut keys: Vec<u64> = vec![0; n];
    for (c, l) in &comps {
        let m = l.len() as u64 + 1;
        for (k, &ci) in keys.iter_mut().zip(c) {
            *k = if *k == u64::MAX || ci == MISSING_CODE {
                u64::MAX
            } else {
                k.saturating_mul(m).saturating_add(u64::from(ci))
            };
        }
    }
    // First-appearance codes (through a lookup table when the key space is small, else a
    // hash map), then renumbered in key order for determinism.
    let space: u64 = comps
        .iter()
        .fold(1u64, |acc, (_, l)| acc.saturating_mul(l.len() as u64 + 1));
    let mut first_row: Vec<(u64, usize)> = Vec::new();
    let mut codes: Vec<u32> = if space <= 4 * n as u64 + 1024 {
        let mut table = vec![MISSING_CODE; space as usize];
        keys.iter()
            .enumerate()
            .map(|(i, &k)| {
                if k == u64::MAX {
                    return MISSING_CODE;
                }
                let slot = &mut table[k as usize];
                if *slot == MISSING_CODE {
                    first_row.push((k, i));
                    *slot = (first_row.len() - 1) as u32;
                }
                *slot
            })
            .collect()
    } else {
        let mut index: HashMap<u64, u32> = HashMap::new();
        keys.iter()
            .enumerate()
            .map(|(i, &k)| {
                if k == u64::MAX {
                    return MISSING_CODE;
                }
                *index.entry(k).or_insert_with(|| {
                    first_row.push((k, i));
                    (first_row.len() - 1) as u32
                })
            })
            .collect()
    };
    let mut order: Vec<u32> = (0..first_row.len() as u32).collect();
    order.sort_unstable_by_key(|&o| first_row[o as usize].0);
    let mut rank = vec![0u32; order.len()];
    for (r, &o) in order.iter().enumerate() {
        rank[o as usize] = r as u32;
    }
    for c in codes.iter_mut().filter(|c| **c != MISSING_CODE) {
        *c = rank[*c as usize];
    }
    let labels = order
        .iter()
        .map(|&o| {
            let i = first_row[o as usize].1;
            comps
                .iter()
                .map(|(c, l)| l[c[i] as usize].as_str())
                .collect::<Vec<_>>()
                .join("_")
        })
        .collect();
    Ok(Factor {
        name: names.join("^"),
        codes,
        labels,
    })
}

/// Per-row label of a factor defined by `vars` on any frame (for prediction).
pub(crate) fn row_labels(vars: &[String], frame: &Frame) -> Result<Vec<Option<String>>> {
    let comps: Vec<(Vec<u32>, Vec<String>)> = vars
        .iter()
        .map(|v| frame.factor(v))
        .collect::<Result<_>>()?;
    Ok((0..frame.nrows())
        .map(|i| {
            let mut parts = Vec::with_capacity(comps.len());
            for (c, l) in &comps {
                if c[i] == MISSING_CODE {
                    return None;
                }
                parts.push(l[c[i] as usize].as_str());
            }
            Some(parts.join("_"))
        })
        .collect())
}

/// Parses a cluster specification: `pair_id`, `exporter+importer` or `exporter^year`.
pub(crate) fn cluster_terms(spec: &[String]) -> Vec<FixedEffect> {
    spec.iter()
        .flat_map(|s| s.split('+'))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| FixedEffect {
            vars: s.split('^').map(|v| v.trim().to_owned()).collect(),
        })
        .collect()
}

impl Design {
    pub fn build(
        formula: &Formula,
        frame: &Frame,
        cluster: &[FixedEffect],
        extras: Extras<'_>,
    ) -> Result<Design> {
        let n = frame.nrows();
        let (y_name, y) = match &formula.lhs {
            Atom::Var(v) => {
                let canonical = frame.require(v)?.0.to_owned();
                (canonical, frame.numeric(v, "the outcome")?.to_vec())
            }
            Atom::Log(v) => {
                let canonical = frame.require(v)?.0.to_owned();
                let y = frame
                    .numeric(v, "the outcome")?
                    .iter()
                    .map(|x| x.ln())
                    .collect();
                (format!("log({canonical})"), y)
            }
            Atom::Factor { .. } => {
                return Err(Error::Internal("factor outcome passed the parser".into()));
            }
        };
        let mut specs = Vec::new();
        if formula.fixed_effects.is_empty() && !formula.no_intercept {
            specs.push(ColumnSpec {
                name: "(Intercept)".into(),
                parts: vec![Part::One],
            });
        }
        for t in &formula.rhs {
            for s in expand_term(t, frame)? {
                if !specs.iter().any(|o| o.name == s.name) {
                    specs.push(s);
                }
            }
        }
        let x = eval_columns(&specs, frame)?;
        let mut cache = FactorCache::new();
        let factors: Vec<Factor> = formula
            .fixed_effects
            .iter()
            .map(|fe| build_factor(fe, frame, &mut cache))
            .collect::<Result<_>>()?;
        let clusters: Vec<Factor> = cluster
            .iter()
            .map(|fe| build_factor(fe, frame, &mut cache))
            .collect::<Result<_>>()?;
        let mut complete: Vec<bool> = y.iter().map(|v| v.is_finite()).collect();
        for col in &x {
            complete
                .iter_mut()
                .zip(col)
                .for_each(|(c, v)| *c &= v.is_finite());
        }
        for f in factors.iter().chain(&clusters) {
            complete
                .iter_mut()
                .zip(&f.codes)
                .for_each(|(c, &code)| *c &= code != MISSING_CODE);
        }
        let (weights, zero_weight) = match extras.weights {
            Some(name) => {
                let (w, zeros) = prior_weights(frame, name, &mut complete)?;
                (Some(w), zeros)
            }
            None => (None, 0),
        };
        let offset = match extras.offset {
            Some(name) => {
                let o = frame.numeric(name, "the offset")?.to_vec();
                complete
                    .iter_mut()
                    .zip(&o)
                    .for_each(|(c, v)| *c &= v.is_finite());
                Some(o)
            }
            None => None,
        };
        debug_assert_eq!(complete.len(), n);
        Ok(Design {
            y_name,
            y,
            specs,
            x,
            factors,
            clusters,
            weights,
            offset,
            zero_weight,
            complete,
        })
    }
}

/// Reads the weights column: non-finite and zero weights make a row unusable (zero ones are
/// counted: fixest and pyfixest drop them too), a negative weight is an error.
fn prior_weights(frame: &Frame, name: &str, complete: &mut [bool]) -> Result<(Vec<f64>, usize)> {
    let w = frame.numeric(name, "the weights")?.to_vec();
    let negative: Vec<usize> = (0..w.len()).filter(|&i| w[i] < 0.0).collect();
    if let Some(&first_row) = negative.first() {
        return Err(Error::InvalidWeights {
            column: frame.require(name)?.0.to_owned(),
            count: negative.len(),
            first_row,
        });
    }
    let mut zeros = 0;
    for (c, v) in complete.iter_mut().zip(&w) {
        if *c && *v == 0.0 {
            zeros += 1;
        }
        *c &= v.is_finite() && *v > 0.0;
    }
    Ok((w, zeros))
}
