//! The marketing area's "duplicate": the form that makes a promotion again.

use super::{Draft, PromotionForm, MAX_TIERS};
use crate::pricing::{Kind, Off, Target};
use crate::{Currency, Money};

/// The form that makes the same promotion again (the marketing area's "duplicate"),
/// with an empty schedule for the seller to choose.
pub fn form_of(d: &Draft, currency: Currency) -> PromotionForm {
    let major = |m: i64| Money::new(m, currency).decimal_string();
    let pct = |bp: u32| {
        if bp.is_multiple_of(100) {
            (bp / 100).to_string()
        } else {
            format!("{}.{:02}", bp / 100, bp % 100)
        }
    };
    let mut f = PromotionForm {
        title_en: d.title_en.clone(),
        title_zh: d.title_zh.clone(),
        budget: d.budget_minor.map(major).unwrap_or_default(),
        members: if d.members_only { "on" } else { "" }.into(),
        ..PromotionForm::default()
    };
    let set_target = |f: &mut PromotionForm, t: &Target| match t {
        Target::WholeShop => f.target = "shop".into(),
        Target::Category(c) => (f.target, f.category) = ("category".into(), c.clone()),
        Target::Products(ps) => (f.target, f.products) = ("products".into(), ps.join(", ")),
    };
    match &d.rule {
        Kind::Discount { target, off } => {
            set_target(&mut f, target);
            match off {
                Off::Percent(bp) => (f.kind, f.percent) = ("percent".into(), pct(*bp)),
                Off::Amount(a) => (f.kind, f.amount) = ("amount".into(), major(*a)),
            }
        }
        Kind::Bundle {
            target,
            min_quantity,
            off_bp,
        } => {
            set_target(&mut f, target);
            f.kind = "bundle".into();
            f.percent = pct(*off_bp);
            f.min_quantity = min_quantity.to_string();
        }
        Kind::SpendSave { tiers } => {
            f.kind = "spend_save".into();
            for (i, (at, off)) in tiers.iter().take(MAX_TIERS).enumerate() {
                f.spend[i] = major(*at);
                f.save[i] = major(*off);
            }
        }
        Kind::Price {
            target: Target::Products(ps),
            unit_minor,
            ..
        } => {
            if let Some(stock) = d.flash {
                f.kind = "flash".into();
                f.products = ps.join(", ");
                f.price = major(*unit_minor);
                f.units = stock.units.to_string();
                f.per_buyer = stock.per_buyer.to_string();
            }
        }
        Kind::Voucher {
            min_spend,
            off,
            cap_minor,
        } => {
            f.kind = "voucher".into();
            match off {
                Off::Percent(bp) => f.percent = pct(*bp),
                Off::Amount(a) => f.amount = major(*a),
            }
            f.min_spend = if *min_spend > 0 {
                major(*min_spend)
            } else {
                String::new()
            };
            f.cap = cap_minor.map(major).unwrap_or_default();
            if let Some(t) = &d.voucher {
                f.code = t.code.clone().unwrap_or_default();
                f.total = t.total.map(|n| n.to_string()).unwrap_or_default();
                f.per_buyer = t.per_buyer.to_string();
                f.new_buyers = if t.new_buyers {
                    "on".into()
                } else {
                    String::new()
                };
            }
        }
        Kind::Price { .. } => {}
    }
    f
}
