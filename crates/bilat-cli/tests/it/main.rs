//! End-to-end tests of the `bilat` binary: one test binary so the workspace links once.
//!
//! Real data come from `$BILAT_DATA` (default `<workspace>/../shared/data`).

mod bad_input;
mod brief;
mod browser;
mod check;
mod common;
mod concurrency;
mod coverage;
mod demo;
mod exit_codes;
mod gravity;
mod import_errors;
mod potential;
mod read_only;
mod real_data;
mod serve;
mod verify;
