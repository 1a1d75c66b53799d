//! Cart rules: allowed quantities, merging an anonymous cart into an account's.

use serde::{Deserialize, Serialize};

/// Most units of one product a cart line may hold.
pub const MAX_QUANTITY: u32 = 99;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum CartError {
    #[error("quantity must be between 1 and 99")]
    BadQuantity,
    #[error("only {available} left in stock")]
    NotEnoughStock { available: u32 },
    #[error("this product is not for sale")]
    Unavailable,
}

/// Checks a requested quantity against the limit and the units available now.
pub fn check_quantity(requested: i64, available: i64) -> Result<u32, CartError> {
    if requested < 1 || requested > i64::from(MAX_QUANTITY) {
        return Err(CartError::BadQuantity);
    }
    if available <= 0 {
        return Err(CartError::Unavailable);
    }
    if requested > available {
        return Err(CartError::NotEnoughStock {
            available: available.min(i64::from(u32::MAX)) as u32,
        });
    }
    Ok(requested as u32)
}

/// A cart line as stored: product key, quantity, and the unit price when added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredLine {
    pub product: String,
    pub quantity: u32,
    pub unit_price_minor: i64,
    pub currency: String,
}

/// Units in a cart, for the header badge.
pub fn item_count(lines: &[StoredLine]) -> u32 {
    lines.iter().map(|l| l.quantity).sum()
}

/// Merges `incoming` (an anonymous cart) into `existing` (the account's): the same
/// product adds up (capped at the limit, keeping the account's recorded price),
/// new products are appended in their order.
pub fn merge(mut existing: Vec<StoredLine>, incoming: Vec<StoredLine>) -> Vec<StoredLine> {
    for line in incoming {
        match existing.iter_mut().find(|l| l.product == line.product) {
            Some(l) => l.quantity = (l.quantity + line.quantity).min(MAX_QUANTITY),
            None => existing.push(line),
        }
    }
    existing
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(p: &str, q: u32) -> StoredLine {
        StoredLine {
            product: p.into(),
            quantity: q,
            unit_price_minor: 100,
            currency: "TWD".into(),
        }
    }

    #[test]
    fn quantities() {
        assert_eq!(check_quantity(2, 5), Ok(2));
        assert_eq!(check_quantity(0, 5), Err(CartError::BadQuantity));
        assert_eq!(check_quantity(100, 500), Err(CartError::BadQuantity));
        assert_eq!(
            check_quantity(6, 5),
            Err(CartError::NotEnoughStock { available: 5 })
        );
        assert_eq!(check_quantity(1, 0), Err(CartError::Unavailable));
    }

    #[test]
    fn merging() {
        let merged = merge(vec![line("a", 2)], vec![line("a", 3), line("b", 1)]);
        assert_eq!(merged, vec![line("a", 5), line("b", 1)]);
        assert_eq!(
            merge(vec![line("a", 98)], vec![line("a", 5)])[0].quantity,
            99
        );
    }

    proptest! {
        #[test]
        fn merge_keeps_every_product_once_and_caps(a in proptest::collection::vec((0u8..5, 1u32..=99), 0..6),
                                                   b in proptest::collection::vec((0u8..5, 1u32..=99), 0..6)) {
            let dedup = |v: &[(u8, u32)]| {
                let mut out: Vec<StoredLine> = Vec::new();
                for (p, q) in v { out = merge(out, vec![line(&p.to_string(), *q)]); }
                out
            };
            let (x, y) = (dedup(&a), dedup(&b));
            let m = merge(x.clone(), y.clone());
            let mut names: Vec<_> = m.iter().map(|l| l.product.clone()).collect();
            names.sort();
            names.dedup();
            prop_assert_eq!(names.len(), m.len());
            for l in &m {
                prop_assert!(l.quantity >= 1 && l.quantity <= MAX_QUANTITY);
                let before = x.iter().chain(y.iter()).filter(|o| o.product == l.product).map(|o| o.quantity).sum::<u32>();
                prop_assert_eq!(l.quantity, before.min(MAX_QUANTITY));
            }
        }
    }
}
