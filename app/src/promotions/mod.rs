//! Promotions: the seller centre's marketing area (`/seller/marketing`) where a shop
//! creates, schedules, pauses, ends and duplicates its promotions (item discounts,
//! 滿減 tiers, bundles) and reads what each gave away and brought in; and the words
//! that explain a promotion wherever a shopper meets it (home page, checkout, orders).
//!
//! Rules are in `domain::promotion` (the form, the status) and `domain::pricing` (what
//! a promotion takes off); server functions in `api`; server-side logic in `imp` and
//! its queries in `store`; the page in `views`.

use domain::pricing::{Kind, Off, Target};
use domain::promotion::PromotionForm;
use domain::{Currency, Lang, Money};
use serde::{Deserialize, Serialize};

use crate::i18n::K;

mod api;
mod simulator;
pub mod views;
pub mod wallet;

#[cfg(feature = "ssr")]
pub mod book;
#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub mod report;
pub mod report_view;
#[cfg(feature = "ssr")]
pub use backend::promotions::store;

pub use api::*;

/// One of the shop's promotions as the marketing area lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionView {
    pub key: String,
    pub title: String,
    /// What it does, in words ("滿 NT$1,000 減 NT$100").
    pub rule: String,
    /// `domain::promotion::Status::as_str`.
    pub status: String,
    /// `YYYY-MM-DD HH:MM` (UTC).
    pub starts: String,
    pub ends: String,
    pub budget: Option<Money>,
    pub spent: Money,
    pub orders: i64,
    pub revenue: Money,
    /// The form that makes it again (the "duplicate" button fills the form with it).
    pub copy: PromotionForm,
}

/// A voucher on a product page (to claim) or in the shopper's wallet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoucherView {
    pub key: String,
    pub title: String,
    pub shop: String,
    /// What it takes off, in words.
    pub rule: String,
    /// Its last day (UTC), `YYYY-MM-DD`.
    pub ends: String,
    /// In the wallet: `usable`, `used` (the buyer's uses are gone), `gone` (its uses in
    /// all are gone), `scheduled` or `ended`; on a product page: `claimable`.
    pub status: String,
}

/// The marketing area's page: the shop's promotions and what the form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketingData {
    pub promotions: Vec<PromotionView>,
    pub currency: String,
    /// The categories the shop's listings are in (key, name).
    pub categories: Vec<(String, String)>,
}

/// A promotion's results: the shop's orders during it against the equal periods
/// before and after it, day by day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionReport {
    pub promotion: PromotionView,
    pub currency: String,
    /// Before, during, after.
    pub periods: Vec<ReportPeriod>,
    pub days: Vec<domain::promotion::report::Day>,
    /// Revenue during it less revenue in the period before.
    pub incremental: Money,
}

/// One period of a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub period: domain::promotion::report::Period,
    /// `YYYY-MM-DD HH:MM` (UTC), [from, to).
    pub from: String,
    pub to: String,
    pub orders: i64,
    pub revenue: Money,
    pub average: Money,
    pub new_buyers: i64,
    pub units: i64,
}

/// The time left, as a countdown shows it: `2d 03:04:05`, `03:04:05`.
pub fn countdown(seconds: i64) -> String {
    let s = seconds.max(0);
    let (d, h, m, sec) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    if d > 0 {
        format!("{d}d {h:02}:{m:02}:{sec:02}")
    } else {
        format!("{h:02}:{m:02}:{sec:02}")
    }
}

/// A promotion's rule in words, in `lang`, amounts in `currency`.
pub fn describe(rule: &Kind, currency: Currency, lang: Lang) -> String {
    let money = |m: i64| Money::new(m, currency).format();
    let pct = |bp: u32| {
        if bp.is_multiple_of(100) {
            format!("{}%", bp / 100)
        } else {
            format!("{}.{:02}%", bp / 100, bp % 100)
        }
    };
    let on = |t: &Target| match t {
        Target::WholeShop => K::PmOnShop.text(lang).to_string(),
        Target::Category(_) => K::PmOnCategory.text(lang).to_string(),
        Target::Products(ps) if ps.len() == 1 => K::PmOnProduct.text(lang).to_string(),
        Target::Products(ps) => K::PmOnProducts
            .text(lang)
            .replace("{n}", &ps.len().to_string()),
    };
    match rule {
        Kind::Discount { target, off } => {
            let off = match off {
                Off::Percent(bp) => pct(*bp),
                Off::Amount(a) => money(*a),
            };
            format!(
                "{} · {}",
                K::PmOff.text(lang).replace("{off}", &off),
                on(target)
            )
        }
        Kind::Price {
            target, unit_minor, ..
        } => format!(
            "{} · {}",
            K::PmPrice
                .text(lang)
                .replace("{price}", &money(*unit_minor)),
            on(target)
        ),
        Kind::Bundle {
            target,
            min_quantity,
            off_bp,
        } => format!(
            "{} · {}",
            K::PmBundle
                .text(lang)
                .replace("{n}", &min_quantity.to_string())
                .replace("{off}", &pct(*off_bp)),
            on(target)
        ),
        Kind::SpendSave { tiers } => tiers
            .iter()
            .map(|(at, save)| {
                K::SpendSave
                    .text(lang)
                    .replace("{spend}", &money(*at))
                    .replace("{save}", &money(*save))
            })
            .collect::<Vec<_>>()
            .join(" / "),
        Kind::Voucher { min_spend, off, .. } => {
            let off = match off {
                Off::Percent(bp) => pct(*bp),
                Off::Amount(a) => money(*a),
            };
            // a voucher without a least spend is simply its discount
            let words = if *min_spend > 0 {
                K::SpendSave
            } else {
                K::PmOff
            };
            words
                .text(lang)
                .replace("{spend}", &money(*min_spend))
                .replace("{save}", &off)
                .replace("{off}", &off)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_countdown_reads_in_days_hours_minutes_and_seconds() {
        assert_eq!(countdown(0), "00:00:00");
        assert_eq!(countdown(-5), "00:00:00");
        assert_eq!(countdown(3_725), "01:02:05");
        assert_eq!(countdown(2 * 86_400 + 3_725), "2d 01:02:05");
    }

    #[test]
    fn rules_read_in_both_languages() {
        let tiers = Kind::SpendSave {
            tiers: vec![(1_000, 100)],
        };
        assert_eq!(
            describe(&tiers, Currency::TWD, Lang::ZhHant),
            "滿 NT$1,000 減 NT$100"
        );
        assert_eq!(
            describe(&tiers, Currency::TWD, Lang::En),
            "Spend NT$1,000, save NT$100"
        );
        let off = Kind::Discount {
            target: Target::Products(vec!["a".into(), "b".into()]),
            off: Off::Percent(1250),
        };
        assert_eq!(
            describe(&off, Currency::TWD, Lang::En),
            "12.50% off · 2 products"
        );
    }
}
