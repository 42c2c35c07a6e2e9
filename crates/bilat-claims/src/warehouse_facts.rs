//! [`Facts`] answered by the bilat warehouse, through `bilat-analytics` only.
//!
//! Goods (exports, imports, turnover, shares and ranks) are figures of the pair's profile —
//! the same figures `bilat profile` prints — for the view asked for and, for period-to-date
//! claims, the months. A base period other than the year before is the profile of that year.
//! Profiles come from an [`analytics::FactBook`], one per pair, period and view, however many
//! claims name them: a long text costs one profile per pair and period, not one per claim.
//! Services (`services_trade`), investment (`fdi_inflow`) and counts (`agreements`,
//! `enterprises_with_partner_capital`, `joint_ventures`, …) are rows of the `series` table
//! ([`analytics::series_value`]). Counts are stocks "as of" a date: without a year, or when the
//! year asked is not held, the latest year not after it is used and the evidence says which.

use std::path::Path;

use bilat_analytics::{self as analytics, FactBook, PairPeriod, Profile, QueryEngine, SeriesQuery};
use bilat_analytics::{Figure, Warehouse};
use bilat_model::MonthRange;

use crate::claim::Measure;
use crate::verify::{Fact, FactQuery, Facts, FactsError};

/// The memo of query results of one check (see `QueryEngine::with_result_cache`): a pair's
/// two-year detail at every HS level is well under a megabyte.
const RESULT_CACHE_BYTES: usize = 256 << 20;

/// Where the lookups' futures run: a runtime of its own (the CLI), or the caller's (a server,
/// which calls from a blocking-pool thread of its runtime).
enum Exec {
    Owned(tokio::runtime::Runtime),
    Handle(tokio::runtime::Handle),
}

impl Exec {
    fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        match self {
            Exec::Owned(rt) => rt.block_on(f),
            Exec::Handle(h) => h.block_on(f),
        }
    }
}

/// Facts from a warehouse directory.
pub struct WarehouseFacts {
    engine: QueryEngine,
    book: FactBook,
    rt: Exec,
    /// How many profiles `prefetch` computes at a time.
    parallel: usize,
    /// Past it every lookup fails with [`FactsError::Deadline`] and a lookup in flight is
    /// dropped (DataFusion stops a query whose future is dropped): a server's time limit stops
    /// the work, not only the answer.
    deadline: Option<std::time::Instant>,
}

impl std::fmt::Debug for WarehouseFacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarehouseFacts")
            .field("profiles", &self.book.len())
            .finish_non_exhaustive()
    }
}

fn engine_err(e: impl std::error::Error + 'static) -> FactsError {
    FactsError::Engine(bilat_model::error_chain(&e))
}

/// Whether the measure is a figure of the pair's profile (goods flows, shares and ranks).
fn from_profile(m: &Measure) -> bool {
    matches!(
        m,
        Measure::Exports
            | Measure::Imports
            | Measure::Turnover
            | Measure::Balance
            | Measure::ExportShare
            | Measure::ImportShare
            | Measure::ExportRank
            | Measure::ImportRank
            | Measure::TradeRank
            | Measure::ExportsInTrade
            | Measure::ImportsInTrade
    )
}

/// The profile a goods query reads for `year`: the query's pair, months and view; `None` when
/// its months are no month range.
fn profile_key(q: &FactQuery, year: i32) -> Option<PairPeriod> {
    let months = match q.months {
        Some((f, l)) => Some(MonthRange::parse(&format!("{f}-{l}")).ok()?),
        None => None,
    };
    Some(PairPeriod {
        a: q.reporter.clone(),
        b: q.partner.clone(),
        year,
        months,
        view: q.view,
    })
}

/// Every profile `goods` reads for `q`: its period's and, for a base other than the year before
/// (same months), the base year's.
fn profile_keys(q: &FactQuery) -> Vec<PairPeriod> {
    let Some(year) = q.year.filter(|_| from_profile(&q.measure)) else {
        return Vec::new();
    };
    let mut keys: Vec<PairPeriod> = profile_key(q, year).into_iter().collect();
    if let Some(b) = q.base
        && b.year != year - 1
        && b.months == q.months
    {
        keys.extend(profile_key(q, b.year));
    }
    keys
}

impl WarehouseFacts {
    /// Opens the warehouse at `root` with its own small runtime (call from synchronous code,
    /// e.g. a blocking task of an async server).
    pub fn open(root: &Path) -> Result<Self, FactsError> {
        // One worker per core: `prefetch` computes a text's profiles side by side.
        let parallel = std::thread::available_parallelism().map_or(1, usize::from);
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(parallel)
            .enable_all()
            .build()
            .map_err(engine_err)?;
        let wh = Warehouse::open(root).map_err(engine_err)?;
        // Every month range and view of a pair reads the same pair detail, and every partner
        // of a reporter the same partner totals: each distinct query runs once per text.
        let engine = rt
            .block_on(wh.engine())
            .map_err(engine_err)?
            .with_result_cache(RESULT_CACHE_BYTES);
        Ok(WarehouseFacts {
            engine,
            book: FactBook::new(),
            rt: Exec::Owned(rt),
            parallel,
            deadline: None,
        })
    }

    /// Facts from an engine the caller already has, run on `handle`'s runtime. Call the
    /// [`Facts`] methods from outside that runtime's async context — e.g. inside
    /// `tokio::task::spawn_blocking` — since they block on the lookups. A server keeps one
    /// engine per catalog state; its result memo (if any) then spans requests.
    pub fn from_engine(engine: QueryEngine, handle: tokio::runtime::Handle) -> Self {
        WarehouseFacts {
            engine,
            book: FactBook::new(),
            rt: Exec::Handle(handle),
            parallel: std::thread::available_parallelism().map_or(1, usize::from),
            deadline: None,
        }
    }

    /// Lookups stop at `deadline` (needs a runtime with a timer, as a server's has).
    pub fn with_deadline(mut self, deadline: std::time::Instant) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Runs a lookup on the runtime, within the deadline if there is one.
    fn wait<F: std::future::Future>(&self, f: F) -> Result<F::Output, FactsError> {
        match self.deadline {
            None => Ok(self.rt.block_on(f)),
            Some(d) if std::time::Instant::now() >= d => Err(FactsError::Deadline),
            Some(d) => self
                .rt
                .block_on(async { tokio::time::timeout_at(d.into(), f).await })
                .map_err(|_| FactsError::Deadline),
        }
    }

    /// Distinct profiles computed so far (one per pair, period and view looked up).
    pub fn profiles_computed(&self) -> usize {
        self.book.len()
    }

    fn profile(&self, key: &PairPeriod) -> Result<Option<Profile>, FactsError> {
        self.wait(self.book.profile(&self.engine, key))?
            .map_err(engine_err)
    }

    fn goods(&self, q: &FactQuery) -> Result<Option<Fact>, FactsError> {
        let Some(year) = q.year else { return Ok(None) };
        let Some(here) = profile_key(q, year) else {
            return Ok(None);
        };
        let months = here.months;
        let key = |year: i32| PairPeriod {
            year,
            ..here.clone()
        };
        let Some(p) = self.profile(&here)? else {
            return Ok(None);
        };
        if let Some(codes) = &q.product {
            return self.tonnage(q, &p, codes, year);
        }
        let partial = partial_products(&p, &q.measure);
        let fact = |value: f64, previous: Option<f64>, query: String| Fact {
            value,
            previous,
            year,
            source: p.provenance.source.clone(),
            vintage: p.provenance.vintage.clone(),
            view: Some(p.provenance.view),
            query,
            partial: partial.clone(),
        };
        if matches!(
            q.measure,
            Measure::ExportShare
                | Measure::ImportShare
                | Measure::ExportRank
                | Measure::ImportRank
                | Measure::TradeRank
        ) {
            // Share of B in A's exports (imports) to the world and B's rank among A's markets
            // (suppliers, trading partners), DESIGN §3; annual only.
            let share = p.partner_position.as_ref().and_then(|pp| match q.measure {
                Measure::ExportShare => pp.export_share_pct,
                Measure::ImportShare => pp.import_share_pct,
                Measure::ExportRank => pp.export_rank.map(|r| r as f64),
                Measure::TradeRank => pp.trade_rank.map(|r| r as f64),
                _ => pp.import_rank.map(|r| r as f64),
            });
            let query = format!("{} (partner_position)", here.command());
            return Ok(share
                .filter(|_| months.is_none())
                .map(|v| fact(v, None, query)));
        }
        if q.measure == Measure::Balance {
            // X − M of the period (DESIGN §3), when both directions have rows.
            let x = pick(&p, &Measure::Exports, months.is_some());
            let m = pick(&p, &Measure::Imports, months.is_some());
            let query = format!("{} (exports − imports)", here.command());
            return Ok(x.zip(m).map(|(x, m)| {
                let prev = x
                    .previous_value_usd
                    .zip(m.previous_value_usd)
                    .map(|(a, b)| a - b);
                fact(x.value_usd - m.value_usd, prev, query)
            }));
        }
        if matches!(q.measure, Measure::ExportsInTrade | Measure::ImportsInTrade) {
            // A flow's share of the pair's turnover (exports + imports), %, of the same period.
            let flow = if q.measure == Measure::ExportsInTrade {
                Measure::Exports
            } else {
                Measure::Imports
            };
            let share = pick(&p, &flow, months.is_some())
                .zip(pick(&p, &Measure::Turnover, months.is_some()))
                .filter(|(_, t)| t.value_usd > 0.0)
                .map(|(f, t)| f.value_usd / t.value_usd * 100.0);
            let query = format!("{} (exports, imports)", here.command());
            return Ok(share.map(|v| fact(v, None, query)));
        }
        let Some(fig) = pick(&p, &q.measure, months.is_some()) else {
            return Ok(None);
        };
        let mut base_partial = None;
        let previous = match q.base {
            None => None,
            Some(b) if b.year == year - 1 && b.months == q.months => fig.previous_value_usd,
            Some(b) if b.months == q.months => {
                let pb = self.profile(&key(b.year))?;
                base_partial = pb.as_ref().and_then(|pb| partial_products(pb, &q.measure));
                pb.and_then(|pb| pick(&pb, &q.measure, months.is_some()))
                    .map(|f| f.value_usd)
            }
            Some(_) => None,
        };
        let mut f = fact(fig.value_usd, previous, here.command());
        f.partial = f.partial.or(base_partial);
        Ok(Some(f))
    }

    /// The tonnes of a product in the profile's direction (exports or imports of A), from the
    /// quantity column (`analytics::product_tonnes`).
    fn tonnage(
        &self,
        q: &FactQuery,
        p: &Profile,
        codes: &[String],
        year: i32,
    ) -> Result<Option<Fact>, FactsError> {
        let exports = match q.measure {
            Measure::Exports => true,
            Measure::Imports => false,
            _ => return Ok(None),
        };
        let t = self
            .wait(analytics::product_tonnes(&self.engine, p, exports, codes))?
            .map_err(engine_err)?;
        Ok(t.map(|t| Fact {
            value: t.tonnes,
            previous: None,
            year,
            source: p.provenance.source.clone(),
            vintage: p.provenance.vintage.clone(),
            view: Some(p.provenance.view),
            query: t.query,
            partial: None,
        }))
    }

    fn series(&self, q: &FactQuery) -> Result<Option<Fact>, FactsError> {
        let indicator = match &q.measure {
            Measure::Services => "services_trade".to_string(),
            Measure::Investment => "fdi_inflow".to_string(),
            Measure::Count(c) => c.clone(),
            _ => return Ok(None),
        };
        let code = |a: &str| bilat_model::country_by_alpha3(a).map(|c| c.code);
        let (Some(r), Some(p)) = (code(&q.reporter), code(&q.partner)) else {
            return Ok(None);
        };
        let is_count = matches!(q.measure, Measure::Count(_));
        // Services and agreements are one figure per pair: either order.
        let symmetric = matches!(&q.measure, Measure::Count(c) if c == "agreements");
        let pairs = if q.measure == Measure::Services || symmetric {
            vec![(r, p), (p, r)]
        } else {
            vec![(r, p)]
        };
        for (country, partner) in pairs {
            let sq = SeriesQuery {
                indicator: indicator.clone(),
                country,
                partner,
                year: q.year,
                as_of: is_count,
                source: None,
            };
            let Some(v) = self.series_value(&sq)? else {
                continue;
            };
            let previous = match q.base {
                Some(b) => self
                    .series_value(&SeriesQuery {
                        year: Some(b.year),
                        as_of: false,
                        source: Some(v.source.clone()),
                        ..sq
                    })?
                    .map(|b| b.value),
                None => None,
            };
            return Ok(Some(Fact {
                value: v.value,
                previous,
                year: v.year,
                source: v.source,
                vintage: v.vintage,
                view: None,
                query: v.query,
                partial: None,
            }));
        }
        Ok(None)
    }

    /// The `usd_rate` series of the currency's issuer (RUB: Russia, BYN: Belarus, KZT:
    /// Kazakhstan, CNY: China, EUR: the European Union, code 97 `EUR`; partner World) in `year`.
    fn rate(&self, currency: &str, year: i32) -> Result<Option<Fact>, FactsError> {
        let issuer = match currency {
            "RUB" => 643,
            "BYN" => 112,
            "KZT" => 398,
            "CNY" => 156,
            "EUR" => 97,
            _ => return Ok(None),
        };
        let q = SeriesQuery {
            indicator: "usd_rate".into(),
            country: issuer,
            partner: 0,
            year: Some(year),
            as_of: false,
            source: None,
        };
        Ok(self.series_value(&q)?.map(|v| Fact {
            value: v.value,
            previous: None,
            year: v.year,
            source: v.source,
            vintage: v.vintage,
            view: None,
            query: v.query,
            partial: None,
        }))
    }

    fn series_value(&self, q: &SeriesQuery) -> Result<Option<analytics::SeriesValue>, FactsError> {
        self.wait(analytics::series_value(&self.engine, q))?
            .map_err(engine_err)
    }
}

/// The products a profile's figure for `m` sums when they are only part of all goods (its
/// flow's, or for turnover, balance, a flow's share of turnover and the trade rank, either
/// flow's), e.g. `HS 44, 47, 48, 94`.
fn partial_products(p: &Profile, m: &Measure) -> Option<String> {
    let (x, mm) = (&p.coverage.exports, &p.coverage.imports);
    match m {
        Measure::Exports | Measure::ExportShare | Measure::ExportRank => x.hs_label(),
        Measure::Imports | Measure::ImportShare | Measure::ImportRank => mm.hs_label(),
        _ => match (x.hs_label(), mm.hs_label()) {
            (Some(a), Some(b)) if a == b => Some(a),
            (Some(a), Some(b)) => Some(format!("{a} (exports) and {b} (imports)")),
            (a, b) => a
                .map(|a| format!("{a} (exports)"))
                .or(b.map(|b| format!("{b} (imports)"))),
        },
    }
}

/// The figure of a profile a measure names.
fn pick(p: &Profile, m: &Measure, months: bool) -> Option<Figure> {
    let missing = |dir: &str| {
        p.notes
            .iter()
            .any(|n| n.contains(&format!("no {dir} rows")))
    };
    let (x, mm, t) = if months {
        let ptd = p.period_to_date.as_ref()?;
        (ptd.exports, ptd.imports, ptd.turnover)
    } else {
        (p.exports, p.imports, p.turnover)
    };
    match m {
        Measure::Exports if !missing("exports") => Some(x),
        Measure::Imports if !missing("imports") => Some(mm),
        Measure::Turnover if !missing("exports") && !missing("imports") => Some(t),
        _ => None,
    }
}

impl Facts for WarehouseFacts {
    fn usd_rate(&self, currency: &str, year: i32) -> Result<Option<Fact>, FactsError> {
        self.rate(currency, year)
    }

    fn lookup(&self, q: &FactQuery) -> Result<Option<Fact>, FactsError> {
        match q.measure {
            ref m if from_profile(m) => self.goods(q),
            Measure::Services | Measure::Investment | Measure::Count(_) => self.series(q),
            _ => Ok(None),
        }
    }

    /// The profiles of all the queries, side by side on the runtime's worker threads.
    fn prefetch(&self, queries: &[FactQuery]) -> Result<(), FactsError> {
        let keys: Vec<PairPeriod> = queries.iter().flat_map(profile_keys).collect();
        self.wait(self.book.prefetch(&self.engine, &keys, self.parallel))?
            .map_err(engine_err)
    }
}
