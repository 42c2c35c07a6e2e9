//! A tiny deterministic pseudo-random generator (SplitMix64) with keyed streams.
//!
//! Every random draw of the demo world comes from a stream keyed by what it is about (a country, a
//! pair, a product, a year), so adding a country to the reference table changes only the draws
//! that involve it, and the same build always produces the same bytes.
//!
//! ```text
//! state += 0x9E3779B97F4A7C15; z = state; z = (z ^ z>>30)·0xBF58476D1CE4E5B9;
//! z = (z ^ z>>27)·0x94D049BB133111EB; return z ^ z>>31          (Steele, Lea & Flood 2014)
//! ```
//!
//! # References
//! Steele, G. L., Lea, D., & Flood, C. H. (2014). Fast splittable pseudorandom number generators.
//! OOPSLA 2014.

/// The constant every stream is derived from; changing it regenerates a different world.
const WORLD_SEED: u64 = 0x0B11_A7DE_3020_1900;

/// A SplitMix64 stream.
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    state: u64,
}

/// One SplitMix64 output step applied to `z` (also used as a hash finaliser).
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// A stream keyed by a purpose tag and a list of integers (country codes, product index, year).
    pub(crate) fn keyed(tag: &str, key: &[u64]) -> Self {
        let mut h = mix(WORLD_SEED);
        for b in tag.bytes() {
            h = mix(h ^ u64::from(b));
        }
        for &k in key {
            h = mix(h.wrapping_add(0x9E37_79B9_7F4A_7C15) ^ k);
        }
        Rng { state: h }
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.state)
    }

    /// A uniform draw in `[0, 1)` with 53 bits of precision.
    pub(crate) fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform draw in `[lo, hi)`.
    pub(crate) fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// A standard normal draw (Box–Muller, one of the pair).
    pub(crate) fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// A log-normal factor `exp(sigma · z)` with median 1.
    pub(crate) fn lognormal(&mut self, sigma: f64) -> f64 {
        (sigma * self.normal()).exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_keyed() {
        let a: Vec<u64> = (0..4)
            .map(|_| Rng::keyed("pair", &[112, 398]).next_u64())
            .collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut x = Rng::keyed("pair", &[112, 398]);
        let mut y = Rng::keyed("pair", &[398, 112]);
        assert_ne!(x.next_u64(), y.next_u64());
    }

    #[test]
    fn uniform_and_normal_are_sane() {
        let mut r = Rng::keyed("test", &[1]);
        let n = 20_000;
        let (mut s, mut s2) = (0.0, 0.0);
        for _ in 0..n {
            let u = r.uniform();
            assert!((0.0..1.0).contains(&u));
            let z = r.normal();
            s += z;
            s2 += z * z;
        }
        let mean = s / f64::from(n);
        let var = s2 / f64::from(n) - mean * mean;
        // Standard error of the mean is 1/sqrt(20000) ≈ 0.007, so 0.03 is over four of them.
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var - 1.0).abs() < 0.05, "var {var}");
    }
}
