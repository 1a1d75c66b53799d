//! What `server seed` writes: the demo marketplace's rates, categories, shops, listings,
//! orders, reviews, brands and sharing campaign, and the reads it needs on the way.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use app::state::Db;
use app::vars;

async fn run(
    db: &Db,
    sql: &str,
    vars: impl surrealdb::method::IntoVariables,
) -> Result<(), surrealdb::Error> {
    db.query(sql).bind(vars).await?.check()?;
    Ok(())
}

const COUNT_USERS: &str = "SELECT count() AS n FROM user GROUP ALL";

/// How many users the database holds.
pub async fn count_users(db: &Db) -> Result<i64, surrealdb::Error> {
    app::state::count_unbound(db, COUNT_USERS).await
}

const CREATE_FX_RATE: &str =
    "CREATE $id SET base = 'USD', quote = $quote, rate_e9 = $rate, source = 'demo', as_of = $now";

/// A demo exchange rate from US dollars.
pub async fn create_fx_rate(
    db: &Db,
    id: RecordId,
    quote: String,
    rate: i64,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    run(
        db,
        CREATE_FX_RATE,
        vars! { "id" => id, "quote" => quote, "rate" => rate, "now" => now },
    )
    .await
}

#[derive(SurrealValue)]
pub struct CategoryRow {
    pub id: RecordId,
    pub slug: String,
    pub name_en: String,
    pub name_zh: String,
    pub parent: Option<RecordId>,
    pub depth: i64,
    pub position: i64,
}

const INSERT_CATEGORIES: &str = "INSERT INTO category $rows";

pub async fn insert_categories(db: &Db, rows: Vec<CategoryRow>) -> Result<(), surrealdb::Error> {
    run(db, INSERT_CATEGORIES, ("rows", rows)).await
}

/// A demo seller's application and its shop.
pub struct NewSellerShop {
    pub seller: RecordId,
    pub user: RecordId,
    pub business_type: String,
    pub legal_name: String,
    pub registration_number: Option<String>,
    pub country: String,
    pub email: String,
    pub status: String,
    pub at: DateTime<Utc>,
    pub shop: RecordId,
    pub name: String,
    pub slug: String,
    pub currency: String,
    pub ships_from: String,
}

const CREATE_SELLER_AND_SHOP: &str = "CREATE $seller SET user = $user, business_type = $bt, legal_name = $legal, registration_number = $reg, \
             country = $country, status = $status, created_at = $at, shop_name = $name, shop_slug = $slug, \
             payout_currency = $currency, address = $ships, contact_email = $email, submitted_at = $at, updated_at = $at; \
             CREATE $shop SET seller = $seller, owner = $user, name = $name, slug = $slug, currency = $currency, \
             ships_from = $ships, country = $country, status = $status, created_at = $at;";

pub async fn create_seller_and_shop(db: &Db, s: NewSellerShop) -> Result<(), surrealdb::Error> {
    run(
        db,
        CREATE_SELLER_AND_SHOP,
        vars! { "seller" => s.seller, "user" => s.user, "bt" => s.business_type, "legal" => s.legal_name, "reg" => s.registration_number, "country" => s.country, "email" => s.email, "status" => s.status, "at" => s.at, "shop" => s.shop, "name" => s.name, "slug" => s.slug, "currency" => s.currency, "ships" => s.ships_from },
    )
    .await
}

/// One of a demo shop's shipping zones.
pub struct NewShippingMethod {
    pub id: RecordId,
    pub shop: RecordId,
    pub code: String,
    pub name_en: String,
    pub name_zh: String,
    pub price_minor: i64,
    pub free_over_minor: Option<i64>,
    pub currency: String,
    pub days_min: i64,
    pub days_max: i64,
    pub position: i64,
    pub countries: Vec<String>,
}

const CREATE_SHIPPING_METHOD: &str = "CREATE $id SET shop = $shop, code = $code, name_en = $en, name_zh = $zh, price_minor = $price, \
                     free_over_minor = $free, currency = $cur, days_min = $dmin, days_max = $dmax, position = $pos, countries = $countries";

pub async fn create_shipping_method(db: &Db, m: NewShippingMethod) -> Result<(), surrealdb::Error> {
    run(
        db,
        CREATE_SHIPPING_METHOD,
        vars! { "id" => m.id, "shop" => m.shop, "code" => m.code, "en" => m.name_en, "zh" => m.name_zh, "price" => m.price_minor, "free" => m.free_over_minor, "cur" => m.currency, "dmin" => m.days_min, "dmax" => m.days_max, "pos" => m.position, "countries" => m.countries },
    )
    .await
}

#[derive(SurrealValue)]
pub struct ProductRow {
    pub id: RecordId,
    pub shop: RecordId,
    pub category: RecordId,
    pub slug: String,
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub brand: Option<String>,
    pub condition: String,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub currency: String,
    pub sku: Option<String>,
    pub status: String,
    pub image_url: String,
    pub rating_avg: f64,
    pub rating_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub variant_of: Option<RecordId>,
    pub variants: Option<Vec<RecordId>>,
    pub options: Option<Vec<app::catalog::store::OptionRow>>,
}

#[derive(SurrealValue)]
pub struct ImageRow {
    pub product: RecordId,
    pub url: String,
    pub position: i64,
    pub alt: String,
    pub width: i64,
    pub height: i64,
}

#[derive(SurrealValue)]
pub struct StockRow {
    pub id: RecordId,
    pub product: RecordId,
    pub shop: RecordId,
    pub on_hand: i64,
    pub reserved: i64,
    pub low_stock_threshold: i64,
    pub updated_at: DateTime<Utc>,
}

const INSERT_PRODUCTS: &str = "INSERT INTO product $rows";
const INSERT_PRODUCT_IMAGES: &str = "INSERT INTO product_image $rows";
const INSERT_STOCK: &str = "INSERT INTO stock $rows";

pub async fn insert_products(db: &Db, rows: Vec<ProductRow>) -> Result<(), surrealdb::Error> {
    run(db, INSERT_PRODUCTS, ("rows", rows)).await
}

pub async fn insert_product_images(db: &Db, rows: Vec<ImageRow>) -> Result<(), surrealdb::Error> {
    run(db, INSERT_PRODUCT_IMAGES, ("rows", rows)).await
}

pub async fn insert_stock(db: &Db, rows: Vec<StockRow>) -> Result<(), surrealdb::Error> {
    run(db, INSERT_STOCK, ("rows", rows)).await
}

/// A "spend X, save Y" promotion of a demo shop.
pub struct NewPromotion {
    pub id: RecordId,
    pub shop: RecordId,
    pub title_en: String,
    pub title_zh: String,
    pub threshold_minor: i64,
    pub discount_minor: i64,
    pub currency: String,
    pub browse: RecordId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

const CREATE_PROMOTION: &str = "CREATE $id SET shop = $shop, title_en = $en, title_zh = $zh, threshold_minor = $spend, \
             discount_minor = $save, rule = $rule, currency = $cur, browse = $browse, starts_at = $starts, ends_at = $ends, \
             paused = false, spent_minor = 0, orders = 0, revenue_minor = 0, created_at = $starts, updated_at = $starts";

pub async fn create_promotion(db: &Db, p: NewPromotion) -> Result<(), surrealdb::Error> {
    let rule = serde_json::to_string(&domain::pricing::Kind::SpendSave {
        tiers: vec![(p.threshold_minor, p.discount_minor)],
    })
    .unwrap_or_default();
    run(
        db,
        CREATE_PROMOTION,
        vars! { "rule" => rule, "id" => p.id, "shop" => p.shop, "en" => p.title_en, "zh" => p.title_zh, "spend" => p.threshold_minor, "save" => p.discount_minor, "cur" => p.currency, "browse" => p.browse, "starts" => p.starts_at, "ends" => p.ends_at },
    )
    .await
}

const CREATE_PAID_CHECKOUT: &str =
    "CREATE $id SET buyer = $buyer, status = 'paid', created_at = $at";

/// A paid checkout of `buyer` (the demo orders' and the reviewers' past orders').
pub async fn create_paid_checkout(
    db: &Db,
    id: RecordId,
    buyer: RecordId,
    at: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    run(
        db,
        CREATE_PAID_CHECKOUT,
        vars! { "id" => id, "buyer" => buyer, "at" => at },
    )
    .await
}

const SELLABLE_PRODUCTS_OF_SHOP: &str = "SELECT VALUE [title_en, price_minor, currency, record::id(id)] FROM product WHERE shop = $shop \
                     AND status = 'active' AND variant_of = NONE AND has_variants != true ORDER BY id";

/// A shop's own live products (not a variant group's parent), by id, each as
/// `[title_en, price_minor, currency, key]`.
pub async fn sellable_products_of_shop(
    db: &Db,
    shop: RecordId,
) -> Result<Vec<serde_json::Value>, surrealdb::Error> {
    let mut res = db
        .query(SELLABLE_PRODUCTS_OF_SHOP)
        .bind(("shop", shop))
        .await?
        .check()?;
    res.take(0)
}

/// A line of a demo order.
pub struct NewOrderLine {
    pub id: RecordId,
    pub order: RecordId,
    pub product: RecordId,
    pub title: String,
    pub unit_price_minor: i64,
    pub quantity: i64,
    pub currency: String,
}

const CREATE_ORDER_LINE: &str = "CREATE $id SET shop_order = $order, product = $product, title = $title, unit_price_minor = $unit, quantity = $qty, currency = $cur";

pub async fn create_order_line(db: &Db, l: NewOrderLine) -> Result<(), surrealdb::Error> {
    run(
        db,
        CREATE_ORDER_LINE,
        vars! { "id" => l.id, "order" => l.order, "product" => l.product, "title" => l.title, "unit" => l.unit_price_minor, "qty" => l.quantity, "cur" => l.currency },
    )
    .await
}

/// A demo shop order.
pub struct NewShopOrder {
    pub id: RecordId,
    pub checkout: RecordId,
    pub buyer: RecordId,
    pub shop: RecordId,
    pub status: String,
    pub subtotal_minor: i64,
    pub currency: String,
    pub created_at: DateTime<Utc>,
    pub number: String,
    pub shipping_address: serde_json::Value,
    pub payment_status: String,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    /// When it shipped, and when it counts as delivered unless the buyer confirms.
    pub shipped_at: Option<DateTime<Utc>>,
    pub confirm_by: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
}

const CREATE_SHOP_ORDER: &str = "CREATE $id SET checkout = $checkout, buyer = $buyer, shop = $shop, status = $status, subtotal_minor = $sub, \
                 shipping_minor = 0, currency = $cur, shipping_address = $address, created_at = $at, number = $number, \
                 shipping_method = 'Standard delivery', payment_status = $payment, \
                 carrier = $carrier, tracking_number = $tracking, shipped_at = $shipped, confirm_by = $confirm_by, \
                 delivered_at = $delivered";

pub async fn create_shop_order(db: &Db, o: NewShopOrder) -> Result<(), surrealdb::Error> {
    run(
        db,
        CREATE_SHOP_ORDER,
        vars! { "id" => o.id, "checkout" => o.checkout, "buyer" => o.buyer, "shop" => o.shop, "status" => o.status, "sub" => o.subtotal_minor, "cur" => o.currency, "at" => o.created_at, "number" => o.number, "address" => o.shipping_address, "payment" => o.payment_status, "carrier" => o.carrier, "tracking" => o.tracking_number, "shipped" => o.shipped_at, "confirm_by" => o.confirm_by, "delivered" => o.delivered_at },
    )
    .await
}

const CREATE_ORDER_EVENT: &str =
    "CREATE order_event SET shop_order = $order, kind = $kind, at = $at";

pub async fn create_order_event(
    db: &Db,
    order: RecordId,
    kind: String,
    at: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    run(
        db,
        CREATE_ORDER_EVENT,
        vars! { "order" => order, "kind" => kind, "at" => at },
    )
    .await
}

const CREATE_ADDRESS: &str = "CREATE address SET owner = $owner, name = $name, phone = $phone, line1 = $line1, line2 = $line2, \
             city = $city, postal_code = $postal, country = $country, created_at = $at";

/// A saved address of `owner`.
pub async fn create_address(
    db: &Db,
    owner: RecordId,
    a: domain::order::Address,
    at: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    run(
        db,
        CREATE_ADDRESS,
        vars! { "owner" => owner, "name" => a.name, "phone" => a.phone, "line1" => a.line1, "line2" => a.line2, "city" => a.city, "postal" => a.postal_code, "country" => a.country, "at" => at },
    )
    .await
}

const CREATE_COUNTERFEIT_REPORT: &str = "CREATE report SET kind = 'shopper_report', listing = $listing, reporter = $reporter, reason = 'counterfeit', \
             body = $body, status = 'open', created_at = $at";

/// An open shopper report of a counterfeit listing.
pub async fn create_counterfeit_report(
    db: &Db,
    listing: RecordId,
    reporter: RecordId,
    body: String,
    at: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    run(
        db,
        CREATE_COUNTERFEIT_REPORT,
        vars! { "listing" => listing, "reporter" => reporter, "body" => body, "at" => at },
    )
    .await
}

const CREATE_BRAND: &str =
    "CREATE $id SET name = $name, terms = $terms, authorised_shops = [], created_at = $now";

/// A protected brand (no shop authorised yet).
pub async fn create_brand(
    db: &Db,
    id: RecordId,
    name: String,
    terms: Vec<String>,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    run(
        db,
        CREATE_BRAND,
        vars! { "id" => id, "name" => name, "terms" => terms, "now" => now },
    )
    .await
}

const CREATE_SHARE_CAMPAIGN: &str = "CREATE campaign:share_twd SET name = 'Share & earn · 分享賺購物金', currency = 'TWD', kind = 'percent', rate_bps = 500, \
           fixed_minor = 0, cap_minor = 300, welcome_bps = 1000, welcome_cap_minor = 200, active = true, \
           rewards = 0, flagged = 0, cost_minor = 0, revenue_minor = 0, created_at = $now, updated_at = $now";

/// The platform's sharing campaign: 5 % of a referred order's goods (at most NT$300)
/// for the sharer, 10 % off (at most NT$200) a referred buyer's first order.
pub async fn create_share_campaign(db: &Db, now: DateTime<Utc>) -> Result<(), surrealdb::Error> {
    run(db, CREATE_SHARE_CAMPAIGN, vars! { "now" => now }).await
}

/// A listed product that gets demo reviews.
#[derive(SurrealValue)]
pub struct Listed {
    pub id: RecordId,
    pub shop: RecordId,
    pub title_en: String,
    pub price_minor: i64,
    pub currency: String,
}

const LISTED_PRODUCTS: &str = "SELECT id, shop, title_en, price_minor, currency FROM product \
             WHERE status = 'active' AND variant_of = NONE ORDER BY id LIMIT $n";

/// The first `n` active products that are not variants, by id.
pub async fn listed_products(db: &Db, n: i64) -> Result<Vec<Listed>, surrealdb::Error> {
    let mut res = db.query(LISTED_PRODUCTS).bind(("n", n)).await?.check()?;
    res.take(0)
}

#[derive(SurrealValue)]
pub struct LineRow {
    pub id: RecordId,
    pub shop_order: RecordId,
    pub product: RecordId,
    pub title: String,
    pub unit_price_minor: i64,
    pub quantity: i64,
    pub currency: String,
}

#[derive(SurrealValue)]
pub struct OrderRow {
    pub id: RecordId,
    pub checkout: RecordId,
    pub buyer: RecordId,
    pub shop: RecordId,
    pub status: String,
    pub subtotal_minor: i64,
    pub shipping_minor: i64,
    pub currency: String,
    pub shipping_address: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub number: String,
    pub shipping_method: String,
    pub payment_status: String,
    pub delivered_at: DateTime<Utc>,
    pub settled_at: DateTime<Utc>,
}

#[derive(SurrealValue)]
pub struct ReviewRow {
    pub id: RecordId,
    pub product: RecordId,
    pub order_line: RecordId,
    pub author: RecordId,
    pub author_name: String,
    pub shop: RecordId,
    pub rating: i64,
    pub title: String,
    pub body: String,
    pub lang: String,
    pub status: String,
    pub helpful: i64,
    pub created_at: DateTime<Utc>,
    pub reply: Option<String>,
    pub reply_at: Option<DateTime<Utc>>,
}

/// The reviewers' past orders.
pub async fn insert_shop_orders(db: &Db, rows: Vec<OrderRow>) -> Result<(), surrealdb::Error> {
    insert_chunks(db, "shop_order", rows).await
}

/// The reviewed lines of the reviewers' past orders.
pub async fn insert_order_lines(db: &Db, rows: Vec<LineRow>) -> Result<(), surrealdb::Error> {
    insert_chunks(db, "order_line", rows).await
}

pub async fn insert_reviews(db: &Db, rows: Vec<ReviewRow>) -> Result<(), surrealdb::Error> {
    insert_chunks(db, "review", rows).await
}

/// `INSERT INTO table` in chunks of 1,000 rows.
async fn insert_chunks<T: SurrealValue>(
    db: &Db,
    table: &str,
    mut rows: Vec<T>,
) -> Result<(), surrealdb::Error> {
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(1000));
        run(db, &format!("INSERT INTO {table} $rows"), ("rows", rows)).await?;
        rows = rest;
    }
    Ok(())
}
