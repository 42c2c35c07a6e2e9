//! The one place that writes to the terminal: results to stdout, diagnostics to stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;

/// Writes a result to stdout; a closed pipe surfaces as an error `main` treats as success.
pub fn out(s: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(s.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// A diagnostic line on stderr.
pub fn error(s: &str) {
    eprintln!("{s}");
}

/// A notice on stderr (progress, hints, what was done).
pub fn note(s: &str) {
    eprintln!("{s}");
}

/// True if the error is stdout being closed by the reader.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
