//! The margin simulator: before launching a promotion, what it does to one unit's
//! margin from the seller's cost, and how many more units it must sell to earn what
//! the shop earns today.

use serde::{Deserialize, Serialize};

use crate::{Currency, FieldError, FieldErrorCode, Money};

/// One unit's margin before and during the promotion, and the extra volume that
/// keeps the total margin (hundredths of a percent of today's units, rounded up).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Margin {
    pub before_minor: i64,
    pub after_minor: i64,
    /// `None` when a unit sells at a loss (or nothing) during the promotion: no volume
    /// makes that up.
    pub break_even_extra_bp: Option<i64>,
}

/// The margin of a unit priced `price` and costing `cost`, when a promotion charges
/// `promo` for it (all in minor units).
pub fn margin(price: i64, cost: i64, promo: i64) -> Margin {
    let (before, after) = (price - cost, promo - cost);
    let extra = (after > 0).then(|| {
        // units × after ≥ today's units × before, for units = today's × (1 + bp/10,000)
        let (b, a) = (i128::from(before.max(0)), i128::from(after));
        let bp = (b * 10_000 + a - 1) / a - 10_000;
        bp.clamp(0, i128::from(i64::MAX)) as i64
    });
    Margin {
        before_minor: before,
        after_minor: after,
        break_even_extra_bp: extra,
    }
}

/// The simulator's form as typed (major units of the shop's currency): refused field
/// by field (a promo price above the price, a cost that is not an amount).
pub fn simulate(
    price: &str,
    cost: &str,
    promo: &str,
    currency: Currency,
) -> Result<Margin, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut amount = |field: &str, raw: &str, zero_ok: bool| {
        let m = if zero_ok {
            Money::parse_fee(raw, currency)
        } else {
            Money::parse_price(raw, currency)
        };
        if m.is_none() {
            errors.push(FieldError::new(field, FieldErrorCode::InvalidPrice));
        }
        m.map(|m| m.amount_minor)
    };
    let (p, c, q) = (
        amount("sim_price", price, false),
        amount("sim_cost", cost, true),
        amount("sim_promo", promo, true),
    );
    match (p, c, q) {
        (Some(p), Some(c), Some(q)) if q <= p => Ok(margin(p, c, q)),
        (Some(_), Some(_), Some(_)) => Err(vec![FieldError::new(
            "sim_promo",
            FieldErrorCode::InvalidPrice,
        )]),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_tenth_off_a_forty_percent_margin_needs_a_third_more_units() {
        let m = margin(1_000, 600, 900);
        assert_eq!((m.before_minor, m.after_minor), (400, 300));
        assert_eq!(m.break_even_extra_bp, Some(3_334), "+33.34 %, rounded up");
        assert_eq!(margin(1_000, 600, 1_000).break_even_extra_bp, Some(0));
        assert_eq!(
            margin(1_000, 600, 600).break_even_extra_bp,
            None,
            "no margin left"
        );
        assert_eq!(margin(1_000, 600, 500).after_minor, -100, "a loss per unit");
    }

    #[test]
    fn the_form_is_checked_field_by_field() {
        let codes = |p: &str, c: &str, q: &str| match simulate(p, c, q, Currency::TWD) {
            Ok(_) => vec![],
            Err(e) => e.into_iter().map(|e| e.field).collect::<Vec<_>>(),
        };
        assert!(codes("1,000", "600", "900").is_empty());
        assert!(codes("1,000", "0", "0").is_empty(), "free cost, a giveaway");
        assert_eq!(codes("", "abc", "900"), ["sim_price", "sim_cost"]);
        assert_eq!(
            codes("1,000", "600", "1,001"),
            ["sim_promo"],
            "above the price"
        );
        assert_eq!(codes("1,000", "-1", "900"), ["sim_cost"]);
        assert_eq!(codes("9".repeat(40).as_str(), "1", "1"), ["sim_price"]);
    }

    proptest! {
        /// Selling the extra volume at the promo margin earns at least today's margin,
        /// and one hundredth of a percent less would not.
        #[test]
        fn the_break_even_volume_is_the_least_that_keeps_the_margin(
            cost in 0i64..1_000_000, before in 1i64..1_000_000, cut in 0i64..1_000_000,
        ) {
            let price = cost + before;
            let promo = (price - cut).max(0);
            let m = margin(price, cost, promo);
            match m.break_even_extra_bp {
                None => prop_assert!(m.after_minor <= 0),
                Some(bp) => {
                    let (b, a) = (i128::from(m.before_minor), i128::from(m.after_minor));
                    let units = |bp: i64| i128::from(10_000 + bp);
                    prop_assert!(units(bp) * a >= 10_000 * b);
                    if bp > 0 {
                        prop_assert!(units(bp - 1) * a < 10_000 * b);
                    }
                }
            }
        }
    }
}
