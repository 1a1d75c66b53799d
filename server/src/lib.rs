//! The marketplace server: configuration, database, migrations, demo data,
//! export/import and the axum router. `main.rs` is only argument parsing.
#![recursion_limit = "256"]

pub mod bench_fixture;
pub mod bench_fx;
pub mod bench_reviews;
pub mod bench_screening;
pub mod bench_share;
pub mod config;
pub mod db;
mod forms;
pub mod media;
pub mod router;
pub mod seed;
mod seed_data;
pub mod share;
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
        },
    );
    state.media = std::sync::Arc::new(app::media::LocalMedia::new(&config.media_dir));
    Ok(state)
}

/// Background work: every 5 s, write the batched dashboard counters; every minute,
/// cancel unpaid orders whose stock reservation expired, release sellers' pending
/// money after the return window, and publish or delist scheduled listings.
pub fn spawn_jobs(state: AppState) -> tokio::task::JoinHandle<()> {
    let stats_state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            tick.tick().await;
            if let Err(e) = app::sellers::stats::flush(&stats_state.db, stats_state.now()).await {
                tracing::warn!(error = %e, "writing dashboard counters failed");
            }
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        let mut minutes: u64 = 0;
        loop {
            tick.tick().await;
            if minutes.is_multiple_of(10) {
                if let Err(e) = app::catalog::refresh_trending(&state).await {
                    tracing::warn!(error = %e, "refreshing trending products failed");
                }
            }
            minutes += 1;
            match app::orders::api::imp::release_expired(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(orders = n, "released expired reservations"),
                Err(e) => tracing::warn!(error = %e, "releasing expired reservations failed"),
            }
            match app::sellers::money::imp::settle_due(&state, state.now()).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(orders = n, "released pending money after the return window")
                }
                Err(e) => tracing::warn!(error = ?e, "settling orders failed"),
            }
            match app::sellers::listings::imp::sync_sold_out(&state.db).await {
                Ok((0, 0)) => {}
                Ok((hidden, restored)) => {
                    state.catalog_cache.invalidate();
                    tracing::info!(hidden, restored, "sold-out listings");
                }
                Err(e) => tracing::warn!(error = %e, "syncing sold-out listings failed"),
            }
            match app::moderation::notices::imp::run_deadlines(&state, state.now()).await {
                Ok(0) => {}
                Ok(fired) => tracing::info!(fired, "notice deadlines"),
                Err(e) => tracing::warn!(error = %e, "notice deadlines failed"),
            }
            match app::sellers::listings::imp::run_schedule(&state.db, state.now()).await {
                Ok((0, 0)) => {}
                Ok((published, delisted)) => {
                    state.catalog_cache.invalidate();
                    tracing::info!(published, delisted, "scheduled listings");
                }
                Err(e) => tracing::warn!(error = %e, "scheduled listing changes failed"),
            }
        }
    })
}
