//! A's partners ranked: OEC's and Trade Map's first table ("who does A sell to / buy from").
//!
//! ```text
//! v_p      = A's exports to p, imports from p, or both (turnover), in the year and view
//! share_p  = v_p / V_A,world · 100     V_A,world = A's total with the World, as in its profile
//! growth_p = (v_p,t / v_p,t−1 − 1)·100 (DESIGN §3; same source, vintage and view)
//! rank_p   = 1 + #{partners q : v_q > v_p}
//! ```
//! Source, vintage and view are chosen as for A's profile with the World (so the ranking and
//! `bilat profile A World` agree), and each partner's value follows the level rules of
//! `levels::total` (`profile::partner_totals`: the `pairs` table when its levels allow).

use std::collections::BTreeMap;
use std::str::FromStr;

use bilat_model::{Place, View, country_by_code};
use bilat_warehouse::QueryEngine;
use serde::Serialize;

use crate::profile::{PartnerTotals, partner_totals, side};
use crate::{Figure, ProfileRequest, Provenance, Result, Side, growth_pct};

/// Which flow ranks the partners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FlowChoice {
    /// A's exports to each partner.
    #[default]
    Exports,
    /// A's imports from each partner.
    Imports,
    /// Exports plus imports.
    Turnover,
}

impl FlowChoice {
    /// Lower-case name (`exports`, `imports`, `turnover`).
    pub fn as_str(self) -> &'static str {
        match self {
            FlowChoice::Exports => "exports",
            FlowChoice::Imports => "imports",
            FlowChoice::Turnover => "turnover",
        }
    }
}

impl FromStr for FlowChoice {
    type Err = String;

    /// `exports`, `imports` or `turnover` (the CLI's `--flow` spellings).
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "exports" | "export" | "x" => Ok(FlowChoice::Exports),
            "imports" | "import" | "m" => Ok(FlowChoice::Imports),
            "turnover" | "trade" | "total" => Ok(FlowChoice::Turnover),
            _ => Err(format!(
                "{s:?} is not a flow; use exports, imports or turnover"
            )),
        }
    }
}

/// A's partners in a year, ranked by one flow.
#[derive(Debug, Clone)]
pub struct PartnersRequest {
    /// Country or group A.
    pub a: Place,
    /// Year.
    pub year: i32,
    /// Flow to rank by.
    pub flow: FlowChoice,
    /// How many partners to list (totals cover all).
    pub top: usize,
    /// View; `None` chooses as the profile does.
    pub view: Option<View>,
    /// Restrict to one source.
    pub source: Option<String>,
    /// Restrict to one vintage.
    pub vintage: Option<String>,
}

impl PartnersRequest {
    /// The top 20 export markets of `a` in `year`.
    pub fn new(a: Place, year: i32) -> Self {
        PartnersRequest {
            a,
            year,
            flow: FlowChoice::Exports,
            top: 20,
            view: None,
            source: None,
            vintage: None,
        }
    }

    /// The ranking (see the module doc).
    pub async fn run(&self, engine: &QueryEngine) -> Result<PartnerRanking> {
        partners(engine, self).await
    }
}

/// One partner of the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PartnerLine {
    /// 1 = largest.
    pub rank: usize,
    /// Alpha-3 (or the numeric code when the table has no row for it).
    pub code: String,
    /// English name.
    pub name: String,
    /// Russian name.
    pub name_ru: String,
    /// Value in the year, the year before and growth, USD.
    #[serde(flatten)]
    pub figure: Figure,
    /// Share of A's total with the World, %.
    pub share_pct: Option<f64>,
}

/// A's partners ranked by `flow`.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PartnerRanking {
    /// Country A.
    pub reporter: Side,
    /// Year.
    pub year: i32,
    /// Flow ranked.
    pub flow: FlowChoice,
    /// Where the figures come from (as in A's profile with the World).
    pub provenance: Provenance,
    /// A's total with the World in the year and the year before.
    pub world: Figure,
    /// Partners with a positive value.
    pub partner_count: usize,
    /// The first `top` partners, largest first.
    pub partners: Vec<PartnerLine>,
    /// Caveats (as the profile's notes).
    pub notes: Vec<String>,
}

/// Ranks A's partners; see the module doc.
pub async fn partners(engine: &QueryEngine, req: &PartnersRequest) -> Result<PartnerRanking> {
    let world_place = bilat_model::group_by_id("WORLD")
        .map(Place::Group)
        .ok_or_else(|| crate::Error::bad_pair("the country table has no WORLD group"))?;
    let mut preq = ProfileRequest::new(req.a.clone(), world_place, req.year);
    preq.top = 0;
    preq.view = req.view;
    preq.source = req.source.clone();
    preq.vintage = req.vintage.clone();
    let world = crate::profile(engine, &preq).await?;
    let pv = world.provenance.clone();
    let a = side(&req.a);
    let now = partner_totals(
        engine,
        &pv.source,
        &pv.vintage,
        pv.view,
        &a.members,
        req.year,
    );
    let before = partner_totals(
        engine,
        &pv.source,
        &pv.vintage,
        pv.view,
        &a.members,
        req.year - 1,
    );
    let (now, before) = (now.await?, before.await?);
    let (cur, prev) = (by_flow(&now, req.flow), by_flow(&before, req.flow));
    let world_figure = match req.flow {
        FlowChoice::Exports => world.exports,
        FlowChoice::Imports => world.imports,
        FlowChoice::Turnover => world.turnover,
    };
    let mut lines: Vec<(i64, f64)> = cur.into_iter().filter(|(_, v)| *v > 0.0).collect();
    // Largest first; equal values by code, so the order is the same on every run.
    lines.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let partner_count = lines.len();
    let world_usd = world_figure.value_usd;
    let mut out = Vec::with_capacity(req.top.min(partner_count));
    for (i, &(code, v)) in lines.iter().enumerate().take(req.top) {
        let previous = prev.get(&code).copied();
        let rank = 1 + lines[..i].iter().filter(|l| l.1 > v).count();
        let (code_s, name, name_ru) = partner_names(code);
        out.push(PartnerLine {
            rank,
            code: code_s,
            name,
            name_ru,
            figure: Figure {
                value_usd: v,
                previous_value_usd: previous,
                growth_pct: previous.and_then(|p| growth_pct(v, p)),
                times: previous.filter(|p| *p > 0.0 && v / p >= 2.0).map(|p| v / p),
            },
            share_pct: (world_usd > 0.0).then(|| v / world_usd * 100.0),
        });
    }
    Ok(PartnerRanking {
        reporter: a,
        year: req.year,
        flow: req.flow,
        provenance: pv,
        world: world_figure,
        partner_count,
        partners: out,
        notes: world.notes,
    })
}

/// Partner → value of `flow` (partner 0, the reported world row, left out).
fn by_flow(totals: &PartnerTotals, flow: FlowChoice) -> BTreeMap<i64, f64> {
    let mut out = BTreeMap::new();
    for (&(is_x, p), &v) in totals {
        let counts = match flow {
            FlowChoice::Exports => is_x,
            FlowChoice::Imports => !is_x,
            FlowChoice::Turnover => true,
        };
        if counts && p != 0 {
            *out.entry(p).or_insert(0.0) += v;
        }
    }
    out
}

/// Alpha-3 and names of a partner code; its number when the country table has no row for it.
fn partner_names(code: i64) -> (String, String, String) {
    match u16::try_from(code).ok().and_then(country_by_code) {
        Some(c) => (
            c.alpha3.to_string(),
            c.name_en.to_string(),
            c.name_ru.to_string(),
        ),
        None => (
            code.to_string(),
            format!("code {code}"),
            format!("код {code}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_spellings() {
        assert_eq!("Exports".parse::<FlowChoice>(), Ok(FlowChoice::Exports));
        assert_eq!("turnover".parse::<FlowChoice>(), Ok(FlowChoice::Turnover));
        assert_eq!("m".parse::<FlowChoice>(), Ok(FlowChoice::Imports));
        assert!("sideways".parse::<FlowChoice>().is_err());
    }

    #[test]
    fn turnover_adds_both_directions_and_drops_the_world_row() {
        let mut t = PartnerTotals::new();
        t.insert((true, 398), 10.0);
        t.insert((false, 398), 5.0);
        t.insert((true, 0), 100.0);
        t.insert((false, 643), 7.0);
        let x = by_flow(&t, FlowChoice::Exports);
        assert_eq!(x.get(&398), Some(&10.0));
        assert_eq!(x.get(&0), None);
        let tt = by_flow(&t, FlowChoice::Turnover);
        assert_eq!(tt.get(&398), Some(&15.0));
        assert_eq!(tt.get(&643), Some(&7.0));
    }
}
