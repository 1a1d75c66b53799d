use domain::shipping::{check_zone, ships_to};
use domain::{FieldError, Lang};
use surrealdb::types::RecordId;

use super::*;
use crate::ctx::SellerCtx;
use crate::error::bounded_text;
use crate::orders::store::shipping_methods;
use crate::state::key_of;

pub struct ZoneForm {
    pub name_en: String,
    pub name_zh: String,
    pub countries: Vec<String>,
    pub price: String,
    pub free_over: String,
    pub days_min: String,
    pub days_max: String,
}

pub async fn setup(seller: &SellerCtx) -> Result<ShippingSetup, AppError> {
    let SellerCtx {
        state, shop, prefs, ..
    } = seller;
    let currency = shop.currency();
    let lang = prefs.lang;
    let ships_from = crate::sellers::store::shop_country(&state.db, &shop.id).await?;
    let methods = shipping_methods(&state.db, vec![shop.id.clone()]).await?;
    let zones: Vec<domain::shipping::ZoneRate> = methods.iter().map(|m| m.zone()).collect();
    Ok(ShippingSetup {
        ships_from,
        currency,
        ships_to: ships_to(&zones).into_iter().map(str::to_string).collect(),
        zones: methods
            .into_iter()
            .map(|m| ZoneView {
                name: if lang == Lang::ZhHant {
                    m.name_zh.clone()
                } else {
                    m.name_en.clone()
                },
                price: Money::new(m.price_minor, currency),
                free_over: m.free_over_minor.map(|f| Money::new(f, currency)),
                days_min: m.days_min,
                days_max: m.days_max,
                countries: m.countries,
                code: m.code,
            })
            .collect(),
    })
}

/// `Standard (Asia)` → `standard-asia`.
fn code_of(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(40).collect();
    if out.is_empty() {
        // a name with no ASCII letters (亞洲): a stable code of its own, so two such
        // zones do not replace each other
        let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("zone-{:08x}", hash as u32)
    } else {
        out
    }
}

pub async fn save(seller: &SellerCtx, f: ZoneForm) -> Result<(), AppError> {
    let SellerCtx { state, shop, .. } = seller;
    let currency = shop.currency();
    let mut errs: Vec<FieldError> = Vec::new();
    let name_en = bounded_text(&f.name_en, "name_en", 1, 60, &mut errs);
    let name_zh = bounded_text(&f.name_zh, "name_zh", 0, 60, &mut errs);
    let amount = |s: &str| Money::parse_fee(s, currency).map(|m| m.amount_minor);
    let price = amount(&f.price);
    let free_over = if f.free_over.trim().is_empty() {
        Some(None)
    } else {
        amount(&f.free_over).map(Some)
    };
    let day = |s: &str| s.trim().parse::<i64>().ok();
    let zone = check_zone(
        &f.countries,
        price,
        free_over,
        day(&f.days_min),
        day(&f.days_max),
    );
    let zone = match zone {
        Ok(z) if errs.is_empty() => z,
        Ok(_) => return Err(AppError::Invalid(errs)),
        Err(more) => {
            errs.extend(more);
            return Err(AppError::Invalid(errs));
        }
    };
    let code = code_of(&name_en);
    let shop_key = key_of(&shop.id);
    let next_position = shipping_methods(&state.db, vec![shop.id.clone()])
        .await?
        .len() as i64;
    let name_zh = if name_zh.is_empty() {
        name_en.clone()
    } else {
        name_zh
    };
    crate::sellers::store::save_zone(
        &state.db,
        crate::sellers::store::ZoneInsert {
            id: RecordId::new("shipping_method", format!("{shop_key}/{code}")),
            shop: shop.id.clone(),
            code,
            name_en,
            name_zh,
            currency: currency.code().to_string(),
            zone,
            position: next_position,
        },
    )
    .await?;
    state.catalog_cache.invalidate();
    Ok(())
}

/// Removes one of the caller's own zones; the id is built from their shop, so
/// nobody reaches another shop's zone.
pub async fn remove(seller: &SellerCtx, code: &str) -> Result<(), AppError> {
    let SellerCtx { state, shop, .. } = seller;
    if code.is_empty()
        || code.len() > 40
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(AppError::NotFound);
    }
    let id = RecordId::new("shipping_method", format!("{}/{code}", key_of(&shop.id)));
    if !crate::sellers::store::delete_zone(&state.db, id, &shop.id).await? {
        return Err(AppError::NotFound);
    }
    state.catalog_cache.invalidate();
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn zone_codes() {
        assert_eq!(super::code_of("Standard (Asia)"), "standard-asia");
        assert_eq!(super::code_of("  Asia air!! "), "asia-air");
        let a = super::code_of("亞洲");
        let b = super::code_of("歐洲");
        assert!(a.starts_with("zone-") && b.starts_with("zone-"));
        assert_ne!(a, b);
        assert_eq!(a, super::code_of("亞洲"));
    }
}
