//! Calibration inputs taken from the seed item, so the demo world tells its story.
//!
//! Source of every figure here: BelTA, "Lukashenko hails Belarus-Kazakhstan cooperation potential",
//! Minsk, 28 August 2019 (`shared/seed/belta-belarus-kazakhstan-2019.txt`). The item quotes Belarus's
//! national statistics, so the goods figures are calibrated in the *reporter* view of Belarus:
//! Belarus's own export reports (FOB) and import reports (CIF). Kazakhstan's mirror reports are then
//! generated a few per cent away, as real mirror statistics are.
//!
//! Values are whole US dollars (exact in `f64`), so every sum a test or query takes is exact.
//! The item prints growth rates, not the 2017 base; the bases below are the item's 2018 value
//! divided by a growth factor, rounded to a dollar, chosen so that all three printed rates come
//! out at the item's precision at once:
//!
//! ```text
//! exports 2017 = 783.7e6 / 1.3233 = 592 231 542   → +32.3%
//! imports 2017 = 112.3e6 / 1.1563 =  97 120 125   → +15.6%
//! turnover 896.0e6 / 689 351 667                   → +30.0%   (the item's "up 30%")
//! ```
//!
//! Dividing by 1.323 and 1.156 exactly would give turnover growth of 29.9%, which prints as the
//! item's "30%" but not as "30.0%".

/// ISO alpha-3 of Belarus, the reporter of the calibrated figures.
pub const BELARUS: &str = "BLR";
/// ISO alpha-3 of Kazakhstan, the partner.
pub const KAZAKHSTAN: &str = "KAZ";

/// Belarus's exports to Kazakhstan in 2018, USD, FOB, as reported by Belarus ("$783.7 million").
pub const BLR_EXPORTS_TO_KAZ_2018: f64 = 783_700_000.0;
/// Belarus's exports to Kazakhstan in 2017, USD: `783.7e6 / 1.3233` rounded ("up 32.3%").
pub const BLR_EXPORTS_TO_KAZ_2017: f64 = 592_231_542.0;
/// Belarus's imports from Kazakhstan in 2018, USD, CIF, as reported by Belarus ("$112.3 million").
pub const BLR_IMPORTS_FROM_KAZ_2018: f64 = 112_300_000.0;
/// Belarus's imports from Kazakhstan in 2017, USD: `112.3e6 / 1.1563` rounded ("up 15.6%").
pub const BLR_IMPORTS_FROM_KAZ_2017: f64 = 97_120_125.0;
/// Turnover (exports + imports) January–June 2019, USD, Belarus's reports ("$481.7 million").
pub const BLR_KAZ_TURNOVER_H1_2019: f64 = 481_700_000.0;
/// Turnover January–June 2018, USD: `481.7e6 / 1.118` rounded ("up 11.8%").
pub const BLR_KAZ_TURNOVER_H1_2018: f64 = 430_858_676.0;

/// Belarus–Kazakhstan trade in services in 2018, USD ("$153.2 million").
pub const SERVICES_TRADE_2018: f64 = 153_200_000.0;
/// Kazakhstan's investment in Belarus in 2018, USD ("exceeded $18.8 million").
pub const FDI_FROM_KAZ_2018: f64 = 18_800_000.0;
/// Kazakhstan's investment in Belarus in 2017, USD: `18.8e6 / 4.8` rounded ("up 4.8 times").
pub const FDI_FROM_KAZ_2017: f64 = 3_916_667.0;

/// Annual totals of one calibrated flow for 2015..=2019, USD, in the calibrated reporter's view.
/// 2017 and 2018 come from the seed item; 2015, 2016 and 2019 are plausible values chosen for the
/// demo (2019 so that January–June is about 48% of the year, as in 2018).
pub(crate) const BLR_EXPORTS_TO_KAZ: [u64; 5] = [
    602_400_000,
    453_900_000,
    592_231_542,
    783_700_000,
    878_400_000,
];
/// See [`BLR_EXPORTS_TO_KAZ`]; Belarus's imports from Kazakhstan, CIF.
pub(crate) const BLR_IMPORTS_FROM_KAZ: [u64; 5] = [
    103_600_000,
    71_900_000,
    97_120_125,
    112_300_000,
    121_900_000,
];

/// The seed item's "major Belarusian exports", in order, as HS 2017 subheadings with 2018 values
/// (USD). The item names no values; these are chosen to keep its order and to sum to 60% of the
/// flow, with the remaining 40% spread over a long tail of smaller products.
pub(crate) const BLR_TO_KAZ_TOP: &[(&str, u64)] = &[
    ("870194", 105_000_000), // "tractors and tractor units"
    ("040221", 80_000_000),  // "milk and dairy products"
    ("040510", 62_000_000),  // "butter"
    ("843351", 52_000_000),  // "harvesters"
    ("310420", 44_000_000),  // "potash fertilizers"
    ("940360", 38_000_000),  // "furniture"
    ("020230", 33_000_000),  // "beef"
    ("870423", 29_000_000),  // "freight vehicles"
    ("040690", 25_000_000),  // "cheese and quark"
];

/// The seed item's imports from Kazakhstan, in order, with 2018 values (USD, CIF, Belarus's reports),
/// chosen like [`BLR_TO_KAZ_TOP`] (two thirds of the flow).
pub(crate) const KAZ_TO_BLR_TOP: &[(&str, u64)] = &[
    ("271019", 24_000_000), // "oil products"
    ("270112", 16_000_000), // "coal"
    ("271112", 12_000_000), // "oil gases"
    ("520100", 9_500_000),  // "cotton fibers"
    ("120400", 7_500_000),  // "flax seeds"
    ("760110", 6_000_000),  // "raw aluminum"
];

/// How many smaller products follow the named ones in each calibrated flow.
pub(crate) const BLR_TO_KAZ_TAIL: usize = 141;
/// See [`BLR_TO_KAZ_TAIL`].
pub(crate) const KAZ_TO_BLR_TAIL: usize = 54;

/// Belarus's largest export markets in 2018 other than Kazakhstan: `(partner, USD, FOB)`.
/// Approximate, rounded values after Belstat's published 2018 figures, used only so that Russia
/// ranks first among Belarus's markets and Kazakhstan (eighth) sits in the top ten, as in the
/// national statistics. Every other partner of Belarus is capped below Kazakhstan (see
/// [`crate::world`]).
pub(crate) const BLR_EXPORT_ANCHORS: &[(&str, u64)] = &[
    ("RUS", 12_900_000_000),
    ("UKR", 4_000_000_000),
    ("GBR", 1_900_000_000),
    ("NLD", 1_400_000_000),
    ("POL", 1_300_000_000),
    ("DEU", 1_100_000_000),
    ("LTU", 1_000_000_000),
];

/// Russia's exports to Belarus in 2018, USD, FOB: approximate, after Belarus's reported imports
/// from Russia of about $21.6 billion CIF; it makes Russia Belarus's first supplier.
pub(crate) const RUS_TO_BLR_2018: u64 = 20_500_000_000;

/// One row of the `series` table: `(year, country, partner, indicator, value, unit)`.
pub(crate) type SeriesRow = (
    i32,
    &'static str,
    &'static str,
    &'static str,
    f64,
    &'static str,
);

/// Series rows straight from the seed item (2019 counts are as of the item's date, August 2019).
pub(crate) const SEED_SERIES: &[SeriesRow] = &[
    // "The trade in services made up $153.2 million in 2018."
    (
        2018,
        "BLR",
        "KAZ",
        "services_trade",
        SERVICES_TRADE_2018,
        "usd",
    ),
    // "Kazakhstan's investments to the Belarusian economy exceeded $18.8 million (up 4.8 times)."
    (2017, "BLR", "KAZ", "fdi_inflow", FDI_FROM_KAZ_2017, "usd"),
    (2018, "BLR", "KAZ", "fdi_inflow", FDI_FROM_KAZ_2018, "usd"),
    // "There are 49 enterprises with the Kazakhstani capital in Belarus, including 13 joint and 36
    // foreign ventures."
    (
        2019,
        "BLR",
        "KAZ",
        "enterprises_with_partner_capital",
        49.0,
        "count",
    ),
    (2019, "BLR", "KAZ", "joint_ventures", 13.0, "count"),
    (2019, "BLR", "KAZ", "foreign_ventures", 36.0, "count"),
    // "The legal framework includes more than 60 agreements."
    (2019, "BLR", "KAZ", "agreements", 60.0, "count"),
    // "There are 256 organizations with the Belarusian participation in Kazakhstan."
    (
        2019,
        "KAZ",
        "BLR",
        "enterprises_with_partner_capital",
        256.0,
        "count",
    ),
    // "There are eight joint assembly plants for Belarusian machines and equipment."
    (2019, "KAZ", "BLR", "assembly_plants", 8.0, "count"),
];

/// Plausible services trade Belarus–Kazakhstan for the other years, USD (not from the item).
pub(crate) const SERVICES_OTHER_YEARS: &[(i32, f64)] = &[
    (2015, 129_800_000.0),
    (2016, 121_400_000.0),
    (2017, 138_600_000.0),
    (2019, 160_100_000.0),
];
/// Plausible Kazakh investment in Belarus for 2015 and 2016, USD (not from the item).
pub(crate) const FDI_OTHER_YEARS: &[(i32, f64)] = &[(2015, 6_100_000.0), (2016, 4_700_000.0)];

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(now: f64, before: f64) -> String {
        format!("{:.1}", (now / before - 1.0) * 100.0)
    }

    #[test]
    fn bases_print_the_seed_growth_rates() {
        assert_eq!(
            pct(BLR_EXPORTS_TO_KAZ_2018, BLR_EXPORTS_TO_KAZ_2017),
            "32.3"
        );
        assert_eq!(
            pct(BLR_IMPORTS_FROM_KAZ_2018, BLR_IMPORTS_FROM_KAZ_2017),
            "15.6"
        );
        let t18 = BLR_EXPORTS_TO_KAZ_2018 + BLR_IMPORTS_FROM_KAZ_2018;
        let t17 = BLR_EXPORTS_TO_KAZ_2017 + BLR_IMPORTS_FROM_KAZ_2017;
        assert_eq!(format!("{:.1}", t18 / 1e6), "896.0");
        assert_eq!(pct(t18, t17), "30.0");
        assert_eq!(
            pct(BLR_KAZ_TURNOVER_H1_2019, BLR_KAZ_TURNOVER_H1_2018),
            "11.8"
        );
        assert_eq!(
            format!("{:.1}", FDI_FROM_KAZ_2018 / FDI_FROM_KAZ_2017),
            "4.8"
        );
    }

    #[test]
    fn annual_arrays_agree_with_the_constants() {
        assert_eq!(BLR_EXPORTS_TO_KAZ[2] as f64, BLR_EXPORTS_TO_KAZ_2017);
        assert_eq!(BLR_EXPORTS_TO_KAZ[3] as f64, BLR_EXPORTS_TO_KAZ_2018);
        assert_eq!(BLR_IMPORTS_FROM_KAZ[2] as f64, BLR_IMPORTS_FROM_KAZ_2017);
        assert_eq!(BLR_IMPORTS_FROM_KAZ[3] as f64, BLR_IMPORTS_FROM_KAZ_2018);
    }

    #[test]
    fn named_products_are_ordered_and_leave_a_tail() {
        for top in [BLR_TO_KAZ_TOP, KAZ_TO_BLR_TOP] {
            assert!(top.windows(2).all(|w| w[0].1 > w[1].1));
        }
        let s: u64 = BLR_TO_KAZ_TOP.iter().map(|t| t.1).sum();
        assert!(s < BLR_EXPORTS_TO_KAZ[3]);
        let s: u64 = KAZ_TO_BLR_TOP.iter().map(|t| t.1).sum();
        assert!(s < BLR_IMPORTS_FROM_KAZ[3]);
    }
}
