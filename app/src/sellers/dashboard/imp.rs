use chrono::Duration;
use surrealdb::types::RecordId;

use super::{Dashboard, DayPoint, Funnel, Ranked};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::sellers::money::imp::{balances_of, day_of};
use crate::sellers::store::{self, DashboardDay, DashboardFigures, TopProduct};
use crate::state::key_of;

/// Best sellers since `from`, cached for a minute per shop and range: adding up
/// every product's days is the dashboard's one read that grows with the shop's
/// sales (10–30 ms at 10,000 orders), and the ranking barely moves in a minute.
async fn top_products(
    db: &crate::state::Db,
    shop: &RecordId,
    from: &str,
) -> Result<Vec<TopProduct>, AppError> {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::time::{Duration as StdDuration, Instant};
    type Entry = (Instant, Vec<(RecordId, i64, i64)>);
    static CACHE: Mutex<Option<HashMap<(String, String), Entry>>> = Mutex::new(None);
    let key = (key_of(shop), from.to_string());
    if let Some((at, rows)) = CACHE
        .lock()
        .ok()
        .and_then(|c| c.as_ref().and_then(|m| m.get(&key).cloned()))
    {
        if at.elapsed() < StdDuration::from_secs(60) {
            return Ok(rows
                .into_iter()
                .map(|(product, units, sales)| TopProduct {
                    product,
                    units,
                    sales,
                })
                .collect());
        }
    }
    let mut top = store::product_sales_since(db, shop, from).await?;
    top.retain(|t| t.units > 0);
    top.sort_by(|a, b| b.units.cmp(&a.units).then(b.sales.cmp(&a.sales)));
    top.truncate(5);
    if let Ok(mut c) = CACHE.lock() {
        let m = c.get_or_insert_with(HashMap::new);
        if m.len() > 10_000 {
            m.clear();
        }
        m.insert(
            key,
            (
                Instant::now(),
                top.iter()
                    .map(|t| (t.product.clone(), t.units, t.sales))
                    .collect(),
            ),
        );
    }
    Ok(top)
}

/// The last `days` days up to `now` (orders and sales per day, oldest first) and the
/// shoppers' funnel over them.
fn series_and_funnel(
    rows: &[DashboardDay],
    now: chrono::DateTime<chrono::Utc>,
    days: i64,
) -> (Vec<DayPoint>, Funnel) {
    let mut series = Vec::with_capacity(days as usize);
    let mut funnel = Funnel::default();
    for i in (0..days).rev() {
        let d = day_of(now - Duration::days(i));
        let row = rows.iter().find(|r| r.day == d);
        let orders = row.and_then(|r| r.orders).unwrap_or(0);
        if let Some(r) = row {
            funnel.views += r.views.unwrap_or(0);
            funnel.adds += r.adds.unwrap_or(0);
            funnel.checkouts += r.checkouts.unwrap_or(0);
            funnel.orders += orders;
        }
        series.push(DayPoint {
            day: d,
            orders,
            sales_minor: row.and_then(|r| r.sales_minor).unwrap_or(0),
        });
    }
    (series, funnel)
}

pub async fn dashboard(ctx: &Ctx, days: i64) -> Result<Dashboard, AppError> {
    let Ctx {
        state, user, prefs, ..
    } = ctx;
    let db = &state.db;
    let days = if super::RANGES.contains(&days) {
        days
    } else {
        30
    };
    let shop = crate::ctx::shop_of(db, user).await?;
    let now = state.now();
    // the counters batched since the last write (nothing to do when none were)
    if let Err(e) = crate::sellers::stats::flush(db, now).await {
        tracing::warn!(error = %e, "writing dashboard counters failed");
    }
    let today = day_of(now);
    let from = day_of(now - Duration::days(days - 1));
    let DashboardFigures {
        days: rows,
        low_stock: low,
        placed_orders,
        paid_orders,
        pending_returns,
        cases,
        unread,
    } = store::dashboard_figures(db, &shop.id, &from, &user.id).await?;
    let open_orders = placed_orders + paid_orders;
    let top = top_products(db, &shop.id, &from).await?;
    // titles for the few products named on the page
    let ids: Vec<RecordId> = top
        .iter()
        .map(|t| t.product.clone())
        .chain(low.iter().map(|l| l.product.clone()))
        .chain(cases.iter().map(|c| c.product.clone()))
        .collect();
    let titles = store::product_titles(db, ids).await?;
    let lang = prefs.lang;
    let title = |id: &RecordId| {
        titles
            .iter()
            .find(|t| &t.id == id)
            .map(|t| {
                if lang == domain::Lang::En || t.title_zh.is_empty() {
                    t.title_en.clone()
                } else {
                    t.title_zh.clone()
                }
            })
            .unwrap_or_default()
    };
    let (series, funnel) = series_and_funnel(&rows, now, days);
    let today_point = series.last().cloned().filter(|p| p.day == today);
    Ok(Dashboard {
        shop_name: shop.name.clone(),
        shop_slug: key_of(&shop.id),
        status: shop.status.clone(),
        currency: shop.currency.clone(),
        days,
        today_orders: today_point.as_ref().map(|p| p.orders).unwrap_or(0),
        today_sales_minor: today_point.as_ref().map(|p| p.sales_minor).unwrap_or(0),
        series,
        funnel,
        top: top
            .iter()
            .map(|t| Ranked {
                id: key_of(&t.product),
                title: title(&t.product),
                value: t.units,
                extra: t.sales,
            })
            .collect(),
        low_stock: low
            .iter()
            .map(|l| Ranked {
                id: key_of(&l.product),
                title: title(&l.product),
                value: l.available,
                extra: l.low_stock_threshold,
            })
            .collect(),
        open_orders,
        pending_returns,
        moderation: cases
            .iter()
            .map(|c| Ranked {
                id: key_of(&c.product),
                title: title(&c.product),
                value: c.score,
                extra: 0,
            })
            .collect(),
        reviews_to_answer: crate::reviews::imp::awaiting_reply(db, &shop.id).await?,
        unread,
        balances: balances_of(db, &shop.id).await?,
    })
}
