//! `server seed`: a realistic demo marketplace — a three-level category tree, 14 shops
//! (three awaiting review), products with English and Traditional Chinese titles,
//! generated images, stock, a few orders, and demo accounts for every role.

use std::io::Write;

use chrono::{DateTime, Duration, Utc};
use domain::{Currency, Email, Money};
use surrealdb::types::{RecordId, SurrealValue};

use app::state::Db;
use app::vars;
use backend::db::{Audit, AuditAction};

use crate::db::DbError;

#[path = "seed_reviews.rs"]
mod reviews;
use crate::seed_data::{
    Vocabulary, ADJECTIVES, BRANDS, CATEGORIES, COLOURS, LEAVES, SHOPS, USD_RATES,
};

/// (shop slug, (product index, quantity) lines, order status)
/// (shop, quantity of each line — the shop's first, second … live product, status)
type DemoOrder = (&'static str, &'static [i64], &'static str);

pub const DEMO_PASSWORD: &str = "marketplace-demo";

/// Clothes among the first this many products get variants (a bench seed of 100,000
/// keeps its listed products as they are).
const VARIANT_SEED_LIMIT: usize = 1200;
const CLOTHES: &[&str] = &["dresses", "tops", "shirts", "jackets"];

/// Colour and size options, in that axis order.
fn variant_options(
    colour: (&str, &str),
    size: (&str, &str),
) -> Vec<app::catalog::store::OptionRow> {
    vec![
        app::catalog::store::OptionRow {
            axis_en: "Colour".into(),
            axis_zh: "顏色".into(),
            value_en: colour.0.into(),
            value_zh: colour.1.into(),
        },
        app::catalog::store::OptionRow {
            axis_en: "Size".into(),
            axis_zh: "尺寸".into(),
            value_en: size.0.into(),
            value_zh: size.1.into(),
        },
    ]
}

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

#[derive(SurrealValue)]
struct CategoryRow {
    id: RecordId,
    slug: String,
    name_en: String,
    name_zh: String,
    parent: Option<RecordId>,
    depth: i64,
    position: i64,
}

#[derive(SurrealValue)]
struct ProductRow {
    id: RecordId,
    shop: RecordId,
    category: RecordId,
    slug: String,
    title_en: String,
    title_zh: String,
    description_en: String,
    description_zh: String,
    brand: Option<String>,
    condition: String,
    price_minor: i64,
    compare_at_minor: Option<i64>,
    currency: String,
    sku: Option<String>,
    status: String,
    image_url: String,
    rating_avg: f64,
    rating_count: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    variant_of: Option<RecordId>,
    variants: Option<Vec<RecordId>>,
    options: Option<Vec<app::catalog::store::OptionRow>>,
}

#[derive(SurrealValue)]
struct ImageRow {
    product: RecordId,
    url: String,
    position: i64,
    alt: String,
    width: i64,
    height: i64,
}

#[derive(SurrealValue)]
struct StockRow {
    id: RecordId,
    product: RecordId,
    shop: RecordId,
    on_hand: i64,
    reserved: i64,
    low_stock_threshold: i64,
    updated_at: DateTime<Utc>,
}

async fn run(
    db: &Db,
    sql: &str,
    vars: impl surrealdb::method::IntoVariables,
) -> Result<(), DbError> {
    db.query(sql).bind(vars).await?.check()?;
    Ok(())
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
    let created = app::accounts::store::create_user(db, &email, name, hash, roles, at).await?;
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
    Ok(app::state::count_unbound(db, "SELECT count() AS n FROM user GROUP ALL").await? > 0)
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

pub async fn seed(db: &Db, opts: &SeedOptions) -> Result<SeedReport, DbError> {
    let now = Utc::now();
    let mut rng = Rng(0x5EED_2026);

    // Exchange rates
    for (quote, rate) in USD_RATES {
        run(
            db,
            "CREATE $id SET base = 'USD', quote = $quote, rate_e9 = $rate, source = 'demo', as_of = $now",
            vars! { "id" => RecordId::new("fx_rate", format!("USD_{quote}")), "quote" => quote.to_string(), "rate" => *rate, "now" => now },
        )
        .await?;
    }

    // Categories
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
    let n_categories = cats.len();
    run(db, "INSERT INTO category $rows", ("rows", cats)).await?;

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
    let mut approved: Vec<(RecordId, Currency, &'static [&'static str], &'static str)> = Vec::new();
    for (i, (slug, name_en, name_zh, currency, ships_from, status, tops)) in
        SHOPS.iter().enumerate()
    {
        let email = format!("seller{}@demo.test", i + 1);
        let user = create_user(
            db,
            &email,
            &format!("{name_en} ({name_zh})"),
            &["shopper", "seller"],
            &pw,
            now - Duration::days(200 - i as i64),
        )
        .await?;
        if i == 0 {
            logins.push(("seller", email.clone()));
        }
        let seller = RecordId::new("seller", email.as_str());
        let shop_status = if *status == "approved" {
            "approved"
        } else {
            status
        };
        run(
            db,
            "CREATE $seller SET user = $user, business_type = $bt, legal_name = $legal, registration_number = $reg, \
             country = $country, status = $status, created_at = $at, shop_name = $name, shop_slug = $slug, \
             payout_currency = $currency, address = $ships, contact_email = $email, submitted_at = $at, updated_at = $at; \
             CREATE $shop SET seller = $seller, owner = $user, name = $name, slug = $slug, currency = $currency, \
             ships_from = $ships, country = $country, status = $status, created_at = $at;",
            vars! { "seller" => seller.clone(), "user" => user.clone(), "bt" => if i % 3 == 0 { "individual" } else { "company" }.to_string(), "legal" => format!("{name_en} Ltd."), "reg" => Some(format!("{:08}", 24_000_000 + i * 7919)), "country" => country_code(ships_from).to_string(), "email" => email.clone(), "status" => shop_status.to_string(), "at" => now - Duration::days(190 - i as i64), "shop" => RecordId::new("shop", *slug), "name" => format!("{name_en} · {name_zh}"), "slug" => slug.to_string(), "currency" => currency.to_string(), "ships" => ships_from.to_string() },
        )
        .await?;
        if *status == "approved" {
            app::accounts::store::audit(
                db,
                Audit::new(
                    Some(&admin),
                    AuditAction::ShopApprove,
                    format!("shop:{slug}"),
                    now - Duration::days(180 - i as i64),
                )
                .detail(serde_json::json!({"reason": "documents verified"})),
            )
            .await?;
            let cur = Currency::parse(currency).unwrap_or_default();
            for (pos, zone) in demo_zones(slug, country_code(ships_from))
                .into_iter()
                .enumerate()
            {
                let DemoZone {
                    code,
                    en,
                    zh,
                    twd,
                    free_over_twd,
                    days,
                    countries,
                } = zone;
                run(
                    db,
                    "CREATE $id SET shop = $shop, code = $code, name_en = $en, name_zh = $zh, price_minor = $price, \
                     free_over_minor = $free, currency = $cur, days_min = $dmin, days_max = $dmax, position = $pos, countries = $countries",
                    vars! { "id" => RecordId::new("shipping_method", format!("{slug}/{code}")), "shop" => RecordId::new("shop", *slug), "code" => code.to_string(), "en" => en.to_string(), "zh" => zh.to_string(), "price" => price_in(twd, cur), "free" => free_over_twd.map(|t| price_in(t, cur)), "cur" => cur.code().to_string(), "dmin" => days.0, "dmax" => days.1, "pos" => pos as i64, "countries" => countries },
                )
                .await?;
            }
            approved.push((RecordId::new("shop", *slug), cur, tops, name_en));
        }
    }

    // Products, images, stock
    let leaves: Vec<(&str, Vocabulary, (i64, i64), &str)> = LEAVES
        .iter()
        .map(|(slug, nouns, range)| {
            let mut top = *slug;
            while let Some(p) = CATEGORIES.iter().find(|c| c.0 == top).and_then(|c| c.3) {
                top = p;
            }
            (*slug, *nouns, *range, top)
        })
        .collect();
    let total = opts.products;
    let batch = 500;
    let mut made = 0;
    while made < total {
        let n = batch.min(total - made);
        let mut products = Vec::with_capacity(n);
        let mut images = Vec::with_capacity(n * 2);
        let mut stocks = Vec::with_capacity(n);
        for k in made..made + n {
            let (leaf, nouns, (lo, hi), top) = leaves[k % leaves.len()];
            let sellers: Vec<_> = approved.iter().filter(|s| s.2.contains(&top)).collect();
            let Some((shop, currency, _, shop_name)) = sellers
                .get(rng.below(sellers.len() as u64) as usize)
                .copied()
            else {
                continue;
            };
            let (noun_en, noun_zh) = *rng.pick(nouns);
            let (adj_en, adj_zh) = *rng.pick(ADJECTIVES);
            let (col_en, col_zh) = *rng.pick(COLOURS);
            let brand = *rng.pick(BRANDS);
            let key = format!("d{k:06}");
            let id = RecordId::new("product", key.as_str());
            let twd = rng.range(lo / 10, hi / 10) * 10;
            let price = price_in(twd, *currency);
            // earlier versions drew placeholder ratings here; the draws stay so every
            // other seeded value is unchanged (ratings now come from seeded reviews)
            if rng.below(5) != 0 {
                rng.range(1, 480);
                rng.range(32, 50);
            }
            let status = match rng.below(60) {
                0 => "pending_review",
                1 => "held",
                _ => "active",
            };
            // half of the first clothes come in sizes and a second colour (variants);
            // their own generator keeps every other product as it was
            let variants = k < VARIANT_SEED_LIMIT
                && CLOTHES.contains(&leaf)
                && (k / leaves.len()).is_multiple_of(2)
                && status == "active";
            let size = if variants { "／S" } else { "" };
            let title_en = format!(
                "{brand} {adj_en} {noun_en} – {col_en}{}",
                if variants { " / S" } else { "" }
            );
            let title_zh = format!("{brand} {adj_zh}{noun_zh}（{col_zh}{size}）");
            let n_images = rng.range(1, 3);
            for pos in 0..n_images {
                images.push(ImageRow {
                    product: id.clone(),
                    url: format!("/media/gen/{leaf}/{key}-{pos}.svg"),
                    position: pos,
                    alt: title_en.clone(),
                    width: 800,
                    height: 800,
                });
            }
            let on_hand = if rng.below(12) == 0 {
                0
            } else {
                rng.range(1, 250)
            };
            stocks.push(StockRow {
                id: RecordId::new("stock", key.as_str()),
                product: id.clone(),
                shop: shop.clone(),
                on_hand,
                reserved: 0,
                low_stock_threshold: 5,
                updated_at: now,
            });
            let created = now - Duration::minutes(rng.range(10, 60 * 24 * 90));
            products.push(ProductRow {
                id,
                shop: shop.clone(),
                category: RecordId::new("category", leaf),
                slug: domain::slug::Slug::from_text(&title_en).map(|s| s.as_str().to_string()).unwrap_or_else(|| key.clone()),
                description_en: format!(
                    "{adj_en} {noun_en} in {col_en}, made for daily use. Sold by {shop_name}; each order is checked and packed by hand before it ships."
                ),
                description_zh: format!("{col_zh}{adj_zh}{noun_zh}，適合日常使用。每筆訂單出貨前皆由專人檢查並細心包裝。"),
                title_en,
                title_zh,
                brand: Some(brand.to_string()),
                condition: "new".into(),
                price_minor: price,
                compare_at_minor: (rng.below(4) == 0).then(|| price + price / 5),
                currency: currency.code().to_string(),
                sku: Some(format!("SKU-{k:06}")),
                status: status.into(),
                image_url: format!("/media/gen/{leaf}/{key}-0.svg"),
                rating_avg: 0.0,
                rating_count: 0,
                created_at: created,
                updated_at: created,
                variant_of: None,
                variants: None,
                options: None,
            });
            if variants {
                let parent = products.last_mut().expect("just pushed");
                let mut vr = Rng(k as u64 ^ 0x5EED_F512);
                let other = COLOURS
                    .iter()
                    .copied()
                    .filter(|c| c.0 != col_en)
                    .nth(vr.below(COLOURS.len() as u64 - 1) as usize)
                    .unwrap_or(COLOURS[0]);
                parent.options = Some(variant_options((col_en, col_zh), ("S", "S")));
                let mut children = Vec::new();
                // (colour, size, price change in %, on hand)
                let combos = [
                    ((col_en, col_zh), "M", 0, vr.range(0, 40)),
                    ((col_en, col_zh), "L", 10, vr.range(1, 40)),
                    (other, "M", 0, vr.range(1, 40)),
                    (other, "L", 10, 0),
                ];
                for (i, ((c_en, c_zh), sz, pct, on_hand)) in combos.into_iter().enumerate() {
                    let child_key = format!("{key}-{}", i + 2);
                    let child = RecordId::new("product", child_key.as_str());
                    let child_title_en = format!("{brand} {adj_en} {noun_en} – {c_en} / {sz}");
                    let image_url = if c_en == col_en {
                        parent.image_url.clone()
                    } else {
                        format!("/media/gen/{leaf}/{child_key}-0.svg")
                    };
                    let child_row = ProductRow {
                        id: child.clone(),
                        shop: parent.shop.clone(),
                        category: parent.category.clone(),
                        slug: domain::slug::Slug::from_text(&child_title_en)
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_else(|| child_key.clone()),
                        title_zh: format!("{brand} {adj_zh}{noun_zh}（{c_zh}／{sz}）"),
                        title_en: child_title_en,
                        description_en: parent.description_en.replace(col_en, c_en),
                        description_zh: parent.description_zh.replace(col_zh, c_zh),
                        brand: parent.brand.clone(),
                        condition: "new".into(),
                        price_minor: parent.price_minor + parent.price_minor * pct / 100,
                        compare_at_minor: None,
                        currency: parent.currency.clone(),
                        sku: Some(format!("SKU-{k:06}-{}", i + 2)),
                        status: "active".into(),
                        image_url: image_url.clone(),
                        rating_avg: parent.rating_avg,
                        rating_count: parent.rating_count,
                        created_at: parent.created_at,
                        updated_at: parent.updated_at,
                        variant_of: Some(parent.id.clone()),
                        variants: None,
                        options: Some(variant_options((c_en, c_zh), (sz, sz))),
                    };
                    images.push(ImageRow {
                        product: child.clone(),
                        url: image_url,
                        position: 0,
                        alt: child_row.title_en.clone(),
                        width: 800,
                        height: 800,
                    });
                    stocks.push(StockRow {
                        id: RecordId::new("stock", child_key.as_str()),
                        product: child.clone(),
                        shop: parent.shop.clone(),
                        on_hand,
                        reserved: 0,
                        low_stock_threshold: 5,
                        updated_at: now,
                    });
                    children.push(child_row);
                }
                parent.variants = Some(children.iter().map(|c| c.id.clone()).collect());
                products.extend(children);
            }
        }
        run(db, "INSERT INTO product $rows", ("rows", products)).await?;
        run(db, "INSERT INTO product_image $rows", ("rows", images)).await?;
        run(db, "INSERT INTO stock $rows", ("rows", stocks)).await?;
        made += n;
        progress(opts.progress, "products", made, total);
    }
    app::catalog::store::reprice_reference(db).await?;

    // "Spend X, save Y" promotions: three running for two weeks, one already over
    let offers: [(&str, &str, i64, i64, i64); 4] = [
        ("Year-end sale", "年終特賣", 1_500, 150, 14),
        ("Spend more, save more", "滿額折扣", 2_000, 250, 10),
        ("Weekend treat", "週末小確幸", 800, 80, 3),
        ("Autumn sale", "秋季特賣", 1_000, 100, -1),
    ];
    for ((shop, cur, tops, _), (en, zh, spend, save, days)) in approved.iter().zip(offers) {
        run(
            db,
            "CREATE $id SET shop = $shop, title_en = $en, title_zh = $zh, threshold_minor = $spend, \
             discount_minor = $save, currency = $cur, browse = $browse, starts_at = $starts, ends_at = $ends",
            vars! { "id" => RecordId::new("promotion", format!("{}-{days}", app::state::key_of(shop))), "shop" => shop.clone(), "en" => en.to_string(), "zh" => zh.to_string(), "spend" => price_in(spend, *cur), "save" => price_in(save, *cur), "cur" => cur.code().to_string(), "browse" => RecordId::new("category", tops[0]), "starts" => now - Duration::days(20), "ends" => now + Duration::days(days) },
        )
        .await?;
    }

    // A few orders for the demo shopper: one checkout across two shops, one still open.
    if total >= 4 {
        let orders: &[DemoOrder] = &[
            ("formosa-tea-house", &[2, 1], "delivered"),
            ("auralis-audio-lab", &[1], "shipped"),
            ("mori-home", &[1], "placed"),
        ];
        let checkout = RecordId::new("checkout", "demo1");
        run(db, "CREATE $id SET buyer = $buyer, status = 'paid', created_at = $at", vars! { "id" => checkout.clone(), "buyer" => shopper.clone(), "at" => now - Duration::days(6) }).await?;
        for (i, (shop, lines, status)) in orders.iter().enumerate() {
            let order = RecordId::new("shop_order", format!("demo{}", i + 1));
            let shop_id = RecordId::new("shop", *shop);
            let mut subtotal = 0;
            let mut currency = "TWD".to_string();
            // the shop's own live products (not a variant group's parent)
            let mut res = db
                .query(
                    "SELECT VALUE [title_en, price_minor, currency, record::id(id)] FROM product WHERE shop = $shop \
                     AND status = 'active' AND variant_of = NONE AND has_variants != true ORDER BY id",
                )
                .bind(("shop", shop_id.clone()))
                .await?
                .check()?;
            let sold: Vec<serde_json::Value> = res.take(0)?;
            for (j, qty) in lines.iter().enumerate() {
                let Some(row) = (!sold.is_empty()).then(|| &sold[j % sold.len()]) else {
                    continue;
                };
                let product = RecordId::new("product", row[3].as_str().unwrap_or_default());
                let title = row[0].as_str().unwrap_or_default().to_string();
                let unit = row[1].as_i64().unwrap_or(0);
                currency = row[2].as_str().unwrap_or("TWD").to_string();
                subtotal += unit * qty;
                run(
                    db,
                    "CREATE $id SET shop_order = $order, product = $product, title = $title, unit_price_minor = $unit, quantity = $qty, currency = $cur",
                    vars! { "id" => RecordId::new("order_line", format!("demo{}_{j}", i + 1)), "order" => order.clone(), "product" => product, "title" => title, "unit" => unit, "qty" => *qty, "cur" => currency.clone() },
                )
                .await?;
            }
            let placed_at = now - Duration::days(6 - i as i64);
            let paid = *status != "placed";
            run(
                db,
                "CREATE $id SET checkout = $checkout, buyer = $buyer, shop = $shop, status = $status, subtotal_minor = $sub, \
                 shipping_minor = 0, currency = $cur, shipping_address = $address, created_at = $at, number = $number, \
                 shipping_method = 'Standard delivery', payment_status = $payment, \
                 carrier = $carrier, tracking_number = $tracking, delivered_at = $delivered",
                vars! { "id" => order.clone(), "checkout" => checkout.clone(), "buyer" => shopper.clone(), "shop" => shop_id, "status" => status.to_string(), "sub" => subtotal, "cur" => currency, "at" => placed_at, "number" => domain::order::order_number(&format!("demo{}", i + 1)), "address" => serde_json::to_value(demo_address()).unwrap_or_default(), "payment" => if paid { "paid" } else { "pending" }.to_string(), "carrier" => paid.then(|| "Chunghwa Post".to_string()).filter(|_| *status != "paid"), "tracking" => paid.then(|| format!("EE{:09}TW", 100_200_300 + i)).filter(|_| *status != "paid"), "delivered" => (*status == "delivered").then(|| placed_at + Duration::days(3)) },
            )
            .await?;
            let steps = ["placed", "paid", "shipped", "delivered"];
            let upto = steps.iter().position(|s| s == status).unwrap_or(0);
            for (d, kind) in steps.iter().take(upto + 1).enumerate() {
                run(
                    db,
                    "CREATE order_event SET shop_order = $order, kind = $kind, at = $at",
                    vars! { "order" => order.clone(), "kind" => kind.to_string(), "at" => placed_at + Duration::days(d as i64) },
                )
                .await?;
            }
        }
        let a = demo_address();
        run(
            db,
            "CREATE address SET owner = $owner, name = $name, phone = $phone, line1 = $line1, line2 = $line2, \
             city = $city, postal_code = $postal, country = $country, created_at = $at",
            vars! { "owner" => shopper.clone(), "name" => a.name, "phone" => a.phone, "line1" => a.line1, "line2" => a.line2, "city" => a.city, "postal" => a.postal_code, "country" => a.country, "at" => now - Duration::days(30) },
        )
        .await?;
        run(
            db,
            "CREATE report SET kind = 'shopper_report', listing = $listing, reporter = $reporter, reason = 'counterfeit', \
             body = $body, status = 'open', created_at = $at",
            vars! { "listing" => RecordId::new("product", "d000003"), "reporter" => shopper.clone(), "body" => "The logo looks different from the brand's official product.".to_string(), "at" => now - Duration::days(1) },
        )
        .await?;
    }
    reviews::seed_reviews(db, &pw, now).await?;

    // Protected brands for screening: names, aliases in both languages, misspellings
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
        run(
            db,
            "CREATE $id SET name = $name, terms = $terms, authorised_shops = [], created_at = $now",
            vars! { "id" => RecordId::new("brand", key), "name" => name.to_string(), "terms" => terms.into_iter().map(String::from).collect::<Vec<_>>(), "now" => now },
        )
        .await?;
    }
    // The platform's sharing campaign: 5 % of a referred order's goods (at most NT$300)
    // for the sharer, 10 % off (at most NT$200) a referred buyer's first order.
    run(
        db,
        "CREATE campaign:share_twd SET name = 'Share & earn · 分享賺購物金', currency = 'TWD', kind = 'percent', rate_bps = 500, \
           fixed_minor = 0, cap_minor = 300, welcome_bps = 1000, welcome_cap_minor = 200, active = true, \
           rewards = 0, flagged = 0, cost_minor = 0, revenue_minor = 0, created_at = $now, updated_at = $now",
        vars! { "now" => now },
    )
    .await?;
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

/// The ISO code of a demo shop's "City, Country".
fn country_code(ships_from: &str) -> &'static str {
    let country = ships_from.rsplit(", ").next().unwrap_or_default();
    let country = if country == "USA" {
        "United States"
    } else {
        country
    };
    domain::onboarding::COUNTRIES
        .iter()
        .find(|(_, en, _)| *en == country)
        .map(|(code, _, _)| *code)
        .unwrap_or("TW")
}

/// The night-market shop sells perishable snacks: it delivers within Taiwan only, so
/// the demo has a shop whose products are refused abroad.
pub const DOMESTIC_ONLY_SHOP: &str = "night-market-snacks";

struct DemoZone {
    code: &'static str,
    en: &'static str,
    zh: &'static str,
    twd: i64,
    free_over_twd: Option<i64>,
    days: (i64, i64),
    countries: Vec<String>,
}

/// A demo shop's shipping zones: standard delivery at home and across East and
/// South-East Asia, express at home, and (every other shop) international delivery to
/// the US and Europe. Every shop reaches Taiwan with its first zone.
fn demo_zones(slug: &str, home: &'static str) -> Vec<DemoZone> {
    let asia = ["TW", "HK", "JP", "KR", "SG", "MY"];
    let west = ["US", "GB", "DE", "FR", "DK"];
    let list = |codes: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = vec![home.to_string()];
        v.extend(codes.iter().filter(|c| **c != home).map(|c| c.to_string()));
        v
    };
    if slug == DOMESTIC_ONLY_SHOP {
        return vec![
            DemoZone {
                code: "standard",
                en: "Standard delivery (Taiwan)",
                zh: "標準配送（台灣）",
                twd: 60,
                free_over_twd: Some(1_500),
                days: (2, 5),
                countries: vec!["TW".into()],
            },
            DemoZone {
                code: "express",
                en: "Express delivery (Taiwan)",
                zh: "快速到貨（台灣）",
                twd: 160,
                free_over_twd: None,
                days: (1, 2),
                countries: vec!["TW".into()],
            },
        ];
    }
    let abroad = home != "TW";
    let mut zones = vec![
        DemoZone {
            code: "standard",
            en: "Standard delivery",
            zh: "標準配送",
            twd: 60,
            free_over_twd: Some(1_500),
            days: if abroad { (4, 9) } else { (2, 5) },
            countries: list(&asia),
        },
        DemoZone {
            code: "express",
            en: "Express delivery",
            zh: "快速到貨",
            twd: 160,
            free_over_twd: None,
            days: (1, 2),
            countries: vec![home.to_string()],
        },
    ];
    if slug.len().is_multiple_of(2) || abroad {
        zones.push(DemoZone {
            code: "international",
            en: "International delivery",
            zh: "國際配送",
            twd: 650,
            free_over_twd: None,
            days: (7, 14),
            countries: list(&west),
        });
    }
    zones
}
