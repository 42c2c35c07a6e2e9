//! One module per command; `run` dispatches and owns the shared wiring (warehouse, runtime, demo).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use crate::args::{Cli, Command};
use crate::printer;

mod brief;
mod catalog;
mod check;
mod demo;
mod gravity;
mod history;
mod import;
mod indicators;
mod partners;
mod potential;
mod profile;
mod serve;
mod sql;
mod verify;

/// A mistake in the command line that clap cannot see (exit code 1).
#[derive(Debug)]
pub struct UserError(pub String);

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let root = warehouse_dir(cli.warehouse)?;
    match cli.command {
        Command::Import(args) => import::run(&root, args),
        Command::Demo(_) => demo::run(&root, true),
        Command::Gravity(args) => gravity::run(&root, args),
        Command::Catalog(args) => {
            ensure_data(&root)?;
            catalog::run(&root, args)
        }
        Command::Profile(args) => {
            ensure_data(&root)?;
            profile::run(&root, args)
        }
        Command::Indicators(args) => {
            if args.data.is_none() {
                ensure_data(&root)?;
            }
            indicators::run(&root, args)
        }
        Command::Potential(args) => {
            if args.data.is_none() {
                ensure_data(&root)?;
            }
            potential::run(&root, args)
        }
        Command::Brief(args) => {
            ensure_data(&root)?;
            brief::run(&root, args)
        }
        Command::Check(args) => {
            ensure_data(&root)?;
            check::run(&root, args)
        }
        Command::Sql(args) => {
            ensure_data(&root)?;
            sql::run(&root, args)
        }
        Command::Verify(args) => verify::run(&root, args),
        Command::Partners(args) => {
            ensure_data(&root)?;
            partners::run(&root, args)
        }
        Command::History(args) => {
            ensure_data(&root)?;
            history::run(&root, args)
        }
        Command::Serve(args) => {
            ensure_data(&root)?;
            serve::run(&root, args)
        }
    }
}

/// `--warehouse` (or `$BILAT_WAREHOUSE`, via clap), else the shared default
/// (`bilat_load::default_root`: `$XDG_DATA_HOME/bilat`, else `~/.local/share/bilat`).
fn warehouse_dir(arg: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match arg {
        Some(p) => Ok(p),
        None => bilat_load::default_root()
            .context("cannot find the warehouse: set --warehouse or BILAT_WAREHOUSE"),
    }
}

/// Builds the demo world first when nothing has been imported yet, saying so on stderr.
fn ensure_data(root: &std::path::Path) -> anyhow::Result<()> {
    let wh = bilat_warehouse::Warehouse::open(root)?;
    if wh.is_empty() {
        printer::note(&format!(
            "notice: the warehouse {} is empty; building the demo world (demo data (generated)) first",
            root.display()
        ));
        demo::run(root, false)?;
    }
    Ok(())
}

/// A current-thread runtime: our queries are small, and start-up time counts for CLI latency.
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}
