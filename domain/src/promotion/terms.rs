//! What a flash sale and a voucher add to a promotion: promo stock and a limit per
//! buyer; a code, uses in all and per buyer, and an audience.

use serde::{Deserialize, Serialize};

/// Who may use a voucher and how often.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoucherTerms {
    /// Upper case; `None`: claimed from the product pages only.
    pub code: Option<String>,
    /// Uses in all (`None`: no limit).
    pub total: Option<i64>,
    pub per_buyer: i64,
    pub new_buyers: bool,
}

/// A voucher code as typed, in the form it is kept: 4 to 20 letters, digits or dashes,
/// upper case.
pub fn voucher_code(raw: &str) -> Option<String> {
    let code = raw.trim().to_ascii_uppercase();
    ((4..=20).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then_some(code)
}

/// Whether a buyer may use a voucher now: it is in their wallet and they have uses
/// left, uses are left in all, and a voucher for new buyers only finds them new.
pub fn voucher_usable(
    terms: &VoucherTerms,
    used_in_all: i64,
    used_by_buyer: Option<i64>,
    buyer_is_new: bool,
) -> bool {
    let Some(mine) = used_by_buyer else {
        return false;
    };
    mine < terms.per_buyer
        && terms.total.is_none_or(|t| used_in_all < t)
        && (!terms.new_buyers || buyer_is_new)
}

/// A flash sale's reserved promo stock and its limit per buyer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlashStock {
    pub units: i64,
    pub per_buyer: i64,
}

/// Promo units a buyer may still have at the flash price: what is left of the stock,
/// within what the buyer may still have.
pub fn flash_units_left(stock: FlashStock, sold: i64, bought_by_buyer: i64) -> i64 {
    (stock.units - sold)
        .min(stock.per_buyer - bought_by_buyer)
        .max(0)
}
