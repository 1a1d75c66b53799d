//! The shop's balances, its latest postings and the downloadable statement.

use domain::ledger::Balances;
use domain::order::RETURN_WINDOW_DAYS;
use surrealdb::types::RecordId;

use super::payouts::payout_account_of;
use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::sellers::money::{LedgerLine, ShopMoney};
use crate::sellers::money_store as store;
use crate::state::{key_of, AppState, Db};

pub async fn balances_of(db: &Db, shop: &RecordId) -> Result<Balances, AppError> {
    let row = store::balance_of(db, shop).await?;
    Ok(row
        .map(|b| Balances {
            pending_minor: b.pending_minor,
            available_minor: b.available_minor,
            paid_out_minor: b.paid_out_minor,
            commission_minor: b.commission_minor,
            sales_minor: b.sales_minor,
        })
        .unwrap_or_default())
}

/// The caller's shop's balances and its latest postings to the shop's own
/// accounts (at most `limit`; the statement download has all).
pub async fn shop_money(
    state: &AppState,
    user: &SessionUser,
    limit: usize,
) -> Result<ShopMoney, AppError> {
    let db = &state.db;
    let shop = crate::ctx::shop_of(db, user).await?;
    let balances = balances_of(db, &shop.id).await?;
    let rows = store::shop_postings(db, &shop.id, limit).await?;
    let (payout_account, stripe_connected) = payout_account_of(db, &shop.id).await?;
    Ok(ShopMoney {
        payout_account,
        stripe_connected,
        stripe_available: state.settings.stripe.is_some(),
        currency: shop.currency.clone(),
        balances,
        return_window_days: RETURN_WINDOW_DAYS,
        lines: rows
            .into_iter()
            .map(|r| LedgerLine {
                at: r.at.timestamp(),
                kind: r.kind,
                account: r.account,
                // credit-normal: a credit to the shop's account is money owed to it
                amount_minor: -r.amount_minor,
                order_id: r.shop_order.as_ref().map(key_of),
                order_number: r.number,
                memo: r.memo,
            })
            .collect(),
    })
}

/// The statement as CSV (date, type, account, order, amount, memo), newest first.
pub async fn statement_csv(state: &AppState, user: &SessionUser) -> Result<String, AppError> {
    let money = shop_money(state, user, 100_000).await?;
    let c = domain::Currency::parse(&money.currency).unwrap_or_default();
    let mut out = String::from("date,type,account,order,amount,currency,memo\n");
    for l in money.lines {
        let when = chrono::DateTime::from_timestamp(l.at, 0)
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default();
        out.push_str(&format!(
            "{when},{},{},{},{},{},{}\n",
            l.kind,
            l.account,
            csv_field(&l.order_number.unwrap_or_default()),
            domain::Money::new(l.amount_minor, c).decimal_string(),
            money.currency,
            csv_field(&l.memo.unwrap_or_default()),
        ));
    }
    Ok(out)
}

/// A CSV field, quoted when needed; a leading `=`, `+`, `-` or `@` is escaped so
/// spreadsheets do not run it as a formula.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(super::csv_field("plain"), "plain");
        assert_eq!(super::csv_field("a,b"), "\"a,b\"");
        assert_eq!(super::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
