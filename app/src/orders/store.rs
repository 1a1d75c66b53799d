//! Checkout and order queries (server only). Every change that touches stock or an
//! order's status is one SurrealDB transaction whose first statements are conditional
//! (`... WHERE on_hand - reserved >= $n`, `... WHERE status IN $from`) and which
//! THROWs when a condition fails, so nothing is half-applied; transactions that lose a
//! write conflict are retried (DESIGN.md §4).

use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use domain::order::{Address, OrderError};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use crate::error::{internal, AppError};
use crate::state::{is_retryable, Db};

/// Prefix of the messages our transactions THROW, to tell them from database errors.
const REFUSAL: &str = "hm:";

/// Checkouts that touch the same stock record are queued inside this process:
/// SurrealDB would run them optimistically and make all but one retry, which under
/// a rush (hundreds of buyers, one product) turns into a retry storm. The conditional
/// update and the retry loop still guard correctness across processes.
static STOCK_LOCKS: std::sync::LazyLock<Vec<tokio::sync::Mutex<()>>> =
    std::sync::LazyLock::new(|| (0..64).map(|_| tokio::sync::Mutex::new(())).collect());

async fn lock_stock(stock: &[RecordId]) -> Vec<tokio::sync::MutexGuard<'static, ()>> {
    use std::hash::{Hash, Hasher};
    let mut stripes: Vec<usize> = stock
        .iter()
        .map(|s| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            crate::state::key_of(s).hash(&mut h);
            (h.finish() % STOCK_LOCKS.len() as u64) as usize
        })
        .collect();
    // always in the same order, so two checkouts cannot wait on each other
    stripes.sort_unstable();
    stripes.dedup();
    let mut guards = Vec::with_capacity(stripes.len());
    for i in stripes {
        guards.push(STOCK_LOCKS[i].lock().await);
    }
    guards
}

/// Runs `body` between BEGIN and COMMIT with `vars`, retrying on write conflicts.
/// `Ok(Err(reason))` means a THROW refused the change (nothing was written).
pub async fn transaction(
    db: &Db,
    body: &str,
    vars: Variables,
) -> Result<Result<surrealdb::IndexedResults, String>, AppError> {
    let sql = format!("BEGIN TRANSACTION;\n{body}\nCOMMIT TRANSACTION;");
    for attempt in 0u32..80 {
        let mut res = db
            .query(sql.clone())
            .bind(surrealdb::types::Object::from(vars.clone()))
            .await?;
        let errors = res.take_errors();
        if errors.is_empty() {
            return Ok(Ok(res));
        }
        if let Some(reason) = errors.values().find_map(|e| {
            let text = e.to_string();
            text.find(REFUSAL).map(|i| {
                text[i + REFUSAL.len()..]
                    .trim_end_matches(['"', '\''])
                    .to_string()
            })
        }) {
            return Ok(Err(reason));
        }
        if errors.values().any(is_retryable) {
            // jittered backoff so a crowd of buyers does not collide again in lockstep
            let ms = 1 + rand::random::<u64>() % (2 + u64::from(attempt.min(20)));
            tokio::time::sleep(StdDuration::from_millis(ms)).await;
            continue;
        }
        // in a failed transaction the other statements only say they did not run
        let mut errors: Vec<(usize, surrealdb::Error)> = errors.into_iter().collect();
        errors.sort_by_key(|(i, _)| *i);
        let cause = errors
            .iter()
            .map(|(_, e)| e.to_string())
            .find(|m| !m.contains("not executed") && !m.contains("Cannot COMMIT"))
            .or_else(|| errors.first().map(|(_, e)| e.to_string()))
            .unwrap_or_default();
        return Err(internal("transaction", cause));
    }
    Err(internal("transaction", "gave up after repeated conflicts"))
}

/// Maps a THROWn reason to the shopper-facing error.
pub fn refusal(reason: &str) -> OrderError {
    match reason.split_once(':') {
        Some(("out_of_stock", product)) => OrderError::OutOfStock {
            product: product.to_string(),
        },
        _ if reason == "return_exists" => OrderError::ReturnExists,
        _ if reason == "credit_changed" => OrderError::CreditChanged,
        _ => OrderError::WrongState,
    }
}

// ---------------------------------------------------------------------------------
// Reads

#[derive(Clone, Debug, SurrealValue)]
pub struct MethodRow {
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
    /// The countries this method (zone) delivers to.
    pub countries: Vec<String>,
}

impl MethodRow {
    pub fn zone(&self) -> domain::shipping::ZoneRate {
        domain::shipping::ZoneRate {
            countries: self.countries.clone(),
            price_minor: self.price_minor,
            free_over_minor: self.free_over_minor,
            days_min: self.days_min,
            days_max: self.days_max,
        }
    }
}

pub async fn shipping_methods(
    db: &Db,
    shops: Vec<RecordId>,
) -> Result<Vec<MethodRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT id, shop, code, name_en, name_zh, price_minor, free_over_minor, currency, days_min, days_max, countries ?? [] AS countries \
             FROM shipping_method WHERE shop IN $shops ORDER BY position",
        )
        .bind(("shops", shops))
        .await?
        .check()?;
    res.take(0)
}

#[derive(Clone, Debug, SurrealValue)]
pub struct AddressRow {
    pub id: RecordId,
    pub name: String,
    pub phone: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub postal_code: String,
    pub country: String,
}

impl AddressRow {
    pub fn address(self) -> Address {
        Address {
            name: self.name,
            phone: self.phone,
            line1: self.line1,
            line2: self.line2,
            city: self.city,
            postal_code: self.postal_code,
            country: self.country,
        }
    }
}

const ADDRESS_FIELDS: &str = "id, name, phone, line1, line2, city, postal_code, country";

pub async fn addresses(db: &Db, owner: &RecordId) -> Result<Vec<AddressRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {ADDRESS_FIELDS} FROM address WHERE owner = $owner ORDER BY created_at DESC LIMIT 20"
        ))
        .bind(("owner", owner.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// One of `owner`'s saved addresses (someone else's id finds nothing).
pub async fn address(
    db: &Db,
    owner: &RecordId,
    id: RecordId,
) -> Result<Option<Address>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {ADDRESS_FIELDS} FROM $id WHERE owner = $owner"
        ))
        .bind(("id", id))
        .bind(("owner", owner.clone()))
        .await?
        .check()?;
    let rows: Vec<AddressRow> = res.take(0)?;
    Ok(rows.into_iter().next().map(AddressRow::address))
}

pub async fn save_address(
    db: &Db,
    owner: &RecordId,
    a: &Address,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(
        "CREATE address SET owner = $owner, name = $name, phone = $phone, line1 = $line1, line2 = $line2, \
         city = $city, postal_code = $postal, country = $country, created_at = $now",
    )
    .bind(crate::vars! {
        "owner" => owner.clone(), "name" => a.name.clone(), "phone" => a.phone.clone(),
        "line1" => a.line1.clone(), "line2" => a.line2.clone(), "city" => a.city.clone(),
        "postal" => a.postal_code.clone(), "country" => a.country.clone(), "now" => now,
    })
    .await?
    .check()?;
    Ok(())
}

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
    pub created_at: DateTime<Utc>,
    /// What the shop's promotion took off (0 for orders placed before migration 0011).
    pub discount_minor: i64,
    /// Store credit and a welcome discount (the buyer pays the total less these).
    pub credit_minor: i64,
    pub welcome_minor: i64,
    pub promotion_title: Option<String>,
}

impl OrderRow {
    /// What the shopper pays: subtotal less the promotion, plus shipping.
    pub fn total_minor(&self) -> i64 {
        self.subtotal_minor - self.discount_minor + self.shipping_minor
    }
}

const ORDER_FIELDS: &str = "id, checkout, buyer, shop, shop.name AS shop_name, shop.owner AS shop_owner, \
     discount_minor ?? 0 AS discount_minor, credit_minor ?? 0 AS credit_minor, welcome_minor ?? 0 AS welcome_minor, promotion_title, \
     status, payment_status, checkout.provider AS provider, number, subtotal_minor, shipping_minor, currency, \
     shipping_method, shipping_address, carrier, tracking_number, cancel_reason, delivered_at, created_at";

pub async fn order(db: &Db, id: RecordId) -> Result<Option<OrderRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {ORDER_FIELDS} FROM $id"))
        .bind(("id", id))
        .await?
        .check()?;
    let rows: Vec<OrderRow> = res.take(0)?;
    Ok(rows.into_iter().next())
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
    pub shop_order: RecordId,
    pub product: RecordId,
    pub title: String,
    pub unit_price_minor: i64,
    pub quantity: i64,
    pub currency: String,
    pub image_url: Option<String>,
}

pub async fn lines(db: &Db, order: &RecordId) -> Result<Vec<LineRow>, surrealdb::Error> {
    lines_of(db, vec![order.clone()]).await
}

/// The lines of several orders in one query (order lists show every order's items).
pub async fn lines_of(db: &Db, orders: Vec<RecordId>) -> Result<Vec<LineRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT shop_order, product, title, unit_price_minor, quantity, currency, \
             product.image_url AS image_url FROM order_line WHERE shop_order IN $orders",
        )
        .bind(("orders", orders))
        .await?
        .check()?;
    res.take(0)
}

#[derive(Clone, Debug, SurrealValue)]
pub struct EventRow {
    pub kind: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

pub async fn events(db: &Db, order: &RecordId) -> Result<Vec<EventRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT kind, note, at FROM order_event WHERE shop_order = $order ORDER BY at")
        .bind(("order", order.clone()))
        .await?
        .check()?;
    res.take(0)
}

#[derive(Clone, Debug, SurrealValue)]
pub struct ReturnRow {
    pub kind: String,
    pub reason: String,
    pub body: String,
    pub photos: Vec<String>,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

pub fn return_id(order: &RecordId) -> RecordId {
    RecordId::new("return_request", crate::state::key_of(order))
}

pub async fn return_request(
    db: &Db,
    order: &RecordId,
) -> Result<Option<ReturnRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT kind, reason, body, photos, status, created_at FROM $id")
        .bind(("id", return_id(order)))
        .await?
        .check()?;
    let rows: Vec<ReturnRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

#[derive(Clone, Debug, SurrealValue)]
pub struct OutboxRow {
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn notifications(
    db: &Db,
    user: &RecordId,
    limit: i64,
) -> Result<Vec<OutboxRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT subject, body, link, created_at FROM outbox WHERE recipient = $user \
             ORDER BY created_at DESC LIMIT $limit",
        )
        .bind(("user", user.clone()))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// Unpaid checkouts whose reservation has run out.
pub async fn expired_checkouts(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT VALUE id FROM checkout WHERE status = 'awaiting_payment' \
             AND reservation_expires_at < $now LIMIT 200",
        )
        .bind(("now", now))
        .await?
        .check()?;
    res.take(0)
}

pub async fn close_checkout(
    db: &Db,
    checkout: &RecordId,
    status: &str,
) -> Result<(), surrealdb::Error> {
    db.query("UPDATE $id SET status = $status WHERE status = 'awaiting_payment'")
        .bind(("id", checkout.clone()))
        .bind(("status", status.to_string()))
        .await?
        .check()?;
    Ok(())
}

// ---------------------------------------------------------------------------------
// Writes

/// An email as it would be sent; kept in the outbox table.
#[derive(Clone, Debug, SurrealValue)]
pub struct Mail {
    pub recipient: RecordId,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct OrderInsert {
    pub id: RecordId,
    pub checkout: RecordId,
    pub buyer: RecordId,
    pub shop: RecordId,
    pub status: String,
    pub payment_status: String,
    pub number: String,
    pub subtotal_minor: i64,
    pub shipping_minor: i64,
    pub discount_minor: i64,
    /// Store credit applied (the buyer pays the total less this).
    pub credit_minor: i64,
    /// A referred buyer's welcome discount (funded by the campaign, like credit).
    pub welcome_minor: i64,
    pub promotion: Option<RecordId>,
    pub promotion_title: Option<String>,
    pub currency: String,
    pub shipping_method: String,
    pub shipping_address: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct LineInsert {
    pub shop_order: RecordId,
    pub product: RecordId,
    pub title: String,
    pub unit_price_minor: i64,
    pub quantity: i64,
    pub currency: String,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct EventInsert {
    pub shop_order: RecordId,
    pub kind: String,
    pub note: Option<String>,
    pub actor: Option<RecordId>,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, SurrealValue)]
pub struct PaymentInsert {
    pub checkout: RecordId,
    pub shop_order: Option<RecordId>,
    pub provider: String,
    pub status: String,
    pub amount_minor: i64,
    pub currency: String,
    pub created_at: DateTime<Utc>,
}

/// Everything one checkout writes.
pub struct PlacePlan {
    pub checkout: RecordId,
    pub buyer: RecordId,
    pub provider: String,
    pub expires_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
    /// (stock record, product key, units) per product.
    pub reserve: Vec<(RecordId, String, i64)>,
    pub orders: Vec<OrderInsert>,
    pub lines: Vec<LineInsert>,
    pub payments: Vec<PaymentInsert>,
    pub mails: Vec<Mail>,
    pub cart: RecordId,
    /// More statements in the same transaction (store credit spent, referral rewards)
    /// and their variables.
    pub extra: String,
    pub extra_vars: Variables,
    /// Records to serialise on in this process besides stock (a credit balance).
    pub locks: Vec<RecordId>,
}

/// Reserves every line's stock and writes the checkout, its orders, lines, timeline,
/// payments and emails, and empties the cart — all or nothing.
pub async fn place(db: &Db, plan: PlacePlan) -> Result<Result<(), OrderError>, AppError> {
    let mut body = String::new();
    let mut v = Variables::new();
    for (i, (stock, product, n)) in plan.reserve.iter().enumerate() {
        body.push_str(&format!(
            "LET $ok{i} = (UPDATE $stock{i} SET reserved += $n{i}, updated_at = $now \
             WHERE on_hand - reserved >= $n{i} RETURN VALUE id);\n\
             IF array::len($ok{i}) = 0 {{ THROW $refuse{i} }};\n"
        ));
        v.insert(format!("stock{i}"), stock.clone());
        v.insert(format!("n{i}"), *n);
        v.insert(
            format!("refuse{i}"),
            format!("{REFUSAL}out_of_stock:{product}"),
        );
    }
    body.push_str(
        "CREATE $checkout SET buyer = $buyer, status = 'awaiting_payment', provider = $provider, \
         reservation_expires_at = $expires, created_at = $now;\n\
         INSERT INTO shop_order $orders;\n\
         INSERT INTO order_line $lines;\n\
         INSERT INTO order_event $events;\n\
         INSERT INTO payment $payments;\n\
         INSERT INTO outbox $mails;\n\
         DELETE $cart;\n",
    );
    body.push_str(&plan.extra);
    let events: Vec<EventInsert> = plan
        .orders
        .iter()
        .map(|o| EventInsert {
            shop_order: o.id.clone(),
            kind: "placed".into(),
            note: None,
            actor: Some(plan.buyer.clone()),
            at: plan.now,
        })
        .collect();
    v.insert("checkout", plan.checkout);
    v.insert("buyer", plan.buyer);
    v.insert("provider", plan.provider);
    v.insert("expires", plan.expires_at);
    v.insert("now", plan.now);
    v.insert("orders", plan.orders);
    v.insert("lines", plan.lines);
    v.insert("events", events);
    v.insert("payments", plan.payments);
    v.insert("mails", plan.mails);
    v.insert("cart", plan.cart);
    v.extend(plan.extra_vars);
    let mut stock: Vec<RecordId> = plan.reserve.iter().map(|(s, _, _)| s.clone()).collect();
    stock.extend(plan.locks);
    let _guards = lock_stock(&stock).await;
    Ok(transaction(db, &body, v)
        .await?
        .map(|_| ())
        .map_err(|r| refusal(&r)))
}

/// How one stock record changes with an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StockChange {
    /// Payment arrived: reserved units leave the shelf.
    Commit,
    /// An unpaid order ended: its reservation is freed.
    Unreserve,
    /// A paid, unshipped order was cancelled: its units go back on the shelf.
    Restock,
}

/// One order status change, applied only if the order is still in one of `from`.
pub struct Transition {
    pub order: RecordId,
    pub from: Vec<String>,
    /// `SET` clause (without `updated_at`); may use the variables in `vars`.
    pub set: String,
    pub vars: Variables,
    pub stock: Vec<(RecordId, i64, StockChange)>,
    pub event: EventInsert,
    pub mails: Vec<Mail>,
    /// Extra statements run in the same transaction.
    pub extra: String,
    pub now: DateTime<Utc>,
}

pub async fn transition(db: &Db, t: Transition) -> Result<Result<(), OrderError>, AppError> {
    let mut body = format!(
        "LET $moved = (UPDATE $order SET {}, updated_at = $now WHERE status IN $from RETURN VALUE id);\n\
         IF array::len($moved) = 0 {{ THROW '{REFUSAL}wrong_state' }};\n",
        t.set
    );
    let mut v = t.vars;
    for (i, (stock, n, change)) in t.stock.iter().enumerate() {
        let set = match change {
            StockChange::Commit => format!("on_hand -= $q{i}, reserved -= $q{i}"),
            StockChange::Unreserve => format!("reserved -= $q{i}"),
            StockChange::Restock => format!("on_hand += $q{i}"),
        };
        body.push_str(&format!("UPDATE $s{i} SET {set}, updated_at = $now;\n"));
        v.insert(format!("s{i}"), stock.clone());
        v.insert(format!("q{i}"), *n);
    }
    body.push_str("CREATE order_event CONTENT $event;\nINSERT INTO outbox $mails;\n");
    body.push_str(&t.extra);
    // the shop's ledger moves with the order: a sale when paid, a refund when a paid
    // order is cancelled or its return refunded
    body.push_str(
        &crate::sellers::money::imp::order_postings(db, &t.order, &t.event.kind, t.now, &mut v)
            .await?,
    );
    // and so do the sharing reward on it and store credit spent on it
    body.push_str(
        &crate::referrals::imp::order_sql(db, &t.order, &t.event.kind, t.now, &mut v).await?,
    );
    v.insert("order", t.order);
    v.insert("from", t.from);
    v.insert("now", t.now);
    v.insert("event", t.event);
    v.insert("mails", t.mails);
    let stock: Vec<RecordId> = t.stock.iter().map(|(s, _, _)| s.clone()).collect();
    let _guards = lock_stock(&stock).await;
    Ok(transaction(db, &body, v)
        .await?
        .map(|_| ())
        .map_err(|r| refusal(&r)))
}
