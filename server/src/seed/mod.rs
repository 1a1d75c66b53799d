//! `server seed`: a realistic demo marketplace — a three-level category tree, 14 shops
//! (three awaiting review), products with English and Traditional Chinese titles,
//! generated images, stock, a few orders, and demo accounts for every role.

use std::io::Write;

use chrono::{DateTime, Duration, Utc};
use domain::{Currency, Email, Money};
use surrealdb::types::RecordId;

use app::state::Db;
use backend::db::{Audit, AuditAction};

use crate::db::DbError;
use crate::seed_data::{CATEGORIES, SHOPS, USD_RATES};
use crate::store::seed::{self as store, CategoryRow};

mod orders;
mod products;
mod reviews;
mod shops;

pub use self::shops::DOMESTIC_ONLY_SHOP;

pub const DEMO_PASSWORD: &str = "marketplace-demo";

/// The demo admin's authenticator key (admin pages need two-step sign-in): add it to
/// an authenticator app, or print the current code with `server two-step-code`.
pub const DEMO_ADMIN_TOTP: &str = "HARBOURMARKETDEMOADMINTWOSTEP234";

#[derive(Clone, Debug)]
pub struct SeedOptions {
    pub products: usize,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

impl Default for SeedOptions {
    fn default() -> Self {
        Self {
            products: 600,
            progress: false,
        }
    }
}

#[derive(Clone, Debug)]
pub struct SeedReport {
    pub logins: Vec<(&'static str, String)>,
    pub products: usize,
    pub shops: usize,
    pub categories: usize,
}

/// SplitMix64: a tiny deterministic generator so every seed is the same marketplace.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

async fn create_user(
    db: &Db,
    email: &str,
    name: &str,
    roles: &[&str],
    hash: &str,
    at: DateTime<Utc>,
) -> Result<RecordId, DbError> {
    let email =
        Email::parse(email).map_err(|_| DbError::Invalid(format!("bad demo email {email}")))?;
    let id = app::accounts::store::user_id(&email);
    let created =
        app::accounts::store::create_user(db, &email, name, hash, roles, at, true).await?;
    if !created {
        return Err(DbError::Invalid(format!(
            "{} already exists",
            email.as_str()
        )));
    }
    Ok(id)
}

/// Whether the database already has users (so `--if-empty` skips seeding).
pub async fn has_data(db: &Db) -> Result<bool, DbError> {
    Ok(store::count_users(db).await? > 0)
}

fn hash(password: &str) -> Result<String, DbError> {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DbError::Invalid(format!("hash: {e}")))
}

fn progress(enabled: bool, label: &str, done: usize, total: usize) {
    if !enabled || total == 0 {
        return;
    }
    let width = 30;
    let filled = done * width / total;
    eprint!(
        "\r{label:<10} [{}{}] {:>3}% {done}/{total}",
        "#".repeat(filled),
        ".".repeat(width - filled),
        done * 100 / total
    );
    if done == total {
        eprintln!();
    }
    let _ = std::io::stderr().flush();
}

/// The demo shopper's saved address.
fn demo_address() -> domain::order::Address {
    domain::order::Address {
        name: "Shan Shopper".into(),
        phone: "+886 2 2345 6789".into(),
        line1: "No. 7, Section 1, Zhongxiao E. Rd.".into(),
        line2: "5F".into(),
        city: "Taipei".into(),
        postal_code: "100".into(),
        country: "TW".into(),
    }
}

/// Prices a product given a TWD price, in the shop's currency, rounded to a tidy amount.
fn price_in(twd: i64, currency: Currency) -> i64 {
    let usd_twd = USD_RATES
        .iter()
        .find(|(c, _)| *c == "TWD")
        .map(|(_, r)| *r)
        .unwrap_or(32_000_000_000);
    let to = USD_RATES
        .iter()
        .find(|(c, _)| *c == currency.code())
        .map(|(_, r)| *r);
    let minor = match (currency, to) {
        (Currency::TWD, _) => return twd,
        (Currency::USD, _) => Money::new(twd, Currency::TWD).convert(
            Currency::USD,
            (domain::money::RATE_SCALE * domain::money::RATE_SCALE / i128::from(usd_twd)) as i64,
        ),
        (c, Some(r)) => domain::money::cross_rate_e9(usd_twd, r)
            .and_then(|x| Money::new(twd, Currency::TWD).convert(c, x)),
        (_, None) => None,
    }
    .map(|m| m.amount_minor)
    .unwrap_or(twd);
    // x.99-style endings for two-decimal currencies, round tens for zero-decimal ones
    match currency.minor_units() {
        0 => ((minor + 5) / 10 * 10).max(10),
        _ => (minor / 100).max(1) * 100 + 99,
    }
}

/// The category tree (three levels); returns how many categories there are.
async fn seed_categories(db: &Db) -> Result<usize, DbError> {
    let mut cats = Vec::new();
    for (i, (slug, en, zh, parent)) in CATEGORIES.iter().enumerate() {
        let depth = match parent {
            None => 0,
            Some(p) => {
                let grand = CATEGORIES.iter().find(|c| c.0 == *p).and_then(|c| c.3);
                if grand.is_some() {
                    2
                } else {
                    1
                }
            }
        };
        cats.push(CategoryRow {
            id: RecordId::new("category", *slug),
            slug: slug.to_string(),
            name_en: en.to_string(),
            name_zh: zh.to_string(),
            parent: parent.map(|p| RecordId::new("category", p)),
            depth,
            position: i as i64,
        });
    }
    let n = cats.len();
    store::insert_categories(db, cats).await?;
    Ok(n)
}

/// Protected brands for screening: names, aliases in both languages, misspellings.
async fn seed_brands(db: &Db, now: DateTime<Utc>) -> Result<(), DbError> {
    for (key, name, terms) in [
        (
            "maison-lune",
            "Maison Lune",
            vec!["月之屋", "Maison Lunne", "Maision Lune"],
        ),
        (
            "kestrel-optics",
            "Kestrel Optics",
            vec!["紅隼光學", "Kestral Optics", "Kestrel Optix"],
        ),
    ] {
        store::create_brand(
            db,
            RecordId::new("brand", key),
            name.to_string(),
            terms.into_iter().map(String::from).collect::<Vec<_>>(),
            now,
        )
        .await?;
    }
    Ok(())
}

pub async fn seed(db: &Db, opts: &SeedOptions) -> Result<SeedReport, DbError> {
    let now = Utc::now();
    let mut rng = Rng(0x5EED_2026);

    // Exchange rates
    for (quote, rate) in USD_RATES {
        store::create_fx_rate(
            db,
            RecordId::new("fx_rate", format!("USD_{quote}")),
            quote.to_string(),
            *rate,
            now,
        )
        .await?;
    }

    let n_categories = seed_categories(db).await?;

    // Accounts
    let pw = hash(DEMO_PASSWORD)?;
    let admin = create_user(
        db,
        "admin@demo.test",
        "Avery Admin",
        &["shopper", "admin"],
        &pw,
        now - Duration::days(400),
    )
    .await?;
    backend::accounts::two_step_store::set_secret(db, &admin, DEMO_ADMIN_TOTP).await?;
    create_user(
        db,
        "moderator@demo.test",
        "Morgan Moderator",
        &["shopper", "moderator"],
        &pw,
        now - Duration::days(300),
    )
    .await?;
    let shopper = create_user(
        db,
        "shopper@demo.test",
        "Shan Shopper",
        &["shopper"],
        &pw,
        now - Duration::days(120),
    )
    .await?;
    let mut logins = vec![
        ("admin", "admin@demo.test".to_string()),
        ("moderator", "moderator@demo.test".to_string()),
        ("shopper", "shopper@demo.test".to_string()),
    ];

    // Sellers and shops
    let approved = shops::seed_shops(db, &pw, &admin, now, &mut logins).await?;

    // Products, images, stock
    products::seed_products(db, opts, &approved, &mut rng, now).await?;
    let total = opts.products;
    app::catalog::store::reprice_reference(db).await?;

    shops::seed_promotions(db, &approved, now).await?;

    // A few orders for the demo shopper: one checkout across two shops, one still open.
    if total >= 4 {
        orders::seed_orders(db, &shopper, now).await?;
    }
    reviews::seed_reviews(db, &pw, now).await?;

    seed_brands(db, now).await?;
    // The platform's sharing campaign: 5 % of a referred order's goods (at most NT$300)
    // for the sharer, 10 % off (at most NT$200) a referred buyer's first order.
    store::create_share_campaign(db, now).await?;
    app::accounts::store::audit(
        db,
        Audit::new(Some(&admin), AuditAction::PlatformSeed, "platform", now)
            .detail(serde_json::json!({ "products": total })),
    )
    .await?;

    Ok(SeedReport {
        logins,
        products: total,
        shops: SHOPS.len(),
        categories: n_categories,
    })
}
