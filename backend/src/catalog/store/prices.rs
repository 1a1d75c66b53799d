//! Prices in the shopper's display currency and the reference prices listings filter
//! and sort by.

use domain::{Currency, Money};

use crate::db::Db;

/// Converts a price for display; `None` when it is already in that currency or no rate exists.
pub fn display_price(price: Money, to: Currency, rates: &domain::fx::RateTable) -> Option<Money> {
    if price.currency == to {
        return None;
    }
    rates.convert(price, to)
}

/// US cents per one minor unit of `c`, scaled by 10^9, from USD-based rates.
fn ref_factor(c: Currency, rates: &domain::fx::RateTable) -> Option<f64> {
    let rate = rates.usd_rate(c)?;
    // price_minor / 10^units = major units of c; / (rate/1e9) = USD; * 100 = cents
    Some(100.0 * 1e9 / (rate as f64) / 10f64.powi(c.minor_units() as i32))
}

/// Converts a display-currency amount (minor units) to reference cents.
pub fn to_reference(amount_minor: i64, c: Currency, rates: &domain::fx::RateTable) -> Option<i64> {
    ref_factor(c, rates).map(|f| (amount_minor as f64 * f).round() as i64)
}

const REPRICE_REFERENCE: &str =
    "UPDATE product SET price_ref_minor = math::round(price_minor * $f) WHERE currency = $c";

/// Recomputes every product's reference price from the current rates (after seeding,
/// importing or changing rates). Reference prices only filter and sort.
pub async fn reprice_reference(db: &Db) -> Result<(), surrealdb::Error> {
    let rates = crate::fx::store::rate_table(db).await?;
    for c in Currency::ALL {
        let Some(factor) = ref_factor(c, &rates) else {
            continue;
        };
        db.query(REPRICE_REFERENCE)
            .bind(("f", factor))
            .bind(("c", c.code().to_string()))
            .await?
            .check()?;
    }
    Ok(())
}
