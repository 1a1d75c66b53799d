//! Server-side application state handed to every server function through context.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use surrealdb::engine::any::Any;
use surrealdb::Surreal;

pub type Db = Surreal<Any>;

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

/// The key part of a record id as text (`user:⟨a@b.c⟩` gives `a@b.c`).
pub fn key_of(id: &surrealdb::types::RecordId) -> String {
    use surrealdb::types::RecordIdKey;
    match &id.key {
        RecordIdKey::String(s) => s.clone(),
        RecordIdKey::Number(n) => n.to_string(),
        RecordIdKey::Uuid(u) => u.to_string(),
        other => format!("{other:?}"),
    }
}

/// Whether text from a URL or form can be a record key we issue (letters, digits,
/// `-`, `_`; at most 64): anything else is "not found" before any query.
pub fn is_record_key(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `table:key`, for audit subjects and logs.
pub fn ref_of(id: &surrealdb::types::RecordId) -> String {
    format!("{}:{}", id.table.as_str(), key_of(id))
}

use surrealdb::types::SurrealValue;

#[derive(SurrealValue)]
struct CountRow {
    n: i64,
}

/// Whether a failed statement lost a write conflict that SurrealDB says may simply
/// be run again (its transactions are snapshot-isolated and the SDK never retries).
pub fn is_retryable(e: &surrealdb::Error) -> bool {
    e.to_string().contains("can be retried")
}

/// Runs `SELECT count() ... GROUP ALL` (the statement must alias the count as `n`);
/// an empty match counts as zero.
pub async fn count(
    db: &Db,
    sql: &str,
    vars: impl surrealdb::method::IntoVariables,
) -> Result<i64, surrealdb::Error> {
    first_count(db.query(sql.to_owned()).bind(vars)).await
}

/// [`count`] for a statement without parameters.
pub async fn count_unbound(db: &Db, sql: &str) -> Result<i64, surrealdb::Error> {
    first_count(db.query(sql.to_owned())).await
}

/// The count of statement `index` of a multi-statement result (a `SELECT count() AS n
/// ... GROUP ALL`); an empty match counts as zero.
pub fn count_of(
    res: &mut surrealdb::IndexedResults,
    index: usize,
) -> Result<i64, surrealdb::Error> {
    let rows: Vec<CountRow> = res.take(index)?;
    Ok(rows.into_iter().next().map(|r| r.n).unwrap_or(0))
}

async fn first_count(
    query: surrealdb::method::Query<'_, surrealdb::engine::any::Any>,
) -> Result<i64, surrealdb::Error> {
    let mut res = query.await?.check()?;
    let rows: Vec<CountRow> = res.take(0)?;
    Ok(rows.into_iter().next().map(|r| r.n).unwrap_or(0))
}

/// Query variables from `name => value` pairs: `vars! { "id" => id, "now" => now }`.
#[macro_export]
macro_rules! vars {
    ($($k:literal => $v:expr),* $(,)?) => {{
        let mut v = ::surrealdb::types::Variables::new();
        $( v.insert($k, $v); )*
        ::surrealdb::types::Object::from(v)
    }};
}
