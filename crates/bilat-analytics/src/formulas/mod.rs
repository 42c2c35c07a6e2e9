//! Pure formulas: functions of in-memory product tables, with no warehouse and no I/O, so they
//! are unit-tested on hand-computable cases. The warehouse-backed reports that feed them are
//! one level up (`indicators.rs`, `potential.rs`).
//!
//! | file | holds |
//! | --- | --- |
//! | `indicators.rs` | RCA, trade intensity, complementarity, Grubel–Lloyd, diversification |
//! | `potential.rs` | product export potential after ITC's Export Potential Map |

pub(crate) mod indicators;
pub(crate) mod potential;
