//! The `bilat` binary: parse arguments, run the command, map the outcome to an exit code.
//!
//! Exit codes (DESIGN §6): 0 ok, 1 usage or user error, 2 data error (and our own bugs), 3 the
//! command ran and found problems. A closed stdout (e.g. `| head`) ends quietly with 0. Every
//! library error says whose fault it is (`bilat_model::Fault`); this file only maps the fault
//! to a code, as the server maps it to a status.

use std::process::ExitCode;

use bilat_model::Fault;
use clap::Parser;

mod args;
mod commands;
mod faults;
mod printer;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors exit 1, as the README says
            // (clap's own default, 2, is the code of data errors here).
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if printer::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            printer::error(&format!("error: {err:#}"));
            if let Some(hint) = faults::hint(&err) {
                printer::error(&format!("hint: {hint}"));
            }
            ExitCode::from(exit_code(faults::fault(&err)))
        }
    }
}

/// 1 for what the user can fix in the command line, 2 for problems in the data or in bilat.
fn exit_code(fault: Fault) -> u8 {
    match fault {
        Fault::User => 1,
        Fault::Data | Fault::Internal => 2,
    }
}
