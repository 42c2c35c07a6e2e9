//! `bilat serve`: the API and the dashboard over HTTP (crate `bilat-server`).
//!
//! Binds loopback unless told otherwise, prints the URL on stderr, and stops on Ctrl-C or
//! SIGTERM once the requests in flight have finished.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::args::ServeArgs;
use crate::printer;

pub fn run(root: &Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let token = match &args.token_file {
        Some(f) => {
            let t = std::fs::read_to_string(f)
                .with_context(|| format!("reading the token file {}", f.display()))?;
            let t = t.trim().to_string();
            if t.len() < 16 {
                return Err(super::UserError(format!(
                    "{}: the token must be at least 16 characters",
                    f.display()
                ))
                .into());
            }
            Some(t)
        }
        None => None,
    };
    let config = bilat_server::ServeConfig {
        allow_import: args.allow_import,
        import_token: token,
        cors: args.cors.clone(),
        timeout_secs: args.timeout.max(1),
        max_in_flight: args.max_in_flight.max(1),
        ..Default::default()
    };
    let rt = super::runtime()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let addr = listener.local_addr()?;
        printer::note(&format!(
            "serving {} on http://{addr}/ (API: http://{addr}/api/v1, OpenAPI: http://{addr}/api/openapi.json){}",
            root.display(),
            if args.allow_import { "; imports enabled" } else { "; read-only" }
        ));
        if !addr.ip().is_loopback() {
            printer::note(
                "note: listening beyond loopback; put a TLS reverse proxy in front for other hosts",
            );
        }
        bilat_server::serve(
            root.to_path_buf(),
            config,
            listener,
            bilat_server::shutdown_signal(),
        )
        .await
        .context("the server stopped")?;
        printer::note("stopped");
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
