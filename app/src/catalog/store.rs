//! Catalog queries (server only).

use domain::{Currency, Money};
use surrealdb::types::{RecordId, SurrealValue};

use crate::state::Db;

#[derive(Clone, Debug, SurrealValue)]
pub struct CategoryRow {
    pub id: RecordId,
    pub slug: String,
    pub name_en: String,
    pub name_zh: String,
    pub parent: Option<RecordId>,
    pub depth: i64,
    pub position: i64,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct CardRow {
    pub id: RecordId,
    pub slug: String,
    pub title_en: String,
    pub title_zh: String,
    pub price_minor: i64,
    pub currency: String,
    pub rating_avg: f64,
    pub rating_count: i64,
    pub shop_name: Option<String>,
    pub image_url: String,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct DetailRow {
    pub id: RecordId,
    pub slug: String,
    pub brand: Option<String>,
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub price_minor: i64,
    pub currency: String,
    pub rating_avg: f64,
    pub rating_count: i64,
    pub shop_name: Option<String>,
    pub shop_slug: Option<String>,
    pub ships_from: Option<String>,
    /// The shop's country (ISO), for the delivery panel.
    pub shop_country: Option<String>,
    pub image_url: String,
    pub category: RecordId,
    /// The listed product of its variant group, when this is one of the others.
    pub variant_of: Option<RecordId>,
    /// Whether this is the listed product of a variant group.
    pub has_variants: bool,
}

const CARD_FIELDS: &str =
    "id, slug, title_en, title_zh, price_minor, currency, rating_avg, rating_count, \
                           shop.name AS shop_name, image_url";

/// Shops open for business (for the seller filter), by name.
#[derive(Clone, Debug, SurrealValue)]
pub struct ShopRow {
    pub slug: String,
    pub name: String,
}

pub async fn open_shops(db: &Db) -> Result<Vec<ShopRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT slug, name FROM shop WHERE status = 'approved' ORDER BY name")
        .await?
        .check()?;
    res.take(0)
}

/// A running "spend X, save Y" offer (migration 0011).
#[derive(Clone, Debug, SurrealValue)]
pub struct PromotionRow {
    pub id: RecordId,
    pub shop: RecordId,
    pub shop_name: Option<String>,
    pub shop_slug: Option<String>,
    pub title_en: String,
    pub title_zh: String,
    pub threshold_minor: i64,
    pub discount_minor: i64,
    pub currency: String,
    pub browse: RecordId,
    pub ends_at: chrono::DateTime<chrono::Utc>,
}

impl PromotionRow {
    pub fn offer(&self) -> Option<domain::promotion::SpendSave> {
        domain::promotion::SpendSave::new(self.threshold_minor, self.discount_minor).ok()
    }
}

const PROMOTION_FIELDS: &str =
    "id, shop, shop.name AS shop_name, shop.slug AS shop_slug, title_en, title_zh, \
     threshold_minor, discount_minor, currency, browse, ends_at";

/// Promotions running at `now`, ending soonest first.
pub async fn running_promotions(
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
    limit: i64,
) -> Result<Vec<PromotionRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {PROMOTION_FIELDS} FROM promotion WHERE ends_at > $now AND starts_at <= $now \
             AND shop.status = 'approved' ORDER BY ends_at LIMIT $limit"
        ))
        .bind(("now", now))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// The promotions of these shops running at `now`.
pub async fn shop_promotions(
    db: &Db,
    shops: Vec<RecordId>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<PromotionRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {PROMOTION_FIELDS} FROM promotion WHERE shop IN $shops AND ends_at > $now AND starts_at <= $now"
        ))
        .bind(("shops", shops))
        .bind(("now", now))
        .await?
        .check()?;
    res.take(0)
}

pub async fn categories(db: &Db) -> Result<Vec<CategoryRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT id, slug, name_en, name_zh, parent, depth, position FROM category ORDER BY depth, position")
        .await?
        .check()?;
    res.take(0)
}

pub async fn newest(db: &Db, limit: i64) -> Result<Vec<CardRow>, surrealdb::Error> {
    let sql = format!(
        "SELECT {CARD_FIELDS} FROM product WHERE status = 'active' AND variant_of = NONE ORDER BY newest_key LIMIT $limit"
    );
    let mut res = db.query(sql).bind(("limit", limit)).await?.check()?;
    res.take(0)
}

pub async fn top_rated(db: &Db, limit: i64) -> Result<Vec<CardRow>, surrealdb::Error> {
    let sql = format!(
        "SELECT {CARD_FIELDS} FROM product WHERE status = 'active' AND variant_of = NONE AND rating_count >= 3 \
         ORDER BY rating_key LIMIT $limit"
    );
    let mut res = db.query(sql).bind(("limit", limit)).await?.check()?;
    res.take(0)
}

/// How far back "trending" looks, and how many products it keeps.
pub const TRENDING_DAYS: i64 = 7;
pub const TRENDING_SIZE: usize = 12;

#[derive(Debug, SurrealValue)]
struct UnitsRow {
    product: RecordId,
    units: i64,
}

/// Rebuilds `trending:current`: units per listed product (variants count for the
/// listed one) over the orders paid in the last
/// [`TRENDING_DAYS`] that were not cancelled or refunded since, most units first (ties:
/// product id, so the list is stable). Returns how many products it kept.
///
/// The cost is bounded by a week of sales, not by the catalogue; it runs from the
/// background job, and the home page reads the one record.
pub async fn refresh_trending(
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, surrealdb::Error> {
    let since = now - chrono::Duration::days(TRENDING_DAYS);
    let mut res = db
        .query(
            "LET $paid = (SELECT VALUE shop_order FROM order_event WHERE kind = 'paid' AND at > $since);
             LET $live = (SELECT VALUE id FROM $paid WHERE status != 'cancelled' AND payment_status != 'refunded');
             SELECT product.variant_of ?? product AS product, math::sum(quantity) AS units FROM order_line WHERE shop_order IN $live GROUP BY product;",
        )
        .bind(("since", since))
        .await?
        .check()?;
    let mut rows: Vec<UnitsRow> = res.take(2)?;
    rows.sort_by(|a, b| {
        b.units
            .cmp(&a.units)
            .then_with(|| crate::state::key_of(&a.product).cmp(&crate::state::key_of(&b.product)))
    });
    rows.truncate(TRENDING_SIZE);
    let kept = rows.len();
    let (products, units): (Vec<RecordId>, Vec<i64>) =
        rows.into_iter().map(|r| (r.product, r.units)).unzip();
    db.query(
        "UPSERT trending:current CONTENT { products: $products, units: $units, since: $since, computed_at: $now }",
    )
    .bind(("products", products))
    .bind(("units", units))
    .bind(("since", since))
    .bind(("now", now))
    .await?
    .check()?;
    Ok(kept)
}

/// The trending products that are still on sale, in trending order.
pub async fn trending(db: &Db) -> Result<Vec<CardRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE products FROM trending:current")
        .await?
        .check()?;
    let ids: Vec<Vec<RecordId>> = res.take(0)?;
    let ids = ids.into_iter().next().unwrap_or_default();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT {CARD_FIELDS} FROM $ids WHERE status = 'active'");
    let mut res = db.query(sql).bind(("ids", ids.clone())).await?.check()?;
    let mut rows: Vec<CardRow> = res.take(0)?;
    rows.sort_by_key(|r| ids.iter().position(|id| id == &r.id));
    Ok(rows)
}

pub async fn in_categories(
    db: &Db,
    cats: Vec<RecordId>,
    limit: i64,
) -> Result<Vec<CardRow>, surrealdb::Error> {
    let sql = format!(
        "SELECT {CARD_FIELDS} FROM product WHERE status = 'active' AND variant_of = NONE AND category IN $cats \
         ORDER BY newest_key LIMIT $limit"
    );
    let mut res = db
        .query(sql)
        .bind(("cats", cats))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// Full-text search over both titles (BM25 on the `product_title_*_ft` indexes),
/// best matches first, then the most reviewed.
pub async fn search(db: &Db, needle: &str, limit: i64) -> Result<Vec<CardRow>, surrealdb::Error> {
    let sql = format!(
        "SELECT {CARD_FIELDS}, search::score(1) + search::score(2) AS score FROM product \
         WHERE (title_en @1@ $q OR title_zh @2@ $q) AND status = 'active' AND variant_of = NONE \
         ORDER BY score DESC, rating_count DESC LIMIT $limit"
    );
    let mut res = db
        .query(sql)
        .bind(("q", needle.to_string()))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

pub async fn product(db: &Db, id: RecordId) -> Result<Option<DetailRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT id, slug, brand, title_en, title_zh, description_en, description_zh, price_minor, currency, \
             rating_avg, rating_count, shop.name AS shop_name, shop.slug AS shop_slug, shop.ships_from AS ships_from, shop.country AS shop_country, image_url, \
             category, variant_of, variants != NONE AS has_variants FROM $id WHERE status = 'active'",
        )
        .bind(("id", id))
        .await?
        .check()?;
    let rows: Vec<DetailRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// One axis value of a variant, such as Size: M (migration 0010).
#[derive(Clone, Debug, SurrealValue)]
pub struct OptionRow {
    pub axis_en: String,
    pub axis_zh: String,
    pub value_en: String,
    pub value_zh: String,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct VariantRow {
    pub id: RecordId,
    pub slug: String,
    pub options: Option<Vec<OptionRow>>,
    pub available: i64,
}

/// The variants of the group `listed` stands for, on sale, with what can be bought:
/// the listed product first, then its `variants` in order. Empty when it has none.
pub async fn variant_group(db: &Db, listed: RecordId) -> Result<Vec<VariantRow>, surrealdb::Error> {
    let sql = format!(
        "SELECT id, slug, options, {AVAILABLE} AS available \
         FROM array::concat([$listed], (SELECT VALUE variants FROM ONLY $listed) ?? []) \
         WHERE status = 'active' AND options != NONE"
    );
    let mut res = db.query(sql).bind(("listed", listed)).await?.check()?;
    res.take(0)
}

pub async fn product_images(db: &Db, id: RecordId) -> Result<Vec<String>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE url FROM product_image WHERE product = $id ORDER BY position")
        .bind(("id", id))
        .await?
        .check()?;
    res.take(0)
}

/// Units on hand minus units reserved by unpaid checkouts.
pub async fn available_stock(db: &Db, product: RecordId) -> Result<i64, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE on_hand - reserved FROM stock WHERE product = $id")
        .bind(("id", product))
        .await?
        .check()?;
    let rows: Vec<i64> = res.take(0)?;
    Ok(rows.into_iter().next().unwrap_or(0))
}

/// Items in the cart of a user or of an anonymous cart token.
pub async fn cart_count(db: &Db, cart: RecordId) -> Result<u32, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE math::sum(lines.quantity) FROM $id")
        .bind(("id", cart))
        .await?
        .check()?;
    let rows: Vec<i64> = res.take(0)?;
    Ok(rows
        .into_iter()
        .next()
        .unwrap_or(0)
        .clamp(0, i64::from(u32::MAX)) as u32)
}

/// Converts a price for display; `None` when it is already in that currency or no rate exists.
fn display_price(price: Money, to: Currency, rates: &domain::fx::RateTable) -> Option<Money> {
    if price.currency == to {
        return None;
    }
    rates.convert(price, to)
}

/// A charged price with its approximation in the shopper's display currency.
pub fn price_view(charged: Money, to: Currency, rates: &domain::fx::RateTable) -> super::PriceView {
    super::PriceView {
        charged,
        display: display_price(charged, to, rates),
    }
}

/// How a listing is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Newest,
    PriceAsc,
    PriceDesc,
    Rating,
}

impl Sort {
    pub fn parse(s: Option<&str>, searching: bool) -> Sort {
        match s {
            Some("newest") => Sort::Newest,
            Some("price_asc") => Sort::PriceAsc,
            Some("price_desc") => Sort::PriceDesc,
            Some("rating") => Sort::Rating,
            _ if searching => Sort::Relevance,
            _ => Sort::Newest,
        }
    }
}

/// Where the previous page stopped: the sort key's value and the record key.
#[derive(Clone, Debug, PartialEq)]
pub enum CursorValue {
    Int(i64),
    Float(f64),
    Offset(i64),
}

#[derive(Clone, Debug, Default)]
pub struct ListingFilter {
    pub categories: Option<Vec<RecordId>>,
    pub search: Option<String>,
    pub min_ref: Option<i64>,
    pub max_ref: Option<i64>,
    pub in_stock: bool,
    pub min_rating: Option<f64>,
    pub shop: Option<RecordId>,
    pub after: Option<(CursorValue, String)>,
}

impl ListingFilter {
    /// A cache key naming every input of the query (built with `Display`, not
    /// `Debug`, which escapes every character and showed up in profiles).
    pub fn cache_key(&self, sort: Sort) -> String {
        use std::fmt::Write;
        let mut k = String::with_capacity(96);
        let _ = write!(k, "listing|{sort:?}|");
        for c in self.categories.iter().flatten() {
            let _ = write!(k, "{},", crate::state::key_of(c));
        }
        let _ = write!(
            k,
            "|{}|{:?}|{:?}|{}|{:?}|{}|",
            self.search.as_deref().unwrap_or(""),
            self.min_ref,
            self.max_ref,
            self.in_stock,
            self.min_rating,
            self.shop
                .as_ref()
                .map(crate::state::key_of)
                .unwrap_or_default(),
        );
        match &self.after {
            Some((CursorValue::Int(v), id)) => {
                let _ = write!(k, "i{v}~{id}");
            }
            Some((CursorValue::Float(v), id)) => {
                let _ = write!(k, "f{v}~{id}");
            }
            Some((CursorValue::Offset(n), _)) => {
                let _ = write!(k, "o{n}");
            }
            None => {}
        }
        k
    }
}

#[derive(Clone, Debug, SurrealValue)]
pub struct ListingRow {
    pub id: RecordId,
    pub slug: String,
    pub title_en: String,
    pub title_zh: String,
    pub price_minor: i64,
    pub currency: String,
    pub rating_avg: f64,
    pub rating_count: i64,
    pub shop_name: Option<String>,
    pub image_url: String,
    pub price_ref_minor: i64,
    pub newest_key: i64,
    pub price_desc_key: i64,
    pub rating_key: f64,
}

impl ListingRow {
    pub fn card_row(self) -> CardRow {
        CardRow {
            id: self.id,
            slug: self.slug,
            title_en: self.title_en,
            title_zh: self.title_zh,
            price_minor: self.price_minor,
            currency: self.currency,
            rating_avg: self.rating_avg,
            rating_count: self.rating_count,
            shop_name: self.shop_name,
            image_url: self.image_url,
        }
    }
}

/// Units available for this product row, as an expression over `id`.
const AVAILABLE: &str =
    "(type::record('stock', record::id(id)).on_hand - type::record('stock', record::id(id)).reserved)";

/// A filtered, sorted page of active products (`limit + 1` rows are read so the
/// caller knows whether a next page exists). Pages continue from a keyset cursor,
/// so page 50 costs what page 1 costs; search relevance pages by offset (capped).
pub async fn listing(
    db: &Db,
    f: &ListingFilter,
    sort: Sort,
    limit: i64,
) -> Result<Vec<ListingRow>, surrealdb::Error> {
    if let (Some(cats), None) = (&f.categories, &f.search) {
        if cats.len() > 1 {
            // SurrealDB sorts every match of `category IN [...]`, which is slow for a
            // large subtree; one index-ordered scan per category (each stopping at
            // `limit + 1`) merged here reads at most that many rows per category.
            let mut rows = Vec::new();
            for c in cats {
                let one = ListingFilter {
                    categories: Some(vec![c.clone()]),
                    ..f.clone()
                };
                let mut res = bound_listing(db, &one, sort, limit, "").await?.check()?;
                rows.extend(res.take::<Vec<ListingRow>>(0)?);
            }
            sort_rows(&mut rows, sort);
            rows.truncate((limit + 1) as usize);
            return Ok(rows);
        }
    }
    let mut res = bound_listing(db, f, sort, limit, "").await?.check()?;
    res.take(0)
}

/// The order `listing` returns rows in: the ascending sort key, ties by record key
/// (the order of a forward index scan).
fn sort_rows(rows: &mut [ListingRow], sort: Sort) {
    use std::cmp::Ordering;
    let id = |r: &ListingRow| crate::state::key_of(&r.id);
    rows.sort_by(|a, b| {
        let primary = match sort {
            Sort::Newest => a.newest_key.cmp(&b.newest_key),
            Sort::PriceAsc => a.price_ref_minor.cmp(&b.price_ref_minor),
            Sort::PriceDesc => a.price_desc_key.cmp(&b.price_desc_key),
            Sort::Rating => a
                .rating_key
                .partial_cmp(&b.rating_key)
                .unwrap_or(Ordering::Equal),
            Sort::Relevance => Ordering::Equal,
        };
        primary.then_with(|| id(a).cmp(&id(b)))
    });
}

/// The query plan of [`listing`] (the EXPLAIN test checks every storefront filter).
pub async fn explain_listing(
    db: &Db,
    f: &ListingFilter,
    sort: Sort,
) -> Result<String, surrealdb::Error> {
    let mut res = bound_listing(db, f, sort, 48, " EXPLAIN").await?.check()?;
    let v: surrealdb::types::Value = res.take(0)?;
    Ok(format!("{v:?}"))
}

async fn bound_listing(
    db: &Db,
    f: &ListingFilter,
    sort: Sort,
    limit: i64,
    suffix: &str,
) -> Result<surrealdb::IndexedResults, surrealdb::Error> {
    // variants other than the listed one stay out of listings (migration 0010)
    let mut conds = vec![
        "status = 'active'".to_string(),
        "variant_of = NONE".to_string(),
    ];
    match f.categories.as_deref() {
        // equality lets the index both filter and order (see `listing`)
        Some([_]) => conds.push("category = $cat".into()),
        Some(_) => conds.push("category IN $cats".into()),
        None => {}
    }
    if f.search.is_some() {
        conds.push(
            "(title_en @1@ $q OR title_zh @2@ $q OR description_en @3@ $q OR description_zh @4@ $q)"
                .into(),
        );
    }
    if f.min_ref.is_some() {
        conds.push("price_ref_minor >= $min".into());
    }
    if f.max_ref.is_some() {
        conds.push("price_ref_minor <= $max".into());
    }
    if f.min_rating.is_some() {
        conds.push("rating_avg >= $rating".into());
    }
    if f.shop.is_some() {
        conds.push("shop = $shop".into());
    }
    if f.in_stock {
        conds.push(format!("{AVAILABLE} > 0"));
    }
    let (key, dir) = match sort {
        // every key ascends (see migration 0008): forward index scans only
        Sort::Newest => ("newest_key", "ASC"),
        Sort::PriceAsc => ("price_ref_minor", "ASC"),
        Sort::PriceDesc => ("price_desc_key", "ASC"),
        Sort::Rating => ("rating_key", "ASC"),
        Sort::Relevance => ("score", "DESC"),
    };
    let mut start = 0;
    if let Some((value, _)) = &f.after {
        match (sort, value) {
            (Sort::Relevance, CursorValue::Offset(n)) => start = *n,
            (Sort::Relevance, _) => {}
            _ => {
                let op = if dir == "ASC" { ">" } else { "<" };
                conds.push(format!(
                    "({key} {op} $after OR ({key} = $after AND id {op} $after_id))"
                ));
            }
        }
    }
    let score = if f.search.is_some() {
        // BM25 on titles (double weight) and descriptions, nudged up by rating and stock
        format!(
            ", (search::score(1) + search::score(2)) * 2 + search::score(3) + search::score(4) \
             + rating_avg * 0.1 + (IF {AVAILABLE} > 0 THEN 0.5 ELSE 0 END) AS score"
        )
    } else {
        String::new()
    };
    // one ascending sort key, so SurrealDB reads the matching index forwards and stops
    // at the limit (a second key makes it sort every match); ties then come in index
    // order, by record id, which the cursor follows
    let order = format!("{key} {dir}");
    let start_clause = if start > 0 { " START $start" } else { "" };
    let sql = format!(
        "SELECT id, slug, title_en, title_zh, price_minor, currency, rating_avg, rating_count, \
         shop.name AS shop_name, image_url, price_ref_minor, newest_key, price_desc_key, rating_key{score} FROM product \
         WHERE {} ORDER BY {order} LIMIT $limit{start_clause}{suffix}",
        conds.join(" AND ")
    );
    let mut q = db
        .query(sql)
        .bind(("limit", limit + 1))
        .bind(("start", start));
    match f.categories.as_deref() {
        Some([one]) => q = q.bind(("cat", one.clone())),
        Some(many) => q = q.bind(("cats", many.to_vec())),
        None => {}
    }
    if let Some(s) = &f.search {
        q = q.bind(("q", s.clone()));
    }
    if let Some(v) = f.min_ref {
        q = q.bind(("min", v));
    }
    if let Some(v) = f.max_ref {
        q = q.bind(("max", v));
    }
    if let Some(v) = f.min_rating {
        q = q.bind(("rating", v));
    }
    if let Some(shop) = &f.shop {
        q = q.bind(("shop", shop.clone()));
    }
    if let Some((value, id)) = &f.after {
        q = q.bind(("after_id", RecordId::new("product", id.as_str())));
        q = match value {
            CursorValue::Int(v) => q.bind(("after", *v)),
            CursorValue::Float(v) => q.bind(("after", *v)),
            CursorValue::Offset(_) => q,
        };
    }
    q.await
}

/// US cents per one minor unit of `c`, scaled by 10^9, from USD-based rates.
fn ref_factor(c: Currency, rates: &domain::fx::RateTable) -> Option<f64> {
    let rate = rates.usd_rate(c)?;
    // price_minor / 10^units = major units of c; / (rate/1e9) = USD; * 100 = cents
    Some(100.0 * 1e9 / (rate as f64) / 10f64.powi(c.minor_units() as i32))
}

/// Converts a display-currency amount (minor units) to reference cents.
pub fn to_reference(amount_minor: i64, c: Currency, rates: &domain::fx::RateTable) -> Option<i64> {
    ref_factor(c, rates).map(|f| (amount_minor as f64 * f).round() as i64)
}

/// Recomputes every product's reference price from the current rates (after seeding,
/// importing or changing rates). Reference prices only filter and sort.
pub async fn reprice_reference(db: &Db) -> Result<(), surrealdb::Error> {
    let rates = crate::fx::imp::rate_table(db).await?;
    for c in Currency::ALL {
        let Some(factor) = ref_factor(c, &rates) else {
            continue;
        };
        db.query("UPDATE product SET price_ref_minor = math::round(price_minor * $f) WHERE currency = $c")
            .bind(("f", factor))
            .bind(("c", c.code().to_string()))
            .await?
            .check()?;
    }
    Ok(())
}

/// Lower-case words of the active catalogue's English titles, sorted and unique:
/// the dictionary for typo correction and completions. Bounded to 20,000 titles so
/// its cost does not grow with the catalogue (cached by the caller).
pub async fn vocabulary(db: &Db) -> Result<std::sync::Arc<Vec<String>>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE title_en FROM product WHERE status = 'active' LIMIT 20000")
        .await?
        .check()?;
    let titles: Vec<String> = res.take(0)?;
    let mut words: Vec<String> = titles
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_lowercase)
        .collect();
    words.sort_unstable();
    words.dedup();
    Ok(std::sync::Arc::new(words))
}

/// What a shop's page shows about the shop itself.
#[derive(Clone, Debug, SurrealValue)]
pub struct ShopPageRow {
    pub name: String,
    pub ships_from: String,
    pub rating_avg: f64,
    pub rating_count: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// The shop's name, origin, rating and opening date; `None` unless it is approved.
pub async fn approved_shop(
    db: &Db,
    shop: RecordId,
) -> Result<Option<ShopPageRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT name, ships_from, rating_avg, rating_count, created_at FROM ONLY $s WHERE status = 'approved'")
        .bind(("s", shop))
        .await?
        .check()?;
    res.take(0)
}
