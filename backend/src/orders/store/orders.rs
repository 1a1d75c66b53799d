//! Reading orders: the order, its lines, timeline and return request.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

#[derive(Clone, Debug, SurrealValue)]
pub struct OrderRow {
    pub id: RecordId,
    pub checkout: RecordId,
    pub buyer: RecordId,
    pub shop: RecordId,
    pub shop_name: Option<String>,
    pub shop_owner: Option<RecordId>,
    pub status: String,
    pub payment_status: String,
    pub provider: Option<String>,
    pub number: String,
    pub subtotal_minor: i64,
    pub shipping_minor: i64,
    pub currency: String,
    pub shipping_method: String,
    pub shipping_address: serde_json::Value,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub cancel_reason: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// A shipped order counts as delivered then, unless the buyer confirms sooner.
    pub confirm_by: Option<DateTime<Utc>>,
    /// When the seller reported it delivered.
    pub delivery_reported_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// What the shop's promotions took off (0 for orders placed before migration 0011).
    pub discount_minor: i64,
    /// What the platform's promotions took off.
    pub platform_discount_minor: i64,
    /// Store credit and a welcome discount (the buyer pays the total less these).
    pub credit_minor: i64,
    pub welcome_minor: i64,
    /// The money given back to the buyer so far.
    pub refunded_minor: i64,
    pub promotion_title: Option<String>,
}

impl OrderRow {
    /// What every promotion took off (the shop's and the platform's).
    pub fn promotions_minor(&self) -> i64 {
        self.discount_minor + self.platform_discount_minor
    }

    /// What the shopper pays: subtotal less the promotions, plus shipping.
    pub fn total_minor(&self) -> i64 {
        self.subtotal_minor - self.promotions_minor() + self.shipping_minor
    }

    /// The money the buyer pays: the total less store credit and a welcome discount
    /// (`domain::order::money::OrderAmounts::buyer_pays`).
    pub fn to_pay_minor(&self) -> i64 {
        domain::order::money::OrderAmounts {
            subtotal_minor: self.subtotal_minor,
            shipping_minor: self.shipping_minor,
            discount_minor: self.discount_minor,
            platform_discount_minor: self.platform_discount_minor,
            welcome_minor: self.welcome_minor,
            credit_minor: self.credit_minor,
            welcome_by_shop: false,
        }
        .buyer_pays()
    }
}

const ORDER_FIELDS: &str = "id, checkout, buyer, shop, shop.name AS shop_name, shop.owner AS shop_owner, \
     discount_minor ?? 0 AS discount_minor, platform_discount_minor ?? 0 AS platform_discount_minor, credit_minor ?? 0 AS credit_minor, welcome_minor ?? 0 AS welcome_minor, refunded_minor ?? 0 AS refunded_minor, promotion_title, \
     status, payment_status, checkout.provider AS provider, number, subtotal_minor, shipping_minor, currency, \
     shipping_method, shipping_address, carrier, tracking_number, cancel_reason, delivered_at, confirm_by, delivery_reported_at, created_at";

/// Shipped orders whose buyer did not confirm delivery by their deadline (binds `$now`).
pub const DELIVERIES_DUE: &str =
    "SELECT VALUE id FROM shop_order WHERE status = 'shipped' AND confirm_by <= $now LIMIT 200";

/// Shipped orders past their confirmation deadline, at most 200.
pub async fn deliveries_due(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db.query(DELIVERIES_DUE).bind(("now", now)).await?.check()?;
    res.take(0)
}

pub async fn order(db: &Db, id: RecordId) -> Result<Option<OrderRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {ORDER_FIELDS} FROM $id"))
        .bind(("id", id))
        .await?
        .check()?;
    let rows: Vec<OrderRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Unpaid orders of shops that are not open (suspended, terminated), at most 200: a
/// shop that is not open takes no new money, so these end.
pub async fn unpaid_orders_of_closed_shops(db: &Db) -> Result<Vec<OrderRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {ORDER_FIELDS} FROM shop_order WHERE status = 'placed' AND shop.status != 'approved' LIMIT 200"
        ))
        .await?
        .check()?;
    res.take(0)
}

pub async fn orders_of_buyer(
    db: &Db,
    buyer: &RecordId,
    limit: i64,
) -> Result<Vec<OrderRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {ORDER_FIELDS} FROM shop_order WHERE buyer = $buyer ORDER BY created_at DESC LIMIT $limit"
        ))
        .bind(("buyer", buyer.clone()))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

pub async fn orders_of_checkout(
    db: &Db,
    checkout: &RecordId,
) -> Result<Vec<OrderRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {ORDER_FIELDS} FROM shop_order WHERE checkout = $checkout ORDER BY created_at"
        ))
        .bind(("checkout", checkout.clone()))
        .await?
        .check()?;
    res.take(0)
}

pub async fn orders_of_shop(
    db: &Db,
    shop: &RecordId,
    status: Option<String>,
    limit: i64,
) -> Result<Vec<OrderRow>, surrealdb::Error> {
    let filter = if status.is_some() {
        "AND status = $status"
    } else {
        ""
    };
    let mut res = db
        .query(format!(
            "SELECT {ORDER_FIELDS} FROM shop_order WHERE shop = $shop {filter} ORDER BY created_at DESC LIMIT $limit"
        ))
        .bind(("shop", shop.clone()))
        .bind(("status", status))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

#[derive(Clone, Debug, SurrealValue)]
pub struct LineRow {
    pub id: RecordId,
    pub shop_order: RecordId,
    pub product: RecordId,
    pub title: String,
    pub unit_price_minor: i64,
    pub quantity: i64,
    pub currency: String,
    pub image_url: Option<String>,
    /// The line's share of the order's promotions (0 on orders placed before lines
    /// carried it).
    pub discount_minor: i64,
}

pub async fn lines(db: &Db, order: &RecordId) -> Result<Vec<LineRow>, surrealdb::Error> {
    lines_of(db, vec![order.clone()]).await
}

/// The lines of the orders `$orders`.
pub const LINES_OF: &str =
    "SELECT id, shop_order, product, title, unit_price_minor, quantity, currency, \
             product.image_url AS image_url, discount_minor ?? 0 AS discount_minor FROM order_line WHERE shop_order IN $orders";

/// The lines of several orders in one query (order lists show every order's items).
pub async fn lines_of(db: &Db, orders: Vec<RecordId>) -> Result<Vec<LineRow>, surrealdb::Error> {
    let mut res = db.query(LINES_OF).bind(("orders", orders)).await?.check()?;
    res.take(0)
}

#[derive(Clone, Debug, SurrealValue)]
pub struct EventRow {
    pub kind: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

const TIMELINE: &str =
    "SELECT kind, note, at FROM order_event WHERE shop_order = $order ORDER BY at";

pub async fn events(db: &Db, order: &RecordId) -> Result<Vec<EventRow>, surrealdb::Error> {
    let mut res = db
        .query(TIMELINE)
        .bind(("order", order.clone()))
        .await?
        .check()?;
    res.take(0)
}

#[derive(Clone, Debug, SurrealValue)]
pub struct EventInsert {
    pub shop_order: RecordId,
    pub kind: String,
    pub note: Option<String>,
    pub actor: Option<RecordId>,
    pub at: DateTime<Utc>,
}

/// A buyer's unpaid offline orders: how many checkouts, and the units each product's
/// lines hold.
pub struct UnpaidHolds {
    pub checkouts: i64,
    pub units: Vec<(String, i64)>,
}

const UNPAID_ORDERS: &str = "SELECT id, checkout FROM shop_order WHERE buyer = $buyer AND status = 'placed' AND checkout.provider = 'offline'";

#[derive(SurrealValue)]
struct Unpaid {
    id: RecordId,
    checkout: RecordId,
}

/// What `buyer`'s unpaid offline orders hold (one query for the orders, one per order
/// for its lines: a buyer has a few at most).
pub async fn unpaid_holds(db: &Db, buyer: &RecordId) -> Result<UnpaidHolds, surrealdb::Error> {
    let mut res = db
        .query(UNPAID_ORDERS)
        .bind(("buyer", buyer.clone()))
        .await?
        .check()?;
    let orders: Vec<Unpaid> = res.take(0)?;
    let mut checkouts: Vec<&RecordId> = orders.iter().map(|o| &o.checkout).collect();
    checkouts.sort_by_key(|c| crate::db::key_of(c));
    checkouts.dedup();
    let mut units: Vec<(String, i64)> = Vec::new();
    for o in &orders {
        for l in lines(db, &o.id).await? {
            let key = crate::db::key_of(&l.product);
            match units.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += l.quantity,
                None => units.push((key, l.quantity)),
            }
        }
    }
    Ok(UnpaidHolds {
        checkouts: checkouts.len() as i64,
        units,
    })
}
