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
pub mod views;

#[cfg(feature = "ssr")]
pub mod imp;
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

/// The marketing area's page: the shop's promotions and what the form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketingData {
    pub promotions: Vec<PromotionView>,
    pub currency: String,
    /// The categories the shop's listings are in (key, name).
    pub categories: Vec<(String, String)>,
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
        Kind::Price { target, unit_minor } => format!(
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
            K::SpendSave
                .text(lang)
                .replace("{spend}", &money(*min_spend))
                .replace("{save}", &off)
        }
    }
}
