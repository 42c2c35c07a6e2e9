//! Number formatting for people: amounts with a scale word, changes in words.

/// An amount in USD with a scale word and one decimal: "$896.0 million", "$1.2 billion".
pub fn usd(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    let (x, word) = if a >= 1e12 {
        (a / 1e12, " trillion")
    } else if a >= 1e9 {
        (a / 1e9, " billion")
    } else if a >= 1e6 {
        (a / 1e6, " million")
    } else if a >= 1e3 {
        (a / 1e3, " thousand")
    } else {
        (a, "")
    };
    format!("{sign}${x:.1}{word}")
}

/// A change in words: "up 30.0%", "down 5.2%", "4.8 times" (ratio ≥ 2), "n/a" without a base.
pub fn change(growth_pct: Option<f64>) -> String {
    match growth_pct {
        None => "n/a".to_string(),
        Some(g) if g >= 100.0 => format!("{:.1} times", g / 100.0 + 1.0),
        Some(g) if g >= 0.0 => format!("up {g:.1}%"),
        Some(g) => format!("down {:.1}%", -g),
    }
}

/// A percentage with one decimal, or "n/a".
pub fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |v| format!("{v:.1}%"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(usd(783.7e6), "$783.7 million");
        assert_eq!(usd(1.234e9), "$1.2 billion");
        assert_eq!(usd(-671.4e6), "-$671.4 million");
        assert_eq!(usd(950.0), "$950.0");
    }

    #[test]
    fn changes() {
        assert_eq!(change(Some(32.3)), "up 32.3%");
        assert_eq!(change(Some(-5.04)), "down 5.0%");
        assert_eq!(change(Some(380.0)), "4.8 times");
        assert_eq!(change(None), "n/a");
    }
}
