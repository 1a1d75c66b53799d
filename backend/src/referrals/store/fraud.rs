//! What the fraud checks read: the devices, addresses and cards of a sharer and a buyer,
//! the sharer's recent rewards, and the referral graph.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

/// An address in the sharer's address book.
#[derive(SurrealValue)]
pub struct AddressRow {
    pub line1: String,
    pub postal_code: Option<String>,
    pub country: String,
}

/// The evidence a referred checkout is checked against.
pub struct FraudRows {
    pub sharer_devices: Vec<String>,
    pub buyer_devices: Vec<String>,
    pub sharer_addresses: Vec<AddressRow>,
    /// Where the sharer's own orders shipped (at most 200).
    pub shipped: Vec<serde_json::Value>,
    pub sharer_cards: Vec<String>,
    pub buyer_cards: Vec<String>,
    /// The sharer's rewards since `since`.
    pub recent: i64,
    /// The accounts the sharer referred.
    pub referred: Vec<RecordId>,
}

const FRAUD_ROWS: &str = "SELECT VALUE device FROM user_session WHERE user = $s AND device != NONE;\n\
             SELECT VALUE device FROM user_session WHERE user = $b AND device != NONE;\n\
             SELECT line1, postal_code, country FROM address WHERE owner = $s;\n\
             SELECT VALUE shipping_address FROM shop_order WHERE buyer = $s LIMIT 200;\n\
             SELECT VALUE fingerprint FROM payment WHERE shop_order IN (SELECT VALUE id FROM shop_order WHERE buyer = $s LIMIT 200) AND fingerprint != NONE;\n\
             SELECT VALUE fingerprint FROM payment WHERE shop_order IN (SELECT VALUE id FROM shop_order WHERE buyer = $b LIMIT 200) AND fingerprint != NONE;\n\
             SELECT count() AS n FROM referral_reward WHERE sharer = $s AND created_at > $since GROUP ALL;\n\
             SELECT VALUE out FROM referred WHERE in = $s;";

/// Reads what the fraud checks compare between `sharer` and `buyer`.
pub async fn fraud_rows(
    db: &Db,
    sharer: &RecordId,
    buyer: &RecordId,
    since: DateTime<Utc>,
) -> Result<FraudRows, surrealdb::Error> {
    let mut res = db
        .query(FRAUD_ROWS)
        .bind(("s", sharer.clone()))
        .bind(("b", buyer.clone()))
        .bind(("since", since))
        .await?
        .check()?;
    let sharer_devices: Vec<String> = res.take(0)?;
    let buyer_devices: Vec<String> = res.take(1)?;
    let sharer_addresses: Vec<AddressRow> = res.take(2)?;
    let shipped: Vec<serde_json::Value> = res.take(3)?;
    let sharer_cards: Vec<String> = res.take(4)?;
    let buyer_cards: Vec<String> = res.take(5)?;
    let recent = crate::db::count_of(&mut res, 6)?;
    let referred: Vec<RecordId> = res.take(7)?;
    Ok(FraudRows {
        sharer_devices,
        buyer_devices,
        sharer_addresses,
        shipped,
        sharer_cards,
        buyer_cards,
        recent,
        referred,
    })
}

const USERS_ON_DEVICES: &str =
    "SELECT VALUE user FROM user_session WHERE device IN $d AND user IN $others";

/// Reads which of `others` signed in from one of `devices` (once per session).
pub async fn users_on_devices(
    db: &Db,
    devices: Vec<String>,
    others: Vec<RecordId>,
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(USERS_ON_DEVICES)
        .bind(("d", devices))
        .bind(("others", others))
        .await?
        .check()?;
    res.take(0)
}

/// A referral-graph edge: `in` referred `out`.
#[derive(SurrealValue)]
pub struct Edge {
    pub r#in: RecordId,
    pub out: RecordId,
}

const EDGES_FROM: &str = "SELECT in, out FROM referred WHERE in IN $f LIMIT 1000";

/// Reads the referral-graph edges leaving `frontier` (at most 1000).
pub async fn edges_from(db: &Db, frontier: Vec<RecordId>) -> Result<Vec<Edge>, surrealdb::Error> {
    let mut res = db.query(EDGES_FROM).bind(("f", frontier)).await?.check()?;
    res.take(0)
}
