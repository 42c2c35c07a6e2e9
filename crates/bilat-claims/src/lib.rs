//! Claim check: find every numeric trade claim in a news text (English or Russian) and say
//! whether the text itself and the data support it (DESIGN §4).
//!
//! ```text
//! text ──extract──▶ Vec<Claim> (span, measure, value, unit, bound, subject, period, base)
//!                      │
//!          internal ◀──┤ parts sum to totals, growth of a total agrees with its components,
//!                      │ stated bases agree (tolerance = printed precision)
//!                      ▼
//!            verify(Facts) ──▶ Verdict per claim: supported | contradicted | inconsistent |
//!                              unverifiable, with evidence (value, query, source, vintage, view)
//!                      ▼
//!                   render: text with claims marked, md, json, html
//! ```
//!
//! ```
//! let (claims, _) = bilat_claims::extract("In 2018, exports of Belarus to Kazakhstan reached $783.7 million (up 32.3%).", None);
//! assert_eq!(claims.len(), 2);
//! assert_eq!(claims[0].value, Some(783.7e6));
//! assert_eq!(claims[1].value, Some(32.3));
//! ```
//!
//! # Where to start
//! [`extract`] (the grammar, in `extract.rs`), [`internal_checks`], [`verify`] with the
//! [`Facts`] trait and its warehouse implementation [`WarehouseFacts`], and [`render`].
//! Extraction and internal checks use no I/O and no query engine.
#![deny(missing_docs)]

mod batch;
mod claim;
mod error;
mod extract;
mod internal;
mod lexicon;
mod places;
mod render;
mod text;
mod verify;
#[cfg(feature = "warehouse")]
mod warehouse_facts;

pub use batch::{ArticleRow, Counts, render_batch};
pub use claim::{
    Bound, ChangeKind, Claim, ClaimKind, Diagnostic, Measure, Period, Product, Subject,
};
pub use error::{Error, Result};
pub use extract::{detect_lang, extract};
pub use internal::{Finding, internal_checks};
pub use lexicon::{
    Numeral, TextLang, combine_number_words, fraction_word, number_word, parse_numeral, scale_word,
};
pub use places::demonym;
pub use render::{Format, render};
pub use verify::{
    CheckReport, Evidence, Fact, FactQuery, Facts, FactsError, Verdict, Verified, check, verify,
};
#[cfg(feature = "warehouse")]
pub use warehouse_facts::WarehouseFacts;
