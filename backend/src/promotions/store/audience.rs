//! Who a voucher for new buyers is not for: a buyer who ordered from the shop, or whose
//! browser an account that ordered from it signed in from (a second account made to get
//! the voucher again — the sharing rewards' same-device check).

use surrealdb::types::RecordId;

use crate::db::Db;

// the accounts sharing a device with $b (its sessions' devices and the request's), and
// the shops among $shops that one of them — or $b itself — has ordered from
const ORDERED_FROM_LINKED: &str = "LET $devices = array::distinct(array::concat(\
       (SELECT VALUE device FROM user_session WHERE user = $b AND device != NONE), $d));\n\
     LET $accounts = array::union([$b], (SELECT VALUE user FROM user_session WHERE device IN $devices));\n\
     SELECT VALUE shop FROM shop_order WHERE buyer IN $accounts AND shop IN $shops LIMIT 1000;";

/// The shops among `shops` that `buyer`, or an account that signed in from one of the
/// buyer's browsers (or from `device`, the request's), has ordered from.
pub async fn ordered_from_linked(
    db: &Db,
    buyer: &RecordId,
    device: Option<&str>,
    shops: Vec<RecordId>,
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(ORDERED_FROM_LINKED)
        .bind(("b", buyer.clone()))
        .bind((
            "d",
            device.map(str::to_string).into_iter().collect::<Vec<_>>(),
        ))
        .bind(("shops", shops))
        .await?
        .check()?;
    let mut found: Vec<RecordId> = res.take(2)?;
    found.sort_by_key(crate::db::key_of);
    found.dedup();
    Ok(found)
}
