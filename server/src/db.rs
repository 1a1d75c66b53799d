//! One database connection built from config, and the numbered migrations
//! (`migrations/NNNN_name.surql`) applied once each, recorded in `migration`.

use chrono::Utc;
use surrealdb::engine::any::connect as connect_any;
use surrealdb::opt::auth::Root;
use surrealdb::types::RecordId;

use app::state::Db;

use crate::config::DatabaseConfig;

/// The migrations, in order. A migration never changes once released; add a new one.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_schema",
        include_str!("../migrations/0001_schema.surql"),
    ),
    (
        "0002_product_search",
        include_str!("../migrations/0002_product_search.surql"),
    ),
    (
        "0003_cart_version",
        include_str!("../migrations/0003_cart_version.surql"),
    ),
    (
        "0004_checkout",
        include_str!("../migrations/0004_checkout.surql"),
    ),
    (
        "0005_listing_filters",
        include_str!("../migrations/0005_listing_filters.surql"),
    ),
    (
        "0006_stripe_accounts",
        include_str!("../migrations/0006_stripe_accounts.surql"),
    ),
    (
        "0007_description_search",
        include_str!("../migrations/0007_description_search.surql"),
    ),
    (
        "0008_forward_sort_keys",
        include_str!("../migrations/0008_forward_sort_keys.surql"),
    ),
    (
        "0009_trending",
        include_str!("../migrations/0009_trending.surql"),
    ),
    (
        "0010_variants",
        include_str!("../migrations/0010_variants.surql"),
    ),
    (
        "0011_promotions",
        include_str!("../migrations/0011_promotions.surql"),
    ),
    (
        "0012_document_requirements",
        include_str!("../migrations/0012_document_requirements.surql"),
    ),
    (
        "0013_seller_applications",
        include_str!("../migrations/0013_seller_applications.surql"),
    ),
    (
        "0014_seller_listings",
        include_str!("../migrations/0014_seller_listings.surql"),
    ),
    (
        "0015_ledger",
        include_str!("../migrations/0015_ledger.surql"),
    ),
    (
        "0016_import_jobs",
        include_str!("../migrations/0016_import_jobs.surql"),
    ),
    (
        "0017_sold_out_display",
        include_str!("../migrations/0017_sold_out_display.surql"),
    ),
    (
        "0018_moderation",
        include_str!("../migrations/0018_moderation.surql"),
    ),
    (
        "0019_reviews",
        include_str!("../migrations/0019_reviews.surql"),
    ),
    (
        "0020_referrals",
        include_str!("../migrations/0020_referrals.surql"),
    ),
    (
        "0021_shop_funded_rewards",
        include_str!("../migrations/0021_shop_funded_rewards.surql"),
    ),
    (
        "0022_cross_border",
        include_str!("../migrations/0022_cross_border.surql"),
    ),
    (
        "0023_listing_locks",
        include_str!("../migrations/0023_listing_locks.surql"),
    ),
    (
        "0024_shop_funded_welcome",
        include_str!("../migrations/0024_shop_funded_welcome.surql"),
    ),
    (
        "0025_integrity",
        include_str!("../migrations/0025_integrity.surql"),
    ),
    (
        "0026_payment_alerts",
        include_str!("../migrations/0026_payment_alerts.surql"),
    ),
    ("0027_mail", include_str!("../migrations/0027_mail.surql")),
    (
        "0028_conversations",
        include_str!("../migrations/0028_conversations.surql"),
    ),
    (
        "0029_account_recovery",
        include_str!("../migrations/0029_account_recovery.surql"),
    ),
    (
        "0030_product_questions",
        include_str!("../migrations/0030_product_questions.surql"),
    ),
    (
        "0031_email_verification",
        include_str!("../migrations/0031_email_verification.surql"),
    ),
    (
        "0032_delivery_confirmation",
        include_str!("../migrations/0032_delivery_confirmation.surql"),
    ),
    (
        "0033_returns",
        include_str!("../migrations/0033_returns.surql"),
    ),
    (
        "0034_disputes",
        include_str!("../migrations/0034_disputes.surql"),
    ),
    (
        "0035_two_step_sign_in",
        include_str!("../migrations/0035_two_step_sign_in.surql"),
    ),
    (
        "0036_message_photos",
        include_str!("../migrations/0036_message_photos.surql"),
    ),
    (
        "0037_recovery_codes",
        include_str!("../migrations/0037_recovery_codes.surql"),
    ),
    (
        "0038_marketing",
        include_str!("../migrations/0038_marketing.surql"),
    ),
    (
        "0039_flash_sales",
        include_str!("../migrations/0039_flash_sales.surql"),
    ),
    (
        "0040_vouchers",
        include_str!("../migrations/0040_vouchers.surql"),
    ),
    (
        "0041_promotion_guards",
        include_str!("../migrations/0041_promotion_guards.surql"),
    ),
    (
        "0042_follows",
        include_str!("../migrations/0042_follows.surql"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot open database {url}: {source}")]
    Connect {
        url: String,
        source: Box<surrealdb::Error>,
    },
    #[error("cannot create directory for {path}: {source}")]
    Dir {
        path: String,
        source: std::io::Error,
    },
    #[error("migration {name} failed: {source}")]
    Migration {
        name: String,
        source: Box<surrealdb::Error>,
    },
    #[error(transparent)]
    Query(Box<surrealdb::Error>),
    #[error("{0}")]
    Invalid(String),
}

impl From<surrealdb::Error> for DbError {
    fn from(e: surrealdb::Error) -> Self {
        DbError::Query(Box::new(e))
    }
}

/// Opens the database named by config: embedded SurrealKV or memory, or a remote
/// SurrealDB server over WebSocket (signing in as the configured root user).
pub async fn connect(cfg: &DatabaseConfig) -> Result<Db, DbError> {
    if let Some(path) = cfg.url.strip_prefix("surrealkv://") {
        if let Some(parent) = std::path::Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|source| DbError::Dir {
                path: path.to_string(),
                source,
            })?;
        }
    }
    let err = |source| DbError::Connect {
        url: cfg.url.clone(),
        source: Box::new(source),
    };
    let db = connect_any(cfg.url.as_str()).await.map_err(err)?;
    if cfg.is_remote() {
        let (Some(user), Some(pass)) = (&cfg.user, &cfg.pass) else {
            return Err(err(surrealdb::Error::validation(
                "DATABASE_USER and DATABASE_PASS are required".into(),
                None,
            )));
        };
        db.signin(Root {
            username: user.clone(),
            password: pass.expose().to_string(),
        })
        .await
        .map_err(err)?;
    }
    crate::store::schema::define_namespace_and_database(
        &db,
        cfg.namespace.as_str(),
        cfg.database.as_str(),
    )
    .await
    .map_err(err)?;
    db.use_ns(cfg.namespace.as_str())
        .use_db(cfg.database.as_str())
        .await
        .map_err(err)?;
    Ok(db)
}

/// Applies every migration not yet recorded; returns the names applied now.
pub async fn migrate(db: &Db) -> Result<Vec<String>, DbError> {
    crate::store::schema::define_migration_table(db).await?;
    let done = crate::store::schema::applied_migrations(db).await?;
    let mut applied = Vec::new();
    for (name, sql) in MIGRATIONS {
        let id = RecordId::new("migration", *name);
        if done.iter().any(|a| a.id == id) {
            continue;
        }
        let fail = |source| DbError::Migration {
            name: name.to_string(),
            source: Box::new(source),
        };
        crate::store::schema::apply_migration(db, sql, id, Utc::now())
            .await
            .map_err(fail)?;
        tracing::info!(migration = name, "applied");
        applied.push(name.to_string());
    }
    Ok(applied)
}

/// Every table the application defines (for export/import checks and admin counts).
pub const TABLES: &[&str] = &[
    "user",
    "user_session",
    "login_failure",
    "seller",
    "shop",
    "category",
    "product",
    "product_image",
    "stock",
    "cart",
    "checkout",
    "shop_order",
    "order_line",
    "payment",
    "review",
    "report",
    "referral",
    "fx_rate",
    "fx_rounding",
    "fx_history",
    "address",
    "shipping_method",
    "order_event",
    "return_request",
    "outbox",
    "stripe_event",
    "transfer",
    "trending",
    "promotion",
    "document_requirement",
    "seller_document",
    "platform_setting",
    "screening_case",
    "stock_event",
    "ledger_entry",
    "shop_balance",
    "commission_rate",
    "shop_day",
    "product_day",
    "import_job",
    "payout_account",
    "audit_log",
    "chat_thread",
    "chat_message",
    "chat_ask",
    "account_token",
    "migration",
];

/// Row counts of every table, in `TABLES` order.
pub async fn row_counts(db: &Db) -> Result<Vec<(String, i64)>, DbError> {
    let mut out = Vec::new();
    for t in TABLES {
        // table names come from the constant list above
        let n = crate::store::schema::count_rows(db, t).await?;
        out.push((t.to_string(), n));
    }
    Ok(out)
}
