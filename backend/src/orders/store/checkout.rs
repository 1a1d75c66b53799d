//! Checkout queries: shipping methods, the address book, shop owners, placing a
//! checkout (stock reserved, orders written, cart emptied) and expiring unpaid ones.

use chrono::{DateTime, Utc};
use domain::order::{Address, OrderEvent};
use surrealdb::types::{RecordId, SurrealValue};

use super::{EventInsert, Mail};
use crate::db::{Db, Refusal, Stmts, Tx};

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

const SHIPPING_METHODS: &str = "SELECT id, shop, code, name_en, name_zh, price_minor, free_over_minor, currency, days_min, days_max, countries ?? [] AS countries \
             FROM shipping_method WHERE shop IN $shops ORDER BY position";

pub async fn shipping_methods(
    db: &Db,
    shops: Vec<RecordId>,
) -> Result<Vec<MethodRow>, surrealdb::Error> {
    let mut res = db
        .query(SHIPPING_METHODS)
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

const SAVE_ADDRESS: &str = "CREATE address SET owner = $owner, name = $name, phone = $phone, line1 = $line1, line2 = $line2, \
         city = $city, postal_code = $postal, country = $country, created_at = $now";

pub async fn save_address(
    db: &Db,
    owner: &RecordId,
    a: &Address,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(SAVE_ADDRESS)
        .bind(crate::vars! {
            "owner" => owner.clone(), "name" => a.name.clone(), "phone" => a.phone.clone(),
            "line1" => a.line1.clone(), "line2" => a.line2.clone(), "city" => a.city.clone(),
            "postal" => a.postal_code.clone(), "country" => a.country.clone(), "now" => now,
        })
        .await?
        .check()?;
    Ok(())
}

const SHOP_OWNERS: &str = "SELECT id, owner FROM $shops";

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
        .query(SHOP_OWNERS)
        .bind(("shops", shops))
        .await?
        .check()?;
    let rows: Vec<Row> = res.take(0)?;
    Ok(rows.into_iter().map(|r| (r.id, r.owner)).collect())
}

const EXPIRED_CHECKOUTS: &str = "SELECT VALUE id FROM checkout WHERE status = 'awaiting_payment' \
             AND reservation_expires_at < $now LIMIT 200";

/// Unpaid checkouts whose reservation has run out.
pub async fn expired_checkouts(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(EXPIRED_CHECKOUTS)
        .bind(("now", now))
        .await?
        .check()?;
    res.take(0)
}

const CLOSE_CHECKOUT: &str = "UPDATE $id SET status = $status WHERE status = 'awaiting_payment'";

pub async fn close_checkout(
    db: &Db,
    checkout: &RecordId,
    status: &str,
) -> Result<(), surrealdb::Error> {
    db.query(CLOSE_CHECKOUT)
        .bind(("id", checkout.clone()))
        .bind(("status", status.to_string()))
        .await?
        .check()?;
    Ok(())
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
    /// What the shop's own promotions took off.
    pub discount_minor: i64,
    /// What the platform's promotions took off (the platform funds it).
    pub platform_discount_minor: i64,
    /// Store credit applied (the buyer pays the total less this).
    pub credit_minor: i64,
    /// A referred buyer's welcome discount (funded by the campaign, like credit).
    pub welcome_minor: i64,
    /// Whether the shop's own sharing campaign funds the welcome discount.
    pub welcome_by_shop: bool,
    pub promotion: Option<RecordId>,
    /// Every promotion taken off the order.
    pub promotions: Vec<RecordId>,
    /// What each of them gave (a cancellation gives it back).
    pub promotion_uses: Vec<crate::promotions::store::PromotionUse>,
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
    /// The line's share of the order's promotions, and the platform's part of it.
    pub discount_minor: i64,
    pub platform_discount_minor: i64,
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

// the listing must still be on sale as the reservation is made (a moderator's lock or
// a suspension between the cart's check and this transaction takes it off)
const RESERVE_STOCK: &str = "LET $ok = (UPDATE $stock SET reserved += $n, updated_at = $now \
                 WHERE on_hand - reserved >= $n AND product.status = 'active' RETURN VALUE id)";

const WRITE_CHECKOUT: &str =
    "CREATE $checkout SET buyer = $buyer, status = 'awaiting_payment', provider = $provider, \
             reservation_expires_at = $expires, created_at = $now;\n\
             INSERT INTO shop_order $orders;\n\
             INSERT INTO order_line $lines;\n\
             INSERT INTO order_event $events;\n\
             INSERT INTO payment $payments;\n\
             INSERT INTO outbox $mails;\n\
             UPDATE $cart SET lines = [], version += 1, updated_at = $now;";

/// The transaction that reserves every line's stock and writes the checkout, its
/// orders, lines, timeline, payments and emails, and empties the cart — all or nothing
/// (the app runs it). The emptied cart keeps counting versions (a deleted one would
/// start again at 1, and a checkout priced on the old cart would pass its check).
pub fn place_tx(plan: PlacePlan) -> Tx {
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
            .sql(RESERVE_STOCK)
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
        .sql(WRITE_CHECKOUT);
    tx.add(s).add(plan.extra);
    tx
}
