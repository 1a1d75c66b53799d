//! An order's money: what its lines come to (checked: no sum wraps), what the buyer
//! pays, what the shop's sale is once the shop's own discounts are off, and how a
//! refund splits between the buyer's money and the shop's ledger.
//!
//! The rule every refund path follows ([`refund`]): the buyer never gets back more
//! money than they paid for the order (a platform's welcome discount and store
//! credit were never the buyer's money); a partial refund takes from the shop what
//! the buyer gets; the refund that returns the last of the money (or a cancellation
//! or return, which refund everything) takes what is left of the shop's sale.

use serde::{Deserialize, Serialize};

/// How a card checkout or an offline one is paid. Stored as its name on the checkout
/// and the payments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Provider {
    /// Bank transfer or cash: the seller records it.
    Offline,
    /// Card through Stripe: only Stripe's webhook records it, refunds go back through it.
    Stripe,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Offline => "offline",
            Provider::Stripe => "stripe",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Provider::Offline, Provider::Stripe]
            .into_iter()
            .find(|p| p.as_str() == s)
    }

    /// Whether a checkout stored with `name` was paid by card.
    pub fn is_card(name: Option<&str>) -> bool {
        name.and_then(Provider::parse) == Some(Provider::Stripe)
    }
}

/// `unit × quantity`, or `None` if it does not fit.
pub fn line_total(unit_minor: i64, quantity: i64) -> Option<i64> {
    unit_minor.checked_mul(quantity)
}

/// The sum of `amounts`, or `None` if it does not fit.
pub fn total(amounts: impl IntoIterator<Item = i64>) -> Option<i64> {
    amounts.into_iter().try_fold(0i64, i64::checked_add)
}

/// An order's amounts as placed (minor units of its currency).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderAmounts {
    pub subtotal_minor: i64,
    pub shipping_minor: i64,
    /// What the shop's own promotions took off (the shop funds it).
    pub discount_minor: i64,
    /// What the platform's promotions took off (the platform funds it, like credit).
    #[serde(default)]
    pub platform_discount_minor: i64,
    /// A referred buyer's welcome discount.
    pub welcome_minor: i64,
    /// Whether the shop's own sharing campaign funds the welcome discount (else the platform).
    pub welcome_by_shop: bool,
    /// Store credit spent (the platform's).
    pub credit_minor: i64,
}

impl OrderAmounts {
    /// What the shop funds off the goods: its promotion and its own campaign's welcome.
    pub fn shop_funded(&self) -> i64 {
        self.discount_minor
            + if self.welcome_by_shop {
                self.welcome_minor
            } else {
                0
            }
    }

    /// The shop's sale, as its ledger posts it: goods and shipping less what the shop
    /// funds (the platform's promotions, welcome discount and store credit are paid to
    /// the shop).
    pub fn sale(&self) -> i64 {
        (self.subtotal_minor + self.shipping_minor - self.shop_funded()).max(0)
    }

    /// The money the buyer pays for the order.
    pub fn buyer_pays(&self) -> i64 {
        (self.subtotal_minor + self.shipping_minor
            - self.discount_minor
            - self.platform_discount_minor
            - self.welcome_minor
            - self.credit_minor)
            .max(0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum RefundError {
    #[error("the amount must be above zero")]
    NotPositive,
    #[error("the amount exceeds what the buyer paid and has not had back")]
    ExceedsPaid,
}

/// One refund: the money the buyer gets back, what comes off the shop's sale, and
/// whether it is the last (the order is then refunded in full).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub to_buyer_minor: i64,
    pub from_sale_minor: i64,
    pub full: bool,
}

/// Plans a refund of `amount` (`None`: everything left, as a cancellation or an
/// accepted return does) when the buyer has `money_left` of what they paid and the
/// shop's sale has `sale_left`.
pub fn refund(amount: Option<i64>, money_left: i64, sale_left: i64) -> Result<Refund, RefundError> {
    let (money_left, sale_left) = (money_left.max(0), sale_left.max(0));
    let Some(a) = amount else {
        return Ok(Refund {
            to_buyer_minor: money_left,
            from_sale_minor: sale_left,
            full: true,
        });
    };
    if a <= 0 {
        return Err(RefundError::NotPositive);
    }
    if a > money_left {
        return Err(RefundError::ExceedsPaid);
    }
    let full = a == money_left;
    Ok(Refund {
        to_buyer_minor: a,
        from_sale_minor: if full { sale_left } else { a.min(sale_left) },
        full,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_platform_funded_order_refunds_the_buyers_money_and_the_whole_sale() {
        let o = OrderAmounts {
            subtotal_minor: 1000,
            shipping_minor: 60,
            welcome_minor: 100,
            credit_minor: 300,
            ..Default::default()
        };
        assert_eq!(o.sale(), 1060);
        assert_eq!(o.buyer_pays(), 660);
        assert_eq!(refund(Some(661), 660, 1060), Err(RefundError::ExceedsPaid));
        let r = refund(Some(660), 660, 1060).unwrap();
        assert_eq!(
            (r.to_buyer_minor, r.from_sale_minor, r.full),
            (660, 1060, true)
        );
    }

    #[test]
    fn a_shop_funded_welcome_comes_off_the_sale() {
        let o = OrderAmounts {
            subtotal_minor: 1000,
            welcome_minor: 1000,
            welcome_by_shop: true,
            shipping_minor: 60,
            ..Default::default()
        };
        assert_eq!((o.sale(), o.buyer_pays()), (60, 60));
    }

    #[test]
    fn the_platforms_promotion_is_off_what_the_buyer_pays_and_not_off_the_shops_sale() {
        let o = OrderAmounts {
            subtotal_minor: 1000,
            shipping_minor: 60,
            discount_minor: 100,
            platform_discount_minor: 50,
            ..Default::default()
        };
        assert_eq!(o.shop_funded(), 100);
        assert_eq!((o.sale(), o.buyer_pays()), (960, 910));
    }

    #[test]
    fn sums_that_do_not_fit_are_refused() {
        assert_eq!(line_total(i64::MAX / 2, 3), None);
        assert_eq!(total([i64::MAX, 1]), None);
        assert_eq!(total([2, 3]), Some(5));
    }

    #[test]
    fn prices_above_the_ceiling_are_refused() {
        use crate::{Currency, Money};
        assert!(Money::parse_price("10000000", Currency::TWD).is_some());
        assert!(Money::parse_price("10,000,000.00", Currency::USD).is_some());
        assert!(Money::parse_price("10000000.01", Currency::USD).is_none());
        assert!(Money::parse_price("999999999999999", Currency::USD).is_none());
        assert!(Money::parse_price("0", Currency::USD).is_none());
        assert!(Money::parse_fee("0", Currency::USD).is_some());
        assert!(Money::parse_fee("-1", Currency::USD).is_none());
    }

    #[test]
    fn providers_read_back() {
        for p in [Provider::Offline, Provider::Stripe] {
            assert_eq!(Provider::parse(p.as_str()), Some(p));
        }
        assert!(Provider::is_card(Some("stripe")));
        assert!(!Provider::is_card(Some("offline")) && !Provider::is_card(None));
    }

    proptest! {
        /// Any sequence of partial refunds then a final one: the buyer gets back at
        /// most what they paid, and the shop's sale is refunded exactly once in full.
        #[test]
        fn refunds_never_exceed_what_was_paid(
            sub in 1i64..1_000_000, ship in 0i64..10_000, credit in 0i64..1_000_000,
            welcome in 0i64..1_000_000, by_shop: bool, asks in proptest::collection::vec(1i64..500_000, 0..6),
        ) {
            let o = OrderAmounts {
                subtotal_minor: sub,
                shipping_minor: ship,
                welcome_minor: welcome.min(sub),
                welcome_by_shop: by_shop,
                credit_minor: credit.min(sub - welcome.min(sub)),
                ..Default::default()
            };
            let (mut money, mut sale) = (o.buyer_pays(), o.sale());
            prop_assert!(money <= sale);
            let (mut back, mut off) = (0, 0);
            for a in asks.into_iter().chain([0]) {
                let ask = if a == 0 { None } else { Some(a) };
                match refund(ask, money, sale) {
                    Ok(r) => {
                        back += r.to_buyer_minor;
                        off += r.from_sale_minor;
                        money -= r.to_buyer_minor;
                        sale -= r.from_sale_minor;
                        prop_assert!(money >= 0 && sale >= 0);
                        if r.full { break; }
                    }
                    Err(_) => prop_assert!(ask.is_some_and(|a| a > money)),
                }
            }
            prop_assert_eq!(back, o.buyer_pays());
            prop_assert_eq!(off, o.sale());
        }
    }
}
