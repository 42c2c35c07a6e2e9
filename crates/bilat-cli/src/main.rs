//! The `bilat` binary: parse arguments, run the command, map the outcome to an exit code.
//!
//! Exit codes (DESIGN §6): 0 ok, 1 usage or user error, 2 data error, 3 the command ran and
//! found problems. A closed stdout (e.g. `| head`) ends quietly with 0.

use std::process::ExitCode;

use clap::Parser;

mod args;
mod commands;
mod printer;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if printer::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            printer::error(&format!("error: {err:#}"));
            ExitCode::from(exit_code(&err))
        }
    }
}

/// 1 for what the user can fix in the command line, 2 for problems in the data.
fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if cause.downcast_ref::<bilat_model::Error>().is_some() {
            return 1;
        }
        if let Some(e) = cause.downcast_ref::<bilat_analytics::Error>() {
            return match e {
                bilat_analytics::Error::BadRequest(_) => 1,
                _ => 2,
            };
        }
        if let Some(e) = cause.downcast_ref::<bilat_warehouse::Error>() {
            return match e {
                bilat_warehouse::Error::Sql { .. } | bilat_warehouse::Error::ReadOnly { .. } => 1,
                _ => 2,
            };
        }
        if cause.downcast_ref::<bilat_ingest::Error>().is_some() {
            return 2;
        }
        if cause.downcast_ref::<bilat_gravity::Error>().is_some() {
            return 1;
        }
        if cause.downcast_ref::<bilat_claims::FactsError>().is_some() {
            return 2;
        }
        if cause.downcast_ref::<commands::UserError>().is_some() {
            return 1;
        }
    }
    2
}
