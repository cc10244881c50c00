//! `backchannel serve`: the HTTP API and the dashboard over the database.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::Global;
use crate::output;

/// Serve the JSON API and the dashboard (timeline, actor network, positions over time,
/// contradictions, what's next, forecast) over the database, updating live as documents
/// arrive.
///
/// Read-only unless started with --token: then `POST /api/documents` with
/// `Authorization: Bearer TOKEN` ingests articles. Binds to the loopback interface unless
/// told otherwise. The API is described at /api/openapi.json.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "Examples:
  backchannel ingest examples/muscat
  backchannel serve --dossier examples/muscat/dossier.toml
  backchannel serve --bind 127.0.0.1:9000 --token \"$(openssl rand -hex 16)\"
  curl -s localhost:8080/api/events?type=CONSULT | jq '.items[0]'
  curl -s -H 'Authorization: Bearer TOKEN' -H 'Content-Type: text/plain' \\
       --data-binary @article.txt 'localhost:8080/api/documents?id=article'

Stop with Ctrl-C: requests in flight are finished first.

Exit codes: 0 stopped cleanly; 2 could not start (database, address in use, bad dossier).")]
pub struct ServeArgs {
    /// Address to listen on. Use 0.0.0.0:PORT to serve other machines (and a --token only
    /// behind TLS).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    pub bind: SocketAddr,
    /// Bearer token that allows `POST /api/documents`; without it the server is read-only.
    #[arg(
        long,
        env = "BACKCHANNEL_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// The negotiation to follow (`dossier.toml`); without it one is proposed from the corpus.
    #[arg(long, value_name = "FILE")]
    pub dossier: Option<PathBuf>,
    /// Seconds between checks of the database for new documents.
    #[arg(long, default_value_t = 2.0, value_name = "SECONDS")]
    pub poll: f64,
    /// Seconds a request may take before it is answered with an error.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Largest request body, in MiB.
    #[arg(long, default_value_t = 16, value_name = "MIB")]
    pub max_body: usize,
    /// Database connections (one thread each).
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub connections: usize,
}

/// Builds the server configuration from the arguments: checks the database exists and reads
/// the dossier.
///
/// # Errors
/// When the database does not exist or the dossier is not valid.
pub fn config(args: &ServeArgs, global: &Global) -> anyhow::Result<server::Config> {
    let location = crate::commands::database_location(global);
    // Fails early, with a hint, when the database is missing.
    drop(crate::commands::open_existing_store(global)?);
    let dossier = args
        .dossier
        .as_deref()
        .map(corpus::read_dossier)
        .transpose()?;
    let open: server::StoreOpener = Arc::new(move || {
        if location.starts_with("postgres://") || location.starts_with("postgresql://") {
            store::PgStore::open(&location).map(|s| Box::new(s) as Box<dyn store::Store>)
        } else {
            store::SqliteStore::open(std::path::Path::new(&location))
                .and_then(|s| s.with_read_cache(64))
                .map(|s| Box::new(s) as Box<dyn store::Store>)
        }
    });
    let mut config = server::Config::new(open);
    config.dossier = dossier;
    config.token = args.token.clone().filter(|t| !t.trim().is_empty());
    config.poll_interval = Duration::from_secs_f64(args.poll.max(0.1));
    config.request_timeout = Duration::from_secs_f64(args.timeout.max(0.1));
    config.max_body_bytes = args.max_body.max(1) * 1024 * 1024;
    config.store_threads = args.connections.max(1);
    config.on_error = Some(Arc::new(|detail: &str| {
        output::problem(&format!("internal error: {detail}"));
    }));
    Ok(config)
}

/// Runs `serve` until Ctrl-C or SIGTERM.
///
/// # Errors
/// When the database or dossier cannot be read or the address cannot be bound.
pub fn run(args: ServeArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let config = config(&args, global)?;
    let writable = config.token.is_some();
    if !args.bind.ip().is_loopback() {
        output::warning(
            global.quiet,
            &format!(
                "serving on {}: other machines can reach this server{}",
                args.bind,
                if writable {
                    "; the token travels in clear text unless a TLS proxy is in front"
                } else {
                    ""
                }
            ),
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let started = std::time::Instant::now();
        let state = server::AppState::start(config).await?;
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| {
                format!(
                    "cannot listen on {}\nhint: pick another port with --bind 127.0.0.1:PORT",
                    args.bind
                )
            })?;
        let local = listener.local_addr()?;
        output::note(
            global.quiet,
            &format!(
                "serving http://{local}/ ({}; analysed view ready in {:.1} s; Ctrl-C stops)",
                if writable {
                    "POST /api/documents needs the token"
                } else {
                    "read-only"
                },
                started.elapsed().as_secs_f64()
            ),
        );
        server::serve(listener, state, shutdown_signal()).await?;
        output::note(global.quiet, "stopped");
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
