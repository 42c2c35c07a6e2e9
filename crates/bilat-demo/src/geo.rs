//! Economic geography of the demo world: approximate GDP and capital coordinates per country,
//! trade blocs, and great-circle distance — the inputs of the gravity rule in [`crate::world`].
//!
//! The table below holds calibration inputs, not data bilat reports: GDP is current USD billions
//! for about 2018, rounded (after the World Bank's published World Development Indicators), and the
//! coordinates are those of each capital (or main city), rounded to a tenth of a degree.
//! Countries of the reference table missing here get [`DEFAULT_GDP_BUSD`] and, having no position,
//! [`DEFAULT_DISTANCE_KM`] to every partner.

/// GDP in USD billions assumed for a country missing from [`GEO`]: a small island economy.
pub(crate) const DEFAULT_GDP_BUSD: f64 = 0.5;

/// Distance in km assumed when either country has no coordinates: about the median distance
/// between the world's capitals.
pub(crate) const DEFAULT_DISTANCE_KM: f64 = 8000.0;

/// Smallest distance used in the gravity rule, so twin capitals (Kinshasa and Brazzaville) do not
/// dominate.
const MIN_DISTANCE_KM: f64 = 150.0;

/// Territories in the ISO table with no permanent population: they get no trade.
pub(crate) const UNINHABITED: &[&str] = &["ATA", "ATF", "BVT", "HMD", "IOT", "SGS", "UMI"];

/// `(alpha3, GDP in USD billions ≈2018, latitude, longitude)` of the capital; see the module doc
/// for provenance.
#[rustfmt::skip]
pub(crate) static GEO: &[(&str, f64, f64, f64)] = &[
    ("ABW", 3.2, 12.5, -70.0), ("AFG", 18.4, 34.5, 69.2), ("AGO", 101.0, -8.8, 13.2),
    ("ALB", 15.1, 41.3, 19.8), ("AND", 3.2, 42.5, 1.5), ("ARE", 422.0, 24.5, 54.4),
    ("ARG", 520.0, -34.6, -58.4), ("ARM", 12.5, 40.2, 44.5), ("ATG", 1.6, 17.1, -61.8),
    ("AUS", 1430.0, -35.3, 149.1), ("AUT", 455.0, 48.2, 16.4), ("AZE", 47.0, 40.4, 49.9),
    ("BDI", 3.0, -3.4, 29.4), ("BEL", 543.0, 50.8, 4.4), ("BEN", 14.0, 6.5, 2.6),
    ("BFA", 16.0, 12.4, -1.5), ("BGD", 274.0, 23.8, 90.4), ("BGR", 66.0, 42.7, 23.3),
    ("BHR", 38.0, 26.2, 50.6), ("BHS", 12.0, 25.1, -77.3), ("BIH", 20.0, 43.9, 18.4),
    ("BLR", 60.0, 53.9, 27.6), ("BLZ", 1.9, 17.3, -88.8), ("BMU", 7.2, 32.3, -64.8),
    ("BOL", 40.0, -16.5, -68.1), ("BRA", 1890.0, -15.8, -47.9), ("BRB", 5.1, 13.1, -59.6),
    ("BRN", 13.6, 4.9, 114.9), ("BTN", 2.5, 27.5, 89.6), ("BWA", 18.6, -24.7, 25.9),
    ("CAF", 2.2, 4.4, 18.6), ("CAN", 1720.0, 45.4, -75.7), ("CHE", 705.0, 46.9, 7.4),
    ("CHL", 298.0, -33.4, -70.7), ("CHN", 13890.0, 39.9, 116.4), ("CIV", 58.0, 5.3, -4.0),
    ("CMR", 39.0, 3.9, 11.5), ("COD", 47.0, -4.3, 15.3), ("COG", 11.0, -4.3, 15.3),
    ("COL", 334.0, 4.7, -74.1), ("COM", 1.2, -11.7, 43.3), ("CPV", 2.0, 14.9, -23.5),
    ("CRI", 60.0, 9.9, -84.1), ("CUB", 100.0, 23.1, -82.4), ("CUW", 3.1, 12.1, -68.9),
    ("CYM", 5.5, 19.3, -81.4), ("CYP", 25.0, 35.2, 33.4), ("CZE", 249.0, 50.1, 14.4),
    ("DEU", 3970.0, 52.5, 13.4), ("DJI", 3.0, 11.6, 43.1), ("DMA", 0.5, 15.3, -61.4),
    ("DNK", 356.0, 55.7, 12.6), ("DOM", 85.0, 18.5, -69.9), ("DZA", 175.0, 36.8, 3.1),
    ("ECU", 108.0, -0.2, -78.5), ("EGY", 250.0, 30.0, 31.2), ("ERI", 2.0, 15.3, 38.9),
    ("ESP", 1420.0, 40.4, -3.7), ("EST", 30.0, 59.4, 24.7), ("ETH", 84.0, 9.0, 38.7),
    ("FIN", 275.0, 60.2, 24.9), ("FJI", 5.5, -18.1, 178.4), ("FRA", 2790.0, 48.9, 2.4),
    ("FRO", 3.0, 62.0, -6.8), ("FSM", 0.4, 6.9, 158.2), ("GAB", 16.9, 0.4, 9.5),
    ("GBR", 2860.0, 51.5, -0.1), ("GEO", 17.6, 41.7, 44.8), ("GHA", 65.0, 5.6, -0.2),
    ("GIB", 2.5, 36.1, -5.4), ("GIN", 11.0, 9.6, -13.6), ("GMB", 1.6, 13.5, -16.6),
    ("GNB", 1.5, 11.9, -15.6), ("GNQ", 13.0, 3.8, 8.8), ("GRC", 218.0, 38.0, 23.7),
    ("GRD", 1.2, 12.1, -61.7), ("GRL", 3.0, 64.2, -51.7), ("GTM", 73.0, 14.6, -90.5),
    ("GUM", 5.9, 13.4, 144.8), ("GUY", 4.1, 6.8, -58.2), ("HKG", 362.0, 22.3, 114.2),
    ("HND", 24.0, 14.1, -87.2), ("HRV", 61.0, 45.8, 16.0), ("HTI", 9.7, 18.5, -72.3),
    ("HUN", 161.0, 47.5, 19.0), ("IDN", 1042.0, -6.2, 106.8), ("IND", 2700.0, 28.6, 77.2),
    ("IRL", 385.0, 53.3, -6.3), ("IRN", 450.0, 35.7, 51.4), ("IRQ", 227.0, 33.3, 44.4),
    ("ISL", 26.0, 64.1, -21.9), ("ISR", 370.0, 31.8, 35.2), ("ITA", 2090.0, 41.9, 12.5),
    ("JAM", 15.7, 18.0, -76.8), ("JOR", 42.0, 31.9, 35.9), ("JPN", 4950.0, 35.7, 139.7),
    ("KAZ", 179.0, 51.2, 71.4), ("KEN", 88.0, -1.3, 36.8), ("KGZ", 8.3, 42.9, 74.6),
    ("KHM", 24.6, 11.6, 104.9), ("KIR", 0.2, 1.3, 173.0), ("KNA", 1.0, 17.3, -62.7),
    ("KOR", 1720.0, 37.6, 127.0), ("KWT", 141.0, 29.4, 48.0), ("LAO", 18.0, 18.0, 102.6),
    ("LBN", 55.0, 33.9, 35.5), ("LBR", 3.3, 6.3, -10.8), ("LBY", 52.0, 32.9, 13.2),
    ("LCA", 2.1, 14.0, -61.0), ("LIE", 6.8, 47.1, 9.5), ("LKA", 88.0, 6.9, 79.9),
    ("LSO", 2.8, -29.3, 27.5), ("LTU", 53.0, 54.7, 25.3), ("LUX", 70.0, 49.6, 6.1),
    ("LVA", 34.0, 56.9, 24.1), ("MAC", 55.0, 22.2, 113.5), ("MAR", 118.0, 34.0, -6.8),
    ("MCO", 7.2, 43.7, 7.4), ("MDA", 11.3, 47.0, 28.9), ("MDG", 13.8, -18.9, 47.5),
    ("MDV", 5.3, 4.2, 73.5), ("MEX", 1220.0, 19.4, -99.1), ("MHL", 0.2, 7.1, 171.4),
    ("MKD", 12.7, 42.0, 21.4), ("MLI", 17.0, 12.6, -8.0), ("MLT", 14.6, 35.9, 14.5),
    ("MMR", 71.0, 19.8, 96.1), ("MNE", 5.5, 42.4, 19.3), ("MNG", 13.1, 47.9, 106.9),
    ("MOZ", 14.7, -25.9, 32.6), ("MRT", 7.0, 18.1, -16.0), ("MUS", 14.2, -20.2, 57.5),
    ("MWI", 7.1, -14.0, 33.8), ("MYS", 358.0, 3.1, 101.7), ("NAM", 14.5, -22.6, 17.1),
    ("NCL", 9.7, -22.3, 166.5), ("NER", 12.8, 13.5, 2.1), ("NGA", 421.0, 9.1, 7.5),
    ("NIC", 13.0, 12.1, -86.3), ("NLD", 914.0, 52.4, 4.9), ("NOR", 434.0, 59.9, 10.8),
    ("NPL", 29.0, 27.7, 85.3), ("NRU", 0.1, -0.5, 166.9), ("NZL", 209.0, -41.3, 174.8),
    ("OMN", 80.0, 23.6, 58.4), ("PAK", 315.0, 33.7, 73.1), ("PAN", 65.0, 9.0, -79.5),
    ("PER", 222.0, -12.0, -77.0), ("PHL", 347.0, 14.6, 121.0), ("PLW", 0.3, 7.5, 134.6),
    ("PNG", 24.0, -9.4, 147.2), ("POL", 587.0, 52.2, 21.0), ("PRI", 101.0, 18.5, -66.1),
    ("PRK", 17.0, 39.0, 125.8), ("PRT", 241.0, 38.7, -9.1), ("PRY", 40.0, -25.3, -57.6),
    ("PSE", 16.0, 31.9, 35.2), ("PYF", 5.9, -17.5, -149.6), ("QAT", 183.0, 25.3, 51.5),
    ("ROU", 241.0, 44.4, 26.1), ("RUS", 1660.0, 55.8, 37.6), ("RWA", 9.5, -1.9, 30.1),
    ("SAU", 787.0, 24.7, 46.7), ("SDN", 33.0, 15.6, 32.5), ("SEN", 24.0, 14.7, -17.5),
    ("SGP", 373.0, 1.3, 103.8), ("SLB", 1.4, -9.4, 160.0), ("SLE", 4.1, 8.5, -13.2),
    ("SLV", 26.0, 13.7, -89.2), ("SMR", 1.6, 43.9, 12.4), ("SOM", 5.0, 2.0, 45.3),
    ("SRB", 50.0, 44.8, 20.5), ("SSD", 4.0, 4.9, 31.6), ("STP", 0.4, 0.3, 6.7),
    ("SUR", 3.6, 5.8, -55.2), ("SVK", 106.0, 48.1, 17.1), ("SVN", 54.0, 46.1, 14.5),
    ("SWE", 555.0, 59.3, 18.1), ("SWZ", 4.7, -26.3, 31.1), ("SYC", 1.6, -4.6, 55.5),
    ("SYR", 20.0, 33.5, 36.3), ("TCD", 11.0, 12.1, 15.0), ("TGO", 5.4, 6.1, 1.2),
    ("THA", 506.0, 13.8, 100.5), ("TJK", 7.5, 38.6, 68.8), ("TKM", 41.0, 37.9, 58.4),
    ("TLS", 2.6, -8.6, 125.6), ("TON", 0.5, -21.1, -175.2), ("TTO", 24.0, 10.7, -61.5),
    ("TUN", 40.0, 36.8, 10.2), ("TUR", 780.0, 39.9, 32.9), ("TUV", 0.04, -8.5, 179.2),
    ("TWN", 610.0, 25.0, 121.5), ("TZA", 57.0, -6.8, 39.3), ("UGA", 32.0, 0.3, 32.6),
    ("UKR", 131.0, 50.5, 30.5), ("URY", 60.0, -34.9, -56.2), ("USA", 20580.0, 38.9, -77.0),
    ("UZB", 50.0, 41.3, 69.3), ("VCT", 0.8, 13.2, -61.2), ("VEN", 98.0, 10.5, -66.9),
    ("VGB", 1.0, 18.4, -64.6), ("VNM", 245.0, 21.0, 105.8), ("VUT", 0.9, -17.7, 168.3),
    ("WSM", 0.8, -13.8, -171.8), ("XKX", 7.9, 42.7, 21.2), ("YEM", 27.0, 15.4, 44.2), ("ZAF", 368.0, -25.7, 28.2),
    ("ZMB", 27.0, -15.4, 28.3), ("ZWE", 24.0, -17.8, 31.0),
];

/// Trade blocs whose members trade more with each other than distance and size predict, with the
/// gravity multiplier applied within each (a stand-in for the RTA dummy of structural gravity).
#[rustfmt::skip]
static BLOCS: &[(f64, &[&str])] = &[
    // The European Union (with the United Kingdom, a member in 2015–2019).
    (2.5, &["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
            "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
            "SVN", "ESP", "SWE", "GBR"]),
    // The Eurasian Economic Union, and the wider CIS with its free-trade area.
    (4.0, &["ARM", "BLR", "KAZ", "KGZ", "RUS"]),
    (2.0, &["ARM", "BLR", "KAZ", "KGZ", "RUS", "AZE", "MDA", "TJK", "UZB", "UKR", "TKM"]),
    // NAFTA, ASEAN and Mercosur.
    (3.0, &["USA", "CAN", "MEX"]),
    (2.0, &["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"]),
    (2.5, &["ARG", "BRA", "PRY", "URY"]),
];

/// GDP (USD billions) and capital coordinates of a country, if the table has it.
pub(crate) fn lookup(alpha3: &str) -> Option<(f64, (f64, f64))> {
    GEO.iter()
        .find(|(a, ..)| *a == alpha3)
        .map(|&(_, gdp, lat, lon)| (gdp, (lat, lon)))
}

/// The product of the multipliers of every bloc holding both countries (1 when none does).
pub(crate) fn bloc_factor(a: &str, b: &str) -> f64 {
    BLOCS
        .iter()
        .filter(|(_, members)| members.contains(&a) && members.contains(&b))
        .map(|(f, _)| f)
        .product()
}

/// Great-circle distance in km between two (lat, lon) points in degrees (haversine, R = 6371 km),
/// or [`DEFAULT_DISTANCE_KM`] when a position is unknown; never below 150 km.
pub(crate) fn distance_km(a: Option<(f64, f64)>, b: Option<(f64, f64)>) -> f64 {
    let (Some((lat1, lon1)), Some((lat2, lon2))) = (a, b) else {
        return DEFAULT_DISTANCE_KM;
    };
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    let d = 2.0 * 6371.0 * h.sqrt().asin();
    d.max(MIN_DISTANCE_KM)
}

/// Goods exports as a share of GDP: small economies are more open. A rule of thumb,
/// `0.35 · (GDP / 100 bn)^−0.15`, clamped to [0.08, 0.6], scaled so that world exports come to
/// about USD 19–20 trillion as in 2018; it gives Belarus 0.38 (its exports beyond the anchors of
/// [`crate::seed`] are small anyway) and the United States 0.16.
pub(crate) fn openness(gdp_busd: f64) -> f64 {
    (0.35 * (gdp_busd / 100.0).powf(-0.15)).clamp(0.08, 0.6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minsk_moscow_is_about_680_km() {
        let minsk = lookup("BLR").map(|(_, p)| p);
        let moscow = lookup("RUS").map(|(_, p)| p);
        let d = distance_km(minsk, moscow);
        assert!((650.0..720.0).contains(&d), "{d}");
        assert_eq!(distance_km(None, moscow), DEFAULT_DISTANCE_KM);
    }

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(GEO.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(GEO.len() >= 190);
    }

    #[test]
    fn blocs_multiply() {
        assert_eq!(bloc_factor("BLR", "KAZ"), 8.0);
        assert_eq!(bloc_factor("BLR", "UKR"), 2.0);
        assert_eq!(bloc_factor("BLR", "USA"), 1.0);
    }
}
