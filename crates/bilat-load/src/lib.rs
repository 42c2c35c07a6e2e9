//! The import pipeline: read a source with `bilat-ingest`, commit it with `bilat-warehouse`.
//!
//! The readers know nothing of the warehouse and the warehouse knows nothing of the readers
//! (ARCHITECTURE.md); this crate is the one place that wires them, so the CLI, the HTTP server,
//! the Python package and the bench tool import the same way: same checksums, same "already
//! imported" rule, same rejects file, same atomic commit.
//!
//! ```no_run
//! # fn f() -> Result<(), bilat_load::Error> {
//! use bilat_load::{SourceKind, read, commit};
//! let mut wh = bilat_warehouse::Warehouse::open("/tmp/wh")?;
//! let input = std::path::Path::new("yrpc.csv");
//! let data = read(SourceKind::Ots, input, &Default::default())?;
//! let rejects = bilat_load::default_rejects_path(wh.root(), input);
//! let outcome = commit(&mut wh, data, &rejects, &Default::default())?;
//! println!("{}", outcome.entry().id);
//! # Ok(()) }
//! ```
//!
//! # Where to start
//! [`read`] then [`commit`]; [`load_demo`] for the generated world.
#![deny(missing_docs)]

mod error;
mod pipeline;
mod root;

/// The data families bilat imports (the readers' own enum).
pub use bilat_ingest::SourceKind;
pub use error::{Error, Result};
pub use pipeline::{
    LoadOutcome, Rejects, commit, default_rejects_path, load_demo, read, source_kind, to_new_import,
};
pub use root::default_root;
