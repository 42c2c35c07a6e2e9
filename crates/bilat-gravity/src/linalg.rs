//! Small dense linear algebra on the p×p normal equations (p = number of regressors).
//!
//! Written by hand rather than pulled from a dense-algebra crate because p is small (a few to
//! a few dozen) and the collinearity rule must follow fixest's pivot test exactly: a column is
//! dropped when its Cholesky pivot, relative to its sum of squares before absorbing the fixed
//! effects, falls below `tol` (Bergé 2018; fixest `collin.tol`).
//! Matrices are row-major `Vec<f64>` of length p².

/// X'WX for columns `cols` and weights `w` (row-major p×p).
pub(crate) fn gram(cols: &[Vec<f64>], w: &[f64]) -> Vec<f64> {
    let p = cols.len();
    let mut out = vec![0.0; p * p];
    for a in 0..p {
        for b in a..p {
            let s: f64 = cols[a]
                .iter()
                .zip(&cols[b])
                .zip(w)
                .map(|((x, y), w)| x * y * w)
                .sum();
            out[a * p + b] = s;
            out[b * p + a] = s;
        }
    }
    out
}

/// X'Wy.
pub(crate) fn cross(cols: &[Vec<f64>], w: &[f64], y: &[f64]) -> Vec<f64> {
    cols.iter()
        .map(|c| c.iter().zip(w).zip(y).map(|((x, w), y)| x * w * y).sum())
        .collect()
}

/// Cholesky pivot test: returns, per column, whether it is collinear with the columns before
/// it. `scale[j]` is column j's sum of squares before absorption; a pivot below
/// `tol · max(scale[j], tiny)` marks the column as collinear (also catching columns that the
/// fixed effects absorb entirely).
pub(crate) fn collinear_columns(a: &[f64], p: usize, scale: &[f64], tol: f64) -> Vec<bool> {
    let mut excluded = vec![false; p];
    let mut l = vec![0.0; p * p];
    for j in 0..p {
        let mut d = a[j * p + j];
        for k in 0..j {
            if !excluded[k] {
                d -= l[j * p + k] * l[j * p + k];
            }
        }
        if d.is_nan() || d <= tol * scale[j].max(f64::MIN_POSITIVE) {
            excluded[j] = true;
            continue;
        }
        let d = d.sqrt();
        l[j * p + j] = d;
        for i in j + 1..p {
            let mut s = a[i * p + j];
            for k in 0..j {
                if !excluded[k] {
                    s -= l[i * p + k] * l[j * p + k];
                }
            }
            l[i * p + j] = s / d;
        }
    }
    excluded
}

/// Lower Cholesky factor of an SPD matrix, `None` if not positive definite.
fn cholesky(a: &[f64], p: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; p * p];
    for j in 0..p {
        let mut d = a[j * p + j];
        for k in 0..j {
            d -= l[j * p + k] * l[j * p + k];
        }
        if d.is_nan() || d <= 0.0 {
            return None;
        }
        let d = d.sqrt();
        l[j * p + j] = d;
        for i in j + 1..p {
            let mut s = a[i * p + j];
            for k in 0..j {
                s -= l[i * p + k] * l[j * p + k];
            }
            l[i * p + j] = s / d;
        }
    }
    Some(l)
}

fn chol_solve(l: &[f64], p: usize, b: &mut [f64]) {
    for i in 0..p {
        let mut s = b[i];
        for k in 0..i {
            s -= l[i * p + k] * b[k];
        }
        b[i] = s / l[i * p + i];
    }
    for i in (0..p).rev() {
        let mut s = b[i];
        for k in i + 1..p {
            s -= l[k * p + i] * b[k];
        }
        b[i] = s / l[i * p + i];
    }
}

/// Solves A x = b for SPD A.
pub(crate) fn solve_spd(a: &[f64], p: usize, b: &[f64]) -> Option<Vec<f64>> {
    let l = cholesky(a, p)?;
    let mut x = b.to_vec();
    chol_solve(&l, p, &mut x);
    Some(x)
}

/// Inverse of SPD A.
pub(crate) fn invert_spd(a: &[f64], p: usize) -> Option<Vec<f64>> {
    let l = cholesky(a, p)?;
    let mut inv = vec![0.0; p * p];
    for j in 0..p {
        let mut e = vec![0.0; p];
        e[j] = 1.0;
        chol_solve(&l, p, &mut e);
        for i in 0..p {
            inv[i * p + j] = e[i];
        }
    }
    Some(inv)
}

/// C = A B A for p×p matrices (the sandwich bread·meat·bread).
pub(crate) fn sandwich(bread: &[f64], meat: &[f64], p: usize) -> Vec<f64> {
    let mut tmp = vec![0.0; p * p];
    for i in 0..p {
        for j in 0..p {
            tmp[i * p + j] = (0..p).map(|k| bread[i * p + k] * meat[k * p + j]).sum();
        }
    }
    let mut out = vec![0.0; p * p];
    for i in 0..p {
        for j in 0..p {
            out[i * p + j] = (0..p).map(|k| tmp[i * p + k] * bread[k * p + j]).sum();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_inverts() {
        let a = [4.0, 2.0, 2.0, 3.0];
        let x = solve_spd(&a, 2, &[2.0, 1.0]).unwrap();
        assert!((4.0 * x[0] + 2.0 * x[1] - 2.0).abs() < 1e-12);
        let inv = invert_spd(&a, 2).unwrap();
        assert!((inv[0] * 4.0 + inv[1] * 2.0 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn flags_the_later_of_two_collinear_columns() {
        let cols = vec![
            vec![1.0, 2.0, 3.0],
            vec![2.0, 4.0, 6.0],
            vec![1.0, 0.0, 1.0],
        ];
        let g = gram(&cols, &[1.0; 3]);
        let scale: Vec<f64> = (0..3).map(|j| g[j * 3 + j]).collect();
        assert_eq!(
            collinear_columns(&g, 3, &scale, 1e-9),
            vec![false, true, false]
        );
    }
}
