//! The test app: the real router on port 0 with a fresh database, a clock tests can
//! move, and a builder for the few other settings tests need.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use app::state::{AppState, Clock};
use chrono::{DateTime, Utc};
use server::config::{Config, DatabaseConfig};

use crate::client::Client;

pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    /// The app's clock: real time plus an offset tests can move forward.
    pub clock: Arc<TestClock>,
    /// Uploaded files of this app (removed when the app is dropped).
    pub media_dir: tempfile::TempDir,
    server: tokio::task::JoinHandle<()>,
}

/// Wall-clock time shifted by an adjustable offset (for deadlines and expiry).
#[derive(Default)]
pub struct TestClock {
    offset: Mutex<chrono::Duration>,
}

impl TestClock {
    pub fn advance(&self, by: chrono::Duration) {
        *self.offset.lock().expect("clock") += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.lock().expect("clock")
    }
}

/// Webhook signing secret used when a test app has Stripe configured.
pub const WEBHOOK_SECRET: &str = "whsec_integration_tests";

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn config_for(db_url: &str, stripe: bool) -> Config {
    let mut config = Config::from_lookup(|k| match k {
        "SITE_ADDR" => Some("127.0.0.1:0".into()),
        "STRIPE_SECRET_KEY" if stripe => Some("sk_test_integration".into()),
        "STRIPE_WEBHOOK_SECRET" if stripe => Some(WEBHOOK_SECRET.into()),
        "LEPTOS_SITE_ROOT" => Some(env!("CARGO_MANIFEST_DIR").to_string() + "/../target/site"),
        _ => None,
    })
    .expect("test config");
    config.database = DatabaseConfig {
        url: db_url.to_string(),
        ..DatabaseConfig::memory()
    };
    config
}

/// Settings of a test app: `TestApp::builder().database(url).stripe(api)
/// .order_listener(l).spawn().await`; each is optional.
pub struct TestAppBuilder {
    database: String,
    stripe_api: Option<String>,
    order_listener: Option<Arc<dyn app::events::OrderListener>>,
    test_clock: Option<String>,
    trusted_proxies: Option<String>,
    smtp_url: Option<String>,
}

impl TestAppBuilder {
    /// The database at `url` (e.g. `surrealkv://...` for restart tests) instead of a
    /// fresh in-memory one.
    pub fn database(mut self, url: &str) -> Self {
        self.database = url.to_string();
        self
    }

    /// Stripe configured (with [`WEBHOOK_SECRET`]), its API calls going to `api` (a
    /// local stand-in).
    pub fn stripe(mut self, api: impl Into<String>) -> Self {
        self.stripe_api = Some(api.into());
        self
    }

    /// One more order listener after the marketplace's own (to watch or disturb what
    /// order changes publish).
    pub fn order_listener(mut self, listener: Arc<dyn app::events::OrderListener>) -> Self {
        self.order_listener = Some(listener);
        self
    }

    /// The browser tests' movable clock and its route, for requests carrying `token`
    /// (the app's clock is then that one, not [`TestApp::clock`]).
    pub fn test_clock(mut self, token: &str) -> Self {
        self.test_clock = Some(token.to_string());
        self
    }

    /// Reverse proxies (as `TRUSTED_PROXIES` lists them) whose `X-Forwarded-For` names
    /// the client.
    pub fn trusted_proxies(mut self, list: &str) -> Self {
        self.trusted_proxies = Some(list.to_string());
        self
    }

    /// Mail sent to the SMTP server at `url` (e.g. [`crate::MailDev::smtp_url`]).
    pub fn smtp(mut self, url: impl Into<String>) -> Self {
        self.smtp_url = Some(url.into());
        self
    }

    /// Starts the router on port 0 with these settings.
    pub async fn spawn(self) -> TestApp {
        let config = config_for(&self.database, self.stripe_api.is_some());
        // internal errors are logged, so a failing test shows their cause
        static LOGS: std::sync::Once = std::sync::Once::new();
        LOGS.call_once(|| {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_default_env()
                        .unwrap_or_else(|_| "error".into()),
                )
                .with_test_writer()
                .try_init();
        });
        let mut state = server::build_state(&config).await.expect("state");
        let clock = Arc::new(TestClock::default());
        state.clock = clock.clone();
        if let Some(extra) = self.order_listener {
            let mut listeners = (*state.listeners).clone();
            listeners.order.push(extra);
            state.listeners = Arc::new(listeners);
        }
        let media_dir = tempfile::tempdir().expect("media dir");
        state.media = Arc::new(app::media::LocalMedia::new(media_dir.path()));
        if let Some(list) = self.trusted_proxies {
            let mut settings = (*state.settings).clone();
            settings.trusted_proxies =
                domain::origin::TrustedProxies::parse(&list).expect("proxy list");
            state.settings = Arc::new(settings);
        }
        if let Some(url) = self.smtp_url {
            let mut settings = (*state.settings).clone();
            settings.mail = Some(app::state::MailSettings {
                smtp_url: url,
                from: "Harbour Market <no-reply@harbour-market.example>".into(),
            });
            state.settings = Arc::new(settings);
        }
        if let (Some(api), Some(stripe)) = (self.stripe_api, state.settings.stripe.clone()) {
            let mut settings = (*state.settings).clone();
            settings.stripe = Some(app::state::StripeSettings {
                api_base: api,
                ..stripe
            });
            state.settings = Arc::new(settings);
        }
        let listener = server::bind_listener(([127, 0, 0, 1], 0).into())
            .await
            .expect("bind");
        let addr = axum::serve::Listener::local_addr(&listener).expect("addr");
        let test_routes = self
            .test_clock
            .map(|t| server::test_clock::install(&mut state, t));
        let router = server::router::build_router(
            state.clone(),
            server::leptos_options(&config),
            test_routes,
        );
        let server = tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        TestApp {
            addr,
            state,
            clock,
            media_dir,
            server,
        }
    }
}

impl TestApp {
    /// A fresh in-memory database, migrated, no data.
    pub async fn spawn() -> TestApp {
        Self::builder().spawn().await
    }

    /// A test app with other than the default settings (see [`TestAppBuilder`]).
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            database: "mem://".to_string(),
            stripe_api: None,
            trusted_proxies: None,
            order_listener: None,
            test_clock: None,
            smtp_url: None,
        }
    }
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A browser-like client with its own cookie jar.
    pub fn client(&self) -> Client {
        Client::new(
            self.url(""),
            Some(self.state.clone()),
            Some(self.clock.clone()),
        )
    }

    /// Seeds the demo marketplace with `products` products.
    pub async fn seed(&self, products: usize) {
        server::seed::seed(
            &self.state.db,
            &server::seed::SeedOptions {
                products,
                progress: false,
            },
        )
        .await
        .expect("seed");
    }

    pub async fn row_counts(&self) -> Vec<(String, i64)> {
        server::db::row_counts(&self.state.db)
            .await
            .expect("counts")
    }
}
