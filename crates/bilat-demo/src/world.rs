//! Generating the demo world: who trades with whom, how much, in what, year by year, and the
//! monthly detail of a few featured pairs.
//!
//! ```text
//! countries() ─┬─ GDP, position (geo) ──► gravity weight g_ij = GDP_j^0.9 · d_ij^-1.1 · bloc_ij · ε_ij
//!              │                          top-K partners per country (K grows with GDP) → linked pairs
//!              ├─ exports E_i = GDP_i · openness_i · ε_i, split over i's partners ∝ g_ij
//!              │      (seed item and a few anchors fix Belarus's and Kazakhstan's flows)
//!              ├─ products: i's specialisation w_ik (chapter and product noise on world shares)
//!              │      orders i's codes at random by weight; a pair trades the first n(V_ij),
//!              │      5 ≤ n ≤ 150, with shares ∝ w_ik^0.6 · ε; codes nobody drew go to a specialist
//!              ├─ years 2015–2019: world trade index × pair and product noise;
//!              │      exporter reports FOB, importer reports CIF = FOB · (1 + 2–8% ± noise)
//!              └─ months 2017–2019 for featured pairs: seasonal totals, filled per product
//! ```
//!
//! All values are whole US dollars (see [`split`]), so sums are exact in `f64`. Randomness comes
//! from keyed [`Rng`] streams: every draw is keyed by the countries, product and year it concerns.

use std::collections::BTreeMap;

use crate::geo;
use crate::products::{self, Product};
use crate::rng::Rng;
use crate::seed;

/// The years of the demo world.
pub(crate) const YEARS: [i32; 5] = [2015, 2016, 2017, 2018, 2019];
/// Index of the base year 2018 in [`YEARS`], the year pair values are set for.
const BASE: usize = 3;
/// Index in [`YEARS`] of the first year with monthly data (2017); monthly data runs to 2019.
pub(crate) const FIRST_MONTHLY: usize = 2;

/// World merchandise exports relative to 2018 (after WTO totals: USD 16.5, 16.0, 17.7, 19.5 and
/// 19.0 trillion), the common path of every pair.
const WORLD_INDEX: [f64; 5] = [0.846, 0.821, 0.908, 1.0, 0.974];

/// Seasonal profile of monthly trade, January to December: slow January, strong December.
const SEASON: [f64; 12] = [
    0.84, 0.92, 1.03, 1.0, 0.98, 1.02, 0.97, 0.95, 1.03, 1.07, 1.06, 1.13,
];

/// Pairs with monthly rows for 2017–2019, both directions.
const MONTHLY_PAIRS: &[(&str, &str)] = &[("BLR", "KAZ"), ("BLR", "RUS"), ("DEU", "FRA")];

/// Smallest value of a product line, USD: customs data rarely show smaller annual lines.
const MIN_LINE_USD: f64 = 1_000.0;

/// Headings a country is known to specialise in, boosted ×6 in its export mix so that, say,
/// Belarus sells tractors and potash and Kazakhstan oil and metals (a qualitative calibration after
/// the countries' published export structures).
#[rustfmt::skip]
const SPECIALISATION: &[(&str, &[&str])] = &[
    ("BLR", &["8701", "8433", "8704", "3104", "0402", "0405", "0406", "0202", "9403", "2710", "4407", "4011", "7214"]),
    ("KAZ", &["2709", "2710", "2711", "2701", "2601", "7403", "7601", "7202", "2844", "1001", "5201", "1204"]),
    ("RUS", &["2709", "2710", "2711", "2701", "7208", "7601", "1001", "4407", "3102", "7108"]),
    ("DEU", &["8703", "8708", "3004", "3002", "8471", "9018", "8802", "8481", "8413"]),
    ("FRA", &["8802", "8803", "3004", "2204", "3303", "3304", "8411", "8703"]),
    ("CHN", &["8517", "8471", "8542", "8528", "9403", "9503", "6110", "8504", "8541"]),
    ("USA", &["8802", "2710", "8703", "9018", "8542", "3002", "2709", "1201"]),
    ("UKR", &["1005", "1001", "1512", "7207", "2601", "1205"]),
];

/// A country of the demo world.
#[derive(Debug, Clone)]
pub(crate) struct Nation {
    /// ISO 3166-1 numeric code.
    pub(crate) code: i32,
    /// ISO alpha-3.
    pub(crate) alpha3: &'static str,
    /// GDP, current USD (≈2018), from [`geo::GEO`] or [`geo::DEFAULT_GDP_BUSD`].
    gdp_usd: f64,
    /// Capital position (lat, lon), if known.
    pos: Option<(f64, f64)>,
}

/// One product traded on a directed pair, with both reports per year.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// Index into [`World::products`].
    pub(crate) product: usize,
    /// The exporter's report per year of [`YEARS`], USD, FOB.
    pub(crate) fob: [u64; 5],
    /// The importer's report per year of [`YEARS`], USD, CIF.
    pub(crate) cif: [u64; 5],
}

/// Goods moving from `exporter` to `importer` (indices into [`World::nations`]).
#[derive(Debug, Clone)]
pub(crate) struct Pair {
    /// Exporting country.
    pub(crate) exporter: usize,
    /// Importing country.
    pub(crate) importer: usize,
    /// Products, sorted by code.
    pub(crate) lines: Vec<Line>,
}

/// Monthly reports of one featured pair: `[year − 2017][line][month − 1]`, USD.
#[derive(Debug, Clone)]
pub(crate) struct Monthly {
    /// The exporter's monthly reports (FOB); each line's months sum to its annual FOB.
    pub(crate) by_exporter: Vec<Vec<[u64; 12]>>,
    /// The importer's monthly reports (CIF); each line's months sum to its annual CIF.
    pub(crate) by_importer: Vec<Vec<[u64; 12]>>,
}

/// The whole generated world.
#[derive(Debug, Clone)]
pub(crate) struct World {
    /// Countries, sorted by code.
    pub(crate) nations: Vec<Nation>,
    /// Products, sorted by code.
    pub(crate) products: Vec<Product>,
    /// Directed pairs, sorted by (exporter code, importer code).
    pub(crate) pairs: Vec<Pair>,
    /// Monthly detail per pair index, for the featured pairs.
    pub(crate) monthly: BTreeMap<usize, Monthly>,
}

impl World {
    /// Index of a country by alpha-3.
    pub(crate) fn nation(&self, alpha3: &str) -> Option<usize> {
        nation_index(&self.nations, alpha3)
    }

    /// Index of the directed pair `exporter → importer`.
    pub(crate) fn pair(&self, exporter: usize, importer: usize) -> Option<usize> {
        self.pairs
            .iter()
            .position(|p| p.exporter == exporter && p.importer == importer)
    }
}

fn nation_index(nations: &[Nation], alpha3: &str) -> Option<usize> {
    nations.iter().position(|n| n.alpha3 == alpha3)
}

/// The real, inhabited countries of bilat-model's reference table, with their economic geography.
/// A real country has a code other than 0 (the World) and an alpha-2 code: statistical areas and
/// dissolved countries have none.
pub(crate) fn nations() -> Vec<Nation> {
    let mut out: Vec<Nation> = bilat_model::countries()
        .iter()
        .filter(|c| c.code != 0 && c.alpha2.len() == 2 && !geo::UNINHABITED.contains(&c.alpha3))
        .map(|c| {
            let (gdp, pos) = match geo::lookup(c.alpha3) {
                Some((gdp, pos)) => (gdp, Some(pos)),
                None => (geo::DEFAULT_GDP_BUSD, None),
            };
            Nation {
                code: i32::from(c.code),
                alpha3: c.alpha3,
                gdp_usd: gdp * 1e9,
                pos,
            }
        })
        .collect();
    out.sort_by_key(|n| n.code);
    out
}

/// Splits `total` into whole dollars proportional to `weights` (which must be positive): floors
/// each share and gives the remainder to the largest weight, so the parts sum to `total` exactly.
pub(crate) fn split(total: u64, weights: &[f64]) -> Vec<u64> {
    let sum: f64 = weights.iter().sum();
    let mut parts: Vec<u64> = weights
        .iter()
        .map(|w| (total as f64 * w / sum).floor().max(0.0) as u64)
        .collect();
    let largest = (0..weights.len())
        .max_by(|&a, &b| weights[a].total_cmp(&weights[b]).then(b.cmp(&a)))
        .expect("split needs at least one weight");
    // Floating error can push the floors a dollar over; take it back from the largest part.
    while parts.iter().sum::<u64>() > total {
        parts[largest] -= 1;
    }
    parts[largest] += total - parts.iter().sum::<u64>();
    parts
}

/// Fills a products × months table with whole dollars whose rows sum to `annual` and columns to
/// `months` (which must have the same total): proportional floors, then the north-west-corner rule
/// on the leftover dollars, so every cell stays non-negative and both margins are exact.
pub(crate) fn fill(annual: &[u64], months: &[u64; 12]) -> Vec<[u64; 12]> {
    let total: u64 = annual.iter().sum();
    assert_eq!(
        total,
        months.iter().sum::<u64>(),
        "margins of a monthly table must agree"
    );
    let mut cells: Vec<[u64; 12]> = annual
        .iter()
        .map(|&a| {
            let mut row = [0u64; 12];
            if total > 0 {
                for (m, cell) in row.iter_mut().enumerate() {
                    *cell = (u128::from(a) * u128::from(months[m]) / u128::from(total)) as u64;
                }
            }
            row
        })
        .collect();
    let mut row_left: Vec<u64> = annual
        .iter()
        .zip(&cells)
        .map(|(a, r)| a - r.iter().sum::<u64>())
        .collect();
    let mut col_left: Vec<u64> = (0..12)
        .map(|m| months[m] - cells.iter().map(|r| r[m]).sum::<u64>())
        .collect();
    let (mut p, mut m) = (0, 0);
    while p < cells.len() && m < 12 {
        let d = row_left[p].min(col_left[m]);
        cells[p][m] += d;
        row_left[p] -= d;
        col_left[m] -= d;
        if row_left[p] == 0 {
            p += 1;
        } else {
            m += 1;
        }
    }
    cells
}

/// A product's weight in an exporter's mix: world share × chapter and product specialisation.
/// Returns `(product index, weight)` in the exporter's order of preference: a weighted random order
/// (Efraimidis & Spirakis 2006: sort by `ln(u) / w^½`), so big products usually come first but
/// small chapters (cork, musical instruments) still reach some pairs' lists.
///
/// # References
/// Efraimidis, P. S., & Spirakis, P. G. (2006). Weighted random sampling with a reservoir.
/// Information Processing Letters, 97(5), 181–185.
fn specialisation(
    nation: &Nation,
    chapter: &[f64; 100],
    products: &[Product],
) -> Vec<(usize, f64)> {
    let code = nation.code as u64;
    let boosted = SPECIALISATION
        .iter()
        .find(|(a, _)| *a == nation.alpha3)
        .map(|(_, h)| *h);
    let mut rng = Rng::keyed("product-advantage", &[code]);
    let mut out: Vec<(usize, f64, f64)> = products
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let mut w = p.world_busd * chapter[usize::from(p.chapter)] * rng.lognormal(0.6);
            if boosted.is_some_and(|h| h.contains(&products::heading_of(&p.code))) {
                w *= 6.0 * chapter[usize::from(p.chapter)].recip().max(1.0);
            }
            let order = (1.0 - rng.uniform()).ln() / w.sqrt();
            (k, w, order)
        })
        .collect();
    out.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    out.into_iter().map(|(k, w, _)| (k, w)).collect()
}

/// Each country's comparative advantage per HS chapter: a log-normal factor (σ = 1), normalised
/// so that the GDP-weighted mean over countries is 1 in every chapter, which keeps world trade by
/// chapter close to the shares of [`crate::headings`].
fn chapter_advantages(nations: &[Nation]) -> Vec<[f64; 100]> {
    let mut out: Vec<[f64; 100]> = nations
        .iter()
        .map(|c| {
            let mut f = [0.0f64; 100];
            for (ch, x) in f.iter_mut().enumerate() {
                *x = Rng::keyed("chapter-advantage", &[c.code as u64, ch as u64]).lognormal(1.0);
            }
            f
        })
        .collect();
    let gdp: f64 = nations.iter().map(|c| c.gdp_usd).sum();
    for ch in 0..100 {
        let mean = nations
            .iter()
            .zip(&out)
            .map(|(c, f)| c.gdp_usd * f[ch])
            .sum::<f64>()
            / gdp;
        for f in out.iter_mut() {
            f[ch] /= mean;
        }
    }
    out
}

/// How many products a pair with 2018 exports of `value` USD trades: 5 for the smallest pairs,
/// 150 for pairs of USD 30 billion and more.
fn product_count(value: f64) -> usize {
    (5.0 + 145.0 * (value / 3e10).powf(0.6))
        .round()
        .clamp(5.0, 150.0) as usize
}

/// Number of partners a country is linked to by its own gravity ranking (others may add it).
fn partner_count(gdp_usd: f64) -> usize {
    (10.0 + 6.0 * (gdp_usd / 1e9).log10())
        .round()
        .clamp(8.0, 40.0) as usize
}

/// Builds the world.
pub(crate) fn build() -> World {
    let nations = nations();
    let products = products::products();
    let n = nations.len();
    let at = |a3: &str| nation_index(&nations, a3);

    // Gravity weights of every directed pair.
    let mut gravity = vec![0.0f64; n * n];
    for (i, a) in nations.iter().enumerate() {
        for (j, b) in nations.iter().enumerate() {
            if i != j {
                let d = geo::distance_km(a.pos, b.pos);
                let noise = Rng::keyed("gravity", &[a.code as u64, b.code as u64]).lognormal(0.5);
                gravity[i * n + j] = (b.gdp_usd / 1e9).powf(0.9)
                    * d.powf(-1.1)
                    * geo::bloc_factor(a.alpha3, b.alpha3)
                    * noise;
            }
        }
    }

    // Linked pairs: each country's top-K partners by gravity, in both directions, plus every pair
    // the calibration needs.
    let mut linked = vec![false; n * n];
    for i in 0..n {
        let mut order: Vec<usize> = (0..n).filter(|&j| j != i).collect();
        order.sort_by(|&x, &y| {
            gravity[i * n + y]
                .total_cmp(&gravity[i * n + x])
                .then(x.cmp(&y))
        });
        for &j in order.iter().take(partner_count(nations[i].gdp_usd)) {
            linked[i * n + j] = true;
            linked[j * n + i] = true;
        }
    }
    let mut anchors: Vec<(usize, usize, f64)> = Vec::new();
    let (blr, kaz) = (at(seed::BELARUS), at(seed::KAZAKHSTAN));
    if let Some(b) = blr {
        for &(partner, v) in seed::BLR_EXPORT_ANCHORS {
            if let Some(p) = at(partner) {
                anchors.push((b, p, v as f64));
            }
        }
        if let Some(r) = at("RUS") {
            anchors.push((r, b, seed::RUS_TO_BLR_2018 as f64));
        }
        if let Some(k) = kaz {
            anchors.push((b, k, seed::BLR_EXPORTS_TO_KAZ[BASE] as f64));
            anchors.push((k, b, seed::BLR_IMPORTS_FROM_KAZ[BASE] as f64 / 1.05));
        }
    }
    for &(i, j, _) in &anchors {
        linked[i * n + j] = true;
        linked[j * n + i] = true;
    }
    for &(a, b) in MONTHLY_PAIRS {
        if let (Some(i), Some(j)) = (at(a), at(b)) {
            linked[i * n + j] = true;
            linked[j * n + i] = true;
        }
    }

    // Pair values in 2018: each exporter's total split over its partners, anchors fixed.
    let mut value = vec![0.0f64; n * n];
    for (i, c) in nations.iter().enumerate() {
        let exports = c.gdp_usd
            * geo::openness(c.gdp_usd / 1e9)
            * Rng::keyed("exports", &[c.code as u64]).lognormal(0.2);
        let fixed: Vec<(usize, f64)> = anchors
            .iter()
            .filter(|a| a.0 == i)
            .map(|a| (a.1, a.2))
            .collect();
        let fixed_sum: f64 = fixed.iter().map(|f| f.1).sum();
        let free: Vec<usize> = (0..n)
            .filter(|&j| linked[i * n + j] && !fixed.iter().any(|f| f.0 == j))
            .collect();
        let budget = (exports - fixed_sum).max(0.2 * exports);
        let weight_sum: f64 = free.iter().map(|&j| gravity[i * n + j]).sum();
        for &j in &free {
            value[i * n + j] = budget * gravity[i * n + j] / weight_sum;
        }
        for &(j, v) in &fixed {
            value[i * n + j] = v;
        }
        // Keep Kazakhstan in Belarus's top ten markets: every market of Belarus that the anchors
        // do not fix stays below 70% of the seed item's exports to Kazakhstan (a larger one is
        // set to a random 42–70% of it).
        if Some(i) == blr {
            let cap = 0.7 * seed::BLR_EXPORTS_TO_KAZ[BASE] as f64;
            for &j in &free {
                if value[i * n + j] > cap {
                    let u = Rng::keyed("cap", &[c.code as u64, nations[j].code as u64]).uniform();
                    value[i * n + j] = cap * (1.0 - 0.4 * u);
                }
            }
        }
    }

    // Product lines of every linked pair.
    let advantage = chapter_advantages(&nations);
    let prefs: Vec<Vec<(usize, f64)>> = nations
        .iter()
        .zip(&advantage)
        .map(|(c, a)| specialisation(c, a, &products))
        .collect();
    let mut pairs = Vec::new();
    for i in 0..n {
        for j in 0..n {
            if linked[i * n + j] {
                let lines = generic_lines(&nations[i], &nations[j], value[i * n + j], &prefs[i]);
                pairs.push(Pair {
                    exporter: i,
                    importer: j,
                    lines,
                });
            }
        }
    }
    let mut world = World {
        nations,
        products,
        pairs,
        monthly: BTreeMap::new(),
    };

    // The seed item's flows replace the generic ones.
    let mut fixed = Vec::new();
    if let (Some(b), Some(k)) = (blr, kaz) {
        let exports = seed_lines(&world, b, k, Calibrated::Exporter, &prefs[b]);
        let imports = seed_lines(&world, k, b, Calibrated::Importer, &prefs[k]);
        let p = world.pair(b, k).expect("the seed pair is linked");
        world.pairs[p].lines = exports;
        fixed.push(p);
        let p = world.pair(k, b).expect("the seed pair is linked");
        world.pairs[p].lines = imports;
        fixed.push(p);
    }
    let exports: Vec<f64> = (0..n)
        .map(|i| (0..n).map(|j| value[i * n + j]).sum())
        .collect();
    complete_coverage(&mut world, &exports, &advantage, &fixed);
    add_monthly(&mut world);
    world
}

/// Product lines of an ordinary pair with 2018 exports of `value` USD.
fn generic_lines(exp: &Nation, imp: &Nation, value: f64, prefs: &[(usize, f64)]) -> Vec<Line> {
    let key = [exp.code as u64, imp.code as u64];
    let mut rng = Rng::keyed("pair-products", &key);
    let count = product_count(value);
    let mut chosen: Vec<(usize, f64)> = Vec::with_capacity(count);
    for &(k, w) in prefs {
        if chosen.len() == count {
            break;
        }
        // A pair trades most, not all, of what the exporter is good at.
        if rng.uniform() < 0.3 {
            continue;
        }
        // A pair's few lines stand for all its trade; shares follow w^0.6 so the largest codes
        // (chips, phones, crude oil) do not take more than their share of world trade.
        chosen.push((k, w.powf(0.6) * rng.lognormal(0.8)));
    }
    chosen.sort_by_key(|c| c.0);
    let weight_sum: f64 = chosen.iter().map(|c| c.1).sum();
    let (path, markup) = (pair_path(key), pair_markup(key));
    chosen
        .iter()
        .map(|&(k, w)| line(key, k, value * w / weight_sum, &path, markup))
        .collect()
}

/// A pair's value by year relative to 2018: the world index with ±7% pair noise.
fn pair_path(key: [u64; 2]) -> [f64; 5] {
    let mut rng = Rng::keyed("pair-path", &key);
    let mut path = WORLD_INDEX;
    for (t, p) in path.iter_mut().enumerate() {
        if t != BASE {
            *p *= rng.lognormal(0.07);
        }
    }
    path
}

/// A pair's CIF/FOB markup, 2–8%.
fn pair_markup(key: [u64; 2]) -> f64 {
    Rng::keyed("pair-markup", &key).between(0.02, 0.08)
}

/// One product line of pair `key` worth `value` USD in 2018, with both reports for every year.
fn line(key: [u64; 2], product: usize, value: f64, path: &[f64; 5], markup: f64) -> Line {
    let mut rng = Rng::keyed("line", &[key[0], key[1], product as u64]);
    let mut fob = [0u64; 5];
    let mut cif = [0u64; 5];
    for t in 0..YEARS.len() {
        let noise = if t == BASE { 1.0 } else { rng.lognormal(0.12) };
        let f = (value * path[t] * noise).max(MIN_LINE_USD).round();
        fob[t] = f as u64;
        cif[t] = (f * cif_factor(markup, &mut rng)).round() as u64;
    }
    Line { product, fob, cif }
}

/// Makes sure every code of the catalogue is traded somewhere: a code no pair drew is given to
/// the country with the largest advantage-weighted exports in its chapter, on that country's
/// largest route, at 0.1% of the code's world trade. The seed item's pairs are left alone.
fn complete_coverage(
    world: &mut World,
    exports: &[f64],
    advantage: &[[f64; 100]],
    fixed: &[usize],
) {
    let mut used = vec![false; world.products.len()];
    for pair in &world.pairs {
        for l in &pair.lines {
            used[l.product] = true;
        }
    }
    let mut route_value = vec![0.0f64; world.pairs.len()];
    for (p, pair) in world.pairs.iter().enumerate() {
        route_value[p] = pair.lines.iter().map(|l| l.fob[BASE] as f64).sum();
    }
    for k in (0..world.products.len()).filter(|&k| !used[k]) {
        let ch = usize::from(world.products[k].chapter);
        let best = (0..world.nations.len())
            .max_by(|&a, &b| {
                (exports[a] * advantage[a][ch])
                    .total_cmp(&(exports[b] * advantage[b][ch]))
                    .then(b.cmp(&a))
            })
            .expect("the world has countries");
        let route = (0..world.pairs.len())
            .filter(|p| world.pairs[*p].exporter == best && !fixed.contains(p))
            .max_by(|&a, &b| route_value[a].total_cmp(&route_value[b]).then(b.cmp(&a)));
        let Some(p) = route else { continue };
        let pair = &world.pairs[p];
        let key = [
            world.nations[pair.exporter].code as u64,
            world.nations[pair.importer].code as u64,
        ];
        let value = world.products[k].world_busd * 1e9 * 0.001;
        let new = line(key, k, value, &pair_path(key), pair_markup(key));
        let lines = &mut world.pairs[p].lines;
        let at = lines.partition_point(|l| l.product < k);
        lines.insert(at, new);
    }
}

/// CIF/FOB ratio of one importer report: the pair's freight and insurance markup (2–8%) with
/// ±1.5 points of uniform noise per line and year, never below 0.5%.
fn cif_factor(markup: f64, rng: &mut Rng) -> f64 {
    1.0 + (markup + rng.between(-0.015, 0.015)).max(0.005)
}

/// Which report of a calibrated flow the seed item fixes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Calibrated {
    /// The exporter's (Belarus's exports to Kazakhstan).
    Exporter,
    /// The importer's (Belarus's imports from Kazakhstan).
    Importer,
}

/// Product lines of a flow calibrated to the seed item: the named products with their 2018 values,
/// then a tail of smaller products (one per heading, none under a named heading) filling the rest,
/// each year summing exactly to the calibrated total of Belarus's reports.
fn seed_lines(
    world: &World,
    exp: usize,
    imp: usize,
    side: Calibrated,
    prefs: &[(usize, f64)],
) -> Vec<Line> {
    let (top, tail, totals) = match side {
        Calibrated::Exporter => (
            seed::BLR_TO_KAZ_TOP,
            seed::BLR_TO_KAZ_TAIL,
            seed::BLR_EXPORTS_TO_KAZ,
        ),
        Calibrated::Importer => (
            seed::KAZ_TO_BLR_TOP,
            seed::KAZ_TO_BLR_TAIL,
            seed::BLR_IMPORTS_FROM_KAZ,
        ),
    };
    let code_of = |k: usize| world.products[k].code.as_str();
    let find = |code: &str| {
        world
            .products
            .binary_search_by(|p| p.code.as_str().cmp(code))
            .expect("seed codes are in the catalogue")
    };
    let mut products: Vec<usize> = top.iter().map(|t| find(t.0)).collect();
    let mut headings: Vec<&str> = top.iter().map(|t| products::heading_of(t.0)).collect();
    for &(k, _) in prefs {
        if products.len() == top.len() + tail {
            break;
        }
        let h = products::heading_of(code_of(k));
        if !headings.contains(&h) {
            headings.push(h);
            products.push(k);
        }
    }

    // 2018: named values as given; the tail falls off like rank^-1/2 with ±15% noise.
    let key = [
        world.nations[exp].code as u64,
        world.nations[imp].code as u64,
    ];
    let mut rng = Rng::keyed("seed-tail", &key);
    let named: u64 = top.iter().map(|t| t.1).sum();
    let tail_weights: Vec<f64> = (0..products.len() - top.len())
        .map(|r| (r as f64 + 1.0).powf(-0.5) * rng.between(0.85, 1.15))
        .collect();
    let mut base: Vec<u64> = top.iter().map(|t| t.1).collect();
    base.extend(split(totals[BASE] - named, &tail_weights));

    // Other years: each product moves with its own noise, then the year is scaled to its total.
    let mut calibrated = vec![[0u64; 5]; products.len()];
    for t in 0..YEARS.len() {
        let year = if t == BASE {
            base.clone()
        } else {
            let raw: Vec<f64> = products
                .iter()
                .zip(&base)
                .map(|(&k, &v)| {
                    v as f64
                        * Rng::keyed("seed-year", &[key[0], key[1], k as u64, t as u64])
                            .lognormal(0.12)
                })
                .collect();
            split(totals[t], &raw)
        };
        for (c, v) in calibrated.iter_mut().zip(year) {
            c[t] = v;
        }
    }

    // The partner's reports: CIF from FOB, or FOB from CIF, a few per cent apart.
    let markup = Rng::keyed("pair-markup", &key).between(0.02, 0.08);
    let mut lines: Vec<Line> = products
        .iter()
        .zip(&calibrated)
        .map(|(&k, values)| {
            let mut rng = Rng::keyed("line", &[key[0], key[1], k as u64]);
            let mut other = [0u64; 5];
            for t in 0..YEARS.len() {
                let f = cif_factor(markup, &mut rng);
                other[t] = match side {
                    Calibrated::Exporter => (values[t] as f64 * f).round() as u64,
                    Calibrated::Importer => (values[t] as f64 / f).round() as u64,
                };
            }
            match side {
                Calibrated::Exporter => Line {
                    product: k,
                    fob: *values,
                    cif: other,
                },
                Calibrated::Importer => Line {
                    product: k,
                    fob: other,
                    cif: *values,
                },
            }
        })
        .collect();
    lines.sort_by_key(|l| l.product);
    lines
}

/// Monthly reports for the featured pairs, 2017–2019. Belarus's reports on Kazakhstan also meet
/// the seed item's January–June turnover in 2018 and 2019.
fn add_monthly(world: &mut World) {
    let (blr, kaz) = (world.nation(seed::BELARUS), world.nation(seed::KAZAKHSTAN));
    let mut featured: Vec<usize> = Vec::new();
    for &(a, b) in MONTHLY_PAIRS {
        if let (Some(i), Some(j)) = (world.nation(a), world.nation(b)) {
            featured.extend(world.pair(i, j));
            featured.extend(world.pair(j, i));
        }
    }
    // Belarus's January–June reports on Kazakhstan: the seed turnover split between exports and
    // imports in proportion to the year's totals.
    let h1 = |t: usize| -> Option<(u64, u64)> {
        let target = match YEARS[t] {
            2018 => seed::BLR_KAZ_TURNOVER_H1_2018,
            2019 => seed::BLR_KAZ_TURNOVER_H1_2019,
            _ => return None,
        } as u64;
        let (x, m) = (seed::BLR_EXPORTS_TO_KAZ[t], seed::BLR_IMPORTS_FROM_KAZ[t]);
        let xh = (target as f64 * x as f64 / (x + m) as f64).round() as u64;
        Some((xh, target - xh))
    };
    for p in featured {
        let pair = &world.pairs[p];
        let (e, i) = (pair.exporter, pair.importer);
        let key = [world.nations[e].code as u64, world.nations[i].code as u64];
        let mut by_exporter = Vec::new();
        let mut by_importer = Vec::new();
        for t in FIRST_MONTHLY..YEARS.len() {
            let fob: Vec<u64> = pair.lines.iter().map(|l| l.fob[t]).collect();
            let cif: Vec<u64> = pair.lines.iter().map(|l| l.cif[t]).collect();
            let blr_h1 = match (
                Some(e) == blr && Some(i) == kaz,
                Some(e) == kaz && Some(i) == blr,
            ) {
                (true, _) => h1(t).map(|h| h.0),
                (_, true) => h1(t).map(|h| h.1),
                _ => None,
            };
            let (exp_h1, imp_h1) = if Some(e) == blr {
                (blr_h1, None)
            } else {
                (None, blr_h1)
            };
            by_exporter.push(months(&fob, exp_h1, &[key[0], key[1], t as u64, 0]));
            by_importer.push(months(&cif, imp_h1, &[key[0], key[1], t as u64, 1]));
        }
        world.monthly.insert(
            p,
            Monthly {
                by_exporter,
                by_importer,
            },
        );
    }
}

/// Monthly table of one report: month totals from the seasonal profile (with the January–June
/// total fixed when given), filled per product.
fn months(annual: &[u64], first_half: Option<u64>, key: &[u64]) -> Vec<[u64; 12]> {
    let mut rng = Rng::keyed("months", key);
    let profile: Vec<f64> = SEASON.iter().map(|s| s * rng.lognormal(0.06)).collect();
    let total: u64 = annual.iter().sum();
    let totals: Vec<u64> = match first_half {
        Some(h) => {
            let mut v = split(h, &profile[..6]);
            v.extend(split(total - h, &profile[6..]));
            v
        }
        None => split(total, &profile),
    };
    let totals: [u64; 12] = totals.try_into().expect("twelve months");
    fill(annual, &totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_exact_and_proportional() {
        let parts = split(1_000_001, &[1.0, 2.0, 3.0]);
        assert_eq!(parts.iter().sum::<u64>(), 1_000_001);
        assert_eq!(parts[0], 166_666);
        assert_eq!(split(7, &[1.0]), vec![7]);
    }

    #[test]
    fn fill_meets_both_margins() {
        let annual = [5_000, 123_457, 1, 999_999, 0];
        let months = split(annual.iter().sum(), &SEASON).try_into().unwrap();
        let cells = fill(&annual, &months);
        for (row, a) in cells.iter().zip(annual) {
            assert_eq!(row.iter().sum::<u64>(), a);
        }
        for m in 0..12 {
            assert_eq!(cells.iter().map(|r| r[m]).sum::<u64>(), months[m]);
        }
    }

    proptest::proptest! {
        // Whatever the total and the (positive) weights, the parts are whole dollars that add up
        // to the total exactly.
        #[test]
        fn split_always_adds_up(total in 0u64..10_000_000_000_000, weights in proptest::collection::vec(1e-6f64..1e6, 1..40)) {
            let parts = split(total, &weights);
            proptest::prop_assert_eq!(parts.len(), weights.len());
            proptest::prop_assert_eq!(parts.iter().sum::<u64>(), total);
        }

        // Both margins of a monthly table are met exactly, whatever the annual values.
        #[test]
        fn fill_always_meets_margins(annual in proptest::collection::vec(0u64..5_000_000_000, 1..60), profile in proptest::array::uniform12(0.5f64..1.5)) {
            let months: [u64; 12] = split(annual.iter().sum(), &profile).try_into().unwrap();
            let cells = fill(&annual, &months);
            for (row, a) in cells.iter().zip(&annual) {
                proptest::prop_assert_eq!(row.iter().sum::<u64>(), *a);
            }
            for m in 0..12 {
                proptest::prop_assert_eq!(cells.iter().map(|r| r[m]).sum::<u64>(), months[m]);
            }
        }
    }

    #[test]
    fn product_and_partner_counts_stay_in_range() {
        assert_eq!(product_count(0.0), 5);
        assert_eq!(product_count(1e12), 150);
        assert_eq!(partner_count(1e8), 8);
        assert_eq!(partner_count(2e13), 36);
        assert_eq!(partner_count(1e15), 40);
    }
}
