//! What a claim is: a number in the text with what it measures, whose it is and when.
//!
//! Values are kept twice: `printed` (as written, in the printed unit, e.g. 783.7 million) with
//! its `decimals`, and `value` in base units (USD, percent, ratio, count). The printed
//! precision is the tolerance of every comparison: a claim printed with `d` decimals in unit `u`
//! stands for any true value within `±0.5·10^−d·u`.

use serde::Serialize;

/// Kind of number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A money amount ("$896 million").
    Amount,
    /// A change against a base period ("up 30%", "4.8 times", "by a third").
    Change,
    /// A count of things ("49 enterprises").
    Count,
    /// A share or other percentage that is not a change ("12% of exports").
    Share,
    /// A rank among partners ("the eighth largest export market").
    Rank,
    /// A physical quantity ("48,200 tonnes", "1,2 млн тонн"): unit `t` or `kg`, never money.
    Quantity,
}

/// What the number measures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Exports + imports of goods.
    Turnover,
    /// Exports − imports of `subject.from` with `subject.to` ("a positive balance of $X", "a
    /// deficit of $Y" is −Y, "сальдо", "профицит").
    Balance,
    /// Goods exports of `subject.from` to `subject.to`.
    Exports,
    /// Goods imports (flow `subject.from` → `subject.to`, the importer is `to`).
    Imports,
    /// Trade in services.
    Services,
    /// Direct investment of `subject.from` in `subject.to`.
    Investment,
    /// A count indicator of the `series` table (e.g. `joint_ventures`) or one the data lack.
    Count(String),
    /// The share of `subject.to` in `subject.from`'s goods exports, % (DESIGN §3:
    /// X / X_A,world).
    ExportShare,
    /// The share of `subject.to` in `subject.from`'s goods imports, %.
    ImportShare,
    /// The share of `subject.from`'s exports to `subject.to` in their mutual trade, %
    /// (X_AB / (X_AB + M_AB) · 100): "exports made up 87% of mutual trade", "доля экспорта в
    /// товарообороте составила 87%".
    ExportsInTrade,
    /// The share of `subject.from`'s imports from `subject.to` in their mutual trade, %.
    ImportsInTrade,
    /// Another share (of what is not said; not checked against data).
    Share,
    /// Rank of `subject.to` among `subject.from`'s export markets (1 = largest).
    ExportRank,
    /// Rank of `subject.to` among `subject.from`'s suppliers.
    ImportRank,
    /// Rank of `subject.to` among `subject.from`'s trading partners by exports + imports.
    TradeRank,
    /// Nothing in the text says what the number measures.
    Unknown,
}

impl Measure {
    /// Short name used in output ("exports", "count:agreements").
    pub fn name(&self) -> String {
        match self {
            Measure::Turnover => "turnover".into(),
            Measure::Balance => "balance".into(),
            Measure::Exports => "exports".into(),
            Measure::Imports => "imports".into(),
            Measure::Services => "services".into(),
            Measure::Investment => "investment".into(),
            Measure::Count(c) => format!("count:{c}"),
            Measure::ExportShare => "share:exports".into(),
            Measure::ImportShare => "share:imports".into(),
            Measure::ExportsInTrade => "share:exports_in_trade".into(),
            Measure::ImportsInTrade => "share:imports_in_trade".into(),
            Measure::Share => "share".into(),
            Measure::ExportRank => "rank:exports".into(),
            Measure::ImportRank => "rank:imports".into(),
            Measure::TradeRank => "rank:trade".into(),
            Measure::Unknown => "unknown".into(),
        }
    }
}

/// How the number bounds the true value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The value, at its printed precision.
    Exact,
    /// "more than", "over", "exceeded", "более", "свыше": a lower bound.
    ///
    /// Semantics (documented choice): the claim holds when the true value is at least the
    /// printed number minus its printed precision (`v ≥ N − h`). News items round down to a
    /// round figure and write "more than"; the sources they quote often record that round
    /// figure itself ("more than 60 agreements" from a register of 60), so a strict `v > N`
    /// would call a faithful report false.
    AtLeast,
    /// "less than", "under", "below", "менее": an upper bound (`v ≤ N + h`).
    AtMost,
    /// "about", "nearly", "около", "почти": within 5% (or the printed precision if wider).
    Approx,
    /// "several billions": no number; the claim holds for at least 2 units of the scale.
    Vague,
}

/// How a change is expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// "up 30%": percent of the base.
    Percent,
    /// "4.8 times": ratio of the new value to the base.
    Times,
    /// "up 2 percentage points": difference of two percentages.
    Points,
    /// "by a third": a fraction of the base, a loose figure (±2.5 points).
    Fraction,
    /// "rose by USD 120 million": the difference of two amounts, in USD.
    Absolute,
}

/// A period: a year and optionally months of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    /// Calendar year.
    pub year: i32,
    /// First and last month (1..=12) for period-to-date figures ("January-June").
    pub months: Option<(u8, u8)>,
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.months {
            Some((a, b)) if a == b => write!(f, "{}-{:02}", self.year, a),
            Some((a, b)) => write!(f, "{} months {a}-{b}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

/// Whose figure it is, as ISO alpha-3 codes. For flows and investment `from` → `to`; for turnover
/// and services the pair in the order the text gives it; for counts `to` is the country where the
/// things are and `from` the country whose capital or participation they have.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Subject {
    /// Origin (exporter, investor, owner) or the first country of a pair.
    pub from: Option<String>,
    /// Destination (importer, recipient, location) or the second country of a pair.
    pub to: Option<String>,
}

/// A product named in the text, with the HS codes whose flows it sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Product {
    /// English name, e.g. `wheat`.
    pub name: String,
    /// HS codes (2, 4 or 6 digits), e.g. `["1001"]`.
    pub codes: Vec<String>,
}

/// One quantitative claim found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// First character of the span (character offset into the input, not bytes).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The span's text.
    pub text: String,
    /// Kind of number.
    pub kind: ClaimKind,
    /// What it measures.
    pub measure: Measure,
    /// Value in base units: USD for amounts and absolute changes (signed), signed percent for
    /// percent changes (+30.0),
    /// the ratio for "times" (4.8, or 0.5 for "halved"), signed points, the count. `None` for
    /// vague amounts.
    pub value: Option<f64>,
    /// The number as printed (30 for "30%", 783.7 for "$783.7 million"); `None` when vague.
    pub printed: Option<f64>,
    /// Decimal places printed.
    pub decimals: u8,
    /// Multiplier of the printed unit (1e6 for "million"); 1 for percent, times and counts.
    pub scale: f64,
    /// Unit: `USD`, `%`, `times`, `pp`, `count`; `USD?` when an amount names no currency.
    pub unit: String,
    /// How the number bounds the true value.
    pub bound: Bound,
    /// For changes: how it is expressed.
    pub change: Option<ChangeKind>,
    /// Whose figure.
    pub subject: Subject,
    /// When.
    pub period: Option<Period>,
    /// For changes: the base period ("from the level of 2017"; else a year before `period`).
    pub base: Option<Period>,
    /// For changes: the index of the amount (or count) the change is about.
    pub of: Option<usize>,
    /// A hope, plan or target ("we can hope for more than $1 billion"), not a reported figure.
    pub target: bool,
    /// For an amount in another currency, the index of the dollar amount the text gives as its
    /// equivalent right beside it ("two trillion roubles ($27.1 bln)", "$27.1 billion (2
    /// trillion roubles)", "54 млрд рублей, или около $0.8 млрд"); for that dollar amount, the
    /// index of the foreign one.
    pub equivalent: Option<usize>,
    /// For a quantity, the product it is of ("48,200 tonnes of wheat", "экспорт пшеницы … 1,2
    /// млн тонн"), when a word of the lexicon names it.
    pub product: Option<Product>,
    /// Sentence number (0-based); internal checks only relate claims a few sentences apart.
    pub sentence: usize,
}

impl Claim {
    /// Half a unit of the last printed digit, in base units: the claim's tolerance.
    /// Counts are whole numbers: their tolerance is zero.
    pub fn half_unit(&self) -> f64 {
        if self.kind == ClaimKind::Count {
            return 0.0;
        }
        0.5 * 10f64.powi(-i32::from(self.decimals)) * self.scale
    }
}

/// A note about the text that is not a claim (e.g. a number the grammar could not place).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// What was noticed.
    pub message: String,
}

/// English name of a scale multiplier (" million" for 1e6), empty for 1.
pub(crate) fn scale_name(scale: f64) -> &'static str {
    [
        (1e12, " trillion"),
        (1e9, " billion"),
        (1e6, " million"),
        (1e3, " thousand"),
    ]
    .iter()
    .find(|(v, _)| *v == scale)
    .map_or("", |(_, n)| n)
}
