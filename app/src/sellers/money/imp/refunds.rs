//! A refund the seller issues on a paid order.

use backend::db::Tx;
use domain::order::OrderEvent;
use surrealdb::types::Variables;

use super::ledger::{day_of, left_of, posted, refund_sql};
use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::events::OrderChange;
use crate::sellers::money_store::{self as store, RefundEntry};
use crate::state::AppState;

/// A partial (or full) refund the seller issues on a paid order, through the
/// payment provider's records: the order's payment is marked refunded when
/// nothing is left.
pub async fn refund_order(
    state: &AppState,
    user: &SessionUser,
    order_id: &str,
    amount_major: &str,
) -> Result<(), AppError> {
    use crate::orders::imp::{load_order, Viewer};
    let (row, viewer) = load_order(state, user, &order_id.parse()?).await?;
    if viewer != Viewer::Seller {
        return Err(AppError::NotFound);
    }
    let db = &state.db;
    let posted = posted(db, &row.id).await?;
    let Some((left, released, n)) = left_of(&posted) else {
        return Err(AppError::Order(domain::order::OrderError::WrongState));
    };
    let currency = domain::Currency::parse(&row.currency).unwrap_or_default();
    let Some(amount) =
        domain::Money::parse_major(amount_major, currency).filter(|m| m.amount_minor > 0)
    else {
        return Err(AppError::Invalid(vec![domain::FieldError::new(
            "amount",
            domain::FieldErrorCode::InvalidPrice,
        )]));
    };
    if amount.amount_minor > left.total_minor {
        return Err(AppError::Invalid(vec![domain::FieldError::new(
            "amount",
            domain::FieldErrorCode::InvalidPrice,
        )]));
    }
    // card payments go back through Stripe first; nothing is written if it refuses
    let note = if row.provider.as_deref() == Some("stripe") {
        let id =
            crate::orders::payments::stripe_refund(state, &row.checkout, &row.id, n + 1, amount)
                .await?;
        format!("refund {} · {id}", amount.format())
    } else {
        format!("refund {}", amount.format())
    };
    let now = state.now();
    let full = amount.amount_minor == left.total_minor;
    let mut tx = Tx::new();
    tx.bind("now", now).bind("order", row.id.clone());
    let mut v = Variables::new();
    store::bind_day(&mut v, &row.shop, day_of(now));
    let ledger = refund_sql(
        &row.id,
        &row.shop,
        &row.currency,
        left,
        released,
        n,
        amount.amount_minor,
        Some(&user.id),
        &mut v,
    )?;
    let entry = RefundEntry {
        left: left.total_minor,
        note,
        actor: user.id.clone(),
        full,
        kind: OrderEvent::RefundedPartially.as_str().to_string(),
    };
    tx.add(store::refund_part(entry, v, &ledger));
    if full {
        // refunded in full: the sharing reward on it is reversed, credit spent returned
        let change = OrderChange {
            order: row.id.clone(),
            event: OrderEvent::Refunded,
            now,
        };
        state.listeners.order_changed(db, &change, &mut tx).await?;
    }
    match tx.run(db).await? {
        Ok(()) => Ok(()),
        Err(_) => Err(AppError::Order(domain::order::OrderError::WrongState)),
    }
}
