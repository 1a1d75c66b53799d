//! The marketplace server: configuration, database, migrations, demo data,
//! export/import and the axum router. `main.rs` is only argument parsing.
#![recursion_limit = "256"]

mod chat_form;
pub mod config;
pub mod db;
mod forms;
pub mod jobs;
mod mail;
pub mod media;
pub mod router;
pub mod seed;
mod seed_data;
pub mod share;
mod store;
pub mod test_clock;
pub mod transfer;

use app::state::{AppState, Settings};
use leptos::config::LeptosOptions;

use crate::config::Config;

/// Binds the HTTP listener with `TCP_NODELAY` on every connection: streamed SSR
/// writes several small chunks, and without it Nagle's algorithm plus delayed ACKs
/// add ~40 ms to each page (measured: 28 → thousands of pages/s on one connection).
pub async fn bind_listener(addr: std::net::SocketAddr) -> std::io::Result<NodelayListener> {
    use axum::serve::ListenerExt;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    Ok(listener.tap_io(set_nodelay as fn(&mut tokio::net::TcpStream)))
}

/// The HTTP listener type: a TCP listener that sets `TCP_NODELAY` on each connection.
pub type NodelayListener =
    axum::serve::TapIo<tokio::net::TcpListener, fn(&mut tokio::net::TcpStream)>;

fn set_nodelay(tcp: &mut tokio::net::TcpStream) {
    if let Err(e) = tcp.set_nodelay(true) {
        tracing::debug!("TCP_NODELAY not set: {e}");
    }
}

/// Leptos options from our config (not from Cargo.toml, so the binary runs anywhere).
pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("marketplace")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build()
}

/// Connects to the database, applies migrations and builds the shared state.
pub async fn build_state(config: &Config) -> Result<AppState, db::DbError> {
    let database = db::connect(&config.database).await?;
    db::migrate(&database).await?;
    let mut state = AppState::new(
        database,
        Settings {
            secure_cookies: config.secure_cookies(),
            public_origin: config.public_origin(),
            session_ttl_secs: 60 * 60 * 24 * 30,
            stripe: match (&config.stripe_secret_key, &config.stripe_webhook_secret) {
                (Some(key), Some(hook)) => Some(app::state::StripeSettings {
                    secret_key: key.expose().to_string(),
                    webhook_secret: hook.expose().to_string(),
                    api_base: "https://api.stripe.com/".into(),
                }),
                _ => None,
            },
            trusted_proxies: config.trusted_proxies.clone(),
            mail: config.smtp_url.as_ref().map(|u| app::state::MailSettings {
                smtp_url: u.expose().to_string(),
                from: config.mail_from.clone(),
            }),
        },
    );
    state.media = std::sync::Arc::new(app::media::LocalMedia::new(&config.media_dir));
    Ok(state)
}

/// Worker threads' stacks: the embedded database runs queries on them, and a long
/// checkout transaction (orders, stock, store credit, sharing rewards) needs more than
/// the 2 MiB default in debug builds; 8 MiB leaves room in release too (only the pages
/// touched are committed).
pub const WORKER_STACK: usize = 8 << 20;

/// A command-line entry point (the server's and the benchmark fixtures'): logs to stderr
/// (`RUST_LOG`, else `log_filter`), parses the arguments (a usage error exits 2 with
/// `usage`), reads the configuration from the environment (exits 2 naming the bad
/// variable), and runs the command on the multi-threaded runtime.
pub fn command_main<C, F, Fut>(
    usage: &str,
    log_filter: &str,
    parse: fn(&[String]) -> Result<C, String>,
    run: F,
) -> std::process::ExitCode
where
    F: FnOnce(C, Config) -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    use std::process::ExitCode;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(log_filter)),
        )
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}\n{usage}");
            return ExitCode::from(2);
        }
    };
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(WORKER_STACK)
        .build();
    let outcome = match runtime {
        Ok(runtime) => runtime.block_on(run(command, config)),
        Err(e) => Err(format!("no async runtime: {e}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
