//! Checkout and order queries (server only). Every change that touches stock or an
//! order's status is one transaction ([`Tx`]) whose guards come first (`... WHERE
//! on_hand - reserved >= $n`, `... WHERE status IN $from`), so nothing is half-applied;
//! transactions that lose a write conflict are retried (DESIGN.md §4).

use chrono::{DateTime, Utc};
use domain::order::{Address, OrderError, OrderEvent, OrderStatus};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use backend::db::{Refusal, Stmts, Tx};

use crate::error::AppError;
use crate::events::{Listeners, OrderChange};
use crate::state::Db;

/// The shopper-facing error for a refused order change.
pub fn order_refusal(r: Refusal) -> OrderError {
    match r {
        Refusal::OutOfStock { product } => OrderError::OutOfStock { product },
        Refusal::AlreadyExists => OrderError::ReturnExists,
        Refusal::CreditChanged => OrderError::CreditChanged,
        // the cart changed since it was priced
        Refusal::Changed => OrderError::PricesChanged,
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

/// Everything in the user's notification feed counts as read.
pub async fn mark_notifications_read(
    db: &Db,
    user: &RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query("UPDATE outbox SET read_at = $now WHERE recipient = $user AND read_at = NONE")
        .bind(("now", now))
        .bind(("user", user.clone()))
        .await?
        .check()?;
    Ok(())
}

/// The owners of `shops`, as (shop, owner).
pub async fn shop_owners(
    db: &Db,
    shops: Vec<RecordId>,
) -> Result<Vec<(RecordId, RecordId)>, surrealdb::Error> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        owner: RecordId,
    }
    let mut res = db
        .query("SELECT id, owner FROM $shops")
        .bind(("shops", shops))
        .await?
        .check()?;
    let rows: Vec<Row> = res.take(0)?;
    Ok(rows.into_iter().map(|r| (r.id, r.owner)).collect())
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
    /// The cart's version when it was priced: a checkout places exactly that cart (a
    /// second checkout of the same cart, racing in another tab, is refused).
    pub cart_version: Option<i64>,
    /// More statements in the same transaction (store credit spent, referral rewards).
    pub extra: Stmts,
}

/// Reserves every line's stock and writes the checkout, its orders, lines, timeline,
/// payments and emails, and empties the cart — all or nothing.
pub async fn place(db: &Db, plan: PlacePlan) -> Result<Result<(), OrderError>, AppError> {
    let mut tx = Tx::new();
    tx.bind("now", plan.now);
    let mut cart = Stmts::new();
    cart.bind("cart", plan.cart.clone())
        .bind("version", plan.cart_version)
        .lock(plan.cart.clone())
        .refuse_if("$cart.version != $version", Refusal::Changed);
    tx.add(cart);
    for (stock, product, n) in &plan.reserve {
        let mut s = Stmts::new();
        s.bind("stock", stock.clone())
            .bind("n", *n)
            .lock(stock.clone())
            .sql(
                "LET $ok = (UPDATE $stock SET reserved += $n, updated_at = $now \
                 WHERE on_hand - reserved >= $n RETURN VALUE id)",
            )
            .refuse_if(
                "array::len($ok) = 0",
                Refusal::OutOfStock {
                    product: product.clone(),
                },
            );
        tx.add(s);
    }
    let events: Vec<EventInsert> = plan
        .orders
        .iter()
        .map(|o| EventInsert {
            shop_order: o.id.clone(),
            kind: OrderEvent::Placed.as_str().into(),
            note: None,
            actor: Some(plan.buyer.clone()),
            at: plan.now,
        })
        .collect();
    let mut s = Stmts::new();
    s.bind("checkout", plan.checkout)
        .bind("buyer", plan.buyer)
        .bind("provider", plan.provider)
        .bind("expires", plan.expires_at)
        .bind("orders", plan.orders)
        .bind("lines", plan.lines)
        .bind("events", events)
        .bind("payments", plan.payments)
        .bind("mails", plan.mails)
        .bind("cart", plan.cart)
        .sql(
            "CREATE $checkout SET buyer = $buyer, status = 'awaiting_payment', provider = $provider, \
             reservation_expires_at = $expires, created_at = $now;\n\
             INSERT INTO shop_order $orders;\n\
             INSERT INTO order_line $lines;\n\
             INSERT INTO order_event $events;\n\
             INSERT INTO payment $payments;\n\
             INSERT INTO outbox $mails;\n\
             DELETE $cart;",
        );
    tx.add(s).add(plan.extra);
    Ok(tx.run(db).await?.map_err(order_refusal))
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

/// Fields an order change sets besides its status (only those given are written).
#[derive(Debug, Default)]
pub struct OrderPatch(Variables);

impl OrderPatch {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn payment_status(mut self, status: &str) -> Self {
        self.0.insert("payment_status", status.to_string());
        self
    }

    pub fn cancel_reason(mut self, reason: String) -> Self {
        self.0.insert("cancel_reason", reason);
        self
    }

    pub fn shipping_address(mut self, address: serde_json::Value) -> Self {
        self.0.insert("shipping_address", address);
        self
    }

    pub fn shipment(mut self, carrier: String, tracking: String) -> Self {
        self.0.insert("carrier", carrier);
        self.0.insert("tracking_number", tracking);
        self
    }

    pub fn delivered_at(mut self, at: DateTime<Utc>) -> Self {
        self.0.insert("delivered_at", at);
        self
    }
}

/// One change of an order, applied only if the order is still in one of `from`.
pub struct Transition {
    pub order: RecordId,
    pub event: OrderEvent,
    /// The statuses the change may start from (the domain's state machine says which).
    pub from: Vec<OrderStatus>,
    /// The status it moves the order to, if it moves it.
    pub to: Option<OrderStatus>,
    pub patch: OrderPatch,
    pub stock: Vec<(RecordId, i64, StockChange)>,
    pub note: Option<String>,
    pub actor: Option<RecordId>,
    pub mails: Vec<Mail>,
    /// More of the order area's statements in the same transaction (a return's record,
    /// the payment's status).
    pub extra: Stmts,
    pub now: DateTime<Utc>,
}

/// Applies `t` with every order listener's statements (ledger postings, sharing
/// rewards) in one transaction.
pub async fn transition(
    db: &Db,
    listeners: &Listeners,
    t: Transition,
) -> Result<Result<(), OrderError>, AppError> {
    let mut tx = Tx::new();
    tx.bind("now", t.now).bind("order", t.order.clone());
    let mut patch = t.patch.0;
    if let Some(to) = t.to {
        patch.insert("status", to.as_str().to_string());
    }
    patch.insert("updated_at", t.now);
    let mut s = Stmts::new();
    s.bind(
        "from",
        t.from
            .iter()
            .map(|f| f.as_str().to_string())
            .collect::<Vec<_>>(),
    )
    .bind("patch", surrealdb::types::Object::from(patch))
    .sql("LET $moved = (UPDATE $order MERGE $patch WHERE status IN $from RETURN VALUE id)")
    .refuse_if("array::len($moved) = 0", Refusal::WrongState);
    tx.add(s);
    for (stock, n, change) in &t.stock {
        let set = match change {
            StockChange::Commit => {
                "UPDATE $stock SET on_hand -= $n, reserved -= $n, updated_at = $now"
            }
            StockChange::Unreserve => "UPDATE $stock SET reserved -= $n, updated_at = $now",
            StockChange::Restock => "UPDATE $stock SET on_hand += $n, updated_at = $now",
        };
        let mut s = Stmts::new();
        s.bind("stock", stock.clone())
            .bind("n", *n)
            .lock(stock.clone())
            .sql(set);
        tx.add(s);
    }
    let event = EventInsert {
        shop_order: t.order.clone(),
        kind: t.event.as_str().into(),
        note: t.note,
        actor: t.actor,
        at: t.now,
    };
    let mut s = Stmts::new();
    s.bind("event", event)
        .bind("mails", t.mails)
        .sql("CREATE order_event CONTENT $event; INSERT INTO outbox $mails");
    tx.add(s).add(t.extra);
    let change = OrderChange {
        order: t.order,
        event: t.event,
        now: t.now,
    };
    listeners.order_changed(db, &change, &mut tx).await?;
    Ok(tx.run(db).await?.map_err(order_refusal))
}

/// Sets the status of the order's payment records (inside its transition).
pub fn payment_status(status: &str) -> Stmts {
    let mut s = Stmts::new();
    s.bind("status", status.to_string())
        .sql("UPDATE payment SET status = $status WHERE shop_order = $order");
    s
}

/// Records paid payments (inside the order's transition).
pub fn payment_paid() -> Stmts {
    Stmts::of("UPDATE payment SET status = 'paid', paid_at = $now WHERE shop_order = $order")
}

/// Opens the order's return request (inside the order's transition); a second one is
/// refused.
#[allow(clippy::too_many_arguments)]
pub fn open_return(
    buyer: &RecordId,
    shop: &RecordId,
    kind: &str,
    reason: &str,
    details: &str,
    photos: Vec<String>,
    order: &RecordId,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("ret", return_id(order))
        .bind("buyer", buyer.clone())
        .bind("shop", shop.clone())
        .bind("kind", kind.to_string())
        .bind("reason", reason.to_string())
        .bind("details", details.to_string())
        .bind("photos", photos)
        // the deterministic id makes a second request fail inside the transaction
        .refuse_if("record::exists($ret)", Refusal::AlreadyExists)
        .sql(
            "CREATE $ret SET shop_order = $order, buyer = $buyer, shop = $shop, kind = $kind, \
             reason = $reason, body = $details, photos = $photos, status = 'requested', created_at = $now, updated_at = $now",
        );
    s
}

/// Decides the order's open return request (inside the order's transition).
pub fn decide_return(order: &RecordId, outcome: &str) -> Stmts {
    let mut s = Stmts::new();
    s.bind("ret", return_id(order))
        .bind("outcome", outcome.to_string())
        .sql("LET $changed = (UPDATE $ret SET status = $outcome, updated_at = $now WHERE status = 'requested' RETURN VALUE id)")
        .refuse_if("array::len($changed) = 0", Refusal::WrongState);
    s
}
