//! Server-side application state handed to every server function through context.

use std::sync::Arc;

pub use backend::db::Db;
use chrono::{DateTime, Utc};

/// Source of the current time; injected so deadline rules are testable.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Settings the app needs at request time (derived from the server's config).
#[derive(Clone, Debug)]
pub struct Settings {
    /// Cookies get `Secure` and the `__Host-` prefix when the site is served over https.
    pub secure_cookies: bool,
    /// The public origin, e.g. `https://shop.example`, trusted for state-changing requests.
    pub public_origin: String,
    /// Session lifetime in seconds.
    pub session_ttl_secs: i64,
    /// Stripe keys; `None` selects the offline payment provider.
    pub stripe: Option<StripeSettings>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`).
    pub trusted_proxies: domain::origin::TrustedProxies,
    /// The mail server; `None`: the mail queue waits (`SMTP_URL`).
    pub mail: Option<MailSettings>,
}

/// Where mail goes out (kept out of `Debug` output: the URL may hold a password).
#[derive(Clone)]
pub struct MailSettings {
    /// `smtp://host:port` (or `smtps://user:pass@host`, `…?tls=required`), as lettre reads it.
    pub smtp_url: String,
    /// `Harbour Market <no-reply@shop.example>`
    pub from: String,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// Stripe API access (kept out of `Debug` output).
#[derive(Clone)]
pub struct StripeSettings {
    pub secret_key: String,
    pub webhook_secret: String,
    /// `https://api.stripe.com/` (with the slash) unless a test points it elsewhere.
    pub api_base: String,
}

impl std::fmt::Debug for StripeSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StripeSettings")
            .field("api_base", &self.api_base)
            .finish_non_exhaustive()
    }
}

#[derive(Clone)]
pub struct AppState {
    /// One shared handle: cloning a `Surreal` opens a new database session (and
    /// dropping it queues a close), so request-scoped clones of the state must not
    /// clone the connection itself.
    pub db: Arc<Db>,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    /// Hot storefront reads; see `catalog::cache`.
    pub catalog_cache: Arc<crate::catalog::cache::CatalogCache>,
    /// Uploaded files (return photos).
    pub media: Arc<dyn crate::media::MediaStore>,
    /// The areas that react to orders and sign-ups (see `crate::listeners`).
    pub listeners: Arc<crate::events::Listeners>,
    /// Wakes pages waiting for new messages (see `chat::live`).
    pub chat: Arc<crate::chat::live::Hub>,
}

impl AppState {
    pub fn new(db: Db, settings: Settings) -> Self {
        Self {
            db: Arc::new(db),
            settings: Arc::new(settings),
            clock: Arc::new(SystemClock),
            catalog_cache: Arc::new(crate::catalog::cache::CatalogCache::new(
                std::time::Duration::from_secs(30),
            )),
            media: Arc::new(crate::media::LocalMedia::new("data/media")),
            listeners: Arc::new(crate::listeners::all()),
            chat: Arc::new(crate::chat::live::Hub::default()),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// The state of the current request's server function or render.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| crate::error::internal("app state", "AppState missing from context"))
}

pub use backend::db::{
    count, count_of, count_unbound, is_already_exists, is_conflict, is_record_key, key_of, record,
    ref_of,
};
