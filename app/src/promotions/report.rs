//! A promotion's report: the shop's orders during it against the equal periods before
//! and after it (`domain::promotion::report`), for the page and its CSV download.

use chrono::DateTime;
use domain::keys::PromotionKey;
use domain::promotion::report::{self, OrderFact};
use domain::{Currency, Lang, Money};
use surrealdb::types::RecordId;

use super::imp::view_of;
use super::{PromotionReport, ReportPeriod};
use crate::error::AppError;
use crate::state::{key_of, record, AppState};

/// The report of `shop`'s promotion `key` (another shop's is not found).
pub async fn report(
    state: &AppState,
    shop: &RecordId,
    key: &PromotionKey,
    lang: Lang,
) -> Result<PromotionReport, AppError> {
    let row = super::store::promotion(&state.db, &record(key))
        .await?
        .filter(|p| p.shop.as_ref() == Some(shop))
        .ok_or(AppError::NotFound)?;
    let now = state.now();
    let currency = Currency::parse(&row.currency).ok_or(AppError::NotFound)?;
    let w = report::windows(
        row.starts_at.timestamp(),
        row.ends_at.timestamp(),
        now.timestamp(),
    );
    let at = |t: i64| DateTime::from_timestamp(t, 0).unwrap_or(now);
    let (orders, known) =
        super::store::report::orders_between(&state.db, shop, at(w[0].0), at(w[2].1.max(w[0].0)))
            .await?;
    let facts: Vec<OrderFact> = orders
        .iter()
        .map(|o| OrderFact {
            at: o.created_at.timestamp(),
            buyer: key_of(&o.buyer),
            goods_minor: o.goods,
            units: o.units,
        })
        .collect();
    let known: Vec<String> = known.iter().map(key_of).collect();
    let figures = report::figures(&facts, &known, w);
    let stamp = |t: i64| super::imp::stamp(at(t));
    let money = |m: i64| Money::new(m, currency);
    let periods = report::Period::ALL
        .into_iter()
        .zip(figures)
        .map(|(period, f)| ReportPeriod {
            period,
            from: stamp(f.from),
            to: stamp(f.to),
            orders: f.orders,
            revenue: money(f.revenue_minor),
            average: money(f.average_minor),
            new_buyers: f.new_buyers,
            units: f.units,
        })
        .collect();
    Ok(PromotionReport {
        promotion: view_of(row, lang, now).ok_or(AppError::NotFound)?,
        currency: currency.code().to_string(),
        periods,
        days: report::days(&facts, w),
        incremental: money(figures[1].revenue_minor - figures[0].revenue_minor),
    })
}

/// The report as CSV: a row per period, then a row per day.
pub fn csv(r: &PromotionReport) -> String {
    let mut out =
        String::from("period,from,to,orders,revenue,average_order,new_buyers,units,currency\n");
    for p in &r.periods {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            p.period.as_str(),
            p.from,
            p.to,
            p.orders,
            p.revenue.decimal_string(),
            p.average.decimal_string(),
            p.new_buyers,
            p.units,
            r.currency,
        ));
    }
    out.push_str("\nday,period,orders,revenue,currency\n");
    let c = Currency::parse(&r.currency).unwrap_or_default();
    for d in &r.days {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            d.day,
            d.period.as_str(),
            d.orders,
            Money::new(d.revenue_minor, c).decimal_string(),
            r.currency,
        ));
    }
    out
}

/// The CSV download of the signed-in seller's promotion `key`.
pub async fn csv_for(
    state: &AppState,
    user: &crate::accounts::session::SessionUser,
    key: &str,
) -> Result<String, AppError> {
    let key = PromotionKey::parse(key).map_err(|_| AppError::NotFound)?;
    let shop = crate::ctx::shop_of(&state.db, user).await?;
    Ok(csv(&report(state, &shop.id, &key, Lang::En).await?))
}
