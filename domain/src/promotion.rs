//! Shop promotions: "spend X, save Y" (滿額折), each for a limited time. Which offer
//! applies, and how it combines with others, is the pricing engine's (`crate::pricing`).

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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(SpendSave::new(0, 1), Err(PromotionError::NotPositive));
        assert_eq!(SpendSave::new(100, 0), Err(PromotionError::NotPositive));
        assert_eq!(
            SpendSave::new(100, 100),
            Err(PromotionError::DiscountNotBelowThreshold)
        );
        assert!(SpendSave::new(1_000, 100).is_ok());
    }
}
