//! The seller dashboard's data: today's orders, the sales trend (7/30/90 days), the
//! conversion funnel, top products, low stock, returns waiting, moderation notices
//! and unread notifications. Every figure is read from small per-day rows kept up to
//! date as things happen, so the page's cost does not grow with the shop's orders.

mod api;
#[cfg(feature = "ssr")]
pub mod imp;
mod views;

pub use self::api::*;
pub use self::views::*;

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
