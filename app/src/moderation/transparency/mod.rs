//! `/transparency`: the public transparency report. Per calendar month (UTC) for the
//! last six: rights notices received, listings taken down, notices rejected as
//! unfounded, counter-notices, reinstatements, takedowns upheld, the median time from
//! notice to action, moderators' decisions on screened listings and strikes issued —
//! with a server-rendered chart that reads without wasm, and the numbers as a table.

mod api;
#[cfg(feature = "ssr")]
pub mod imp;
mod views;

pub use self::api::*;
pub use self::views::*;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{t, K};
use crate::ui::{ErrorBanner, LoadingBlock};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// `yyyy-mm`.
    pub month: String,
    pub received: i64,
    pub taken_down: i64,
    pub rejected: i64,
    pub counter_notices: i64,
    pub reinstated: i64,
    pub upheld: i64,
    /// Median hours from a notice to its takedown or rejection, for items actioned in
    /// the month.
    pub median_hours_to_action: Option<i64>,
    pub listings_approved: i64,
    pub listings_rejected: i64,
    pub changes_requested: i64,
    pub strikes: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_has_three_bars_per_month_scaled_to_the_largest() {
        let periods = vec![
            Period {
                month: "2026-10".into(),
                received: 4,
                taken_down: 2,
                reinstated: 1,
                ..Default::default()
            },
            Period {
                month: "2026-11".into(),
                received: 8,
                taken_down: 0,
                reinstated: 0,
                ..Default::default()
            },
        ];
        let svg = chart_svg(&periods, "Notices <and> actions", ["a", "b", "c"]);
        assert_eq!(svg.matches("<rect").count(), 6);
        assert!(svg.contains("Notices &lt;and&gt; actions"));
        assert!(svg.contains(r#"data-month="2026-11" data-series="0" data-value="8""#));
        // the largest value gets the full height (220 - 24 - 12)
        assert!(
            svg.contains(r##"height="184.0" rx="2" fill="#0f766e" data-month="2026-11""##),
            "{svg}"
        );
        assert_eq!(median(&mut [5, 1, 9]), Some(5));
        assert_eq!(median(&mut []), None);
    }
}
