//! Fixed effects: factor codes, singleton removal and absorption by alternating projections.
//!
//! Absorbing fixed effects D = [D_1 .. D_Q] from a column x under weights w means computing
//! the weighted within residual
//!
//! ```text
//! x̃ = x − D α̂,   α̂ = argmin_α Σ_i w_i (x_i − Σ_q α_q[g_q(i)])²
//! ```
//!
//! without ever forming D. One Gauss–Seidel sweep F updates each block in turn to its
//! group-weighted mean residual, α_q[g] += Σ_{i∈g} w_i r_i / Σ_{i∈g} w_i (the method of
//! alternating projections; Guimarães & Portugal 2010, Gaure 2013). The sweep is a linear
//! fixed-point map and is accelerated by Irons & Tuck (1969), as in fixest (Bergé 2018, §2.3):
//!
//! ```text
//! X, GX = F(X), GGX = F(GX);  Δ = GGX − GX,  Δ² = Δ − GX + X
//! X' = GGX − (⟨Δ, Δ²⟩ / ⟨Δ², Δ²⟩) Δ
//! ```
//!
//! Iteration stops when every coefficient moves by less than `tol · (0.1 + |α|)` in one sweep
//! (fixest's criterion). The code is written by hand: it is the estimator's hot loop.
//!
//! # References
//! - Irons, B. M. & Tuck, R. C. (1969). A version of the Aitken accelerator for computer
//!   iteration. *IJNME* 1(3), 275–277.
//! - Bergé, L. (2018). Efficient estimation of maximum likelihood models with multiple
//!   fixed-effects: the R package FENmlm. *CREA Discussion Paper* 2018-13.
//! - Correia, S. (2015). Singletons, cluster-robust standard errors and fixed effects: a bad mix.

use rayon::prelude::*;

use crate::frame::MISSING_CODE;
use crate::options::Solver;

/// A fixed effect over the estimation sample: dense level codes and their labels.
#[derive(Debug, Clone)]
pub(crate) struct Factor {
    /// Display name, e.g. `exporter^year`.
    pub name: String,
    /// Per-observation level, `< labels.len()` (or [`MISSING_CODE`] before filtering).
    pub codes: Vec<u32>,
    /// Level labels.
    pub labels: Vec<String>,
}

impl Factor {
    pub fn n_levels(&self) -> usize {
        self.labels.len()
    }

    /// Restricts to rows `keep` and renumbers the levels that remain (order preserved).
    pub fn subset(&self, keep: &[usize]) -> Factor {
        let mut map = vec![MISSING_CODE; self.labels.len()];
        let mut used = vec![false; self.labels.len()];
        for &i in keep {
            used[self.codes[i] as usize] = true;
        }
        let mut labels = Vec::new();
        for (old, u) in used.iter().enumerate() {
            if *u {
                map[old] = labels.len() as u32;
                labels.push(self.labels[old].clone());
            }
        }
        Factor {
            name: self.name.clone(),
            codes: keep.iter().map(|&i| map[self.codes[i] as usize]).collect(),
            labels,
        }
    }
}

/// Marks as dropped, iteratively, every observation alone in a level of some fixed effect
/// (Correia 2015): they are fitted perfectly and carry no information about β. Returns the
/// number newly dropped.
pub(crate) fn drop_singletons(factors: &[Factor], keep: &mut [bool]) -> usize {
    if factors.is_empty() {
        return 0;
    }
    let mut dropped = 0;
    loop {
        let mut changed = false;
        for f in factors {
            let mut counts = vec![0u32; f.n_levels()];
            for (i, &c) in f.codes.iter().enumerate() {
                if keep[i] {
                    counts[c as usize] = counts[c as usize].saturating_add(1);
                }
            }
            for (i, &c) in f.codes.iter().enumerate() {
                if keep[i] && counts[c as usize] == 1 {
                    keep[i] = false;
                    dropped += 1;
                    changed = true;
                }
            }
        }
        if !changed || factors.len() == 1 {
            return dropped;
        }
    }
}

/// Group sums that keep a run of equal codes in a register. Data sorted by a factor (panels
/// usually are) would otherwise make every `acc[c] += v` wait on the store of the previous
/// one; this turned the accumulation from latency-bound into throughput-bound.
struct RunSum {
    code: u32,
    sum: f64,
}

impl RunSum {
    fn new(codes: &[u32]) -> RunSum {
        RunSum {
            code: codes.first().copied().unwrap_or(0),
            sum: 0.0,
        }
    }

    #[inline(always)]
    fn add(&mut self, acc: &mut [f64], code: u32, v: f64) {
        if code == self.code {
            self.sum += v;
        } else {
            acc[self.code as usize] += self.sum;
            self.code = code;
            self.sum = v;
        }
    }

    fn flush(self, acc: &mut [f64]) {
        if let Some(a) = acc.get_mut(self.code as usize) {
            *a += self.sum;
        }
    }
}

/// Sweeps alternating projections may take under [`Solver::Auto`] before the column is
/// handed to conjugate gradients. Gravity panels converge in 5–40 sweeps per IRLS iteration;
/// a thousand means the graph is badly connected, where Krylov methods do better.
pub(crate) const AUTO_AP_BUDGET: usize = 1_000;

/// Result of absorbing one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AbsorbStats {
    /// Gauss–Seidel sweeps performed.
    pub sweeps: usize,
    /// Whether the tolerance was met.
    pub converged: bool,
}

/// Weighted alternating-projections solver for one fixed sample and one set of weights.
pub(crate) struct Demeaner<'a> {
    factors: &'a [Factor],
    weights: &'a [f64],
    /// Per factor, 1 / Σ_{i∈g} w_i (0 for empty levels).
    inv_wsum: Vec<Vec<f64>>,
    /// Start of each factor's block in the flat coefficient vector.
    offsets: Vec<usize>,
}

impl<'a> Demeaner<'a> {
    pub fn new(factors: &'a [Factor], weights: &'a [f64]) -> Demeaner<'a> {
        let mut offsets = Vec::with_capacity(factors.len() + 1);
        let mut total = 0;
        let inv_wsum = factors
            .iter()
            .map(|f| {
                offsets.push(total);
                total += f.n_levels();
                let mut s = vec![0.0; f.n_levels()];
                for (&c, &w) in f.codes.iter().zip(weights) {
                    s[c as usize] += w;
                }
                s.iter()
                    .map(|&v| if v > 0.0 { 1.0 / v } else { 0.0 })
                    .collect()
            })
            .collect();
        offsets.push(total);
        Demeaner {
            factors,
            weights,
            inv_wsum,
            offsets,
        }
    }

    /// Replaces every column by its within residual; columns are processed in parallel.
    pub fn absorb_columns(
        &self,
        cols: &mut [Vec<f64>],
        tol: f64,
        max_sweeps: usize,
        solver: Solver,
    ) -> AbsorbStats {
        #[cfg(feature = "within")]
        if solver == Solver::Krylov {
            return self.absorb_within(cols, tol, max_sweeps);
        }
        let stats: Vec<AbsorbStats> = cols
            .par_iter_mut()
            .map(|c| self.absorb_with(c, tol, max_sweeps, solver).1)
            .collect();
        AbsorbStats {
            sweeps: stats.iter().map(|s| s.sweeps).max().unwrap_or(0),
            converged: stats.iter().all(|s| s.converged),
        }
    }

    /// Absorbs with the chosen solver; `Auto` runs alternating projections and, if they have
    /// not converged after [`AUTO_AP_BUDGET`] sweeps (a hard fixed-effect graph), restarts the
    /// column with conjugate gradients.
    pub fn absorb_with(
        &self,
        x: &mut [f64],
        tol: f64,
        max_sweeps: usize,
        solver: Solver,
    ) -> (Vec<f64>, AbsorbStats) {
        match solver {
            Solver::AlternatingProjections => self.absorb(x, tol, max_sweeps),
            Solver::Krylov => self.absorb_cg(x, tol, max_sweeps),
            Solver::Auto => {
                let original = x.to_vec();
                let (alpha, st) = self.absorb(x, tol, max_sweeps.min(AUTO_AP_BUDGET));
                if st.converged {
                    return (alpha, st);
                }
                x.copy_from_slice(&original);
                let (alpha, st2) = self.absorb_cg(x, tol, max_sweeps);
                (
                    alpha,
                    AbsorbStats {
                        sweeps: st.sweeps + st2.sweeps,
                        converged: st2.converged,
                    },
                )
            }
        }
    }

    /// Schwarz-preconditioned LSMR of the `within` crate (Correia-style normal equations
    /// D'WD α = D'Wx); its tolerance is the relative normal-equation residual.
    #[cfg(feature = "within")]
    fn absorb_within(&self, cols: &mut [Vec<f64>], tol: f64, max_iter: usize) -> AbsorbStats {
        let failed = AbsorbStats {
            sweeps: 0,
            converged: false,
        };
        let effects: Result<Vec<within::Effect<'_>>, _> = self
            .factors
            .iter()
            .map(|f| within::Effect::new(&f.codes, true, std::iter::empty()))
            .collect();
        let Ok(effects) = effects else { return failed };
        let Ok(design) = within::Design::new(effects) else {
            return failed;
        };
        let Ok(solver) = within::Solver::new(
            design,
            Some(self.weights),
            None::<&within::PreconditionerConfig>,
        ) else {
            return failed;
        };
        let options = within::LsmrOptions {
            tol,
            maxiter: max_iter,
            ..within::LsmrOptions::default()
        };
        let ys: Vec<&[f64]> = cols.iter().map(Vec::as_slice).collect();
        let Ok(result) = solver.solve_batch(&ys, &options) else {
            return failed;
        };
        let n = cols.first().map_or(0, Vec::len);
        for (k, c) in cols.iter_mut().enumerate() {
            c.copy_from_slice(&result.demeaned[k * n..(k + 1) * n]);
        }
        AbsorbStats {
            sweeps: result.iterations.iter().copied().max().unwrap_or(0),
            converged: result.converged.iter().all(|c| *c),
        }
    }

    /// Conjugate gradients on the normal equations D'WD α = D'Wx, preconditioned by the
    /// diagonal diag(Σ_{i∈g} w_i) (Hestenes & Stiefel 1952). Each iteration costs about one
    /// Gauss–Seidel sweep; convergence is judged by the preconditioned residual, i.e. the
    /// Jacobi step a sweep would take, against `tol · (0.1 + |α|)`.
    pub fn absorb_cg(&self, x: &mut [f64], tol: f64, max_iter: usize) -> (Vec<f64>, AbsorbStats) {
        let total = *self.offsets.last().unwrap_or(&0);
        let n = x.len();
        let mut alpha = vec![0.0; total];
        let mut s = vec![0.0; n];
        // b = D'W x
        let mut r = vec![0.0; total];
        self.scatter(x, &mut r);
        let mut z = self.precondition(&r);
        let mut p = z.clone();
        let mut rz: f64 = r.iter().zip(&z).map(|(a, b)| a * b).sum();
        let mut ap = vec![0.0; total];
        let mut it = 0;
        let mut converged = false;
        while it < max_iter {
            it += 1;
            // Ap = D'W D p
            self.gather(&p, &mut s);
            self.scatter(&s, &mut ap);
            let pap: f64 = p.iter().zip(&ap).map(|(a, b)| a * b).sum();
            if pap.is_nan() || pap <= 0.0 {
                converged = true;
                break;
            }
            let a = rz / pap;
            for k in 0..total {
                alpha[k] += a * p[k];
                r[k] -= a * ap[k];
            }
            z = self.precondition(&r);
            let crit = z
                .iter()
                .zip(&alpha)
                .map(|(d, a)| d.abs() / (0.1 + a.abs()))
                .fold(0.0, f64::max);
            if crit < tol {
                converged = true;
                break;
            }
            let rz_new: f64 = r.iter().zip(&z).map(|(a, b)| a * b).sum();
            let beta = rz_new / rz;
            rz = rz_new;
            for k in 0..total {
                p[k] = z[k] + beta * p[k];
            }
        }
        let original = x.to_vec();
        self.residual(&original, &alpha, x);
        (
            alpha,
            AbsorbStats {
                sweeps: it,
                converged,
            },
        )
    }

    /// s_i = Σ_q v_q[g_q(i)].
    fn gather(&self, v: &[f64], s: &mut [f64]) {
        s.fill(0.0);
        for (f, &off) in self.factors.iter().zip(&self.offsets) {
            let a = &v[off..off + f.n_levels()];
            for (si, &c) in s.iter_mut().zip(&f.codes) {
                *si += a[c as usize];
            }
        }
    }

    /// out_q[g] = Σ_{i∈g} w_i s_i.
    fn scatter(&self, s: &[f64], out: &mut [f64]) {
        out.fill(0.0);
        for (f, &off) in self.factors.iter().zip(&self.offsets) {
            let o = &mut out[off..off + f.n_levels()];
            let mut run = RunSum::new(&f.codes);
            for ((&c, &si), &w) in f.codes.iter().zip(s).zip(self.weights) {
                run.add(o, c, w * si);
            }
            run.flush(o);
        }
    }

    fn precondition(&self, r: &[f64]) -> Vec<f64> {
        let mut z = r.to_vec();
        for (k, &off) in self.offsets.iter().take(self.factors.len()).enumerate() {
            for (zi, inv) in z[off..].iter_mut().zip(&self.inv_wsum[k]) {
                *zi *= inv;
            }
        }
        z
    }

    /// Replaces `x` by x − Dα̂ and returns α̂ (one block per factor, flattened).
    pub fn absorb(&self, x: &mut [f64], tol: f64, max_sweeps: usize) -> (Vec<f64>, AbsorbStats) {
        let q = self.factors.len();
        let total = *self.offsets.last().unwrap_or(&0);
        let mut alpha = vec![0.0; total];
        if q == 0 {
            return (
                alpha,
                AbsorbStats {
                    sweeps: 0,
                    converged: true,
                },
            );
        }
        let original: Vec<f64> = x.to_vec();
        let r = x;
        let mut scratch: Vec<Vec<f64>> = self
            .factors
            .iter()
            .map(|f| vec![0.0; f.n_levels()])
            .collect();
        // A single fixed effect is solved exactly by one sweep.
        let mut sweeps = 1;
        let mut delta = self.sweep(r, &mut alpha, &mut scratch);
        if q == 1 || delta < tol {
            return (
                alpha,
                AbsorbStats {
                    sweeps,
                    converged: true,
                },
            );
        }
        // Irons–Tuck: X = α before a sweep, GX after one, GGX after two.
        let mut x_prev = vec![0.0; total];
        let mut gx = alpha.clone();
        loop {
            if sweeps >= max_sweeps {
                return (
                    alpha,
                    AbsorbStats {
                        sweeps,
                        converged: false,
                    },
                );
            }
            delta = self.sweep(r, &mut alpha, &mut scratch);
            sweeps += 1;
            if delta < tol {
                break;
            }
            // alpha = GGX now.
            let (mut vprod, mut ssq) = (0.0, 0.0);
            for k in 0..total {
                let d_gx = alpha[k] - gx[k];
                let d2 = d_gx - gx[k] + x_prev[k];
                vprod += d_gx * d2;
                ssq += d2 * d2;
            }
            if ssq > 0.0 && vprod.is_finite() {
                let coef = vprod / ssq;
                for k in 0..total {
                    alpha[k] -= coef * (alpha[k] - gx[k]);
                }
                self.residual(&original, &alpha, r);
            }
            x_prev.copy_from_slice(&alpha);
            delta = self.sweep(r, &mut alpha, &mut scratch);
            sweeps += 1;
            if delta < tol {
                break;
            }
            gx.copy_from_slice(&alpha);
        }
        (
            alpha,
            AbsorbStats {
                sweeps,
                converged: true,
            },
        )
    }

    /// r = x − Σ_q α_q[g_q(i)], in one pass over the observations for up to three factors.
    fn residual(&self, x: &[f64], alpha: &[f64], r: &mut [f64]) {
        let block = |k: usize| &alpha[self.offsets[k]..self.offsets[k + 1]];
        match self.factors.len() {
            2 => {
                let (a0, a1) = (block(0), block(1));
                let (c0, c1) = (&self.factors[0].codes, &self.factors[1].codes);
                for (((ri, &xi), &g0), &g1) in r.iter_mut().zip(x).zip(c0).zip(c1) {
                    *ri = xi - a0[g0 as usize] - a1[g1 as usize];
                }
            }
            3 => {
                let (a0, a1, a2) = (block(0), block(1), block(2));
                let (c0, c1, c2) = (
                    &self.factors[0].codes,
                    &self.factors[1].codes,
                    &self.factors[2].codes,
                );
                for ((((ri, &xi), &g0), &g1), &g2) in r.iter_mut().zip(x).zip(c0).zip(c1).zip(c2) {
                    *ri = xi - a0[g0 as usize] - a1[g1 as usize] - a2[g2 as usize];
                }
            }
            _ => {
                r.copy_from_slice(x);
                for (k, f) in self.factors.iter().enumerate() {
                    let a = block(k);
                    for (ri, &c) in r.iter_mut().zip(&f.codes) {
                        *ri -= a[c as usize];
                    }
                }
            }
        }
    }

    /// One Gauss–Seidel sweep over all blocks; updates `alpha` and the residual `r`; returns
    /// the largest relative coefficient change, max |δ| / (0.1 + |α|).
    ///
    /// The residual update of block q and the weighted sums of block q + 1 share one pass over
    /// the observations, so a sweep reads the data Q + 1 times instead of 2Q.
    fn sweep(&self, r: &mut [f64], alpha: &mut [f64], scratch: &mut [Vec<f64>]) -> f64 {
        let q_count = self.factors.len();
        let mut crit: f64 = 0.0;
        {
            let f = &self.factors[0];
            let acc = &mut scratch[0];
            acc.fill(0.0);
            let mut run = RunSum::new(&f.codes);
            for ((&c, &ri), &w) in f.codes.iter().zip(r.iter()).zip(self.weights) {
                run.add(acc, c, w * ri);
            }
            run.flush(acc);
        }
        for k in 0..q_count {
            let (head, tail) = scratch.split_at_mut(k + 1);
            let delta = &mut head[k];
            let inv = &self.inv_wsum[k];
            let a = &mut alpha[self.offsets[k]..self.offsets[k + 1]];
            for g in 0..delta.len() {
                let d = delta[g] * inv[g];
                delta[g] = d;
                a[g] += d;
                let rel = d.abs() / (0.1 + a[g].abs());
                if rel.is_nan() || rel > crit {
                    crit = if rel.is_nan() { f64::INFINITY } else { rel };
                }
            }
            let codes = &self.factors[k].codes;
            if k + 1 < q_count {
                let next = &self.factors[k + 1].codes;
                let acc = &mut tail[0];
                acc.fill(0.0);
                let mut run = RunSum::new(next);
                for (((ri, &c), &cn), &w) in r.iter_mut().zip(codes).zip(next).zip(self.weights) {
                    *ri -= delta[c as usize];
                    run.add(acc, cn, w * *ri);
                }
                run.flush(acc);
            } else {
                for (ri, &c) in r.iter_mut().zip(codes) {
                    *ri -= delta[c as usize];
                }
            }
        }
        crit
    }

    /// Splits flat coefficients into per-factor blocks, normalised so that the first level of
    /// every factor after the first is zero (the constant moves into the first factor).
    pub fn split_normalised(&self, mut alpha: Vec<f64>) -> Vec<Vec<f64>> {
        let n0 = self.factors.first().map_or(0, Factor::n_levels);
        for k in 1..self.factors.len() {
            let off = self.offsets[k];
            let nl = self.factors[k].n_levels();
            if nl == 0 {
                continue;
            }
            let c = alpha[off];
            for a in &mut alpha[off..off + nl] {
                *a -= c;
            }
            for a in &mut alpha[..n0] {
                *a += c;
            }
        }
        self.factors
            .iter()
            .enumerate()
            .map(|(k, f)| alpha[self.offsets[k]..self.offsets[k] + f.n_levels()].to_vec())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factor(codes: &[u32]) -> Factor {
        let n = codes.iter().max().map_or(0, |m| *m as usize + 1);
        Factor {
            name: "f".into(),
            codes: codes.to_vec(),
            labels: (0..n).map(|i| i.to_string()).collect(),
        }
    }

    #[test]
    fn auto_hands_a_badly_connected_graph_to_conjugate_gradients() {
        // Two factors chained into one long path: observation i links level i/2 of f1 with
        // level (i+1)/2 of f2, so information crosses the graph one step per sweep.
        let n: usize = 2_000;
        let f1 = factor(&(0..n).map(|i| (i / 2) as u32).collect::<Vec<_>>());
        let f2 = factor(&(0..n).map(|i| (i.div_ceil(2)) as u32).collect::<Vec<_>>());
        let w: Vec<f64> = (0..n).map(|i| 1.0 + (i % 3) as f64).collect();
        let fs = [f1, f2];
        let d = Demeaner::new(&fs, &w);
        let x: Vec<f64> = (0..n).map(|i| ((i * 37) % 101) as f64).collect();
        let mut ap = x.clone();
        let (_, st_ap) = d.absorb(&mut ap, 1e-10, AUTO_AP_BUDGET);
        assert!(
            !st_ap.converged,
            "the path graph should defeat {AUTO_AP_BUDGET} sweeps"
        );
        let mut auto = x.clone();
        let (_, st) = d.absorb_with(&mut auto, 1e-10, 100_000, Solver::Auto);
        assert!(st.converged && st.sweeps > AUTO_AP_BUDGET, "{st:?}");
        for f in &fs {
            let mut s = vec![0.0; f.n_levels()];
            for i in 0..n {
                s[f.codes[i] as usize] += w[i] * auto[i];
            }
            assert!(s.iter().all(|v| v.abs() < 1e-6), "{:?}", &s[..4]);
        }
    }

    #[test]
    fn singletons_are_dropped_iteratively() {
        // Row 3 is a singleton in f2; removing it makes row 2 a singleton in f1.
        let f1 = factor(&[0, 0, 1, 1]);
        let f2 = factor(&[0, 0, 0, 1]);
        let mut keep = vec![true; 4];
        assert_eq!(drop_singletons(&[f1, f2], &mut keep), 2);
        assert_eq!(keep, vec![true, true, false, false]);
    }

    #[test]
    fn two_way_residual_is_orthogonal_to_both_factors() {
        let f1 = factor(&[0, 0, 1, 1, 2, 2, 0, 1]);
        let f2 = factor(&[0, 1, 0, 1, 0, 1, 2, 2]);
        let w = [1.0, 2.0, 0.5, 1.0, 3.0, 1.0, 1.5, 2.5];
        let fs = [f1, f2];
        let d = Demeaner::new(&fs, &w);
        let mut x = vec![1.0, 5.0, -2.0, 3.0, 0.5, 7.0, 2.0, -1.0];
        let (_, st) = d.absorb(&mut x, 1e-13, 10_000);
        assert!(st.converged);
        let mut y = vec![1.0, 5.0, -2.0, 3.0, 0.5, 7.0, 2.0, -1.0];
        let (_, st) = d.absorb_cg(&mut y, 1e-13, 10_000);
        assert!(st.converged);
        for (a, b) in x.iter().zip(&y) {
            assert!((a - b).abs() < 1e-9, "{x:?} vs {y:?}");
        }
        for f in &fs {
            let mut s = vec![0.0; f.n_levels()];
            for i in 0..x.len() {
                s[f.codes[i] as usize] += w[i] * x[i];
            }
            assert!(s.iter().all(|v| v.abs() < 1e-10), "{s:?}");
        }
    }
}
