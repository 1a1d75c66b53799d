//! Sellers' stored data: shops by owner, onboarding's document requirements.

use domain::onboarding::{BusinessType, DocumentKind, Requirement};
use domain::Currency;
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{count, Db};

/// The caller's shop as a seller sees it.
#[derive(Clone, Debug, SurrealValue)]
pub struct SellerShop {
    pub id: RecordId,
    pub name: String,
    pub slug: String,
    pub currency: String,
    pub status: String,
}

impl SellerShop {
    pub fn currency(&self) -> Currency {
        Currency::parse(&self.currency).unwrap_or_default()
    }

    /// Whether the shop may sell and change its listings (approved, not suspended or
    /// closed).
    pub fn is_open(&self) -> bool {
        self.status == "approved"
    }
}

/// The shop of the owner `$user`.
pub const SHOP_OF_OWNER: &str =
    "SELECT id, name, slug, currency, status FROM shop WHERE owner = $user LIMIT 1";

/// A shop by its id, if it exists.
pub async fn shop(db: &Db, id: &RecordId) -> Result<Option<SellerShop>, surrealdb::Error> {
    let mut res = db
        .query("SELECT id, name, slug, currency, status FROM $id")
        .bind(("id", id.clone()))
        .await?
        .check()?;
    let rows: Vec<SellerShop> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// The shop `owner` runs, if any.
pub async fn shop_of_owner(
    db: &Db,
    owner: &RecordId,
) -> Result<Option<SellerShop>, surrealdb::Error> {
    let mut res = db
        .query(SHOP_OF_OWNER)
        .bind(("user", owner.clone()))
        .await?
        .check()?;
    let rows: Vec<SellerShop> = res.take(0)?;
    Ok(rows.into_iter().next())
}

#[derive(SurrealValue)]
struct RequirementRow {
    country: Option<String>,
    business_type: Option<String>,
    document: String,
    only_with_brand: bool,
}

/// Every document requirement (migration 0012). The schema only admits known values;
/// a row that still does not read (a future document kind) is left out.
pub async fn requirements(db: &Db) -> Result<Vec<Requirement>, surrealdb::Error> {
    let mut res = db
        .query("SELECT country, business_type, document, only_with_brand FROM document_requirement")
        .await?
        .check()?;
    let rows: Vec<RequirementRow> = res.take(0)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let business_type = match r.business_type.as_deref() {
                None => None,
                Some(b) => Some(BusinessType::parse(b)?),
            };
            Some(Requirement {
                country: r.country,
                business_type,
                document: DocumentKind::parse(&r.document)?,
                only_with_brand: r.only_with_brand,
            })
        })
        .collect())
}

/// What the seller centre's overview counts for a shop.
pub struct ShopCounts {
    pub total_listings: i64,
    pub active_listings: i64,
    pub low_stock: i64,
    pub open_orders: i64,
}

pub async fn shop_counts(db: &Db, shop: &RecordId) -> Result<ShopCounts, surrealdb::Error> {
    let of = |sql: &'static str| count(db, sql, ("shop", shop.clone()));
    Ok(ShopCounts {
        total_listings: of("SELECT count() AS n FROM product WHERE shop = $shop GROUP ALL").await?,
        active_listings: of(
            "SELECT count() AS n FROM product WHERE shop = $shop AND status = 'active' GROUP ALL",
        )
        .await?,
        low_stock: of(
            "SELECT count() AS n FROM stock WHERE shop = $shop AND on_hand - reserved <= low_stock_threshold GROUP ALL",
        )
        .await?,
        open_orders: of(
            "SELECT count() AS n FROM shop_order WHERE shop = $shop AND status IN ['placed', 'paid'] GROUP ALL",
        )
        .await?,
    })
}

/// The shop's current sanction (`none` when it has none).
pub async fn sanction_of(db: &Db, shop: &RecordId) -> Result<String, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE sanction FROM ONLY $shop")
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    let sanction: Option<String> = res.take(0)?;
    Ok(sanction.unwrap_or_else(|| "none".into()))
}

/// The shop of each product, as (product, shop).
pub async fn shops_of_products(
    db: &Db,
    products: Vec<RecordId>,
) -> Result<Vec<(RecordId, RecordId)>, surrealdb::Error> {
    #[derive(SurrealValue)]
    struct Owner {
        id: RecordId,
        shop: RecordId,
    }
    let mut res = db
        .query("SELECT id, shop FROM $ids")
        .bind(("ids", products))
        .await?
        .check()?;
    let owners: Vec<Owner> = res.take(0)?;
    Ok(owners.into_iter().map(|o| (o.id, o.shop)).collect())
}

/// Adds counted views, add-to-carts and checkouts to the day's product and shop rows.
pub async fn add_day_counts(
    db: &Db,
    products: Vec<serde_json::Value>,
    shops: Vec<serde_json::Value>,
    day: String,
) -> Result<(), surrealdb::Error> {
    db.query(
        "FOR $r IN $rows {\n\
           UPSERT type::record('product_day', [$r.product, $day]) SET product = type::record('product', $r.product), \
             shop = type::record('shop', $r.shop), day = $day, views = (views ?? 0) + $r.views;\n\
         };\n\
         FOR $s IN $shops {\n\
           UPSERT type::record('shop_day', [$s.shop, $day]) SET shop = type::record('shop', $s.shop), day = $day, \
             views = (views ?? 0) + $s.views, adds = (adds ?? 0) + $s.adds, checkouts = (checkouts ?? 0) + $s.checkouts;\n\
         };",
    )
    .bind(("rows", products))
    .bind(("shops", shops))
    .bind(("day", day))
    .await?
    .check()?;
    Ok(())
}

/// The country a shop ships from.
pub async fn shop_country(db: &Db, shop: &RecordId) -> Result<String, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE country FROM ONLY $shop")
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    let c: Option<String> = res.take(0)?;
    Ok(c.unwrap_or_else(|| "TW".into()))
}

/// One shipping zone of a shop, as saved.
pub struct ZoneInsert {
    pub id: RecordId,
    pub shop: RecordId,
    pub code: String,
    pub name_en: String,
    pub name_zh: String,
    pub currency: String,
    pub zone: domain::shipping::ZoneRate,
    /// Its place in the list when new (an existing zone keeps its own).
    pub position: i64,
}

/// Creates or replaces a shop's shipping zone.
pub async fn save_zone(db: &Db, z: ZoneInsert) -> Result<(), surrealdb::Error> {
    db.query(
        "UPSERT $id SET shop = $shop, code = $code, name_en = $en, name_zh = $zh, price_minor = $price, \
         free_over_minor = $free, currency = $cur, days_min = $dmin, days_max = $dmax, countries = $countries, \
         position = position ?? $pos",
    )
    .bind(("id", z.id))
    .bind(("shop", z.shop))
    .bind(("code", z.code))
    .bind(("en", z.name_en))
    .bind(("zh", z.name_zh))
    .bind(("price", z.zone.price_minor))
    .bind(("free", z.zone.free_over_minor))
    .bind(("cur", z.currency))
    .bind(("dmin", z.zone.days_min))
    .bind(("dmax", z.zone.days_max))
    .bind(("countries", z.zone.countries))
    .bind(("pos", z.position))
    .await?
    .check()?;
    Ok(())
}

/// Deletes the zone if it is the shop's; whether one was deleted.
pub async fn delete_zone(db: &Db, id: RecordId, shop: &RecordId) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query("DELETE $id WHERE shop = $shop RETURN BEFORE")
        .bind(("id", id))
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    let gone: Vec<serde_json::Value> = res.take(0).unwrap_or_default();
    Ok(!gone.is_empty())
}

/// A product's units and sales over a range of days.
#[derive(SurrealValue)]
pub struct TopProduct {
    pub product: RecordId,
    pub units: i64,
    pub sales: i64,
}

/// Units and sales of each of the shop's products since the day `from` (`YYYY-MM-DD`).
pub async fn product_sales_since(
    db: &Db,
    shop: &RecordId,
    from: &str,
) -> Result<Vec<TopProduct>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT product, math::sum(units) AS units, math::sum(sales_minor) AS sales FROM product_day \
               WHERE shop = $shop AND day >= $from GROUP BY product",
        )
        .bind(("shop", shop.clone()))
        .bind(("from", from.to_string()))
        .await?
        .check()?;
    res.take(0)
}

/// A shop's counted views, add-to-carts, checkouts, orders and sales on one day.
#[derive(SurrealValue)]
pub struct DashboardDay {
    pub day: String,
    pub views: Option<i64>,
    pub adds: Option<i64>,
    pub checkouts: Option<i64>,
    pub orders: Option<i64>,
    pub sales_minor: Option<i64>,
}

/// A product at or below its low-stock alert.
#[derive(SurrealValue)]
pub struct LowStock {
    pub product: RecordId,
    pub available: i64,
    pub low_stock_threshold: i64,
}

/// A listing that screening holds or has queued, with its risk score.
#[derive(SurrealValue)]
pub struct OpenCase {
    pub product: RecordId,
    pub score: i64,
}

/// What the seller dashboard reads in one go, one field per question.
pub struct DashboardFigures {
    /// The shop's days since `from`, oldest first.
    pub days: Vec<DashboardDay>,
    /// Up to 8 products running low.
    pub low_stock: Vec<LowStock>,
    pub placed_orders: i64,
    pub paid_orders: i64,
    pub pending_returns: i64,
    /// Up to 8 listings held or queued by screening.
    pub cases: Vec<OpenCase>,
    /// The seller's unread notifications.
    pub unread: i64,
}

/// The dashboard's daily figures, low stock, orders and returns waiting, screening cases and unread notifications.
pub async fn dashboard_figures(
    db: &Db,
    shop: &RecordId,
    from: &str,
    user: &RecordId,
) -> Result<DashboardFigures, surrealdb::Error> {
    let mut res = db
        .query(concat!(
            "SELECT day, views, adds, checkouts, orders, sales_minor FROM shop_day WHERE shop = $shop AND day >= $from ORDER BY day;\n\
             RETURN NONE;\n\
             SELECT product, on_hand - reserved AS available, low_stock_threshold FROM stock \
               WHERE shop = $shop AND on_hand - reserved <= low_stock_threshold LIMIT 8;\n\
             SELECT count() AS n FROM shop_order WHERE shop = $shop AND status = 'placed' GROUP ALL;\n\
             SELECT count() AS n FROM return_request WHERE shop = $shop AND status IN ['requested', 'shipped_back'] GROUP ALL;\n\
             SELECT product, score FROM screening_case WHERE shop = $shop AND status = 'open' LIMIT 8;\n\
             SELECT count() AS n FROM outbox WHERE recipient = $user AND read_at = NONE AND kind NOT IN ",
            crate::secret_mail_kinds!(),
            " GROUP ALL;\n\
             SELECT count() AS n FROM shop_order WHERE shop = $shop AND status = 'paid' GROUP ALL;"
        ))
        .bind(("shop", shop.clone()))
        .bind(("from", from.to_string()))
        .bind(("user", user.clone()))
        .await?
        .check()?;
    let days: Vec<DashboardDay> = res.take(0)?;
    let low_stock: Vec<LowStock> = res.take(2)?;
    let n = |v: Vec<serde_json::Value>| {
        v.first()
            .and_then(|o| o.get("n"))
            .and_then(|n| n.as_i64())
            .unwrap_or(0)
    };
    // two equality counts: each is an index count, where `status IN [..]` walked
    // every order of the shop (40 ms at 10,000 orders)
    let placed_orders = n(res.take(3)?);
    let paid_orders = n(res.take(7)?);
    let pending_returns = n(res.take(4)?);
    let cases: Vec<OpenCase> = res.take(5)?;
    let unread = n(res.take(6)?);
    Ok(DashboardFigures {
        days,
        low_stock,
        placed_orders,
        paid_orders,
        pending_returns,
        cases,
        unread,
    })
}

/// A product's title in both languages.
#[derive(SurrealValue)]
pub struct ProductTitle {
    pub id: RecordId,
    pub title_en: String,
    pub title_zh: String,
}

/// The titles of these products.
pub async fn product_titles(
    db: &Db,
    ids: Vec<RecordId>,
) -> Result<Vec<ProductTitle>, surrealdb::Error> {
    let mut res = db
        .query("SELECT id, title_en, title_zh FROM $ids")
        .bind(("ids", ids))
        .await?
        .check()?;
    res.take(0)
}
