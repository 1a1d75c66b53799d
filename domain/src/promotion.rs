//! Shop promotions: "spend X, save Y" (滿額折), each for a limited time. One offer per
//! order: when several apply, the shopper gets the largest saving; they never stack.

use serde::{Deserialize, Serialize};

/// Spend at least `threshold_minor` with the shop, save `discount_minor` (same currency).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendSave {
    pub threshold_minor: i64,
    pub discount_minor: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromotionError {
    /// Threshold and discount must both be above zero.
    NotPositive,
    /// The saving must be smaller than the spend that earns it.
    DiscountNotBelowThreshold,
}

impl SpendSave {
    pub fn new(threshold_minor: i64, discount_minor: i64) -> Result<Self, PromotionError> {
        if threshold_minor <= 0 || discount_minor <= 0 {
            return Err(PromotionError::NotPositive);
        }
        if discount_minor >= threshold_minor {
            return Err(PromotionError::DiscountNotBelowThreshold);
        }
        Ok(Self {
            threshold_minor,
            discount_minor,
        })
    }

    /// The saving on a subtotal: the discount once the threshold is reached, else 0;
    /// never more than the subtotal.
    pub fn saving(&self, subtotal_minor: i64) -> i64 {
        if subtotal_minor >= self.threshold_minor && self.threshold_minor > 0 {
            self.discount_minor.clamp(0, subtotal_minor)
        } else {
            0
        }
    }
}

/// The offer that saves most on `subtotal_minor` (the first of equals) and its saving;
/// `None` when none applies.
pub fn best(subtotal_minor: i64, offers: &[SpendSave]) -> Option<(usize, i64)> {
    offers
        .iter()
        .enumerate()
        .map(|(i, o)| (i, o.saving(subtotal_minor)))
        .filter(|(_, s)| *s > 0)
        .fold(None, |acc: Option<(usize, i64)>, (i, s)| match acc {
            Some((_, best)) if best >= s => acc,
            _ => Some((i, s)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rules() {
        assert_eq!(SpendSave::new(0, 1), Err(PromotionError::NotPositive));
        assert_eq!(SpendSave::new(100, 0), Err(PromotionError::NotPositive));
        assert_eq!(
            SpendSave::new(100, 100),
            Err(PromotionError::DiscountNotBelowThreshold)
        );
        let a = SpendSave::new(1_000, 100).unwrap();
        let b = SpendSave::new(2_000, 300).unwrap();
        assert_eq!(best(999, &[a, b]), None);
        assert_eq!(best(1_000, &[a, b]), Some((0, 100)));
        assert_eq!(best(2_500, &[a, b]), Some((1, 300)));
        assert_eq!(best(2_500, &[]), None);
    }

    fn offer() -> impl Strategy<Value = SpendSave> {
        (2i64..100_000)
            .prop_flat_map(|t| (Just(t), 1..t))
            .prop_map(|(t, d)| SpendSave::new(t, d).unwrap())
    }

    proptest! {
        #[test]
        fn the_best_saving_is_bounded_earned_and_never_beaten(
            subtotal in 0i64..200_000,
            offers in prop::collection::vec(offer(), 0..6),
            extra in offer(),
        ) {
            match best(subtotal, &offers) {
                None => prop_assert!(offers.iter().all(|o| subtotal < o.threshold_minor)),
                Some((i, s)) => {
                    prop_assert!(s > 0 && s < subtotal.max(1) + 1 && s <= subtotal);
                    prop_assert!(subtotal >= offers[i].threshold_minor);
                    prop_assert!(offers.iter().all(|o| o.saving(subtotal) <= s));
                }
            }
            // one more offer never makes the shopper worse off
            let mut more = offers.clone();
            more.push(extra);
            let before = best(subtotal, &offers).map_or(0, |b| b.1);
            prop_assert!(best(subtotal, &more).map_or(0, |b| b.1) >= before);
        }
    }
}
