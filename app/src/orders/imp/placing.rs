//! Placing a checkout: the store's transaction for it (stock reserved, orders written,
//! cart emptied), run as one; a refusal becomes the shopper-facing error.

use backend::orders::store::{place_tx, PlacePlan};
use domain::order::OrderError;

use super::transition::order_refusal;
use crate::error::AppError;
use crate::state::Db;

/// Reserves every line's stock and writes the checkout, its orders, lines, timeline,
/// payments and emails, and empties the cart — all or nothing.
pub async fn place(db: &Db, plan: PlacePlan) -> Result<Result<(), OrderError>, AppError> {
    Ok(place_tx(plan).run(db).await?.map_err(order_refusal))
}
