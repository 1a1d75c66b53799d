//! The seller dashboard's data: today's orders, the sales trend (7/30/90 days), the
//! conversion funnel, top products, low stock, returns waiting, moderation notices
//! and unread notifications. Every figure is read from small per-day rows kept up to
//! date as things happen, so the page's cost does not grow with the shop's orders.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPoint {
    /// `YYYY-MM-DD`
    pub day: String,
    pub orders: i64,
    pub sales_minor: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub views: i64,
    pub adds: i64,
    pub checkouts: i64,
    pub orders: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    pub id: String,
    pub title: String,
    pub value: i64,
    pub extra: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub shop_name: String,
    pub shop_slug: String,
    pub status: String,
    pub currency: String,
    pub days: i64,
    pub today_orders: i64,
    pub today_sales_minor: i64,
    pub series: Vec<DayPoint>,
    pub funnel: Funnel,
    /// Best sellers in the range: value = units, extra = sales.
    pub top: Vec<Ranked>,
    /// value = units available, extra = the alert threshold.
    pub low_stock: Vec<Ranked>,
    pub open_orders: i64,
    pub pending_returns: i64,
    /// Listings screening held or queued: value = risk score.
    pub moderation: Vec<Ranked>,
    pub reviews_to_answer: i64,
    pub unread: i64,
    pub balances: domain::ledger::Balances,
}

pub const RANGES: [i64; 3] = [7, 30, 90];

#[cfg(feature = "ssr")]
pub mod imp {
    use chrono::Duration;
    use surrealdb::types::RecordId;

    use super::{Dashboard, DayPoint, Funnel, Ranked};
    use crate::accounts::session::SessionUser;
    use crate::error::AppError;
    use crate::sellers::money::imp::{balances_of, day_of};
    use crate::sellers::store::{self, DashboardFigures, TopProduct};
    use crate::state::{key_of, AppState};

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

    pub async fn dashboard(
        state: &AppState,
        user: &SessionUser,
        days: i64,
    ) -> Result<Dashboard, AppError> {
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
        let lang = crate::prefs::Prefs::current().lang;
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
}

#[server(endpoint = "seller_dashboard")]
pub async fn get_dashboard(#[server(default)] days: i64) -> Result<Dashboard, AppError> {
    async {
        let crate::ctx::Ctx { state, user } = crate::ctx::Ctx::role(domain::Role::Seller).await?;
        imp::dashboard(&state, &user, days).await
    }
    .await
}

/// A server-rendered SVG bar chart of daily sales (readable without wasm): bars
/// scaled to the largest day, with an accessible title and a table fallback.
pub fn sales_chart_svg(series: &[DayPoint], currency: domain::Currency, label: &str) -> String {
    let w = 720.0_f64;
    let h = 200.0_f64;
    let pad_left = 8.0;
    let pad_bottom = 22.0;
    let max = series
        .iter()
        .map(|p| p.sales_minor)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = series.len().max(1) as f64;
    let slot = (w - pad_left) / n;
    let bar = (slot * 0.7).max(1.0);
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="sales-chart-title" class="h-auto w-full" data-testid="sales-chart"><title id="sales-chart-title">{}</title>"##,
        escape(label)
    );
    out.push_str(&format!(
        r##"<line x1="{pad_left}" y1="{y}" x2="{w}" y2="{y}" stroke="#cbd5e1" stroke-width="1"/>"##,
        y = h - pad_bottom
    ));
    for (i, p) in series.iter().enumerate() {
        let bh = (p.sales_minor.max(0) as f64 / max) * (h - pad_bottom - 10.0);
        let x = pad_left + i as f64 * slot + (slot - bar) / 2.0;
        let y = h - pad_bottom - bh;
        let amount = domain::Money::new(p.sales_minor, currency).format();
        out.push_str(&format!(
            r##"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{bh:.1}" rx="2" fill="#0f766e" data-day="{}" data-sales="{}"><title>{} · {} · {}</title></rect>"##,
            p.day, p.sales_minor, p.day, escape(&amount), p.orders
        ));
    }
    // first, middle and last dates under the axis
    let marks = [0, series.len() / 2, series.len().saturating_sub(1)];
    for (j, i) in marks.iter().enumerate() {
        if let Some(p) = series.get(*i) {
            let x = pad_left + *i as f64 * slot + slot / 2.0;
            let anchor = ["start", "middle", "end"][j];
            out.push_str(&format!(
                r##"<text x="{x:.1}" y="{}" font-size="11" fill="#64748b" text-anchor="{anchor}">{}</text>"##,
                h - 6.0,
                &p.day[5..]
            ));
        }
    }
    out.push_str("</svg>");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_scales_bars_to_the_best_day() {
        let series = vec![
            DayPoint {
                day: "2026-11-24".into(),
                orders: 1,
                sales_minor: 500,
            },
            DayPoint {
                day: "2026-11-25".into(),
                orders: 0,
                sales_minor: 0,
            },
            DayPoint {
                day: "2026-11-26".into(),
                orders: 2,
                sales_minor: 1000,
            },
        ];
        let svg = sales_chart_svg(&series, domain::Currency::TWD, "Sales <7 days>");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("Sales &lt;7 days&gt;"));
        assert!(svg.contains(r#"height="168.0""#), "{svg}");
        assert!(svg.contains(r#"height="84.0""#));
        assert!(svg.contains("11-26"));
    }
}
