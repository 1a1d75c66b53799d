//! The ledger postings of order events: a sale when an order is paid, a refund of
//! what is left when it is cancelled after payment or its return is refunded.

use backend::db::Stmts;
use chrono::{DateTime, Utc};
use domain::ledger::{self, Account, SaleLeft};
use domain::order::money::{self as order_money, Provider};
use domain::order::OrderEvent;
use surrealdb::types::{RecordId, Variables};

use super::refunds::RefundAsk;
use crate::error::{internal, AppError};
use crate::events::{Contribution, OrderChange, OrderListener};
use crate::sellers::money_store::{self as store, LineMoney, Meta, OrderMoney, Posted};
use crate::state::{key_of, Db};

pub fn day_of(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// Commission on an order's goods: each line at its category's rate (else the
/// platform default), scaled down by what the shop funds off them; shipping is
/// not commissioned.
async fn commission_of(db: &Db, o: &OrderMoney, lines: &[LineMoney]) -> Result<i64, AppError> {
    let (rates, default) = store::commission_rates(db).await?;
    let default = default.unwrap_or(1000);
    let per_line = lines.iter().map(|l| {
        let rate = l
            .category
            .as_ref()
            .and_then(|c| rates.iter().find(|r| key_of(&r.id) == key_of(c)))
            .map(|r| r.rate_bps)
            .unwrap_or(default);
        order_money::line_total(l.unit_price_minor, l.quantity)
            .map(|goods| ledger::commission(goods, rate))
    });
    let gross = per_line
        .collect::<Option<Vec<i64>>>()
        .and_then(order_money::total)
        .ok_or_else(|| internal("commission", "an order's goods overflow"))?;
    let discount = o.amounts().shop_funded().min(o.subtotal_minor);
    if o.subtotal_minor <= 0 || discount <= 0 {
        return Ok(gross);
    }
    Ok(
        (i128::from(gross) * i128::from(o.subtotal_minor - discount) / i128::from(o.subtotal_minor))
            as i64,
    )
}

pub(super) async fn posted(db: &Db, order: &RecordId) -> Result<Vec<Posted>, AppError> {
    Ok(store::postings_of_order(db, order).await?)
}

pub(super) fn sum(posted: &[Posted], account: Account) -> i64 {
    posted
        .iter()
        .filter(|p| p.account == account.as_str())
        .map(|p| p.amount_minor)
        .sum()
}

/// What is left of the order's sale: (left, released, refunds so far), or `None`
/// if it was never paid.
pub(super) fn left_of(posted: &[Posted]) -> Option<(SaleLeft, bool, usize)> {
    if !posted.iter().any(|p| p.kind == "sale") {
        return None;
    }
    let refunds = posted
        .iter()
        .filter(|p| p.kind == "refund" && p.account == "clearing")
        .count();
    Some((
        SaleLeft {
            total_minor: sum(posted, Account::Clearing),
            commission_minor: -sum(posted, Account::Commission),
        },
        posted.iter().any(|p| p.kind == "release"),
        refunds,
    ))
}

/// The ledger statements for an order transition (`kind` is its timeline event):
/// a sale when it is paid; a refund of everything left when it is cancelled after
/// payment, its return is refunded or the provider refunded its charge (see
/// [`super::refunds::refund_stmts`]). Empty for anything else.
pub async fn order_postings(
    db: &Db,
    order: &RecordId,
    event: OrderEvent,
    now: DateTime<Utc>,
) -> Result<Stmts, AppError> {
    match event {
        OrderEvent::Paid => {
            let mut v = Variables::new();
            let sql = sale_sql(db, order, now, &mut v).await?;
            let mut s = Stmts::new();
            s.bind_all(v).sql(&sql);
            Ok(s)
        }
        // returned goods: the refund rule the order area applied
        OrderEvent::ReturnRefunded | OrderEvent::ReturnRefundedPartially => {
            let ask = match crate::orders::imp::return_refund(db, order).await? {
                Some(r) if !r.rest => RefundAsk::Part(r.amount),
                _ => RefundAsk::Rest,
            };
            let refund = super::refunds::refund_stmts(db, order, ask, None, now).await?;
            Ok(refund.map(|(s, _)| s).unwrap_or_default())
        }
        OrderEvent::Cancelled | OrderEvent::ChargeRefunded => {
            let ask = if event == OrderEvent::ChargeRefunded {
                RefundAsk::ByProvider(None)
            } else {
                RefundAsk::Rest
            };
            let refund = super::refunds::refund_stmts(db, order, ask, None, now).await?;
            Ok(refund.map(|(s, _)| s).unwrap_or_default())
        }
        _ => Ok(Stmts::new()),
    }
}

/// The shop's ledger listens to order events (see [`order_postings`]).
pub struct LedgerListener;

impl OrderListener for LedgerListener {
    fn on_order<'a>(&'a self, db: &'a Db, change: &'a OrderChange) -> Contribution<'a> {
        Box::pin(order_postings(db, &change.order, change.event, change.now))
    }
}

/// A paid order's sale: the shop's share of what it funds and the commission, and a
/// card order's transfer of that share.
async fn sale_sql(
    db: &Db,
    order: &RecordId,
    now: DateTime<Utc>,
    v: &mut Variables,
) -> Result<String, AppError> {
    let (o, lines) = store::order_money(db, order).await?;
    let Some(o) = o else {
        return Ok(String::new());
    };
    let key = key_of(order);
    store::bind_day(v, &o.shop, day_of(now));
    let total = o.amounts().sale();
    // nothing to post for an order the shop gave away whole
    if total <= 0 {
        return Ok(String::new());
    }
    let commission = commission_of(db, &o, &lines).await?;
    let txn =
        ledger::sale(total, commission.clamp(0, total)).map_err(|e| internal("sale posting", e))?;
    let meta = Meta {
        txn_id: format!("sale:{key}"),
        shop: &o.shop,
        currency: &o.currency,
        order: Some(order),
        memo: None,
        actor: None,
    };
    let mut sql = store::sale_sql(&txn, meta, &lines, v);
    // a card payment's share goes to the shop as the sale posts it
    if let (true, Some(checkout)) = (
        Provider::is_card(o.provider.as_deref()),
        o.checkout.as_ref(),
    ) {
        sql.push_str(&store::card_transfer_sql(&txn, checkout, v));
    }
    Ok(sql)
}
